import { describe, expect, it } from 'vitest';
import { formatTable } from './print-table.ts';

describe('formatTable', () => {
  it('aligns columns under their headers, numbers to the right', () => {
    const text = formatTable(
      [{ header: 'file' }, { header: 'rows', align: 'right' }],
      [['accounts.csv', '1200'], ['a.csv', '7']],
    );
    expect(text).toBe(['file          rows', '------------  ----', 'accounts.csv  1200', 'a.csv            7', ''].join('\n'));
  });

  it('shows a multi-line cell on one line', () => {
    expect(formatTable([{ header: 'note' }], [['one\r\ntwo\nthree']])).toContain('one two three');
  });

  it('cuts cells longer than the column allows with an ellipsis', () => {
    expect(formatTable([{ header: 'v', maxWidth: 5 }], [['abcdefgh']])).toContain('abcd…');
  });

  it('prints the header and rule alone when there are no rows', () => {
    expect(formatTable([{ header: 'a' }, { header: 'bb' }], [])).toBe('a  bb\n-  --\n');
  });
});
