import type { Tx } from '../../platform/db/database.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import type {
  DashboardFilters,
  DashboardView,
  FigureRow,
  FigureTable,
  Measure,
  SummaryMaintainer,
  ViewContext,
  ViewData,
} from '../view-model.ts';
import { clientYearMaintainer } from './client-year-maintainer.ts';
import {
  AGE_GROUP_ROWS,
  ageGroupLabel,
  areaRows,
  lawLabel,
  lawsInScope,
  monthLabel,
  providerNames,
  serviceLabels,
  UNKNOWN_AREA,
  unknownAreaLabel,
} from './labels.ts';
import { legalTermMaintainer } from './legal-term-maintainer.ts';
import { VOLUMES_DEFINITIONS } from './volumes-definitions.ts';
import {
  clientCounts,
  legalTerms,
  monthlyFigures,
  type ClientCountRow,
  type LegalTermRow,
} from './volumes-queries.ts';
import { ignoredFilterNotes, periodSelection } from './view-filters.ts';

export { VOLUMES_DEFINITIONS };

export const volumesMaintainers: SummaryMaintainer[] = [clientYearMaintainer, legalTermMaintainer];

const clientsMeasure = (definition = 'volumes.unieke-clienten'): Measure => ({
  code: 'clients',
  label: { nl: 'Unieke cliënten', en: 'Unique clients' },
  kind: 'persons',
  definition,
});

const round1 = (n: number) => Math.round(n * 10) / 10;
const percentage = (part: number, whole: number) => (whole > 0 ? round1((100 * part) / whole) : null);

const MAATWERK_NOTE: Bilingual = {
  nl: 'Telt maatwerk (toewijzingen en bijstand); verwijzingen naar algemene voorzieningen staan bij "per voorziening". Met een voorziening als filter telt die voorziening.',
  en: 'Counts individually granted support (allocations and bijstand); referrals to general services are under "by service". With a service filter, that service is counted.',
};

/** Rows that partition the clients (each in one row) get a total; when someone is in two rows, they overlap. */
function totalOrOverlap(rows: FigureRow[], total: number): Pick<FigureTable, 'total' | 'overlapping'> {
  const sum = rows.reduce((n, r) => n + (r.values.clients ?? 0), 0);
  return sum === total ? { total: { clients: total } } : { overlapping: true };
}

