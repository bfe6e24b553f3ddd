import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../core/access/role.ts';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { routeKey } from './define-route.ts';
import { ROUTES } from './routes/route-table.ts';
import { createApiFixture, type ApiFixture } from './testing/api-fixture.ts';
import { ROUTE_CASES as CASES } from './testing/route-cases.ts';

/**
 * Every route x every role x (where the route takes a record) the rep's own record, the manager's
 * own record and a record of another team, as written out in testing/route-cases.ts; a route
 * missing there fails the first test.
 */
describe('the authorization matrix', () => {
  it('covers every registered route, and nothing else', () => {
    const registered = ROUTES.map(routeKey).sort();
    expect(Object.keys(CASES).sort()).toEqual(registered);
  });
});

for (const engine of TEST_ENGINES) {
  describe(`authorization on ${engine}`, () => {
    let fx: ApiFixture;
    beforeAll(async () => {
      fx = await createApiFixture(engine);
    }, 120_000);
    afterAll(async () => {
      await fx.close();
    });

    for (const route of ROUTES) {
      const key = routeKey(route);
      for (const testCase of CASES[key] ?? []) {
        it(`${key} (${testCase.name}) answers each role as the matrix says`, async () => {
          const seen: Partial<Record<Role, number>> = {};
          for (const role of ROLES) {
            if (testCase.freshSession === true) Object.assign(fx.users[role], await fx.signIn(role));
            const request = await testCase.request(fx, role);
            const response = await fx.call(role, request);
            seen[role] = response.statusCode;
            if (testCase.freshSession === true) Object.assign(fx.users[role], await fx.signIn(role));
          }
          expect(seen).toEqual(testCase.expect);
        });
      }
      if (route.auth === 'signed-in') {
        it(`${key} answers 401 without a session or token`, async () => {
          const first = CASES[key]?.[0];
          const request = first === undefined ? { method: route.method, url: route.url } : await first.request(fx, 'admin');
          const response = await fx.call(null, request);
          expect(response.statusCode).toBe(401);
          expect(response.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
        });
      }
    }
  });
}
