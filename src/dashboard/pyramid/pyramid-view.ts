import { SUPPORT } from '../cube/cube-measures.ts';
import {
  cells,
  cubeQuery,
  cubeSeriesQuery,
  cubeTotal,
  readCube,
  readCubeCells,
  type CubeCells,
} from '../cube/cube-read.ts';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { readDataPeriod } from '../data-period.ts';
import type {
  DashboardFilters,
  DashboardView,
  FigureDefinition,
  FigureRow,
  FigureTable,
  Measure,
  SummaryMaintainer,
  ViewContext,
} from '../view-model.ts';
import {
  areaCondition,
  bucketRange,
  buckets,
  type Bucket,
  mapAreas,
  masksValues,
  percentage,
  previousPeriod,
  UNKNOWN_AREA,
  yearMasks,
} from './period.ts';
import { supportFactsMaintainer } from './support-facts.ts';

/**
 * The support pyramid: persons in the algemene-voorzieningen layer (referred at triage to an algemene
 * voorziening) against the maatwerk layer (toewijzingen and granted products), over time and per wijk, and
 * whether the maatwerk share is rising or falling against the same months a year earlier (periods up to a
 * year) or the period of the same length just before (longer periods).
 */

const SOURCE =
  'dash_mix_support (from toewijzing, beschikking_product, triage.referred_service_id, service.kind)';

export const PYRAMID_DEFINITIONS: FigureDefinition[] = [
  {
    code: 'pyramid-persons-per-layer',
    version: 1,
    name: { nl: 'Cliënten per laag van de piramide', en: 'Clients per layer of the pyramid' },
    description: {
      nl: 'Unieke personen met ondersteuning in de periode, per laag: algemeen = verwezen naar een algemene voorziening (triage) of een toewijzing van een algemene voorziening; maatwerk = een toewijzing (niet ingetrokken) of een toegekend product zonder toewijzing (zoals bijstand) die op minstens één dag in de periode liep. Iemand in beide lagen telt in elke laag één keer en in het totaal één keer.',
      en: 'Unique persons with support in the period, per layer: general = referred to an algemene voorziening at triage or allocated one; maatwerk = an allocation (not withdrawn) or a granted product without an allocation (such as bijstand) running on at least one day of the period. Someone in both layers counts once in each layer and once in the total.',
    },
    source: SOURCE,
  },
  {
    code: 'pyramid-maatwerk-share',
    version: 2,
    name: { nl: 'Aandeel maatwerk', en: 'Maatwerk share' },
    description: {
      nl: 'Personen in de maatwerklaag gedeeld door alle personen met ondersteuning (algemeen of maatwerk) in de periode, in procenten; de verandering is het verschil in procentpunten met dezelfde maanden een jaar eerder (bij een periode tot een jaar) of met de even lange periode ervoor (bij een langere periode). Een dalend aandeel betekent: de piramide kantelt naar voorliggende voorzieningen.',
      en: 'Persons in the maatwerk layer divided by all persons with support (general or maatwerk) in the period, as a percentage; the change is the difference in percentage points with the same months a year earlier (for a period of up to a year) or with the period of the same length just before (for a longer period). A falling share means the pyramid is tilting towards general provisions.',
    },
    source: SOURCE,
  },
];

/** Row conditions on dash_mix_support for the law, service, provider and age-group filters. */
export function supportConditions(filters: DashboardFilters, alias: string): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [areaCondition(filters, alias)];
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  if (filters.law) parts.push(sql`${ref('law_code')} = ${filters.law}`);
  if (filters.service) parts.push(sql`${ref('service_id')} = ${filters.service}::uuid`);
  if (filters.provider) parts.push(sql`${ref('provider_id')} = ${filters.provider}::uuid`);
  if (filters.ageGroup) parts.push(sql`${ref('age_group')} = ${filters.ageGroup}`);
  return sql.join(parts, sql` AND `) as RawBuilder<boolean>;
}

const persons = (code: string, nl: string, en: string): Measure => ({
  code,
  label: { nl, en },
  kind: 'persons',
  definition: 'pyramid-persons-per-layer',
});

const LAYER_MEASURES: Measure[] = [
  persons('algemeen', 'Algemene voorziening', 'General provision'),
  persons('maatwerk', 'Maatwerk', 'Maatwerk'),
  persons('clients', 'Totaal cliënten', 'All clients'),
  {
    code: 'maatwerkShare',
    label: { nl: 'Aandeel maatwerk (%)', en: 'Maatwerk share (%)' },
    kind: 'percentage',
    definition: 'pyramid-maatwerk-share',
    numeratorMeasure: 'maatwerk',
    denominatorMeasure: 'clients',
  },
];

