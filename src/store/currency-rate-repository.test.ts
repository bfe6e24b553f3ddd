import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { listCurrencyRates, upsertCurrencyRates } from './currency-rate-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const EUR = 'EUR' as CurrencyCode;
const GBP = 'GBP' as CurrencyCode;
const d = (text: string): PlainDate => text as PlainDate;

for (const engine of TEST_ENGINES) {
  describe(`currency rate repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('lists static rates before dated ones, by currency', async () => {
      await upsertCurrencyRates(ctx.store.db, [
        { currency: GBP, startDate: null, rate: '0.79' },
        { currency: EUR, startDate: d('2025-07-01'), rate: '0.91' },
        { currency: EUR, startDate: null, rate: '0.9' },
        { currency: EUR, startDate: d('2025-01-01'), rate: '0.93' },
      ]);
      expect(await listCurrencyRates(ctx.store.db)).toEqual([
        { currency: 'EUR', startDate: null, rate: '0.9' },
        { currency: 'EUR', startDate: '2025-01-01', rate: '0.93' },
        { currency: 'EUR', startDate: '2025-07-01', rate: '0.91' },
        { currency: 'GBP', startDate: null, rate: '0.79' },
      ]);
    });

    it('updates a rate with the same currency and start date instead of adding one', async () => {
      await upsertCurrencyRates(ctx.store.db, [{ currency: EUR, startDate: d('2025-01-01'), rate: '0.93' }]);
      const counts = await upsertCurrencyRates(ctx.store.db, [
        { currency: EUR, startDate: d('2025-01-01'), rate: '0.94' },
        { currency: EUR, startDate: d('2025-02-01'), rate: '0.95' },
      ]);
      expect(counts).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
      expect((await listCurrencyRates(ctx.store.db)).map((r) => r.rate)).toEqual(['0.94', '0.95']);
    });

    it('matches by external id first, so a corrected start date moves the rate', async () => {
      await upsertCurrencyRates(ctx.store.db, [{ externalId: '04w1', currency: EUR, startDate: d('2025-01-01'), rate: '0.93' }]);
      await upsertCurrencyRates(ctx.store.db, [{ externalId: '04w1', currency: EUR, startDate: d('2025-01-02'), rate: '0.93' }]);
      expect(await listCurrencyRates(ctx.store.db)).toEqual([{ currency: 'EUR', startDate: '2025-01-02', rate: '0.93' }]);
    });

    it('counts a repeated rate as unchanged', async () => {
      const rate = { currency: GBP, startDate: null, rate: '0.79' };
      await upsertCurrencyRates(ctx.store.db, [rate]);
      expect(await upsertCurrencyRates(ctx.store.db, [rate])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    });
  });
}
