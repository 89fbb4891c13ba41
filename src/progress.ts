/**
 * How far a long run has come, for the progress line on a terminal: counts the stages add to
 * as they go. They call it inside their loops, so a call costs a counter and a clock reading.
 */
export interface Progress {
  /** `count` more record files checked (found in the cache, or checked now). */
  checked(count: number): void;
  /** One more file drawn and handed to the output folder. */
  written(): void;
}
