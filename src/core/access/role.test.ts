import { describe, expect, it } from 'vitest';
import { isRole, roleCovers } from './role.ts';

describe('roleCovers', () => {
  it('lets an admin make a token of any role', () => {
    expect(roleCovers('admin', 'finance')).toBe(true);
  });

  it('never lets a token act above its user', () => {
    expect([roleCovers('rep', 'manager'), roleCovers('manager', 'ops'), roleCovers('ops', 'finance'), roleCovers('finance', 'ops')]).toEqual([false, false, false, false]);
  });

  it('lets a manager make a rep token', () => {
    expect(roleCovers('manager', 'rep')).toBe(true);
  });
});

describe('isRole', () => {
  it('accepts the six roles and nothing else', () => {
    expect([isRole('ops'), isRole('Admin'), isRole('owner')]).toEqual([true, false, false]);
  });
});
