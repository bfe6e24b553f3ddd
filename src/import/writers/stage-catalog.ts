import { HUBSPOT_PROCESS, hubspotSalesProcess } from '../../core/pipeline/default-processes.ts';
import type { ForecastCategory } from '../../core/pipeline/forecast-category.ts';
import { newId } from '../../store/new-id.ts';
import type { ImportContext } from './import-context.ts';
import type { ColumnDef } from './import-transaction.ts';

export interface CatalogStage {
  readonly id: string;
  readonly processId: string;
  readonly name: string;
  readonly probabilityBps: number;
  readonly forecastCategory: ForecastCategory;
  readonly isClosed: boolean;
  readonly isWon: boolean;
}

export interface CatalogProcess {
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
  /** In sort order. */
  readonly stages: readonly CatalogStage[];
  /** Lower-cased names and aliases → stage; names win over aliases. */
  readonly lookup: ReadonlyMap<string, CatalogStage>;
}

export type ProcessResolution = { readonly process: CatalogProcess } | { readonly error: string };

const key = (text: string): string => text.trim().toLowerCase();

interface StageRow {
  readonly id: string;
  readonly process_id: string;
  readonly name: string;
  readonly probability_bps: number;
  readonly forecast_category: string;
  readonly is_closed: number;
  readonly is_won: number;
}

/**
 * The workspace's sales processes and their stages, loaded once per file. Stage names resolve
 * against the record's process by name or alias, ignoring case. The HubSpot process is created
 * from its definition the first time a file names it.
 */
export class StageCatalog {
  private readonly processes = new Map<string, CatalogProcess>();
  private readonly stagesById = new Map<string, CatalogStage>();
  private readonly processesById = new Map<string, CatalogProcess>();

  private constructor() {}

  static async load(ctx: ImportContext): Promise<StageCatalog> {
    const catalog = new StageCatalog();
    const processes = await ctx.tx.all<{ id: string; name: string; is_default: number }>('SELECT id, name, is_default FROM sales_process');
    const stages = await ctx.tx.all<StageRow & { sort_order: number }>(
      'SELECT id, process_id, name, sort_order, probability_bps, forecast_category, is_closed, is_won FROM stage ORDER BY process_id, sort_order',
    );
    const aliases = await ctx.tx.all<{ alias: string; stage_id: string }>('SELECT alias, stage_id FROM stage_alias ORDER BY alias');
    for (const p of processes) {
      catalog.addProcess(p.id, p.name, p.is_default === 1, stages.filter((s) => s.process_id === p.id), aliases);
    }
    return catalog;
  }

  private addProcess(id: string, name: string, isDefault: boolean, rows: readonly StageRow[], aliases: readonly { alias: string; stage_id: string }[]): void {
    const stages = rows.map(
      (s): CatalogStage => ({
        id: s.id,
        processId: id,
        name: s.name,
        probabilityBps: s.probability_bps,
        forecastCategory: s.forecast_category as ForecastCategory,
        isClosed: s.is_closed === 1,
        isWon: s.is_won === 1,
      }),
    );
    const lookup = new Map<string, CatalogStage>();
    for (const s of stages) this.stagesById.set(s.id, s);
    for (const a of aliases) {
      const s = this.stagesById.get(a.stage_id);
      if (s !== undefined && s.processId === id && !lookup.has(key(a.alias))) lookup.set(key(a.alias), s);
    }
    for (const s of stages) lookup.set(key(s.name), s);
    const process = { id, name, isDefault, stages, lookup };
    this.processes.set(key(name), process);
    this.processesById.set(id, process);
  }

  /** The process named (ignoring case), or the default one for null; HubSpot's is created on first use. */
  async process(ctx: ImportContext, name: string | null): Promise<ProcessResolution> {
    if (name === null || name.trim() === '') {
      const found = [...this.processes.values()].find((p) => p.isDefault);
      return found === undefined ? { error: 'The workspace has no default sales process' } : { process: found };
    }
    const found = this.processes.get(key(name));
    if (found !== undefined) return { process: found };
    if (key(name) === key(HUBSPOT_PROCESS)) return { process: await this.createHubspotProcess(ctx) };
    const known = [...this.processes.values()].map((p) => p.name).sort();
    return { error: `Unknown sales process "${name}"; the workspace has ${known.map((n) => `"${n}"`).join(', ')}` };
  }

  processById(id: string): CatalogProcess | undefined {
    return this.processesById.get(id);
  }

  stageById(id: string): CatalogStage | undefined {
    return this.stagesById.get(id);
  }

  /** Why a stage name is refused: the process and every stage it has. */
  static unknownStage(process: CatalogProcess, stageName: string): string {
    return `Unknown stage "${stageName}" in the sales process "${process.name}"; its stages are ${process.stages.map((s) => s.name).join(', ')}`;
  }

  private async createHubspotProcess(ctx: ImportContext): Promise<CatalogProcess> {
    const definition = hubspotSalesProcess();
    const processId = newId('salesProcess');
    const text = 'text' as const;
    const int = 'integer' as const;
    await ctx.tx.run('INSERT INTO sales_process (id, name, kind, is_default) VALUES (?, ?, ?, 0)', [processId, definition.name, definition.kind]);
    const rows: StageRow[] = definition.stages.map((s) => ({
      id: newId('stage'),
      process_id: processId,
      name: s.name,
      probability_bps: s.probabilityBps,
      forecast_category: s.forecastCategory,
      is_closed: s.isClosed ? 1 : 0,
      is_won: s.isWon ? 1 : 0,
    }));
    const stageColumns: ColumnDef[] = [
      { name: 'id', type: text }, { name: 'process_id', type: text }, { name: 'name', type: text }, { name: 'sort_order', type: int },
      { name: 'probability_bps', type: int }, { name: 'forecast_category', type: text }, { name: 'is_closed', type: int }, { name: 'is_won', type: int },
    ];
    await ctx.tx.insertMany('stage', stageColumns, rows.map((r, i) => [r.id, r.process_id, r.name, i + 1, r.probability_bps, r.forecast_category, r.is_closed, r.is_won]));
    const aliases = definition.stages.flatMap((s, i) => [...new Set(s.aliases.map((a) => a.trim()).filter((a) => a !== ''))].map((alias) => ({ alias, stage_id: rows[i]?.id ?? '' })));
    await ctx.tx.insertMany('stage_alias', [{ name: 'alias', type: text }, { name: 'stage_id', type: text }], aliases.map((a) => [a.alias, a.stage_id]));
    this.addProcess(processId, definition.name, false, rows, aliases);
    ctx.note(`Created the sales process "${definition.name}" with HubSpot's default deal stages.`);
    const created = this.processes.get(key(definition.name));
    if (created === undefined) throw new Error('The HubSpot process was not registered');
    return created;
  }
}
