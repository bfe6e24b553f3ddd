import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_UPLOAD_BYTES, type UploadedFile } from '../../contracts/imports.ts';
import { BUILT_IN_PRESETS, detectLayout } from '../../import/detect-preset.ts';
import { previewImportFile } from '../../import/open-import-file.ts';
import { headerKey, type AnyEntityLayout } from '../../import/presets/entity-layout.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { insertStoredFile } from '../../store/stored-file-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';
import { uploadFileName } from './upload-file-name.ts';
import { withTempFolder } from './with-temp-folder.ts';

/** Rows shown in an upload's preview. */
export const PREVIEW_ROWS = 10;

/**
 * Which salesops field each column feeds, as the import will read it: for each field, the first
 * of its header names the file has; a column no field takes (or a repeat of a taken header) maps
 * to null.
 */
export function columnMapping(layout: AnyEntityLayout, headers: readonly string[]): UploadedFile['preview']['mapping'] {
  const present = new Set(headers.map(headerKey));
  const fieldByKey = new Map<string, string>();
  for (const [field, names] of Object.entries(layout.columns) as [string, readonly string[] | undefined][]) {
    const used = (names ?? []).find((name) => present.has(headerKey(name)));
    if (used !== undefined && !fieldByKey.has(headerKey(used))) fieldByKey.set(headerKey(used), field);
  }
  const seen = new Set<string>();
  return headers.map((source) => {
    const key = headerKey(source);
    const target = seen.has(key) ? null : (fieldByKey.get(key) ?? null);
    seen.add(key);
    return { source, target };
  });
}

type Detected = Pick<UploadedFile, 'detectedPreset' | 'entity' | 'preview'>;

/** Reads the header and first rows as the import will (preset detected from the header row); throws the import's ImportError when it cannot. */
async function detect(name: string, content: Buffer): Promise<Detected> {
  return withTempFolder('salesops-upload-', async (folder) => {
    const path = join(folder, name);
    await writeFile(path, content, { mode: 0o600 });
    const preview = await previewImportFile(path, { preset: 'auto' }, PREVIEW_ROWS);
    const { layout } = detectLayout(preview.file.headers, BUILT_IN_PRESETS, false);
    const columns = [...preview.file.headers];
    return {
      detectedPreset: preview.file.preset,
      entity: preview.file.entity,
      preview: {
        columns,
        rows: preview.rows.map((row) => columns.map((column) => row.cells[column] ?? '')),
        mapping: columnMapping(layout, columns),
      },
    };
  });
}

/**
 * Keeps an uploaded CRM export for a later import job and says what it holds: the preset and
 * entity detected from its header row and a preview of its first rows with each column's salesops
 * field. A file the import cannot read or recognise (an .xls workbook, unknown headers) is refused
 * with the import's error (unsupported_file, unknown_format, ...) and nothing is stored.
 * Needs 'import.run'; audited as 'upload' of the file.
 */
export async function uploadImportFile(store: Store, actor: Actor, file: { readonly name: string; readonly content: Buffer }): Promise<UploadedFile> {
  await authorize(store, actor, 'import.run', { type: 'file' });
  const name = uploadFileName(file.name);
  if (file.content.byteLength > MAX_UPLOAD_BYTES) {
    throw new ServiceError('invalid_argument', `The file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB an upload may be`, { maxBytes: MAX_UPLOAD_BYTES });
  }
  const detected = await detect(name, file.content);
  const info = await inTransaction(store.db, async (trx) => {
    const stored = await insertStoredFile(trx, { name, content: file.content, createdBy: actor.userId });
    await appendAuditEvent(trx, { actor: actor.userId, action: 'upload', objectType: 'file', objectId: stored.id, after: { name, sizeBytes: stored.sizeBytes } }, stored.createdAt);
    return stored;
  });
  return { fileId: info.id, name: info.name, sizeBytes: info.sizeBytes, ...detected };
}
