import { z } from 'zod';
import { exportFormat, idParam } from '../../contracts/common.ts';
import { job, jobList } from '../../contracts/jobs.ts';
import { exportJobs } from '../../services/jobs/export-jobs.ts';
import { getJob, listJobs } from '../../services/jobs/get-job.ts';
import { watchJob } from '../../jobs/watch-job.ts';
import { defineRoute } from '../define-route.ts';

/** The list and its export take the same limit, so the file holds what the table shows. */
const jobListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const JOB_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/jobs',
    area: 'jobs',
    summary: 'Your recent jobs (administrators and ops: everyone’s), newest first',
    auth: 'signed-in',
    query: jobListQuery,
    response: { kind: 'json', schema: jobList },
    handler: async ({ deps, actor, query }) => ({ items: await listJobs(deps.store, actor, { limit: query.limit }) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/jobs/export',
    area: 'jobs',
    summary: 'Your recent jobs (administrators and ops: everyone’s), newest first, as CSV or XLSX',
    auth: 'signed-in',
    query: jobListQuery.extend({ format: exportFormat.default('csv') }),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportJobs(deps.store, actor, { limit: query.limit }, query.format),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/jobs/:id',
    area: 'jobs',
    summary: 'A job’s status, progress and result',
    auth: 'signed-in',
    params: idParam,
    response: { kind: 'json', schema: job },
    handler: ({ deps, actor, params }) => getJob(deps.store, actor, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/jobs/:id/events',
    area: 'jobs',
    summary: 'Server-sent events: one "job" event per progress change until the job finishes',
    auth: 'signed-in',
    params: idParam,
    response: { kind: 'raw' },
    handler: async ({ deps, actor, params, request, reply }) => {
      // Answers 404 before the stream opens when the job is missing or not the caller's.
      await getJob(deps.store, actor, params.id);
      const controller = new AbortController();
      request.raw.on('close', () => controller.abort());
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (value: unknown): void => {
        if (!reply.raw.writableEnded) reply.raw.write(`event: job\ndata: ${JSON.stringify(value)}\n\n`);
      };
      try {
        await watchJob(deps.store, actor, params.id, send, { intervalMs: 250, signal: controller.signal });
      } catch (error) {
        if (!controller.signal.aborted) request.log.warn({ err: error }, 'job event stream ended with an error');
      } finally {
        reply.raw.end();
      }
    },
  }),
];
