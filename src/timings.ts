/** Phase timings of one run, for the progress line and `npm run bench`. */
export class Timings {
  private last = performance.now();
  /** Milliseconds spent in each phase, in order. */
  readonly phases: Array<[string, number]> = [];

  /** Closes the current phase under `name`. */
  mark(name: string): void {
    const now = performance.now();
    this.phases.push([name, Math.round(now - this.last)]);
    this.last = now;
  }

  /** "read 120 ms, check 3400 ms, ..." */
  toString(): string {
    return this.phases.map(([n, ms]) => `${n} ${ms} ms`).join(', ');
  }
}
