import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { addReportingLine } from '../../store/person-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { updateWorkspaceSettings } from '../../store/workspace-repository.ts';
import type { Actor } from './actor.ts';
import { authorize, payScopeOf, salesScopeOf } from './authorize.ts';
import { ServiceError } from '../service-error.ts';

const TODAY = '2026-11-27' as PlainDate;

for (const engine of TEST_ENGINES) {
  describe(`access decisions on ${engine}`, () => {
    const ctx = useTestStore(engine);

    async function managerWithReport(): Promise<{ manager: Actor; reportId: string }> {
      await ctx.make.workspace();
      const boss = await ctx.make.person();
      const report = await ctx.make.person();
      await addReportingLine(ctx.store.db, { personId: report.id, managerId: boss.id, validFrom: '2025-01-01' as PlainDate });
      return { manager: { userId: 'usr_m', role: 'manager', personId: boss.id, displayName: 'M', via: 'session' }, reportId: report.id };
    }

    it('gives a manager their subtree of sales records as of today', async () => {
      const { manager, reportId } = await managerWithReport();
      const scope = await salesScopeOf(ctx.store, manager, TODAY);
      expect(scope.kind === 'people' ? [...scope.personIds].sort() : scope.kind).toEqual([manager.personId, reportId].sort());
    });

    it('keeps a manager to their own pay until the workspace lets managers see their subtree’s', async () => {
      const { manager, reportId } = await managerWithReport();
      const before = await payScopeOf(ctx.store, manager, TODAY);
      await updateWorkspaceSettings(ctx.store.db, { managersSeePay: true });
      const after = await payScopeOf(ctx.store, manager, TODAY);
      expect(before.kind === 'people' ? [...before.personIds] : before.kind).toEqual([manager.personId]);
      expect(after.kind === 'people' ? after.personIds.has(reportId) : after.kind).toBe(true);
    });

    it('refuses a permission the role lacks and writes the refusal to the audit log', async () => {
      const { manager } = await managerWithReport();
      const error = await authorize(ctx.store, manager, 'users.manage').catch((e: unknown) => e);
      expect(error instanceof ServiceError ? error.code : error).toBe('forbidden');
      expect((await listAuditEvents(ctx.store.db, { action: 'denied' })).map((e) => e.actor)).toEqual(['usr_m']);
    });
  });
}
