import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import type { addCurrencyRateBody, currencyRates } from '../../contracts/settings.ts';
import { isCurrencyCode } from '../../core/shared/currency.ts';
import { isPlainDate } from '../../core/shared/plain-date.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import { listCurrencyRates, upsertCurrencyRates } from '../../store/currency-rate-repository.ts';
import type { Store } from '../../store/database.ts';
import { getWorkspace, type Workspace } from '../../store/workspace-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';

export type CurrencyRateList = z.infer<typeof currencyRates>;
export type AddCurrencyRateBody = z.infer<typeof addCurrencyRateBody>;

async function workspaceOf(store: Store): Promise<Workspace> {
  const workspace = await getWorkspace(store.db);
  if (workspace === null) throw new ServiceError('not_found', 'This database has no workspace yet: run "salesops init"');
  return workspace;
}

async function rateList(store: Store, workspace: Workspace): Promise<CurrencyRateList> {
  const rates = await listCurrencyRates(store.db);
  return { corporateCurrency: workspace.corporateCurrency, rates: rates.map((r) => ({ currency: r.currency, startDate: r.startDate, rate: r.rate })) };
}

/** Every rate to the corporate currency: by currency, the standing rate before the dated ones. */
export async function listCurrencyRatesFor(store: Store, actor: Actor): Promise<CurrencyRateList> {
  await authorize(store, actor, 'settings.read');
  return rateList(store, await workspaceOf(store));
}

/**
 * Adds a rate ('settings.edit'): units of `currency` per one unit of the corporate currency,
 * standing (startDate null) or from a date on. A rate for the same currency and start date is
 * replaced. The corporate currency has no rate of its own (it is always 1). The change and one
 * audit event ('create', or 'update' with the old rate) are written in one transaction; the
 * same rate again changes nothing. Returns every rate.
 */
export async function addCurrencyRate(store: Store, actor: Actor, body: AddCurrencyRateBody): Promise<CurrencyRateList> {
  await authorize(store, actor, 'settings.edit', { type: 'currency_rate' });
  const workspace = await workspaceOf(store);
  const currency = body.currency;
  if (!isCurrencyCode(currency)) throw new ServiceError('invalid_argument', `Unknown currency code "${currency}"`, { field: 'currency' });
  if (currency === workspace.corporateCurrency) {
    throw new ServiceError('invalid_argument', `${currency} is the corporate currency: its rate is always 1`, { field: 'currency' });
  }
  const startDate = body.startDate;
  if (startDate !== null && !isPlainDate(startDate)) throw new ServiceError('invalid_argument', `startDate "${startDate}" is not a real date`, { field: 'startDate' });
  if (!new Decimal(body.rate).gt(0)) throw new ServiceError('invalid_argument', 'A rate must be greater than zero', { field: 'rate' });
  const objectId = startDate === null ? currency : `${currency}@${startDate}`;
  await store.db.transaction().execute(async (trx) => {
    const previous = (await listCurrencyRates(trx)).find((r) => r.currency === currency && r.startDate === startDate);
    if (previous?.rate === body.rate) return;
    await upsertCurrencyRates(trx, [{ currency, startDate, rate: body.rate }]);
    await appendAuditEvent(trx, {
      actor: actor.userId,
      action: previous === undefined ? 'create' : 'update',
      objectType: 'currency_rate',
      objectId,
      before: previous === undefined ? null : { currency, startDate, rate: previous.rate },
      after: { currency, startDate, rate: body.rate },
    });
  });
  return rateList(store, workspace);
}
