import * as client from 'openid-client';
import { ServiceError } from '../../services/service-error.ts';

/**
 * Single sign-on with an OpenID Connect provider (Okta, Entra ID, Google, Keycloak…): the
 * authorization code flow with PKCE (S256), state and nonce. The provider is only trusted to say
 * who the person is: the routes match the verified email to an active salesops user, and the
 * user's role stays what salesops holds.
 */

/** What the routes keep (in a signed, short-lived cookie) between start() and finish(). */
export interface OidcPending {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
}

export interface OidcSignIn {
  /** Shown on the sign-in button, e.g. "Sign in with Okta". */
  readonly label: string;
  /** The provider's authorization URL (PKCE S256 + state + nonce) and what to keep until the callback. */
  start(returnTo: string): Promise<{ readonly url: string; readonly pending: OidcPending }>;
  /** Exchanges the callback's code, checks state/nonce/ID token, and returns the verified email (lower-cased). Throws ServiceError('unauthenticated', …) when anything fails, including an unverified or missing email. */
  finish(callbackUrl: URL, pending: OidcPending): Promise<{ readonly email: string; readonly name: string | null }>;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly label: string;
  /** Allow http:// issuers (local tests only). */
  readonly allowHttp: boolean;
}

/** Why a sign-in was refused, for the routes' audit event and logs (never shown as is to the person). */
export type OidcRefusal = 'callback_rejected' | 'userinfo_failed' | 'email_missing' | 'email_unverified';

const SCOPE = 'openid email profile';

// Seconds for each request to the provider (discovery, token, userinfo); a provider that hangs
// must not hold a sign-in or the server's start for the library's default of 30 s.
const PROVIDER_TIMEOUT_SECONDS = 10;

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error && error.cause.message !== error.message ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function refused(reason: OidcRefusal, message: string, error?: unknown): ServiceError {
  return new ServiceError('unauthenticated', `Single sign-on failed: ${message}`, error === undefined ? { reason } : { reason, cause: errorText(error) });
}

/**
 * The client authentication the provider accepts: client_secret_basic when it is listed or when
 * the provider lists nothing (the OpenID default), client_secret_post otherwise.
 */
function clientAuthentication(metadata: client.ServerMetadata, secret: string): client.ClientAuth {
  const methods = metadata.token_endpoint_auth_methods_supported;
  if (methods === undefined || methods.includes('client_secret_basic')) return client.ClientSecretBasic(secret);
  return client.ClientSecretPost(secret);
}

async function discover(config: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(config.issuer);
  if (issuer.protocol !== 'https:' && !config.allowHttp) {
    throw new ServiceError('invalid_argument', `The OpenID issuer ${config.issuer} must use https://`);
  }
  const execute = config.allowHttp ? [client.allowInsecureRequests] : [];
  let discovered: client.Configuration;
  try {
    discovered = await client.discovery(issuer, config.clientId, config.clientSecret, undefined, { execute, timeout: PROVIDER_TIMEOUT_SECONDS });
  } catch (error) {
    throw new Error(
      `Single sign-on cannot start: the OpenID provider at ${config.issuer} could not be reached or did not answer ${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration with its metadata (${errorText(error)})`,
      { cause: error },
    );
  }
  const metadata = discovered.serverMetadata();
  const configuration = new client.Configuration(metadata, config.clientId, config.clientSecret, clientAuthentication(metadata, config.clientSecret));
  configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
  for (const extension of execute) extension(configuration);
  return configuration;
}

/** Some providers (AWS Cognito among them) send email_verified as the string "true". */
function isVerified(value: unknown): boolean {
  return value === true || value === 'true';
}

function nameOf(claims: Readonly<Record<string, unknown>>): string | null {
  if (typeof claims.name === 'string' && claims.name.trim() !== '') return claims.name.trim();
  const parts = [claims.given_name, claims.family_name].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return parts.length === 0 ? null : parts.map((part) => part.trim()).join(' ');
}

/**
 * Discovers the provider (at startup, so a wrong issuer fails the start and not the first
 * sign-in) and returns the sign-in flow. Throws an Error naming the issuer when it cannot be
 * reached or has no valid discovery document.
 */
export async function createOidcSignIn(config: OidcConfig): Promise<OidcSignIn> {
  const configuration = await discover(config);
  return {
    label: config.label,
    start: async (returnTo) => {
      const pending: OidcPending = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: config.redirectUri,
        scope: SCOPE,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },
    finish: async (callbackUrl, pending) => {
      // The callback's parameters on the configured redirect URI: the token request must repeat
      // the exact redirect_uri of the authorization request, whatever host or proxy the callback
      // came through.
      const current = new URL(config.redirectUri);
      current.search = callbackUrl.search;
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(configuration, current, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw refused('callback_rejected', 'the provider’s answer was refused or could not be verified', error);
      }
      const idToken = tokens.claims();
      if (idToken === undefined) throw refused('callback_rejected', 'the provider sent no ID token');
      // Providers put email in the ID token or only at the userinfo endpoint (OIDC Core 5.4: claims
      // asked for by scope go to userinfo when an access token is issued); both are verified.
      let claims: Readonly<Record<string, unknown>> = idToken;
      if (idToken.email === undefined) {
        try {
          claims = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
        } catch (error) {
          throw refused('userinfo_failed', 'the provider’s userinfo could not be read', error);
        }
      }
      if (typeof claims.email !== 'string' || claims.email.trim() === '') throw refused('email_missing', 'the provider did not share an email address');
      if (!isVerified(claims.email_verified)) throw refused('email_unverified', 'the provider has not verified the email address');
      return { email: claims.email.trim().toLowerCase(), name: nameOf(claims) };
    },
  };
}
