import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../core/access/role.ts';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { routeKey } from './define-route.ts';
import { ROUTES } from './routes/route-table.ts';
import { createApiFixture, type ApiFixture } from './testing/api-fixture.ts';
import { ROUTE_CASES } from './testing/route-cases.ts';

/**
 * Every change made through the API writes exactly one audit event, and every refused change
 * exactly one 'denied' event, replaying the authorization matrix's requests. Starting an import
 * is left out of the first check: its request writes one event (the job), and the job then
 * writes its own as it runs in the background.
 */
const MUTATIONS = ROUTES.filter((route) => route.method !== 'GET');
const STARTS_BACKGROUND_WORK = new Set(['POST /api/imports']);

async function auditRows(fx: ApiFixture): Promise<{ action: string }[]> {
  const result = await sql<{ action: string }>`select action from audit_event order by occurred_at, id`.execute(fx.store.db);
  return result.rows;
}

for (const engine of TEST_ENGINES) {
  describe(`audit of every change on ${engine}`, () => {
    let fx: ApiFixture;
    beforeAll(async () => {
      fx = await createApiFixture(engine);
    }, 120_000);
    afterAll(async () => {
      await fx.close();
    });

    for (const route of MUTATIONS.filter((r) => !STARTS_BACKGROUND_WORK.has(routeKey(r)))) {
      const key = routeKey(route);
      it(`${key} writes exactly one audit event when it succeeds`, async () => {
        const testCase = ROUTE_CASES[key]?.[0];
        if (testCase === undefined) throw new Error(`${key} has no case in the matrix`);
        const role = ROLES.find((r) => testCase.expect[r] < 300);
        if (role === undefined) throw new Error(`${key} succeeds for no role`);
        if (testCase.freshSession === true) Object.assign(fx.users[role], await fx.signIn(role));
        const request = await testCase.request(fx, role);
        const before = (await auditRows(fx)).length;
        const response = await fx.call(role, request);
        expect(response.statusCode).toBeLessThan(300);
        expect((await auditRows(fx)).length - before).toBe(1);
        if (testCase.freshSession === true) Object.assign(fx.users[role], await fx.signIn(role));
      });
    }

    for (const route of MUTATIONS) {
      const key = routeKey(route);
      const testCase = ROUTE_CASES[key]?.[0];
      const refused = testCase === undefined ? undefined : ROLES.find((r) => testCase.expect[r] === 403);
      if (testCase === undefined || refused === undefined) continue;
      it(`${key} writes exactly one 'denied' event when the role may not`, async () => {
        const request = await testCase.request(fx, refused);
        const before = (await auditRows(fx)).length;
        const response = await fx.call(refused, request);
        expect(response.statusCode).toBe(403);
        expect((await auditRows(fx)).slice(before).map((e) => e.action)).toEqual(['denied']);
      });
    }
  });
}
