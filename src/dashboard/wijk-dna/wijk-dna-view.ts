import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { supportConditions } from '../pyramid/pyramid-view.ts';
import {
  areaCondition,
  firstDay,
  lastDay,
  mapAreas,
  masksValues,
  percentage,
  yearMasks,
} from '../pyramid/period.ts';
import type {
  DashboardFilters,
  DashboardView,
  FigureDefinition,
  FigureTable,
  SummaryMaintainer,
  ViewContext,
} from '../view-model.ts';

/**
 * Wijk-DNA: per wijk (or per buurt of a wijk) demand — help questions, clients, needs by life domain —
 * against supply — algemene voorzieningen, their capacity, providers with a location there — as rates per
 * inhabitant, with a white-spot score where demand is high and supply low.
 */

export const WIJK_DNA_DEFINITIONS: FigureDefinition[] = [
  {
    code: 'wijk-dna-demand',
    version: 1,
    name: { nl: 'Vraag per gebied', en: 'Demand by area' },
    description: {
      nl: 'Hulpvragen met ontvangstdatum in de periode en unieke cliënten met ondersteuning in de periode (algemeen of maatwerk), naar het adres van het huishouden, en per 1.000 inwoners (bevolking op 1 januari van het jaar waarin de periode eindigt).',
      en: 'Help questions received in the period and unique clients with support in the period (general or maatwerk), by household address, and per 1,000 inhabitants (population on 1 January of the year the period ends).',
    },
    source: 'dash_mix_question, dash_mix_support, population_count',
  },
  {
    code: 'wijk-dna-supply',
    version: 1,
    name: { nl: 'Aanbod per gebied', en: 'Supply by area' },
    description: {
      nl: 'Locaties van actieve algemene voorzieningen in het gebied (service_location), hun capaciteit in plaatsen of cliënten per week, en de aanbieders met een locatie in het gebied; locaties per 10.000 inwoners.',
      en: 'Locations of active algemene voorzieningen in the area (service_location), their capacity in places or clients per week, and the providers with a location in the area; locations per 10,000 inhabitants.',
    },
    source: 'service_location, service (kind algemeen), population_count',
  },
  {
    code: 'wijk-dna-white-spot',
    version: 1,
    name: { nl: 'Witte vlek', en: 'White spot' },
    description: {
      nl: 'Vraagindex = cliënten per 1.000 inwoners in het gebied gedeeld door dat van de hele gemeente; aanbodindex = locaties van algemene voorzieningen per 10.000 inwoners gedeeld door dat van de gemeente. Score = vraagindex − aanbodindex. Witte vlek (1) als de vraagindex minstens 1,2 is en de aanbodindex lager dan 0,8.',
      en: 'Demand index = clients per 1,000 inhabitants in the area divided by the municipality’s; supply index = locations of algemene voorzieningen per 10,000 inhabitants divided by the municipality’s. Score = demand index − supply index. White spot (1) when the demand index is at least 1.2 and the supply index below 0.8.',
    },
    source: 'dash_mix_support, service_location, population_count',
  },
  {
    code: 'wijk-dna-needs',
    version: 1,
    name: { nl: 'Problemen per leefgebied bij de intake', en: 'Problems per life domain at intake' },
    description: {
      nl: 'Personen met een intake in de periode en een score 1 of 2 (acute of ernstige problemen) op het leefgebied, en hun aandeel van alle personen met een intake in de periode.',
      en: 'Persons with an intake in the period scoring 1 or 2 (acute or serious problems) on the life domain, and their share of all persons with an intake in the period.',
    },
    source: 'dash_mix_domain_score (measurement intake)',
  },
];

const AGE_RANGES: Record<string, [number, number]> = {
  '0-17': [0, 17],
  '18-26': [18, 26],
  '27-66': [27, 66],
  '67-74': [67, 74],
  '75+': [75, 200],
};

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

