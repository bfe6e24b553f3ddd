import type { RouteDefinition } from '../define-route.ts';
import { AUDIT_ROUTES } from './audit-routes.ts';
import { AUTH_ROUTES } from './auth-routes.ts';
import { HEALTH_ROUTES } from './health-routes.ts';
import { IMPORT_ROUTES } from './import-routes.ts';
import { JOB_ROUTES } from './job-routes.ts';
import { METRIC_ROUTES } from './metric-routes.ts';
import { PEOPLE_ROUTES } from './people-routes.ts';
import { PIPELINE_ROUTES } from './pipeline-routes.ts';
import { SETTINGS_ROUTES } from './settings-routes.ts';
import { TOKEN_ROUTES, USER_ROUTES } from './user-routes.ts';

/** Every route the server registers, grouped by area. The authorization matrix test covers each one. */
export const ROUTES: readonly RouteDefinition[] = [
  ...HEALTH_ROUTES,
  ...AUTH_ROUTES,
  ...PIPELINE_ROUTES,
  ...METRIC_ROUTES,
  ...PEOPLE_ROUTES,
  ...SETTINGS_ROUTES,
  ...USER_ROUTES,
  ...TOKEN_ROUTES,
  ...AUDIT_ROUTES,
  ...IMPORT_ROUTES,
  ...JOB_ROUTES,
];
