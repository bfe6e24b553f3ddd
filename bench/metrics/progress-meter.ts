/**
 * Progress of a long load, printed at most every `intervalMs`: what has been done and the rate in
 * rows per second since the start. The clock is passed in so the arithmetic can be tested.
 */
export interface ProgressMeter {
  /** Reports `rows` written so far; prints when the interval has passed (or when `force`). */
  update(rows: number, detail: string, force?: boolean): void;
  /** Seconds since the meter started. */
  elapsedSeconds(): number;
}

export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round(rows / (elapsedMs / 1000)) : 0;
}

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export function createProgressMeter(label: string, print: (line: string) => void, options: { readonly intervalMs?: number; readonly now?: () => number } = {}): ProgressMeter {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 2_000;
  const startedAt = now();
  let printedAt = startedAt;
  return {
    update(rows, detail, force = false) {
      const at = now();
      if (!force && at - printedAt < intervalMs) return;
      printedAt = at;
      print(`${label}: ${detail}, ${formatCount(rowsPerSecond(rows, at - startedAt))} rows/s, ${((at - startedAt) / 1000).toFixed(0)} s`);
    },
    elapsedSeconds: () => (now() - startedAt) / 1000,
  };
}
