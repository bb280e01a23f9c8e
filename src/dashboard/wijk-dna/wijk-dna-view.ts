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
import { INTAKE, INTAKE_PROBLEMS, SUPPORT } from '../cube/cube-measures.ts';
import { cells, cubeQuery, cubeTotal, readCube, type CubeCells } from '../cube/cube-read.ts';
import { QUESTIONS } from '../cube/questions.ts';
import type { AreaSupply } from './nearby.ts';
import { loadSupply } from './wijk-dna-supply.ts';

/**
 * Wijk-DNA: per wijk (or per buurt of a wijk) demand — help questions, clients, needs by life domain —
 * against supply — algemene voorzieningen in the area and within walking distance of it (nearby.ts), their
 * capacity, the providers running them — as rates per inhabitant, with a white-spot score where demand is
 * high and the supply a resident can reach low.
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
    version: 2,
    name: { nl: 'Aanbod per gebied', en: 'Supply by area' },
    description: {
      nl: 'Locaties van actieve algemene voorzieningen (service_location) in het gebied, en locaties buiten het gebied die hemelsbreed hooguit 1 km van de grens van het gebied liggen (loopafstand); van beide de capaciteit in plaatsen of cliënten per week, en de aanbieders met een locatie in of nabij het gebied. Een locatie hoort in het gebied van haar buurt; een locatie zonder coördinaten telt alleen daar, nooit als nabij. Bereikbare locaties per 10.000 inwoners = (locaties in het gebied + nabije locaties) per 10.000 inwoners van het gebied; voor de hele gemeente alle locaties van de gemeente per 10.000 inwoners.',
      en: 'Locations of active algemene voorzieningen (service_location) in the area, and locations outside the area at most 1 km in a straight line from its boundary (walking distance); the capacity of both in places or clients per week, and the providers with a location in or near the area. A location belongs to the area of its buurt; a location without coordinates counts only there, never as nearby. Reachable locations per 10,000 inhabitants = (locations in the area + nearby locations) per 10,000 inhabitants of the area; for the whole municipality all its locations per 10,000 inhabitants.',
    },
    source:
      'service_location (buurt, longitude, latitude), service (kind algemeen), wijk/buurt geometry, population_count',
  },
  {
    code: 'wijk-dna-white-spot',
    version: 2,
    name: { nl: 'Witte vlek', en: 'White spot' },
    description: {
      nl: 'Vraagindex = cliënten per 1.000 inwoners in het gebied gedeeld door dat van de hele gemeente. Aanbodindex = het aanbod dat een inwoner kan bereiken: locaties van algemene voorzieningen in het gebied of tot 1 km erbuiten, per 10.000 inwoners, gedeeld door alle locaties van de gemeente per 10.000 inwoners. Score = vraagindex − aanbodindex. Witte vlek (1) als de vraagindex minstens 1,2 is en de aanbodindex lager dan 0,8: veel vraag en weinig aanbod binnen loopafstand.',
      en: 'Demand index = clients per 1,000 inhabitants in the area divided by the municipality’s. Supply index = the supply a resident can reach: locations of algemene voorzieningen in the area or up to 1 km outside it, per 10,000 inhabitants, divided by all of the municipality’s locations per 10,000 inhabitants. Score = demand index − supply index. White spot (1) when the demand index is at least 1.2 and the supply index below 0.8: much demand and little supply within walking distance.',
    },
    source: 'dash_mix_support, service_location, wijk/buurt geometry, population_count',
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

const NO_SUPPLY: AreaSupply = {
  locations: 0,
  capacity: 0,
  nearbyLocations: 0,
  nearbyCapacity: 0,
  providers: 0,
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
  // Population, clients and questions per area, and for the whole municipality (grouping sets: the
  // municipality row has whole = 1), each grouped once and joined on the area. Supply: wijk-dna-supply.ts.
  const buurtArea = sql.ref(`b.${areaColumn === 'wijk_code' ? 'wijk_code' : 'code'}`);
  const cube = await cubeQuery(tx, mc, f, ['service', 'provider']);
  const counts = cube && (await readCube(tx, mc, cube, [SUPPORT.code, QUESTIONS.code]));
  const clients = counts
    ? areaCounts(counts, SUPPORT.code, level)
    : sql`
      SELECT ${sql.ref(`s.${areaColumn}`)} AS area, GROUPING(${sql.ref(`s.${areaColumn}`)}) AS whole,
        count(DISTINCT s.person_id)::int AS n
      FROM dash_mix_support s JOIN p ON p.year = s.year AND (s.months & p.mask) <> 0
      WHERE s.municipality_code = ${mc} AND ${sqlSupport(f)}
      GROUP BY GROUPING SETS ((${sql.ref(`s.${areaColumn}`)}), ())`;
  // Questions per area are not limited by service or provider (a question has neither).
  const questions = counts
    ? areaCounts(counts, QUESTIONS.code, level)
    : sql`
      SELECT ${sql.ref(`q.${areaColumn}`)} AS area, GROUPING(${sql.ref(`q.${areaColumn}`)}) AS whole, count(*)::int AS n
      FROM dash_mix_question q
      WHERE q.municipality_code = ${mc} AND q.received_on BETWEEN ${from}::date AND ${to}::date
        AND (${f.law ?? null}::text IS NULL OR q.main_law_code = ${f.law ?? null})
        AND (${f.ageGroup ?? null}::text IS NULL OR q.age_group = ${f.ageGroup ?? null})
      GROUP BY GROUPING SETS ((${sql.ref(`q.${areaColumn}`)}), ())`;
  const { rows } = await sql<{
    area: string | null;
    inhabitants: number;
    clients: number;
    questions: number;
  }>`
    WITH pop AS (
      SELECT ${buurtArea} AS area, GROUPING(${buurtArea}) AS whole, sum(pc.inhabitants)::int AS n
      FROM population_count pc JOIN buurt b ON b.municipality_code = pc.municipality_code AND b.code = pc.buurt_code
      WHERE pc.municipality_code = ${mc} AND pc.age BETWEEN ${ageLow} AND ${ageHigh}
        AND pc.year = (SELECT max(year) FROM population_count WHERE municipality_code = ${mc} AND year <= ${year})
      GROUP BY GROUPING SETS ((${buurtArea}), ())),
    p(year, mask) AS (VALUES ${masksValues(yearMasks(f.from, f.to))}),
    cl AS (${clients}),
    qs AS (${questions}),
    keys AS (SELECT area, whole FROM pop UNION SELECT area, whole FROM cl UNION SELECT area, whole FROM qs)
    SELECT CASE WHEN k.whole = 1 THEN NULL ELSE coalesce(k.area, 'onbekend') END AS area,
      coalesce(pop.n, 0) AS inhabitants, coalesce(cl.n, 0) AS clients, coalesce(qs.n, 0) AS questions
    FROM keys k
    LEFT JOIN pop ON pop.whole = k.whole AND pop.area IS NOT DISTINCT FROM k.area
    LEFT JOIN cl ON cl.whole = k.whole AND cl.area IS NOT DISTINCT FROM k.area
    LEFT JOIN qs ON qs.whole = k.whole AND qs.area IS NOT DISTINCT FROM k.area`.execute(tx);
  const supply = await loadSupply(
    tx,
    mc,
    level,
    areas.map((a) => a.code),
  );
  const city = rows.find((r) => r.area === null) ?? { area: null, inhabitants: 0, clients: 0, questions: 0 };
  const byArea = new Map(rows.filter((r) => r.area !== null).map((r) => [r.area!, r]));
  const cityDemand = city.inhabitants > 0 ? (1000 * city.clients) / city.inhabitants : 0;
  const citySupply = city.inhabitants > 0 ? (10_000 * supply.municipality.locations) / city.inhabitants : 0;
  /** The figures of an area, or of the whole municipality (no nearby supply: `nearby` null). */
  const values = (
    r: (typeof rows)[number] | undefined,
    own: { locations: number; capacity: number; providers: number },
    nearby: { locations: number; capacity: number } | null,
  ) => {
    const inhabitants = r?.inhabitants ?? 0;
    const clients = r?.clients ?? 0;
    const reachable = own.locations + (nearby?.locations ?? 0);
    const demand = inhabitants > 0 ? (1000 * clients) / inhabitants : null;
    const reach = inhabitants > 0 ? (10_000 * reachable) / inhabitants : null;
    const demandIndex = demand === null || cityDemand === 0 ? null : demand / cityDemand;
    const supplyIndex = reach === null || citySupply === 0 ? null : reach / citySupply;
    return {
      inhabitants,
      questions: r?.questions ?? 0,
      clients,
      clientsPer1000: demand === null ? null : round(demand, 1),
      locations: own.locations,
      capacity: own.capacity,
      nearbyLocations: nearby?.locations ?? null,
      nearbyCapacity: nearby?.capacity ?? null,
      providers: own.providers,
      reachablePer10000: reach === null ? null : round(reach, 2),
      whiteSpotScore:
        demandIndex === null || supplyIndex === null ? null : round(demandIndex - supplyIndex, 2),
      whiteSpot:
        demandIndex === null || supplyIndex === null ? null : demandIndex >= 1.2 && supplyIndex < 0.8 ? 1 : 0,
    };
  };
  const areaValues = (code: string) => {
    const s = supply.byArea.get(code) ?? NO_SUPPLY;
    return values(byArea.get(code), s, { locations: s.nearbyLocations, capacity: s.nearbyCapacity });
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
        label: {
          nl: 'Locaties algemene voorzieningen in het gebied',
          en: 'General provision locations in the area',
        },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'capacity',
        label: {
          nl: 'Capaciteit in het gebied (plaatsen, cliënten per week)',
          en: 'Capacity in the area (places, clients per week)',
        },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'nearbyLocations',
        label: { nl: 'Locaties tot 1 km buiten het gebied', en: 'Locations up to 1 km outside the area' },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'nearbyCapacity',
        label: { nl: 'Capaciteit tot 1 km buiten het gebied', en: 'Capacity up to 1 km outside the area' },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'providers',
        label: {
          nl: 'Aanbieders in of tot 1 km buiten het gebied',
          en: 'Providers in or up to 1 km outside the area',
        },
        kind: 'count',
        definition: 'wijk-dna-supply',
      },
      {
        code: 'reachablePer10000',
        label: {
          nl: 'Bereikbare locaties per 10.000 inwoners',
          en: 'Reachable locations per 10,000 inhabitants',
        },
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
    rows: areas.map((a) => ({ key: a.code, label: a.label, values: areaValues(a.code) })),
    total: values(city, supply.municipality, null),
    overlapping: true,
    chart: 'map',
    mapLevel: level,
    drillFilter: level === 'wijk' ? 'wijk' : 'buurt',
    notes: [
      {
        nl: 'Regel witte vlek: vraagindex (cliënten per 1.000 inwoners ÷ gemeente) minstens 1,2 en aanbodindex (bereikbare locaties van algemene voorzieningen, in het gebied of tot 1 km erbuiten, per 10.000 inwoners ÷ alle locaties van de gemeente per 10.000 inwoners) onder 0,8; score = vraagindex − aanbodindex. Een locatie zonder coördinaten telt alleen in haar eigen buurt. Voor de hele gemeente telt alleen het aanbod in de gemeente zelf (locaties in buurgemeenten zijn hier niet bekend). De totaalregel is de hele gemeente (ook met een wijkfilter): daartegen worden de gebieden vergeleken. Filters op wet, voorziening en aanbieder gelden voor de vraag, niet voor het aanbod; de leeftijdsgroep geldt ook voor de inwoners.',
        en: 'White-spot rule: demand index (clients per 1,000 inhabitants ÷ municipality) at least 1.2 and supply index (reachable general provision locations, in the area or up to 1 km outside it, per 10,000 inhabitants ÷ all of the municipality’s locations per 10,000 inhabitants) below 0.8; score = demand index − supply index. A location without coordinates counts only in its own buurt. For the whole municipality only the supply inside it counts (locations in neighbouring municipalities are not known here). The total row is the whole municipality (also with an area filter): the areas are compared with it. Filters on law, service and provider apply to demand, not to supply; the age group also applies to the inhabitants.',
      },
    ],
  };

  const needs = await needsByDomain(tx, mc, f, from, to);
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

