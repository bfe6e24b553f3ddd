/**
 * The field names a preset or a mapping file binds headers to, per entity. A reference has one
 * field per way of naming it (`ownerId`, `ownerEmail`, `ownerName`): the first one a row fills is
 * used. See mapping-file.md for what each field holds.
 */
import type { ImportEntity } from './records.ts';

export const ENTITY_FIELDS = {
  currency_rate: ['externalId', 'currency', 'rate', 'startDate', 'isCorporate'],
  person: [
    'externalId', 'name', 'firstName', 'lastName', 'email', 'active', 'hireDate', 'jobRole', 'title',
    'managerId', 'managerEmail', 'managerName', 'managerSince',
  ],
  product: ['externalId', 'name', 'code', 'family', 'active'],
  account: [
    'externalId', 'name', 'industry', 'employees', 'annualRevenue', 'currency', 'country', 'state', 'postalCode',
    'segment', 'ownerId', 'ownerEmail', 'ownerName', 'createdDate',
  ],
  opportunity: [
    'externalId', 'name', 'accountId', 'accountName', 'ownerId', 'ownerEmail', 'ownerName', 'process', 'stage',
    'amount', 'currency', 'closeDate', 'createdDate', 'type', 'leadSource', 'nextStep', 'forecastCategory', 'probability',
  ],
  opportunity_history: [
    'externalId', 'opportunityId', 'opportunityName', 'changedAt', 'stage', 'amount', 'currency', 'closeDate', 'forecastCategory',
  ],
  opportunity_field_history: ['externalId', 'opportunityId', 'opportunityName', 'changedAt', 'field', 'oldValue', 'newValue'],
  line_item: ['externalId', 'opportunityId', 'opportunityName', 'productId', 'productName', 'quantity', 'unitPrice', 'totalPrice', 'currency'],
  split: ['externalId', 'opportunityId', 'opportunityName', 'personId', 'personEmail', 'personName', 'splitType', 'percent'],
} as const satisfies Record<ImportEntity, readonly string[]>;

export type FieldOf<E extends ImportEntity> = (typeof ENTITY_FIELDS)[E][number];

/** Fields a row cannot do without, per entity; each group is satisfied by any one of its fields. */
export const REQUIRED_FIELDS: { readonly [E in ImportEntity]: readonly (readonly FieldOf<E>[])[] } = {
  currency_rate: [['currency'], ['rate']],
  person: [['name', 'lastName']],
  product: [['name']],
  account: [['name']],
  opportunity: [['name'], ['stage'], ['closeDate']],
  opportunity_history: [['opportunityId', 'opportunityName'], ['changedAt']],
  opportunity_field_history: [['opportunityId', 'opportunityName'], ['changedAt'], ['field']],
  line_item: [['opportunityId', 'opportunityName'], ['quantity'], ['unitPrice']],
  split: [['opportunityId', 'opportunityName'], ['personId', 'personEmail', 'personName'], ['percent']],
};

export function isFieldOf<E extends ImportEntity>(entity: E, field: string): field is FieldOf<E> {
  return (ENTITY_FIELDS[entity] as readonly string[]).includes(field);
}
