import { z } from 'zod';
import { apiToken, createdToken, createTokenBody, createUserBody, updateUserBody, user } from '../../contracts/auth.ts';
import { exportFormat, idParam } from '../../contracts/common.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/api-tokens.ts';
import { exportApiTokens } from '../../services/auth/export-api-tokens.ts';
import { exportUsers } from '../../services/auth/export-users.ts';
import { createUser, listUsers, updateUser } from '../../services/auth/manage-users.ts';
import { defineRoute } from '../define-route.ts';

const formatQuery = z.object({ format: exportFormat.default('csv') });

export const USER_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/users',
    area: 'users',
    summary: 'Every user with role and status (administrators)',
    auth: 'signed-in',
    response: { kind: 'json', schema: z.object({ items: z.array(user) }) },
    handler: async ({ deps, actor }) => ({ items: await listUsers(deps.store, actor) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/users/export',
    area: 'users',
    summary: 'Every user with role and status as CSV or XLSX (administrators; no password hashes)',
    auth: 'signed-in',
    query: formatQuery,
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportUsers(deps.store, actor, query.format),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users',
    area: 'users',
    summary: 'Create a user (administrators)',
    auth: 'signed-in',
    body: createUserBody,
    response: { kind: 'json', schema: user, status: 201 },
    handler: ({ deps, actor, body }) => createUser(deps.store, actor, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/users/:id',
    area: 'users',
    summary: 'Change a user’s role, person, name or password, or deactivate them (ends all their sessions)',
    auth: 'signed-in',
    params: idParam,
    body: updateUserBody,
    response: { kind: 'json', schema: user },
    handler: ({ deps, actor, params, body }) => updateUser(deps.store, actor, params.id, body),
  }),
];

export const TOKEN_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/tokens',
    area: 'tokens',
    summary: 'Your API tokens (administrators: everyone’s); secrets are never shown again',
    auth: 'signed-in',
    response: { kind: 'json', schema: z.object({ items: z.array(apiToken) }) },
    handler: async ({ deps, actor }) => ({ items: await listApiTokens(deps.store, actor) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/tokens/export',
    area: 'tokens',
    summary: 'Your API tokens (administrators: everyone’s) as CSV or XLSX; no secrets or hashes',
    auth: 'signed-in',
    query: formatQuery,
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportApiTokens(deps.store, actor, query.format),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tokens',
    area: 'tokens',
    summary: 'Create an API token acting with a role no wider than yours; the secret is in this answer only',
    auth: 'signed-in',
    body: createTokenBody,
    response: { kind: 'json', schema: createdToken, status: 201 },
    handler: ({ deps, actor, body }) => createApiToken(deps.store, actor, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/tokens/:id',
    area: 'tokens',
    summary: 'Revoke an API token',
    auth: 'signed-in',
    params: idParam,
    response: { kind: 'json', schema: apiToken },
    handler: ({ deps, actor, params }) => revokeApiToken(deps.store, actor, params.id),
  }),
];
