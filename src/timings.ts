/** Phase timings of one run, for the progress line and `npm run bench`. */
export class Timings {
  private last = performance.now();
  /** Milliseconds spent in each phase, in order, and the resident memory (MiB) at its end. */
  readonly phases: Array<[string, number, number]> = [];

  private readonly started = performance.now();

  /** `onMark` hears of each finished phase (the progress line on a terminal). */
  constructor(private readonly onMark?: (phase: string, elapsedMs: number) => void) {}

  /** Closes the current phase under `name`. */
  mark(name: string): void {
    const now = performance.now();
    this.phases.push([name, Math.round(now - this.last), Math.round(process.memoryUsage.rss() / 1048576)]);
    this.last = now;
    this.onMark?.(name, now - this.started);
  }

  /** "read 120 ms (80 MiB), check 3400 ms (410 MiB), ..." */
  toString(): string {
    return this.phases.map(([n, ms, mib]) => `${n} ${ms} ms (${mib} MiB)`).join(', ');
  }
}
