import { legalTermsFromCube } from './legal-terms-cube.ts';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { DashboardFilters } from '../view-model.ts';
import { CLIENT_FLOWS } from '../cube/client-flows.ts';
import { CLIENTS, MAATWERK_CLIENTS } from '../cube/cube-measures.ts';
import { monthPeriod } from '../cube/cube-period.ts';
import { cells, cubeQuery, readCube, type CubeCells, type CubeQuery } from '../cube/cube-read.ts';
import { filterConditions, yearMasksSql, type PeriodSelection } from './view-filters.ts';

/**
 * The queries of the volumes view, all on the dash_* summaries. Distinct clients come from the client-year
 * grain (one scan with grouping sets for every breakdown); months, inflow and outflow from per-person bit
 * masks summed bit by bit; legal terms from the per-decision and per-melding summaries.
 */

const CLIENT_FILTERS = { law: true, service: true, provider: true, area: true, ageGroup: true } as const;

/** Without a service filter the client figures count maatwerk; a service filter counts that service. */
function kindCondition(filters: DashboardFilters): RawBuilder<boolean> {
  return filters.service ? sql<boolean>`true` : sql<boolean>`c.service_kind = 'maatwerk'`;
}

export interface ClientCountRow {
  set: 'total' | 'law' | 'kind' | 'service' | 'provider' | 'area' | 'ageGroup';
  key: string | null;
  kind: string | null;
  allClients: number;
  maatwerkClients: number;
}

/**
 * Distinct clients per breakdown. Each breakdown first reduces the grain to one row per (person, key) with a
 * hash aggregate and then counts those rows (measured a little faster on PGlite than count(DISTINCT …) with
 * grouping sets, which sorts the grain once per set).
 */
export async function clientCounts(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  period: PeriodSelection,
  areaLevel: 'wijk' | 'buurt',
): Promise<ClientCountRow[]> {
  const cube = await cubeQuery(tx, mc, filters, ['service', 'provider', 'wijk', 'buurt']);
  if (cube) return clientCountsFromCube(await readCube(tx, mc, cube, [CLIENTS.code, MAATWERK_CLIENTS.code]));
  const areaColumn = sql.ref(areaLevel === 'wijk' ? 'c.wijk_code' : 'c.buurt_code');
  const breakdown = (set: ClientCountRow['set'], key: string, kind = 'NULL') =>
    sql.raw(`SELECT '${set}' AS breakdown, ${key}::text AS key, ${kind} AS kind, count(*)::int AS all_clients,
        (count(*) FILTER (WHERE mw))::int AS maatwerk_clients
      FROM (SELECT person_id, ${key === 'NULL' ? '' : `${key}, `}${kind === 'NULL' ? '' : `${kind}, `}bool_or(mw) AS mw
        FROM f GROUP BY person_id${key === 'NULL' ? '' : `, ${key}`}${kind === 'NULL' ? '' : `, ${kind}`}) AS x
      ${key === 'NULL' ? '' : `GROUP BY ${key}${kind === 'NULL' ? '' : `, ${kind}`}`}`);
  const { rows } = await sql<{
    breakdown: ClientCountRow['set'];
    key: string | null;
    kind: string | null;
    all_clients: number;
    maatwerk_clients: number;
  }>`
    WITH sel(year, mask) AS ${yearMasksSql(period)},
    f AS MATERIALIZED (
      SELECT c.person_id, c.law_code, c.service_kind, c.service_id, c.provider_id, ${areaColumn} AS area, c.age_group, c.service_kind = 'maatwerk' AS mw
      FROM dash_client_year c JOIN sel ON sel.year = c.year
      WHERE c.municipality_code = ${mc} AND c.year BETWEEN ${period.firstYear} AND ${period.lastYear}
        AND c.months & sel.mask <> 0 AND ${filterConditions('c', filters, CLIENT_FILTERS)}
    )
    ${breakdown('total', 'NULL')}
    UNION ALL ${breakdown('law', 'law_code')}
    UNION ALL ${breakdown('kind', 'service_kind')}
    UNION ALL ${breakdown('service', 'service_id', 'service_kind')}
    UNION ALL ${breakdown('provider', 'provider_id')}
    UNION ALL ${breakdown('area', 'area')}
    UNION ALL ${breakdown('ageGroup', 'age_group')}`.execute(tx);
  return rows.map((r) => ({
    set: r.breakdown,
    key: r.breakdown === 'total' ? null : r.key,
    kind: r.kind,
    allClients: r.all_clients,
    maatwerkClients: r.maatwerk_clients,
  }));
}

const CUBE_SETS: Record<ClientCountRow['set'], string> = {
  total: 'total',
  law: 'law',
  kind: 'kind',
  service: 'service',
  provider: 'provider',
  area: 'wijk',
  ageGroup: 'ageGroup',
};

