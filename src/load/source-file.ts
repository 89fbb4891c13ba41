import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rules.js';
import { RULES } from '../diagnostics/rules.js';

/** The largest record file the format accepts. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A record file's text, as read from disk. */
export interface SourceFile {
  /** The path shown in messages: relative to the working directory, `/` separators. */
  display: string;
  /** The path relative to the records folder, `/` separators. */
  relative: string;
  /** The decoded text, without a byte-order mark. */
  text: string;
}

/** A problem of the file as a whole, reported at 1:1. */
export function fileDiagnostic(display: string, rule: RuleId, message: string): Diagnostic {
  const point = { line: 1, column: 1 };
  return { file: display, start: point, end: point, severity: RULES[rule].severity, rule, message };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes record bytes: UTF-8 only, a leading byte-order mark dropped. */
export function decodeRecordBytes(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Reads one record file, refusing files over 1 MiB and files that are not UTF-8. Synchronous:
 * for thousands of small files, about five times faster than overlapping promise-based reads.
 */
export function readSourceFile(absolute: string, display: string, relative: string): SourceFile | Diagnostic {
  try {
    const info = statSync(absolute);
    if (info.size > MAX_FILE_BYTES) {
      return fileDiagnostic(display, 'file-too-large', `the file is ${info.size} bytes; a record file may hold at most ${MAX_FILE_BYTES} bytes (1 MiB)`);
    }
    const text = decodeRecordBytes(readFileSync(absolute));
    if (text === undefined) return fileDiagnostic(display, 'file-encoding', 'the file is not valid UTF-8 text');
    return { display, relative, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return fileDiagnostic(display, 'file-unreadable', `the file could not be read (${code})`);
  }
}
