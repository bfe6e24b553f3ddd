export interface TableColumn {
  readonly header: string;
  /** 'right' for numbers, so their digits line up. */
  readonly align?: 'left' | 'right';
  /** Longer cells are cut with an ellipsis (default 60). */
  readonly maxWidth?: number;
}

/** A cell on one line: line breaks and tabs shown as spaces, cut to the column's width. */
function flatten(cell: string, maxWidth: number): string {
  const flat = cell.replace(/\r\n|[\r\n\t]/g, ' ');
  return flat.length > maxWidth ? `${flat.slice(0, Math.max(1, maxWidth - 1))}…` : flat;
}

/**
 * An aligned plain-text table: a header, a rule of dashes, then the rows, columns two spaces apart
 * and no trailing spaces. Returns the text with a final newline.
 *
 * @example formatTable([{ header: 'file' }, { header: 'rows', align: 'right' }], [['a.csv', '12']])
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((column, i) => flatten(row[i] ?? '', column.maxWidth ?? 60)));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) => {
        const width = widths[i] ?? 0;
        return columns[i]?.align === 'right' ? value.padStart(width) : value.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return `${[header, rule, ...cells.map(line)].join('\n')}\n`;
}
