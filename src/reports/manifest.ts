import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileUnder } from '../slash-paths.js';
import { partBytes, type Part } from '../output/files.js';

/** Where the manifest lives in a built site. */
export const MANIFEST_PATH = 'reports/manifest.json';

/** One downloadable file: its site path, byte size and SHA-256. */
export interface ManifestEntry {
  /** The site path. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
  /** Its SHA-256, in hex. */
  sha256: string;
}

/** The manifest of a built site's downloads. */
export interface Manifest {
  format: 1;
  /** The dataset version of the whole build. */
  dataset: string;
  generated: string;
  files: ManifestEntry[];
}

/** The manifest of the site in `root`; throws when it cannot be read or lists no files. */
export async function readManifest(root: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(fileUnder(root, MANIFEST_PATH), 'utf8')) as Manifest;
  if (!Array.isArray(manifest.files)) throw new Error('it has no list of files');
  return manifest;
}

/** True for the files a reader downloads: reports, data files, the schema and record files. */
export function isDownload(sitePath: string): boolean {
  if (sitePath === MANIFEST_PATH || sitePath === 'reports/index.html') return false;
  return /^(reports|data|schema)\//.test(sitePath) || /^records\/[^/]+\/[^/]+\.(yaml|json)$/.test(sitePath);
}

/** Size and SHA-256 of some bytes. */
export function fingerprint(sitePath: string, bytes: string | Uint8Array): ManifestEntry {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return { path: sitePath, bytes: buffer.byteLength, sha256: createHash('sha256').update(buffer).digest('hex') };
}

/** Size and SHA-256 of a file written in parts: pass the parts through `tee`, then read `entry`. */
export function fingerprintParts(sitePath: string): { tee(parts: Iterable<Part>): Iterable<Uint8Array>; entry(): ManifestEntry } {
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    // Each part is encoded (or read) once, here, and passed on as bytes.
    *tee(parts) {
      for (const part of parts) {
        const buffer = partBytes(part);
        hash.update(buffer);
        bytes += buffer.byteLength;
        yield buffer;
      }
    },
    entry: () => ({ path: sitePath, bytes, sha256: hash.digest('hex') }),
  };
}

/** One way a tree differs from its manifest. */
export interface Mismatch {
  /** The file. */
  path: string;
  /** Missing, or changed. */
  problem: 'missing' | 'changed';
  /** What differs. */
  detail: string;
}

/** Checks every file the manifest names under `root`; returns what differs. */
export async function verifyTree(root: string, manifest: Manifest): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  for (const entry of manifest.files) {
    const bytes = await readFile(fileUnder(root, entry.path)).catch(() => undefined);
    if (bytes === undefined) {
      out.push({ path: entry.path, problem: 'missing', detail: 'the file is not there' });
      continue;
    }
    const actual = fingerprint(entry.path, bytes);
    if (actual.bytes !== entry.bytes) out.push({ path: entry.path, problem: 'changed', detail: `${actual.bytes} bytes, expected ${entry.bytes}` });
    else if (actual.sha256 !== entry.sha256) out.push({ path: entry.path, problem: 'changed', detail: `SHA-256 ${actual.sha256}, expected ${entry.sha256}` });
  }
  return out;
}
