import { z } from 'zod';
import { exportFormat, idParam } from '../../contracts/common.ts';
import {
  accountDetail,
  accountListQuery,
  accountPage,
  opportunityDetail,
  opportunityListQuery,
  opportunityPage,
  updateOpportunityBody,
} from '../../contracts/pipeline.ts';
import { getAccountDetail } from '../../services/pipeline/get-account.ts';
import { getOpportunityDetail } from '../../services/pipeline/get-opportunity.ts';
import { exportAccounts, listAccounts } from '../../services/pipeline/list-accounts.ts';
import { exportOpportunities, listOpportunities } from '../../services/pipeline/list-opportunities.ts';
import { updateOpportunityFields } from '../../services/pipeline/update-opportunity.ts';
import { defineRoute } from '../define-route.ts';

const formatQuery = z.object({ format: exportFormat.default('csv') });

export const PIPELINE_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/opportunities',
    area: 'pipeline',
    summary: 'Opportunities in your scope: paged, sorted, filtered and searched on the server',
    auth: 'signed-in',
    query: opportunityListQuery,
    response: { kind: 'json', schema: opportunityPage },
    handler: ({ deps, actor, query }) => listOpportunities(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/opportunities/export',
    area: 'pipeline',
    summary: 'Every opportunity matching the filters, as CSV or XLSX (spreadsheet-safe cells)',
    auth: 'signed-in',
    query: opportunityListQuery.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportOpportunities(deps.store, actor, query, query.format),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/opportunities/:id',
    area: 'pipeline',
    summary: 'One opportunity with its field history (a record outside your scope answers 404)',
    auth: 'signed-in',
    params: idParam,
    response: { kind: 'json', schema: opportunityDetail },
    handler: ({ deps, actor, params }) => getOpportunityDetail(deps.store, actor, params.id),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/opportunities/:id',
    area: 'pipeline',
    summary: 'Change an opportunity’s working fields; unknown fields are refused, ownerId needs the reassign permission',
    auth: 'signed-in',
    params: idParam,
    body: updateOpportunityBody,
    response: { kind: 'json', schema: opportunityDetail },
    handler: ({ deps, actor, params, body }) => updateOpportunityFields(deps.store, actor, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/accounts',
    area: 'pipeline',
    summary: 'Accounts in your scope with their open pipeline',
    auth: 'signed-in',
    query: accountListQuery,
    response: { kind: 'json', schema: accountPage },
    handler: ({ deps, actor, query }) => listAccounts(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/accounts/export',
    area: 'pipeline',
    summary: 'Every account matching the filters, as CSV or XLSX',
    auth: 'signed-in',
    query: accountListQuery.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportAccounts(deps.store, actor, query, query.format),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/accounts/:id',
    area: 'pipeline',
    summary: 'One account with its opportunities in your scope',
    auth: 'signed-in',
    params: idParam,
    response: { kind: 'json', schema: accountDetail },
    handler: ({ deps, actor, params }) => getAccountDetail(deps.store, actor, params.id),
  }),
];