async function load(tx: Tx, context: ViewContext): Promise<{ tables: FigureTable[] }> {
  const { municipalityCode: mc, filters: f } = context;
  const { level, areas } = await mapAreas(tx, mc, f);
  const areaColumn = level === 'wijk' ? 'wijk_code' : 'buurt_code';
  const from = firstDay(f.from);
  const to = lastDay(f.to);
  const [ageLow, ageHigh] = f.ageGroup ? AGE_RANGES[f.ageGroup]! : [0, 200];
  const year = Number(f.to.slice(0, 4));
  // Population, supply, clients and questions per area, and for the whole municipality (grouping sets: the
  // municipality row has whole = 1), each grouped once and joined on the area.
  const buurtArea = sql.ref(`b.${areaColumn === 'wijk_code' ? 'wijk_code' : 'code'}`);
  const { rows } = await sql<{
    area: string | null;
    inhabitants: number;
    clients: number;
    questions: number;
    locations: number;
    capacity: number;
    providers: number;
  }>`
    WITH pop AS (
      SELECT ${buurtArea} AS area, GROUPING(${buurtArea}) AS whole, sum(pc.inhabitants)::int AS n
      FROM population_count pc JOIN buurt b ON b.municipality_code = pc.municipality_code AND b.code = pc.buurt_code
      WHERE pc.municipality_code = ${mc} AND pc.age BETWEEN ${ageLow} AND ${ageHigh}
        AND pc.year = (SELECT max(year) FROM population_count WHERE municipality_code = ${mc} AND year <= ${year})
      GROUP BY GROUPING SETS ((${buurtArea}), ())),
    p(year, mask) AS (VALUES ${masksValues(yearMasks(f.from, f.to))}),
    cl AS (
      SELECT ${sql.ref(`s.${areaColumn}`)} AS area, GROUPING(${sql.ref(`s.${areaColumn}`)}) AS whole,
        count(DISTINCT s.person_id)::int AS n
      FROM dash_mix_support s JOIN p ON p.year = s.year AND (s.months & p.mask) <> 0
      WHERE s.municipality_code = ${mc} AND ${sqlSupport(f)}
      GROUP BY GROUPING SETS ((${sql.ref(`s.${areaColumn}`)}), ())),
    qs AS (
      SELECT ${sql.ref(`q.${areaColumn}`)} AS area, GROUPING(${sql.ref(`q.${areaColumn}`)}) AS whole, count(*)::int AS n
      FROM dash_mix_question q
      WHERE q.municipality_code = ${mc} AND q.received_on BETWEEN ${from}::date AND ${to}::date
        AND (${f.law ?? null}::text IS NULL OR q.main_law_code = ${f.law ?? null})
        AND (${f.ageGroup ?? null}::text IS NULL OR q.age_group = ${f.ageGroup ?? null})
      GROUP BY GROUPING SETS ((${sql.ref(`q.${areaColumn}`)}), ())),
    loc AS (
      SELECT ${buurtArea} AS area, GROUPING(${buurtArea}) AS whole, count(*)::int AS n,
        coalesce(sum(CASE WHEN l.capacity_unit IN ('plaatsen', 'clienten-per-week') THEN l.capacity ELSE 0 END), 0)::int AS capacity,
        count(DISTINCT l.provider_id)::int AS providers
      FROM service_location l
      JOIN service sv ON sv.municipality_code = l.municipality_code AND sv.id = l.service_id
      JOIN buurt b ON b.municipality_code = l.municipality_code AND b.code = l.buurt_code
      WHERE l.municipality_code = ${mc} AND sv.kind = 'algemeen' AND sv.active
      GROUP BY GROUPING SETS ((${buurtArea}), ())),
    keys AS (
      SELECT area, whole FROM pop UNION SELECT area, whole FROM cl UNION SELECT area, whole FROM qs
      UNION SELECT area, whole FROM loc)
    SELECT CASE WHEN k.whole = 1 THEN NULL ELSE coalesce(k.area, 'onbekend') END AS area,
      coalesce(pop.n, 0) AS inhabitants, coalesce(cl.n, 0) AS clients, coalesce(qs.n, 0) AS questions,
      coalesce(loc.n, 0) AS locations, coalesce(loc.capacity, 0) AS capacity, coalesce(loc.providers, 0) AS providers
    FROM keys k
    LEFT JOIN pop ON pop.whole = k.whole AND pop.area IS NOT DISTINCT FROM k.area
    LEFT JOIN cl ON cl.whole = k.whole AND cl.area IS NOT DISTINCT FROM k.area
    LEFT JOIN qs ON qs.whole = k.whole AND qs.area IS NOT DISTINCT FROM k.area
    LEFT JOIN loc ON loc.whole = k.whole AND loc.area IS NOT DISTINCT FROM k.area`.execute(tx);
  const city = rows.find((r) => r.area === null) ?? {
    area: null,
    inhabitants: 0,
    clients: 0,
    questions: 0,
    locations: 0,
    capacity: 0,
    providers: 0,
  };
  const byArea = new Map(rows.filter((r) => r.area !== null).map((r) => [r.area!, r]));
  const cityDemand = city.inhabitants > 0 ? (1000 * city.clients) / city.inhabitants : 0;
  const citySupply = city.inhabitants > 0 ? (10_000 * city.locations) / city.inhabitants : 0;
  const values = (r: (typeof rows)[number] | undefined) => {
    const inhabitants = r?.inhabitants ?? 0;
    const clients = r?.clients ?? 0;
    const locations = r?.locations ?? 0;
    const demand = inhabitants > 0 ? (1000 * clients) / inhabitants : null;
    const supply = inhabitants > 0 ? (10_000 * locations) / inhabitants : null;
    const demandIndex = demand === null || cityDemand === 0 ? null : demand / cityDemand;
    const supplyIndex = supply === null || citySupply === 0 ? null : supply / citySupply;
    return {
      inhabitants,
      questions: r?.questions ?? 0,
      clients,
      clientsPer1000: demand === null ? null : round(demand, 1),
      locations,
      capacity: r?.capacity ?? 0,
      providers: r?.providers ?? 0,
      locationsPer10000: supply === null ? null : round(supply, 2),
      whiteSpotScore:
        demandIndex === null || supplyIndex === null ? null : round(demandIndex - supplyIndex, 2),
      whiteSpot:
        demandIndex === null || supplyIndex === null ? null : demandIndex >= 1.2 && supplyIndex < 0.8 ? 1 : 0,
    };
  };
  const map: FigureTable = {
    code: 'wijk-dna-map',
    title: { nl: 'Vraag en aanbod per gebied', en: 'Demand and supply by area' },
    description: {
      nl: 'Waar is de vraag hoog en het aanbod van algemene voorzieningen laag (witte vlekken)?',
      en: 'Where is demand high and the supply of general provisions low (white spots)?',
    },
    dimension:
      level === 'wijk'
        ? { code: 'wijk', label: { nl: 'Wijk', en: 'District' } }
        : { code: 'buurt', label: { nl: 'Buurt', en: 'Neighbourhood' } },
    measures: [
      {
        code: 'inhabitants',
        label: { nl: 'Inwoners', en: 'Inhabitants' },
        kind: 'count',
        definition: 'wijk-dna-demand',
      },
      {
        code: 'questions',
        label: { nl: 'Hulpvragen', en: 'Help questions' },
        kind: 'persons',
        definition: 'wijk-dna-demand',
      },
      {
        code: 'clients',
        label: { nl: 'Cliënten', en: 'Clients' },
        kind: 'persons',
        definition: 'wijk-dna-demand',
      },
      {
        code: 'clientsPer1000',
        label: { nl: 'Cliënten per 1.000 inwoners', en: 'Clients per 1,000 inhabitants' },
        kind: 'score',
        definition: 'wijk-dna-demand',
        basisMeasure: 'clients',
      },
      {
        code: 'locations',
        label: { nl: 'Locaties algemene voorzieningen', en: 'General provision locations' },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'capacity',
        label: { nl: 'Capaciteit (plaatsen, cliënten per week)', en: 'Capacity (places, clients per week)' },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'providers',
        label: { nl: 'Aanbieders met een locatie', en: 'Providers with a location' },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'locationsPer10000',
        label: { nl: 'Locaties per 10.000 inwoners', en: 'Locations per 10,000 inhabitants' },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'whiteSpotScore',
        label: { nl: 'Wittevlekscore', en: 'White-spot score' },
        kind: 'score',
        definition: 'wijk-dna-white-spot',
        basisMeasure: 'clients',
      },
      {
        code: 'whiteSpot',
        label: { nl: 'Witte vlek (1 = ja)', en: 'White spot (1 = yes)' },
        kind: 'score',
        definition: 'wijk-dna-white-spot',
        basisMeasure: 'clients',
      },
    ],
    rows: areas.map((a) => ({ key: a.code, label: a.label, values: values(byArea.get(a.code)) })),
    total: values(city),
    overlapping: true,
    chart: 'map',
    mapLevel: level,
    drillFilter: level === 'wijk' ? 'wijk' : 'buurt',
    notes: [
      {
        nl: 'Regel witte vlek: vraagindex (cliënten per 1.000 inwoners ÷ gemeente) minstens 1,2 en aanbodindex (locaties van algemene voorzieningen per 10.000 inwoners ÷ gemeente) onder 0,8; score = vraagindex − aanbodindex. Aanbod telt locaties ín het gebied (niet die net erbuiten). De totaalregel is de hele gemeente (ook met een wijkfilter): daartegen worden de gebieden vergeleken. Filters op wet, voorziening en aanbieder gelden voor de vraag, niet voor het aanbod; de leeftijdsgroep geldt ook voor de inwoners.',
        en: 'White-spot rule: demand index (clients per 1,000 inhabitants ÷ municipality) at least 1.2 and supply index (general provision locations per 10,000 inhabitants ÷ municipality) below 0.8; score = demand index − supply index. Supply counts locations inside the area (not those just outside it). The total row is the whole municipality (also with an area filter): the areas are compared with it. Filters on law, service and provider apply to demand, not to supply; the age group also applies to the inhabitants.',
      },
    ],
  };

  const needs = await sql<{ code: string; nl: string; en: string; n: number; total: number }>`
    WITH s AS (
      SELECT s.person_id, s.life_domain_code, s.score FROM dash_mix_domain_score s
      WHERE s.municipality_code = ${mc} AND s.measurement = 'intake'
        AND s.assessed_on BETWEEN ${from}::date AND ${to}::date AND ${areaCondition(f, 's')}
        AND (${f.law ?? null}::text IS NULL OR s.law_code = ${f.law ?? null})
        AND (${f.ageGroup ?? null}::text IS NULL OR s.age_group = ${f.ageGroup ?? null})),
    per_domain AS (
      SELECT s.life_domain_code, count(DISTINCT s.person_id) FILTER (WHERE s.score <= 2)::int AS n
      FROM s GROUP BY s.life_domain_code),
    total AS (SELECT count(DISTINCT s.person_id)::int AS n FROM s)
    SELECT d.code, d.name_nl AS nl, d.name_en AS en, coalesce(pd.n, 0) AS n, (SELECT n FROM total) AS total
    FROM life_domain d LEFT JOIN per_domain pd ON pd.life_domain_code = d.code
    ORDER BY d.position`.execute(tx);
  const intakePersons = needs.rows[0]?.total ?? 0;
  const needsTable: FigureTable = {
    code: 'wijk-dna-needs',
    title: { nl: 'Problemen per leefgebied bij de intake', en: 'Problems per life domain at intake' },
    dimension: { code: 'lifeDomain', label: { nl: 'Leefgebied', en: 'Life domain' } },
    measures: [
      {
        code: 'persons',
        label: { nl: 'Personen met score 1–2', en: 'Persons scoring 1–2' },
        kind: 'persons',
        definition: 'wijk-dna-needs',
      },
      {
        code: 'intakePersons',
        label: { nl: 'Personen met een intake', en: 'Persons with an intake' },
        kind: 'persons',
        definition: 'wijk-dna-needs',
      },
      {
        code: 'share',
        label: { nl: 'Aandeel (%)', en: 'Share (%)' },
        kind: 'percentage',
        definition: 'wijk-dna-needs',
        numeratorMeasure: 'persons',
        denominatorMeasure: 'intakePersons',
      },
    ],
    rows: needs.rows.map((r) => ({
      key: r.code,
      label: { nl: r.nl, en: r.en },
      values: { persons: r.n, intakePersons, share: percentage(r.n, intakePersons) },
    })),
    overlapping: true,
    chart: 'bar',
    notes: [
      {
        nl: 'Voor het gekozen gebied (zonder wijkfilter: de hele gemeente). Voorziening- en aanbiederfilters gelden hier niet.',
        en: 'For the chosen area (without an area filter: the whole municipality). Service and provider filters do not apply here.',
      },
    ],
  };
  return { tables: [map, needsTable] };
}

/** Demand per area for every area of the municipality: the area filter only selects which rows are shown. */
function sqlSupport(f: DashboardFilters) {
  return supportConditions({ ...f, wijk: undefined, buurt: undefined }, 's');
}

export const wijkDnaView: DashboardView = {
  code: 'wijk-dna',
  title: { nl: 'Wijk-DNA: vraag en aanbod', en: 'District DNA: demand and supply' },
  description: {
    nl: 'Per wijk de vraag (hulpvragen, cliënten, problemen per leefgebied) tegenover het aanbod (algemene voorzieningen, capaciteit, aanbieders): waar zijn de witte vlekken?',
    en: 'Per district the demand (help questions, clients, problems per life domain) against the supply (general provisions, capacity, providers): where are the white spots?',
  },
  load,
};

/** Reads the summaries kept by the pyramid and effects maintainers; the supply side is catalogue data. */
export const wijkDnaMaintainers: SummaryMaintainer[] = [];
