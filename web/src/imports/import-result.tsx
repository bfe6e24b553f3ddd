import type { ImportJobResult } from '../../../src/contracts/imports.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { queryString } from '../lib/http-client.ts';

type FileOutcome = ImportJobResult['files'][number];
type RowError = FileOutcome['errors'][number];

const STATUS_LABELS: Readonly<Record<FileOutcome['status'], string>> = {
  committed: 'Imported',
  rejected: 'Rejected — nothing from this file was written',
  dry_run: 'Dry run — nothing written',
  failed: 'Failed — nothing from this file was written',
};

/** The job's result when it has the import result's shape (a job row holds any kind's result). */
export function importResultOf(result: unknown): ImportJobResult | null {
  if (typeof result !== 'object' || result === null || !('files' in result) || !Array.isArray(result.files)) return null;
  return result as ImportJobResult;
}

const count = new Intl.NumberFormat();

const ERROR_COLUMNS: readonly Column<RowError & { readonly index: number }>[] = [
  { key: 'row', header: 'Row', align: 'end', render: (error) => count.format(error.row) },
  { key: 'column', header: 'Column', render: (error) => error.column ?? '—' },
  { key: 'code', header: 'Problem', render: (error) => error.code },
  { key: 'message', header: 'Details', render: (error) => error.message },
];

function FileResult({ outcome }: { readonly outcome: FileOutcome }) {
  const figures: [string, number][] = [
    ['Rows read', outcome.rowsRead],
    ['Inserted', outcome.inserted],
    ['Updated', outcome.updated],
    ['Unchanged', outcome.unchanged],
    ['Rejected', outcome.rejected],
  ];
  return (
    <article className={`file-result file-result-${outcome.status}`}>
      <h3>{outcome.file}</h3>
      <p>
        <strong>{STATUS_LABELS[outcome.status]}</strong> · {outcome.preset} · {outcome.entity}
      </p>
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{count.format(value)}</dd>
          </div>
        ))}
      </dl>
      {outcome.errors.length > 0 && (
        <DataTable
          caption={`Rejected rows in ${outcome.file}`}
          columns={ERROR_COLUMNS}
          rows={outcome.errors.map((error, index) => ({ ...error, index }))}
          rowKey={(error) => String(error.index)}
          status="ready"
          emptyMessage="No rejected rows."
        />
      )}
    </article>
  );
}

export function ImportResult({ jobId, result }: { readonly jobId: string; readonly result: ImportJobResult }) {
  const hasErrors = result.files.some((file) => file.errors.length > 0 || file.rejected > 0);
  const reportLink = (format: 'csv' | 'xlsx') => `/api/imports/${encodeURIComponent(jobId)}/error-report${queryString({ format })}`;
  return (
    <section className="import-result" data-testid="import-result" aria-labelledby="import-result-heading">
      <h2 id="import-result-heading">Result</h2>
      {hasErrors && (
        <p className="export-links">
          <span>Error report:</span>
          <a className="button button-secondary" href={reportLink('csv')} download>
            CSV
          </a>
          <a className="button button-secondary" href={reportLink('xlsx')} download>
            XLSX
          </a>
        </p>
      )}
      {result.files.map((outcome, index) => (
        <FileResult key={`${outcome.file}-${index}`} outcome={outcome} />
      ))}
    </section>
  );
}
