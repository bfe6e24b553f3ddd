import type { UploadedFile } from '../../../src/contracts/imports.ts';
import { DataTable, type Column } from '../components/data-table.tsx';

type Mapping = UploadedFile['preview']['mapping'][number] & { readonly index: number };

const MAPPING_COLUMNS: readonly Column<Mapping>[] = [
  { key: 'source', header: 'Column in the file', render: (mapping) => mapping.source },
  { key: 'target', header: 'salesops field', render: (mapping) => mapping.target ?? <span className="muted">not imported</span> },
];

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value)} ${units[unit] ?? ''}`;
}

/** One uploaded file: what was recognised, how its columns map, and its first rows as read. */
export function MappingPreview({ file, onRemove, disabled }: { readonly file: UploadedFile; readonly onRemove: () => void; readonly disabled: boolean }) {
  const rowColumns: Column<{ readonly index: number; readonly cells: readonly string[] }>[] = file.preview.columns.map((name, column) => ({
    key: `${column}`,
    header: name,
    render: (row) => row.cells[column] ?? '',
  }));
  return (
    <article className="uploaded-file">
      <header className="uploaded-file-header">
        <h3>{file.name}</h3>
        <span className="muted">{formatBytes(file.sizeBytes)}</span>
        <button type="button" className="button-link" onClick={onRemove} disabled={disabled}>
          Remove {file.name}
        </button>
      </header>
      <p>
        Detected preset: <strong>{file.detectedPreset ?? 'not recognised'}</strong> · Entity: <strong>{file.entity ?? 'unknown'}</strong>
      </p>
      {file.detectedPreset === null && <p className="warning">The header row matches no preset. Choose one below, or the import will be refused for this file.</p>}
      <div className="preview-grid">
        <div>
          <h4>Column mapping</h4>
          <DataTable caption={`Column mapping of ${file.name}`} columns={MAPPING_COLUMNS} rows={file.preview.mapping.map((mapping, index) => ({ ...mapping, index }))} rowKey={(mapping) => String(mapping.index)} status="ready" emptyMessage="No columns read." />
        </div>
        <div>
          <h4>First rows</h4>
          <DataTable
            caption={`First rows of ${file.name}`}
            columns={rowColumns}
            rows={file.preview.rows.map((cells, index) => ({ index, cells }))}
            rowKey={(row) => String(row.index)}
            status="ready"
            emptyMessage="The file has no data rows."
          />
        </div>
      </div>
    </article>
  );
}
