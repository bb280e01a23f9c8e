/**
 * The parameters of the synthetic municipality: how often residents come with which question, what they
 * get, for how long, and at what volume. Calibrated so that a Hengelo-sized run (81,000 inhabitants)
 * matches the figures of the seed documents (DESIGN.md §5); test/generator-calibration.test.ts checks
 * every target. Change GENERATOR_VERSION whenever a change here changes the data a seed produces.
 */
export const GENERATOR_VERSION = 1;

/** Calibration targets from the seed documents, at Hengelo size (per 81,000 inhabitants). */
export const CALIBRATION = {
  inhabitants: 81_000,
  wmoUniqueClientsPerYear: { target: 6_626, tolerance: 0.1 },
  wmoMeldingenPerMonth: { min: 300, max: 400 },
  youthMeldingenPerMonth: { target: 100, tolerance: 0.25 },
  incomeMeldingenPerMonth: { target: 100, tolerance: 0.25 },
  zorgloketContactsPerMonth: { target: 1_100, tolerance: 0.15 },
  zorgloketPhoneShare: { target: 0.8, tolerance: 0.05 },
  zorgloketInformationShare: { min: 0.6, max: 0.75 },
  zorgloketWmoShare: { min: 0.8, max: 0.95 },
  youthReferrerShares: {
    huisarts: 0.43,
    gemeente: 0.33,
    jeugdarts: 0.07,
    'medisch-specialist': 0.07,
    'gecertificeerde-instelling': 0.1,
  },
  youthReferrerTolerancePoints: 0.05,
  youthCareShareOfUnder18: { target: 0.126, tolerance: 0.015 },
  householdsWithMoreThanOneService: { min: 0.4, max: 0.6 },
  providersContracted: { target: 300, tolerance: 0.1 },
  providersActive: { target: 50, tolerance: 0.2 },
} as const;

/** Years simulated before the requested period, so that long-running support is already there on day one. */
export const BURN_IN_YEARS = 8;

/** Mean years a household lives at an address before another household takes its place. */
export const MEAN_TENURE_YEARS = 11;

/** Annual probability of dying at a given age (a Gompertz curve close to Dutch life tables). */
export const mortality = (age: number): number =>
  age < 40 ? 0 : Math.min(0.5, Math.exp(-10.6 + 0.096 * age));

/** Seasonality of new questions by calendar month (1 = January): quieter in summer and December. */
export const SEASON = [0, 1.12, 1.05, 1.1, 1.0, 1.0, 0.95, 0.8, 0.76, 1.02, 1.08, 1.05, 0.86] as const;
export const SEASON_MAX = 1.12;

/** Per person-year hazard of a new Wmo question that leads to a melding, by age. */
export function wmoHazard(age: number): number {
  if (age < 18) return 0;
  if (age < 50) return 0.0122;
  if (age < 65) return 0.026;
  if (age < 75) return 0.082;
  if (age < 85) return 0.235;
  return 0.49;
}

/** Per child-year hazard of a youth-care question, by age. */
export function youthHazard(age: number): number {
  if (age < 4) return 0.015;
  if (age < 12) return 0.063;
  if (age < 18) return 0.086;
  return 0;
}

/** Per household-year hazards (the head of the household), scaled by vulnerability. */
export const INCOME_HAZARD = 0.03;
export const DEBT_HAZARD = 0.011;
export const SIGNAL_HAZARD = 0.035;

/** Information-and-advice contacts at the Zorgloket per household-year, by the oldest member's age. */
export function informationContactRate(oldestAge: number): number {
  if (oldestAge >= 75) return 0.7;
  if (oldestAge >= 65) return 0.41;
  return 0.116;
}

/** Which Wmo products a melding leads to, by age group: [service code, probability]. */
export const WMO_PRODUCTS_BY_AGE: Record<
  'adult' | 'senior' | 'elderly',
  readonly (readonly [string, number])[]
