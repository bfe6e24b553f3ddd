import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { errorBody } from '../contracts/common.ts';
import type { DownloadFile } from '../services/export/download-file.ts';
import { ServiceError } from '../services/service-error.ts';
import type { ApiDeps } from './api-deps.ts';
import type { RouteDefinition } from './define-route.ts';
import { errorResponse } from './error-response.ts';
import { authenticate, checkCsrf, type RequestAuth } from './request-auth.ts';
import { ROUTES } from './routes/route-table.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, once a signed-in route has authenticated it. */
    auth: RequestAuth | null;
  }
}

/** RFC 6266 attachment header: a plain ASCII fallback name and the exact UTF-8 one. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function sendFile(reply: FastifyReply, file: DownloadFile): FastifyReply {
  return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'no-store').send(file.body);
}

function responseSchemas(route: RouteDefinition): Record<string, unknown> | undefined {
  const errors = { '4xx': errorBody, '5xx': errorBody };
  switch (route.response.kind) {
    case 'json':
      return { [route.response.status ?? 200]: route.response.schema, ...errors };
    case 'empty':
    case 'file':
    case 'raw':
      return errors;
  }
}

function register(app: FastifyInstance, route: RouteDefinition, deps: ApiDeps): void {
  app.route({
    method: route.method,
    url: route.url,
    schema: {
      tags: [route.area],
      summary: route.summary,
      ...(route.params === undefined ? {} : { params: route.params }),
      ...(route.query === undefined ? {} : { querystring: route.query }),
      ...(route.body === undefined ? {} : { body: route.body }),
      ...(route.multipart === true ? { consumes: ['multipart/form-data'] } : {}),
      response: responseSchemas(route),
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      let auth: RequestAuth | null;
      if (route.auth === 'signed-in') {
        auth = await authenticate(request, deps);
        if (auth === null) throw new ServiceError('unauthenticated', 'Sign in to continue');
        await checkCsrf(request, auth, deps);
      } else {
        // Public routes still see a caller who happens to be signed in (a bad token there is no error).
        auth = await authenticate(request, deps).catch(() => null);
      }
      request.auth = auth;
      const result = await route.handler({
        actor: auth?.actor ?? null,
        params: request.params,
        query: request.query,
        body: request.body,
        deps,
        request,
        reply,
      });
      switch (route.response.kind) {
        case 'json':
          return reply.status(route.response.status ?? 200).send(result);
        case 'file':
          return sendFile(reply, result as DownloadFile);
        case 'empty':
          return reply.status(204).send();
        case 'raw':
          return reply;
      }
    },
  });
}

const MISSING_WEB_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>salesops</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>salesops</h1><p>The API is running, but the web app has not been built. Run <code>npm run build</code>
(or <code>npm start</code>, which builds it when needed) and reload.</p><p><a href="/api/docs">API documentation</a></p></body></html>`;

async function registerWeb(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const hasWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // Built assets carry a content hash in their names; index.html must always be fetched fresh.
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || request.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${path}` } });
    }
    // The web app routes on the client: every other page path gets index.html.
    if (hasWeb) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(200).type('text/html; charset=utf-8').send(MISSING_WEB_PAGE);
  });
}

/** The HTTP server: every route of the route table, the OpenAPI document and docs UI under /api/docs, and the web app. */
export async function buildServer(deps: ApiDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Ids in URLs are short; a very long URL is a mistake or an attack.
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);

  app.setErrorHandler((error, request, reply) => {
    const response = errorResponse(error);
    if (response.log) request.log.error({ err: error }, 'request failed');
    if (response.status === 429) {
      const retry = (response.body.error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (typeof retry === 'number') void reply.header('retry-after', String(retry));
    }
    return reply.status(response.status).send(response.body);
  });

  // The secret signs short-lived cookies (single sign-on's pending state); sessions are random tokens checked in the database.
  await app.register(fastifyCookie, { secret: config.cookieSecret });
  await app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10, fieldSize: 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'salesops API',
        description: 'Sales operations: pipeline, people, settings, imports and jobs. Sign in with a session cookie (browsers) or send `Authorization: Bearer <API token>` (scripts).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'salesops_session' },
        },
      },
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  for (const route of ROUTES) register(app, route, deps);
  await registerWeb(app, config.webRoot);
  await app.ready();
  return app;
}
