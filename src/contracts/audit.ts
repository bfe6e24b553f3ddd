import { z } from 'zod';
import { pageOf, pageQuery } from './common.ts';

export const auditQuery = pageQuery.extend({
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(64).optional(),
  /** Occurred at or after (ISO date or instant, UTC). */
  from: z.string().max(40).optional(),
  /** Occurred before (ISO date or instant, UTC). */
  to: z.string().max(40).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEvent = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEventItem = z.infer<typeof auditEvent>;
export const auditPage = pageOf(auditEvent);
