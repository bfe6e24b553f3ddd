import type { Kysely, Selectable } from 'kysely';
import { newId } from './new-id.ts';
import type { Database, JobTable } from './schema.ts';

/**
 * Jobs: long work with progress. The job row is the truth for a job's status on both engines, so
 * any process (the API, a worker, `salesops jobs watch`) reads the same state. A job moves
 * queued → running → succeeded | failed, and only forwards: every transition names the status it
 * leaves, so two workers can never both claim a job nor finish it twice.
 */

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobError {
  readonly code: string;
  readonly message: string;
}

export interface JobProgress {
  readonly done: number;
  /** Null while the amount of work is unknown. */
  readonly total: number | null;
  readonly label: string | null;
}

/** Who asked for the job and with which role and channel, kept so the work runs with no more rights than the request had. */
export interface JobSubmitter {
  readonly role: string;
  readonly via: string;
}

export interface JobRecord {
  readonly id: string;
  readonly kind: string;
  readonly status: JobStatus;
  /** A user id, or 'cli' / 'system'. */
  readonly createdBy: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly heartbeatAt: string | null;
  readonly worker: string | null;
  readonly progress: JobProgress;
  readonly input: unknown;
  readonly submittedAs: JobSubmitter | null;
  readonly result: unknown;
  readonly error: JobError | null;
}

export interface NewJob {
  readonly kind: string;
  readonly createdBy: string;
  /** Any JSON-serialisable value. */
  readonly input: unknown;
  readonly submittedAs: JobSubmitter;
}

export type JobOutcome = { readonly status: 'succeeded'; readonly result: unknown } | { readonly status: 'failed'; readonly error: JobError };

/** The user a job runs for, as its app_user row says now. */
export interface JobUser {
  readonly id: string;
  readonly role: string;
  readonly personId: string | null;
  readonly displayName: string;
  readonly active: boolean;
}

/** input_json holds the job's input beside the submitter's role and channel: `{ input, submittedAs }`. */
interface StoredInput {
  readonly input?: unknown;
  readonly submittedAs?: JobSubmitter;
}

const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed'];

function statusOf(value: string): JobStatus {
  // A status written by a newer version reads as failed rather than breaking every list.
  return (JOB_STATUSES as readonly string[]).includes(value) ? (value as JobStatus) : 'failed';
}

const fromJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function toRecord(row: Selectable<JobTable>): JobRecord {
  const stored = (fromJson(row.input_json) ?? {}) as StoredInput;
  return {
    id: row.id,
    kind: row.kind,
    status: statusOf(row.status),
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
    worker: row.worker,
    progress: { done: row.progress_done, total: row.progress_total, label: row.progress_label },
    input: stored.input ?? null,
    submittedAs: stored.submittedAs ?? null,
    result: fromJson(row.result_json),
    error: fromJson(row.error_json) as JobError | null,
  };
}

/** Inserts a queued job. */
export async function insertJob(db: Kysely<Database>, job: NewJob, now: string = new Date().toISOString()): Promise<JobRecord> {
  const row: Selectable<JobTable> = {
    id: newId('job'),
    kind: job.kind,
    status: 'queued',
    created_by: job.createdBy,
    created_at: now,
    started_at: null,
    finished_at: null,
    heartbeat_at: null,
    worker: null,
    progress_done: 0,
    progress_total: null,
    progress_label: null,
    input_json: JSON.stringify({ input: job.input ?? null, submittedAs: job.submittedAs } satisfies StoredInput),
    result_json: null,
    error_json: null,
  };
  await db.insertInto('job').values(row).execute();
  return toRecord(row);
}

export async function getJobRecord(db: Kysely<Database>, id: string): Promise<JobRecord | null> {
  const row = await db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toRecord(row);
}

export interface JobFilter {
  readonly createdBy?: string;
  readonly status?: JobStatus;
  /** 'newest' (default) or 'oldest' first; ties in time fall back to the id, which sorts by creation too. */
  readonly order?: 'newest' | 'oldest';
  /** Default 50. */
  readonly limit?: number;
}

