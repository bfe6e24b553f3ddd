import { describe, expect, it } from 'vitest';
import { payReach, salesReach, scopeIncludes } from './data-scope.ts';
import { ROLES } from './role.ts';

describe('salesReach', () => {
  it('gives ops, finance, executives and admins every record, a manager the subtree and a rep their own', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, salesReach(role)]))).toEqual({
      admin: 'all',
      ops: 'all',
      finance: 'all',
      executive: 'all',
      manager: 'subtree',
      rep: 'self',
    });
  });
});

describe('payReach', () => {
  it('keeps pay to the payee, finance and admins when managers may not see it', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, payReach(role, false)]))).toEqual({
      admin: 'all',
      ops: 'self',
      finance: 'all',
      executive: 'self',
      manager: 'self',
      rep: 'self',
    });
  });

  it('opens a manager’s and an executive’s subtree when the workspace allows it, and nothing more to ops or reps', () => {
    expect([payReach('manager', true), payReach('executive', true), payReach('ops', true), payReach('rep', true)]).toEqual(['subtree', 'subtree', 'self', 'self']);
  });
});

describe('scopeIncludes', () => {
  const scope = { kind: 'people' as const, personIds: new Set(['per_a']) };

  it('includes a record owned by someone in the scope', () => {
    expect(scopeIncludes(scope, 'per_a')).toBe(true);
  });

  it('excludes a record owned by someone outside the scope', () => {
    expect(scopeIncludes(scope, 'per_b')).toBe(false);
  });

  it('shows an unowned record only to an everyone-scope', () => {
    expect([scopeIncludes(scope, null), scopeIncludes({ kind: 'all' }, null)]).toEqual([false, true]);
  });
});