async function load(tx: Tx, context: ViewContext): Promise<ViewData> {
  const { municipalityCode: mc, filters } = context;
  const period = periodSelection(filters);
  const areas = await areaRows(tx, mc, filters);
  const [counts, monthly, legal, services, providers] = [
    await clientCounts(tx, mc, filters, period, areas.level),
    await monthlyFigures(tx, mc, filters, period),
    await legalTerms(tx, mc, filters, period),
    await serviceLabels(tx, mc),
    await providerNames(tx, mc),
  ];
  const clients = (r: ClientCountRow) => (filters.service ? r.allClients : r.maatwerkClients);
  const ofSet = (set: ClientCountRow['set']) => counts.filter((r) => r.set === set);
  const totalRow = ofSet('total')[0];
  const totalClients = totalRow ? clients(totalRow) : 0;
  const referred = ofSet('kind').find((r) => r.key === 'algemeen')?.allClients ?? 0;
  const clientNotes = ignoredFilterNotes(filters, {
    law: true,
    service: true,
    provider: true,
    area: true,
    ageGroup: true,
  });

  const tables: FigureTable[] = [];
  tables.push({
    code: 'summary',
    title: { nl: 'In het kort', en: 'At a glance' },
    dimension: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
    measures: [
      clientsMeasure(),
      {
        code: 'referred',
        label: { nl: 'Verwezen naar algemene voorzieningen', en: 'Referred to general services' },
        kind: 'persons',
        definition: 'volumes.verwezen-algemeen',
      },
      {
        code: 'inflow',
        label: { nl: 'Instroom', en: 'Inflow' },
        kind: 'persons',
        definition: 'volumes.instroom',
      },
      {
        code: 'outflow',
        label: { nl: 'Uitstroom', en: 'Outflow' },
        kind: 'persons',
        definition: 'volumes.uitstroom',
      },
    ],
    rows: [
      {
        key: filters.law ?? 'alle',
        label: filters.law ? lawLabel(filters.law) : { nl: 'Alle wetten', en: 'All laws' },
        values: {
          clients: totalClients,
          referred,
          inflow: monthly.inflowPersons,
          outflow: monthly.outflowPersons,
        },
      },
    ],
    chart: 'tiles',
    notes: clientNotes,
  });

  tables.push({
    code: 'clients-by-law',
    title: { nl: 'Unieke cliënten per wet', en: 'Unique clients by law' },
    description: {
      nl: 'Verschillende personen met maatwerkondersteuning in de periode, per wet.',
      en: 'Distinct persons with individually granted support in the period, by law.',
    },
    dimension: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
    measures: [clientsMeasure()],
    rows: lawsInScope(filters.law).map((law) => {
      const r = ofSet('law').find((x) => x.key === law);
      return { key: law, label: lawLabel(law), values: { clients: r ? clients(r) : 0 } };
    }),
    overlapping: true,
    chart: 'bar',
    drillFilter: 'law',
    notes: [MAATWERK_NOTE, ...clientNotes],
  });

  const serviceRows = ofSet('service')
    .filter((r) => r.key !== null && services.has(r.key))
    .map((r) => ({ r, s: services.get(r.key!)! }))
    .sort(
      (a, b) =>
        a.s.kind.localeCompare(b.s.kind) ||
        a.s.law.localeCompare(b.s.law) ||
        a.s.code.localeCompare(b.s.code),
    )
    .map(({ r, s }) => ({
      key: s.id,
      label: { nl: s.name, en: s.name },
      group: s.kind,
      values: { clients: r.allClients },
    }));
  tables.push({
    code: 'clients-by-service',
    title: { nl: 'Cliënten per voorziening', en: 'Clients by service' },
    description: {
      nl: 'Maatwerk: cliënten met ondersteuning; algemene voorzieningen: personen die ernaar zijn verwezen. De soort staat bij elke rij; de aantallen per soort staan in "In het kort".',
      en: 'Individually granted: clients with support; general services: persons referred to them. Each row carries its kind; the totals per kind are under "At a glance".',
    },
    dimension: { code: 'service', label: { nl: 'Voorziening', en: 'Service' } },
    measures: [clientsMeasure('volumes.clienten-per-voorziening')],
    rows: serviceRows,
    overlapping: true,
    chart: 'bar',
    drillFilter: 'service',
    notes: clientNotes,
  });

  tables.push({
    code: 'clients-by-provider',
    title: { nl: 'Cliënten per aanbieder', en: 'Clients by provider' },
    dimension: { code: 'provider', label: { nl: 'Aanbieder', en: 'Provider' } },
    measures: [clientsMeasure('volumes.clienten-per-aanbieder')],
    rows: ofSet('provider')
      .filter((r) => r.key !== null)
      .map((r) => ({ r, name: providers.get(r.key!) ?? r.key! }))
      .sort((a, b) => b.r.allClients - a.r.allClients || a.name.localeCompare(b.name))
      .map(({ r, name }) => ({
        key: r.key!,
        label: { nl: name, en: name },
        values: { clients: r.allClients },
      })),
    overlapping: true,
    chart: 'bar',
    drillFilter: 'provider',
    notes: clientNotes,
  });

  const areaCounts = new Map(ofSet('area').map((r) => [r.key ?? UNKNOWN_AREA, clients(r)]));
  const areaTableRows: FigureRow[] = areas.rows.map((a) => ({
    key: a.code,
    label: { nl: a.name, en: a.name },
    values: { clients: areaCounts.get(a.code) ?? 0 },
  }));
  if ((areaCounts.get(UNKNOWN_AREA) ?? 0) > 0 && !filters.wijk && !filters.buurt)
    areaTableRows.push({
      key: UNKNOWN_AREA,
      label: unknownAreaLabel,
      values: { clients: areaCounts.get(UNKNOWN_AREA)! },
    });
  tables.push({
    code: 'clients-by-area',
    title:
      areas.level === 'wijk'
        ? { nl: 'Unieke cliënten per wijk', en: 'Unique clients by wijk' }
        : { nl: 'Unieke cliënten per buurt', en: 'Unique clients by buurt' },
    dimension:
      areas.level === 'wijk'
        ? { code: 'wijk', label: { nl: 'Wijk', en: 'Wijk' } }
        : { code: 'buurt', label: { nl: 'Buurt', en: 'Buurt' } },
    measures: [clientsMeasure('volumes.clienten-per-gebied')],
    rows: areaTableRows,
    ...totalOrOverlap(areaTableRows, totalClients),
    chart: 'map',
    mapLevel: areas.level,
    drillFilter: areas.level,
    notes: [MAATWERK_NOTE, ...clientNotes],
  });

  const ageCounts = new Map(ofSet('ageGroup').map((r) => [r.key, clients(r)]));
  const ageRows: FigureRow[] = AGE_GROUP_ROWS.filter((g) => !filters.ageGroup || g === filters.ageGroup).map(
    (g) => ({ key: g, label: ageGroupLabel(g), values: { clients: ageCounts.get(g) ?? 0 } }),
  );
  tables.push({
    code: 'clients-by-age',
    title: { nl: 'Unieke cliënten per leeftijdsgroep', en: 'Unique clients by age group' },
    dimension: { code: 'ageGroup', label: { nl: 'Leeftijd op 1 januari', en: 'Age on 1 January' } },
    measures: [clientsMeasure('volumes.clienten-per-leeftijd')],
    rows: ageRows,
    ...totalOrOverlap(ageRows, totalClients),
    chart: 'bar',
    drillFilter: 'ageGroup',
    notes: [MAATWERK_NOTE, ...clientNotes],
  });

  const laws = lawsInScope(filters.law);
  tables.push({
    code: 'active-by-month',
    title: { nl: 'Actieve cliënten per maand', en: 'Active clients per month' },
    description: {
      nl: 'Per maand: personen met maatwerkondersteuning op ten minste één dag, per wet.',
      en: 'Per month: persons with individually granted support on at least one day, by law.',
    },
    dimension: { code: 'month', label: { nl: 'Maand', en: 'Month' } },
    series: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
    measures: laws.map((law) => ({
      code: law,
      label: lawLabel(law),
      kind: 'persons' as const,
      definition: 'volumes.actieve-clienten-per-maand',
    })),
    rows: period.months.map((month) => ({
      key: month,
      label: monthLabel(month),
      values: Object.fromEntries(laws.map((law) => [law, monthly.active.get(month)?.get(law) ?? 0])),
    })),
    overlapping: true,
    chart: 'line',
    notes: clientNotes,
  });

  tables.push({
    code: 'inflow-outflow',
    title: { nl: 'Instroom en uitstroom per maand', en: 'Inflow and outflow per month' },
    description: {
      nl: 'Personen die in de maand met maatwerkondersteuning begonnen (instroom) of er na de maand mee stopten (uitstroom).',
      en: 'Persons who started individually granted support in the month (inflow) or stopped after it (outflow).',
    },
    dimension: { code: 'month', label: { nl: 'Maand', en: 'Month' } },
    measures: [
      {
        code: 'inflow',
        label: { nl: 'Instroom', en: 'Inflow' },
        kind: 'persons',
        definition: 'volumes.instroom',
      },
      {
        code: 'outflow',
        label: { nl: 'Uitstroom', en: 'Outflow' },
        kind: 'persons',
        definition: 'volumes.uitstroom',
      },
    ],
    rows: period.months.map((month) => ({
      key: month,
      label: monthLabel(month),
      values: { inflow: monthly.inflow.get(month) ?? 0, outflow: monthly.outflow.get(month) ?? 0 },
    })),
    overlapping: true,
    chart: 'line',
    notes: clientNotes,
  });

  tables.push(...legalTables(filters, legal));
  return { tables };
}

