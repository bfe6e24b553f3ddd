import { z } from 'zod';
import { exportFormat } from '../../contracts/common.ts';
import {
  histogramView,
  inspectionQuery,
  inspectionView,
  metricCatalogue,
  metricQuery,
  metricRecordsPage,
  metricRecordsQuery,
  metricResult,
  metricsFilter,
  metricsSummary,
  movementQuery,
  pipelineMovementView,
  stageFunnelView,
} from '../../contracts/metrics.ts';
import { exportCycleHistogram, exportFunnel, exportMetric, exportMovement, exportSummary } from '../../services/metrics/export-analytics.ts';
import { getCycleHistogram } from '../../services/metrics/get-cycle-histogram.ts';
import { getDealInspection, exportDealInspection } from '../../services/metrics/get-deal-inspection.ts';
import { getMetric } from '../../services/metrics/get-metric.ts';
import { getMetricsSummary } from '../../services/metrics/get-metrics-summary.ts';
import { getPipelineMovement } from '../../services/metrics/get-pipeline-movement.ts';
import { getStageFunnel } from '../../services/metrics/get-stage-funnel.ts';
import { exportMetricRecords, listMetricRecords } from '../../services/metrics/list-metric-records.ts';
import { getMetricCatalogue } from '../../services/metrics/metric-catalogue-view.ts';
import { defineRoute } from '../define-route.ts';

const formatQuery = z.object({ format: exportFormat.default('csv') });
const metricParam = z.object({ metricId: z.string().min(1).max(64) });
const summaryQuery = metricsFilter.extend({ target: z.coerce.number().int().nonnegative().optional() });

/**
 * Analytics: every figure for the caller's scope, with its definition, as of any date. Each read
 * has an export of the same numbers (CSV or XLSX). Static paths come before `/:metricId`.
 */
export const METRIC_ROUTES = [
  defineRoute({
    method: 'GET', url: '/api/metrics', area: 'analytics', auth: 'signed-in',
    summary: 'The metric catalogue: id, name, formula, unit, direction, description and the slices each can be cut by',
    response: { kind: 'json', schema: metricCatalogue },
    handler: ({ deps, actor }) => getMetricCatalogue(deps.store, actor),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/summary', area: 'analytics', auth: 'signed-in',
    summary: 'KPI tiles for the period with the previous period and the change',
    query: summaryQuery,
    response: { kind: 'json', schema: metricsSummary },
    handler: ({ deps, actor, query }) => getMetricsSummary(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/summary/export', area: 'analytics', auth: 'signed-in',
    summary: 'The KPI tiles as CSV or XLSX',
    query: summaryQuery.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportSummary(deps.store, actor, query, query.format),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/movement', area: 'analytics', auth: 'signed-in',
    summary: 'Pipeline movement of the period between two dates (start, default 7 days before the as-of date), whole and by slice',
    query: movementQuery,
    response: { kind: 'json', schema: pipelineMovementView },
    handler: ({ deps, actor, query }) => getPipelineMovement(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/movement/export', area: 'analytics', auth: 'signed-in',
    summary: 'Pipeline movement as CSV or XLSX',
    query: movementQuery.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportMovement(deps.store, actor, query, query.format),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/funnel', area: 'analytics', auth: 'signed-in',
    summary: 'The conversion funnel: deals reaching each stage, conversion to the next, days in stage, open pipeline in it',
    query: metricsFilter,
    response: { kind: 'json', schema: stageFunnelView },
    handler: ({ deps, actor, query }) => getStageFunnel(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/funnel/export', area: 'analytics', auth: 'signed-in',
    summary: 'The conversion funnel as CSV or XLSX',
    query: metricsFilter.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportFunnel(deps.store, actor, query, query.format),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/cycle-histogram', area: 'analytics', auth: 'signed-in',
    summary: 'How many days the period\'s won deals took, in bins',
    query: metricsFilter,
    response: { kind: 'json', schema: histogramView },
    handler: ({ deps, actor, query }) => getCycleHistogram(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/cycle-histogram/export', area: 'analytics', auth: 'signed-in',
    summary: 'The sales-cycle histogram as CSV or XLSX',
    query: metricsFilter.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportCycleHistogram(deps.store, actor, query, query.format),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/records', area: 'analytics', auth: 'signed-in',
    summary: 'The deals behind a figure (a metric, one slice of it, or one movement bucket), largest first',
    query: metricRecordsQuery,
    response: { kind: 'json', schema: metricRecordsPage },
    handler: ({ deps, actor, query }) => listMetricRecords(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/records/export', area: 'analytics', auth: 'signed-in',
    summary: 'The deals behind a figure as CSV or XLSX',
    query: metricRecordsQuery.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportMetricRecords(deps.store, actor, query, query.format),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/inspection', area: 'analytics', auth: 'signed-in',
    summary: 'Open deals with their warnings, compliance by rep and team, and its weekly trend',
    query: inspectionQuery,
    response: { kind: 'json', schema: inspectionView },
    handler: ({ deps, actor, query }) => getDealInspection(deps.store, actor, query),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/inspection/export', area: 'analytics', auth: 'signed-in',
    summary: 'The inspected deals with their warnings as CSV or XLSX',
    query: inspectionQuery.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, query }) => exportDealInspection(deps.store, actor, query, query.format),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/:metricId', area: 'analytics', auth: 'signed-in',
    summary: 'One metric with its definition, whole and cut by a slice (by=owner, month, segment…)',
    params: metricParam,
    query: metricQuery,
    response: { kind: 'json', schema: metricResult },
    handler: ({ deps, actor, params, query }) => getMetric(deps.store, actor, params.metricId, query),
  }),
  defineRoute({
    method: 'GET', url: '/api/metrics/:metricId/export', area: 'analytics', auth: 'signed-in',
    summary: 'One metric, whole and by slice, as CSV or XLSX',
    params: metricParam,
    query: metricQuery.extend(formatQuery.shape),
    response: { kind: 'file' },
    handler: ({ deps, actor, params, query }) => exportMetric(deps.store, actor, params.metricId, query, query.format),
  }),
];
