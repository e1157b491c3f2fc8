/**
 * A progress line on stderr while a large stack compiles: shown only once a compile has
 * run for a second, only on a terminal, never under --quiet or when output is meant for
 * a machine (JSON, SARIF, workflow commands), and erased when the compile is done.
 */
export const PROGRESS_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

export interface ProgressConditions {
  /** stderr is a terminal. */
  isTTY: boolean;
  quiet: boolean;
  /** Some output (stdout or the diagnostics) is JSON, SARIF or workflow commands. */
  machineOutput: boolean;
  elapsedMs: number;
}

export function showsProgress(c: ProgressConditions): boolean {
  return c.isTTY && !c.quiet && !c.machineOutput && c.elapsedMs >= PROGRESS_AFTER_MS;
}

export function progressText(podsExpanded: number, elapsedMs: number): string {
  return `podlike-gen: compiling… ${podsExpanded} pod${podsExpanded === 1 ? '' : 's'} expanded (${(elapsedMs / 1000).toFixed(1)} s)`;
}

/** Where the line goes and under which conditions; asked for only once a second has passed. */
export interface ProgressTarget {
  stream: NodeJS.WritableStream;
  conditions: Omit<ProgressConditions, 'elapsedMs'>;
}

/** The line itself: redrawn in place at most every 100 ms, erased by clear(). */
export class ProgressLine {
  private readonly start: number;
  private lastDrawn = -Infinity;
  private target: ProgressTarget | undefined;

  constructor(
    private readonly targetOf: () => ProgressTarget,
    private readonly now: () => number = Date.now,
  ) {
    this.start = now();
  }

  update(podsExpanded: number): void {
    const time = this.now();
    const elapsedMs = time - this.start;
    if (elapsedMs < PROGRESS_AFTER_MS || time - this.lastDrawn < REDRAW_EVERY_MS) return;
    // Asking a stream whether it is a terminal creates it: a fast run never does.
    this.target ??= this.targetOf();
    if (!showsProgress({ ...this.target.conditions, elapsedMs })) return;
    this.lastDrawn = time;
    this.target.stream.write(`\r${progressText(podsExpanded, elapsedMs)}\x1b[K`);
  }

  clear(): void {
    if (this.target && this.lastDrawn > -Infinity) this.target.stream.write('\r\x1b[K');
    this.lastDrawn = -Infinity;
  }
}