/** The same rows from the count cube (a standard period, filtered on law and age group at most). */
function clientCountsFromCube(counts: CubeCells): ClientCountRow[] {
  const rows: ClientCountRow[] = [];
  for (const [set, breakdown] of Object.entries(CUBE_SETS) as [ClientCountRow['set'], string][]) {
    const maatwerk = cells(counts, MAATWERK_CLIENTS.code, breakdown);
    for (const [key, allClients] of cells(counts, CLIENTS.code, breakdown)) {
      const [id, kind] = set === 'service' && key ? key.split(':') : [key, null];
      rows.push({
        set,
        key: set === 'total' ? null : (id ?? null),
        kind: kind ?? null,
        allClients,
        maatwerkClients: maatwerk.get(key) ?? 0,
      });
    }
  }
  return rows;
}

export interface MonthlyFigures {
  /** Active clients per 'YYYY-MM' per law. */
  active: Map<string, Map<string, number>>;
  inflow: Map<string, number>;
  outflow: Map<string, number>;
  /** Distinct persons with an inflow (outflow) in a month of the period. */
  inflowPersons: number;
  outflowPersons: number;
}

const bitSums = (expression: string) =>
  Array.from({ length: 12 }, (_, i) => `sum(((${expression}) >> ${i + 1}) & 1)::int AS m${i + 1}`).join(', ');

const noMonthlyFigures = (): MonthlyFigures => ({
  active: new Map(),
  inflow: new Map(),
  outflow: new Map(),
  inflowPersons: 0,
  outflowPersons: 0,
});

export async function monthlyFigures(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  period: PeriodSelection,
): Promise<MonthlyFigures> {
  const cube = await cubeQuery(tx, mc, filters, ['service', 'provider', 'wijk', 'buurt']);
  if (cube) return monthlyFiguresFromCube(tx, mc, cube, period);
  const zeros = Array.from({ length: 12 }, (_, i) => `0 AS m${i + 1}`).join(', ');
  const { rows } = await sql<
    Record<`m${number}`, number> & { what: string; year: number; law_code: string | null }
  >`
    WITH sel(year, mask) AS ${yearMasksSql(period)},
    p AS (
      SELECT c.person_id, c.year::int AS year, c.law_code, bit_or(c.months) AS m
      FROM dash_client_year c
      WHERE c.municipality_code = ${mc} AND c.year BETWEEN ${period.firstYear} AND ${period.lastYear}
        AND ${kindCondition(filters)} AND ${filterConditions('c', filters, CLIENT_FILTERS)}
      GROUP BY c.person_id, c.year, c.law_code
    ),
    q AS (SELECT person_id, year, bit_or(m) AS m FROM p GROUP BY person_id, year)
    SELECT 'active' AS what, year, law_code, ${sql.raw(bitSums('m'))} FROM p GROUP BY year, law_code
    UNION ALL
    SELECT 'in', year, NULL, ${sql.raw(bitSums('m & ~(m << 1)'))} FROM q GROUP BY year
    UNION ALL
    SELECT 'out', year, NULL, ${sql.raw(bitSums('m & ~(m >> 1)'))} FROM q GROUP BY year
    UNION ALL
    SELECT 'in-persons', 0, NULL, count(DISTINCT q.person_id)::int, ${sql.raw(zeros.replace('0 AS m1, ', ''))}
    FROM q JOIN sel ON sel.year = q.year WHERE (q.m & ~(q.m << 1)) & sel.mask <> 0
    UNION ALL
    SELECT 'out-persons', 0, NULL, count(DISTINCT q.person_id)::int, ${sql.raw(zeros.replace('0 AS m1, ', ''))}
    FROM q JOIN sel ON sel.year = q.year WHERE (q.m & ~(q.m >> 1)) & sel.mask <> 0`.execute(tx);
  const inPeriod = new Set(period.months);
  const result = noMonthlyFigures();
  for (const row of rows) {
    if (row.what === 'in-persons') result.inflowPersons = row.m1 as number;
    if (row.what === 'out-persons') result.outflowPersons = row.m1 as number;
    for (let m = 1; m <= 12; m++) {
      const month = `${row.year}-${String(m).padStart(2, '0')}`;
      if (!inPeriod.has(month)) continue;
      const value = row[`m${m}`] as number;
      if (row.what === 'active') {
        const byLaw = result.active.get(month) ?? new Map<string, number>();
        byLaw.set(row.law_code!, value);
        result.active.set(month, byLaw);
      } else if (row.what === 'in') result.inflow.set(month, value);
      else if (row.what === 'out') result.outflow.set(month, value);
    }
  }
  return result;
}

/** The same figures from the count cube: the months of the period and the period itself. */
async function monthlyFiguresFromCube(
  tx: Tx,
  mc: string,
  cube: CubeQuery,
  period: PeriodSelection,
): Promise<MonthlyFigures> {
  const { rows } = await sql<{ period: string; breakdown: string; key: string; persons: number }>`
    SELECT period, breakdown, key, persons FROM dash_cube
    WHERE municipality_code = ${mc} AND measure = ${CLIENT_FLOWS.code} AND law_code = ${cube.law}
      AND age_group = ${cube.ageGroup} AND period IN (${sql.join([cube.period, ...period.months.map(monthPeriod)])})`.execute(
    tx,
  );
  const result = noMonthlyFigures();
  for (const r of rows) {
    const month = r.period.slice(1);
    if (r.breakdown === 'inflowPersons') result.inflowPersons = r.persons;
    else if (r.breakdown === 'outflowPersons') result.outflowPersons = r.persons;
    else if (r.breakdown === 'inflow') result.inflow.set(month, r.persons);
    else if (r.breakdown === 'outflow') result.outflow.set(month, r.persons);
    else if (r.breakdown === 'active') {
      const byLaw = result.active.get(month) ?? new Map<string, number>();
      byLaw.set(r.key, r.persons);
      result.active.set(month, byLaw);
    }
  }
  return result;
}

