import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account, type Configuration } from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 for tests: authorization code with PKCE,
 * the claims email, email_verified and name under the scopes openid, email and profile, and the
 * library's development login and consent pages, where any login name is accepted and names the
 * account id (a name not among the accounts signs in with no email). Keys are generated here, so
 * nothing is fetched from the network.
 */

export interface LocalOidcAccount {
  readonly id: string;
  readonly email: string;
  /** Defaults to true. */
  readonly emailVerified?: boolean;
  readonly name: string;
}

export interface LocalOidcProviderOptions {
  readonly accounts: readonly LocalOidcAccount[];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
}

export interface LocalOidcProvider {
  /** `http://127.0.0.1:<port>`: discovery is at `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string;
  close(): Promise<void>;
}

// oidc-provider announces each development-only shortcut we take on purpose (its login pages, its
// in-memory storage) on console.warn when the provider is built. Only those lines are dropped.
const DEVELOPMENT_NOTICE = 'oidc-provider WARNING: a quick start development-only';

function withoutDevelopmentNotices<T>(build: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes(DEVELOPMENT_NOTICE)) return;
    warn(...args);
  };
  try {
    return build();
  } finally {
    console.warn = warn;
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function accountFinder(accounts: readonly LocalOidcAccount[]): NonNullable<Configuration['findAccount']> {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  return (_context, id) => {
    const account = byId.get(id);
    // The login page accepts any name; a name that is no listed account signs in as a person the
    // provider knows nothing about but the id (no email, no name).
    const found: Account = {
      accountId: id,
      claims: () => (account === undefined ? { sub: id } : { sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name }),
    };
    return found;
  };
}

function configuration(options: LocalOidcProviderOptions): Configuration {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'local-test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    // Required for every client, confidential ones included, so a client that omits PKCE fails here.
    pkce: { required: () => true },
    // Seconds. Set explicitly: the library's defaults log a notice each time they are consulted.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    findAccount: accountFinder(options.accounts),
    // The default error page loads a web font; this one is plain JSON a test can read.
    renderError: (context, out) => {
      context.type = 'json';
      context.body = out;
    },
  };
}

/** Starts a provider on 127.0.0.1 with a free port; `close()` stops it and drops its connections. */
export async function startLocalOidcProvider(options: LocalOidcProviderOptions): Promise<LocalOidcProvider> {
  const server = createServer();
  // The issuer carries the port, so the port is bound before the provider exists.
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const provider = withoutDevelopmentNotices(() => new Provider(issuer, configuration(options)));
  server.on('request', provider.callback());
  return {
    issuer,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

/** Cookies by host, as a browser keeps them for the provider's pages (paths and expiry dates are not needed here). */
class CookieJar {
  readonly #byHost = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.#byHost.get(url.host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  keep(url: URL, response: Response): void {
    const cookies = this.#byHost.get(url.host) ?? new Map<string, string>();
    this.#byHost.set(url.host, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const split = pair.indexOf('=');
      if (split <= 0) continue;
      const name = pair.slice(0, split).trim();
      const value = pair.slice(split + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.split('=').map((part) => part.trim());
        if (key.toLowerCase() === 'max-age') return Number(setting) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(setting) <= Date.now();
        return false;
      });
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
  }
}

function decodeHtml(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (entity: string, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? entity;
  });
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? null : decodeHtml(match[1]);
}

/** The page's first form as a browser would submit it: its action and its fields, the login filled in. */
function formSubmission(html: string, pageUrl: URL, login: string): { readonly action: URL; readonly fields: URLSearchParams } | null {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (form === null) return null;
  const action = attribute(form[0].slice(0, form[0].indexOf('>') + 1), 'action') ?? pageUrl.href;
  const fields = new URLSearchParams();
  for (const input of (form[1] ?? '').match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(input, 'name');
    if (name === null) continue;
    // The development login page accepts any password; the login names the account.
    if (name === 'login') fields.set(name, login);
    else if (name === 'password') fields.set(name, 'any password');
    else fields.set(name, attribute(input, 'value') ?? '');
  }
  return { action: new URL(action, pageUrl), fields };
}

/**
 * Acts as the browser from an authorization URL: follows the provider's redirects with a cookie
 * jar, signs in on its login page as `login` (an account id), confirms its consent page if shown,
 * and returns the URL the provider finally redirects to outside itself (the client's redirect URI
 * with code and state, or with error), without requesting it.
 */
export async function followOidcLogin(startUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  const providerOrigin = new URL(startUrl).origin;
  let request: { url: URL; form: URLSearchParams | null } = { url: new URL(startUrl), form: null };
  // Authorization, login, resume, consent, resume, callback: a handful of steps; more means a loop.
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(request.url, {
      method: request.form === null ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        cookie: jar.header(request.url),
        ...(request.form === null ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(request.form === null ? {} : { body: request.form.toString() }),
    });
    jar.keep(request.url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, request.url);
      if (next.origin !== providerOrigin) return next;
      request = { url: next, form: null };
      continue;
    }
    const body = await response.text();
    const submission = response.status === 200 ? formSubmission(body, request.url, login) : null;
    if (submission === null) throw new Error(`The provider answered ${response.status} at ${request.url.href} with no form to submit: ${body.slice(0, 300)}`);
    request = { url: submission.action, form: submission.fields };
  }
  throw new Error(`The provider's sign-in did not reach the client's redirect URI within 20 steps (last at ${request.url.href})`);
}
