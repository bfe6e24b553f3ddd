/**
 * What a person does in the sales organisation. It decides defaults elsewhere (who carries a quota,
 * who forecasts for a team), never permissions.
 */
export const JOB_ROLES = ['rep', 'manager', 'executive', 'sdr', 'se', 'ops', 'finance', 'admin', 'other'] as const;
export type JobRole = (typeof JOB_ROLES)[number];

export function isJobRole(value: string): value is JobRole {
  return (JOB_ROLES as readonly string[]).includes(value);
}

const C_LEVEL_ACRONYM = / c[a-z]o /;

/** Title words, matched as whole words in order; the first rule that matches decides. */
const TITLE_RULES: readonly (readonly [JobRole, readonly string[]])[] = [
  ['executive', ['vp', 'svp', 'evp', 'avp', 'rvp', 'vice president', 'chief', 'president', 'general manager', 'managing director']],
  // Support functions keep their role at any seniority: a Sales Operations Manager works in ops.
  ['ops', ['ops', 'operations', 'revops', 'revenue operations', 'sales operations', 'analyst', 'deal desk', 'enablement', 'sales planning', 'commissions']],
  ['finance', ['finance', 'financial', 'accountant', 'accounting', 'controller', 'payroll', 'fp a', 'treasury']],
  ['admin', ['admin', 'administrator', 'system administrator', 'crm administrator']],
  // Individual contributors whose titles say "manager" or "director" without managing people.
  ['rep', ['account manager', 'key account manager', 'territory manager', 'account director', 'partner manager', 'channel manager']],
  // Anyone leading reps, SDRs or SEs owns a team forecast, so leads of those teams are managers.
  ['manager', ['manager', 'director', 'head of', 'head', 'team lead', 'team leader', 'supervisor', 'mgr']],
  ['sdr', ['sdr', 'bdr', 'adr', 'sales development', 'business development representative', 'business development rep', 'lead development', 'market development']],
  ['se', ['se', 'solutions engineer', 'solution engineer', 'sales engineer', 'solutions consultant', 'solution consultant', 'presales', 'pre sales', 'solutions architect', 'solution architect', 'technical consultant']],
  ['rep', ['rep', 'representative', 'ae', 'account executive', 'sales executive', 'salesperson', 'sales person', 'seller', 'inside sales', 'field sales', 'closer', 'account exec']],
];

/**
 * Reads a job title loosely ('Account Executive' → rep, 'Regional Director' → manager,
 * 'VP Sales' → executive, 'BDR' → sdr, 'Solutions Engineer' → se). A role key itself is accepted;
 * anything unrecognised is 'other', never an error, since titles are free text in every CRM.
 */
export function parseJobRole(value: string): JobRole {
  const words = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (isJobRole(words)) return words;
  const padded = ` ${words} `;
  // C-level acronyms (chief revenue, operating, financial… officer) are executives.
  if (C_LEVEL_ACRONYM.test(padded)) return 'executive';
  for (const [role, phrases] of TITLE_RULES) {
    if (phrases.some((phrase) => padded.includes(` ${phrase} `))) return role;
  }
  return 'other';
}
