import type { InjectOptions } from 'fastify';
import { ROLES, type Role } from '../../core/access/role.ts';
import { multipartFile, type ApiFixture } from './api-fixture.ts';

/**
 * The authorization matrix: for every route, requests with the status each role must get, for
 * the rep's own record, the manager's own record (the rep's manager: for the rep, someone
 * else's) and a record of another team where the route takes a record. The matrix test fails for
 * a route missing here; the audit test replays the mutations.
 */
export type Expect = Readonly<Record<Role, number>>;
export interface RouteCase {
  readonly name: string;
  readonly request: (fx: ApiFixture, role: Role) => Promise<InjectOptions> | InjectOptions;
  readonly expect: Expect;
  /** Sign in again first: the request ends or spends the session. */
  readonly freshSession?: boolean;
}

const all = (status: number): Expect => ({ admin: status, ops: status, finance: status, executive: status, manager: status, rep: status });
const only = (status: number, allowed: readonly Role[], otherwise: number): Expect =>
  Object.fromEntries(ROLES.map((role) => [role, allowed.includes(role) ? status : otherwise])) as Record<Role, number>;

/** Sales records: everyone-scope roles see all; the manager sees own and subtree; the rep only their own. */
function salesRead(owner: 'rep' | 'manager' | 'other'): Expect {
  return {
    admin: 200,
    ops: 200,
    finance: 200,
    executive: 200,
    manager: owner === 'other' ? 404 : 200,
    rep: owner === 'rep' ? 200 : 404,
  };
}
/** Editing: finance and executives may not (403, checked before the record); the others within their scope. */
function salesEdit(owner: 'rep' | 'manager' | 'other'): Expect {
  return { ...salesRead(owner), finance: 403, executive: 403 };
}

const OWNERS = ['rep', 'manager', 'other'] as const;
const SALESFORCE_ACCOUNTS_CSV = 'Id,Name,Industry,BillingCountry,OwnerId\n001000000000001AAA,Matrix Imported Co,Retail,Germany,\n';

let uploads = 0;
async function uploadedFileOf(fx: ApiFixture): Promise<string> {
  uploads += 1;
  const upload = multipartFile(`accounts-${uploads}.csv`, SALESFORCE_ACCOUNTS_CSV);
  const response = await fx.call('ops', { method: 'POST', url: '/api/imports/files', ...upload });
  if (response.statusCode !== 201) throw new Error(`upload answered ${response.statusCode}: ${response.body}`);
  return response.json<{ fileId: string }>().fileId;
}

