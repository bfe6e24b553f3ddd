import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { openTestStore, TEST_ENGINES, type TestStore } from './testing/test-stores.ts';

const USD = 'USD' as CurrencyCode;
const EUR = 'EUR' as CurrencyCode;

for (const engine of TEST_ENGINES) {
  describe(`product repository on ${engine}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(engine);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it('reads back a product by external id and by name', async () => {
      const product = await insertProduct(store.db, { name: 'Platform', externalId: '01t1', code: 'PLT', family: 'Software' });
      expect(await findProductByExternalId(store.db, '01t1')).toEqual(product);
      expect(await findProductByName(store.db, 'Platform')).toEqual(product);
    });

    it('updates a product and lists only active ones when asked', async () => {
      const old = await insertProduct(store.db, { name: 'Legacy' });
      await insertProduct(store.db, { name: 'Platform' });
      await updateProduct(store.db, old.id, { active: false });
      expect((await listProducts(store.db, { activeOnly: true })).map((p) => p.name)).toEqual(['Platform']);
      expect(await listProducts(store.db)).toHaveLength(2);
    });

    it('keeps a price per book, product and currency', async () => {
      const product = await insertProduct(store.db, { name: 'Platform' });
      const book = await insertPriceBook(store.db, { name: 'Standard', isStandard: true });
      await insertPriceBookEntry(store.db, { priceBookId: book.id, productId: product.id, currency: USD, unitPriceMinor: 120_000 });
      const euro = await insertPriceBookEntry(store.db, { priceBookId: book.id, productId: product.id, currency: EUR, unitPriceMinor: 110_000 });
      await updatePriceBookEntryPrice(store.db, euro.id, 105_000);
      expect((await getStandardPriceBook(store.db))?.id).toBe(book.id);
      expect((await findPriceBookEntry(store.db, book.id, product.id, EUR))?.unitPriceMinor).toBe(105_000);
      expect((await listPriceBookEntries(store.db, book.id)).map((e) => e.currency)).toEqual(['EUR', 'USD']);
    });
  });
}
