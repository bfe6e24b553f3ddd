/**
 * The database schema as Kysely sees it. Both engines store the same shapes:
 * - ids are prefixed text (`opp_…`); external ids are the CRM's own ids, unique per table;
 * - money is an integer of minor units (`*_minor`) beside its ISO currency code;
 * - calendar dates are ISO `YYYY-MM-DD` text; timestamps are ISO UTC text;
 * - booleans are integers 0/1; decimals that are not money (rates, quantities) are text;
 * - effective-dated rows carry `valid_from` (inclusive) and `valid_to` (exclusive, null = open).
 */

export interface WorkspaceTable {
  id: string;
  name: string;
  corporate_currency: string;
  /** 1-12: the calendar month the fiscal year starts in. */
  fiscal_year_start_month: number;
  /** 'calendar' | '4-4-5' | '4-5-4' | '5-4-4' */
  fiscal_pattern: string;
  /** Fiscal year label: 'end' names FY by the calendar year it ends in (FY2026 = Feb 2025–Jan 2026), 'start' by the year it starts in. */
  fiscal_year_naming: string;
  /** 'acv' | 'tcv' | 'arr' | 'mrr': which amount counts as a booking. */
  booking_basis: string;
  is_demo: number;
  /** 1 when managers may see the pay data (plans, statements, payouts) of their reporting subtree. */
  managers_see_pay: number;
  /** Deal inspection rules as JSON ({ defaults, byProcess }); null for the built-in defaults. */
  inspection_rules_json: string | null;
  created_at: string;
}

export interface CurrencyRateTable {
  id: string;
  external_id: string | null;
  currency: string;
  /** Null for the static rate (Salesforce CurrencyType); a date for a dated rate (DatedConversionRate). */
  start_date: string | null;
  /** Units of `currency` per one unit of the corporate currency, as a decimal string. */
  rate: string;
}

