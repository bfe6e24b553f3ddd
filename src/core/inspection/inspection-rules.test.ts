import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INSPECTION_RULES,
  rulesForProcess,
  validateInspectionConfig,
  WARNING_KINDS,
  type InspectionConfig,
  type InspectionRules,
} from './inspection-rules.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';
import { DomainError } from '../shared/domain-error.ts';

const CONFIG: InspectionConfig = {
  defaults: DEFAULT_INSPECTION_RULES,
  byProcess: {
    proc_renewal: { pushCount: 5, stalledPercentile: null, noNextStep: false },
    proc_partner: { amountChangeBps: undefined, noActivityDays: 14 },
  },
};

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? `${error.code}: ${error.message}` : 'not a DomainError';
  }
  return 'no error';
}

describe('rulesForProcess', () => {
  it('gives the defaults to a process without overrides', () => {
    expect(rulesForProcess(CONFIG, 'proc_new')).toEqual(DEFAULT_INSPECTION_RULES);
  });

  it('lays a process overrides over the defaults, null and false switching rules off', () => {
    expect(rulesForProcess(CONFIG, 'proc_renewal')).toEqual({
      closeDateInPast: true,
      noNextStep: false,
      stalledPercentile: null,
      pushCount: 5,
      amountChangeBps: 2_500,
      noActivityDays: 30,
    });
  });

  it('lets an undefined override inherit the default', () => {
    expect(rulesForProcess(CONFIG, 'proc_partner')).toEqual({ ...DEFAULT_INSPECTION_RULES, noActivityDays: 14 });
  });

  it('never reads a process id from the object prototype', () => {
    expect(rulesForProcess(CONFIG, 'constructor')).toEqual(DEFAULT_INSPECTION_RULES);
  });
});

describe('DEFAULT_INSPECTION_RULES', () => {
  it('switches every warning on with the thresholds of the product issue', () => {
    expect(DEFAULT_INSPECTION_RULES).toEqual({
      closeDateInPast: true,
      noNextStep: true,
      stalledPercentile: 80,
      pushCount: 3,
      amountChangeBps: 2_500,
      noActivityDays: 30,
    });
  });
});

describe('validateInspectionConfig', () => {
  it('accepts the defaults with valid overrides and returns the configuration', () => {
    expect(validateInspectionConfig(CONFIG)).toBe(CONFIG);
  });

  it.each([
    ['stalledPercentile', 50],
    ['stalledPercentile', 99],
    ['pushCount', 1],
    ['amountChangeBps', 1],
    ['amountChangeBps', 50_000],
    ['noActivityDays', 1],
    ['noActivityDays', null],
  ] as const)('accepts %s of %s', (rule, value) => {
    expect(errorCodeOf(() => validateInspectionConfig({ defaults: { ...DEFAULT_INSPECTION_RULES, [rule]: value }, byProcess: {} }))).toBeUndefined();
  });

  it.each([
    ['stalledPercentile', 49],
    ['stalledPercentile', 100],
    ['stalledPercentile', 80.5],
    ['pushCount', 0],
    ['amountChangeBps', 0],
    ['amountChangeBps', -2_500],
    ['noActivityDays', 0],
    ['noActivityDays', Number.NaN],
    ['closeDateInPast', null],
    ['noNextStep', 'yes'],
  ])('refuses %s of %s in the defaults', (rule, value) => {
    const defaults = { ...DEFAULT_INSPECTION_RULES, [rule]: value };
    expect(errorCodeOf(() => validateInspectionConfig({ defaults, byProcess: {} }))).toBe('invalid_inspection_rules');
  });

  it('names the process, the rule, its range and the value refused', () => {
    const config: InspectionConfig = { defaults: DEFAULT_INSPECTION_RULES, byProcess: { proc_renewal: { stalledPercentile: 100 } } };
    expect(messageOf(() => validateInspectionConfig(config))).toBe(
      'invalid_inspection_rules: Inspection rules of sales process proc_renewal: stalledPercentile must be a percentile, ' +
        'a whole number from 50 to 99, or null to switch the warning off; got 100',
    );
  });

  it('refuses an override naming a rule that does not exist', () => {
    const byProcess = { proc_renewal: { pushcount: 5 } } as unknown as InspectionConfig['byProcess'];
    expect(messageOf(() => validateInspectionConfig({ defaults: DEFAULT_INSPECTION_RULES, byProcess }))).toMatch(
      /^invalid_inspection_rules: Inspection rules of sales process proc_renewal: there is no inspection rule "pushcount"/,
    );
  });

  it('refuses defaults that leave a rule out', () => {
    const { pushCount: _left, ...defaults } = DEFAULT_INSPECTION_RULES;
    expect(messageOf(() => validateInspectionConfig({ defaults: defaults as InspectionRules, byProcess: {} }))).toMatch(
      /^invalid_inspection_rules: Default inspection rules: pushCount must be a number of pushes/,
    );
  });
});

describe('WARNING_KINDS', () => {
  it('lists the six kinds in the order warnings are shown', () => {
    expect(WARNING_KINDS.map((k) => k.id)).toEqual(['close_date_past', 'no_next_step', 'stalled', 'pushed', 'amount_changed', 'no_activity']);
  });

  it('ties each kind to a distinct rule of the configuration', () => {
    const rules = WARNING_KINDS.map((k) => k.rule);
    expect(new Set(rules).size).toBe(rules.length);
    expect([...rules].sort()).toEqual(Object.keys(DEFAULT_INSPECTION_RULES).sort());
  });

  it('gives each kind a label and a one-sentence description', () => {
    for (const kind of WARNING_KINDS) {
      expect(kind.label.length).toBeGreaterThan(0);
      expect(kind.description).toMatch(/^[A-Z][^.]*\.$/);
    }
  });
});
