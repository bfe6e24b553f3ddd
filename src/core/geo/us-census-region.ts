/**
 * The four US Census Bureau regions, by state postal code (50 states and DC). Accounts carry a
 * state, not a region, so reports cut "by region" through this table: it is public, stable and the
 * same for every workspace. A workspace whose own sales regions differ cuts by state or by team.
 */
export const US_CENSUS_REGIONS = ['Northeast', 'Midwest', 'South', 'West'] as const;
export type UsCensusRegion = (typeof US_CENSUS_REGIONS)[number];

const STATES_BY_REGION: Readonly<Record<UsCensusRegion, readonly string[]>> = {
  Northeast: ['CT', 'ME', 'MA', 'NH', 'RI', 'VT', 'NJ', 'NY', 'PA'],
  Midwest: ['IL', 'IN', 'MI', 'OH', 'WI', 'IA', 'KS', 'MN', 'MO', 'NE', 'ND', 'SD'],
  South: ['DE', 'DC', 'FL', 'GA', 'MD', 'NC', 'SC', 'VA', 'WV', 'AL', 'KY', 'MS', 'TN', 'AR', 'LA', 'OK', 'TX'],
  West: ['AZ', 'CO', 'ID', 'MT', 'NV', 'NM', 'UT', 'WY', 'AK', 'CA', 'HI', 'OR', 'WA'],
};

/** Full state names as some exports write them (Superstore, HubSpot), by postal code. */
const STATE_NAMES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};

const REGION_OF = new Map<string, UsCensusRegion>();
for (const region of US_CENSUS_REGIONS) {
  for (const code of STATES_BY_REGION[region]) {
    REGION_OF.set(code, region);
    const name = STATE_NAMES[code];
    if (name !== undefined) REGION_OF.set(name.toUpperCase(), region);
  }
}

/** The census region of a state given by postal code or full name (any case); null when unknown. */
export function censusRegionOf(state: string | null): UsCensusRegion | null {
  if (state === null) return null;
  return REGION_OF.get(state.trim().toUpperCase()) ?? null;
}

/** Every spelling of the region's states this module recognises (codes and names): for SQL filters. */
export function statesOfCensusRegion(region: string): string[] {
  const known = US_CENSUS_REGIONS.find((r) => r.toLowerCase() === region.trim().toLowerCase());
  if (known === undefined) return [];
  return STATES_BY_REGION[known].flatMap((code) => {
    const name = STATE_NAMES[code];
    return name === undefined ? [code] : [code, name, code.toLowerCase(), name.toUpperCase(), name.toLowerCase()];
  });
}