interface NeedRow {
  code: string;
  nl: string;
  en: string;
  n: number;
  total: number;
}

/** Persons with an intake in the period, and those scoring 1–2 per life domain (count cube when it can). */
async function needsByDomain(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
  from: string,
  to: string,
): Promise<{ rows: NeedRow[] }> {
  const cube = await cubeQuery(tx, mc, f, ['wijk', 'buurt']);
  if (cube) {
    const counts = await readCube(tx, mc, cube, [INTAKE.code, INTAKE_PROBLEMS.code]);
    const problems = cells(counts, INTAKE_PROBLEMS.code, 'lifeDomain');
    const total = cubeTotal(counts, INTAKE.code);
    const { rows } = await sql<{ code: string; nl: string; en: string }>`
      SELECT code, name_nl AS nl, name_en AS en FROM life_domain ORDER BY position`.execute(tx);
    return { rows: rows.map((d) => ({ ...d, n: problems.get(d.code) ?? 0, total })) };
  }
  return sql<NeedRow>`
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
}

/** Clients per area and in total from the count cube, as rows like the `cl` query's. */
/** Counts of a cube measure per area and for the whole municipality, as rows (area, whole, n). */
function areaCounts(counts: CubeCells, measure: string, level: 'wijk' | 'buurt') {
  const rows = [...cells(counts, measure, level)].map(([area, n]) => sql`(${area}::text, 0, ${n}::int)`);
  rows.push(sql`(NULL::text, 1, ${cubeTotal(counts, measure)}::int)`);
  return sql`SELECT * FROM (VALUES ${sql.join(rows)}) AS v(area, whole, n)`;
}

/** Demand per area for every area of the municipality: the area filter only selects which rows are shown. */
function sqlSupport(f: DashboardFilters) {
  return supportConditions({ ...f, wijk: undefined, buurt: undefined }, 's');
}

export const wijkDnaView: DashboardView = {
  code: 'wijk-dna',
  title: { nl: 'Wijk-DNA: vraag en aanbod', en: 'District DNA: demand and supply' },
  description: {
    nl: 'Per wijk de vraag (hulpvragen, cliënten, problemen per leefgebied) tegenover het aanbod in en nabij de wijk (algemene voorzieningen, capaciteit, aanbieders): waar zijn de witte vlekken?',
    en: 'Per district the demand (help questions, clients, problems per life domain) against the supply in and near the district (general provisions, capacity, providers): where are the white spots?',
  },
  load,
};

/** Reads the summaries kept by the pyramid and effects maintainers; the supply side is catalogue data. */
export const wijkDnaMaintainers: SummaryMaintainer[] = [];
