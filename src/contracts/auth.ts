import { z } from 'zod';
import { ROLES } from '../core/access/role.ts';
import { MAX_NAME_LENGTH } from './common.ts';

export const role = z.enum(ROLES);

export const signInBody = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export const me = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role,
  personId: z.string().nullable(),
  permissions: z.array(z.string()),
  /** Send back as the X-CSRF-Token header on every mutation made with the session cookie. */
  csrfToken: z.string().nullable(),
  workspace: z.object({ name: z.string(), isDemo: z.boolean(), corporateCurrency: z.string() }).nullable(),
});
export type Me = z.infer<typeof me>;

export const signInProviders = z.object({
  password: z.boolean(),
  oidc: z.object({ label: z.string(), startUrl: z.string() }).nullable(),
  /** The published demo sign-ins, offered only while the workspace is the generated demo company; null otherwise. */
  demoSignIns: z.array(z.object({ role, email: z.string(), password: z.string() })).nullable(),
});
export type SignInProviders = z.infer<typeof signInProviders>;

export const user = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role,
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  active: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const createUserBody = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  role,
  personId: z.string().max(64).nullable().optional(),
  password: z.string().min(12).max(1024).optional(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(MAX_NAME_LENGTH).optional(),
  role: role.optional(),
  personId: z.string().max(64).nullable().optional(),
  active: z.boolean().optional(),
  password: z.string().min(12).max(1024).optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const apiToken = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  role,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  role,
});
/** `secret` is shown once, here; only its hash is kept. */
export const createdToken = z.object({ token: apiToken, secret: z.string() });
export type CreatedToken = z.infer<typeof createdToken>;