interface LayerCounts {
  algemeen: number;
  maatwerk: number;
  clients: number;
}

/** Persons per area (wijk or buurt) in a period, and for the whole selection. */
/** Persons per layer per wijk and in total from the count cube (no area filter: the wijk level). */
function layerCountsFromCube(counts: CubeCells): { byArea: Map<string, LayerCounts>; all: LayerCounts } {
  const byLayer = cells(counts, SUPPORT.code, 'wijkLayer');
  const byArea = new Map<string, LayerCounts>();
  for (const [wijk, clients] of cells(counts, SUPPORT.code, 'wijk')) {
    const key = wijk ?? '';
    byArea.set(wijk ?? UNKNOWN_AREA.code, {
      algemeen: byLayer.get(`${key}:algemeen`) ?? 0,
      maatwerk: byLayer.get(`${key}:maatwerk`) ?? 0,
      clients,
    });
  }
  const layers = cells(counts, SUPPORT.code, 'layer');
  return {
    byArea,
    all: {
      algemeen: layers.get('algemeen') ?? 0,
      maatwerk: layers.get('maatwerk') ?? 0,
      clients: cubeTotal(counts, SUPPORT.code),
    },
  };
}

async function layerCountsByArea(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  from: string,
  to: string,
  level: 'wijk' | 'buurt',
): Promise<{ byArea: Map<string, LayerCounts>; all: LayerCounts }> {
  const cube = await cubeQuery(tx, mc, { ...filters, from, to }, ['service', 'provider', 'wijk', 'buurt']);
  if (cube) return layerCountsFromCube(await readCube(tx, mc, cube, [SUPPORT.code]));
  const masks = yearMasks(from, to);
  const area = level === 'wijk' ? sql.ref('s.wijk_code') : sql.ref('s.buurt_code');
  const { rows } = await sql<{ area: string | null; whole: boolean; a: number; m: number; n: number }>`
    WITH p(year, mask) AS (VALUES ${masksValues(masks)}),
    pa AS (
      SELECT ${area} AS area, s.person_id, bool_or(s.layer = 'algemeen') AS a, bool_or(s.layer = 'maatwerk') AS m
      FROM dash_mix_support s JOIN p ON p.year = s.year AND (s.months & p.mask) <> 0
      WHERE s.municipality_code = ${mc} AND ${supportConditions(filters, 's')}
      GROUP BY 1, 2),
    pp AS (SELECT person_id, bool_or(a) AS a, bool_or(m) AS m FROM pa GROUP BY person_id)
    SELECT area, false AS whole, (count(*) FILTER (WHERE a))::int AS a, (count(*) FILTER (WHERE m))::int AS m,
      count(*)::int AS n FROM pa GROUP BY area
    UNION ALL
    SELECT NULL, true, (count(*) FILTER (WHERE a))::int, (count(*) FILTER (WHERE m))::int, count(*)::int FROM pp`.execute(
    tx,
  );
  const byArea = new Map<string, LayerCounts>();
  let all: LayerCounts = { algemeen: 0, maatwerk: 0, clients: 0 };
  for (const r of rows) {
    const counts = { algemeen: r.a, maatwerk: r.m, clients: r.n };
    if (r.whole) all = counts;
    else byArea.set(r.area ?? UNKNOWN_AREA.code, counts);
  }
  return { byArea, all };
}

const seriesRow = (b: Bucket, a: number, m: number, n: number): FigureRow => ({
  key: b.key,
  label: b.label,
  values: { algemeen: a, maatwerk: m, clients: n, maatwerkShare: percentage(m, n) },
});

/** The series per bucket from the count cube (a month, a calendar year, or a clipped first or last year). */
async function seriesFromCube(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  list: Bucket[],
): Promise<FigureRow[] | null> {
  const unsupported = ['service', 'provider', 'wijk', 'buurt'] as const;
  const query = await cubeSeriesQuery(tx, mc, filters, unsupported, list.map(bucketRange), { months: true });
  if (!query) return null;
  const counts = await readCubeCells(tx, mc, query, query.periods, [SUPPORT.code]);
  return list.map((b, i) => {
    const period = counts.get(query.periods[i]!) ?? new Map();
    const layers = cells(period, SUPPORT.code, 'layer');
    const n = cubeTotal(period, SUPPORT.code);
    return seriesRow(b, layers.get('algemeen') ?? 0, layers.get('maatwerk') ?? 0, n);
  });
}

