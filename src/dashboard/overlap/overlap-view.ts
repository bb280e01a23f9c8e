import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { HOUSEHOLD_OVERLAP, LAW_BIT, lawBits } from '../cube/household-overlap.ts';
import { cells, cubeSeriesQuery, cubeTotal, readCubeCells } from '../cube/cube-read.ts';
import {
  areaCondition,
  bucketRange,
  LAW_LABELS,
  mapAreas,
  masksValues,
  percentage,
  UNKNOWN_AREA,
  yearMasks,
} from '../pyramid/period.ts';
import {
  LAW_CODES,
  type DashboardFilters,
  type DashboardView,
  type FigureDefinition,
  type FigureTable,
  type LawCode,
  type Measure,
  type SummaryMaintainer,
  type ViewContext,
} from '../view-model.ts';

/**
 * Households using more than one law or service (Wmo, Jeugdwet, Participatiewet, schuldhulp): counts per
 * combination of laws and the share with more than one distinct service, from dash_mix_support (kept by the
 * pyramid's maintainer). Equal to the generator's truth `lawOverlap` and `householdServices` per year.
 */

const SOURCE =
  'dash_mix_support (toewijzing, beschikking_product, triage.referred_service_id; household_member)';

export const OVERLAP_DEFINITIONS: FigureDefinition[] = [
  {
    code: 'overlap-law-combination',
    version: 1,
    name: { nl: 'Huishoudens per combinatie van wetten', en: 'Households per combination of laws' },
    description: {
      nl: 'Huishoudens waarvan een lid in de periode ondersteuning had: een toewijzing (niet ingetrokken), een toegekend product zonder toewijzing (zoals bijstand) of een verwijzing naar een algemene voorziening bij de triage (telt als Wmo). Elk huishouden telt één keer, bij de combinatie van alle wetten waaronder zijn leden ondersteuning hadden.',
      en: 'Households with a member who had support in the period: an allocation (not withdrawn), a granted product without an allocation (such as bijstand) or a referral to an algemene voorziening at triage (counted as Wmo). Each household counts once, under the combination of all laws its members had support under.',
    },
    source: SOURCE,
  },
  {
    code: 'overlap-more-than-one-service',
    version: 1,
    name: {
      nl: 'Huishoudens met meer dan één voorziening',
      en: 'Households with more than one service',
    },
    description: {
      nl: 'Van de huishoudens met ondersteuning in de periode (zoals hierboven), het aantal en het percentage waarvan de leden samen minstens twee verschillende voorzieningen hadden (toewijzingen, bijstand, verwijzingen naar algemene voorzieningen).',
      en: 'Of the households with support in the period (as above), the number and percentage whose members together had at least two distinct services (allocations, bijstand, referrals to algemene voorzieningen).',
    },
    source: SOURCE,
  },
];

function combinationKey(bits: number): string {
  return LAW_CODES.filter((law) => (bits & LAW_BIT[law]) !== 0)
    .sort()
    .join('+');
}

function combinationLabel(key: string) {
  const laws = key.split('+') as LawCode[];
  return {
    nl: laws.map((l) => LAW_LABELS[l].nl).join(' + '),
    en: laws.map((l) => LAW_LABELS[l].en).join(' + '),
  };
}

/** Households kept by the filters: the area on the rows, law/service/provider/age group on any of its rows. */
function householdHaving(filters: DashboardFilters): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql`TRUE`];
  if (filters.law) parts.push(sql`bool_or(s.law_code = ${filters.law})`);
  if (filters.service) parts.push(sql`bool_or(s.service_id = ${filters.service}::uuid)`);
  if (filters.provider) parts.push(sql`bool_or(s.provider_id = ${filters.provider}::uuid)`);
  if (filters.ageGroup) parts.push(sql`bool_or(s.age_group = ${filters.ageGroup})`);
  return sql.join(parts, sql` AND `) as RawBuilder<boolean>;
}

const households = (code: string, nl: string, en: string, definition: string): Measure => ({
  code,
  label: { nl, en },
  kind: 'households',
  definition,
});

const SHARE_MEASURES: Measure[] = [
  households(
    'households',
    'Huishoudens met ondersteuning',
    'Households with support',
    'overlap-more-than-one-service',
  ),
  households(
    'multiService',
    'Met meer dan één voorziening',
    'With more than one service',
    'overlap-more-than-one-service',
  ),
  {
    code: 'multiServiceShare',
    label: { nl: 'Aandeel met meer dan één (%)', en: 'Share with more than one (%)' },
    kind: 'percentage',
    definition: 'overlap-more-than-one-service',
    numeratorMeasure: 'multiService',
    denominatorMeasure: 'households',
  },
];

