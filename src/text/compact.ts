/**
 * The same text as one flat string, one byte a character when it can be. For strings kept
 * long (memoized HTML, drawn events) that were built by concatenating and slicing: V8 holds
 * such a string as a tree of its parts, 32 bytes a node plus the parts (and whatever larger
 * strings the slices point into), and makes it two bytes a character when any part was.
 */
export function compact(text: string): string {
  return /[^\x00-\xff]/.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : Buffer.from(text, 'latin1').toString('latin1');
}
