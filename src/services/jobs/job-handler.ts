import type { Permission } from '../../core/access/permission.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';

/** The kinds of job salesops runs. */
export const JOB_KINDS = ['import'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export function isJobKind(value: string): value is JobKind {
  return (JOB_KINDS as readonly string[]).includes(value);
}

export interface JobProgressUpdate {
  readonly done: number;
  /** The amount of work, in the same unit as `done`; null while unknown; left out: as last reported. */
  readonly total?: number | null;
  /** What is being worked on, e.g. the file being imported; left out: as last reported. */
  readonly label?: string | null;
}

export interface JobProgressReporter {
  /** Records how far the job is. Cheap enough to call for every row: writes are throttled. */
  report(update: JobProgressUpdate): void;
}

export interface JobContext {
  readonly store: Store;
  /** The user the job runs for, with no more rights than the request that submitted it. */
  readonly actor: Actor;
  readonly jobId: string;
  /** The input as stored at submission (checked then by `parseInput`). */
  readonly input: unknown;
  readonly progress: JobProgressReporter;
  /** A line for the server log (details that must not reach the job's public error). */
  readonly log: (line: string) => void;
}

/** What a kind of job needs, checks and does. */
export interface JobHandler {
  /** Needed to submit the job. */
  readonly permission: Permission;
  /** Checks the input at submission and returns it as it is stored; throws ServiceError 'invalid_argument'. */
  parseInput(input: unknown): unknown;
  /** Does the work; the value it returns (JSON) becomes the job's result. */
  run(context: JobContext): Promise<unknown>;
}

export type JobHandlers = Readonly<Partial<Record<string, JobHandler>>>;
