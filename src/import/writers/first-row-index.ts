/** Ids per sealed run: small enough that sealing and searching one is cheap. */
const RUN_IDS = 1_024;

/** Ids that arrived in rising order, packed into one string with their offsets and rows. */
interface Run {
  readonly first: string;
  readonly text: string;
  /** Where each id starts in `text`, and one past the end of the last. */
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/**
 * The row each id was first seen on, to refuse an id a file gives twice. A Map of a million ids
 * cost the writer more than everything else it does per row, and kept every id string alive
 * through the file. Exports usually list ids in sorted order, and an id above every one seen
 * cannot be a repeat: those need no lookup, and are kept packed a thousand to a string. Only ids
 * that arrive out of order go in a Map.
 */
export class FirstRowIndex {
  private readonly runs: Run[] = [];
  private open: string[] = [];
  private openRows: number[] = [];
  /** The highest id in the runs (and the open one). */
  private highest: string | null = null;
  private readonly outOfOrder = new Map<string, number>();

  /** The row `id` was first seen on; or, the first time, undefined after noting it as seen on `row`. */
  firstOrAdd(id: string, row: number): number | undefined {
    if (this.highest === null || id > this.highest) {
      this.highest = id;
      this.open.push(id);
      this.openRows.push(row);
      if (this.open.length >= RUN_IDS) this.seal();
      return undefined;
    }
    const first = this.outOfOrder.get(id) ?? this.inRuns(id);
    if (first === undefined) this.outOfOrder.set(id, row);
    return first;
  }

  private seal(): void {
    const ids = this.open;
    const offsets = new Int32Array(ids.length + 1);
    let at = 0;
    ids.forEach((id, i) => {
      offsets[i] = at;
      at += id.length;
    });
    offsets[ids.length] = at;
    this.runs.push({ first: ids[0] ?? '', text: ids.join(''), offsets, rows: Int32Array.from(this.openRows) });
    this.open = [];
    this.openRows = [];
  }

  /** The row of `id` among the rising ids, by binary search: the runs and the ids in each are sorted. */
  private inRuns(id: string): number | undefined {
    const inOpen = search(this.open.length, (i) => this.open[i] ?? '', id);
    if (inOpen !== undefined) return this.openRows[inOpen];
    // The last run whose first id is at most `id` is the only one that can hold it.
    let low = 0;
    let high = this.runs.length - 1;
    let found: Run | undefined;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const run = this.runs[middle];
      if (run === undefined) break;
      if (run.first <= id) {
        found = run;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found === undefined) return undefined;
    const run = found;
    const index = search(run.rows.length, (i) => run.text.slice(run.offsets[i] ?? 0, run.offsets[i + 1] ?? 0), id);
    return index === undefined ? undefined : run.rows[index];
  }
}

/** The index of `id` among `length` sorted ids read by `at`, or undefined. */
function search(length: number, at: (index: number) => string, id: string): number | undefined {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const candidate = at(middle);
    if (candidate === id) return middle;
    if (candidate < id) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
