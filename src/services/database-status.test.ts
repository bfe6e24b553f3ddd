import { describe, expect, it } from 'vitest';
import { createFactories } from '../store/testing/factories.ts';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { databaseStatus } from './database-status.ts';

for (const engine of TEST_ENGINES) {
  describe(`databaseStatus on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('reports the engine and the schema version with nothing pending on a migrated database', async () => {
      const status = await databaseStatus(ctx.store);
      expect(status.engine).toBe(engine);
      expect(status.schema).toMatchObject({ version: '0004-metric-indexes', pending: [] });
    });

    it('reports no workspace before init', async () => {
      expect((await databaseStatus(ctx.store)).workspace).toBeNull();
    });

    it('counts the rows of each table', async () => {
      const make = createFactories(ctx.store);
      await make.workspace({ name: 'Acme', isDemo: true });
      await make.account();
      await make.account();
      await make.opportunity();
      const status = await databaseStatus(ctx.store);
      expect(status.workspace).toMatchObject({ name: 'Acme', isDemo: true, corporateCurrency: 'USD' });
      expect(status.counts).toMatchObject({ accounts: 2, opportunities: 1, people: 0 });
    });
  });
}
