import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

/** First and last month ('YYYY-MM') with data of a municipality; null when it has none. */
export interface DataPeriod {
  first: string | null;
  last: string | null;
}

/**
 * The period the dashboard covers: from the first help question or declaration month (the first allocation
 * when neither exists) to the latest one, but not beyond the current month. The default filter period and
 * the count cube's standard periods follow from it. Every part is an index scan on its date column.
 */
export async function readDataPeriod(tx: Tx, municipalityCode: string): Promise<DataPeriod> {
  const mc = municipalityCode;
  const { rows } = await sql<DataPeriod>`
    SELECT to_char(coalesce(least(
             (SELECT min(received_at) FROM help_question WHERE municipality_code = ${mc}),
             (SELECT min(period_start) FROM declaration WHERE municipality_code = ${mc})),
             (SELECT min(start_date) FROM toewijzing WHERE municipality_code = ${mc})), 'YYYY-MM') AS first,
           to_char(least(coalesce(greatest(
             (SELECT max(received_at) FROM help_question WHERE municipality_code = ${mc}),
             (SELECT max(period_start) FROM declaration WHERE municipality_code = ${mc})),
             (SELECT max(start_date) FROM toewijzing WHERE municipality_code = ${mc})), now()), 'YYYY-MM') AS last`.execute(
    tx,
  );
  return rows[0] ?? { first: null, last: null };
}
