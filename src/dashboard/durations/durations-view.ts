import type { Tx } from '../../platform/db/database.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import type {
  DashboardView,
  FigureRow,
  FigureTable,
  Measure,
  SummaryMaintainer,
  ViewContext,
  ViewData,
} from '../view-model.ts';
import { lawLabel, lawsInScope, serviceLabels } from '../volumes/labels.ts';
import { ignoredFilterNotes, periodSelection } from '../volumes/view-filters.ts';
import { DURATIONS_DEFINITIONS } from './durations-definitions.ts';
import { durationFigures, horizonDays, OPEN_AFTER_MONTHS, type DurationRow } from './durations-queries.ts';
import { durationMaintainer } from './duration-maintainer.ts';

export { DURATIONS_DEFINITIONS };

export const durationsMaintainers: SummaryMaintainer[] = [durationMaintainer];

const round1 = (n: number) => Math.round(n * 10) / 10;

const LENGTH_MEASURES: Measure[] = [
  {
    code: 'started',
    label: { nl: 'Gestart', en: 'Started' },
    kind: 'persons',
    definition: 'durations.trajecten-gestart',
  },
  {
    code: 'ended',
    label: { nl: 'Beëindigd', en: 'Ended' },
    kind: 'persons',
    definition: 'durations.trajecten-beeindigd',
  },
  ...(
    [
      ['p25Days', '25e percentiel (dagen)', '25th percentile (days)'],
      ['medianDays', 'Mediaan (dagen)', 'Median (days)'],
      ['p75Days', '75e percentiel (dagen)', '75th percentile (days)'],
    ] as const
  ).map(([code, nl, en]): Measure => ({
    code,
    label: { nl, en },
    kind: 'days',
    definition: 'durations.trajectduur',
    basisMeasure: 'ended',
  })),
];

const OPEN_MEASURES: Measure[] = OPEN_AFTER_MONTHS.flatMap((m): Measure[] => [
  {
    code: `cohort${m}`,
    label: { nl: `Gestart ≥ ${m} maanden geleden`, en: `Started ≥ ${m} months ago` },
    kind: 'persons',
    definition: 'durations.open-na',
  },
  {
    code: `open${m}`,
    label: { nl: `Open na ${m} maanden`, en: `Open after ${m} months` },
    kind: 'persons',
    definition: 'durations.open-na',
  },
  {
    code: `openAfter${m}`,
    label: { nl: `% open na ${m} maanden`, en: `% open after ${m} months` },
    kind: 'percentage',
    definition: 'durations.open-na',
    numeratorMeasure: `open${m}`,
    denominatorMeasure: `cohort${m}`,
  },
]);

function lengthValues(r: DurationRow | undefined): Record<string, number | null> {
  return {
    started: r?.started ?? 0,
    ended: r?.ended ?? 0,
    p25Days: r?.p25Days ?? null,
    medianDays: r?.medianDays ?? null,
    p75Days: r?.p75Days ?? null,
  };
}

function openValues(r: DurationRow | undefined): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const m of OPEN_AFTER_MONTHS) {
    const cohort = r?.cohort[m] ?? 0;
    const open = r?.open[m] ?? 0;
    values[`cohort${m}`] = cohort;
    values[`open${m}`] = open;
    values[`openAfter${m}`] = cohort > 0 ? round1((100 * open) / cohort) : null;
  }
  return values;
}

