/**
 * External ids of demo records: a `DEMO-` prefix and a kind, so that any row, export or log line
 * that carries one is plainly generated data, and ids stay stable for a given seed and size.
 */
const KINDS = {
  currencyRate: ['CUR', 4],
  person: ['PER', 4],
  product: ['PRD', 3],
  account: ['ACC', 5],
  opportunity: ['OPP', 6],
  history: ['OPH', 7],
  lineItem: ['OLI', 6],
  split: ['SPL', 6],
} as const;

export type DemoRecordKind = keyof typeof KINDS;

/** 'DEMO-OPP-000123' for the 123rd opportunity. */
export function demoExternalId(kind: DemoRecordKind, sequence: number): string {
  const [code, width] = KINDS[kind];
  return `DEMO-${code}-${String(sequence).padStart(width, '0')}`;
}