> = {
  adult: [
    ['WMO-BGI', 0.42],
    ['WMO-DB', 0.22],
    ['WMO-HO', 0.2],
    ['WMO-VV', 0.14],
    ['WMO-RS', 0.05],
    ['WMO-SC', 0.04],
    ['WMO-WV', 0.05],
    ['WMO-BW', 0.07],
    ['WMO-MO', 0.04],
    ['WMO-KV', 0.01],
  ],
  senior: [
    ['WMO-HO', 0.45],
    ['WMO-VV', 0.42],
    ['WMO-SC', 0.14],
    ['WMO-RS', 0.06],
    ['WMO-WV', 0.12],
    ['WMO-BGI', 0.12],
    ['WMO-DB', 0.1],
    ['WMO-KV', 0.02],
  ],
  elderly: [
    ['WMO-HO', 0.55],
    ['WMO-VV', 0.5],
    ['WMO-SC', 0.12],
    ['WMO-RS', 0.1],
    ['WMO-WV', 0.1],
    ['WMO-BGI', 0.08],
    ['WMO-DB', 0.12],
    ['WMO-KV', 0.04],
  ],
};

/** Median duration in months and spread (log-normal sigma) of support per service. */
export const DURATION: Record<string, { medianMonths: number; sigma: number }> = {
  'WMO-HO': { medianMonths: 23, sigma: 0.8 },
  'WMO-BGI': { medianMonths: 10, sigma: 0.8 },
  'WMO-DB': { medianMonths: 15, sigma: 0.8 },
  'WMO-KV': { medianMonths: 2, sigma: 0.6 },
  'WMO-VV': { medianMonths: 27, sigma: 0.7 },
  'WMO-RS': { medianMonths: 25, sigma: 0.7 },
  'WMO-SC': { medianMonths: 27, sigma: 0.7 },
  'WMO-WV': { medianMonths: 0.5, sigma: 0.2 },
  'WMO-BW': { medianMonths: 24, sigma: 0.8 },
  'WMO-MO': { medianMonths: 3, sigma: 0.7 },
  'JW-AMB': { medianMonths: 6.3, sigma: 0.7 },
  'JW-GGZ': { medianMonths: 7.7, sigma: 0.6 },
  'JW-DBH': { medianMonths: 7.2, sigma: 0.6 },
  'JW-PZ': { medianMonths: 27, sigma: 0.8 },
  'JW-RES': { medianMonths: 11, sigma: 0.7 },
  'JW-CR': { medianMonths: 1, sigma: 0.5 },
  'JW-JB': { medianMonths: 12.5, sigma: 0.6 },
  'JW-JR': { medianMonths: 8, sigma: 0.5 },
  'PW-LO': { medianMonths: 30, sigma: 1.0 },
  'PW-RE': { medianMonths: 9, sigma: 0.4 },
  'PW-JC': { medianMonths: 8, sigma: 0.5 },
  'SH-MSV': { medianMonths: 36, sigma: 0.25 },
  'SH-BB': { medianMonths: 22, sigma: 0.7 },
};

/** Weekly or monthly volume per service: [min, max] in the service's unit per its frequency. */
export const VOLUME: Record<string, readonly [number, number]> = {
  'WMO-HO': [2, 4],
  'WMO-BGI': [2, 6],
  'WMO-DB': [2, 6],
  'WMO-KV': [4, 12],
  'WMO-VV': [1, 1],
  'WMO-RS': [1, 1],
  'WMO-SC': [1, 1],
  'WMO-WV': [1, 1],
  'WMO-BW': [30, 31],
  'WMO-MO': [30, 31],
  'JW-AMB': [6, 16],
  'JW-GGZ': [1, 1],
  'JW-DBH': [2, 6],
  'JW-PZ': [30, 31],
  'JW-RES': [30, 31],
  'JW-CR': [14, 30],
  'JW-JB': [1, 1],
  'JW-JR': [1, 1],
  'PW-RE': [1, 1],
  'PW-JC': [4, 10],
  'SH-MSV': [1, 1],
  'SH-BB': [1, 1],
};

/** Youth referrers (help_question.referrer_kind) with their share and the JW301 verwijzer type. */
export const YOUTH_REFERRERS = [
  { kind: 'huisarts', share: 0.43, typeCode: '02' },
  { kind: 'gemeente', share: 0.33, typeCode: '01' },
  { kind: 'jeugdarts', share: 0.07, typeCode: '03' },
  { kind: 'medisch-specialist', share: 0.07, typeCode: '05' },
  { kind: 'gecertificeerde-instelling', share: 0.1, typeCode: '04' },
] as const;
export type YouthReferrer = (typeof YOUTH_REFERRERS)[number];

