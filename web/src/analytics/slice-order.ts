/**
 * Orders for slices the API returns in key order (stage ids, category codes), where people expect
 * the sales process's own order.
 */
import type { SalesProcess } from '../../../src/contracts/settings.ts';

export interface StageInfo {
  /** Position across every process: processes in the order listed, stages by their sort order. */
  readonly position: number;
  readonly isClosed: boolean;
  readonly isWon: boolean;
}

export function stageInfoOf(processes: readonly SalesProcess[]): Map<string, StageInfo> {
  const info = new Map<string, StageInfo>();
  for (const process of processes) {
    for (const stage of [...process.stages].sort((a, b) => a.sortOrder - b.sortOrder)) {
      info.set(stage.id, { position: info.size, isClosed: stage.isClosed, isWon: stage.isWon });
    }
  }
  return info;
}

/**
 * Stage slices in process order, unknown stages last; closed stages left out when no deal sits in
 * them (open pipeline never does), so the chart shows the stages a deal can be worked in.
 */
export function arrangeStageSlices<Slice extends { readonly key: string; readonly recordCount: number }>(slices: readonly Slice[], stages: ReadonlyMap<string, StageInfo>): Slice[] {
  const position = (slice: Slice) => stages.get(slice.key)?.position ?? Number.MAX_SAFE_INTEGER;
  return slices.filter((slice) => slice.recordCount > 0 || stages.get(slice.key)?.isClosed !== true).sort((a, b) => position(a) - position(b));
}

/** Slices in the order of `keys`, others after them in the order given; empty slices of `droppable` keys left out. */
export function arrangeByKeys<Slice extends { readonly key: string; readonly recordCount: number }>(slices: readonly Slice[], keys: readonly string[], droppable: readonly string[] = []): Slice[] {
  const rank = (slice: Slice) => {
    const index = keys.indexOf(slice.key);
    return index === -1 ? keys.length : index;
  };
  return slices.filter((slice) => slice.recordCount > 0 || !droppable.includes(slice.key)).sort((a, b) => rank(a) - rank(b));
}
