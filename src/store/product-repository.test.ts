import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import {
  findPriceBookEntry,
  findProductByExternalId,
  findProductByName,
  getStandardPriceBook,
  insertPriceBook,
  insertPriceBookEntry,
  insertProduct,
  listPriceBookEntries,
  listProducts,
  updatePriceBookEntryPrice,
  updateProduct,
} from './product-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const USD = 'USD' as CurrencyCode;
const EUR = 'EUR' as CurrencyCode;

for (const engine of TEST_ENGINES) {
  describe(`product repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('reads back a product by external id and by name', async () => {
      const product = await insertProduct(ctx.store.db, { name: 'Platform', externalId: '01t1', code: 'PLT', family: 'Software' });
      expect(await findProductByExternalId(ctx.store.db, '01t1')).toEqual(product);
      expect(await findProductByName(ctx.store.db, 'Platform')).toEqual(product);
    });

    it('updates a product and lists only active ones when asked', async () => {
      const old = await insertProduct(ctx.store.db, { name: 'Legacy' });
      await insertProduct(ctx.store.db, { name: 'Platform' });
      await updateProduct(ctx.store.db, old.id, { active: false });
      expect((await listProducts(ctx.store.db, { activeOnly: true })).map((p) => p.name)).toEqual(['Platform']);
      expect(await listProducts(ctx.store.db)).toHaveLength(2);
    });

    it('keeps a price per book, product and currency', async () => {
      const product = await insertProduct(ctx.store.db, { name: 'Platform' });
      const book = await insertPriceBook(ctx.store.db, { name: 'Standard', isStandard: true });
      await insertPriceBookEntry(ctx.store.db, { priceBookId: book.id, productId: product.id, currency: USD, unitPriceMinor: 120_000 });
      const euro = await insertPriceBookEntry(ctx.store.db, { priceBookId: book.id, productId: product.id, currency: EUR, unitPriceMinor: 110_000 });
      await updatePriceBookEntryPrice(ctx.store.db, euro.id, 105_000);
      expect((await getStandardPriceBook(ctx.store.db))?.id).toBe(book.id);
      expect((await findPriceBookEntry(ctx.store.db, book.id, product.id, EUR))?.unitPriceMinor).toBe(105_000);
      expect((await listPriceBookEntries(ctx.store.db, book.id)).map((e) => e.currency)).toEqual(['EUR', 'USD']);
    });
  });
}
