import type { UpdateWorkspaceBody, WorkspaceSettings } from '../../contracts/settings.ts';
import { hasPermission } from '../../core/access/permission.ts';
import { isCurrencyCode } from '../../core/shared/currency.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import { listCurrencyRates } from '../../store/currency-rate-repository.ts';
import type { Store } from '../../store/database.ts';
import { getWorkspace, updateWorkspaceSettings, type Workspace, type WorkspaceSettings as WorkspacePatch } from '../../store/workspace-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, recordDenied } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';

const SETTING_FIELDS = ['name', 'corporateCurrency', 'fiscalYearStartMonth', 'fiscalPattern', 'fiscalYearNaming', 'bookingBasis', 'managersSeePay'] as const;

function toSettings(w: Workspace): WorkspaceSettings {
  return {
    name: w.name,
    corporateCurrency: w.corporateCurrency,
    fiscalYearStartMonth: w.fiscalYearStartMonth,
    fiscalPattern: w.fiscalPattern,
    fiscalYearNaming: w.fiscalYearNaming,
    bookingBasis: w.bookingBasis,
    managersSeePay: w.managersSeePay,
    isDemo: w.isDemo,
  };
}

async function workspaceOf(store: Store): Promise<Workspace> {
  const workspace = await getWorkspace(store.db);
  if (workspace === null) throw new ServiceError('not_found', 'This database has no workspace yet: run "salesops init"');
  return workspace;
}

export async function getWorkspaceSettings(store: Store, actor: Actor): Promise<WorkspaceSettings> {
  await authorize(store, actor, 'settings.read');
  return toSettings(await workspaceOf(store));
}

/** The body as a store patch, checked: a known currency, and no new corporate currency under existing rates. */
async function patchOf(store: Store, current: Workspace, body: UpdateWorkspaceBody): Promise<WorkspacePatch> {
  const { corporateCurrency, ...rest } = body;
  if (corporateCurrency === undefined) return rest;
  const code = corporateCurrency.toUpperCase();
  if (!isCurrencyCode(code)) throw new ServiceError('invalid_argument', `Unknown currency code "${corporateCurrency}"`, { field: 'corporateCurrency' });
  // Rates are quoted per unit of the corporate currency: under another one every stored rate would be wrong.
  if (code !== current.corporateCurrency && (await listCurrencyRates(store.db)).length > 0) {
    throw new ServiceError('conflict', `Exchange rates are quoted against ${current.corporateCurrency}; the corporate currency can change only while no rates are stored`, {
      field: 'corporateCurrency',
    });
  }
  return { ...rest, corporateCurrency: code };
}

/**
 * Changes workspace settings ('settings.edit'). Letting managers see their subtree's pay is a
 * decision about people's pay, so `managersSeePay` also needs 'users.manage' (forbidden and
 * audited otherwise). The change and one 'update' audit event holding the changed settings
 * before and after are written in one transaction; a body that changes nothing writes nothing.
 */
export async function changeWorkspaceSettings(store: Store, actor: Actor, body: UpdateWorkspaceBody): Promise<WorkspaceSettings> {
  await authorize(store, actor, 'settings.edit', { type: 'workspace' });
  const current = await workspaceOf(store);
  if (body.managersSeePay !== undefined && body.managersSeePay !== current.managersSeePay && !hasPermission(actor.role, 'users.manage')) {
    await recordDenied(store, actor, 'users.manage', 'workspace', current.id);
    throw new ServiceError('forbidden', `Your role (${actor.role}) may not change who sees pay (managersSeePay)`, { field: 'managersSeePay', permission: 'users.manage' });
  }
  const patch = await patchOf(store, current, body);
  const updated = await store.db.transaction().execute(async (trx) => {
    const before = await getWorkspace(trx);
    if (before === null) throw new ServiceError('not_found', 'This database has no workspace yet: run "salesops init"');
    const changed = SETTING_FIELDS.filter((f) => patch[f] !== undefined && patch[f] !== before[f]);
    if (changed.length === 0) return before;
    const after = await updateWorkspaceSettings(trx, Object.fromEntries(changed.map((f) => [f, patch[f]])));
    await appendAuditEvent(trx, {
      actor: actor.userId,
      action: 'update',
      objectType: 'workspace',
      objectId: before.id,
      before: Object.fromEntries(changed.map((f) => [f, before[f]])),
      after: Object.fromEntries(changed.map((f) => [f, after[f]])),
    });
    return after;
  });
  return toSettings(updated);
}