export interface PersonTable {
  id: string;
  external_id: string | null;
  name: string;
  email: string | null;
  active: number;
  hire_date: string | null;
  job_role: string | null;
  title: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportingLineTable {
  id: string;
  person_id: string;
  manager_id: string;
  valid_from: string;
  valid_to: string | null;
}

export interface TeamTable {
  id: string;
  external_id: string | null;
  name: string;
}

export interface TeamMemberTable {
  id: string;
  team_id: string;
  person_id: string;
  valid_from: string;
  valid_to: string | null;
}

export interface AccountTable {
  id: string;
  external_id: string | null;
  name: string;
  industry: string | null;
  employees: number | null;
  annual_revenue_minor: number | null;
  annual_revenue_currency: string | null;
  country: string | null;
  state: string | null;
  postal_code: string | null;
  segment: string | null;
  created_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountOwnerTable {
  id: string;
  account_id: string;
  owner_id: string;
  valid_from: string;
  valid_to: string | null;
}

export interface ContactTable {
  id: string;
  external_id: string | null;
  account_id: string | null;
  first_name: string | null;
  last_name: string;
  email: string | null;
  title: string | null;
}

export interface SalesProcessTable {
  id: string;
  name: string;
  /** 'new_business' | 'renewal' | 'expansion' | 'other' */
  kind: string;
  is_default: number;
}

export interface StageTable {
  id: string;
  process_id: string;
  name: string;
  sort_order: number;
  /** Default win probability in basis points (0-10000). */
  probability_bps: number;
  /** 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted' */
  forecast_category: string;
  is_closed: number;
  is_won: number;
}

/** Other names a stage is known by in CRM exports (HubSpot internal ids, old labels). Matched case-insensitively. */
export interface StageAliasTable {
  alias: string;
  stage_id: string;
}

export interface ProductTable {
  id: string;
  external_id: string | null;
  name: string;
  code: string | null;
  family: string | null;
  active: number;
}

export interface PriceBookTable {
  id: string;
  external_id: string | null;
  name: string;
  is_standard: number;
}

export interface PriceBookEntryTable {
  id: string;
  external_id: string | null;
  price_book_id: string;
  product_id: string;
  currency: string;
  unit_price_minor: number;
}

export interface OpportunityTable {
  id: string;
  external_id: string | null;
  name: string;
  account_id: string | null;
  owner_id: string | null;
  process_id: string;
  stage_id: string;
  amount_minor: number | null;
  currency: string;
  close_date: string;
  created_date: string;
  type: string | null;
  lead_source: string | null;
  next_step: string | null;
  /** The effective category: the stage's unless `forecast_category_override` is 1. */
  forecast_category: string;
  forecast_category_override: number;
  probability_bps: number;
  is_closed: number;
  is_won: number;
  created_at: string;
  updated_at: string;
}

export interface OpportunityLineItemTable {
  id: string;
  external_id: string | null;
  opportunity_id: string;
  product_id: string | null;
  /** Decimal string: quantities may be fractional (licences by month, hours). */
  quantity: string;
  unit_price_minor: number;
  total_minor: number;
  currency: string;
}

export interface OpportunitySplitTable {
  id: string;
  external_id: string | null;
  opportunity_id: string;
  person_id: string;
  /** 'revenue' (sum to 100 % per opportunity) | 'overlay' (may exceed it) */
  split_type: string;
  percent_bps: number;
}

/**
 * One change of one tracked field. `field` is 'stage' | 'amount' | 'close_date' |
 * 'forecast_category' | 'owner'; values are stored as text in the field's canonical form
 * (stage id, minor units, ISO date, category, person id). `old_value` is null on a creation row.
 */
export interface OpportunityHistoryTable {
  id: string;
  external_id: string | null;
  opportunity_id: string;
  changed_at: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

/** The pipeline as it stood at the end of each ISO week's Monday, one row per opportunity that existed then. */
export interface PipelineSnapshotTable {
  snapshot_date: string;
  opportunity_id: string;
  owner_id: string | null;
  stage_id: string;
  amount_minor: number | null;
  currency: string;
  close_date: string;
  forecast_category: string;
  is_closed: number;
  is_won: number;
}

/** Append-only: triggers refuse UPDATE and DELETE on both engines. */
export interface AuditEventTable {
  id: string;
  occurred_at: string;
  actor: string;
  action: string;
  object_type: string;
  object_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface ImportRunTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  file_name: string;
  preset: string;
  entity: string;
  status: string;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** A person who signs in. `person_id` ties the user to the org chart: it is what scopes a rep or manager. */
export interface AppUserTable {
  id: string;
  /** Lower-cased; the key OIDC sign-in matches on. */
  email: string;
  display_name: string;
  /** 'admin' | 'ops' | 'finance' | 'executive' | 'manager' | 'rep' */
  role: string;
  person_id: string | null;
  /** `scrypt$N$r$p$salt$hash` (base64url parts); null for users who sign in only by single sign-on. */
  password_hash: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

/** A signed-in browser. Only the SHA-256 of the cookie's token is stored, so a leaked table opens no session. */
export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  /** Sent back in the X-CSRF-Token header on every cookie-authenticated mutation. */
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** A token for scripts: shown once, stored as its SHA-256, acting with `role` (never above its user's). */
export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  role: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SignInAttemptTable {
  id: string;
  email: string;
  remote_address: string;
  occurred_at: string;
  succeeded: number;
}

/** Long work with progress. `status`: 'queued' | 'running' | 'succeeded' | 'failed'. */
export interface JobTable {
  id: string;
  kind: string;
  status: string;
  /** The user id (or 'cli', 'system') that asked for the work. */
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Refreshed while the job runs; a running job whose heartbeat stops is marked failed. */
  heartbeat_at: string | null;
  worker: string | null;
  progress_done: number;
  progress_total: number | null;
  progress_label: string | null;
  input_json: string;
  result_json: string | null;
  error_json: string | null;
}

/** An uploaded file, kept in the database so any worker process can read it. */
export interface StoredFileTable {
  id: string;
  name: string;
  size_bytes: number;
  content: Uint8Array;
  created_by: string;
  created_at: string;
}

export interface Database {
  workspace: WorkspaceTable;
  currency_rate: CurrencyRateTable;
  person: PersonTable;
  reporting_line: ReportingLineTable;
  team: TeamTable;
  team_member: TeamMemberTable;
  account: AccountTable;
  account_owner: AccountOwnerTable;
  contact: ContactTable;
  sales_process: SalesProcessTable;
  stage: StageTable;
  stage_alias: StageAliasTable;
  product: ProductTable;
  price_book: PriceBookTable;
  price_book_entry: PriceBookEntryTable;
  opportunity: OpportunityTable;
  opportunity_line_item: OpportunityLineItemTable;
  opportunity_split: OpportunitySplitTable;
  opportunity_history: OpportunityHistoryTable;
  pipeline_snapshot: PipelineSnapshotTable;
  audit_event: AuditEventTable;
  import_run: ImportRunTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  sign_in_attempt: SignInAttemptTable;
  job: JobTable;
  stored_file: StoredFileTable;
}
