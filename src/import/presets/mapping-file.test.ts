import { describe, expect, it } from 'vitest';
import { importErrorOf } from '../testing/import-error-of.ts';
import { loadMappingFile, parseMapping } from './mapping-file.ts';

const FIXTURE = new URL('../fixtures/other/custom-deals.mapping.yaml', import.meta.url).pathname;

describe('mapping files', () => {
  it('loads a YAML mapping with its locale, currency and date order', async () => {
    const mapping = await loadMappingFile(FIXTURE);
    expect(mapping).toMatchObject({ locale: 'eu', currency: 'EUR', dateOrder: 'dmy', preset: { id: 'mapping' } });
    expect(mapping.preset.layouts[0]).toMatchObject({
      entity: 'opportunity',
      columns: { name: ['Deal'], stage: ['Phase'] },
      rules: { defaultProcess: 'New Business', stageNames: { Won: 'Closed Won' } },
    });
  });

  it('reads the same mapping written as JSON', () => {
    const mapping = parseMapping(JSON.parse('{"entity":"product","columns":{"name":"Product"}}'), 'products.json');
    expect(mapping.preset.layouts[0]).toMatchObject({ entity: 'product', label: 'Mapping products.json: product' });
  });

  it('names an unknown field and lists the entity\'s fields', () => {
    const error = importErrorOf(() => parseMapping({ entity: 'product', columns: { name: 'Product', colour: 'Colour' } }, 'm.yaml'));
    expect(error.code).toBe('invalid_mapping');
    expect(error.message).toContain('"colour" is not a field of product');
    expect(error.message).toContain('columns.colour');
  });

  it('names the required fields a mapping leaves out', () => {
    const error = importErrorOf(() => parseMapping({ entity: 'opportunity', columns: { name: 'Deal' } }, 'm.yaml'));
    expect(error.message).toContain('opportunity needs a column for stage');
    expect(error.message).toContain('opportunity needs a column for closeDate');
  });

  it('refuses an unknown entity, currency and date format with readable messages', () => {
    const error = importErrorOf(() => parseMapping({ entity: 'deal', columns: {}, currency: 'XYZ', dateFormat: 'MM-DD-YY' }, 'm.yaml'));
    expect(error.message).toContain('entity must be one of');
    expect(error.message).toContain('unknown currency code "XYZ"');
    expect(error.message).toContain('dateFormat must be one of');
  });

  it('refuses keys it does not know, so a typo is not silently ignored', () => {
    const error = importErrorOf(() => parseMapping({ entity: 'product', columns: { name: 'P' }, proces: 'x' }, 'm.yaml'));
    expect(error.message).toContain('proces');
  });

  it('refuses a file that is not YAML', async () => {
    await expect(loadMappingFile(new URL('../fixtures/other/bad-rows.csv', import.meta.url).pathname)).rejects.toMatchObject({ code: 'invalid_mapping' });
  });
});
