import { useId } from 'react';
import type { MetricsSummaryView } from '../../../src/contracts/metrics.ts';
import { changeTone, formatChange } from './value-format.ts';

export type KpiTileView = MetricsSummaryView['tiles'][number];

const TONE_WORDS = { better: 'an improvement', worse: 'a decline', neutral: 'no better or worse' } as const;

/**
 * One KPI: the period's value, the previous period's, and the change coloured by the metric's
 * direction (a falling sales cycle is good news). The name shows the formula on hover; the
 * description is the tile's help text. The value opens the deals behind it.
 */
export function KpiTile({ tile, currency, onOpen }: { readonly tile: KpiTileView; readonly currency: string; readonly onOpen: () => void }) {
  const helpId = useId();
  const { metric, current, previous, change } = tile;
  const tone = changeTone(change, metric.direction);
  return (
    <article className="kpi-tile" data-testid={`kpi-${metric.id}`} aria-describedby={helpId}>
      <h3 className="kpi-name" title={`Formula: ${metric.formula}`}>
        {metric.name}
      </h3>
      <button type="button" className="kpi-value" onClick={onOpen} aria-label={`${metric.name} ${current.display}: show the ${current.recordCount} deals behind it`}>
        {current.display}
      </button>
      <p className={`kpi-change kpi-change-${tone}`} data-tone={tone}>
        <span aria-hidden="true">{change === null || change === 0 ? '' : change > 0 ? '▲ ' : '▼ '}</span>
        {formatChange(change, metric.unit, currency)}
        <span className="visually-hidden"> ({TONE_WORDS[tone]})</span>
      </p>
      <p className="kpi-previous muted">Previous period: {previous.display}</p>
      <p className="kpi-help muted" id={helpId}>
        {metric.description}
      </p>
    </article>
  );
}
