import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseStatus } from '../services/database-status.ts';
import { createHealthServer, type HealthServer } from './health-server.ts';

function statusOf(overrides: Partial<DatabaseStatus> = {}): DatabaseStatus {
  return {
    engine: 'sqlite',
    target: '/tmp/x.db',
    schema: { version: '0001-initial', applied: ['0001-initial'], pending: [] },
    workspace: { name: 'Acme', isDemo: false, corporateCurrency: 'USD', fiscalYearStartMonth: 1, fiscalPattern: 'calendar' },
    counts: {
      people: 12, teams: 2, accounts: 340, contacts: 0, products: 5, opportunities: 1234, lineItems: 0, splits: 0,
      historyChanges: 0, pipelineSnapshots: 0, currencyRates: 0, auditEvents: 1, importRuns: 0,
    },
    ...overrides,
  };
}

describe('createHealthServer', () => {
  let running: HealthServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  async function start(status: () => Promise<DatabaseStatus>): Promise<string> {
    running = createHealthServer({ status });
    const { url } = await running.listen(0, '127.0.0.1');
    return url;
  }

  it('reports engine, schema, workspace and counts at GET /api/health', async () => {
    const url = await start(() => Promise.resolve(statusOf()));
    const response = await fetch(new URL('api/health', url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      engine: 'sqlite',
      schema: '0001-initial',
      workspace: { name: 'Acme', isDemo: false, corporateCurrency: 'USD' },
      counts: { people: 12, accounts: 340, opportunities: 1234 },
    });
  });

  it('serves a page at / saying salesops is running, with the workspace and counts', async () => {
    const url = await start(() => Promise.resolve(statusOf()));
    const response = await fetch(url);
    const html = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('salesops is running');
    expect(html).toContain('Acme');
    expect(html).toContain('1,234');
    expect(html).not.toContain('Demo data');
  });

  it('labels a demo workspace as demo data on the page', async () => {
    const url = await start(() => Promise.resolve(statusOf({ workspace: { name: 'Demo Co', isDemo: true, corporateCurrency: 'USD', fiscalYearStartMonth: 1, fiscalPattern: 'calendar' } })));
    expect(await (await fetch(url)).text()).toContain('Demo data');
  });

  it('escapes the workspace name in the page', async () => {
    const url = await start(() => Promise.resolve(statusOf({ workspace: { name: '<script>alert(1)</script>', isDemo: false, corporateCurrency: 'USD', fiscalYearStartMonth: 1, fiscalPattern: 'calendar' } })));
    const html = await (await fetch(url)).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('answers any other path with a JSON 404', async () => {
    const url = await start(() => Promise.resolve(statusOf()));
    const response = await fetch(new URL('api/nothing', url));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers 503 without internals when the database cannot be read', async () => {
    const url = await start(() => Promise.reject(new Error('SQLITE_CORRUPT: secret path /var/x')));
    const response = await fetch(new URL('api/health', url));
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('secret');
  });

  it('closes while a keep-alive connection is open', async () => {
    const url = await start(() => Promise.resolve(statusOf()));
    await fetch(new URL('api/health', url));
    const server = running;
    running = undefined;
    await server?.close(1000);
    expect(server?.server.listening).toBe(false);
  });
});
