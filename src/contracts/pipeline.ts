import { z } from 'zod';
import { isoDate, money, pageOf, pageQuery, personRef } from './common.ts';

export const forecastCategory = z.enum(['pipeline', 'best_case', 'commit', 'closed', 'omitted']);

export const opportunitySortKey = z.enum(['name', 'accountName', 'ownerName', 'stage', 'amount', 'closeDate', 'forecastCategory', 'createdDate']);
export const opportunityListQuery = pageQuery.extend({
  sort: opportunitySortKey.default('closeDate'),
  status: z.enum(['open', 'won', 'lost', 'closed', 'all']).default('all'),
  stageId: z.string().max(64).optional(),
  ownerId: z.string().max(64).optional(),
  accountId: z.string().max(64).optional(),
  forecastCategory: forecastCategory.optional(),
  closeFrom: isoDate.optional(),
  closeTo: isoDate.optional(),
});
export type OpportunityListQuery = z.infer<typeof opportunityListQuery>;

export const opportunityListItem = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  account: personRef,
  owner: personRef,
  stage: z.object({ id: z.string(), name: z.string() }),
  amount: money.nullable(),
  closeDate: isoDate,
  createdDate: isoDate,
  forecastCategory,
  probabilityBps: z.number().int(),
  isClosed: z.boolean(),
  isWon: z.boolean(),
});
export type OpportunityListItem = z.infer<typeof opportunityListItem>;
export const opportunityPage = pageOf(opportunityListItem);

/** One change of one tracked field, values rendered for reading (stage names, owner names). */
export const stageHistoryEntry = z.object({
  changedAt: z.string(),
  field: z.enum(['stage', 'amount', 'close_date', 'forecast_category', 'owner']),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  oldLabel: z.string().nullable(),
  newLabel: z.string().nullable(),
});
export type StageHistoryEntry = z.infer<typeof stageHistoryEntry>;

export const opportunityDetail = opportunityListItem.extend({
  process: z.object({ id: z.string(), name: z.string() }),
  type: z.string().nullable(),
  leadSource: z.string().nullable(),
  nextStep: z.string().nullable(),
  forecastCategoryOverride: z.boolean(),
  history: z.array(stageHistoryEntry),
  stages: z.array(z.object({ id: z.string(), name: z.string(), isClosed: z.boolean(), isWon: z.boolean() })),
});
export type OpportunityDetail = z.infer<typeof opportunityDetail>;

/**
 * The fields a caller may change. Unknown keys are refused (strict), so `role`, `locked` or
 * approval fields never slip through; `ownerId` needs the reassign permission.
 */
export const updateOpportunityBody = z.strictObject({
  stageId: z.string().max(64).optional(),
  amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  closeDate: isoDate.optional(),
  nextStep: z.string().max(255).nullable().optional(),
  forecastCategory: forecastCategory.optional(),
  ownerId: z.string().max(64).optional(),
});
export type UpdateOpportunityBody = z.infer<typeof updateOpportunityBody>;

export const accountSortKey = z.enum(['name', 'industry', 'country', 'ownerName', 'openPipeline', 'segment']);
export const accountListQuery = pageQuery.extend({
  sort: accountSortKey.default('name'),
  ownerId: z.string().max(64).optional(),
  industry: z.string().max(200).optional(),
  country: z.string().max(200).optional(),
});
export type AccountListQuery = z.infer<typeof accountListQuery>;

export const accountListItem = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  industry: z.string().nullable(),
  country: z.string().nullable(),
  segment: z.string().nullable(),
  owner: personRef,
  /** Open pipeline in the corporate currency (converted at today's rates). */
  openPipeline: money,
  openOpportunities: z.number().int(),
});
export type AccountListItem = z.infer<typeof accountListItem>;
export const accountPage = pageOf(accountListItem);

export const accountDetail = accountListItem.extend({
  employees: z.number().int().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  opportunities: z.array(opportunityListItem),
});
export type AccountDetail = z.infer<typeof accountDetail>;
