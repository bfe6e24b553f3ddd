import { z } from 'zod';
import { databaseStatus } from '../../services/database-status.ts';
import { defineRoute } from '../define-route.ts';

const health = z.object({
  status: z.literal('ok'),
  engine: z.string(),
  schema: z.string().nullable(),
  workspace: z.object({ name: z.string(), isDemo: z.boolean() }).nullable(),
});

export const HEALTH_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/health',
    area: 'health',
    summary: 'Whether the server and its database answer (no counts: it is public)',
    auth: 'public',
    response: { kind: 'json', schema: health },
    handler: async ({ deps }) => {
      const status = await databaseStatus(deps.store);
      return {
        status: 'ok' as const,
        engine: status.engine,
        schema: status.schema.version,
        workspace: status.workspace === null ? null : { name: status.workspace.name, isDemo: status.workspace.isDemo },
      };
    },
  }),
];
