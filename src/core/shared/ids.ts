/**
 * Identifiers carry a prefix naming their kind (`acct_…`, `opp_…`), so an id pasted in the wrong
 * place is caught at once and logs read plainly. The random part is generated outside core.
 */
export const ID_PREFIXES = {
  workspace: 'ws',
  person: 'per',
  team: 'team',
  teamMember: 'tm',
  reportingLine: 'rl',
  account: 'acct',
  accountOwner: 'aown',
  contact: 'con',
  salesProcess: 'proc',
  stage: 'stg',
  opportunity: 'opp',
  lineItem: 'oli',
  split: 'spl',
  history: 'ofh',
  product: 'prod',
  priceBook: 'pb',
  priceBookEntry: 'pbe',
  exchangeRate: 'fx',
  auditEvent: 'aud',
  importRun: 'imp',
  snapshot: 'snap',
  user: 'usr',
  apiToken: 'tok',
  signInAttempt: 'sia',
  job: 'job',
  storedFile: 'file',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type Id<K extends IdKind> = string & { readonly __idKind: K };

export type PersonId = Id<'person'>;
export type AccountId = Id<'account'>;
export type OpportunityId = Id<'opportunity'>;
export type SalesProcessId = Id<'salesProcess'>;
export type StageId = Id<'stage'>;
export type ProductId = Id<'product'>;
export type TeamId = Id<'team'>;

export function hasIdPrefix(kind: IdKind, value: string): boolean {
  return value.startsWith(`${ID_PREFIXES[kind]}_`);
}
