import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createErrorReportWriter, csvCell } from './error-report.ts';

describe('error report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesops-error-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a header and one line per error', async () => {
    const path = join(dir, 'plain.csv');
    const report = createErrorReportWriter(path);
    report.write({ row: 7, column: 'StageName', value: 'Won-ish', reason: 'Unknown stage' });
    report.write({ row: 9, column: null, value: null, reason: 'The row could not be read' });
    await report.close();
    expect(report.count).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('row,column,value,reason\r\n7,StageName,Won-ish,Unknown stage\r\n9,,,The row could not be read\r\n');
  });

  it('quotes cells with commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(12)).toBe('12');
  });

  it('prefixes cells a spreadsheet would evaluate with an apostrophe', () => {
    expect(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx'].map(csvCell)).toEqual(["'=SUM(A1)", "'+1", "'-2", "'@cmd", "'\tx", `"'\rx"`]);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('streams many errors to the file', async () => {
    const path = join(dir, 'many.csv');
    const report = createErrorReportWriter(path);
    for (let row = 2; row < 50_002; row++) report.write({ row, column: 'Amount', value: 'x', reason: 'Not a number' });
    await report.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(50_001);
    expect(lines.at(-1)).toBe('50001,Amount,x,Not a number');
  });
});
