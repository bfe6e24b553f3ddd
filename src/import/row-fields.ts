/**
 * One row seen through a layout: typed values by field name, with every problem collected as a
 * RowError naming the header as written in the file. Record builders read fields from here and
 * never see columns or cells.
 */
import type { ForecastCategory } from '../core/pipeline/forecast-category.ts';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { Money } from '../core/shared/money.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import type { RowError } from './records.ts';
import { toSalesforceId18 } from './salesforce-id.ts';
import {
  isBlank,
  parseBoolean,
  parseCurrencyValue,
  parseDate,
  parseDecimal,
  parseForecastCategoryValue,
  parseInteger,
  parseMoneyValue,
  parsePercentBps,
  parseRate,
  parseTimestamp,
  type DateOrder,
  type NumberStyle,
  type Parsed,
} from './value-parsers.ts';

/** How values are written in this file. */
export interface ParseContext extends NumberStyle {
  readonly dateOrder: DateOrder;
  /** For amounts that name no currency in rows without a currency column. */
  readonly defaultCurrency: CurrencyCode;
  /** Ids are Salesforce record ids: validated, and 15-character ids widened to 18. */
  readonly salesforceIds: boolean;
}

export interface BoundColumn {
  readonly index: number;
  /** The header as written in the file, for error reports. */
  readonly header: string;
}

// A required value that fails yields a placeholder so the builder can finish the record; a row
// with any error is reported and its record dropped, so placeholders never leave this module's callers.
const PLACEHOLDER_DATE = '0001-01-01' as PlainDate;
const PLACEHOLDER_TIMESTAMP = '0001-01-01T00:00:00.000Z';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type ValueParser<T> = (text: string, context: ParseContext) => Parsed<T>;

const readId: ValueParser<string> = (text, context) => {
  const trimmed = text.trim();
  if (!context.salesforceIds) return { ok: true, value: trimmed };
  const id18 = toSalesforceId18(trimmed);
  return id18 === null ? { ok: false, reason: `"${trimmed}" is not a Salesforce id (15 or 18 letters and digits)` } : { ok: true, value: id18 };
};
const readEmail: ValueParser<string> = (text) => {
  const trimmed = text.trim();
  return EMAIL.test(trimmed) ? { ok: true, value: trimmed } : { ok: false, reason: `"${trimmed}" is not an email address` };
};
const readDate: ValueParser<PlainDate> = (text, context) => parseDate(text, context.dateOrder);
const readTimestamp: ValueParser<string> = (text, context) => parseTimestamp(text, context.dateOrder);
const readCurrency: ValueParser<CurrencyCode> = (text) => parseCurrencyValue(text);
const readDecimal: ValueParser<string> = (text, context) => parseDecimal(text, context);
const readInteger: ValueParser<number> = (text, context) => parseInteger(text, context);
const readRate: ValueParser<string> = (text, context) => parseRate(text, context);
const readPercent: ValueParser<number> = (text, context) => parsePercentBps(text, context);
const readBoolean: ValueParser<boolean> = (text) => parseBoolean(text);
const readForecastCategory: ValueParser<ForecastCategory> = (text) => parseForecastCategoryValue(text);

/**
 * One instance serves every row of a file (`reset` moves it to the next row), which keeps a
 * million-row import from allocating a reader per row.
 */
export class RowFields<F extends string> {
  errors: RowError[] = [];
  private cells: readonly string[] = [];
  row = 0;

  constructor(
    private readonly columns: ReadonlyMap<F, BoundColumn>,
    readonly context: ParseContext,
  ) {}

  reset(cells: readonly string[], row: number): void {
    this.cells = cells;
    this.row = row;
    if (this.errors.length > 0) this.errors = [];
  }

  /** Whether the file has a column for the field. */
  has(field: F): boolean {
    return this.columns.has(field);
  }

  /** The cell exactly as written; '' when the file has no such column or the row is short. */
  raw(field: F): string {
    const column = this.columns.get(field);
    return column === undefined ? '' : (this.cells[column.index] ?? '');
  }

  /** Records a problem with the field's cell. Returns null so callers can `return f.fail(...)`. */
  fail(field: F, reason: string): null {
    const column = this.columns.get(field);
    const value = this.raw(field);
    this.errors.push({ row: this.row, column: column?.header ?? field, value: value === '' ? null : value, reason });
    return null;
  }

  missing(field: F): void {
    this.fail(field, this.has(field) ? 'A value is required' : `A value is required (no column for ${field})`);
  }

  /** Text exactly as written (leading "=" included: it is data, never a formula); null when blank. */
  text(field: F): string | null {
    const value = this.raw(field);
    return isBlank(value) ? null : value;
  }

  requiredText(field: F): string {
    const value = this.text(field);
    if (value === null) this.missing(field);
    return value ?? '';
  }

  private parse<T>(field: F, parser: ValueParser<T>): T | null {
    const value = this.raw(field);
    if (value === '' || isBlank(value)) return null;
    const result = parser(value, this.context);
    if (result.ok) return result.value;
    return this.fail(field, result.reason);
  }

  /** A reference id, trimmed; Salesforce ids are checked and given their 18-character form. */
  id(field: F): string | null {
    return this.parse(field, readId);
  }

  email(field: F): string | null {
    return this.parse(field, readEmail);
  }

  date(field: F): PlainDate | null {
    return this.parse(field, readDate);
  }

  requiredDate(field: F): PlainDate {
    if (isBlank(this.raw(field))) this.missing(field);
    return this.date(field) ?? PLACEHOLDER_DATE;
  }

  timestamp(field: F): string | null {
    return this.parse(field, readTimestamp);
  }

  requiredTimestamp(field: F): string {
    if (isBlank(this.raw(field))) this.missing(field);
    return this.timestamp(field) ?? PLACEHOLDER_TIMESTAMP;
  }

  /** A currency code column; null when blank. */
  currency(field: F): CurrencyCode | null {
    return this.parse(field, readCurrency);
  }

  /** An amount; `rowCurrency` is the row's own currency, which the amount must agree with. */
  money(field: F, rowCurrency: CurrencyCode | null): Money | null {
    const value = this.raw(field);
    if (isBlank(value)) return null;
    const result = parseMoneyValue(value, this.context, rowCurrency, this.context.defaultCurrency);
    return result.ok ? result.value : this.fail(field, result.reason);
  }

  requiredMoney(field: F, rowCurrency: CurrencyCode | null): Money | null {
    if (isBlank(this.raw(field))) this.missing(field);
    return this.money(field, rowCurrency);
  }

  decimal(field: F): string | null {
    return this.parse(field, readDecimal);
  }

  requiredDecimal(field: F): string {
    if (isBlank(this.raw(field))) this.missing(field);
    return this.decimal(field) ?? '0';
  }

  integer(field: F): number | null {
    return this.parse(field, readInteger);
  }

  rate(field: F): string | null {
    return this.parse(field, readRate);
  }

  percentBps(field: F): number | null {
    return this.parse(field, readPercent);
  }

  boolean(field: F): boolean | null {
    return this.parse(field, readBoolean);
  }

  forecastCategory(field: F): ForecastCategory | null {
    return this.parse(field, readForecastCategory);
  }
}
