import { describe, expect, it } from 'vitest';
import { censusRegionOf, statesOfCensusRegion, US_CENSUS_REGIONS } from './us-census-region.ts';

describe('censusRegionOf', () => {
  it('places a state by its postal code', () => {
    expect(censusRegionOf('TX')).toBe('South');
  });

  it('places a state by its full name in any case', () => {
    expect(censusRegionOf('new york')).toBe('Northeast');
  });

  it('gives null for a state it does not know', () => {
    expect(censusRegionOf('Ontario')).toBeNull();
  });

  it('places each of the 50 states and DC in exactly one region', () => {
    const codes = US_CENSUS_REGIONS.flatMap((r) => statesOfCensusRegion(r).filter((s) => /^[A-Z]{2}$/.test(s)));
    expect(codes).toHaveLength(51);
    expect(new Set(codes).size).toBe(51);
  });
});

describe('statesOfCensusRegion', () => {
  it('lists codes and names so a filter matches accounts written either way', () => {
    expect(statesOfCensusRegion('midwest')).toEqual(expect.arrayContaining(['OH', 'Ohio']));
  });

  it('gives nothing for an unknown region', () => {
    expect(statesOfCensusRegion('Atlantis')).toEqual([]);
  });
});
