import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../core/access/role.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { createInProcessQueue } from '../../jobs/in-process-queue.ts';
import { CLI_ACTOR } from '../../services/access/actor.ts';
import { createUser } from '../../services/auth/manage-users.ts';
import type { JobQueue } from '../../services/jobs/job-queue.ts';
import { addAccountOwner } from '../../store/account-repository.ts';
import type { Engine } from '../../store/engine.ts';
import { addReportingLine } from '../../store/person-repository.ts';
import { createFactories } from '../../store/testing/factories.ts';
import { openTestStore, type TestStore } from '../../store/testing/test-stores.ts';
import type { ServerConfig } from '../api-deps.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../request-auth.ts';
import { buildServer } from '../server.ts';

export const TEST_SERVER_CONFIG: ServerConfig = {
  secureCookies: false,
  trustProxy: false,
  webRoot: null,
  bodyLimitBytes: 64 * 1024,
  uploadLimitBytes: 256 * 1024,
  cookieSecret: 'test-cookie-secret-0123456789abcdef',
  logLevel: 'silent',
};

export interface SignedInUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly personId: string | null;
  cookie: string;
  csrf: string;
}

/** Records owned by the rep (R1), by the rep's manager (M1), and by a rep in another team (R2). */
export interface OwnedRecords {
  readonly rep: string;
  readonly manager: string;
  readonly other: string;
}

export interface ApiFixture {
  readonly app: FastifyInstance;
  readonly store: TestStore;
  readonly queue: JobQueue;
  readonly users: Record<Role, SignedInUser>;
  readonly opportunities: OwnedRecords;
  readonly accounts: OwnedRecords;
  /** A request as `role` with its session cookie (and CSRF header unless `csrf: false`); null role: anonymous. */
  call(role: Role | null, options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
  /** Signs `role` in again: a fresh session (the old one stays valid). */
  signIn(role: Role): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

const FROM = '2020-01-01' as PlainDate;
const PASSWORDS: Record<Role, string> = {
  admin: 'admin-password-1',
  ops: 'ops-password-123',
  finance: 'finance-password-1',
  executive: 'executive-password',
  manager: 'manager-password-1',
  rep: 'rep-password-12345',
};

function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (cookie === undefined) throw new Error(`sign-in answered ${response.statusCode} without a session cookie: ${response.body}`);
  return cookie.value;
}

/**
 * A server over a fresh store holding a small org: an executive over two managers, each with one
 * rep; an account and an open opportunity owned by the rep (R1), the first manager (M1) and the
 * other team's rep (R2); one signed-in user per role (the manager is M1, the rep R1).
 */
export async function createApiFixture(engine: Engine): Promise<ApiFixture> {
  const store = await openTestStore(engine);
  const make = createFactories(store);
  await make.workspace();
  const exec = await make.person({ name: 'Erin Executive', jobRole: 'executive' });
  const m1 = await make.person({ name: 'Mina Manager', jobRole: 'manager' });
  const r1 = await make.person({ name: 'Ravi Rep', jobRole: 'rep' });
  const m2 = await make.person({ name: 'Milo Manager', jobRole: 'manager' });
  const r2 = await make.person({ name: 'Rosa Rep', jobRole: 'rep' });
  for (const [person, manager] of [[m1, exec], [m2, exec], [r1, m1], [r2, m2]] as const) {
    await addReportingLine(store.db, { personId: person.id, managerId: manager.id, validFrom: FROM });
  }
  const accountFor = async (ownerId: string, name: string): Promise<string> => {
    const account = await make.account({ name });
    await addAccountOwner(store.db, { accountId: account.id, ownerId, validFrom: FROM });
    return account.id;
  };
  const accounts = { rep: await accountFor(r1.id, 'Rep Account'), manager: await accountFor(m1.id, 'Manager Account'), other: await accountFor(r2.id, 'Other Account') };
  const opportunities = {
    rep: (await make.opportunity({ name: 'Rep Deal', ownerId: r1.id, accountId: accounts.rep })).id,
    manager: (await make.opportunity({ name: 'Manager Deal', ownerId: m1.id, accountId: accounts.manager })).id,
    other: (await make.opportunity({ name: 'Other Deal', ownerId: r2.id, accountId: accounts.other })).id,
  };

  const queue = createInProcessQueue(store);
  await queue.start();
  const app = await buildServer({ store, queue, config: TEST_SERVER_CONFIG, oidc: null });

  const personOf: Record<Role, string | null> = { admin: null, ops: null, finance: null, executive: exec.id, manager: m1.id, rep: r1.id };
  const users = {} as Record<Role, SignedInUser>;
  const signIn = async (role: Role): Promise<{ cookie: string; csrf: string }> => {
    const user = users[role];
    const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: user.email, password: user.password } });
    const body = response.json<{ csrfToken: string }>();
    return { cookie: sessionCookieOf(response), csrf: body.csrfToken };
  };
  for (const role of ['admin', 'ops', 'finance', 'executive', 'manager', 'rep'] as const) {
    const created = await createUser(store, CLI_ACTOR, {
      email: `${role}@example.test`,
      displayName: `${role} user`,
      role,
      personId: personOf[role],
      password: PASSWORDS[role],
    });
    users[role] = { id: created.id, email: created.email, password: PASSWORDS[role], personId: personOf[role], cookie: '', csrf: '' };
    Object.assign(users[role], await signIn(role));
  }

  return {
    app,
    store,
    queue,
    users,
    opportunities,
    accounts,
    call: (role, options) => {
      const { csrf = true, ...rest } = options;
      if (role === null) return app.inject(rest);
      const user = users[role];
      const headers: Record<string, string> = { ...(rest.headers as Record<string, string> | undefined) };
      if (csrf) headers[CSRF_HEADER] = user.csrf;
      return app.inject({ ...rest, headers, cookies: { [SESSION_COOKIE]: user.cookie } });
    },
    signIn,
    close: async () => {
      await app.close();
      await queue.stop();
      await store.dispose();
    },
  };
}

/** A multipart/form-data body holding one file in the field "file". */
export function multipartFile(name: string, content: string | Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----salesops${Date.now().toString(16)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
