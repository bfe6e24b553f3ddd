import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { createApiFixture, multipartFile, type ApiFixture } from './testing/api-fixture.ts';

interface ErrorJson {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

for (const engine of TEST_ENGINES) {
  describe(`the API server on ${engine}`, () => {
    let fx: ApiFixture;
    beforeAll(async () => {
      fx = await createApiFixture(engine);
    }, 120_000);
    afterAll(async () => {
      await fx.close();
    });

    it('lists only the rep’s own opportunities to the rep, and counts only those', async () => {
      const response = await fx.call('rep', { method: 'GET', url: '/api/opportunities' });
      const page = response.json<{ items: { id: string }[]; total: number }>();
      expect(page.items.map((o) => o.id)).toEqual([fx.opportunities.rep]);
      expect(page.total).toBe(1);
    });

    it('lists the manager’s own and subtree opportunities to the manager', async () => {
      const response = await fx.call('manager', { method: 'GET', url: '/api/opportunities' });
      const ids = response.json<{ items: { id: string }[] }>().items.map((o) => o.id);
      expect(ids.sort()).toEqual([fx.opportunities.rep, fx.opportunities.manager].sort());
    });

    it('refuses a rep who tries to set the owner of their own opportunity', async () => {
      const response = await fx.call('rep', { method: 'PATCH', url: `/api/opportunities/${fx.opportunities.rep}`, payload: { ownerId: fx.users.manager.personId } });
      expect(response.statusCode).toBe(403);
    });

    it('refuses fields that are not editable at all, such as role, locked or approval', async () => {
      for (const payload of [{ role: 'admin' }, { locked: false }, { approvedBy: 'usr_x' }]) {
        const response = await fx.call('rep', { method: 'PATCH', url: `/api/opportunities/${fx.opportunities.rep}`, payload });
        expect(response.statusCode).toBe(400);
        expect(response.json<ErrorJson>().error.code).toBe('invalid_request');
      }
    });

    it('refuses a rep who tries to change their own role', async () => {
      const response = await fx.call('rep', { method: 'PATCH', url: `/api/users/${fx.users.rep.id}`, payload: { role: 'admin' } });
      expect(response.statusCode).toBe(403);
    });

    it('refuses a cookie mutation without the CSRF header', async () => {
      const response = await fx.call('ops', { method: 'PATCH', url: '/api/settings/workspace', payload: { name: 'No token' }, csrf: false });
      expect(response.statusCode).toBe(403);
      expect(response.json<ErrorJson>().error.details).toEqual({ reason: 'csrf' });
    });

    it('accepts an API token without a CSRF header, acting with the token’s role', async () => {
      const created = await fx.call('ops', { method: 'POST', url: '/api/tokens', payload: { name: 'script', role: 'rep' } });
      const secret = created.json<{ secret: string }>().secret;
      const asToken = await fx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${secret}` } });
      expect(asToken.json<{ role: string }>().role).toBe('rep');
      const mutation = await fx.app.inject({ method: 'PATCH', url: '/api/settings/workspace', payload: { name: 'x' }, headers: { authorization: `Bearer ${secret}` } });
      expect(mutation.statusCode).toBe(403);
    });

    it('answers 401 for an unknown bearer token', async () => {
      const response = await fx.app.inject({ method: 'GET', url: '/api/opportunities', headers: { authorization: 'Bearer so_not-a-real-token' } });
      expect(response.statusCode).toBe(401);
    });

    it('gives a new session id at each sign-in, and sign-out ends only that session', async () => {
      const first = await fx.signIn('finance');
      const second = await fx.signIn('finance');
      expect(first.cookie).not.toBe(second.cookie);
      await fx.app.inject({ method: 'POST', url: '/api/auth/sign-out', cookies: { salesops_session: first.cookie }, headers: { 'x-csrf-token': first.csrf } });
      const ended = await fx.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { salesops_session: first.cookie } });
      const alive = await fx.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { salesops_session: second.cookie } });
      expect([ended.statusCode, alive.statusCode]).toEqual([401, 200]);
    });

    it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
      const response = await fx.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: fx.users.rep.email, password: fx.users.rep.password } });
      const header = String(response.headers['set-cookie']);
      expect(header).toMatch(/HttpOnly/i);
      expect(header).toMatch(/SameSite=Lax/i);
    });

    it('answers a wrong password with 401 and the same message as an unknown email', async () => {
      const wrong = await fx.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: fx.users.executive.email, password: 'not-it-at-all' } });
      const unknown = await fx.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'nobody@example.test', password: 'not-it-at-all' } });
      expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(wrong.json<ErrorJson>().error.message).toBe(unknown.json<ErrorJson>().error.message);
    });

    it('answers a page size over the limit with 400 naming the field', async () => {
      const response = await fx.call('ops', { method: 'GET', url: '/api/opportunities?pageSize=5000' });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorJson>().error.message).toContain('pageSize');
    });

    it('answers a body over the size limit with 413', async () => {
      const response = await fx.call('ops', { method: 'PATCH', url: '/api/settings/workspace', payload: { name: 'x'.repeat(200_000) } });
      expect(response.statusCode).toBe(413);
      expect(response.json<ErrorJson>().error.code).toBe('body_too_large');
    });

    it('answers an upload over the size limit with 413', async () => {
      const upload = multipartFile('big.csv', `Id,Name\n${'001,A\n'.repeat(60_000)}`);
      const response = await fx.call('ops', { method: 'POST', url: '/api/imports/files', ...upload });
      expect(response.statusCode).toBe(413);
      expect(response.json<ErrorJson>().error.code).toBe('upload_too_large');
    });

    it('answers a string over its length limit with 400', async () => {
      const response = await fx.call('ops', { method: 'PATCH', url: '/api/settings/workspace', payload: { name: 'x'.repeat(500) } });
      expect(response.statusCode).toBe(400);
    });

    it('serves the OpenAPI document and the docs page under /api/docs', async () => {
      const json = await fx.app.inject({ method: 'GET', url: '/api/docs/json' });
      const document = json.json<{ openapi: string; paths: Record<string, unknown> }>();
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toContain('/api/opportunities/{id}');
      const page = await fx.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
    });

    it('offers no demo sign-ins outside the demo workspace', async () => {
      const response = await fx.app.inject({ method: 'GET', url: '/api/auth/providers' });
      expect(response.json<{ demoSignIns: unknown }>().demoSignIns).toBeNull();
    });

    it('answers an unknown API path with a 404 in the error shape', async () => {
      const response = await fx.call('ops', { method: 'GET', url: '/api/nothing-here' });
      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorJson>().error.code).toBe('not_found');
    });

    it('writes one audit event for a change, with before and after', async () => {
      await fx.call('ops', { method: 'PATCH', url: `/api/opportunities/${fx.opportunities.other}`, payload: { nextStep: 'Audit me' } });
      const audit = await fx.call('admin', { method: 'GET', url: `/api/audit?objectId=${fx.opportunities.other}&action=update` });
      const events = audit.json<{ items: { actor: string; before: unknown; after: unknown }[] }>().items;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: fx.users.ops.id, after: { nextStep: 'Audit me' } });
    });

    it('audits a rep’s attempt to open another rep’s opportunity', async () => {
      await fx.call('rep', { method: 'GET', url: `/api/opportunities/${fx.opportunities.other}` });
      const audit = await fx.call('admin', { method: 'GET', url: `/api/audit?objectId=${fx.opportunities.other}&action=denied` });
      expect(audit.json<{ items: { actor: string }[] }>().items.some((e) => e.actor === fx.users.rep.id)).toBe(true);
    });
  });
}