async function load(tx: Tx, context: ViewContext): Promise<ViewData> {
  const { municipalityCode: mc, filters } = context;
  const period = periodSelection(filters);
  const figures = await durationFigures(tx, mc, filters, period);
  const services = await serviceLabels(tx, mc);
  const notes = ignoredFilterNotes(filters, {
    law: true,
    service: true,
    provider: true,
    area: true,
    ageGroup: true,
  });
  const horizonNote: Bilingual = {
    nl: `Alleen trajecten die in de periode begonnen. "Open na" telt trajecten die minstens ${OPEN_AFTER_MONTHS.map(horizonDays).join(', ')} dagen vóór het einde van de periode begonnen: kies een periode van meer jaren om 12 en 24 maanden te zien.`,
    en: `Only trajectories that started in the period. "Open after" counts trajectories started at least ${OPEN_AFTER_MONTHS.map(horizonDays).join(', ')} days before the end of the period: choose a period of several years to see 12 and 24 months.`,
  };
  const total = figures.find((r) => r.level === 'total');
  const laws = lawsInScope(filters.law);
  const lawRow = (law: string) => figures.find((r) => r.level === 'law' && r.law === law);
  const serviceRows = figures
    .filter((r) => r.level === 'service' && r.service !== null)
    .map((r) => ({ r, s: services.get(r.service!) }))
    .sort((a, b) => a.r.law!.localeCompare(b.r.law!) || (a.s?.code ?? '').localeCompare(b.s?.code ?? ''));
  const byService = (values: (r: DurationRow) => Record<string, number | null>): FigureRow[] =>
    serviceRows.map(({ r, s }) => ({
      key: r.service!,
      label: { nl: s?.name ?? r.service!, en: s?.name ?? r.service! },
      group: r.law!,
      values: values(r),
    }));
  const groups = (values: (r: DurationRow | undefined) => Record<string, number | null>) =>
    laws
      .filter((law) => lawRow(law))
      .map((law) => ({ key: law, label: lawLabel(law), values: values(lawRow(law)) }));
  const lawRows = (values: (r: DurationRow | undefined) => Record<string, number | null>): FigureRow[] =>
    laws.map((law) => ({ key: law, label: lawLabel(law), values: values(lawRow(law)) }));

  const tables: FigureTable[] = [
    {
      code: 'durations-by-law',
      title: { nl: 'Duur van trajecten per wet', en: 'Duration of trajectories by law' },
      description: {
        nl: 'Trajecten die in de periode begonnen: hoeveel er eindigden en hoe lang die duurden.',
        en: 'Trajectories started in the period: how many ended and how long those lasted.',
      },
      dimension: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
      measures: LENGTH_MEASURES,
      rows: lawRows(lengthValues),
      total: lengthValues(total),
      chart: 'bar',
      drillFilter: 'law',
      notes,
    },
    {
      code: 'durations-by-service',
      title: { nl: 'Duur van trajecten per voorziening', en: 'Duration of trajectories by service' },
      dimension: { code: 'service', label: { nl: 'Voorziening', en: 'Service' } },
      measures: LENGTH_MEASURES,
      rows: byService(lengthValues),
      groups: groups(lengthValues),
      total: lengthValues(total),
      chart: 'table',
      drillFilter: 'service',
      notes,
    },
    {
      code: 'open-after-by-law',
      title: {
        nl: 'Nog open na 6, 12 en 24 maanden, per wet',
        en: 'Still open after 6, 12 and 24 months, by law',
      },
      dimension: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
      measures: OPEN_MEASURES,
      rows: lawRows(openValues),
      total: openValues(total),
      chart: 'bar',
      drillFilter: 'law',
      notes: [horizonNote, ...notes],
    },
    {
      code: 'open-after-by-service',
      title: {
        nl: 'Nog open na 6, 12 en 24 maanden, per voorziening',
        en: 'Still open after 6, 12 and 24 months, by service',
      },
      dimension: { code: 'service', label: { nl: 'Voorziening', en: 'Service' } },
      measures: OPEN_MEASURES,
      rows: byService(openValues),
      groups: groups(openValues),
      total: openValues(total),
      chart: 'table',
      drillFilter: 'service',
      notes: [horizonNote, ...notes],
    },
  ];
  return { tables };
}

export const durationsView: DashboardView = {
  code: 'durations',
  title: { nl: 'Duur', en: 'Durations' },
  description: {
    nl: 'Hoe lang trajecten duren: mediaan en spreiding, en welk deel na 6, 12 en 24 maanden nog loopt, per wet en voorziening.',
    en: 'How long trajectories last: median and spread, and the share still running after 6, 12 and 24 months, by law and service.',
  },
  load,
};
