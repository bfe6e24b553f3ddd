import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small Salesforce Data Loader export in the columns the preset reads (see
 * src/import/presets/salesforce-data-loader.ts): two users, two accounts, three opportunities and
 * the stage history of one of them. Ids are 18-character Salesforce ids, dates ISO, amounts
 * plain decimals, as Data Loader writes them.
 */
export interface SalesforceExport {
  /** The files in the order a user would pick them; the import orders them by dependency itself. */
  readonly files: readonly string[];
  /** Data rows per file name, which the import reports as inserted. */
  readonly rowsByFile: Readonly<Record<string, number>>;
  /** Every opportunity's name. */
  readonly opportunityNames: readonly string[];
  /** The opportunity whose stage history the export carries. */
  readonly tracked: { readonly name: string; readonly stages: readonly string[] };
  /** A word that only the export's opportunities have in their names. */
  readonly searchWord: string;
}

const csv = (rows: readonly (readonly string[])[]): string => rows.map((cells) => cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n') + '\r\n';

const USERS = [
  ['Id', 'Name', 'Email', 'IsActive', 'Title'],
  ['0055g00000E2Ea1AAB', 'Imogen Quill', 'imogen.quill@example.com', 'true', 'Account Executive'],
  ['0055g00000E2Ea2AAB', 'Tobias Wren', 'tobias.wren@example.com', 'true', 'Account Executive'],
];

const ACCOUNTS = [
  ['Id', 'Name', 'Industry', 'NumberOfEmployees', 'BillingState', 'OwnerId'],
  ['0015g00000E2Eb1AAB', 'Quillfeather Freight', 'Transportation', '420', 'OR', '0055g00000E2Ea1AAB'],
  ['0015g00000E2Eb2AAB', 'Wrenfield Clinics', 'Healthcare', '1300', 'WA', '0055g00000E2Ea2AAB'],
];

const TRACKED_NAME = 'Quillfeather Freight - Fleet Telematics';

const OPPORTUNITIES = [
  ['Id', 'Name', 'AccountId', 'OwnerId', 'StageName', 'Amount', 'CurrencyIsoCode', 'CloseDate', 'CreatedDate', 'Type', 'LeadSource', 'NextStep'],
  ['0065g00000E2Ec1AAB', TRACKED_NAME, '0015g00000E2Eb1AAB', '0055g00000E2Ea1AAB', 'Negotiation/Review', '84500.00', 'USD', '2027-02-26', '2026-06-02T09:30:00.000+0000', 'New Business', 'Web', 'Security review'],
  ['0065g00000E2Ec2AAB', 'Quillfeather Freight - Driver Safety Add-on', '0015g00000E2Eb1AAB', '0055g00000E2Ea1AAB', 'Qualification', '12000.00', 'USD', '2027-03-31', '2026-09-14T14:00:00.000+0000', 'Existing Customer - Upgrade', 'Partner Referral', ''],
  ['0065g00000E2Ec3AAB', 'Wrenfield Clinics - Scheduling Suite', '0015g00000E2Eb2AAB', '0055g00000E2Ea2AAB', 'Closed Won', '56250.00', 'USD', '2026-10-30', '2026-04-20T11:15:00.000+0000', 'New Business', 'Phone Inquiry', ''],
];

/** The tracked opportunity's stages, oldest first: the one it was created in, then two moves; the last is its current stage. */
const TRACKED_STAGES = ['Prospecting', 'Qualification', 'Negotiation/Review'];

const HISTORY = [
  ['Id', 'OpportunityId', 'CreatedDate', 'StageName', 'Amount', 'CurrencyIsoCode', 'CloseDate'],
  ['0085g00000E2Ed1AAB', '0065g00000E2Ec1AAB', '2026-06-02T09:30:00.000+0000', 'Prospecting', '60000.00', 'USD', '2027-01-29'],
  ['0085g00000E2Ed2AAB', '0065g00000E2Ec1AAB', '2026-07-21T16:05:00.000+0000', 'Qualification', '70000.00', 'USD', '2027-01-29'],
  ['0085g00000E2Ed3AAB', '0065g00000E2Ec1AAB', '2026-10-08T10:40:00.000+0000', 'Negotiation/Review', '84500.00', 'USD', '2027-02-26'],
];

/** Writes the export into `folder` as User.csv, Account.csv, Opportunity.csv and OpportunityHistory.csv. */
export function writeSalesforceExport(folder: string): SalesforceExport {
  const tables = { 'User.csv': USERS, 'Account.csv': ACCOUNTS, 'Opportunity.csv': OPPORTUNITIES, 'OpportunityHistory.csv': HISTORY };
  const files: string[] = [];
  const rowsByFile: Record<string, number> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const path = join(folder, name);
    writeFileSync(path, csv(rows));
    files.push(path);
    rowsByFile[name] = rows.length - 1;
  }
  const opportunityNames = OPPORTUNITIES.slice(1).map((row) => row[1] ?? '');
  return { files, rowsByFile, opportunityNames, tracked: { name: TRACKED_NAME, stages: TRACKED_STAGES }, searchWord: 'Quillfeather' };
}
