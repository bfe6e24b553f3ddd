import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { JOB_ROLES, parseJobRole } from './person.ts';

describe('parseJobRole', () => {
  it.each([
    ['rep', 'rep'],
    ['Manager', 'manager'],
    [' SDR ', 'sdr'],
    ['Account Executive', 'rep'],
    ['Senior Account Executive', 'rep'],
    ['Enterprise AE', 'rep'],
    ['Sales Representative', 'rep'],
    ['Inside Sales Rep', 'rep'],
    ['Account Manager', 'rep'],
    ['Territory Manager', 'rep'],
    ['Sales Manager', 'manager'],
    ['Regional Director', 'manager'],
    ['Director of Sales', 'manager'],
    ['Head of Sales EMEA', 'manager'],
    ['SDR Team Lead', 'manager'],
    ['Sales Development Manager', 'manager'],
    ['VP Sales', 'executive'],
    ['VP, Sales', 'executive'],
    ['Vice President of Sales', 'executive'],
    ['Chief Revenue Officer', 'executive'],
    ['CRO', 'executive'],
    ['CFO', 'executive'],
    ['Co-founder & COO', 'executive'],
    ['Area Vice President', 'executive'],
    ['SDR', 'sdr'],
    ['BDR', 'sdr'],
    ['Sales Development Representative', 'sdr'],
    ['Business Development Rep', 'sdr'],
    ['Solutions Engineer', 'se'],
    ['Sales Engineer', 'se'],
    ['Pre-Sales Consultant', 'se'],
    ['Senior SE', 'se'],
    ['Sales Operations Manager', 'ops'],
    ['RevOps Analyst', 'ops'],
    ['Finance Business Partner', 'finance'],
    ['Controller', 'finance'],
    ['Salesforce Administrator', 'admin'],
    ['Marketing Coordinator', 'other'],
    ['Software Engineer', 'other'],
    ['', 'other'],
  ] as const)('reads "%s" as %s', (title, role) => {
    expect(parseJobRole(title)).toBe(role);
  });

  it('accepts every role key as itself', () => {
    for (const role of JOB_ROLES) expect(parseJobRole(role)).toBe(role);
  });

  it('always returns a known role, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (title) => {
        expect(JOB_ROLES).toContain(parseJobRole(title));
      }),
    );
  });
});
