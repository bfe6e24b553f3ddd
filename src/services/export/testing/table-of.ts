import type { ExportTable } from '../export-entity.ts';

/** An export table over rows held in memory, for testing the writers. */
export function tableOf(header: string[], rows: string[][]): ExportTable {
  return {
    header,
    rows: {
      [Symbol.asyncIterator]: () => {
        const iterator = rows[Symbol.iterator]();
        return { next: () => Promise.resolve(iterator.next()) };
      },
    },
  };
}
