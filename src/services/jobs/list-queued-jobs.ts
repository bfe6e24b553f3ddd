import type { Store } from '../../store/database.ts';
import { listJobRecords } from '../../store/job-repository.ts';

/** The ids of jobs waiting to run, oldest first: what a queue picks up when it starts. */
export async function listQueuedJobIds(store: Store, options: { readonly limit?: number } = {}): Promise<string[]> {
  const records = await listJobRecords(store.db, { status: 'queued', order: 'oldest', limit: options.limit ?? 1_000 });
  return records.map((record) => record.id);
}
