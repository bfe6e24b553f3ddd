/**
 * The roles a user signs in with. A role says what kinds of work a user may do; the data scope
 * (whose records) follows from the role and the user's place in the reporting tree.
 */
export const ROLES = ['admin', 'ops', 'finance', 'executive', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  ops: 'Sales ops analyst',
  finance: 'Finance',
  executive: 'Executive',
  manager: 'Manager',
  rep: 'Sales rep',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Roles ordered by reach, so an API token can be limited to a role no wider than its user's:
 * a token never acts above the user who made it.
 */
const REACH: Readonly<Record<Role, readonly Role[]>> = {
  admin: ROLES,
  ops: ['ops', 'executive', 'manager', 'rep'],
  finance: ['finance', 'executive', 'manager', 'rep'],
  executive: ['executive', 'manager', 'rep'],
  manager: ['manager', 'rep'],
  rep: ['rep'],
};

/** Whether a user holding `userRole` may create a token that acts as `tokenRole`. */
export function roleCovers(userRole: Role, tokenRole: Role): boolean {
  return REACH[userRole].includes(tokenRole);
}
