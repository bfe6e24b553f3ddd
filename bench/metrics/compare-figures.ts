import type { Figures } from './dashboard-page.ts';

export interface FigureDifference {
  readonly name: string;
  readonly ours: number | null | undefined;
  readonly peer: number | null | undefined;
}

/**
 * The figures that differ between salesops and the peer. A name only one side reports is a slice
 * the other left out because nothing is in it: it agrees when the side reporting it says 0 or null.
 * Present on both sides, figures must be equal exactly (money is integer minor units; ratios are
 * computed from the same integer counts on both sides).
 */
export function compareFigures(ours: Figures, peer: Figures): FigureDifference[] {
  const names = [...new Set([...ours.keys(), ...peer.keys()])].sort();
  const differences: FigureDifference[] = [];
  for (const name of names) {
    const a = ours.get(name);
    const b = peer.get(name);
    const empty = (value: number | null | undefined) => value === undefined || value === null || value === 0;
    const agree = a === undefined || b === undefined ? empty(a) && empty(b) : a === b;
    if (!agree) differences.push({ name, ours: a, peer: b });
  }
  return differences;
}
