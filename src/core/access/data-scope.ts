import type { Role } from './role.ts';

/**
 * Whose records a caller reaches: everyone's, or those owned by a set of people (the caller
 * alone for a rep, the caller's reporting subtree as of today for a manager).
 */
export type DataScope = { readonly kind: 'all' } | { readonly kind: 'people'; readonly personIds: ReadonlySet<string> };

/** How far a role's reach into records extends before the reporting tree is consulted. */
export type ScopeReach = 'all' | 'subtree' | 'self' | 'none';

/** Sales data (accounts, opportunities, forecasts, quotas): ops, finance, executives and admins see all. */
export function salesReach(role: Role): ScopeReach {
  switch (role) {
    case 'admin':
    case 'ops':
    case 'finance':
    case 'executive':
      return 'all';
    case 'manager':
      return 'subtree';
    case 'rep':
      return 'self';
  }
}

/**
 * Pay data (plans, statements, payouts, adjustments) is seen only by the payee, by finance and
 * admins, and by the payee's managers when the workspace allows it. Executives and ops are not
 * granted pay by their role: an executive sees the pay of their own subtree like any manager.
 */
export function payReach(role: Role, managersSeePay: boolean): ScopeReach {
  switch (role) {
    case 'admin':
    case 'finance':
      return 'all';
    case 'executive':
    case 'manager':
      return managersSeePay ? 'subtree' : 'self';
    case 'ops':
    case 'rep':
      return 'self';
  }
}

/** Whether a record owned by `ownerId` lies in the scope. Unowned records are visible only to an all-scope. */
export function scopeIncludes(scope: DataScope, ownerId: string | null): boolean {
  if (scope.kind === 'all') return true;
  return ownerId !== null && scope.personIds.has(ownerId);
}
