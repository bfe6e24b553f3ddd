import { auditPage, auditQuery } from '../../contracts/audit.ts';
import { exportFormat } from '../../contracts/common.ts';
import { exportAudit, listAuditPage } from '../../services/audit/list-audit.ts';
import { defineRoute } from '../define-route.ts';

export const AUDIT_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/audit',
    area: 'audit',
    summary: 'The audit log, newest first, filtered by actor, action, object and time',
    auth: 'signed-in',
    query: auditQuery,
    response: { kind: 'json', schema: auditPage },
    handler: ({ deps, actor, query }) => listAuditPage(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/audit/export',
    area: 'audit',
    summary: 'The filtered audit log as CSV or XLSX',
    auth: 'signed-in',
    query: auditQuery.extend({ format: exportFormat.default('csv') }),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportAudit(deps.store, actor, query, query.format),
  }),
];

