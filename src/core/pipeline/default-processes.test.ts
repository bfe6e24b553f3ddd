import { describe, it, expect } from 'vitest';
import {
  HUBSPOT_DEFAULT_STAGES,
  RENEWAL_STAGES,
  SALESFORCE_DEFAULT_STAGES,
  defaultSalesProcesses,
  findStageDefinition,
  hubspotSalesProcess,
} from './default-processes.ts';

const summary = (stages: typeof SALESFORCE_DEFAULT_STAGES) => stages.map((s) => [s.name, s.probabilityBps / 100, s.forecastCategory]);

describe('Salesforce default stages', () => {
  it("match Salesforce's default sales process: names, probabilities and forecast categories", () => {
    expect(summary(SALESFORCE_DEFAULT_STAGES)).toEqual([
      ['Prospecting', 10, 'pipeline'],
      ['Qualification', 10, 'pipeline'],
      ['Needs Analysis', 20, 'pipeline'],
      ['Value Proposition', 50, 'pipeline'],
      ['Id. Decision Makers', 60, 'pipeline'],
      ['Perception Analysis', 70, 'best_case'],
      ['Proposal/Price Quote', 75, 'best_case'],
      ['Negotiation/Review', 90, 'commit'],
      ['Closed Won', 100, 'closed'],
      ['Closed Lost', 0, 'omitted'],
    ]);
  });
});

describe('HubSpot default stages', () => {
  it("match HubSpot's default deal pipeline: labels, internal ids and probabilities", () => {
    expect(HUBSPOT_DEFAULT_STAGES.map((s) => [s.aliases[0], s.name, s.probabilityBps / 100])).toEqual([
      ['appointmentscheduled', 'Appointment Scheduled', 20],
      ['qualifiedtobuy', 'Qualified To Buy', 40],
      ['presentationscheduled', 'Presentation Scheduled', 60],
      ['decisionmakerboughtin', 'Decision Maker Bought-In', 80],
      ['contractsent', 'Contract Sent', 90],
      ['closedwon', 'Closed Won', 100],
      ['closedlost', 'Closed Lost', 0],
    ]);
  });
});

describe('every default stage list', () => {
  it.each([
    ['Salesforce', SALESFORCE_DEFAULT_STAGES],
    ['HubSpot', HUBSPOT_DEFAULT_STAGES],
    ['renewal', RENEWAL_STAGES],
  ])('%s ends with one won stage at 100 % Closed and one lost stage at 0 % Omitted', (_, stages) => {
    const closed = stages.filter((s) => s.isClosed);
    expect(closed.map((s) => [s.isWon, s.probabilityBps, s.forecastCategory])).toEqual([
      [true, 10000, 'closed'],
      [false, 0, 'omitted'],
    ]);
    expect(stages.slice(-2)).toEqual(closed);
  });

  it.each([
    ['Salesforce', SALESFORCE_DEFAULT_STAGES],
    ['HubSpot', HUBSPOT_DEFAULT_STAGES],
    ['renewal', RENEWAL_STAGES],
  ])('%s has no name or alias twice, ignoring case', (_, stages) => {
    const keys = stages.flatMap((s) => [s.name, ...s.aliases].map((k) => k.toLowerCase()));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('findStageDefinition', () => {
  it.each([
    [SALESFORCE_DEFAULT_STAGES, 'Negotiation/Review', 'Negotiation/Review'],
    [SALESFORCE_DEFAULT_STAGES, 'negotiation/review', 'Negotiation/Review'],
    [SALESFORCE_DEFAULT_STAGES, '  PROSPECTING ', 'Prospecting'],
    [SALESFORCE_DEFAULT_STAGES, 'identify decision makers', 'Id. Decision Makers'],
    [SALESFORCE_DEFAULT_STAGES, 'price quote', 'Proposal/Price Quote'],
    [HUBSPOT_DEFAULT_STAGES, 'appointmentscheduled', 'Appointment Scheduled'],
    [HUBSPOT_DEFAULT_STAGES, 'DecisionMakerBoughtIn', 'Decision Maker Bought-In'],
    [HUBSPOT_DEFAULT_STAGES, 'decision maker bought in', 'Decision Maker Bought-In'],
    [HUBSPOT_DEFAULT_STAGES, 'ClosedWon', 'Closed Won'],
    [RENEWAL_STAGES, 'churned', 'Closed Lost'],
  ])('finds "%s" by name or alias, ignoring case and spaces', (stages, key, name) => {
    expect(findStageDefinition(stages, key)?.name).toBe(name);
  });

  it('returns undefined for an unknown stage', () => {
    expect(findStageDefinition(SALESFORCE_DEFAULT_STAGES, 'Closed Maybe')).toBeUndefined();
  });
});

describe('default processes', () => {
  it('start a workspace with the default new-business process and renewals', () => {
    expect(defaultSalesProcesses().map((p) => [p.name, p.kind, p.isDefault])).toEqual([
      ['New Business', 'new_business', true],
      ['Renewal', 'renewal', false],
    ]);
    expect(hubspotSalesProcess().stages).toBe(HUBSPOT_DEFAULT_STAGES);
  });
});
