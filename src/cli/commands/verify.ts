import path from 'node:path';
import { MANIFEST_PATH, readManifest, verifyTree, type Manifest } from '../../reports/manifest.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check a built or downloaded site against its manifest of sizes and SHA-256 sums',
  usage: 'verify [OUT]',
  positionals: 1,
  options: {},
  async run(args, io) {
    const root = path.resolve(io.cwd, args.positionals[0] ?? 'out');
    let manifest: Manifest;
    try {
      manifest = await readManifest(root);
    } catch (error) {
      io.stderr.write(`disclosed verify: cannot read ${path.join(args.positionals[0] ?? 'out', MANIFEST_PATH)}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    const problems = await verifyTree(root, manifest);
    for (const p of problems) io.stdout.write(`${p.problem}: ${p.path} (${p.detail})\n`);
    io.stderr.write(problems.length === 0 ? `all ${manifest.files.length} files match the manifest (dataset ${manifest.dataset.slice(0, 12)})\n` : `${problems.length} of ${manifest.files.length} files do not match the manifest\n`);
    return problems.length === 0 ? EXIT.ok : EXIT.failed;
  },
};
