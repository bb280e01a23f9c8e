import type { Bilingual } from '../../platform/http/problem.ts';
import type { DashboardFilters, Measure } from '../view-model.ts';

/** Measures, notes and filter rules shared by the tables of the money view. */

export const CLIENTS: Measure = {
  code: 'clients',
  label: { nl: 'Cliënten', en: 'Clients' },
  kind: 'persons',
  definition: 'money-clients',
};
export const REALISATION: Measure = {
  code: 'realisationCents',
  label: { nl: 'Realisatie declaraties', en: 'Realisation from declarations' },
  kind: 'money',
  definition: 'money-realisation',
  basisMeasure: 'clients',
};
export const LUMP_SUMS: Measure = {
  code: 'lumpSumCents',
  label: { nl: 'Lumpsum (taakgericht)', en: 'Lump sums (taakgericht)' },
  kind: 'money',
  definition: 'money-lump-sum',
};
export const BUDGET: Measure = {
  code: 'budgetCents',
  label: { nl: 'Begroting (jaar)', en: 'Budget (year)' },
  kind: 'money',
  definition: 'money-budget',
};
export const PRO_RATA: Measure = {
  code: 'proRataBudgetCents',
  label: { nl: 'Begroting naar rato', en: 'Pro-rata budget' },
  kind: 'money',
  definition: 'money-pro-rata-budget',
};
export const FORECAST: Measure = {
  code: 'forecastCents',
  label: { nl: 'Prognose einde jaar', en: 'Year-end forecast' },
  kind: 'money',
  definition: 'money-forecast',
  basisMeasure: 'clients',
};

export const NOTE_FORECAST: Bilingual = {
  nl: 'Prognose: de uitgaven tot en met de laatste maand met gegevens, plus het gemiddelde van de laatste drie maanden voor elke resterende maand.',
  en: 'Forecast: spending up to the last month with data, plus the average of the last three months for every remaining month.',
};
export const NOTE_LUMP_NOT_ATTRIBUTABLE: Bilingual = {
  nl: 'Lumpsums zijn niet toe te rekenen aan wijk, buurt, dienst of leeftijdsgroep; met zo’n filter blijven ze leeg.',
  en: 'Lump sums cannot be attributed to a wijk, buurt, service or age group; with such a filter they stay empty.',
};
export const NOTE_BUDGET_FILTERS: Bilingual = {
  nl: 'De begroting is er per taakveld en jaar; alleen het filter wet wordt gevolgd (de taakvelden van die wet). Filters op wijk, buurt, dienst, aanbieder en leeftijdsgroep gelden hier niet.',
  en: 'The budget exists per taakveld and year; only the law filter is followed (that law’s taakvelden). Filters on wijk, buurt, service, provider and age group do not apply here.',
};
export const NOTE_BUDGET_EMPTY: Bilingual = {
  nl: 'Met een filter op wijk, buurt, dienst, aanbieder of leeftijdsgroep is er geen begroting om mee te vergelijken.',
  en: 'With a filter on wijk, buurt, service, provider or age group there is no budget to compare with.',
};

export const lumpHonoured = (f: DashboardFilters) => !f.wijk && !f.buurt && !f.service && !f.ageGroup;
export const budgetHonoured = (f: DashboardFilters) => lumpHonoured(f) && !f.provider;

export const monthKeys = (from: string, to: string): string[] => {
  const keys: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to) break;
    keys.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return keys;
};