function legalTables(filters: DashboardFilters, legal: LegalTermRow[]): FigureTable[] {
  const notes = ignoredFilterNotes(filters, { law: true, area: true, ageGroup: true });
  const laws = lawsInScope(filters.law);
  const allLaws = legal.find((r) => r.law === null);
  const counts = (r: LegalTermRow | undefined) => ({
    meldingen: r?.meldingen ?? 0,
    decisions: r?.decisions ?? 0,
    granted: r?.granted ?? 0,
    partlyGranted: r?.partlyGranted ?? 0,
    refused: r?.refused ?? 0,
  });
  const terms = (r: LegalTermRow | undefined) => ({
    withTerm: r?.withTerm ?? 0,
    onTime: r?.onTime ?? 0,
    onTimePct: r ? percentage(r.onTime, r.withTerm) : null,
    withMelding: r?.withMelding ?? 0,
    medianDays: r?.medianDays ?? null,
    openPastTerm: r?.openPastTerm ?? 0,
  });
  const persons = (code: string, nl: string, en: string, definition: string): Measure => ({
    code,
    label: { nl, en },
    kind: 'persons',
    definition,
  });
  const lawRows = laws.map((law) => ({ law, r: legal.find((x) => x.law === law) }));
  return [
    {
      code: 'meldingen-decisions',
      title: { nl: 'Meldingen en besluiten', en: 'Meldingen and decisions' },
      description: {
        nl: 'Meldingen ontvangen en beschikkingen genomen in de periode, per wet en uitkomst.',
        en: 'Meldingen received and decisions taken in the period, by law and outcome.',
      },
      dimension: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
      measures: [
        persons('meldingen', 'Meldingen', 'Meldingen', 'volumes.meldingen'),
        persons('decisions', 'Besluiten', 'Decisions', 'volumes.besluiten'),
        persons('granted', 'Toegekend', 'Granted', 'volumes.besluiten'),
        persons('partlyGranted', 'Gedeeltelijk toegekend', 'Partly granted', 'volumes.besluiten'),
        persons('refused', 'Afgewezen', 'Refused', 'volumes.besluiten'),
      ],
      rows: lawRows.map(({ law, r }) => ({ key: law, label: lawLabel(law), values: counts(r) })),
      total: counts(allLaws),
      chart: 'stacked-bar',
      drillFilter: 'law',
      notes,
    },
    {
      code: 'legal-terms',
      title: { nl: 'Wettelijke termijnen', en: 'Legal terms' },
      description: {
        nl: 'Besluiten binnen de wettelijke termijn, dagen van melding tot besluit en open meldingen over hun termijn.',
        en: 'Decisions within the legal term, days from melding to decision and open meldingen past their term.',
      },
      dimension: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
      measures: [
        persons(
          'withTerm',
          'Besluiten met termijn',
          'Decisions with a term',
          'volumes.besluiten-binnen-termijn',
        ),
        persons('onTime', 'Binnen de termijn', 'Within the term', 'volumes.besluiten-binnen-termijn'),
        {
          code: 'onTimePct',
          label: { nl: '% binnen de termijn', en: '% within the term' },
          kind: 'percentage',
          definition: 'volumes.besluiten-binnen-termijn',
          numeratorMeasure: 'onTime',
          denominatorMeasure: 'withTerm',
        },
        persons(
          'withMelding',
          'Besluiten op een melding',
          'Decisions on a melding',
          'volumes.mediaan-dagen-melding-besluit',
        ),
        {
          code: 'medianDays',
          label: { nl: 'Mediaan dagen melding → besluit', en: 'Median days melding → decision' },
          kind: 'days',
          definition: 'volumes.mediaan-dagen-melding-besluit',
          basisMeasure: 'withMelding',
        },
        persons(
          'openPastTerm',
          'Open meldingen over de termijn',
          'Open meldingen past their term',
          'volumes.meldingen-over-termijn',
        ),
      ],
      rows: lawRows.map(({ law, r }) => ({ key: law, label: lawLabel(law), values: terms(r) })),
      total: terms(allLaws),
      chart: 'table',
      drillFilter: 'law',
      notes,
    },
  ];
}

export const volumesView: DashboardView = {
  code: 'volumes',
  title: { nl: 'Volumes', en: 'Volumes' },
  description: {
    nl: 'Hoeveel inwoners welke ondersteuning krijgen: per wet, voorziening, aanbieder, wijk en leeftijd; in- en uitstroom per maand; meldingen, besluiten en wettelijke termijnen.',
    en: 'How many residents get which support: by law, service, provider, wijk and age; inflow and outflow per month; meldingen, decisions and legal terms.',
  },
  load,
};
