import { parentPort, workerData } from 'node:worker_threads';
import { onLiveProgress } from '../services/jobs/live-progress.ts';
import { openDatabase } from '../services/open-database.ts';
import type { FromJobThread, JobThreadData } from './sqlite-job-thread-messages.ts';
import { runLoggedJob } from './run-logged-job.ts';

// One job on a thread of its own, with its own connection to the SQLite file: see run-job-on-thread.ts.
const data = workerData as JobThreadData;
const send = (message: FromJobThread): void => parentPort?.postMessage(message);
onLiveProgress((jobId, progress) => send({ type: 'progress', jobId, progress }));
const store = await openDatabase(data.target, { migrate: false, mustExist: true });
try {
  await runLoggedJob(store, data.jobId, data.workerName, (line) => send({ type: 'log', line }));
} finally {
  await store.close();
}
