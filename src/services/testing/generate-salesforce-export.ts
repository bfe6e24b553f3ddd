/**
 * Writes a synthetic Salesforce Data Loader export (User, Account, Opportunity) for the import
 * benchmark: deterministic, streamed to disk so a million rows never sit in memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

const STAGES = [
  'Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers',
  'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost',
];
const TYPES = ['New Business', 'Existing Customer - Upgrade', 'Existing Customer - Replacement'];
const SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'GBP'];

/** An 18-character Salesforce-style id: key prefix + zero-padded number. */
function sfId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(15, '0')}`;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  out.write(`${header}\n`);
  let buffer = '';
  for (let i = 1; i <= count; i += 1) {
    buffer += `${line(i)}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

function isoDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

export interface GeneratedExport {
  readonly users: string;
  readonly accounts: string;
  readonly opportunities: string;
  readonly opportunityColumns: readonly string[];
}

/**
 * `opportunities` rows with ids 1..N; another `seed` gives the same ids with other stages, amounts
 * and dates (an update of the same records). `accountCount` defaults to one account per 20 deals.
 */
export async function generateSalesforceExport(
  folder: string,
  opportunities: number,
  options: { seed?: number; accountCount?: number; fileName?: string } = {},
): Promise<GeneratedExport> {
  const rnd = random(options.seed ?? 7);
  const userCount = 200;
  const accountCount = options.accountCount ?? Math.max(100, Math.floor(opportunities / 20));
  const users = join(folder, 'User.csv');
  const accounts = join(folder, 'Account.csv');
  const opps = join(folder, options.fileName ?? 'Opportunity.csv');
  await writeLines(users, 'Id,Name,Email,IsActive,Title', userCount, (i) => `${sfId('005', i)},Rep ${i},rep${i}@example.com,true,Account Executive`);
  await writeLines(accounts, 'Id,Name,Industry,NumberOfEmployees,BillingState,OwnerId', accountCount, (i) =>
    `${sfId('001', i)},"Account ${i}, Inc.",Technology,${10 + (i % 5000)},CA,${sfId('005', 1 + (i % userCount))}`);
  const columns = ['Id', 'Name', 'AccountId', 'OwnerId', 'StageName', 'Amount', 'CurrencyIsoCode', 'CloseDate', 'CreatedDate', 'Type', 'LeadSource', 'NextStep'];
  const base = 19_000; // 2022-01-08
  await writeLines(opps, columns.join(','), opportunities, (i) => {
    const created = base + Math.floor(rnd() * 1000);
    const close = created + 10 + Math.floor(rnd() * 200);
    const amount = (1000 + Math.floor(rnd() * 20_000_000) / 100).toFixed(2);
    const stage = STAGES[Math.floor(rnd() * STAGES.length)] ?? 'Prospecting';
    return [
      sfId('006', i),
      `"Deal ${i} - ${i % 7 === 0 ? 'Expansion, phase 2' : 'New'}"`,
      sfId('001', 1 + (i % accountCount)),
      sfId('005', 1 + (i % userCount)),
      stage,
      amount,
      CURRENCIES[i % CURRENCIES.length],
      isoDate(close),
      `${isoDate(created)}T10:15:00.000+0000`,
      TYPES[i % TYPES.length],
      SOURCES[i % SOURCES.length],
      i % 3 === 0 ? 'Send proposal' : '',
    ].join(',');
  });
  return { users, accounts, opportunities: opps, opportunityColumns: columns };
}
