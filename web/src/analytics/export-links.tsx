import type { ExportLinks } from '../components/data-table.tsx';

/**
 * CSV and XLSX download links for data shown outside a DataTable (a chart's figures). `label`
 * names what is downloaded when a card offers more than one set (the period and the prior year).
 */
export function ExportButtons({ links, label }: { readonly links: ExportLinks; readonly label?: string }) {
  const suffix = label === undefined ? '' : ` (${label})`;
  return (
    <span className="export-links">
      <span>{label === undefined ? 'Export:' : `${label}:`}</span>
      <a className="button button-secondary" href={links.csv} download aria-label={`CSV${suffix}`}>
        CSV
      </a>
      <a className="button button-secondary" href={links.xlsx} download aria-label={`XLSX${suffix}`}>
        XLSX
      </a>
    </span>
  );
}
