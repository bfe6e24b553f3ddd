import { z } from 'zod';
import { isoDate, MAX_NAME_LENGTH } from './common.ts';
import { forecastCategory } from './pipeline.ts';

export const fiscalPattern = z.enum(['calendar', '4-4-5', '4-5-4', '5-4-4']);
export const workspaceSettings = z.object({
  name: z.string(),
  corporateCurrency: z.string(),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  fiscalPattern,
  fiscalYearNaming: z.enum(['end', 'start']),
  bookingBasis: z.enum(['acv', 'tcv', 'arr', 'mrr']),
  managersSeePay: z.boolean(),
  isDemo: z.boolean(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettings>;

export const updateWorkspaceBody = z.strictObject({
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH).optional(),
  corporateCurrency: z.string().length(3).optional(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
  fiscalPattern: fiscalPattern.optional(),
  fiscalYearNaming: z.enum(['end', 'start']).optional(),
  bookingBasis: z.enum(['acv', 'tcv', 'arr', 'mrr']).optional(),
  managersSeePay: z.boolean().optional(),
});
export type UpdateWorkspaceBody = z.infer<typeof updateWorkspaceBody>;

export const currencyRate = z.object({
  currency: z.string(),
  /** Null: the standing rate; a date: the rate from that date on. */
  startDate: isoDate.nullable(),
  /** Units of the currency per one unit of the corporate currency, as a decimal string. */
  rate: z.string(),
});
export type CurrencyRate = z.infer<typeof currencyRate>;
export const currencyRates = z.object({ corporateCurrency: z.string(), rates: z.array(currencyRate) });

export const addCurrencyRateBody = z.strictObject({
  currency: z.string().length(3).regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  startDate: isoDate.nullable(),
  rate: z.string().regex(/^\d+(\.\d+)?$/, 'a positive decimal such as 0.92').max(40),
});

export const stage = z.object({
  id: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  probabilityBps: z.number().int(),
  forecastCategory,
  isClosed: z.boolean(),
  isWon: z.boolean(),
});
export const salesProcess = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  isDefault: z.boolean(),
  stages: z.array(stage),
});
export type SalesProcess = z.infer<typeof salesProcess>;
export const salesProcesses = z.object({ processes: z.array(salesProcess) });
