import { z } from 'zod';

export const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type JobStatus = z.infer<typeof jobStatus>;

export const job = z.object({
  id: z.string(),
  kind: z.string(),
  status: jobStatus,
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable(), label: z.string().nullable() }),
  result: z.unknown().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type Job = z.infer<typeof job>;
export const jobList = z.object({ items: z.array(job) });
