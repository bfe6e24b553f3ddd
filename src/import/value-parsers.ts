/**
 * Cell text to typed values. Every parser takes the cell as written and returns either the value
 * or a reason a person can act on; none throws, so a bad cell costs no more than a good one when
 * a million rows are read. Surrounding whitespace is ignored for these non-text values; text
 * fields are never passed through here and are kept exactly as written.
 */
import { Decimal } from 'decimal.js';
import { parseForecastCategory, type ForecastCategory } from '../core/pipeline/forecast-category.ts';
import { currencyExponent, isCurrencyCode, type CurrencyCode } from '../core/shared/currency.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import { parseMoney, type Money } from '../core/shared/money.ts';
import { fail, ok, type Locale, type Parsed } from './parsed.ts';

// Date and timestamp cells are read by date-parsers.ts; callers import every cell parser from here.
export { dateOrderOf, excelSerialToDate, parseDate, parseTimestamp, type DateOrder } from './date-parsers.ts';
export type { Locale, Parsed } from './parsed.ts';

export interface NumberStyle {
  readonly locale: Locale;
  /**
   * Also accept machine-written decimals ("1234.56") whatever the locale. API exports (Salesforce
   * Data Loader, HubSpot) and XLSX number cells are written this way, so for them "1.234" is one
   * point two three four even in the eu locale.
   */
  readonly plainNumbers: boolean;
}


export function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}
// ---------------------------------------------------------------------------------------------
// Numbers and money

const NOT_A_NUMBER = /^[+-]?(nan|inf|infinity)$/i;
const PLAIN = /^(\d+(\.\d+)?|\.\d+)$/;
const US_GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const EU_PLAIN = /^(\d+(,\d+)?|,\d+)$/;
const EU_GROUPED = /^\d{1,3}([. \u00a0\u202f'])\d{3}(\1\d{3})*(,\d+)?$/;
const CURRENCY_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  // The first code is what the sign means when nothing else in the row says which currency.
  $: ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'TWD'],
  '€': ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
};
const SYMBOL_CHARS = /^[$€£¥]|[$€£¥]$/;

interface AmountParts {
  readonly negative: boolean;
  readonly digits: string;
  readonly code: string | null;
  readonly symbol: string | null;
}

/** Splits "(USD 1,234.56)", "-€5", "1.234,56 EUR" into sign, currency marks and digits. */
function splitAmount(text: string): Parsed<AmountParts> {
  let s = text.trim();
  if (NOT_A_NUMBER.test(s)) return fail(`"${text}" is not a number`);
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const takeSign = (): boolean => {
    const first = s.charAt(0);
    if (first === '-' || first === '\u2212' || first === '+') {
      s = s.slice(1).trim();
      if (first === '+') return true;
      if (negative) return false;
      negative = true;
    }
    return true;
  };
  if (!takeSign()) return fail(`"${text}" has two minus signs`);
  let code: string | null = null;
  const prefixCode = /^([A-Za-z]{3})\s*(?=[\d.,(+\-\u2212$€£¥])/.exec(s);
  const suffixCode = /(?<=[\d.,)])\s*([A-Za-z]{3})$/.exec(s);
  if (prefixCode !== null && prefixCode[1] !== undefined) {
    code = prefixCode[1].toUpperCase();
    s = s.slice(prefixCode[0].length);
  } else if (suffixCode !== null && suffixCode[1] !== undefined) {
    code = suffixCode[1].toUpperCase();
    s = s.slice(0, s.length - suffixCode[0].length);
  }
  let symbol: string | null = null;
  const symbolMatch = SYMBOL_CHARS.exec(s);
  if (symbolMatch !== null) {
    symbol = symbolMatch[0];
    s = (symbolMatch.index === 0 ? s.slice(1) : s.slice(0, -1)).trim();
  }
  if (!takeSign()) return fail(`"${text}" has two minus signs`);
  if (s === '') return fail(`"${text}" has no number`);
  return ok({ negative, digits: s, code, symbol });
}

function describeStyle(style: NumberStyle): string {
  return style.locale === 'us' ? 'like 1,234.56' : 'like 1.234,56';
}

