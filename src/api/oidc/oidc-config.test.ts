import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../services/service-error.ts';
import { oidcConfigFromEnv } from './oidc-config.ts';

const PUBLIC_URL = 'https://sales.example.com';

const COMPLETE = {
  SALESOPS_OIDC_ISSUER: 'https://example.okta.com',
  SALESOPS_OIDC_CLIENT_ID: '0oa1b2c3',
  SALESOPS_OIDC_CLIENT_SECRET: 'a-secret',
};

function thrown(run: () => unknown): ServiceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('expected an error');
}

describe('oidcConfigFromEnv', () => {
  it('is null when no single sign-on variable is set', () => {
    expect(oidcConfigFromEnv({ PATH: '/usr/bin' }, PUBLIC_URL)).toBeNull();
  });

  it('reads the issuer, client and secret, with the callback under the public URL and the default label', () => {
    expect(oidcConfigFromEnv(COMPLETE, PUBLIC_URL)).toEqual({
      issuer: 'https://example.okta.com',
      clientId: '0oa1b2c3',
      clientSecret: 'a-secret',
      redirectUri: 'https://sales.example.com/api/auth/oidc/callback',
      label: 'Single sign-on',
      allowHttp: false,
    });
  });

  it('takes the button label from SALESOPS_OIDC_LABEL', () => {
    expect(oidcConfigFromEnv({ ...COMPLETE, SALESOPS_OIDC_LABEL: 'Sign in with Okta' }, PUBLIC_URL)?.label).toBe('Sign in with Okta');
  });

  it('does not double the slash when the public URL ends with one', () => {
    expect(oidcConfigFromEnv(COMPLETE, 'http://localhost:3000/')?.redirectUri).toBe('http://localhost:3000/api/auth/oidc/callback');
  });

  it('names every missing variable when only the issuer is set', () => {
    const error = thrown(() => oidcConfigFromEnv({ SALESOPS_OIDC_ISSUER: 'https://example.okta.com' }, PUBLIC_URL));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('SALESOPS_OIDC_CLIENT_ID, SALESOPS_OIDC_CLIENT_SECRET');
    expect(error.details).toEqual({ missing: ['SALESOPS_OIDC_CLIENT_ID', 'SALESOPS_OIDC_CLIENT_SECRET'] });
  });

  it('names the issuer as missing when the client is set without it', () => {
    const error = thrown(() => oidcConfigFromEnv({ SALESOPS_OIDC_CLIENT_ID: 'x', SALESOPS_OIDC_CLIENT_SECRET: 'y' }, PUBLIC_URL));
    expect(error.details).toEqual({ missing: ['SALESOPS_OIDC_ISSUER'] });
  });

  it('counts a blank variable as missing', () => {
    const error = thrown(() => oidcConfigFromEnv({ ...COMPLETE, SALESOPS_OIDC_CLIENT_SECRET: '  ' }, PUBLIC_URL));
    expect(error.details).toEqual({ missing: ['SALESOPS_OIDC_CLIENT_SECRET'] });
  });

  it('allows an http issuer on 127.0.0.1 or localhost, for a local provider', () => {
    expect(oidcConfigFromEnv({ ...COMPLETE, SALESOPS_OIDC_ISSUER: 'http://127.0.0.1:4000' }, PUBLIC_URL)?.allowHttp).toBe(true);
    expect(oidcConfigFromEnv({ ...COMPLETE, SALESOPS_OIDC_ISSUER: 'http://localhost:4000/oidc' }, PUBLIC_URL)?.allowHttp).toBe(true);
  });

  it('refuses an http issuer on any other host', () => {
    const error = thrown(() => oidcConfigFromEnv({ ...COMPLETE, SALESOPS_OIDC_ISSUER: 'http://sso.example.com' }, PUBLIC_URL));
    expect(error.message).toContain('https://');
  });

  it('refuses an issuer that is not a URL', () => {
    const error = thrown(() => oidcConfigFromEnv({ ...COMPLETE, SALESOPS_OIDC_ISSUER: 'example.okta.com' }, PUBLIC_URL));
    expect(error.message).toContain('not a URL');
  });
});
