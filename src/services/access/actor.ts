import type { Role } from '../../core/access/role.ts';

/**
 * Who is calling a service. Every service that reads or changes workspace data takes an Actor and
 * asks the access module what it may reach; routes and the web app never decide that themselves.
 */
export interface Actor {
  /** A user id (`usr_…`), or 'cli' / 'system' for work started outside any sign-in. */
  readonly userId: string;
  readonly role: Role;
  /** The person in the org chart this user is; it scopes managers and reps. Null for users outside it. */
  readonly personId: string | null;
  readonly displayName: string;
  readonly via: 'session' | 'token' | 'oidc' | 'cli' | 'system';
}

/** The command line acts as an administrator: whoever can open the database file already holds everything. */
export const CLI_ACTOR: Actor = { userId: 'cli', role: 'admin', personId: null, displayName: 'Command line', via: 'cli' };

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'admin', personId: null, displayName: 'System', via: 'system' };