/** Digits with separators to a plain decimal string ("1234.56"), by the locale's rules. */
function normaliseDigits(original: string, digits: string, style: NumberStyle): Parsed<string> {
  if (/[eE]/.test(digits) && /\d/.test(digits)) {
    return fail(`"${original}" uses exponent notation; write the number out in full`);
  }
  if (PLAIN.test(digits) && (style.plainNumbers || style.locale === 'us')) return ok(digits);
  if (style.locale === 'us') {
    if (US_GROUPED.test(digits)) return ok(digits.replaceAll(',', ''));
  } else {
    if (EU_PLAIN.test(digits)) return ok(digits.replace(',', '.'));
    if (EU_GROUPED.test(digits)) return ok(digits.replace(/[. \u00a0\u202f']/g, '').replace(',', '.'));
  }
  return fail(`"${original}" is not a number (${describeStyle(style)})`);
}

// Plain decimals without redundant zeros ("12", "-0.5", "1234.75") are already canonical.
const CANONICAL_DECIMAL = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** A plain decimal string ("-1234.5") from a number as written in the locale; currency marks are refused. */
export function parseDecimal(text: string, style: NumberStyle): Parsed<string> {
  if ((style.plainNumbers || style.locale === 'us') && CANONICAL_DECIMAL.test(text) && text !== '-0') return ok(text);
  const parts = splitAmount(text);
  if (!parts.ok) return parts;
  if (parts.value.code !== null || parts.value.symbol !== null) return fail(`"${text}" is not a plain number`);
  const digits = normaliseDigits(text, parts.value.digits, style);
  if (!digits.ok) return digits;
  const normalised = new Decimal(digits.value);
  return ok((parts.value.negative && !normalised.isZero() ? normalised.negated() : normalised).toFixed());
}

/** A whole number within the safe integer range ("1,200" → 1200). */
export function parseInteger(text: string, style: NumberStyle): Parsed<number> {
  const decimal = parseDecimal(text, style);
  if (!decimal.ok) return decimal;
  const value = new Decimal(decimal.value);
  if (!value.isInteger()) return fail(`"${text}" is not a whole number`);
  if (value.abs().greaterThan(Number.MAX_SAFE_INTEGER)) return fail(`"${text}" is too large`);
  return ok(value.toNumber() + 0);
}

function currencyForSymbol(symbol: string, rowCurrency: CurrencyCode | null, defaultCurrency: CurrencyCode): CurrencyCode | null {
  const candidates = CURRENCY_SYMBOLS[symbol] ?? [];
  const preferred = rowCurrency ?? defaultCurrency;
  if (candidates.includes(preferred)) return preferred;
  const first = candidates[0];
  return rowCurrency === null && first !== undefined && isCurrencyCode(first) ? first : null;
}

const SIMPLE_AMOUNT = /^(-?)(\d{1,12})(?:\.(\d{1,3}))?$/;

/** Minor units of a plain amount without Decimal, when it is small enough to be exact; else null. */
function simpleMinorUnits(text: string, currency: CurrencyCode): Money | null {
  const m = SIMPLE_AMOUNT.exec(text);
  if (m === null) return null;
  const exponent = currencyExponent(currency);
  const fraction = m[3] ?? '';
  if (fraction.length > exponent) return null;
  const minor = Number(`${m[2] ?? ''}${fraction.padEnd(exponent, '0')}`);
  return { minor: m[1] === '-' && minor !== 0 ? -minor : minor, currency };
}

/**
 * An amount of money. The currency comes, in order, from an ISO code written with the amount
 * ("USD 1,234.56", "1.234,56 EUR"), the row's currency column, a sign ($ € £ ¥), or the default.
 * A code or sign that contradicts the row's currency is an error, as are unknown codes, more
 * decimals than the currency has, and amounts beyond the safe range in minor units.
 */
export function parseMoneyValue(
  text: string,
  style: NumberStyle,
  rowCurrency: CurrencyCode | null,
  defaultCurrency: CurrencyCode,
): Parsed<Money> {
  if (style.plainNumbers || style.locale === 'us') {
    const simple = simpleMinorUnits(text, rowCurrency ?? defaultCurrency);
    if (simple !== null) return ok(simple);
  }
  const parts = splitAmount(text);
  if (!parts.ok) return parts;
  const { code, symbol, negative } = parts.value;
  if (code !== null && !isCurrencyCode(code)) return fail(`Unknown currency code "${code}"`);
  if (code !== null && rowCurrency !== null && code !== rowCurrency) {
    return fail(`"${text}" is in ${code} but the row's currency is ${rowCurrency}`);
  }
  let currency: CurrencyCode;
  if (code !== null && isCurrencyCode(code)) {
    currency = code;
    if (symbol !== null && !(CURRENCY_SYMBOLS[symbol] ?? []).includes(code)) return fail(`"${text}" mixes ${symbol} with ${code}`);
  } else if (symbol !== null) {
    const fromSymbol = currencyForSymbol(symbol, rowCurrency, defaultCurrency);
    if (fromSymbol === null) return fail(`"${text}" is written with ${symbol} but the row's currency is ${rowCurrency ?? defaultCurrency}`);
    currency = fromSymbol;
  } else {
    currency = rowCurrency ?? defaultCurrency;
  }
  const digits = normaliseDigits(text, parts.value.digits, style);
  if (!digits.ok) return digits;
  try {
    return ok(parseMoney(negative ? `-${digits.value}` : digits.value, currency));
  } catch (error) {
    if (error instanceof DomainError) return fail(error.message);
    throw error;
  }
}

/** A currency code as written in a currency column; unknown codes are refused, never guessed. */
export function parseCurrencyValue(text: string): Parsed<CurrencyCode> {
  const code = text.trim().toUpperCase();
  return isCurrencyCode(code) ? ok(code) : fail(`Unknown currency code "${text.trim()}"`);
}

/** A positive exchange rate as a plain decimal string. */
export function parseRate(text: string, style: NumberStyle): Parsed<string> {
  const decimal = parseDecimal(text, style);
  if (!decimal.ok) return decimal;
  return new Decimal(decimal.value).greaterThan(0) ? decimal : fail(`"${text}" is not a positive rate`);
}

/**
 * A percentage to basis points. Percent columns (Salesforce "Probability (%)", SplitPercentage)
 * hold percent numbers, so "20%" and "20" both mean 20 % (2000 bps) and "0.2" means 0.2 %.
 * Finer than a hundredth of a percent is refused rather than rounded.
 */
const SIMPLE_PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/;

export function parsePercentBps(text: string, style: NumberStyle, maxPercent = 100): Parsed<number> {
  const simple = style.locale === 'us' || style.plainNumbers ? SIMPLE_PERCENT.exec(text.trim()) : null;
  if (simple !== null) {
    const bps = Number(simple[1]) * 100 + Number((simple[2] ?? '').padEnd(2, '0'));
    return bps <= maxPercent * 100 ? ok(bps) : fail(`"${text}" is outside 0 % to ${maxPercent} %`);
  }
  const withoutSign = text.trim().replace(/\s*%$/, '');
  const decimal = parseDecimal(withoutSign, style);
  if (!decimal.ok) return fail(decimal.reason.replace(`"${withoutSign}"`, `"${text}"`));
  const bps = new Decimal(decimal.value).times(100);
  if (!bps.isInteger()) return fail(`"${text}" is finer than a hundredth of a percent`);
  if (bps.isNegative() || bps.greaterThan(maxPercent * 100)) return fail(`"${text}" is outside 0 % to ${maxPercent} %`);
  return ok(bps.toNumber() + 0);
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);

export function parseBoolean(text: string): Parsed<boolean> {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail(`"${text}" is not true/false, yes/no or 1/0`);
}

/**
 * A forecast category by label or API value. Salesforce's OpportunityHistory still writes the
 * pre-2013 value "Forecast", which is today's Commit.
 */
export function parseForecastCategoryValue(text: string): Parsed<ForecastCategory> {
  if (text.trim().toLowerCase() === 'forecast') return ok('commit');
  try {
    return ok(parseForecastCategory(text));
  } catch (error) {
    if (error instanceof DomainError) return fail(error.message);
    throw error;
  }
}
