import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OWN = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { dependencies?: Record<string, string> };

/** The installed version of a package, found from where Node resolves it. */
function installedVersion(name: string): string {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? 'unknown';
      } catch {
        // Not here; look one folder up.
      }
      const up = path.dirname(dir);
      if (up === dir) return 'unknown';
      dir = up;
    }
  } catch {
    return 'missing';
  }
}

/** The installed versions of every runtime dependency, by name. */
export function dependencyVersions(): Record<string, string> {
  return Object.fromEntries(Object.keys(OWN.dependencies ?? {}).sort().map((name) => [name, installedVersion(name)]));
}
