// oidc-provider ships no type declarations (and @types/oidc-provider is not installed): this
// declares the small part the local test provider uses, so that file stays type-checked.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AccountClaims {
    readonly sub: string;
    readonly [claim: string]: unknown;
  }

  export interface Account {
    readonly accountId: string;
    claims(use: string, scope: string): AccountClaims | Promise<AccountClaims>;
  }

  export interface ClientMetadata {
    readonly client_id: string;
    readonly client_secret?: string;
    readonly redirect_uris: readonly string[];
    readonly grant_types?: readonly string[];
    readonly response_types?: readonly string[];
    readonly token_endpoint_auth_method?: string;
  }

  export interface ErrorOut {
    readonly error: string;
    readonly error_description?: string;
  }

  /** Koa's context, reduced to what a renderError hook writes. */
  export interface RenderContext {
    type: string;
    body: unknown;
  }

  export interface Configuration {
    readonly clients?: readonly ClientMetadata[];
    readonly jwks?: { readonly keys: readonly object[] };
    readonly cookies?: { readonly keys: readonly string[] };
    readonly claims?: Readonly<Record<string, readonly string[]>>;
    readonly features?: Readonly<Record<string, { readonly enabled: boolean }>>;
    readonly pkce?: { readonly required: () => boolean };
    readonly ttl?: Readonly<Record<string, number>>;
    readonly findAccount?: (context: unknown, id: string) => Account | undefined | Promise<Account | undefined>;
    readonly renderError?: (context: RenderContext, out: ErrorOut, error: unknown) => void | Promise<void>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
