import { describe, expect, it } from 'vitest';
import { hasPermission, type Permission } from './permission.ts';
import { ROLES, type Role } from './role.ts';

const holders = (permission: Permission): Role[] => ROLES.filter((role) => hasPermission(role, permission));

describe('hasPermission', () => {
  it('lets every role read the pipeline, people and settings, and keep its own tokens', () => {
    for (const permission of ['pipeline.read', 'people.read', 'settings.read', 'tokens.own'] as const) expect(holders(permission)).toEqual([...ROLES]);
  });

  it('keeps user administration to admins', () => {
    expect(holders('users.manage')).toEqual(['admin']);
  });

  it('lets admins and finance read the audit log', () => {
    expect(holders('audit.read')).toEqual(['admin', 'finance']);
  });

  it('lets no executive change anything', () => {
    const changes: Permission[] = ['pipeline.edit', 'pipeline.reassign', 'settings.edit', 'users.manage', 'import.run', 'pay.edit'];
    expect(changes.filter((permission) => hasPermission('executive', permission))).toEqual([]);
  });

  it('lets only admins and finance edit pay data', () => {
    expect(holders('pay.edit')).toEqual(['admin', 'finance']);
  });

  it('lets reps edit their pipeline but not reassign it', () => {
    expect([hasPermission('rep', 'pipeline.edit'), hasPermission('rep', 'pipeline.reassign')]).toEqual([true, false]);
  });
});
