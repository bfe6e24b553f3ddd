import { afterEach, describe, expect, it, vi } from 'vitest';
import { getJson, HttpError, queryString, sendJson, setCsrfToken, setUnauthenticatedHandler } from './http-client.ts';

function stubFetch(response: () => Response) {
  const fetchMock = vi.fn((_path: string, _init: RequestInit) => Promise.resolve(response()));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return (init?.headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthenticatedHandler(null);
});

describe('http client', () => {
  it('sends the CSRF token with a request that changes something', async () => {
    const fetchMock = stubFetch(() => new Response(null, { status: 204 }));
    setCsrfToken('csrf-123');
    await sendJson('PATCH', '/api/settings/workspace', { name: 'Acme' });
    expect(headersOf(fetchMock.mock.calls[0]?.[1])['X-CSRF-Token']).toBe('csrf-123');
  });

  it('leaves the CSRF token off a read', async () => {
    const fetchMock = stubFetch(() => new Response('{"status":"ok"}', { status: 200 }));
    setCsrfToken('csrf-123');
    await getJson('/api/health');
    expect(headersOf(fetchMock.mock.calls[0]?.[1])['X-CSRF-Token']).toBeUndefined();
  });

  it('turns the API’s error body into an HttpError with its code and message', async () => {
    stubFetch(() => new Response(JSON.stringify({ error: { code: 'not_found', message: 'No such opportunity' } }), { status: 404 }));
    await expect(getJson('/api/opportunities/opp_x')).rejects.toMatchObject({ status: 404, code: 'not_found', message: 'No such opportunity' });
  });

  it('reports a failed server without a JSON body by its status', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error: unknown = await getJson('/api/health').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('http_502');
  });

  it('tells the app when a request is answered 401', async () => {
    stubFetch(() => new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in first' } }), { status: 401 }));
    const onUnauthenticated = vi.fn();
    setUnauthenticatedHandler(onUnauthenticated);
    await getJson('/api/opportunities').catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('leaves empty filters out of a query string', () => {
    expect(queryString({ q: '', status: 'open', page: 2, ownerId: undefined, accountId: null })).toBe('?status=open&page=2');
  });
});
