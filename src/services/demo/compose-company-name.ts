import type { SeededRandom } from './seeded-random.ts';

export interface DemoIndustry {
  readonly name: string;
  /** Share of accounts in the industry (relative weight). */
  readonly weight: number;
  /** Words a company in the industry ends its name with ("Cedarline Logistics"). */
  readonly nouns: readonly string[];
  /** Median annual revenue per employee in US dollars: annual revenue follows headcount. */
  readonly revenuePerEmployeeUsd: number;
}

export const DEMO_INDUSTRIES: readonly DemoIndustry[] = [
  { name: 'Technology', weight: 18, nouns: ['Software', 'Systems', 'Labs', 'Digital', 'Networks', 'Cloud', 'Data'], revenuePerEmployeeUsd: 260_000 },
  { name: 'Manufacturing', weight: 14, nouns: ['Manufacturing', 'Industries', 'Fabrication', 'Components', 'Works'], revenuePerEmployeeUsd: 310_000 },
  { name: 'Healthcare', weight: 11, nouns: ['Health', 'Medical', 'Care', 'Clinics', 'Therapeutics'], revenuePerEmployeeUsd: 170_000 },
  { name: 'Financial Services', weight: 10, nouns: ['Capital', 'Financial', 'Lending', 'Advisors', 'Trust'], revenuePerEmployeeUsd: 420_000 },
  { name: 'Professional Services', weight: 10, nouns: ['Consulting', 'Associates', 'Advisory', 'Group', 'Partners'], revenuePerEmployeeUsd: 190_000 },
  { name: 'Retail', weight: 9, nouns: ['Outfitters', 'Market', 'Goods', 'Supply', 'Trading'], revenuePerEmployeeUsd: 210_000 },
  { name: 'Logistics', weight: 6, nouns: ['Logistics', 'Freight', 'Transport', 'Shipping'], revenuePerEmployeeUsd: 240_000 },
  { name: 'Construction', weight: 6, nouns: ['Builders', 'Construction', 'Contracting', 'Engineering'], revenuePerEmployeeUsd: 280_000 },
  { name: 'Education', weight: 4, nouns: ['Learning', 'Academy', 'Education'], revenuePerEmployeeUsd: 110_000 },
  { name: 'Hospitality', weight: 4, nouns: ['Hospitality', 'Hotels', 'Kitchens'], revenuePerEmployeeUsd: 90_000 },
  { name: 'Energy', weight: 4, nouns: ['Energy', 'Power', 'Solar', 'Utilities'], revenuePerEmployeeUsd: 520_000 },
  { name: 'Media', weight: 4, nouns: ['Media', 'Studios', 'Publishing'], revenuePerEmployeeUsd: 230_000 },
];

// Names are composed from plain English words and invented stems. The lists avoid the well-known
// sample names (Acme, Contoso, Northwind, Initech) and the names of famous companies, so that a demo
// account never reads as a claim about a real business.
const PLAIN_ROOTS = [
  'Alderbrook', 'Amberfield', 'Ashgrove', 'Basalt', 'Birchwood', 'Bluewater', 'Briarstone', 'Cedarline',
  'Clearbrook', 'Coppervale', 'Crestmoor', 'Driftwood', 'Eastgate', 'Elmhurst', 'Emberly', 'Fairhaven',
  'Fernbank', 'Flintridge', 'Foxglove', 'Glenrock', 'Goldcrest', 'Granite Peak', 'Greyholt', 'Harborline',
  'Hazelnut', 'Heronmere', 'Hollowbrook', 'Junefield', 'Kestrel', 'Lakemont', 'Larkspur', 'Lindenhall',
  'Maplecrest', 'Marrowdale', 'Millbrook', 'Moonstone', 'Northwick Bay', 'Oakhaven', 'Old Mill', 'Pinecrest',
  'Prairie Sky', 'Quarry Hill', 'Quillfield', 'Ravenwood', 'Redfern', 'Ridgeway', 'Riverbend', 'Rosewater',
  'Saltmarsh', 'Sandpiper', 'Silverholt', 'Slatehouse', 'Stonewick', 'Sundial', 'Tansyridge', 'Thistlemoor',
  'Thornfield', 'Timberline', 'Twin Lakes', 'Whitlow Bay', 'Willowmere', 'Windmill', 'Wrenfield', 'Yellowpine',
];

const STEM_STARTS = ['Bel', 'Cal', 'Dar', 'Elv', 'Fen', 'Gal', 'Hal', 'Ilv', 'Jor', 'Kel', 'Lor', 'Mar', 'Nov', 'Orv', 'Pal', 'Quor', 'Rav', 'Sel', 'Tam', 'Ulm', 'Vel', 'Wes', 'Yar', 'Zel'];
const STEM_ENDS = ['adyn', 'amor', 'aven', 'eris', 'ethra', 'ivant', 'ombe', 'ovane', 'orant', 'ovia', 'undra', 'yssa'];

const SURNAMES = [
  'Abernathy', 'Ashby', 'Beckett', 'Calloway', 'Dalton', 'Ellery', 'Fairbanks', 'Garrity', 'Hadley', 'Iverson',
  'Jessup', 'Kingsley', 'Lachlan', 'Merritt', 'Northam', 'Ogden', 'Prescott', 'Quimby', 'Radcliffe', 'Sutter',
  'Thackeray', 'Underhill', 'Vance', 'Whitlock', 'Yardley', 'Zimmer',
];

const CORPORATE_FORMS: readonly (readonly [string, number])[] = [
  ['', 5],
  [' Inc.', 3],
  [' LLC', 3],
  [' Corp.', 1],
  [' Co.', 1],
];

/** One candidate name for a company in the industry; the caller keeps names unique. */
export function composeCompanyName(random: SeededRandom, industry: DemoIndustry): string {
  const noun = random.pick(industry.nouns);
  const form = random.weighted(CORPORATE_FORMS);
  const style = random.weighted([
    ['plain', 5],
    ['stem', 3],
    ['surnames', industry.name === 'Professional Services' || industry.name === 'Financial Services' ? 3 : 1],
  ] as const);
  switch (style) {
    case 'plain':
      return `${random.pick(PLAIN_ROOTS)} ${noun}${form}`;
    case 'stem':
      return `${random.pick(STEM_STARTS)}${random.pick(STEM_ENDS)} ${noun}${form}`;
    case 'surnames': {
      const first = random.pick(SURNAMES);
      let second = random.pick(SURNAMES);
      if (second === first) second = random.pick(SURNAMES.filter((s) => s !== first));
      return `${first} & ${second} ${noun}`;
    }
  }
}

/**
 * Draws a name no earlier account has. After a few collisions the account's state is added
 * ("Cedarline Logistics (OH)"), then a branch number, so the loop always ends.
 */
export function composeUniqueCompanyName(
  random: SeededRandom,
  industry: DemoIndustry,
  stateCode: string,
  taken: Set<string>,
): string {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const name = composeCompanyName(random, industry);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const base = `${composeCompanyName(random, industry)} (${stateCode})`;
  let name = base;
  for (let branch = 2; taken.has(name); branch += 1) name = `${base} ${branch}`;
  taken.add(name);
  return name;
}
