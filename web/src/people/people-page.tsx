import { useMemo, useState } from 'react';
import type { PeopleTree, PersonNode } from '../../../src/contracts/people.ts';
import { ErrorState } from '../components/error-state.tsx';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { formatDate, todayUtc } from '../lib/format-date.ts';
import { queryString } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';
import { useQueryState } from '../lib/use-query-state.ts';

/** Ids of everyone above `depth` levels, so the first view shows the top of the tree opened. */
function idsToDepth(nodes: readonly PersonNode[], depth: number): string[] {
  if (depth <= 0) return [];
  return nodes.flatMap((node) => (node.reports.length > 0 ? [node.id, ...idsToDepth(node.reports, depth - 1)] : []));
}

function PersonItem({ node, expanded, onToggle }: { readonly node: PersonNode; readonly expanded: ReadonlySet<string>; readonly onToggle: (id: string) => void }) {
  const isOpen = expanded.has(node.id);
  const hasReports = node.reports.length > 0;
  const groupId = `reports-${node.id}`;
  return (
    <li className="person">
      <div className="person-row">
        {hasReports ? (
          <button type="button" className="toggle" aria-expanded={isOpen} aria-controls={groupId} onClick={() => onToggle(node.id)}>
            <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
            <span className="visually-hidden">
              {isOpen ? 'Hide' : 'Show'} reports of {node.name}
            </span>
          </button>
        ) : (
          <span className="toggle-spacer" aria-hidden="true" />
        )}
        <span className="person-name">{node.name}</span>
        {node.title !== null && <span className="person-title">{node.title}</span>}
        {!node.active && <span className="badge">Inactive</span>}
        {hasReports && (
          <span className="muted">
            {node.reports.length} direct report{node.reports.length === 1 ? '' : 's'}
          </span>
        )}
      </div>
      {hasReports && isOpen && (
        <ul id={groupId} className="person-reports">
          {node.reports.map((child) => (
            <PersonItem key={child.id} node={child} expanded={expanded} onToggle={onToggle} />
          ))}
        </ul>
      )}
    </li>
  );
}

const DEFAULTS = { asOf: '' } as const;

export function PeoplePage() {
  const [state, update] = useQueryState(DEFAULTS);
  const asOf = state.asOf === '' ? todayUtc() : state.asOf;
  const tree = useApi<PeopleTree>(`/api/people/tree${queryString({ asOf })}`);
  // The tree is no DataTable: its export (one row per person, with manager and depth) is linked here, for the same date.
  const exportLink = (format: 'csv' | 'xlsx') => `/api/people/tree/export${queryString({ format, asOf })}`;
  // Which nodes are open, per loaded tree: a new date starts again from the default view.
  const [opened, setOpened] = useState<{ readonly tree: PeopleTree | undefined; readonly ids: ReadonlySet<string> } | null>(null);
  const defaultIds = useMemo(() => new Set(idsToDepth(tree.data?.roots ?? [], 2)), [tree.data]);
  const expanded = opened !== null && opened.tree === tree.data ? opened.ids : defaultIds;
  const allIds = useMemo(() => new Set(idsToDepth(tree.data?.roots ?? [], Number.POSITIVE_INFINITY)), [tree.data]);

  function toggle(id: string): void {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpened({ tree: tree.data, ids: next });
  }

  return (
    <section className="page">
      <h1>People</h1>
      <div className="filters">
        <Field label="Reporting lines as of" hint="Lines are effective-dated: pick a past date to see the organisation as it was.">
          {(id, hintId) => <input id={id} type="date" aria-describedby={hintId} value={asOf} required onChange={(event) => update({ asOf: event.target.value })} />}
        </Field>
        <div className="button-row">
          <button type="button" className="button-secondary" onClick={() => setOpened({ tree: tree.data, ids: allIds })}>
            Expand all
          </button>
          <button type="button" className="button-secondary" onClick={() => setOpened({ tree: tree.data, ids: new Set() })}>
            Collapse all
          </button>
        </div>
        <span className="export-links">
          <span>Export:</span>
          <a className="button button-secondary" href={exportLink('csv')} download>
            CSV
          </a>
          <a className="button button-secondary" href={exportLink('xlsx')} download>
            XLSX
          </a>
        </span>
      </div>
      {tree.status === 'error' && <ErrorState error={tree.error} onRetry={tree.reload} />}
      {tree.status === 'loading' && <StatusMessage kind="loading">Loading…</StatusMessage>}
      {tree.status === 'ready' && tree.data !== undefined && (
        <>
          <p>
            {tree.data.count} {tree.data.count === 1 ? 'person' : 'people'} as of {formatDate(tree.data.asOf)}.
          </p>
          {tree.data.roots.length === 0 ? (
            <StatusMessage kind="empty">Nobody in your part of the organisation on this date.</StatusMessage>
          ) : (
            <ul className="people-tree" aria-label={`Reporting tree as of ${formatDate(tree.data.asOf)}`}>
              {tree.data.roots.map((node) => (
                <PersonItem key={node.id} node={node} expanded={expanded} onToggle={toggle} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