interface OverlapRow {
  grain: 'laws' | 'area' | 'year';
  key: string | null;
  n: number;
  multi: number;
}

/**
 * Households per law combination, per area and per year from the count cube, or null when the filters are
 * not ones it answers. The years of the period are its calendar years, the first and last clipped to it.
 */
async function overlapFromCube(tx: Tx, mc: string, filters: DashboardFilters): Promise<OverlapRow[] | null> {
  const years = yearMasks(filters.from, filters.to).map(bucketRange);
  const unsupported = ['service', 'provider', 'wijk', 'buurt'] as const;
  const query = await cubeSeriesQuery(tx, mc, filters, unsupported, [filters, ...years]);
  if (!query) return null;
  const [whole, ...perYear] = query.periods as [string, ...string[]];
  const counts = await readCubeCells(tx, mc, query, query.periods, [HOUSEHOLD_OVERLAP.code]);
  const period = (key: string) => counts.get(key) ?? new Map();
  const code = HOUSEHOLD_OVERLAP.code;
  const rowsOf = (grain: 'laws' | 'area', breakdown: string): OverlapRow[] => {
    const multi = cells(period(whole), code, `${breakdown}Multi`);
    return [...cells(period(whole), code, breakdown)].map(([key, n]) => ({
      grain,
      key,
      n,
      multi: multi.get(key) ?? 0,
    }));
  };
  const yearRows = years.map((range, i): OverlapRow => {
    const counted = period(perYear[i]!);
    return {
      grain: 'year',
      key: range.from.slice(0, 4),
      n: cubeTotal(counted, code),
      multi: cells(counted, code, 'multi').get(null) ?? 0, // a breakdown without a key reads as unknown
    };
  });
  return [...rowsOf('laws', 'laws'), ...rowsOf('area', 'wijk'), ...yearRows.filter((r) => r.n > 0)];
}

/** The same from the person grain. */
async function overlapFromSupport(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  level: 'wijk' | 'buurt',
): Promise<OverlapRow[]> {
  const masks = yearMasks(filters.from, filters.to);
  const area = level === 'wijk' ? sql.ref('s.wijk_code') : sql.ref('s.buurt_code');
  const { rows } = await sql<OverlapRow>`
    WITH p(year, mask) AS (VALUES ${masksValues(masks)}),
    s AS (
      SELECT s.* FROM dash_mix_support s JOIN p ON p.year = s.year AND (s.months & p.mask) <> 0
      WHERE s.municipality_code = ${mc} AND s.household_id IS NOT NULL AND ${areaCondition(filters, 's')}),
    hh AS (
      SELECT s.household_id, ${lawBits('s.law_code')} AS laws, count(DISTINCT s.service_id) AS services, min(${area}) AS area
      FROM s GROUP BY s.household_id HAVING ${householdHaving(filters)}),
    hy AS (
      SELECT s.year, s.household_id, count(DISTINCT s.service_id) AS services
      FROM s GROUP BY s.year, s.household_id HAVING ${householdHaving(filters)})
    SELECT 'laws' AS grain, laws::text AS key, count(*)::int AS n, (count(*) FILTER (WHERE services >= 2))::int AS multi
      FROM hh GROUP BY laws
    UNION ALL
    SELECT 'area', area, count(*)::int, (count(*) FILTER (WHERE services >= 2))::int FROM hh GROUP BY area
    UNION ALL
    SELECT 'year', year::text, count(*)::int, (count(*) FILTER (WHERE services >= 2))::int FROM hy GROUP BY year`.execute(
    tx,
  );
  return rows;
}