/** Youth-care products by referrer. */
export const YOUTH_PRODUCTS: Record<YouthReferrer['kind'], readonly (readonly [string, number])[]> = {
  huisarts: [
    ['JW-AMB', 0.5],
    ['JW-GGZ', 0.45],
    ['JW-DBH', 0.05],
  ],
  gemeente: [
    ['JW-AMB', 0.58],
    ['JW-GGZ', 0.12],
    ['JW-DBH', 0.1],
    ['JW-PZ', 0.08],
    ['JW-RES', 0.07],
    ['JW-CR', 0.05],
  ],
  jeugdarts: [
    ['JW-AMB', 0.6],
    ['JW-GGZ', 0.4],
  ],
  'medisch-specialist': [
    ['JW-GGZ', 0.7],
    ['JW-DBH', 0.3],
  ],
  'gecertificeerde-instelling': [
    ['JW-JB', 0.6],
    ['JW-JR', 0.2],
    ['JW-PZ', 0.12],
    ['JW-RES', 0.08],
  ],
};

/** How many contracted providers deliver most of each service (the rest are a regional long tail). */
export const CORE_PROVIDERS_PER_LOT: Record<string, number> = {
  'Huishoudelijke ondersteuning': 6,
  'Begeleiding en dagbesteding': 9,
  'Kortdurend verblijf': 2,
  Hulpmiddelen: 2,
  Vervoer: 1,
  'Beschermd wonen en opvang': 3,
  'Jeugdhulp ambulant': 8,
  'Jeugd-ggz': 5,
  'Jeugdhulp met verblijf': 4,
  'Jeugdbescherming en jeugdreclassering': 2,
  'Re-integratie': 3,
  Schuldhulpverlening: 2,
  'Welzijn en algemene voorzieningen': 5,
};
export const CONTRACTED_PROVIDERS = 300;
/** Share of new allocations that go to a long-tail provider rather than a core one. */
export const LONG_TAIL_SHARE = 0.0004;

/** Which lot each service is bought under. */
export const LOT_OF_SERVICE: Record<string, string> = {
  'WMO-HO': 'Huishoudelijke ondersteuning',
  'WMO-BGI': 'Begeleiding en dagbesteding',
  'WMO-DB': 'Begeleiding en dagbesteding',
  'WMO-KV': 'Kortdurend verblijf',
  'WMO-VV': 'Vervoer',
  'WMO-RS': 'Hulpmiddelen',
  'WMO-SC': 'Hulpmiddelen',
  'WMO-WV': 'Hulpmiddelen',
  'WMO-BW': 'Beschermd wonen en opvang',
  'WMO-MO': 'Beschermd wonen en opvang',
  'JW-AMB': 'Jeugdhulp ambulant',
  'JW-DBH': 'Jeugdhulp ambulant',
  'JW-GGZ': 'Jeugd-ggz',
  'JW-PZ': 'Jeugdhulp met verblijf',
  'JW-RES': 'Jeugdhulp met verblijf',
  'JW-CR': 'Jeugdhulp met verblijf',
  'JW-JB': 'Jeugdbescherming en jeugdreclassering',
  'JW-JR': 'Jeugdbescherming en jeugdreclassering',
  'PW-RE': 'Re-integratie',
  'PW-JC': 'Re-integratie',
  'SH-MSV': 'Schuldhulpverlening',
  'SH-BB': 'Schuldhulpverlening',
};

/** Lump sums (eurocent per month per 1,000 inhabitants) of taakgericht contracts. */
export const LUMP_SUM_PER_1000_INHABITANTS: Record<string, number> = {
  Vervoer: 210_000,
  'Welzijn en algemene voorzieningen': 520_000,
};

/** Average monthly bijstand benefit (eurocent, 2026) for the budget figures; it is paid by the municipality. */
export const BIJSTAND_MONTHLY_CENTS_2026 = 135_000;
/** Wmo abonnementstarief per client per month (eurocent), collected by the CAK: the baten of the Wmo. */
export const WMO_CONTRIBUTION_MONTHLY_CENTS = 2_100;