/** The series per bucket from the person grain. */
async function series(tx: Tx, mc: string, filters: DashboardFilters, list: Bucket[]): Promise<FigureRow[]> {
  const years = [...new Set(list.map((b) => b.year))];
  // Persons are grouped by their (year, algemeen months, maatwerk months) first: few distinct masks, so the
  // months (or quarters) are then counted here instead of joining every person to every bucket.
  const { rows } = await sql<{ year: number; a: number; m: number; n: number }>`
    WITH py AS (
      SELECT s.person_id, s.year,
        coalesce(bit_or(s.months) FILTER (WHERE s.layer = 'algemeen'), 0) AS a,
        coalesce(bit_or(s.months) FILTER (WHERE s.layer = 'maatwerk'), 0) AS m
      FROM dash_mix_support s
      WHERE s.municipality_code = ${mc} AND s.year = ANY(${years}::int[]) AND ${supportConditions(filters, 's')}
      GROUP BY s.person_id, s.year)
    SELECT year, a, m, count(*)::int AS n FROM py GROUP BY year, a, m`.execute(tx);
  return list.map((b) => {
    let a = 0;
    let m = 0;
    let n = 0;
    for (const r of rows) {
      if (r.year !== b.year) continue;
      if ((r.a & b.mask) !== 0) a += r.n;
      if ((r.m & b.mask) !== 0) m += r.n;
      if (((r.a | r.m) & b.mask) !== 0) n += r.n;
    }
    return seriesRow(b, a, m, n);
  });
}

