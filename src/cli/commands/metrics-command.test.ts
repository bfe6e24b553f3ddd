import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SERVER_CONFIG } from '../../api/testing/api-fixture.ts';
import { SESSION_COOKIE } from '../../api/request-auth.ts';
import { buildServer } from '../../api/server.ts';
import { addDays } from '../../core/shared/plain-date.ts';
import { createInProcessQueue } from '../../jobs/in-process-queue.ts';
import { CLI_ACTOR } from '../../services/access/actor.ts';
import { todayUtc } from '../../services/access/today.ts';
import { createUser } from '../../services/auth/manage-users.ts';
import { createDemoWorkspace } from '../../services/demo/create-demo-workspace.ts';
import { openDatabase } from '../../services/open-database.ts';
import { salesops } from '../testing/run-salesops.ts';
import { parsePeriodOption } from './metrics-command.ts';

const TODAY = todayUtc();
const FROM = addDays(TODAY, -365);
const AS_OF = addDays(TODAY, -30);
const ASKS = [
  { metric: 'bookings', cli: ['--by', 'month', '--period', `${FROM}..${TODAY}`], api: `by=month&from=${FROM}&to=${TODAY}` },
  { metric: 'win_rate_count', cli: ['--by', 'segment', '--period', `${FROM}..${TODAY}`, '--as-of', AS_OF], api: `by=segment&from=${FROM}&to=${TODAY}&asOf=${AS_OF}` },
  { metric: 'open_pipeline', cli: ['--by', 'stage', '--currency', 'EUR'], api: 'by=stage&currency=EUR' },
];

describe('salesops metrics', () => {
  let folder: string;
  let db: string;
  const fromApi = new Map<string, unknown>();

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'salesops-metrics-'));
    db = join(folder, 'demo.db');
    const store = await openDatabase(db);
    const queue = createInProcessQueue(store);
    try {
      await createDemoWorkspace(store, { seed: 5, today: TODAY, scale: 0.05 });
      await createUser(store, CLI_ACTOR, { email: 'ops@example.test', displayName: 'Ops', role: 'ops', personId: null, password: 'metrics-test-password' });
      await queue.start();
      const app = await buildServer({ store, queue, config: TEST_SERVER_CONFIG, oidc: null });
      try {
        const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'ops@example.test', password: 'metrics-test-password' } });
        const cookie = signIn.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
        for (const ask of ASKS) {
          const response = await app.inject({ method: 'GET', url: `/api/metrics/${ask.metric}?${ask.api}`, cookies: { [SESSION_COOKIE]: cookie } });
          expect(response.statusCode).toBe(200);
          fromApi.set(ask.metric, response.json());
        }
      } finally {
        await app.close();
      }
    } finally {
      await queue.stop();
      await store.close();
    }
  }, 180_000);
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  for (const ask of ASKS) {
    it(`answers ${ask.metric} with the same numbers as the API`, async () => {
      const run = await salesops(['--db', db, '--json', 'metrics', ask.metric, ...ask.cli]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const cli = JSON.parse(run.stdout) as { total: unknown; slices: unknown[] };
      const api = fromApi.get(ask.metric) as { total: unknown; slices: unknown[] };
      expect(api.slices.length).toBeGreaterThan(0);
      expect(cli.total).toEqual(api.total);
      expect(cli.slices).toEqual(api.slices);
    }, 60_000);
  }

  it('lists the metrics with their formulas and the slices', async () => {
    const run = await salesops(['--db', db, 'metrics', '--list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^bookings\s+Bookings\s+money\s+Σ amount of won deals/m);
    expect(run.stdout).toMatch(/Slices \(--by\): month, quarter, year, owner/);
  }, 60_000);

  it('prints a readable table cut by the slice, with a total', async () => {
    const run = await salesops(['--db', db, 'metrics', 'bookings', '--by', 'quarter', '--period', `${FROM}..${TODAY}`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Bookings \(bookings\)/);
    expect(run.stdout).toMatch(/\[demo data\]/);
    expect(run.stdout).toMatch(/^Total\s+\$[\d,]+\.\d\d\s+\d+$/m);
  }, 60_000);

  it('refuses an unknown metric with a usage error naming the list', async () => {
    const run = await salesops(['--db', db, 'metrics', 'happiness']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/There is no metric "happiness"/);
  }, 60_000);
});

describe('parsePeriodOption', () => {
  it('splits from..to', () => {
    expect(parsePeriodOption('2026-01-01..2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('refuses a period without both ends', () => {
    expect(() => parsePeriodOption('2026-01-01')).toThrow(/is not <from>..<to>/);
  });
});
