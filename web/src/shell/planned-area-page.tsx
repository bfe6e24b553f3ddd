/** The areas still to come, each saying plainly what it will hold; no made-up figures. */
export const PLANNED_AREAS = {
  forecasts: {
    title: 'Forecasts',
    summary:
      'Forecast roll-ups by manager and fiscal period: commit, best case and pipeline per team, each manager’s call beside the roll-up, and what changed since last week.',
  },
  compensation: {
    title: 'Compensation',
    summary:
      'Compensation plans, credit from opportunity splits, payouts with tiers and accelerators, and a statement for each payee showing how every figure was reached.',
  },
  territories: {
    title: 'Territories & Quotas',
    summary:
      'Territories built from account rules, quotas set per period and spread down the reporting tree, and attainment against quota for each person and team.',
  },
  enablement: {
    title: 'Enablement',
    summary: 'Onboarding and ramp for new reps: ramp schedules that lower quota during the first months, and progress through them.',
  },
} as const;

export type PlannedArea = keyof typeof PLANNED_AREAS;

export function PlannedAreaPage({ area }: { readonly area: PlannedArea }) {
  const { title, summary } = PLANNED_AREAS[area];
  return (
    <section className="page">
      <h1>
        {title} <span className="badge badge-planned">Not built yet</span>
      </h1>
      <p className="planned-notice">This area is not built yet. Nothing on this page is data.</p>
      <h2>What it will hold</h2>
      <p>{summary}</p>
    </section>
  );
}
