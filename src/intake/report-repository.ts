import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

/**
 * Counts of help questions for the registration report: by one or two dimensions over a period of
 * calendar days in the Netherlands. All SQL of the report. Counts are of distinct questions, so the
 * totals are right also where a question counts in two rows (two question types).
 */

export const REPORT_DIMENSIONS = ['type', 'vindplaats', 'channel', 'outcome', 'wijk'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** Key of a wijk-less question (anonymous, or a household without an address in a known buurt). */
export const UNKNOWN_WIJK = 'onbekend';
/** Key of a question that has no triage yet. */
export const NO_TRIAGE = 'geen-triage';

// Fixed SQL per dimension: the only SQL text that depends on the request, chosen from this table.
const EXPRESSION: Record<ReportDimension, string> = {
  type: 'qt.question_type',
  vindplaats: 'q.vindplaats_id::text',
  channel: 'q.channel',
  outcome: `coalesce(t.outcome, '${NO_TRIAGE}')`,
  wijk: `coalesce(b.wijk_code, '${UNKNOWN_WIJK}')`,
};

export interface GroupCount {
  /** Value of the first dimension; null in the rows that total over it. */
  first: string | null;
  /** Value of the second dimension; null in the rows that total over it (always with one dimension). */
  second: string | null;
  count: number;
}

/**
 * Counts per combination, per value of each dimension and in all (GROUPING SETS), for questions received
 * from `fromDate` up to and including `toDate`, days in Europe/Amsterdam.
 */
export async function countHelpQuestions(
  tx: Tx,
  municipalityCode: string,
  period: { fromDate: string; toDate: string },
  dimensions: readonly [ReportDimension] | readonly [ReportDimension, ReportDimension],
): Promise<GroupCount[]> {
  const [first, second] = dimensions;
  const e1 = sql.raw(EXPRESSION[first]);
  const e2 = second ? sql.raw(EXPRESSION[second]) : null;
  const uses = new Set<ReportDimension>(dimensions);
  const joins = [
    uses.has('outcome')
      ? sql`LEFT JOIN triage t ON t.municipality_code = q.municipality_code AND t.help_question_id = q.id`
      : sql``,
    uses.has('wijk')
      ? sql`LEFT JOIN household h ON h.municipality_code = q.municipality_code AND h.id = q.household_id
            LEFT JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
            LEFT JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code`
      : sql``,
    uses.has('type') ? sql`CROSS JOIN LATERAL unnest(q.question_types) AS qt(question_type)` : sql``,
  ];
  // A question of two types is two rows after the unnest: count it once per group.
  const count = uses.has('type') ? sql`count(DISTINCT q.id)` : sql`count(*)`;
  const grouping = e2
    ? sql`GROUPING SETS ((${e1}, ${e2}), (${e1}), (${e2}), ())`
    : sql`GROUPING SETS ((${e1}), ())`;
  const { rows } = await sql<{
    first: string | null;
    second: string | null;
    g1: number;
    g2: number;
    n: number;
  }>`
    SELECT ${e1} AS first, ${e2 ?? sql`NULL::text`} AS second,
           GROUPING(${e1})::int AS g1, ${e2 ? sql`GROUPING(${e2})::int` : sql`1`} AS g2,
           ${count}::int AS n
    FROM help_question q
    ${sql.join(joins, sql` `)}
    WHERE q.municipality_code = ${municipalityCode}
      AND q.received_at >= (${period.fromDate}::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
      AND q.received_at < (${period.toDate}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
    GROUP BY ${grouping}`.execute(tx);
  return rows.map((row) => ({
    first: row.g1 === 1 ? null : row.first,
    second: row.g2 === 1 ? null : row.second,
    count: Number(row.n),
  }));
}

/** The municipality's vindplaatsen (id, name, active) by name. */
export async function listVindplaatsen(tx: Tx, municipalityCode: string) {
  return tx
    .selectFrom('vindplaats')
    .select(['id', 'name', 'active'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The municipality's wijken (code, name) by code. */
export async function listWijken(tx: Tx, municipalityCode: string) {
  return tx
    .selectFrom('wijk')
    .select(['code', 'name'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('code')
    .execute();
}
