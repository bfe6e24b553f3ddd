import { BUILT_IN_PRESETS } from '../detect-preset.ts';
import { headerKey } from '../presets/entity-layout.ts';
import type { ImportEntity } from '../records.ts';

/**
 * A RowError names the column as headed in the file. Writers reject record fields (`stageName`,
 * `ownerRef`); the presets bind headers to layout fields (`stage`, `ownerId`/`ownerName`). This maps
 * one to the other and picks the header the file actually has.
 */
const LAYOUT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  stageName: ['stage'],
  processName: ['process'],
  accountRef: ['accountId', 'accountName'],
  ownerRef: ['ownerId', 'ownerEmail', 'ownerName'],
  managerRef: ['managerId', 'managerEmail', 'managerName'],
  opportunityRef: ['opportunityId', 'opportunityName'],
  productRef: ['productId', 'productName'],
  personRef: ['personId', 'personEmail', 'personName'],
  percentBps: ['percent'],
  probabilityBps: ['probability'],
};

/** Headers of each layout field across the built-in presets, for one entity. */
function builtInHeaders(entity: ImportEntity): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const preset of BUILT_IN_PRESETS) {
    for (const layout of preset.layouts) {
      if (layout.entity !== entity) continue;
      for (const [field, names] of Object.entries(layout.columns as Readonly<Record<string, readonly string[] | undefined>>)) {
        headers.set(field, [...(headers.get(field) ?? []), ...(names ?? [])]);
      }
    }
  }
  return headers;
}

/** A function from a record field to the header the file carries it under. */
export type ColumnNamer = (field: string) => string;

/**
 * Names columns for one file: the first of the field's known headers the file has, else the
 * first known header, else the field name itself (a mapping file's own headers are not known here).
 */
export function columnNamer(entity: ImportEntity, fileHeaders: readonly string[] | undefined): ColumnNamer {
  const present = new Map((fileHeaders ?? []).map((h) => [headerKey(h), h] as const));
  const known = builtInHeaders(entity);
  const cache = new Map<string, string>();
  return (field) => {
    let label = cache.get(field);
    if (label === undefined) {
      const candidates = (LAYOUT_FIELDS[field] ?? [field]).flatMap((f) => known.get(f) ?? []);
      label = candidates.map((c) => present.get(headerKey(c))).find((h) => h !== undefined) ?? candidates[0] ?? field;
      cache.set(field, label);
    }
    return label;
  };
}
