/**
 * A layout is one kind of export a preset recognises (Salesforce Opportunity, HubSpot deals...):
 * which headers feed which record fields, which headers identify it, and its rules. Binding a
 * layout to a header row gives the function that turns each row into a record or row errors.
 */
import type { FieldOf } from '../entity-fields.ts';
import { buildRecord, isSkip, type LayoutRules } from '../record-builders.ts';
import type { ImportEntity, RecordOf, RowError } from '../records.ts';
import { RowFields, type BoundColumn, type ParseContext } from '../row-fields.ts';

export type PresetId = 'salesforce' | 'salesforce-report' | 'hubspot' | 'superstore' | 'mapping';

export type ParsedRowResult<E extends ImportEntity> =
  | { readonly ok: true; readonly row: number; readonly record: RecordOf[E] }
  | { readonly ok: false; readonly row: number; readonly errors: readonly RowError[] };

/** A row left out on purpose (a report footer, an untracked history field); reported as a note. */
export interface SkippedRow {
  readonly ok: 'skipped';
  readonly row: number;
  readonly reason: string;
  readonly detail?: string;
}

export type RowOutcome<E extends ImportEntity> = ParsedRowResult<E> | SkippedRow;
export type RowParser<E extends ImportEntity> = (cells: readonly string[], row: number) => RowOutcome<E>;

export interface EntityLayout<E extends ImportEntity = ImportEntity> {
  readonly entity: E;
  /** Shown to people: 'Salesforce Data Loader: Opportunity'. */
  readonly label: string;
  /** For each field, the headers it may come under; the first one present in the file is used. */
  readonly columns: { readonly [F in FieldOf<E>]?: readonly string[] };
  /** The file fits this layout when it has one header from each group. */
  readonly requiredHeaders: readonly (readonly string[])[];
  /** Headers that belong to a sibling layout and rule this one out. */
  readonly excludedHeaders?: readonly string[];
  readonly rules: LayoutRules;
  /** Facts about how this layout is read, for the import summary; some only when the file's headers call for them. */
  readonly notes?: readonly LayoutNote[];
  /** Salesforce report exports end with totals and a copyright footer that are not data. */
  readonly reportFooter?: boolean;
}

/** A note always shown, or one shown only when `when` holds for the file's headers. */
export type LayoutNote = string | { readonly text: string; readonly when: (headers: readonly string[]) => boolean };

/** The notes that apply to a file with these headers. */
export function notesFor(notes: readonly LayoutNote[], headers: readonly string[]): string[] {
  return notes.flatMap((note) => (typeof note === 'string' ? [note] : note.when(headers) ? [note.text] : []));
}

/** A layout of any entity, with its entity and fields kept together. */
export type AnyEntityLayout = { [E in ImportEntity]: EntityLayout<E> }[ImportEntity];

export interface ImportPreset {
  readonly id: PresetId;
  readonly name: string;
  /** Ids in this preset's files are Salesforce record ids. */
  readonly salesforceIds: boolean;
  /** Numbers are machine-written ("1234.56") whatever the locale. */
  readonly plainNumbers: boolean;
  readonly layouts: readonly AnyEntityLayout[];
}

/** Headers match ignoring case, surrounding spaces and repeated inner spaces. */
export function headerKey(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, ' ');
}

export interface LayoutFit {
  readonly layout: AnyEntityLayout;
  /** One header per required group the file lacks. */
  readonly missing: readonly string[];
  readonly excluded: readonly string[];
  /** How many of the layout's headers the file has: more means a closer fit. */
  readonly score: number;
}

export function fitLayout(layout: AnyEntityLayout, headers: readonly string[]): LayoutFit {
  const present = new Set(headers.map(headerKey));
  const has = (header: string): boolean => present.has(headerKey(header));
  const missing = layout.requiredHeaders.filter((group) => !group.some(has)).map((group) => group.join(' or '));
  const excluded = (layout.excludedHeaders ?? []).filter(has);
  const known = new Set(Object.values<readonly string[] | undefined>(layout.columns).flatMap((names) => (names ?? []).map(headerKey)));
  let score = 0;
  for (const key of present) if (known.has(key)) score += 1;
  return { layout, missing, excluded, score };
}

function bindColumns<E extends ImportEntity>(layout: EntityLayout<E>, headers: readonly string[]): Map<FieldOf<E>, BoundColumn> {
  const indexByKey = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (!indexByKey.has(key)) indexByKey.set(key, index);
  });
  const bound = new Map<FieldOf<E>, BoundColumn>();
  for (const [field, names] of Object.entries(layout.columns) as [FieldOf<E>, readonly string[] | undefined][]) {
    for (const name of names ?? []) {
      const index = indexByKey.get(headerKey(name));
      if (index !== undefined) {
        bound.set(field, { index, header: headers[index] ?? name });
        break;
      }
    }
  }
  return bound;
}

const FOOTER_START = /^(grand totals?\b|total\b|copyright\b|confidential information\b|generated by\b)/i;

function onlyFirstCellFilled(cells: readonly string[]): boolean {
  if ((cells[0] ?? '').trim() === '') return false;
  for (let i = 1; i < cells.length; i++) if ((cells[i] ?? '').trim() !== '') return false;
  return true;
}

/** The row parser for a layout on a file with these headers. */
export function bindLayout<E extends ImportEntity>(layout: EntityLayout<E>, headers: readonly string[], context: ParseContext): RowParser<E> {
  const columns = bindColumns(layout, headers);
  const width = headers.length;
  const fields = new RowFields<FieldOf<E>>(columns, context);
  const position = new Map<string, number>();
  headers.forEach((header, index) => {
    if (!position.has(header)) position.set(header, index);
  });
  // Errors are reported left to right, as a person reads the row.
  const byColumn = (a: RowError, b: RowError): number => (position.get(a.column ?? '') ?? width) - (position.get(b.column ?? '') ?? width);
  let inFooter = false;
  return (cells, row) => {
    if (layout.reportFooter === true && onlyFirstCellFilled(cells) && (inFooter || FOOTER_START.test((cells[0] ?? '').trim()))) {
      // Once the footer starts, every remaining one-cell row (generated-by line, org name) belongs to it.
      inFooter = true;
      return { ok: 'skipped', row, reason: 'report footer rows (totals, copyright)' };
    }
    if (cells.length > width) {
      for (let i = width; i < cells.length; i++) {
        if ((cells[i] ?? '').trim() !== '') {
          return { ok: false, row, errors: [{ row, column: null, value: cells[i] ?? null, reason: `The row has ${cells.length} cells but the header has ${width}` }] };
        }
      }
    }
    fields.reset(cells, row);
    const built = buildRecord(layout.entity, fields, layout.rules);
    if (isSkip(built)) return { ok: 'skipped', row, reason: built.skip, ...(built.detail === undefined ? {} : { detail: built.detail }) };
    if (fields.errors.length > 0) return { ok: false, row, errors: fields.errors.sort(byColumn) };
    return { ok: true, row, record: built };
  };
}
