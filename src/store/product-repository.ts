import type { Kysely, Selectable } from 'kysely';
import type { CurrencyCode } from '../core/shared/currency.ts';
import { newId } from './new-id.ts';
import type { Database, PriceBookEntryTable, PriceBookTable, ProductTable } from './schema.ts';
import { StoreError } from './store-error.ts';

export interface Product {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
  readonly code: string | null;
  readonly family: string | null;
  readonly active: boolean;
}

export interface PriceBook {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
  readonly isStandard: boolean;
}

/** A product's list price in one price book and currency. */
export interface PriceBookEntry {
  readonly id: string;
  readonly externalId: string | null;
  readonly priceBookId: string;
  readonly productId: string;
  readonly currency: CurrencyCode;
  readonly unitPriceMinor: number;
}

export type NewProduct = Partial<Omit<Product, 'name'>> & { readonly name: string };
export type ProductPatch = Partial<Omit<Product, 'id'>>;
export type NewPriceBook = Partial<Omit<PriceBook, 'name'>> & { readonly name: string };
export type NewPriceBookEntry = Omit<PriceBookEntry, 'id' | 'externalId'> & { readonly id?: string; readonly externalId?: string | null };

function toProduct(row: Selectable<ProductTable>): Product {
  return { id: row.id, externalId: row.external_id, name: row.name, code: row.code, family: row.family, active: row.active === 1 };
}

function toPriceBook(row: Selectable<PriceBookTable>): PriceBook {
  return { id: row.id, externalId: row.external_id, name: row.name, isStandard: row.is_standard === 1 };
}

function toEntry(row: Selectable<PriceBookEntryTable>): PriceBookEntry {
  return {
    id: row.id,
    externalId: row.external_id,
    priceBookId: row.price_book_id,
    productId: row.product_id,
    currency: row.currency as CurrencyCode,
    unitPriceMinor: Number(row.unit_price_minor),
  };
}

export async function insertProduct(db: Kysely<Database>, input: NewProduct): Promise<Product> {
  const row: Selectable<ProductTable> = {
    id: input.id ?? newId('product'),
    external_id: input.externalId ?? null,
    name: input.name,
    code: input.code ?? null,
    family: input.family ?? null,
    active: input.active === false ? 0 : 1,
  };
  await db.insertInto('product').values(row).execute();
  return toProduct(row);
}

export async function updateProduct(db: Kysely<Database>, id: string, patch: ProductPatch): Promise<Product> {
  const values: Partial<Selectable<ProductTable>> = {};
  if (patch.externalId !== undefined) values.external_id = patch.externalId;
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.code !== undefined) values.code = patch.code;
  if (patch.family !== undefined) values.family = patch.family;
  if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
  if (Object.keys(values).length > 0) await db.updateTable('product').set(values).where('id', '=', id).execute();
  const product = await findProductById(db, id);
  if (product === null) throw new StoreError('not_found', `No product ${id}`, { id });
  return product;
}

export async function findProductById(db: Kysely<Database>, id: string): Promise<Product | null> {
  const row = await db.selectFrom('product').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toProduct(row);
}

export async function findProductByExternalId(db: Kysely<Database>, externalId: string): Promise<Product | null> {
  const row = await db.selectFrom('product').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  return row === undefined ? null : toProduct(row);
}

/** The product with exactly this name; a conflict when several share it. */
export async function findProductByName(db: Kysely<Database>, name: string): Promise<Product | null> {
  const rows = await db.selectFrom('product').selectAll().where('name', '=', name).orderBy('id').limit(2).execute();
  if (rows.length > 1) throw new StoreError('conflict', `Several products are named ${name}`, { name });
  const row = rows[0];
  return row === undefined ? null : toProduct(row);
}

export async function listProducts(db: Kysely<Database>, filter: { readonly activeOnly?: boolean } = {}): Promise<Product[]> {
  let query = db.selectFrom('product').selectAll();
  if (filter.activeOnly === true) query = query.where('active', '=', 1);
  return (await query.orderBy('name').orderBy('id').execute()).map(toProduct);
}

export async function insertPriceBook(db: Kysely<Database>, input: NewPriceBook): Promise<PriceBook> {
  const row: Selectable<PriceBookTable> = { id: input.id ?? newId('priceBook'), external_id: input.externalId ?? null, name: input.name, is_standard: input.isStandard === true ? 1 : 0 };
  await db.insertInto('price_book').values(row).execute();
  return toPriceBook(row);
}

export async function findPriceBookByExternalId(db: Kysely<Database>, externalId: string): Promise<PriceBook | null> {
  const row = await db.selectFrom('price_book').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  return row === undefined ? null : toPriceBook(row);
}

/** The standard price book (list prices), or null when none is marked standard. */
export async function getStandardPriceBook(db: Kysely<Database>): Promise<PriceBook | null> {
  const row = await db.selectFrom('price_book').selectAll().where('is_standard', '=', 1).orderBy('id').executeTakeFirst();
  return row === undefined ? null : toPriceBook(row);
}

export async function listPriceBooks(db: Kysely<Database>): Promise<PriceBook[]> {
  return (await db.selectFrom('price_book').selectAll().orderBy('name').orderBy('id').execute()).map(toPriceBook);
}

export async function insertPriceBookEntry(db: Kysely<Database>, input: NewPriceBookEntry): Promise<PriceBookEntry> {
  const row: Selectable<PriceBookEntryTable> = {
    id: input.id ?? newId('priceBookEntry'),
    external_id: input.externalId ?? null,
    price_book_id: input.priceBookId,
    product_id: input.productId,
    currency: input.currency,
    unit_price_minor: input.unitPriceMinor,
  };
  await db.insertInto('price_book_entry').values(row).execute();
  return toEntry(row);
}

export async function updatePriceBookEntryPrice(db: Kysely<Database>, id: string, unitPriceMinor: number): Promise<void> {
  const result = await db.updateTable('price_book_entry').set({ unit_price_minor: unitPriceMinor }).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new StoreError('not_found', `No price book entry ${id}`, { id });
}

/** A product's price in a book and currency, or null. */
export async function findPriceBookEntry(db: Kysely<Database>, priceBookId: string, productId: string, currency: CurrencyCode): Promise<PriceBookEntry | null> {
  const row = await db
    .selectFrom('price_book_entry')
    .selectAll()
    .where('price_book_id', '=', priceBookId)
    .where('product_id', '=', productId)
    .where('currency', '=', currency)
    .orderBy('id')
    .executeTakeFirst();
  return row === undefined ? null : toEntry(row);
}

export async function listPriceBookEntries(db: Kysely<Database>, priceBookId: string): Promise<PriceBookEntry[]> {
  const rows = await db.selectFrom('price_book_entry').selectAll().where('price_book_id', '=', priceBookId).orderBy('product_id').orderBy('currency').execute();
  return rows.map(toEntry);
}