async function load(tx: Tx, context: ViewContext): Promise<{ tables: FigureTable[] }> {
  const { municipalityCode: mc, filters } = context;
  const { level, areas } = await mapAreas(tx, mc, filters);
  const rows = (await overlapFromCube(tx, mc, filters)) ?? (await overlapFromSupport(tx, mc, filters, level));
  const of = (grain: string) => rows.filter((r) => r.grain === grain);
  const combos = of('laws')
    .map((r) => ({ key: combinationKey(Number(r.key)), n: r.n }))
    .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
  const total = combos.reduce((sum, c) => sum + c.n, 0);
  const totalMulti = of('laws').reduce((sum, r) => sum + r.multi, 0);

  const combinations: FigureTable = {
    code: 'overlap-law-combinations',
    title: { nl: 'Huishoudens per combinatie van wetten', en: 'Households per combination of laws' },
    description: {
      nl: 'Elk huishouden met ondersteuning in de periode, één keer, bij de combinatie van wetten van zijn leden.',
      en: 'Every household with support in the period, once, under the combination of its members’ laws.',
    },
    dimension: { code: 'lawCombination', label: { nl: 'Wetten', en: 'Laws' } },
    measures: [households('households', 'Huishoudens', 'Households', 'overlap-law-combination')],
    rows: combos.map((c) => ({ key: c.key, label: combinationLabel(c.key), values: { households: c.n } })),
    total: { households: total },
    chart: 'overlap',
    notes: [
      {
        nl: 'Een verwijzing naar een algemene voorziening telt als Wmo. Met een filter op wet, voorziening, aanbieder of leeftijdsgroep: huishoudens met minstens één zulke ondersteuning, met al hun wetten.',
        en: 'A referral to an algemene voorziening counts as Wmo. With a filter on law, service, provider or age group: households with at least one such support, with all their laws.',
      },
    ],
  };

  const years = of('year').sort((a, b) => Number(a.key) - Number(b.key));
  const shareRows = years.map((r) => ({
    key: r.key!,
    label: { nl: r.key!, en: r.key! },
    values: { households: r.n, multiService: r.multi, multiServiceShare: percentage(r.multi, r.n) },
  }));
  if (years.length > 1)
    shareRows.push({
      key: 'periode',
      label: { nl: 'Hele periode', en: 'Whole period' },
      values: {
        households: total,
        multiService: totalMulti,
        multiServiceShare: percentage(totalMulti, total),
      },
    });
  const share: FigureTable = {
    code: 'overlap-more-than-one',
    title: { nl: 'Huishoudens met meer dan één voorziening', en: 'Households with more than one service' },
    dimension: { code: 'year', label: { nl: 'Jaar', en: 'Year' } },
    measures: SHARE_MEASURES,
    rows: shareRows,
    overlapping: true,
    chart: 'bar',
    notes: [
      {
        nl: 'Per kalenderjaar binnen de gekozen periode; een huishouden telt in elk jaar waarin het ondersteuning had.',
        en: 'Per calendar year within the chosen period; a household counts in every year it had support.',
      },
    ],
  };

  const byArea = new Map(of('area').map((r) => [r.key ?? UNKNOWN_AREA.code, r]));
  const areaRows = [...areas];
  if (byArea.has(UNKNOWN_AREA.code)) areaRows.push(UNKNOWN_AREA);
  const map: FigureTable = {
    code: 'overlap-by-area',
    title: { nl: 'Meer dan één voorziening per gebied', en: 'More than one service by area' },
    dimension:
      level === 'wijk'
        ? { code: 'wijk', label: { nl: 'Wijk', en: 'District' } }
        : { code: 'buurt', label: { nl: 'Buurt', en: 'Neighbourhood' } },
    measures: SHARE_MEASURES,
    rows: areaRows.map((a) => {
      const r = byArea.get(a.code);
      const n = r?.n ?? 0;
      const multi = r?.multi ?? 0;
      return {
        key: a.code,
        label: a.label,
        values: { households: n, multiService: multi, multiServiceShare: percentage(multi, n) },
      };
    }),
    total: { households: total, multiService: totalMulti, multiServiceShare: percentage(totalMulti, total) },
    chart: 'map',
    mapLevel: level,
    drillFilter: level === 'wijk' ? 'wijk' : 'buurt',
    notes: [{ nl: 'Gebied = adres van het huishouden.', en: 'Area = address of the household.' }],
  };
  return { tables: [combinations, share, map] };
}

export const overlapView: DashboardView = {
  code: 'overlap',
  title: { nl: 'Samenloop: huishoudens met meer wetten', en: 'Overlap: households under more than one law' },
  description: {
    nl: 'Huishoudens met ondersteuning uit meer dan één wet of voorziening (Wmo, Jeugdwet, Participatiewet, schuldhulp).',
    en: 'Households with support under more than one law or service (Wmo, Youth Act, Participation Act, debt help).',
  },
  load,
};

/** The grain is dash_mix_support, kept by the pyramid's maintainer. */
export const overlapMaintainers: SummaryMaintainer[] = [];