export interface LegalTermRow {
  /** Law code, or null for all laws together. */
  law: string | null;
  meldingen: number;
  openPastTerm: number;
  decisions: number;
  granted: number;
  partlyGranted: number;
  refused: number;
  withMelding: number;
  withTerm: number;
  onTime: number;
  medianDays: number | null;
}

const LEGAL_FILTERS = { law: true, area: true, ageGroup: true } as const;

export async function legalTerms(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  period: PeriodSelection,
): Promise<LegalTermRow[]> {
  const fromCube = await legalTermsFromCube(tx, mc, filters);
  if (fromCube) return fromCube;
  const { firstDay, lastDay } = period;
  const decisions = await sql<{
    law_code: string | null;
    decisions: number;
    granted: number;
    partly: number;
    refused: number;
    with_melding: number;
    with_term: number;
    on_time: number;
    median: number | string | null;
  }>`
    SELECT d.law_code, count(*)::int AS decisions,
      (count(*) FILTER (WHERE d.outcome = 'toegekend'))::int AS granted,
      (count(*) FILTER (WHERE d.outcome = 'gedeeltelijk-toegekend'))::int AS partly,
      (count(*) FILTER (WHERE d.outcome = 'afgewezen'))::int AS refused,
      (count(*) FILTER (WHERE d.melded_on IS NOT NULL))::int AS with_melding,
      (count(*) FILTER (WHERE d.decision_due_on IS NOT NULL))::int AS with_term,
      (count(*) FILTER (WHERE d.decided_on <= d.decision_due_on))::int AS on_time,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY d.decided_on - d.melded_on) AS median
    FROM dash_legal_decision d
    WHERE d.municipality_code = ${mc} AND d.decided_on BETWEEN ${firstDay}::date AND ${lastDay}::date
      AND ${filterConditions('d', filters, LEGAL_FILTERS)}
    GROUP BY GROUPING SETS ((d.law_code), ())`.execute(tx);
  const runningDue = sql`CASE WHEN m.decision_due_on IS NOT NULL AND (m.aanvraag_on IS NULL OR m.aanvraag_on <= ${lastDay}::date)
    THEN m.decision_due_on ELSE m.investigation_due_on END`;
  // Two index-friendly halves: meldingen received in the period (by melded_on) and meldingen still open on
  // its last day (by the closed_on expression index), rather than one scan with an OR.
  const meldingen = await sql<{ law_code: string | null; meldingen: number; past_term: number }>`
    SELECT law_code, sum(meldingen)::int AS meldingen, sum(past_term)::int AS past_term FROM (
      SELECT m.law_code, count(*) AS meldingen, 0 AS past_term
      FROM dash_legal_melding m
      WHERE m.municipality_code = ${mc} AND m.melded_on BETWEEN ${firstDay}::date AND ${lastDay}::date
        AND ${filterConditions('m', filters, LEGAL_FILTERS)}
      GROUP BY m.law_code
      UNION ALL
      SELECT m.law_code, 0, count(*) FILTER (WHERE m.melded_on <= ${lastDay}::date AND ${runningDue} < ${lastDay}::date)
      FROM dash_legal_melding m
      WHERE m.municipality_code = ${mc} AND coalesce(m.closed_on, DATE '9999-12-31') > ${lastDay}::date
        AND ${filterConditions('m', filters, LEGAL_FILTERS)}
      GROUP BY m.law_code
    ) AS x
    GROUP BY GROUPING SETS ((law_code), ())`.execute(tx);
  const byLaw = new Map<string | null, LegalTermRow>();
  const row = (law: string | null): LegalTermRow => {
    let r = byLaw.get(law);
    if (!r) {
      r = {
        law,
        meldingen: 0,
        openPastTerm: 0,
        decisions: 0,
        granted: 0,
        partlyGranted: 0,
        refused: 0,
        withMelding: 0,
        withTerm: 0,
        onTime: 0,
        medianDays: null,
      };
      byLaw.set(law, r);
    }
    return r;
  };
  for (const d of decisions.rows) {
    Object.assign(row(d.law_code), {
      decisions: d.decisions,
      granted: d.granted,
      partlyGranted: d.partly,
      refused: d.refused,
      withMelding: d.with_melding,
      withTerm: d.with_term,
      onTime: d.on_time,
      medianDays: d.median === null ? null : Math.round(Number(d.median) * 10) / 10,
    });
  }
  for (const m of meldingen.rows)
    Object.assign(row(m.law_code), { meldingen: m.meldingen, openPastTerm: m.past_term });
  row(null);
  return [...byLaw.values()];
}
