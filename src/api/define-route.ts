import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../services/access/actor.ts';
import type { DownloadFile } from '../services/export/download-file.ts';
import type { ApiDeps } from './api-deps.ts';

/**
 * One route, declared as data: its method and URL, its area (the OpenAPI tag and the web app's
 * navigation), whether it needs a signed-in caller, its zod schemas and its handler. The server
 * registers every definition from the route table, and the authorization matrix test reads the
 * same table, so a route cannot exist without being in both.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export const AREAS = ['health', 'auth', 'pipeline', 'analytics', 'people', 'settings', 'users', 'tokens', 'audit', 'imports', 'jobs'] as const;
export type Area = (typeof AREAS)[number];

/** What a successful call answers: JSON validated by a schema, a file download, no content, or a stream/redirect the handler writes itself. */
export type RouteResponse = { readonly kind: 'json'; readonly schema: z.ZodType; readonly status?: 200 | 201 | 202 } | { readonly kind: 'file' } | { readonly kind: 'empty' } | { readonly kind: 'raw' };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Result<R extends RouteResponse> = R extends { kind: 'json'; schema: infer S }
  ? S extends z.ZodType
    ? z.input<S>
    : never
  : R extends { kind: 'file' }
    ? DownloadFile
    : R extends { kind: 'empty' }
      ? void
      : R extends { kind: 'raw' }
        ? void
        : never;

export interface HandlerContext<P, Q, B, A> {
  readonly actor: A;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly deps: ApiDeps;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface RouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, R extends RouteResponse, Auth extends 'public' | 'signed-in'> {
  readonly method: HttpMethod;
  readonly url: string;
  readonly area: Area;
  readonly summary: string;
  /** 'public' routes run without a caller (sign-in, health); every other route answers 401 without one. */
  readonly auth: Auth;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Set for multipart uploads: the body is read by the handler, not parsed as JSON. */
  readonly multipart?: boolean;
  readonly response: R;
  readonly handler: (context: HandlerContext<Out<P>, Out<Q>, Out<B>, Auth extends 'public' ? Actor | null : Actor>) => Promise<Result<R>>;
}

/** A route with its types erased, as the table holds it. */
export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly url: string;
  readonly area: Area;
  readonly summary: string;
  readonly auth: 'public' | 'signed-in';
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly multipart?: boolean;
  readonly response: RouteResponse;
  readonly handler: (context: HandlerContext<unknown, unknown, unknown, Actor | null>) => Promise<unknown>;
}

export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends RouteResponse = RouteResponse,
  Auth extends 'public' | 'signed-in' = 'signed-in',
>(spec: RouteSpec<P, Q, B, R, Auth>): RouteDefinition {
  return spec as unknown as RouteDefinition;
}

/** The key the matrix test and logs use for a route: `GET /api/opportunities/:id`. */
export function routeKey(route: Pick<RouteDefinition, 'method' | 'url'>): string {
  return `${route.method} ${route.url}`;
}
