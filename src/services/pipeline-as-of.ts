import type { PlainDate } from '../core/shared/plain-date.ts';
import type { Store } from '../store/database.ts';
import { hasSnapshot, readSnapshot } from '../store/snapshot-repository.ts';
import { loadPipelineHistory, type PipelineFilter, type PipelineRow } from './load-pipeline-history.ts';

export type { PipelineFilter, PipelineRow };

/**
 * The pipeline as it stood at the end of `asOf`: every opportunity created by then, with the
 * stage, amount, close date, category and owner it had at that instant, in opportunity id order.
 * For the open pipeline of a date whose weekly snapshot exists, the snapshot is read (a snapshot
 * holds every open deal but only the week's closed ones); otherwise the pipeline is rebuilt from
 * the current rows and their field history.
 */
export async function pipelineAsOf(store: Store, asOf: PlainDate, filter: PipelineFilter = {}): Promise<PipelineRow[]> {
  if (filter.openOnly === true && (await hasSnapshot(store.db, asOf))) return readSnapshot(store.db, asOf, filter);
  const history = await loadPipelineHistory(store.db, asOf);
  return history.rowsAsOf(asOf, filter);
}
