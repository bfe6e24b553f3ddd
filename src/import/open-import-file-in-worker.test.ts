import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError, openImportFile, type ImportFile, type ParsedRowResult } from './open-import-file.ts';
import { openImportFileInWorker } from './open-import-file-in-worker.ts';
import type { ImportEntity } from './records.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const files = [
  ...readdirSync(join(FIXTURES, 'salesforce')).map((f) => join(FIXTURES, 'salesforce', f)),
  join(FIXTURES, 'salesforce-report', 'opportunities-report.csv'),
  join(FIXTURES, 'hubspot', 'hubspot-deals.csv'),
  join(FIXTURES, 'other', 'bad-rows.csv'),
  join(FIXTURES, 'other', 'windows-1252-report.csv'),
];

async function readAll(file: ImportFile): Promise<{ rows: ParsedRowResult<ImportEntity>[]; notes: readonly string[]; bytes: number }> {
  const rows: ParsedRowResult<ImportEntity>[] = [];
  for await (const batch of file.batches()) rows.push(...batch);
  return { rows, notes: file.notes(), bytes: file.bytesRead() };
}

describe('openImportFileInWorker', () => {
  it('gives the same header facts, rows, errors and notes as parsing on the importing thread', async () => {
    for (const path of files) {
      const here = await openImportFile(path);
      const there = await openImportFileInWorker(path);
      const { path: p1, entity, preset, presetLabel, headers, encoding, delimiter, totalBytes } = here;
      expect({ path: there.path, entity: there.entity, preset: there.preset, presetLabel: there.presetLabel, headers: there.headers, encoding: there.encoding, delimiter: there.delimiter, totalBytes: there.totalBytes })
        .toEqual({ path: p1, entity, preset, presetLabel, headers, encoding, delimiter, totalBytes });
      expect(await readAll(there)).toEqual(await readAll(here));
    }
  }, 30_000);

  it('fails as openImportFile does on a file no preset recognises', async () => {
    const path = join(FIXTURES, 'other', 'custom-deals.csv');
    const error = await openImportFileInWorker(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const expected = await openImportFile(path).then(
      () => null,
      (e: unknown) => (e as ImportError).code,
    );
    expect((error as ImportError).code).toBe(expected);
  });

  it('stops the worker when the file is closed before its last row', async () => {
    const file = await openImportFileInWorker(join(FIXTURES, 'salesforce', 'Opportunity.csv'));
    for await (const batch of file.batches()) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    await file.close();
  });
});
