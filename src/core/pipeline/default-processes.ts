import type { ForecastCategory } from './forecast-category.ts';

/** A stage as configured: its default probability and forecast category, and whether it ends the deal. */
export interface StageDefinition {
  readonly name: string;
  /** Default win probability in basis points: 10000 = 100 %. */
  readonly probabilityBps: number;
  readonly forecastCategory: ForecastCategory;
  readonly isClosed: boolean;
  readonly isWon: boolean;
  /** Other names the stage arrives under in CRM exports (HubSpot internal ids, API names). */
  readonly aliases: readonly string[];
}

export type SalesProcessKind = 'new_business' | 'renewal' | 'expansion' | 'other';

export interface SalesProcessDefinition {
  readonly name: string;
  readonly kind: SalesProcessKind;
  readonly isDefault: boolean;
  readonly stages: readonly StageDefinition[];
}

const stage = (
  name: string,
  percent: number,
  forecastCategory: ForecastCategory,
  aliases: readonly string[] = [],
  closed: { isClosed: boolean; isWon: boolean } = { isClosed: false, isWon: false },
): StageDefinition => ({ name, probabilityBps: percent * 100, forecastCategory, aliases, ...closed });

const WON = { isClosed: true, isWon: true };
const LOST = { isClosed: true, isWon: false };

/** Salesforce's default opportunity sales process (stage, probability, forecast category). */
export const SALESFORCE_DEFAULT_STAGES: readonly StageDefinition[] = [
  stage('Prospecting', 10, 'pipeline'),
  stage('Qualification', 10, 'pipeline'),
  stage('Needs Analysis', 20, 'pipeline'),
  stage('Value Proposition', 50, 'pipeline'),
  stage('Id. Decision Makers', 60, 'pipeline', ['Id Decision Makers', 'Identify Decision Makers']),
  stage('Perception Analysis', 70, 'best_case'),
  stage('Proposal/Price Quote', 75, 'best_case', ['Proposal', 'Price Quote']),
  stage('Negotiation/Review', 90, 'commit', ['Negotiation', 'Review']),
  stage('Closed Won', 100, 'closed', ['Won'], WON),
  stage('Closed Lost', 0, 'omitted', ['Lost'], LOST),
];

/** HubSpot's default deal pipeline: labels, with the internal ids its exports may carry as aliases. */
export const HUBSPOT_DEFAULT_STAGES: readonly StageDefinition[] = [
  stage('Appointment Scheduled', 20, 'pipeline', ['appointmentscheduled']),
  stage('Qualified To Buy', 40, 'pipeline', ['qualifiedtobuy']),
  stage('Presentation Scheduled', 60, 'pipeline', ['presentationscheduled']),
  stage('Decision Maker Bought-In', 80, 'best_case', ['decisionmakerboughtin', 'Decision Maker Bought In']),
  stage('Contract Sent', 90, 'commit', ['contractsent']),
  stage('Closed Won', 100, 'closed', ['closedwon'], WON),
  stage('Closed Lost', 0, 'omitted', ['closedlost'], LOST),
];

/** A renewal motion: the deal exists from the start; the question is when and at what amount it closes. */
export const RENEWAL_STAGES: readonly StageDefinition[] = [
  stage('Renewal Identified', 50, 'pipeline'),
  stage('Renewal Engaged', 70, 'best_case'),
  stage('Renewal Quote Sent', 85, 'commit'),
  stage('Renewal Verbal', 95, 'commit'),
  stage('Closed Won', 100, 'closed', ['Renewed'], WON),
  stage('Closed Lost', 0, 'omitted', ['Churned'], LOST),
];

export const NEW_BUSINESS_PROCESS = 'New Business';
export const RENEWAL_PROCESS = 'Renewal';
export const HUBSPOT_PROCESS = 'HubSpot Deals';

/** The processes a new workspace starts with: new business on Salesforce's stages, and renewals. */
export function defaultSalesProcesses(): readonly SalesProcessDefinition[] {
  return [
    { name: NEW_BUSINESS_PROCESS, kind: 'new_business', isDefault: true, stages: SALESFORCE_DEFAULT_STAGES },
    { name: RENEWAL_PROCESS, kind: 'renewal', isDefault: false, stages: RENEWAL_STAGES },
  ];
}

/** The process HubSpot deals are imported into, created on the first HubSpot import. */
export function hubspotSalesProcess(): SalesProcessDefinition {
  return { name: HUBSPOT_PROCESS, kind: 'new_business', isDefault: false, stages: HUBSPOT_DEFAULT_STAGES };
}

/** Finds a stage by name or alias, ignoring case and surrounding spaces. */
export function findStageDefinition(stages: readonly StageDefinition[], nameOrAlias: string): StageDefinition | undefined {
  const key = nameOrAlias.trim().toLowerCase();
  return stages.find((s) => s.name.toLowerCase() === key || s.aliases.some((a) => a.toLowerCase() === key));
}
