import { parseCurrencyCode } from '../../core/shared/currency.ts';
import { bpsAsPercentText } from '../../core/shared/basis-points.ts';
import { formatMoney, money } from '../../core/shared/money.ts';
import { addDays, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import {
  readAccountPage,
  readAuditPage,
  readHistoryPage,
  readInPages,
  readOpportunityPage,
  readPersonPage,
  readNameMaps,
  readProductPage,
  type HistoryExportRow,
} from '../../store/table-reader.ts';
import { pipelineAsOf } from '../pipeline-as-of.ts';
import { ServiceError } from '../service-error.ts';

export const EXPORT_ENTITIES = ['accounts', 'opportunities', 'people', 'history', 'products', 'audit', 'pipeline'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

/** The entities whose export can be asked "as of" a date. */
const AS_OF_ENTITIES: readonly ExportEntity[] = ['accounts', 'people', 'history', 'audit', 'pipeline'];

export function isExportEntity(value: string): value is ExportEntity {
  return (EXPORT_ENTITIES as readonly string[]).includes(value);
}

/** A table to write: a header and rows of text cells (empty string for no value), read lazily. */
export interface ExportTable {
  readonly header: readonly string[];
  readonly rows: AsyncIterable<readonly string[]>;
}

export interface ExportOptions {
  /**
   * accounts and people: owners and managers as of this date; history and audit: changes up to
   * the end of this date (UTC); pipeline: every opportunity as it stood at the end of this date.
   * Null: now (for pipeline, `today`).
   */
  readonly asOf?: PlainDate | null;
  /** Today's date, for a pipeline asked without a date (the caller's clock). */
  readonly today?: PlainDate;
  readonly pageSize?: number;
}

/** Minor units as a decimal string in the currency's precision ("1234.50"); empty when there is no amount. */
function decimalAmount(minor: number | null, currency: string | null): string {
  if (minor === null || currency === null) return '';
  return formatMoney(money(minor, parseCurrencyCode(currency)));
}

function text(value: string | number | null): string {
  return value === null ? '' : String(value);
}

function yesNo(flag: number): string {
  return flag === 1 ? 'true' : 'false';
}


/** History values are stored canonical (ids, minor units); exported as a reader knows them. */
function historyValue(row: HistoryExportRow, which: 'old' | 'new'): string {
  const stored = which === 'old' ? row.old_value : row.new_value;
  if (stored === null) return '';
  switch (row.field) {
    case 'stage':
      return (which === 'old' ? row.old_stage_name : row.new_stage_name) ?? stored;
    case 'owner':
      return (which === 'old' ? row.old_owner_name : row.new_owner_name) ?? stored;
    case 'amount':
      return /^-?\d+$/.test(stored) ? decimalAmount(Number(stored), row.currency) : stored;
    default:
      return stored;
  }
}

/** The pipeline as of a date, with stage and owner names in place of their ids. */
async function* pipelineRows(store: Store, asOf: PlainDate): AsyncGenerator<readonly string[]> {
  const rows = await pipelineAsOf(store, asOf);
  const names = await readNameMaps(store.db);
  for (const r of rows) {
    const owner = r.ownerId === null ? undefined : names.people.get(r.ownerId);
    yield [
      asOf, r.opportunityId, r.name, owner?.name ?? '', owner?.email ?? '', names.stages.get(r.stageId) ?? r.stageId,
      decimalAmount(r.amountMinor, r.currency), r.currency, r.closeDate, r.forecastCategory, String(r.isClosed), String(r.isWon),
    ];
  }
}

async function* mapRows<Row>(rows: AsyncIterable<Row>, toCells: (row: Row) => readonly string[]): AsyncGenerator<readonly string[]> {
  for await (const row of rows) yield toCells(row);
}

/** The first instant after `date`, as a UTC timestamp: "up to the end of the day". */
function endOfDay(date: PlainDate): string {
  return `${addDays(date, 1)}T00:00:00.000Z`;
}

/**
 * The rows of one entity as a table of text cells, read page by page. Money columns carry a
 * decimal string beside their currency column; dates are ISO; flags are true/false.
 */
export function exportEntity(store: Store, entity: ExportEntity, options: ExportOptions = {}): ExportTable {
  const asOf = options.asOf ?? null;
  const pageSize = options.pageSize ?? 1000;
  if (asOf !== null && !AS_OF_ENTITIES.includes(entity)) {
    throw new ServiceError(
      'invalid_argument',
      `--as-of applies to ${AS_OF_ENTITIES.join(', ')}; ${entity} are exported as they are now`,
      { entity },
    );
  }
  const db = store.db;
  switch (entity) {
    case 'accounts':
      return {
        header: [
          'id', 'external_id', 'name', 'industry', 'segment', 'employees', 'annual_revenue', 'annual_revenue_currency',
          'country', 'state', 'postal_code', 'created_date', 'owner_name', 'owner_email', 'updated_at',
        ],
        rows: mapRows(readInPages((page) => readAccountPage(db, page, asOf), pageSize), (r) => [
          r.id, text(r.external_id), r.name, text(r.industry), text(r.segment), text(r.employees),
          decimalAmount(r.annual_revenue_minor, r.annual_revenue_currency), text(r.annual_revenue_currency),
          text(r.country), text(r.state), text(r.postal_code), text(r.created_date), text(r.owner_name),
          text(r.owner_email), r.updated_at,
        ]),
      };
    case 'opportunities':
      return {
        header: [
          'id', 'external_id', 'name', 'account_external_id', 'account_name', 'owner_name', 'owner_email', 'sales_process',
          'stage', 'amount', 'currency', 'close_date', 'created_date', 'type', 'lead_source', 'next_step',
          'forecast_category', 'probability_percent', 'is_closed', 'is_won', 'updated_at',
        ],
        rows: mapRows(readInPages((page) => readOpportunityPage(db, page), pageSize), (r) => [
          r.id, text(r.external_id), r.name, text(r.account_external_id), text(r.account_name), text(r.owner_name),
          text(r.owner_email), r.process_name, r.stage_name, decimalAmount(r.amount_minor, r.currency), r.currency,
          r.close_date, r.created_date, text(r.type), text(r.lead_source), text(r.next_step), r.forecast_category,
          bpsAsPercentText(r.probability_bps), yesNo(r.is_closed), yesNo(r.is_won), r.updated_at,
        ]),
      };
    case 'people':
      return {
        header: ['id', 'external_id', 'name', 'email', 'active', 'hire_date', 'job_role', 'title', 'manager_name', 'manager_email'],
        rows: mapRows(readInPages((page) => readPersonPage(db, page, asOf), pageSize), (r) => [
          r.id, text(r.external_id), r.name, text(r.email), yesNo(r.active), text(r.hire_date), text(r.job_role),
          text(r.title), text(r.manager_name), text(r.manager_email),
        ]),
      };
    case 'history': {
      const before = asOf === null ? null : endOfDay(asOf);
      return {
        header: ['id', 'opportunity_id', 'opportunity_external_id', 'opportunity_name', 'changed_at', 'field', 'old_value', 'new_value', 'currency'],
        rows: mapRows(readInPages((page) => readHistoryPage(db, page, before), pageSize), (r) => [
          r.id, r.opportunity_id, text(r.opportunity_external_id), r.opportunity_name, r.changed_at, r.field,
          historyValue(r, 'old'), historyValue(r, 'new'), r.field === 'amount' ? r.currency : '',
        ]),
      };
    }
    case 'products':
      return {
        header: ['id', 'external_id', 'name', 'code', 'family', 'active'],
        rows: mapRows(readInPages((page) => readProductPage(db, page), pageSize), (r) => [
          r.id, text(r.external_id), r.name, text(r.code), text(r.family), yesNo(r.active),
        ]),
      };
    case 'audit': {
      const before = asOf === null ? null : endOfDay(asOf);
      return {
        header: ['id', 'occurred_at', 'actor', 'action', 'object_type', 'object_id', 'before_json', 'after_json'],
        rows: mapRows(readInPages((page) => readAuditPage(db, page, before), pageSize), (r) => [
          r.id, r.occurred_at, r.actor, r.action, r.object_type, text(r.object_id), text(r.before_json), text(r.after_json),
        ]),
      };
    }
    case 'pipeline': {
      const date = asOf ?? options.today;
      if (date === undefined) throw new ServiceError('invalid_argument', 'The pipeline export needs a date (--as-of)');
      return {
        header: ['as_of', 'opportunity_id', 'name', 'owner_name', 'owner_email', 'stage', 'amount', 'currency', 'close_date', 'forecast_category', 'is_closed', 'is_won'],
        rows: pipelineRows(store, date),
      };
    }
  }
}
