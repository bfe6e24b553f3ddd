import type { MetricUnit } from '../../core/metrics/metric-definition.ts';
import { currencyExponent, type CurrencyCode } from '../../core/shared/currency.ts';

function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function currencySymbol(currency: CurrencyCode): string {
  try {
    const part = new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency');
    return part?.value ?? `${currency} `;
  } catch {
    return `${currency} `;
  }
}

/**
 * Minor units as a person reads them, exactly (no float on the way): "$1,234,567.89",
 * "-€12.00", "¥1,500". The symbol is the en-US one; an unknown code prints as "XYZ 12.00".
 */
export function formatMinor(minor: number, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(digits.length - exponent)}`;
  return `${minor < 0 ? '-' : ''}${currencySymbol(currency)}${grouped(whole)}${fraction}`;
}

/** A metric's value in words for a tile or a table cell; "—" when undefined. */
export function formatMetricValue(value: number | null, unit: MetricUnit, currency: CurrencyCode): string {
  if (value === null) return '—';
  switch (unit) {
    case 'money':
      return formatMinor(value, currency);
    case 'money_per_day':
      return `${formatMinor(value, currency)}/day`;
    case 'ratio':
      return `${(value * 100).toFixed(1)} %`;
    case 'days':
      return `${Number.isInteger(value) ? value : value.toFixed(1)} days`;
    case 'count':
      return grouped(String(value));
  }
}
