import type { Store } from '../services/open-database.ts';
import type { JobQueue } from '../services/jobs/job-queue.ts';
import type { OidcSignIn } from './oidc/oidc-sign-in.ts';

export interface ServerConfig {
  /** Mark the session cookie Secure. Set when the server is reached over HTTPS (directly or behind a TLS proxy). */
  readonly secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (for the caller's address in throttling and TLS detection). */
  readonly trustProxy: boolean;
  /** Folder of the built web app (index.html and assets); null serves the API alone. */
  readonly webRoot: string | null;
  /** Largest JSON body accepted, in bytes. */
  readonly bodyLimitBytes: number;
  /** Largest upload accepted, in bytes. */
  readonly uploadLimitBytes: number;
  /** Signs short-lived cookies. Processes behind one load balancer must share it (SALESOPS_COOKIE_SECRET). */
  readonly cookieSecret: string;
  /** Fastify's logger: false in tests, 'info' in production. */
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

/** What every route handler can reach: the database, the job queue, the configuration, single sign-on when configured. */
export interface ApiDeps {
  readonly store: Store;
  readonly queue: JobQueue;
  readonly config: ServerConfig;
  readonly oidc: OidcSignIn | null;
}
