/** The four sales regions of the demo company, each run by two managers. */
export const DEMO_REGIONS = ['West', 'Central', 'East', 'South'] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

export interface UsState {
  readonly code: string;
  /** Residents in thousands (2020 census, rounded): accounts are drawn in proportion to it. */
  readonly populationThousands: number;
  /** Three-digit ZIP prefixes the state's postal codes start with (inclusive ranges). */
  readonly zipPrefixes: readonly (readonly [number, number])[];
  readonly region: DemoRegion;
}

const state = (
  code: string,
  populationThousands: number,
  region: DemoRegion,
  ...zipPrefixes: (readonly [number, number])[]
): UsState => ({ code, populationThousands, region, zipPrefixes });

/**
 * The 50 states and DC. Regions are drawn so that each holds a similar population (75-92 million),
 * which keeps the territories of the demo's eight managers roughly balanced.
 */
export const US_STATES: readonly UsState[] = [
  state('AK', 733, 'West', [995, 999]),
  state('AL', 5024, 'South', [350, 369]),
  state('AR', 3012, 'Central', [716, 729]),
  state('AZ', 7152, 'West', [850, 865]),
  state('CA', 39538, 'West', [900, 961]),
  state('CO', 5774, 'West', [800, 816]),
  state('CT', 3606, 'East', [60, 69]),
  state('DC', 690, 'East', [200, 205]),
  state('DE', 990, 'East', [197, 199]),
  state('FL', 21538, 'South', [320, 349]),
  state('GA', 10712, 'South', [300, 319]),
  state('HI', 1455, 'West', [967, 968]),
  state('IA', 3190, 'Central', [500, 528]),
  state('ID', 1839, 'West', [832, 838]),
  state('IL', 12812, 'Central', [600, 629]),
  state('IN', 6786, 'Central', [460, 479]),
  state('KS', 2938, 'Central', [660, 679]),
  state('KY', 4506, 'Central', [400, 427]),
  state('LA', 4658, 'Central', [700, 714]),
  state('MA', 7030, 'East', [10, 27]),
  state('MD', 6177, 'East', [206, 219]),
  state('ME', 1362, 'East', [39, 49]),
  state('MI', 10077, 'Central', [480, 499]),
  state('MN', 5706, 'Central', [550, 567]),
  state('MO', 6155, 'Central', [630, 658]),
  state('MS', 2961, 'South', [386, 397]),
  state('MT', 1084, 'West', [590, 599]),
  state('NC', 10439, 'South', [270, 289]),
  state('ND', 779, 'Central', [580, 588]),
  state('NE', 1962, 'Central', [680, 693]),
  state('NH', 1378, 'East', [30, 38]),
  state('NJ', 9289, 'East', [70, 89]),
  state('NM', 2118, 'West', [870, 884]),
  state('NV', 3105, 'West', [889, 898]),
  state('NY', 20201, 'East', [100, 149]),
  state('OH', 11799, 'Central', [430, 459]),
  state('OK', 3959, 'Central', [730, 749]),
  state('OR', 4237, 'West', [970, 979]),
  state('PA', 13003, 'East', [150, 196]),
  state('RI', 1097, 'East', [28, 29]),
  state('SC', 5118, 'South', [290, 299]),
  state('SD', 887, 'Central', [570, 577]),
  state('TN', 6911, 'South', [370, 385]),
  state('TX', 29146, 'South', [750, 799], [885, 885]),
  state('UT', 3272, 'West', [840, 847]),
  state('VA', 8631, 'East', [220, 246]),
  state('VT', 643, 'East', [50, 59]),
  state('WA', 7705, 'West', [980, 994]),
  state('WI', 5894, 'Central', [530, 549]),
  state('WV', 1794, 'East', [247, 268]),
  state('WY', 577, 'West', [820, 831]),
];
