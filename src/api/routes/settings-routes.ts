import { z } from 'zod';
import { exportFormat } from '../../contracts/common.ts';
import { addCurrencyRateBody, currencyRates, salesProcesses, updateWorkspaceBody, workspaceSettings } from '../../contracts/settings.ts';
import { addCurrencyRate, listCurrencyRatesFor } from '../../services/settings/currency-rates.ts';
import { exportCurrencyRates, exportSalesProcesses } from '../../services/settings/export-settings-tables.ts';
import { listSalesProcessesFor } from '../../services/settings/sales-processes.ts';
import { changeWorkspaceSettings, getWorkspaceSettings } from '../../services/settings/workspace-settings.ts';
import { inspectionRulesBody } from '../../contracts/metrics.ts';
import { changeInspectionRules, getInspectionRules } from '../../services/settings/inspection-rules.ts';
import { defineRoute } from '../define-route.ts';

export const SETTINGS_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/settings/inspection-rules',
    area: 'settings',
    summary: 'Deal inspection rules: the defaults and the overrides per sales process',
    auth: 'signed-in',
    response: { kind: 'json', schema: inspectionRulesBody },
    handler: ({ deps, actor }) => getInspectionRules(deps.store, actor),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/settings/inspection-rules',
    area: 'settings',
    summary: 'Replace the deal inspection rules (the whole document: defaults and per-process overrides)',
    auth: 'signed-in',
    body: inspectionRulesBody,
    response: { kind: 'json', schema: inspectionRulesBody },
    handler: ({ deps, actor, body }) => changeInspectionRules(deps.store, actor, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/settings/workspace',
    area: 'settings',
    summary: 'Workspace settings: fiscal calendar, corporate currency, booking basis, pay visibility',
    auth: 'signed-in',
    response: { kind: 'json', schema: workspaceSettings },
    handler: ({ deps, actor }) => getWorkspaceSettings(deps.store, actor),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/settings/workspace',
    area: 'settings',
    summary: 'Change workspace settings (managersSeePay needs the users.manage permission)',
    auth: 'signed-in',
    body: updateWorkspaceBody,
    response: { kind: 'json', schema: workspaceSettings },
    handler: ({ deps, actor, body }) => changeWorkspaceSettings(deps.store, actor, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/settings/currency-rates',
    area: 'settings',
    summary: 'Exchange rates to the corporate currency, standing and dated',
    auth: 'signed-in',
    response: { kind: 'json', schema: currencyRates },
    handler: ({ deps, actor }) => listCurrencyRatesFor(deps.store, actor),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/settings/currency-rates/export',
    area: 'settings',
    summary: 'Every exchange rate as CSV or XLSX',
    auth: 'signed-in',
    query: z.object({ format: exportFormat.default('csv') }),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportCurrencyRates(deps.store, actor, query.format),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/settings/currency-rates',
    area: 'settings',
    summary: 'Add a standing or dated exchange rate',
    auth: 'signed-in',
    body: addCurrencyRateBody,
    response: { kind: 'json', schema: currencyRates, status: 201 },
    handler: ({ deps, actor, body }) => addCurrencyRate(deps.store, actor, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/settings/sales-processes',
    area: 'settings',
    summary: 'Sales processes and their stages',
    auth: 'signed-in',
    response: { kind: 'json', schema: salesProcesses },
    handler: ({ deps, actor }) => listSalesProcessesFor(deps.store, actor),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/settings/sales-processes/export',
    area: 'settings',
    summary: 'The stages of every sales process (or of processId only), one row per stage, as CSV or XLSX',
    auth: 'signed-in',
    query: z.object({ format: exportFormat.default('csv'), processId: z.string().min(1).max(64).optional() }),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportSalesProcesses(deps.store, actor, query.format, query.processId),
  }),
];
