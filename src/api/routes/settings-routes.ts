import { addCurrencyRateBody, currencyRates, salesProcesses, updateWorkspaceBody, workspaceSettings } from '../../contracts/settings.ts';
import { addCurrencyRate, listCurrencyRatesFor } from '../../services/settings/currency-rates.ts';
import { listSalesProcessesFor } from '../../services/settings/sales-processes.ts';
import { changeWorkspaceSettings, getWorkspaceSettings } from '../../services/settings/workspace-settings.ts';
import { defineRoute } from '../define-route.ts';

export const SETTINGS_ROUTES = [
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
];
