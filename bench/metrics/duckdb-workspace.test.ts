import { describe, expect, it } from 'vitest';
import { rateParts, readTsvSql } from './duckdb-workspace.ts';

describe('rateParts', () => {
  it('reads a decimal rate exactly as an integer over a power of ten', () => {
    expect(rateParts('0.912345')).toEqual({ units: 912_345n, factor: 1_000_000n });
    expect(rateParts('1')).toEqual({ units: 1n, factor: 1n });
  });

  it('refuses a rate that is not a positive plain decimal', () => {
    expect(() => rateParts('0')).toThrow(RangeError);
    expect(() => rateParts('1e3')).toThrow(RangeError);
    expect(() => rateParts('-0.5')).toThrow(RangeError);
  });
});

describe('readTsvSql', () => {
  it('reads every column of the table by name, dates and numbers typed, in COPY text format', () => {
    const sql = readTsvSql('opportunity_history', '/tmp/it\'s.tsv');
    expect(sql).toContain("read_csv('/tmp/it''s.tsv'");
    expect(sql).toContain("nullstr = '\\N'");
    expect(sql).toContain("'changed_at': 'TIMESTAMP'");
    expect(sql).toContain("'new_value': 'VARCHAR'");
  });
});
