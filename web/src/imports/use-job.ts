import { useEffect, useState } from 'react';
import type { Job } from '../../../src/contracts/jobs.ts';
import { getJson, isHttpError } from '../lib/http-client.ts';

export function isFinished(job: Job): boolean {
  return job.status === 'succeeded' || job.status === 'failed';
}

/** Polling when the event stream is unavailable: once a second, as the API suggests. */
const POLL_INTERVAL_MS = 1000;
/** Consecutive failed polls (server restarting, network blip) before giving up. */
const MAX_POLL_FAILURES = 5;

/**
 * Follows a background job: the server's event stream (`event: job`, one Job per message) until
 * the job finishes, and polling GET /api/jobs/:id once a second when the stream cannot be used.
 */
export function useJob(jobId: string | null): { readonly job: Job | null; readonly error: unknown } {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setJob(null);
    setError(null);
    if (jobId === null) return;
    const path = `/api/jobs/${encodeURIComponent(jobId)}`;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | null = null;
    let failures = 0;

    const poll = () => {
      getJson<Job>(path).then(
        (next) => {
          if (stopped) return;
          failures = 0;
          setJob(next);
          if (!isFinished(next)) timer = setTimeout(poll, POLL_INTERVAL_MS);
        },
        (failure: unknown) => {
          if (stopped) return;
          failures += 1;
          // A 4xx will not change by asking again (the job is gone or not ours); anything else may.
          const permanent = isHttpError(failure) && failure.status >= 400 && failure.status < 500;
          if (permanent || failures >= MAX_POLL_FAILURES) setError(failure);
          else timer = setTimeout(poll, POLL_INTERVAL_MS);
        },
      );
    };

    if (typeof EventSource === 'undefined') {
      poll();
    } else {
      let last: Job | null = null;
      const stream = new EventSource(`${path}/events`);
      source = stream;
      stream.addEventListener('job', (event: MessageEvent<string>) => {
        last = JSON.parse(event.data) as Job;
        setJob(last);
        if (isFinished(last)) stream.close();
      });
      // The stream also errors when the server ends it; only an unfinished job needs the fallback.
      stream.onerror = () => {
        stream.close();
        if (!stopped && (last === null || !isFinished(last))) poll();
      };
    }

    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [jobId]);

  return { job, error };
}
