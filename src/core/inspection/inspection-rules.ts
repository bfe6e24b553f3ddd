import { DomainError } from '../shared/domain-error.ts';

/**
 * Which warning signs an inspection of open deals looks for, and their thresholds. Every entry
 * can be switched off: `false` for the yes/no rules, `null` for the rules with a threshold.
 */
export interface InspectionRules {
  /** Warn when the expected close date is before the as-of date. */
  readonly closeDateInPast: boolean;
  /** Warn when the deal has no next step (blank text counts as none). */
  readonly noNextStep: boolean;
  /** Warn when the deal has sat in its stage longer than this percentile (50..99) of completed stays there. */
  readonly stalledPercentile: number | null;
  /** Warn when the close date was pushed this many times or more (at least 1). */
  readonly pushCount: number | null;
  /** Warn when |current amount - first amount| / first amount reaches this many basis points (at least 1). */
  readonly amountChangeBps: number | null;
  /** Warn when the last activity is this many days or more before the as-of date (at least 1). */
  readonly noActivityDays: number | null;
}

export const DEFAULT_INSPECTION_RULES: InspectionRules = {
  closeDateInPast: true,
  noNextStep: true,
  stalledPercentile: 80,
  pushCount: 3,
  amountChangeBps: 2_500,
  noActivityDays: 30,
};

/**
 * The workspace's rules: defaults, and per sales process only the entries that differ. An entry
 * left out (or undefined) in a process inherits the default; `null`/`false` switches it off there.
 */
export interface InspectionConfig {
  readonly defaults: InspectionRules;
  readonly byProcess: Readonly<Record<string, Partial<InspectionRules>>>;
}

/** The kinds of warning, in the order a deal's warnings are listed. */
export const WARNING_KINDS = [
  {
    id: 'close_date_past',
    rule: 'closeDateInPast',
    label: 'Close date in the past',
    description: 'The expected close date has gone by while the deal is still open, so it needs closing or a new date.',
  },
  {
    id: 'no_next_step',
    rule: 'noNextStep',
    label: 'No next step',
    description: 'The deal has no next step written down, so nobody has said what moves it forward.',
  },
  {
    id: 'stalled',
    rule: 'stalledPercentile',
    label: 'Stalled in stage',
    description: 'The deal has been in its stage longer than the set percentile of past deals in its sales process took to leave it.',
  },
  {
    id: 'pushed',
    rule: 'pushCount',
    label: 'Close date pushed repeatedly',
    description: 'The close date has been moved later the set number of times or more, a sign the deal keeps slipping.',
  },
  {
    id: 'amount_changed',
    rule: 'amountChangeBps',
    label: 'Amount changed',
    description: 'The amount has moved up or down by the set percentage or more since the deal was created.',
  },
  {
    id: 'no_activity',
    rule: 'noActivityDays',
    label: 'No recent activity',
    description: 'No call, meeting, email or task has been logged on the deal for the set number of days or more.',
  },
] as const satisfies readonly { id: string; rule: keyof InspectionRules; label: string; description: string }[];

export type WarningKind = (typeof WARNING_KINDS)[number]['id'];

const RULE_KEYS = Object.keys(DEFAULT_INSPECTION_RULES) as readonly (keyof InspectionRules)[];

/** The one error of this module: a rule outside its range, an unknown rule, thresholds computed for other rules. */
export function invalidInspectionRules(message: string, details: Readonly<Record<string, unknown>>): DomainError {
  return new DomainError('invalid_inspection_rules', message, details);
}

/** The rules of one sales process: its overrides over the defaults. */
export function rulesForProcess(config: InspectionConfig, processId: string): InspectionRules {
  // Own properties only: a process id such as "constructor" must not reach Object.prototype.
  const overrides = Object.hasOwn(config.byProcess, processId) ? config.byProcess[processId] : undefined;
  if (overrides === undefined) return config.defaults;
  return {
    closeDateInPast: overrides.closeDateInPast ?? config.defaults.closeDateInPast,
    noNextStep: overrides.noNextStep ?? config.defaults.noNextStep,
    // `null` switches a threshold rule off, so only undefined inherits (?? would swallow null).
    stalledPercentile: overrides.stalledPercentile === undefined ? config.defaults.stalledPercentile : overrides.stalledPercentile,
    pushCount: overrides.pushCount === undefined ? config.defaults.pushCount : overrides.pushCount,
    amountChangeBps: overrides.amountChangeBps === undefined ? config.defaults.amountChangeBps : overrides.amountChangeBps,
    noActivityDays: overrides.noActivityDays === undefined ? config.defaults.noActivityDays : overrides.noActivityDays,
  };
}

interface RuleRange {
  readonly min: number;
  readonly max: number;
  readonly what: string;
}

const THRESHOLD_RANGES = {
  stalledPercentile: { min: 50, max: 99, what: 'a percentile' },
  pushCount: { min: 1, max: Number.MAX_SAFE_INTEGER, what: 'a number of pushes' },
  amountChangeBps: { min: 1, max: Number.MAX_SAFE_INTEGER, what: 'a change in basis points' },
  noActivityDays: { min: 1, max: Number.MAX_SAFE_INTEGER, what: 'a number of days' },
} as const satisfies Record<string, RuleRange>;

function isThresholdRule(key: keyof InspectionRules): key is keyof typeof THRESHOLD_RANGES {
  return Object.hasOwn(THRESHOLD_RANGES, key);
}

function rangeText(range: RuleRange): string {
  return range.max === Number.MAX_SAFE_INTEGER ? `${range.min} or more` : `from ${range.min} to ${range.max}`;
}

/** Checks one entry; `where` names the defaults or the process for the message. */
function validateRule(key: keyof InspectionRules, value: unknown, where: string, processId: string | null): void {
  const details = { processId, rule: key, value };
  if (!isThresholdRule(key)) {
    if (typeof value !== 'boolean') {
      throw invalidInspectionRules(`${where}: ${key} must be true or false, got ${JSON.stringify(value)}`, details);
    }
    return;
  }
  if (value === null) return;
  const range = THRESHOLD_RANGES[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw invalidInspectionRules(
      `${where}: ${key} must be ${range.what}, a whole number ${rangeText(range)}, or null to switch the warning off; got ${JSON.stringify(value)}`,
      details,
    );
  }
}

/**
 * Refuses a configuration with a value out of range or of the wrong type, a default left out, or
 * an override naming a rule that does not exist (a misspelt rule would otherwise be ignored
 * without a word). Returns the configuration unchanged so it can be used in one expression.
 */
export function validateInspectionConfig(config: InspectionConfig): InspectionConfig {
  for (const key of RULE_KEYS) validateRule(key, config.defaults[key], 'Default inspection rules', null);
  for (const [processId, overrides] of Object.entries(config.byProcess)) {
    const where = `Inspection rules of sales process ${processId}`;
    for (const [key, value] of Object.entries(overrides)) {
      if (!(RULE_KEYS as readonly string[]).includes(key)) {
        throw invalidInspectionRules(`${where}: there is no inspection rule "${key}" (known rules: ${RULE_KEYS.join(', ')})`, {
          processId,
          rule: key,
        });
      }
      // An undefined entry inherits the default, like one left out.
      if (value !== undefined) validateRule(key as keyof InspectionRules, value, where, processId);
    }
  }
  return config;
}