export async function listJobRecords(db: Kysely<Database>, filter: JobFilter = {}): Promise<JobRecord[]> {
  let query = db.selectFrom('job').selectAll();
  if (filter.createdBy !== undefined) query = query.where('created_by', '=', filter.createdBy);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const direction = filter.order === 'oldest' ? 'asc' : 'desc';
  const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(filter.limit ?? 50).execute();
  return rows.map(toRecord);
}

/**
 * Marks a queued job running for `worker`, atomically: the UPDATE matches only while the job is
 * still queued, so of two workers racing for it exactly one gets the row back; the other gets null.
 */
export async function claimQueuedJob(db: Kysely<Database>, id: string, worker: string, now: string = new Date().toISOString()): Promise<JobRecord | null> {
  const result = await db
    .updateTable('job')
    .set({ status: 'running', worker, started_at: now, heartbeat_at: now })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return null;
  return getJobRecord(db, id);
}

/** Records a running job's progress; it doubles as a heartbeat. No effect once the job has finished. */
export async function recordJobProgress(db: Kysely<Database>, id: string, progress: JobProgress, now: string = new Date().toISOString()): Promise<void> {
  await db
    .updateTable('job')
    .set({ progress_done: progress.done, progress_total: progress.total, progress_label: progress.label, heartbeat_at: now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Says the process running the job is alive. */
export async function recordJobHeartbeat(db: Kysely<Database>, id: string, now: string = new Date().toISOString()): Promise<void> {
  await db.updateTable('job').set({ heartbeat_at: now }).where('id', '=', id).where('status', '=', 'running').execute();
}

/**
 * Ends a job that is in status `from` (default running) with its result or error and its last
 * progress. Returns the finished job, or null when the job was no longer in that status (another
 * process already marked it, e.g. as interrupted).
 */
export async function finishJob(
  db: Kysely<Database>,
  id: string,
  outcome: JobOutcome,
  options: { readonly progress?: JobProgress; readonly from?: 'queued' | 'running'; readonly now?: string } = {},
): Promise<JobRecord | null> {
  const now = options.now ?? new Date().toISOString();
  const progress = options.progress === undefined ? {} : { progress_done: options.progress.done, progress_total: options.progress.total, progress_label: options.progress.label };
  const result = await db
    .updateTable('job')
    .set({
      status: outcome.status,
      finished_at: now,
      result_json: outcome.status === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
      error_json: outcome.status === 'failed' ? JSON.stringify({ code: outcome.error.code, message: outcome.error.message }) : null,
      ...progress,
    })
    .where('id', '=', id)
    .where('status', '=', options.from ?? 'running')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return null;
  return getJobRecord(db, id);
}

/**
 * Fails every running job whose last heartbeat is before `heartbeatBefore` (or that never sent
 * one) with `error`, and returns their ids. One statement, so a job that heartbeats meanwhile is
 * either seen alive or failed, never half-updated.
 */
export async function failStaleJobs(
  db: Kysely<Database>,
  options: { readonly heartbeatBefore: string; readonly error: JobError; readonly now?: string },
): Promise<string[]> {
  const now = options.now ?? new Date().toISOString();
  const rows = await db
    .updateTable('job')
    .set({ status: 'failed', finished_at: now, error_json: JSON.stringify(options.error) })
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', options.heartbeatBefore)]))
    .returning('id')
    .execute();
  return rows.map((row) => row.id).sort();
}

/**
 * The app_user row a job runs for (its role and person may have changed since it was submitted).
 * A plain read of the user table; the sign-in module owns every write to it.
 */
export async function getJobUser(db: Kysely<Database>, userId: string): Promise<JobUser | null> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'role', 'person_id', 'display_name', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, role: row.role, personId: row.person_id, displayName: row.display_name, active: row.active === 1 };
}
