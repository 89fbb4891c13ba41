import path from 'node:path';

/**
 * Where a path written with `/` (a record file relative to its folder, a site path) lies under
 * a folder, in the platform's own form. Shared by the stages that read records and those that
 * write the site.
 *
 * A plain path (every segment a name: none empty, `.` or `..`) under an absolute folder in
 * its normal form (no trailing `/`) is the folder, `/` and the path where `/` is the
 * separator: what `path.join` makes of it, without its normalizing, which a one-record rebuild
 * at 10,000 records did for some 31,000 paths on the main thread and 40,000 on the stats
 * thread (about a microsecond each). Anything else goes to `path.join`; a property test holds
 * the two equal.
 */
export function fileUnder(root: string, slashPath: string): string {
  if (root !== lastRoot) {
    lastRoot = root;
    rootIsNormal = path.sep === '/' && path.isAbsolute(root) && !root.endsWith('/') && path.join(root) === root;
  }
  if (rootIsNormal && PLAIN.test(slashPath)) return `${root}/${slashPath}`;
  return path.join(root, ...slashPath.split('/'));
}

// The last folder asked about, and whether it is absolute and normal (asked once a folder).
let lastRoot: string | undefined;
let rootIsNormal = false;

/** Segments that are names, none empty, `.` or `..`, joined by single slashes. */
const PLAIN = /^(?:(?!\.\.?\/)[^/]+\/)*(?!\.\.?$)[^/]+$/;
