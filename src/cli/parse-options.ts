import { InvalidArgumentError } from 'commander';

/** Commander argument parsers: a bad value is a usage error (exit 2) naming the option. */

export function parseNonNegativeInteger(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return n;
}

export function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0.');
  return n;
}

export function parseMonth(value: string): number {
  const month = Number(value);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new InvalidArgumentError('a month is a number from 1 to 12.');
  return month;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535.');
  return port;
}
