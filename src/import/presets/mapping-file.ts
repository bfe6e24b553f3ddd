/**
 * Mapping files (YAML or JSON) describe any other CSV/XLSX: which entity its rows are and which
 * header feeds which record field. The format is documented in src/import/mapping-file.md.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isCurrencyCode, type CurrencyCode } from '../../core/shared/currency.ts';
import { ENTITY_FIELDS, isFieldOf, REQUIRED_FIELDS, type FieldOf } from '../entity-fields.ts';
import { ImportError } from '../import-error.ts';
import { IMPORT_ENTITIES, type ImportEntity } from '../records.ts';
import type { DateOrder, Locale } from '../value-parsers.ts';
import type { AnyEntityLayout, EntityLayout, ImportPreset } from './entity-layout.ts';

const DATE_FORMATS = ['YYYY-MM-DD', 'M/D/YYYY', 'D/M/YYYY', 'D.M.YYYY'] as const;

const mappingSchema = z
  .strictObject({
    entity: z.enum(IMPORT_ENTITIES, { error: `entity must be one of ${IMPORT_ENTITIES.join(', ')}` }),
    columns: z.record(z.string(), z.string().trim().min(1, 'a column header cannot be empty')),
    locale: z.enum(['us', 'eu']).optional(),
    currency: z
      .string()
      .transform((code) => code.trim().toUpperCase())
      .refine(isCurrencyCode, { error: (issue) => `unknown currency code "${String(issue.input)}"` })
      .optional(),
    dateFormat: z.enum(DATE_FORMATS, { error: `dateFormat must be one of ${DATE_FORMATS.join(', ')}` }).optional(),
    stages: z.record(z.string(), z.string().trim().min(1)).optional(),
    process: z.string().trim().min(1).optional(),
    salesforceIds: z.boolean().optional(),
    label: z.string().trim().min(1).optional(),
  })
  .superRefine((mapping, context) => {
    const entity = mapping.entity;
    for (const field of Object.keys(mapping.columns)) {
      if (!isFieldOf(entity, field)) {
        context.addIssue({
          code: 'custom',
          path: ['columns', field],
          message: `"${field}" is not a field of ${entity}; fields are ${ENTITY_FIELDS[entity].join(', ')}`,
        });
      }
    }
    for (const group of REQUIRED_FIELDS[entity] as readonly (readonly string[])[]) {
      if (!group.some((field) => field in mapping.columns)) {
        context.addIssue({ code: 'custom', path: ['columns'], message: `${entity} needs a column for ${group.join(' or ')}` });
      }
    }
  });

export type MappingFile = z.output<typeof mappingSchema>;

/** What a mapping file sets beyond its layout: how values are written in the mapped file. */
export interface LoadedMapping {
  readonly preset: ImportPreset;
  readonly locale: Locale | undefined;
  readonly currency: CurrencyCode | undefined;
  readonly dateOrder: DateOrder | undefined;
}

export function isMappingPath(value: string): boolean {
  return /\.(ya?ml|json)$/i.test(value);
}

function layoutFor<E extends ImportEntity>(entity: E, mapping: MappingFile, label: string): EntityLayout<E> {
  const columns: { [F in FieldOf<E>]?: readonly string[] } = {};
  for (const [field, header] of Object.entries(mapping.columns)) {
    if (isFieldOf(entity, field)) columns[field] = [header];
  }
  const stageNames: Record<string, string> = {};
  for (const [inFile, stage] of Object.entries(mapping.stages ?? {})) {
    stageNames[inFile.trim()] = stage;
    stageNames[inFile.trim().toLowerCase()] = stage;
  }
  return {
    entity,
    label,
    columns,
    // Every header the mapping names must be in the file: a misspelt header is caught at once.
    requiredHeaders: Object.values(mapping.columns).map((header) => [header]),
    rules: { defaultProcess: mapping.process ?? null, stageNames },
  };
}

function anyLayout(mapping: MappingFile, label: string): AnyEntityLayout {
  switch (mapping.entity) {
    case 'currency_rate': return layoutFor('currency_rate', mapping, label);
    case 'person': return layoutFor('person', mapping, label);
    case 'product': return layoutFor('product', mapping, label);
    case 'account': return layoutFor('account', mapping, label);
    case 'opportunity': return layoutFor('opportunity', mapping, label);
    case 'opportunity_history': return layoutFor('opportunity_history', mapping, label);
    case 'opportunity_field_history': return layoutFor('opportunity_field_history', mapping, label);
    case 'line_item': return layoutFor('line_item', mapping, label);
    case 'split': return layoutFor('split', mapping, label);
  }
}

const DATE_ORDERS: Readonly<Record<(typeof DATE_FORMATS)[number], DateOrder | undefined>> = {
  'YYYY-MM-DD': undefined,
  'M/D/YYYY': 'mdy',
  'D/M/YYYY': 'dmy',
  'D.M.YYYY': 'dmy',
};

/** Validates a parsed mapping document; problems are listed one per line with their path. */
export function parseMapping(document: unknown, name: string): LoadedMapping {
  const result = mappingSchema.safeParse(document);
  if (!result.success) {
    throw new ImportError('invalid_mapping', `Mapping file ${name} is not valid:\n${z.prettifyError(result.error)}`, {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  const mapping = result.data;
  const label = mapping.label ?? `Mapping ${name}: ${mapping.entity}`;
  return {
    preset: { id: 'mapping', name: `Mapping ${name}`, salesforceIds: mapping.salesforceIds ?? false, plainNumbers: false, layouts: [anyLayout(mapping, label)] },
    locale: mapping.locale,
    currency: mapping.currency,
    dateOrder: mapping.dateFormat === undefined ? undefined : DATE_ORDERS[mapping.dateFormat],
  };
}

/** Reads and validates a mapping file (.yaml, .yml or .json). */
export async function loadMappingFile(path: string): Promise<LoadedMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ImportError('invalid_mapping', `Cannot read mapping file ${path}: ${(error as Error).message}`, { path });
  }
  let document: unknown;
  try {
    // JSON is YAML too, so one parser reads both.
    document = parseYaml(text);
  } catch (error) {
    throw new ImportError('invalid_mapping', `Mapping file ${path} is not valid YAML or JSON: ${(error as Error).message}`, { path });
  }
  return parseMapping(document, basename(path));
}
