import type { ExportFormat } from '../../contracts/common.ts';
import { bpsAsPercentText } from '../../core/shared/basis-points.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { todayUtc } from '../access/today.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { downloadListTable } from '../export/download-list-table.ts';
import { ServiceError } from '../service-error.ts';
import { listCurrencyRatesFor } from './currency-rates.ts';
import { listSalesProcessesFor, type SalesProcessList } from './sales-processes.ts';

const RATE_HEADER = ['corporate_currency', 'currency', 'kind', 'start_date', 'rate'];

/**
 * Every exchange rate as Settings → Currencies & rates lists it ('settings.read'), as CSV or XLSX.
 * A rate is units of `currency` per one unit of the corporate currency, kept as the exact decimal
 * string it was stored as; a standing rate has no start date.
 */
export async function exportCurrencyRates(store: Store, actor: Actor, format: ExportFormat): Promise<DownloadFile> {
  const list = await listCurrencyRatesFor(store, actor);
  const rows = list.rates.map((r) => [list.corporateCurrency, r.currency, r.startDate === null ? 'standing' : 'dated', r.startDate ?? '', r.rate]);
  return downloadListTable(store, { header: RATE_HEADER, rows }, { entity: 'currency-rates', date: todayUtc(), format });
}

const STAGE_HEADER = [
  'process_id', 'process_name', 'process_kind', 'process_is_default',
  'stage_id', 'stage_name', 'sort_order', 'probability_percent', 'forecast_category', 'is_closed', 'is_won',
];

type Process = SalesProcessList['processes'][number];
type Stage = Process['stages'][number];


/** One row per stage, in stage order; a process with no stage still has a row, with empty stage cells. */
function processRows(process: Process): string[][] {
  const head = [process.id, process.name, process.kind, String(process.isDefault)];
  if (process.stages.length === 0) return [[...head, '', '', '', '', '', '', '']];
  const stages = [...process.stages].sort((a, b) => a.sortOrder - b.sortOrder);
  return stages.map((s: Stage) => [...head, s.id, s.name, String(s.sortOrder), bpsAsPercentText(s.probabilityBps), s.forecastCategory, String(s.isClosed), String(s.isWon)]);
}

/**
 * The sales processes and their stages as Settings lists them ('settings.read'): every process
 * (the default first, then by name), or only `processId` when given, one row per stage, as CSV
 * or XLSX. An unknown process id is not_found.
 */
export async function exportSalesProcesses(store: Store, actor: Actor, format: ExportFormat, processId?: string): Promise<DownloadFile> {
  const { processes } = await listSalesProcessesFor(store, actor);
  const chosen = processId === undefined ? processes : processes.filter((p) => p.id === processId);
  if (processId !== undefined && chosen.length === 0) throw new ServiceError('not_found', `No sales process ${processId}`, { id: processId });
  return downloadListTable(store, { header: STAGE_HEADER, rows: chosen.flatMap(processRows) }, { entity: 'sales-processes', date: todayUtc(), format });
}
