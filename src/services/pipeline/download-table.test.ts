import { describe, expect, it } from 'vitest';
import { assertExportable, downloadTable, MAX_EXPORT_ROWS } from './download-table.ts';

describe('assertExportable', () => {
  it('accepts exactly the row limit', () => {
    expect(() => assertExportable(MAX_EXPORT_ROWS)).not.toThrow();
  });

  it('refuses one row more, asking for narrower filters', () => {
    expect(() => assertExportable(MAX_EXPORT_ROWS + 1)).toThrow(expect.objectContaining({ code: 'invalid_argument', message: expect.stringContaining('Narrow the filters') as string }));
  });
});

describe('downloadTable', () => {
  it('writes CSV with a byte-order mark and escapes cells a spreadsheet would run', async () => {
    const file = await downloadTable({ header: ['name', 'amount'], rows: [['@SUM(1)', '-12.50']] }, { entity: 'accounts', format: 'csv', isDemo: false });
    expect(file.body.toString('utf8')).toBe("\uFEFFname,amount\r\n'@SUM(1),-12.50\r\n");
  });

  it('says demo data in the file name of a demo workspace’s export', async () => {
    const file = await downloadTable({ header: ['name'], rows: [] }, { entity: 'accounts', format: 'csv', isDemo: true });
    expect(file.fileName).toBe('accounts-demo-data.csv');
  });
});