/** A finished import job started by ops. */
async function opsJobOf(fx: ApiFixture): Promise<string> {
  const fileId = await uploadedFileOf(fx);
  const started = await fx.call('ops', { method: 'POST', url: '/api/imports', payload: { fileIds: [fileId], dryRun: true } });
  const jobId = started.json<{ jobId: string }>().jobId;
  // A dry run of one row takes milliseconds, but its worker thread starts slowly on a busy machine: allow 20 s.
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const job = await fx.call('ops', { method: 'GET', url: `/api/jobs/${jobId}` });
    const status = job.json<{ status: string }>().status;
    if (status === 'succeeded' || status === 'failed') return jobId;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} did not finish`);
}

export const ROUTE_CASES: Readonly<Record<string, readonly RouteCase[]>> = {
  'GET /api/health': [{ name: 'health', request: () => ({ method: 'GET', url: '/api/health' }), expect: all(200) }],
  'GET /api/auth/providers': [{ name: 'providers', request: () => ({ method: 'GET', url: '/api/auth/providers' }), expect: all(200) }],
  'POST /api/auth/sign-in': [
    {
      name: 'own credentials',
      request: (fx, role) => ({ method: 'POST', url: '/api/auth/sign-in', payload: { email: fx.users[role].email, password: fx.users[role].password } }),
      expect: all(200),
    },
  ],
  'POST /api/auth/sign-out': [{ name: 'sign out', request: () => ({ method: 'POST', url: '/api/auth/sign-out' }), expect: all(204), freshSession: true }],
  'GET /api/auth/me': [{ name: 'me', request: () => ({ method: 'GET', url: '/api/auth/me' }), expect: all(200) }],
  // Single sign-on is not configured in this fixture: both answer 404 (oidc-flow.test.ts covers it configured).
  'GET /api/auth/oidc/start': [{ name: 'not configured', request: () => ({ method: 'GET', url: '/api/auth/oidc/start' }), expect: all(404) }],
  'GET /api/auth/oidc/callback': [{ name: 'not configured', request: () => ({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=y' }), expect: all(404) }],
  'GET /api/opportunities': [{ name: 'list', request: () => ({ method: 'GET', url: '/api/opportunities' }), expect: all(200) }],
  'GET /api/opportunities/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/opportunities/export?format=csv' }), expect: all(200) }],
  'GET /api/opportunities/:id': OWNERS.map((owner) => ({
    name: `${owner}'s`,
    request: (fx: ApiFixture) => ({ method: 'GET' as const, url: `/api/opportunities/${fx.opportunities[owner]}` }),
    expect: salesRead(owner),
  })),
  'PATCH /api/opportunities/:id': OWNERS.map((owner) => ({
    name: `${owner}'s`,
    request: (fx: ApiFixture) => ({ method: 'PATCH' as const, url: `/api/opportunities/${fx.opportunities[owner]}`, payload: { nextStep: 'Send the proposal' } }),
    expect: salesEdit(owner),
  })),
  'GET /api/accounts': [{ name: 'list', request: () => ({ method: 'GET', url: '/api/accounts' }), expect: all(200) }],
  'GET /api/accounts/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/accounts/export?format=xlsx' }), expect: all(200) }],
  'GET /api/accounts/:id': OWNERS.map((owner) => ({
    name: `${owner}'s`,
    request: (fx: ApiFixture) => ({ method: 'GET' as const, url: `/api/accounts/${fx.accounts[owner]}` }),
    expect: salesRead(owner),
  })),
  'GET /api/people/tree': [{ name: 'tree', request: () => ({ method: 'GET', url: '/api/people/tree' }), expect: all(200) }],
  'GET /api/people/tree/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/people/tree/export?format=csv&asOf=2025-06-30' }), expect: all(200) }],
  'GET /api/metrics': [{ name: 'catalogue', request: () => ({ method: 'GET', url: '/api/metrics' }), expect: all(200) }],
  'GET /api/metrics/summary': [{ name: 'tiles', request: () => ({ method: 'GET', url: '/api/metrics/summary?from=2025-04-01&to=2025-06-30&asOf=2025-06-30' }), expect: all(200) }],
  'GET /api/metrics/summary/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/metrics/summary/export?format=csv' }), expect: all(200) }],
  'GET /api/metrics/movement': [{ name: 'movement', request: () => ({ method: 'GET', url: '/api/metrics/movement?by=owner' }), expect: all(200) }],
  'GET /api/metrics/movement/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/metrics/movement/export?format=xlsx' }), expect: all(200) }],
  'GET /api/metrics/funnel': [{ name: 'funnel', request: () => ({ method: 'GET', url: '/api/metrics/funnel' }), expect: all(200) }],
  'GET /api/metrics/funnel/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/metrics/funnel/export' }), expect: all(200) }],
  'GET /api/metrics/cycle-histogram': [{ name: 'histogram', request: () => ({ method: 'GET', url: '/api/metrics/cycle-histogram' }), expect: all(200) }],
  'GET /api/metrics/cycle-histogram/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/metrics/cycle-histogram/export' }), expect: all(200) }],
  'GET /api/metrics/records': [{ name: 'records', request: () => ({ method: 'GET', url: '/api/metrics/records?metric=open_pipeline' }), expect: all(200) }],
  'GET /api/metrics/records/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/metrics/records/export?metric=open_pipeline&format=csv' }), expect: all(200) }],
  'GET /api/metrics/inspection': [{ name: 'inspection', request: () => ({ method: 'GET', url: '/api/metrics/inspection' }), expect: all(200) }],
  'GET /api/metrics/inspection/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/metrics/inspection/export?format=csv' }), expect: all(200) }],
  'GET /api/metrics/:metricId': [
    { name: 'by owner', request: () => ({ method: 'GET', url: '/api/metrics/bookings?by=owner' }), expect: all(200) },
    { name: 'unknown metric', request: () => ({ method: 'GET', url: '/api/metrics/happiness' }), expect: all(404) },
  ],
  'GET /api/metrics/:metricId/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/metrics/open_pipeline/export?by=stage&format=xlsx' }), expect: all(200) }],
  'GET /api/settings/inspection-rules': [{ name: 'read', request: () => ({ method: 'GET', url: '/api/settings/inspection-rules' }), expect: all(200) }],
  'PATCH /api/settings/inspection-rules': [
    {
      name: 'replace',
      request: () => ({
        method: 'PATCH',
        url: '/api/settings/inspection-rules',
        payload: { defaults: { closeDateInPast: true, noNextStep: false, stalledPercentile: 80, pushCount: 2, amountChangeBps: 2500, noActivityDays: 30 }, byProcess: {} },
      }),
      expect: only(200, ['admin', 'ops'], 403),
    },
  ],
  'GET /api/settings/workspace': [{ name: 'read', request: () => ({ method: 'GET', url: '/api/settings/workspace' }), expect: all(200) }],
  'PATCH /api/settings/workspace': [
    { name: 'rename', request: () => ({ method: 'PATCH', url: '/api/settings/workspace', payload: { name: 'Renamed' } }), expect: only(200, ['admin', 'ops'], 403) },
    {
      // A real change each time: setting the value it already has is no decision about pay.
      name: 'pay visibility',
      request: async (fx) => {
        const current = (await fx.call('admin', { method: 'GET', url: '/api/settings/workspace' })).json<{ managersSeePay: boolean }>();
        return { method: 'PATCH', url: '/api/settings/workspace', payload: { managersSeePay: !current.managersSeePay } };
      },
      expect: only(200, ['admin'], 403),
    },
  ],
  'GET /api/settings/currency-rates': [{ name: 'read', request: () => ({ method: 'GET', url: '/api/settings/currency-rates' }), expect: all(200) }],
  'GET /api/settings/currency-rates/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/settings/currency-rates/export?format=xlsx' }), expect: all(200) }],
  'POST /api/settings/currency-rates': [
    {
      name: 'add',
      request: () => ({ method: 'POST', url: '/api/settings/currency-rates', payload: { currency: 'EUR', startDate: '2026-01-01', rate: '0.92' } }),
      expect: only(201, ['admin', 'ops'], 403),
    },
  ],
  'GET /api/settings/sales-processes': [{ name: 'read', request: () => ({ method: 'GET', url: '/api/settings/sales-processes' }), expect: all(200) }],
  'GET /api/settings/sales-processes/export': [
    { name: 'export', request: () => ({ method: 'GET', url: '/api/settings/sales-processes/export?format=csv' }), expect: all(200) },
    { name: 'unknown process', request: () => ({ method: 'GET', url: '/api/settings/sales-processes/export?format=csv&processId=proc_missing' }), expect: all(404) },
  ],
  'GET /api/users': [{ name: 'list', request: () => ({ method: 'GET', url: '/api/users' }), expect: only(200, ['admin'], 403) }],
  'GET /api/users/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/users/export?format=csv' }), expect: only(200, ['admin'], 403) }],
  'POST /api/users': [
    {
      name: 'create',
      request: (_fx, role) => ({ method: 'POST', url: '/api/users', payload: { email: `new-${role}@example.test`, displayName: 'New User', role: 'rep' } }),
      expect: only(201, ['admin'], 403),
    },
  ],
  'PATCH /api/users/:id': [
    { name: "another user's", request: (fx) => ({ method: 'PATCH', url: `/api/users/${fx.users.rep.id}`, payload: { displayName: 'Ravi R.' } }), expect: only(200, ['admin'], 403) },
  ],
  'GET /api/tokens': [{ name: 'own', request: () => ({ method: 'GET', url: '/api/tokens' }), expect: all(200) }],
  'GET /api/tokens/export': [{ name: 'own', request: () => ({ method: 'GET', url: '/api/tokens/export?format=xlsx' }), expect: all(200) }],
  'POST /api/tokens': [{ name: 'own role', request: (_fx, role) => ({ method: 'POST', url: '/api/tokens', payload: { name: 'script', role } }), expect: all(201) }],
  'DELETE /api/tokens/:id': [
    {
      name: 'own',
      request: async (fx, role) => {
        const created = await fx.call(role, { method: 'POST', url: '/api/tokens', payload: { name: 'to revoke', role } });
        return { method: 'DELETE', url: `/api/tokens/${created.json<{ token: { id: string } }>().token.id}` };
      },
      expect: all(200),
    },
    {
      name: "the manager's",
      request: async (fx) => {
        const created = await fx.call('manager', { method: 'POST', url: '/api/tokens', payload: { name: 'manager script', role: 'manager' } });
        return { method: 'DELETE', url: `/api/tokens/${created.json<{ token: { id: string } }>().token.id}` };
      },
      expect: { admin: 200, ops: 404, finance: 404, executive: 404, manager: 200, rep: 404 },
    },
  ],
  'GET /api/audit': [{ name: 'read', request: () => ({ method: 'GET', url: '/api/audit' }), expect: only(200, ['admin', 'finance'], 403) }],
  'GET /api/audit/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/audit/export?format=csv' }), expect: only(200, ['admin', 'finance'], 403) }],
  'POST /api/imports/files': [
    { name: 'upload', request: () => ({ method: 'POST', url: '/api/imports/files', ...multipartFile('accounts.csv', SALESFORCE_ACCOUNTS_CSV) }), expect: only(201, ['admin', 'ops'], 403) },
  ],
  'POST /api/imports': [
    {
      name: "ops's file",
      request: async (fx) => ({ method: 'POST', url: '/api/imports', payload: { fileIds: [await uploadedFileOf(fx)], dryRun: true } }),
      expect: only(202, ['admin', 'ops'], 403),
    },
  ],
  'GET /api/imports/:jobId/error-report': [
    { name: "ops's job", request: async (fx) => ({ method: 'GET', url: `/api/imports/${await opsJobOf(fx)}/error-report?format=csv` }), expect: only(200, ['admin', 'ops'], 404) },
  ],
  'GET /api/jobs': [{ name: 'list', request: () => ({ method: 'GET', url: '/api/jobs' }), expect: all(200) }],
  'GET /api/jobs/export': [{ name: 'export', request: () => ({ method: 'GET', url: '/api/jobs/export?format=csv' }), expect: all(200) }],
  'GET /api/jobs/:id': [{ name: "ops's job", request: async (fx) => ({ method: 'GET', url: `/api/jobs/${await opsJobOf(fx)}` }), expect: only(200, ['admin', 'ops'], 404) }],
  'GET /api/jobs/:id/events': [
    { name: "ops's job", request: async (fx) => ({ method: 'GET', url: `/api/jobs/${await opsJobOf(fx)}/events` }), expect: only(200, ['admin', 'ops'], 404) },
  ],
};

