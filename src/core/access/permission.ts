import type { Role } from './role.ts';

/**
 * What a role may do, independent of whose records. Whose records a permitted action reaches is
 * the data scope (see data-scope.ts).
 */
export type Permission =
  /** Accounts, opportunities, pipeline and their aggregates, limited by the data scope. */
  | 'pipeline.read'
  /** Change an opportunity's working fields (stage, amount, close date, next step, category). */
  | 'pipeline.edit'
  /** Move an opportunity or account to another owner. */
  | 'pipeline.reassign'
  /** The org chart and reporting tree. */
  | 'people.read'
  /** Fiscal calendar, currencies and rates, sales processes and stages. */
  | 'settings.read'
  | 'settings.edit'
  /** Users, their roles and activation; every user's API tokens. */
  | 'users.manage'
  | 'audit.read'
  /** Upload CRM exports and commit them. */
  | 'import.run'
  /** Plans, statements, payouts and adjustments, limited by the pay scope. */
  | 'pay.read'
  | 'pay.edit'
  /** One's own API tokens. */
  | 'tokens.own';

const EVERYONE: readonly Permission[] = ['pipeline.read', 'people.read', 'settings.read', 'pay.read', 'tokens.own'];

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    ...EVERYONE,
    'pipeline.edit',
    'pipeline.reassign',
    'settings.edit',
    'users.manage',
    'audit.read',
    'import.run',
    'pay.edit',
  ],
  ops: [...EVERYONE, 'pipeline.edit', 'pipeline.reassign', 'settings.edit', 'import.run'],
  // Finance proves who changed what, so it reads the audit log; it keeps pay data, not the pipeline.
  finance: [...EVERYONE, 'audit.read', 'pay.edit'],
  // Executives read everything and change nothing that is pay.
  executive: [...EVERYONE],
  manager: [...EVERYONE, 'pipeline.edit', 'pipeline.reassign'],
  rep: [...EVERYONE, 'pipeline.edit'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}
