import { exportFormat } from '../../contracts/common.ts';
import { peopleTree, peopleTreeQuery } from '../../contracts/people.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { exportPeopleTree } from '../../services/people/export-people-tree.ts';
import { getPeopleTree } from '../../services/people/get-people-tree.ts';
import { defineRoute } from '../define-route.ts';

export const PEOPLE_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/people/tree',
    area: 'people',
    summary: 'The reporting tree as of a date (default today), cut to your scope',
    auth: 'signed-in',
    query: peopleTreeQuery,
    response: { kind: 'json', schema: peopleTree },
    handler: ({ deps, actor, query }) => getPeopleTree(deps.store, actor, query.asOf as PlainDate | undefined),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/people/tree/export',
    area: 'people',
    summary: 'The reporting tree as of a date, one row per person with manager and depth, as CSV or XLSX',
    auth: 'signed-in',
    query: peopleTreeQuery.extend({ format: exportFormat.default('csv') }),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportPeopleTree(deps.store, actor, query.asOf as PlainDate | undefined, query.format),
  }),
];
