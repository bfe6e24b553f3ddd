import type { Command } from 'commander';
import type { ImportJobResult } from '../../contracts/imports.ts';
import type { Job } from '../../contracts/jobs.ts';
import { watchJob } from '../../jobs/watch-job.ts';
import { CLI_ACTOR } from '../../services/access/actor.ts';
import { listJobs } from '../../services/jobs/get-job.ts';
import { globalOptions, print, printJson, withStore } from '../cli-context.ts';
import { ReportedFailure } from '../error-exit.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import { formatTable } from '../print-table.ts';
import { createProgressBar, formatBytes, formatCount } from '../progress-bar.ts';
import { parsePositiveNumber } from '../parse-options.ts';

const n = (value: number): string => value.toLocaleString('en-US');

function progressText(job: Job): string {
  const { done, total } = job.progress;
  if (total === null || total <= 0) return done > 0 ? n(done) : '';
  return `${Math.floor((Math.min(done, total) / total) * 100)}%`;
}

export function formatJobList(jobs: readonly Job[]): string {
  if (jobs.length === 0) return 'No jobs.';
  return formatTable(
    [{ header: 'id' }, { header: 'kind' }, { header: 'status' }, { header: 'created by' }, { header: 'created' }, { header: 'progress', align: 'right' }, { header: 'error', maxWidth: 60 }],
    jobs.map((job) => [job.id, job.kind, job.status, job.createdBy, job.createdAt.slice(0, 19).replace('T', ' '), progressText(job), job.error === null ? '' : `${job.error.code}: ${job.error.message}`]),
  );
}

function isImportResult(job: Job): job is Job & { result: ImportJobResult } {
  return job.kind === 'import' && typeof job.result === 'object' && job.result !== null && Array.isArray((job.result as { files?: unknown }).files);
}

/** The first rejected rows shown per file. */
const SHOWN_ERRORS = 10;

export function formatImportResult(result: ImportJobResult): string {
  const parts = [
    formatTable(
      [{ header: 'file', maxWidth: 40 }, { header: 'entity' }, { header: 'preset' }, { header: 'status' }, { header: 'rows', align: 'right' }, { header: 'inserted', align: 'right' }, { header: 'updated', align: 'right' }, { header: 'unchanged', align: 'right' }, { header: 'rejected', align: 'right' }],
      result.files.map((f) => [f.file, f.entity || '-', f.preset || '-', f.status === 'dry_run' ? 'dry run' : f.status, n(f.rowsRead), n(f.inserted), n(f.updated), n(f.unchanged), n(f.rejected)]),
    ),
  ];
  if (result.files.some((f) => f.status === 'dry_run')) parts.push('Dry run: the counts say what an import would do; nothing was written.');
  for (const file of result.files) {
    if (file.errors.length === 0) continue;
    const shown = file.errors.slice(0, SHOWN_ERRORS);
    parts.push(`${file.file}: first ${shown.length} of the rejected rows:`);
    parts.push(formatTable([{ header: 'row', align: 'right' }, { header: 'column' }, { header: 'message', maxWidth: 100 }], shown.map((e) => [String(e.row), e.column ?? '', e.message])));
  }
  return parts.map((part) => part.trimEnd()).join('\n\n');
}

/** Follows a job to its end with a progress bar on stderr, then prints its outcome. */
async function watch(target: string, jobId: string, options: { readonly json: boolean; readonly intervalMs: number }): Promise<void> {
  const job = await withStore(target, { migrate: false, mustExist: true }, async (store) => {
    let bar: ReturnType<typeof createProgressBar> | null = null;
    try {
      return await watchJob(store, CLI_ACTOR, jobId, (update) => {
        if (update.status !== 'running') return;
        // Import progress counts bytes of the uploaded files.
        bar ??= createProgressBar({ stream: process.stderr, label: `${update.kind} ${update.id}`, total: update.progress.total ?? 0, formatCount: update.kind === 'import' ? formatBytes : formatCount });
        bar.update(update.progress.done, update.progress.total ?? 0);
      }, { intervalMs: options.intervalMs });
    } finally {
      (bar as ReturnType<typeof createProgressBar> | null)?.finish();
    }
  });
  if (options.json) printJson(job);
  if (job.status === 'failed') {
    const error = job.error ?? { code: 'internal', message: 'no reason recorded' };
    process.stderr.write(`error: job ${job.id} failed: ${error.message} (${error.code})\n`);
    throw new ReportedFailure(EXIT_CODES.unexpected, `job ${job.id} failed`);
  }
  if (!options.json) print(isImportResult(job) ? formatImportResult(job.result) : `Job ${job.id} succeeded.`);
  // As `salesops import`: an import that ran but refused a file exits 3.
  if (isImportResult(job) && job.result.files.some((f) => f.status === 'rejected' || f.status === 'failed')) {
    throw new ReportedFailure(EXIT_CODES.importRejected, 'some files were not imported');
  }
}

export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('long-running work, such as imports started in the web app: list jobs, follow one');
  jobs
    .command('list')
    .description('the latest jobs, newest first')
    .option('--limit <count>', 'how many jobs to show (1-200)', parsePositiveNumber, 20)
    .action(async (options: { limit: number }, command: Command) => {
      const global = globalOptions(command);
      const list = await withStore(global.db, { migrate: false, mustExist: true }, (store) => listJobs(store, CLI_ACTOR, { limit: options.limit }));
      if (global.json) printJson({ items: list });
      else print(formatJobList(list));
    });
  jobs
    .command('watch <id>')
    .description('follow a job with a progress bar until it ends: exit 0 when it succeeded, 1 when it failed, 3 when an import refused a file')
    .option('--interval <ms>', 'how often to read the job, in milliseconds', parsePositiveNumber, 500)
    .action(async (id: string, options: { interval: number }, command: Command) => {
      const global = globalOptions(command);
      await watch(global.db, id, { json: global.json, intervalMs: options.interval });
    });
}