async function load(tx: Tx, context: ViewContext): Promise<{ tables: FigureTable[] }> {
  const { municipalityCode: mc, filters } = context;
  const list = buckets(filters.from, filters.to);
  const seriesRows: FigureRow[] =
    (await seriesFromCube(tx, mc, filters, list)) ?? (await series(tx, mc, filters, list));
  const { level, areas } = await mapAreas(tx, mc, filters);
  const current = await layerCountsByArea(tx, mc, filters, filters.from, filters.to, level);
  const before = previousPeriod(filters.from, filters.to);
  // A comparison period that ends before the first month with data has only support carried in from before
  // (allocations older than the first help question or declaration): no comparison then.
  const { first } = await readDataPeriod(tx, mc);
  const previous =
    first !== null && before.to >= first
      ? await layerCountsByArea(tx, mc, filters, before.from, before.to, level)
      : null;
  const comparison =
    previous === null
      ? {
          nl: `Geen vergelijking: de vergelijkingsperiode (${before.from} t/m ${before.to}) ligt vóór de eerste maand met gegevens.`,
          en: `No comparison: the comparison period (${before.from} to ${before.to}) lies before the first month with data.`,
        }
      : {
          nl: `Vergelijkingsperiode: ${before.from} t/m ${before.to} (tot een jaar: dezelfde maanden een jaar eerder; langer: de even lange periode ervoor).`,
          en: `Comparison period: ${before.from} to ${before.to} (up to a year: the same months a year earlier; longer: the period of the same length before).`,
        };
  const rowsOf = [...areas];
  if (current.byArea.has(UNKNOWN_AREA.code) || previous?.byArea.has(UNKNOWN_AREA.code))
    rowsOf.push(UNKNOWN_AREA);
  const none = { algemeen: 0, maatwerk: 0, clients: 0 };
  const mapValues = (now: LayerCounts | undefined, then: LayerCounts | undefined) => {
    const n = now ?? none;
    const p = previous === null ? null : (then ?? none);
    const share = percentage(n.maatwerk, n.clients);
    const previousShare = p && percentage(p.maatwerk, p.clients);
    return {
      algemeen: n.algemeen,
      maatwerk: n.maatwerk,
      clients: n.clients,
      maatwerkShare: share,
      previousMaatwerk: p && p.maatwerk,
      previousClients: p && p.clients,
      previousShare,
      changeBasis: p && Math.min(n.clients, p.clients),
      shareChange:
        share === null || previousShare === null ? null : Math.round((share - previousShare) * 10) / 10,
    };
  };
  const mapTable: FigureTable = {
    code: 'pyramid-by-area',
    title: { nl: 'Aandeel maatwerk per gebied', en: 'Maatwerk share by area' },
    description: {
      nl: 'Per gebied het aandeel cliënten met maatwerk, en de verandering in procentpunten tegenover de vergelijkingsperiode: kantelt de piramide?',
      en: 'Per area the share of clients with maatwerk, and the change in percentage points against the comparison period: is the pyramid tilting?',
    },
    dimension:
      level === 'wijk'
        ? { code: 'wijk', label: { nl: 'Wijk', en: 'District' } }
        : { code: 'buurt', label: { nl: 'Buurt', en: 'Neighbourhood' } },
    measures: [
      ...LAYER_MEASURES,
      persons('previousMaatwerk', 'Maatwerk vergelijkingsperiode', 'Maatwerk comparison period'),
      persons('previousClients', 'Cliënten vergelijkingsperiode', 'Clients comparison period'),
      {
        code: 'previousShare',
        label: {
          nl: 'Aandeel maatwerk vergelijkingsperiode (%)',
          en: 'Maatwerk share comparison period (%)',
        },
        kind: 'percentage',
        definition: 'pyramid-maatwerk-share',
        numeratorMeasure: 'previousMaatwerk',
        denominatorMeasure: 'previousClients',
      },
      persons(
        'changeBasis',
        'Kleinste aantal cliënten van beide perioden',
        'Smaller client count of both periods',
      ),
      {
        code: 'shareChange',
        label: { nl: 'Verandering aandeel maatwerk (procentpunt)', en: 'Change in maatwerk share (points)' },
        kind: 'score',
        definition: 'pyramid-maatwerk-share',
        basisMeasure: 'changeBasis',
      },
    ],
    rows: rowsOf.map((a) => ({
      key: a.code,
      label: a.label,
      values: mapValues(current.byArea.get(a.code), previous?.byArea.get(a.code)),
    })),
    total: mapValues(current.all, previous?.all),
    chart: 'map',
    mapLevel: level,
    drillFilter: level === 'wijk' ? 'wijk' : 'buurt',
    notes: [
      {
        nl: `${comparison.nl} Gebied = adres van het huishouden van de cliënt op het moment van de ondersteuning; wie in de periode verhuisde, telt in beide gebieden en één keer in het totaal.`,
        en: `${comparison.en} Area = address of the client's household at the time of the support; someone who moved in the period counts in both areas and once in the total.`,
      },
    ],
  };

  const layers: FigureTable = {
    code: 'pyramid-layers',
    title: { nl: 'De piramide in de periode', en: 'The pyramid in the period' },
    description: {
      nl: 'Unieke cliënten per laag: algemene voorzieningen onder, maatwerk boven.',
      en: 'Unique clients per layer: general provisions at the base, maatwerk at the top.',
    },
    dimension: { code: 'serviceKind', label: { nl: 'Laag', en: 'Layer' } },
    measures: [persons('persons', 'Cliënten', 'Clients')],
    rows: [
      {
        key: 'algemeen',
        label: { nl: 'Algemene voorziening', en: 'General provision' },
        values: { persons: current.all.algemeen },
      },
      {
        key: 'maatwerk',
        label: { nl: 'Maatwerk', en: 'Maatwerk' },
        values: { persons: current.all.maatwerk },
      },
    ],
    overlapping: true,
    chart: 'pyramid',
    notes: [
      {
        nl: 'Wie in de periode beide soorten ondersteuning had, telt in beide lagen.',
        en: 'Someone with both kinds of support in the period counts in both layers.',
      },
    ],
  };

  const over: FigureTable = {
    code: 'pyramid-over-time',
    title: { nl: 'Cliënten per laag in de tijd', en: 'Clients per layer over time' },
    description: {
      nl: 'Unieke cliënten per maand (kwartaal of jaar bij lange perioden) in elke laag, en het aandeel maatwerk.',
      en: 'Unique clients per month (quarter or year for long periods) in each layer, and the maatwerk share.',
    },
    dimension: {
      code: /^\d{4}-\d{2}$/.test(list[0]?.key ?? '') ? 'month' : 'year',
      label: { nl: 'Periode', en: 'Period' },
    },
    measures: LAYER_MEASURES,
    rows: seriesRows,
    overlapping: true,
    chart: 'stacked-bar',
  };
  return { tables: [layers, over, mapTable] };
}

export const pyramidView: DashboardView = {
  code: 'pyramid',
  title: { nl: 'Piramide: algemeen en maatwerk', en: 'Pyramid: general provisions and maatwerk' },
  description: {
    nl: 'Verschuift de ondersteuning van maatwerk naar algemene voorzieningen? Cliënten per laag in de tijd en het aandeel maatwerk per wijk.',
    en: 'Is support shifting from maatwerk to general provisions? Clients per layer over time and the maatwerk share per district.',
  },
  load,
};

export const pyramidMaintainers: SummaryMaintainer[] = [supportFactsMaintainer];
