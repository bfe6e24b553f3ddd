import { Worker } from 'node:worker_threads';
import { failInterruptedJobs } from '../services/jobs/fail-interrupted-jobs.ts';
import { clearLiveProgress, setLiveProgress } from '../services/jobs/live-progress.ts';
import type { Store } from '../services/open-database.ts';
import type { FromJobThread, JobThreadData } from './sqlite-job-thread-messages.ts';

/**
 * The thread's first lines: the sources are TypeScript, so it registers tsx's loader (as
 * bin/salesops.js does) before importing the job thread's module.
 */
function threadBootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./sqlite-job-thread.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

/**
 * Runs one SQLite job on a thread of its own. better-sqlite3 waits for a lock synchronously: with
 * the job on the serving thread, a request that wrote while the import held the write lock froze
 * the whole thread (the import included) for the busy timeout and then failed. On its own thread
 * the import goes on while a request waits, and a request's short transaction no longer stalls
 * the import. Progress comes back as messages and is served from this thread's live progress.
 * A thread that dies mid-job leaves its row running: it is marked failed here at once.
 */
export async function runJobOnThread(store: Store, jobId: string, workerName: string, log: (line: string) => void): Promise<void> {
  const data: JobThreadData = { target: store.target, jobId, workerName };
  const thread = new Worker(threadBootstrap(), { eval: true, workerData: data });
  thread.on('message', (message: FromJobThread) => {
    if (message.type === 'log') log(message.line);
    else if (message.progress === null) clearLiveProgress(message.jobId);
    else setLiveProgress(message.jobId, message.progress);
  });
  const exitCode = await new Promise<number>((resolve) => {
    thread.on('error', (error) => log(`job ${jobId}: its thread stopped: ${error.message}`));
    thread.on('exit', resolve);
  });
  clearLiveProgress(jobId);
  // Jobs run one at a time on SQLite, so a job still running now is the one this thread left.
  const failed = await failInterruptedJobs(store, { staleAfterMs: 0 });
  if (failed > 0 || exitCode !== 0) log(`job ${jobId}: its thread exited with code ${exitCode}${failed > 0 ? '; the job is marked failed' : ''}`);
}
