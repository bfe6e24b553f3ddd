import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { todayUtc } from '../access/today.ts';
import { csvRowsOf, xlsxContentOf } from '../export/testing/read-download.ts';
import { actorOf } from '../testing/access-fixtures.ts';
import { addCurrencyRate } from './currency-rates.ts';
import { exportCurrencyRates, exportSalesProcesses } from './export-settings-tables.ts';

const STAGE_HEADER = [
  'process_id', 'process_name', 'process_kind', 'process_is_default',
  'stage_id', 'stage_name', 'sort_order', 'probability_percent', 'forecast_category', 'is_closed', 'is_won',
];

for (const engine of TEST_ENGINES) {
  describe(`settings table exports on ${engine}`, () => {
    const ctx = useTestStore(engine);
    beforeEach(async () => {
      await ctx.make.workspace();
    });

    it('writes every rate, the standing one first, with its exact decimal', async () => {
      const ops = actorOf('ops');
      await addCurrencyRate(ctx.store, ops, { currency: 'EUR', startDate: '2026-03-01', rate: '0.9134' });
      await addCurrencyRate(ctx.store, ops, { currency: 'EUR', startDate: null, rate: '0.9' });
      const file = await exportCurrencyRates(ctx.store, actorOf('rep'), 'csv');
      expect(file.fileName).toBe(`currency-rates-${todayUtc()}.csv`);
      expect(csvRowsOf(file)).toEqual([
        ['corporate_currency', 'currency', 'kind', 'start_date', 'rate'],
        ['USD', 'EUR', 'standing', '', '0.9'],
        ['USD', 'EUR', 'dated', '2026-03-01', '0.9134'],
      ]);
    });

    it('writes the rates as a workbook of text cells', async () => {
      await addCurrencyRate(ctx.store, actorOf('ops'), { currency: 'GBP', startDate: null, rate: '0.80' });
      const content = await xlsxContentOf(await exportCurrencyRates(ctx.store, actorOf('finance'), 'xlsx'));
      expect(content.sheetName).toBe('currency-rates');
      expect(content.rows[1]).toEqual(['USD', 'GBP', 'standing', '', '0.80']);
    });

    it('writes one row per stage of every process, in stage order', async () => {
      const process = await ctx.make.process({ name: 'Direct', isDefault: true });
      const file = await exportSalesProcesses(ctx.store, actorOf('rep'), 'csv');
      const rows = csvRowsOf(file);
      const won = process.stages.find((s) => s.name === 'Closed Won');
      expect(file.fileName).toBe(`sales-processes-${todayUtc()}.csv`);
      expect(rows[0]).toEqual(STAGE_HEADER);
      expect(rows).toHaveLength(1 + process.stages.length);
      expect(rows[1]?.slice(0, 8)).toEqual([process.id, 'Direct', 'new_business', 'true', process.stages[0]?.id, 'Prospecting', '1', '10']);
      expect(rows.find((r) => r[4] === won?.id)).toEqual([process.id, 'Direct', 'new_business', 'true', won?.id, 'Closed Won', '9', '100', 'closed', 'true', 'true']);
    });

    it('keeps a process with no stages as a row with empty stage cells', async () => {
      const process = await ctx.make.process({ name: 'Empty', stages: [] });
      expect(csvRowsOf(await exportSalesProcesses(ctx.store, actorOf('ops'), 'csv'))).toEqual([STAGE_HEADER, [process.id, 'Empty', 'new_business', 'false', '', '', '', '', '', '', '']]);
    });

    it('writes only the process asked for, and answers not_found for an unknown one', async () => {
      await ctx.make.process({ name: 'Direct', isDefault: true });
      const renewal = await ctx.make.process({ name: 'Renewal', kind: 'renewal' });
      const rows = csvRowsOf(await exportSalesProcesses(ctx.store, actorOf('ops'), 'csv', renewal.id));
      expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(['Renewal']));
      await expect(exportSalesProcesses(ctx.store, actorOf('ops'), 'csv', 'proc_missing')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('neutralises a stage name a spreadsheet would run as a formula', async () => {
      await ctx.make.process({ name: '+Partner', stages: [{ name: '=cmd|calc', probabilityBps: 5000, forecastCategory: 'pipeline', isClosed: false, isWon: false, aliases: [] }] });
      const [, row] = csvRowsOf(await exportSalesProcesses(ctx.store, actorOf('ops'), 'csv'));
      expect([row?.[1], row?.[5]]).toEqual(["'+Partner", "'=cmd|calc"]);
    });
  });
}
