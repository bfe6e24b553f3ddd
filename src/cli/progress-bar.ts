/** Where a bar draws: stderr, or a fake in tests. */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressBarOptions {
  readonly stream: ProgressStream;
  readonly label: string;
  /** The amount of work; 0 when unknown (the bar then shows the count and rate only). */
  readonly total: number;
  /** Shown after the counts: 'rows', 'pages'. Ignored when `formatCount` is given. */
  readonly unit?: string;
  /** Formats done/total, e.g. as megabytes. */
  readonly formatCount?: (n: number) => string;
  /** Draw only after this long, so quick work leaves no bar behind (default 0). */
  readonly showAfterMs?: number;
  /** Minimum time between redraws (default 100 ms: at most ten a second). */
  readonly intervalMs?: number;
  /** Milliseconds from any fixed origin; tests pass a fake clock. */
  readonly now?: () => number;
}

export interface ProgressBar {
  /** Records progress; redraws when the interval has passed. */
  update(done: number, total?: number): void;
  /** Draws the final state (when the bar was shown) and ends its line. */
  finish(): void;
}

const MAX_BAR_WIDTH = 30;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/**
 * A one-line progress bar (percent, count, rate, ETA) redrawn in place on a terminal at most ten
 * times a second. On anything but a terminal it draws nothing: logs and pipes get no control
 * characters, and the command's own summary says what happened.
 */
export function createProgressBar(options: ProgressBarOptions): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const enabled = options.stream.isTTY === true;
  const interval = options.intervalMs ?? 100;
  const showAfter = options.showAfterMs ?? 0;
  const format = options.formatCount ?? ((n: number) => `${formatCount(n)}${options.unit === undefined ? '' : ` ${options.unit}`}`);
  const started = now();
  let total = options.total;
  let done = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;
  let finished = false;

  const render = (at: number): string => {
    const elapsed = (at - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const rateText = options.formatCount === undefined ? `${formatCount(rate)}/s` : `${options.formatCount(rate)}/s`;
    if (total <= 0) return `${options.label}  ${format(done)}  ${rateText}`;
    const fraction = Math.min(1, done / total);
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    const eta = rate > 0 ? formatDuration((total - done) / rate) : '?';
    const text = `${percent}  ${format(done)}/${format(total)}  ${rateText}  ETA ${eta}`;
    // A terminal of unknown size (some ptys) reports 0 columns.
    const columns = options.stream.columns !== undefined && options.stream.columns > 0 ? options.stream.columns : 80;
    const width = Math.min(MAX_BAR_WIDTH, columns - options.label.length - text.length - 5);
    if (width < 5) return `${options.label} ${text}`;
    const filled = Math.round(fraction * width);
    return `${options.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`;
  };

  const draw = (at: number): void => {
    lastDraw = at;
    shown = true;
    // \r returns to the line start; ESC[K clears what a longer previous line left behind.
    options.stream.write(`\r${render(at)}\u001b[K`);
  };

  return {
    update(nextDone, nextTotal) {
      if (finished) return;
      done = nextDone;
      if (nextTotal !== undefined) total = nextTotal;
      if (!enabled) return;
      const at = now();
      if (at - started < showAfter || at - lastDraw < interval) return;
      draw(at);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (!enabled || !shown) return;
      draw(now());
      options.stream.write('\n');
    },
  };
}

export interface SteppedProgress {
  /** Progress of `step`; a new step finishes the previous step's bar and starts its own. */
  update(step: string, done: number, total: number): void;
  finish(): void;
}

/** One bar per step (a file, a phase), one after another on the same stream. */
export function createSteppedProgress(makeBar: (step: string, total: number) => ProgressBar): SteppedProgress {
  const state: { step: string | null; bar: ProgressBar | null } = { step: null, bar: null };
  return {
    update(step, done, total) {
      if (state.bar === null || state.step !== step) {
        state.bar?.finish();
        state.step = step;
        state.bar = makeBar(step, total);
      }
      state.bar.update(done, total);
    },
    finish() {
      state.bar?.finish();
      state.bar = null;
      state.step = null;
    },
  };
}
