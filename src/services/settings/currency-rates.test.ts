import { beforeEach, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf } from '../testing/access-fixtures.ts';
import { addCurrencyRate, listCurrencyRatesFor } from './currency-rates.ts';

for (const engine of TEST_ENGINES) {
  describe(`currency rates on ${engine}`, () => {
    const ctx = useTestStore(engine);
    beforeEach(async () => {
      await ctx.make.workspace();
    });

    it('adds a standing and a dated rate and lists them, the standing one first', async () => {
      const ops = actorOf('ops');
      await addCurrencyRate(ctx.store, ops, { currency: 'EUR', startDate: '2026-03-01', rate: '0.91' });
      const list = await addCurrencyRate(ctx.store, ops, { currency: 'EUR', startDate: null, rate: '0.9' });
      expect(list).toEqual({
        corporateCurrency: 'USD',
        rates: [{ currency: 'EUR', startDate: null, rate: '0.9' }, { currency: 'EUR', startDate: '2026-03-01', rate: '0.91' }],
      });
      expect(await listCurrencyRatesFor(ctx.store, actorOf('rep'))).toEqual(list);
    });

    it('audits a new rate as created and a replaced one with its old value', async () => {
      const ops = actorOf('ops');
      await addCurrencyRate(ctx.store, ops, { currency: 'GBP', startDate: null, rate: '0.8' });
      await addCurrencyRate(ctx.store, ops, { currency: 'GBP', startDate: null, rate: '0.79' });
      const events = await listAuditEvents(ctx.store.db, { objectType: 'currency_rate' });
      expect(events.map((e) => [e.action, e.objectId, e.before, e.after])).toEqual([
        ['create', 'GBP', null, { currency: 'GBP', startDate: null, rate: '0.8' }],
        ['update', 'GBP', { currency: 'GBP', startDate: null, rate: '0.8' }, { currency: 'GBP', startDate: null, rate: '0.79' }],
      ]);
    });

    it('refuses a rate for the corporate currency itself', async () => {
      await expect(addCurrencyRate(ctx.store, actorOf('ops'), { currency: 'USD', startDate: null, rate: '1' })).rejects.toMatchObject({ code: 'invalid_argument', details: { field: 'currency' } });
    });

    it('refuses a zero rate', async () => {
      await expect(addCurrencyRate(ctx.store, actorOf('ops'), { currency: 'EUR', startDate: null, rate: '0.000' })).rejects.toMatchObject({ code: 'invalid_argument', details: { field: 'rate' } });
    });

    it('refuses a currency code that is not ISO 4217', async () => {
      await expect(addCurrencyRate(ctx.store, actorOf('ops'), { currency: 'XXX', startDate: null, rate: '2' })).rejects.toMatchObject({ code: 'invalid_argument', details: { field: 'currency' } });
    });

    it('forbids a rep to add a rate', async () => {
      await expect(addCurrencyRate(ctx.store, actorOf('rep'), { currency: 'EUR', startDate: null, rate: '0.9' })).rejects.toMatchObject({ code: 'forbidden' });
      expect((await listCurrencyRatesFor(ctx.store, actorOf('ops'))).rates).toEqual([]);
    });
  });
}
