import { describe, expect, it } from 'vitest';
import { salesProcesses } from '../../contracts/settings.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf } from '../testing/access-fixtures.ts';
import { listSalesProcessesFor } from './sales-processes.ts';

for (const engine of TEST_ENGINES) {
  describe(`listSalesProcessesFor on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('lists the processes, the default first, with their stages in order and nothing beyond the contract', async () => {
      await ctx.make.process({ name: 'Renewals' });
      await ctx.make.process({ name: 'New Business', isDefault: true });
      const result = await listSalesProcessesFor(ctx.store, actorOf('rep'));
      expect(result.processes.map((p) => [p.name, p.isDefault])).toEqual([['New Business', true], ['Renewals', false]]);
      expect(result.processes[0]!.stages.map((s) => s.sortOrder)).toEqual(result.processes[0]!.stages.map((_, i) => i + 1));
      expect(salesProcesses.strict().safeParse(result).success).toBe(true);
      expect(Object.keys(result.processes[0]!.stages[0]!).sort()).toEqual(['forecastCategory', 'id', 'isClosed', 'isWon', 'name', 'probabilityBps', 'sortOrder']);
    });
  });
}
