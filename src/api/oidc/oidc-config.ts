import { ServiceError } from '../../services/service-error.ts';
import type { OidcConfig } from './oidc-sign-in.ts';

/**
 * Single sign-on is configured by environment variables:
 *
 * ```sh
 * SALESOPS_OIDC_ISSUER=https://example.okta.com      # discovery at <issuer>/.well-known/openid-configuration
 * SALESOPS_OIDC_CLIENT_ID=0oa1b2c3
 * SALESOPS_OIDC_CLIENT_SECRET=…
 * SALESOPS_OIDC_LABEL="Sign in with Okta"            # optional, default "Single sign-on"
 * ```
 *
 * Register `<public URL>/api/auth/oidc/callback` as the redirect URI at the provider.
 */

export const DEFAULT_OIDC_LABEL = 'Single sign-on';

const REQUIRED = ['SALESOPS_OIDC_ISSUER', 'SALESOPS_OIDC_CLIENT_ID', 'SALESOPS_OIDC_CLIENT_SECRET'] as const;

// Plain http is accepted only for a provider on this machine (a local test provider); anywhere
// else the authorization code and tokens would cross the network in the clear.
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

function setting(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

/**
 * The single sign-on configuration from the environment, or null when none of the issuer, client
 * id and client secret is set (password sign-in only). Throws ServiceError('invalid_argument')
 * naming every missing variable when only some are set, and when the issuer is not an https URL
 * (or http on 127.0.0.1/localhost).
 */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv, publicUrl: string): OidcConfig | null {
  const values = REQUIRED.map((name) => setting(env, name));
  const missing = REQUIRED.filter((_, index) => values[index] === null);
  if (missing.length === REQUIRED.length) return null;
  const [issuer, clientId, clientSecret] = values;
  if (issuer == null || clientId == null || clientSecret == null) {
    throw new ServiceError('invalid_argument', `Single sign-on is partly configured: set ${missing.join(', ')} as well (or unset the others to turn it off)`, { missing });
  }
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    throw new ServiceError('invalid_argument', `SALESOPS_OIDC_ISSUER is not a URL: ${issuer}`);
  }
  const allowHttp = issuerUrl.protocol === 'http:' && LOCAL_HOSTS.has(issuerUrl.hostname);
  if (issuerUrl.protocol !== 'https:' && !allowHttp) {
    throw new ServiceError('invalid_argument', `SALESOPS_OIDC_ISSUER must be an https:// URL (http:// only on 127.0.0.1 or localhost): ${issuer}`);
  }
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: `${publicUrl.replace(/\/+$/, '')}/api/auth/oidc/callback`,
    label: setting(env, 'SALESOPS_OIDC_LABEL') ?? DEFAULT_OIDC_LABEL,
    allowHttp,
  };
}
