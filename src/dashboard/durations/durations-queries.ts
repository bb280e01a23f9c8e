import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { DashboardFilters } from '../view-model.ts';
import { filterConditions, type PeriodSelection } from '../volumes/view-filters.ts';

/** Horizons of "still open after N months", in days as the truth file counts them (N × 30.44, rounded). */
export const OPEN_AFTER_MONTHS = [6, 12, 24] as const;
export const horizonDays = (months: number) => Math.round(months * 30.44);

/** Durations are capped at 20 years so one bad end date cannot stretch a quantile. */
const MAX_DAYS = 7300;

export interface DurationRow {
  /** 'service' (law + service), 'law' or 'total'. */
  level: 'service' | 'law' | 'total';
  law: string | null;
  service: string | null;
  started: number;
  ended: number;
  p25Days: number | null;
  medianDays: number | null;
  p75Days: number | null;
  /** Per horizon: started at least that long before the end of the period, and of those still open then. */
  cohort: Record<(typeof OPEN_AFTER_MONTHS)[number], number>;
  open: Record<(typeof OPEN_AFTER_MONTHS)[number], number>;
}

/**
 * Trajectories (toewijzingen) that started in the period. Ended: end date on or before the last day of the
 * period; duration = end − start + 1 days. Quantiles are nearest-rank (percentile_disc), as the truth file.
 */
export async function durationFigures(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
  period: PeriodSelection,
): Promise<DurationRow[]> {
  const last = sql`${period.lastDay}::date`;
  const horizonColumns = OPEN_AFTER_MONTHS.map((m) => {
    const h = horizonDays(m);
    return `(count(*) FILTER (WHERE since_start >= ${h}))::int AS cohort${m},
      (count(*) FILTER (WHERE since_start >= ${h} AND open_days > ${h}))::int AS open${m}`;
  }).join(',\n');
  const { rows } = await sql<
    {
      g_law: number;
      g_service: number;
      law_code: string | null;
      service_id: string | null;
      started: number;
      ended: number;
      p25: number | null;
      p50: number | null;
      p75: number | null;
    } & Record<string, unknown>
  >`
    WITH d AS (
      SELECT t.law_code, t.service_id,
        (t.end_date IS NOT NULL AND t.end_date <= ${last}) AS ended,
        least(t.end_date - t.start_date + 1, ${sql.lit(MAX_DAYS)}) AS days,
        CASE WHEN t.end_date IS NOT NULL AND t.end_date <= ${last} THEN t.end_date - t.start_date + 1
          ELSE ${last} - t.start_date + 1 END AS open_days,
        ${last} - t.start_date + 1 AS since_start
      FROM dash_duration t
      WHERE t.municipality_code = ${mc} AND t.start_date BETWEEN ${period.firstDay}::date AND ${last}
        AND ${filterConditions('t', filters, { law: true, service: true, provider: true, area: true, ageGroup: true })}
    )
    SELECT GROUPING(law_code)::int AS g_law, GROUPING(service_id)::int AS g_service, law_code, service_id::text,
      count(*)::int AS started, (count(*) FILTER (WHERE ended))::int AS ended,
      percentile_disc(0.25) WITHIN GROUP (ORDER BY days) FILTER (WHERE ended) AS p25,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE ended) AS p50,
      percentile_disc(0.75) WITHIN GROUP (ORDER BY days) FILTER (WHERE ended) AS p75,
      ${sql.raw(horizonColumns)}
    FROM d
    GROUP BY GROUPING SETS ((law_code, service_id), (law_code), ())`.execute(tx);
  return rows.map((r): DurationRow => ({
    level: r.g_service === 0 ? 'service' : r.g_law === 0 ? 'law' : 'total',
    law: r.g_law === 0 ? r.law_code : null,
    service: r.g_service === 0 ? r.service_id : null,
    started: r.started,
    ended: r.ended,
    p25Days: r.p25 === null ? null : Number(r.p25),
    medianDays: r.p50 === null ? null : Number(r.p50),
    p75Days: r.p75 === null ? null : Number(r.p75),
    cohort: { 6: Number(r.cohort6), 12: Number(r.cohort12), 24: Number(r.cohort24) },
    open: { 6: Number(r.open6), 12: Number(r.open12), 24: Number(r.open24) },
  }));
}
