import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../../api/api-deps.ts';
import { oidcConfigFromEnv } from '../../api/oidc/oidc-config.ts';
import { createOidcSignIn, type OidcSignIn } from '../../api/oidc/oidc-sign-in.ts';
import { buildServer } from '../../api/server.ts';
import { createJobQueue } from '../../jobs/create-job-queue.ts';
import { openDatabase } from '../../services/open-database.ts';
import { globalOptions, print, printJson } from '../cli-context.ts';
import { parsePort } from '../parse-options.ts';

export const DEFAULT_PORT = 3000;

/** The built web app, served at / when present. */
export const WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly json: boolean;
  /** Run queued jobs in this process. Always on SQLite; on PostgreSQL off when `salesops worker` processes take them. */
  readonly runJobs: boolean;
  /** Printed after the address (the demo sign-ins, say). */
  readonly banner?: readonly string[];
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

const flag = (value: string | undefined): boolean => value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());

/** The server's settings from the environment (documented in the README). */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    secureCookies: flag(env.SALESOPS_SECURE_COOKIES),
    trustProxy: flag(env.SALESOPS_TRUST_PROXY),
    webRoot: WEB_ROOT,
    bodyLimitBytes: 1024 * 1024,
    uploadLimitBytes: 200 * 1024 * 1024,
    // Without a shared secret each process makes its own: fine for one process, not for several behind a balancer.
    cookieSecret: env.SALESOPS_COOKIE_SECRET ?? randomBytes(32).toString('base64url'),
    logLevel: env.SALESOPS_LOG_LEVEL === 'debug' || env.SALESOPS_LOG_LEVEL === 'info' ? env.SALESOPS_LOG_LEVEL : 'warn',
  };
}

async function oidcFromEnv(publicUrl: string): Promise<OidcSignIn | null> {
  const config = oidcConfigFromEnv(process.env, publicUrl);
  return config === null ? null : createOidcSignIn(config);
}

/**
 * Serves the API and the web app until SIGINT or SIGTERM, then stops accepting connections, lets
 * requests in flight finish, stops the job queue and closes the database.
 */
export async function serveDatabase(target: string, options: ServeOptions): Promise<void> {
  // Never migrates: an outdated or empty database is refused with the command that fixes it.
  const store = await openDatabase(target, { migrate: false, mustExist: true });
  let app: FastifyInstance | null = null;
  const queue = createJobQueue(store, { runJobsHere: store.engine === 'sqlite' || options.runJobs });
  try {
    const publicUrl = process.env.SALESOPS_PUBLIC_URL ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`;
    const oidc = await oidcFromEnv(publicUrl);
    await queue.start();
    app = await buildServer({ store, queue, config: serverConfigFromEnv(process.env), oidc });
    const stopped = untilSignal();
    const address = await app.listen({ port: options.port, host: options.host });
    const port = Number(new URL(address).port);
    const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/`;
    if (options.json) printJson({ url, port, host: options.host, database: store.target });
    else {
      print(`salesops is running at ${url} (database ${store.target}). Press Ctrl+C to stop.`);
      for (const line of options.banner ?? []) print(line);
    }
    const signal = await stopped;
    process.stderr.write(`\n${signal}: stopping…\n`);
  } finally {
    await app?.close();
    await queue.stop();
    await store.close();
  }
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the API (docs at /api/docs) and the web app; on SQLite, jobs run in this process')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--no-jobs', 'PostgreSQL: leave queued jobs to `salesops worker` processes')
    .action(async (options: { port: number; host: string; jobs: boolean }, command: Command) => {
      const global = globalOptions(command);
      await serveDatabase(global.db, { port: options.port, host: options.host, json: global.json, runJobs: options.jobs });
    });
}
