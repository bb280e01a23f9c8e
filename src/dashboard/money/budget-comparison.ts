import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { taakveldFor } from '../../steering/realisation-from-costs.ts';
import type { LawCode } from '../view-model.ts';
import { taakveldSpendingFromCube } from './money-cube.ts';
import { TAAKVELD_EXPRESSION } from './taakveld-sql.ts';

/**
 * Spending against budget per BBV taakveld (issue 8 point 3, issue 7 point 3). Grip's costs reach a
 * taakveld by the law and product category of the service, exactly as the budget realisation from costs
 * does (taakveldFor in src/steering/realisation-from-costs.ts); budgets reach it by the budget line's own
 * taakveld or its theme's.
 *
 * The budget of a year is the lasten begroting: per programme and taakveld the begroting na wijziging where
 * there is one, else the primitive begroting; theme lines where the programme has them for that taakveld,
 * else its programme-level taakveld lines (never both, so nothing counts twice). Programme totals without a
 * taakveld cannot be compared and are left out.
 */

/** The taakvelden a law's costs can fall under (taakveldFor), for the budget under a law filter. */
export const LAW_TAAKVELDEN: Record<LawCode, readonly string[]> = {
  wmo: ['6.6', '6.71', '6.81'],
  jeugdwet: ['6.72', '6.82'],
  participatiewet: ['6.5'],
  schuldhulp: ['6.3'],
};

export const TAAKVELD_SQL = sql.raw(TAAKVELD_EXPRESSION);

export interface TaakveldBudget {
  taakveld: string;
  name: string;
  /** Names of the themes whose budget lines carry the taakveld. */
  themes: string[];
  budgetCents: number;
}

export async function budgetsByTaakveld(
  tx: Tx,
  municipalityCode: string,
  year: number,
): Promise<Map<string, TaakveldBudget>> {
  const { rows } = await sql<{
    programme_id: string;
    taakveld: string;
    level: 'theme' | 'programme';
    stage: string;
    theme_name: string | null;
    name: string;
    amount: string;
  }>`
    SELECT coalesce(bl.programme_id, th.programme_id) AS programme_id,
           coalesce(bl.bbv_taakveld_code, th.bbv_taakveld_code) AS taakveld,
           CASE WHEN bl.theme_id IS NULL THEN 'programme' ELSE 'theme' END AS level,
           bl.stage, th.name AS theme_name, tv.name, bl.amount_thousands::text AS amount
    FROM budget_line bl
    LEFT JOIN theme th ON th.municipality_code = bl.municipality_code AND th.id = bl.theme_id
    JOIN bbv_taakveld tv ON tv.code = coalesce(bl.bbv_taakveld_code, th.bbv_taakveld_code)
    WHERE bl.municipality_code = ${municipalityCode} AND bl.year = ${year} AND bl.side = 'lasten'
      AND bl.stage IN ('begroting', 'begroting-na-wijziging')`.execute(tx);
  // Per programme and taakveld: the level to use (theme lines win) and the stage (na wijziging wins).
  const best = new Map<string, { level: string; stage: string }>();
  for (const r of rows) {
    const key = `${r.programme_id}|${r.taakveld}`;
    const current = best.get(key);
    const better =
      !current ||
      (r.level === 'theme' && current.level === 'programme') ||
      (r.level === current.level && r.stage === 'begroting-na-wijziging');
    if (better) best.set(key, { level: r.level, stage: r.stage });
  }
  const result = new Map<string, TaakveldBudget>();
  for (const r of rows) {
    const chosen = best.get(`${r.programme_id}|${r.taakveld}`)!;
    if (r.level !== chosen.level || r.stage !== chosen.stage) continue;
    const entry = result.get(r.taakveld) ?? {
      taakveld: r.taakveld,
      name: r.name,
      themes: [],
      budgetCents: 0,
    };
    // € × 1,000 with one decimal → eurocent, exactly.
    entry.budgetCents += Math.round(Number(r.amount) * 1000) * 100;
    if (r.theme_name && !entry.themes.includes(r.theme_name)) entry.themes.push(r.theme_name);
    result.set(r.taakveld, entry);
  }
  return result;
}

/** Key for costs that reach no taakveld (a lump sum under a contract without products). */
export const NO_TAAKVELD = 'geen';

export interface TaakveldSpending {
  /** Declarations per month (index 0 = January), eurocent. */
  realisation: number[];
  /** Lump sums per month, eurocent. */
  lumpSums: number[];
  /** Distinct clients with realisation from January to the month given to spendingByTaakveld. */
  clients: number;
}

const twelve = () => Array.from({ length: 12 }, () => 0);

/** Realisation and lump sums per taakveld and month of `year`, from the summaries; optionally one law. */
export async function spendingByTaakveld(
  tx: Tx,
  municipalityCode: string,
  year: number,
  throughMonth: number,
  law?: LawCode,
): Promise<Map<string, TaakveldSpending>> {
  const lawCondition = law ? sql`AND law_code = ${law}` : sql``;
  const from = `${year}-01-01`;
  const to = `${year}-12-01`;
  const cube = await taakveldSpendingFromCube(tx, municipalityCode, year, throughMonth, law);
  const realised = cube
    ? [...cube.realisation].flatMap(([taakveld, months]) =>
        months.map((cents, i) => ({ taakveld, month: i + 1, cents })),
      )
    : await realisedByTaakveld(tx, municipalityCode, from, to, lawCondition);
  const lump = await sql<{ taakveld: string | null; month: number; cents: string }>`
    SELECT ${TAAKVELD_SQL} AS taakveld, extract(month FROM month)::int AS month, sum(amount_cents)::text AS cents
    FROM dash_money_lump_sum
    WHERE municipality_code = ${municipalityCode} AND month BETWEEN ${from}::date AND ${to}::date ${lawCondition}
    GROUP BY 1, 2`.execute(tx);
  const clients = cube
    ? [...cube.clients].map(([taakveld, n]) => ({ taakveld, n }))
    : await clientsByTaakveld(tx, municipalityCode, year, throughMonth, lawCondition);
  const result = new Map<string, TaakveldSpending>();
  const entry = (taakveld: string) => {
    let e = result.get(taakveld);
    if (!e) {
      e = { realisation: twelve(), lumpSums: twelve(), clients: 0 };
      result.set(taakveld, e);
    }
    return e;
  };
  for (const r of realised) entry(r.taakveld ?? NO_TAAKVELD).realisation[r.month - 1]! += r.cents;
  for (const r of lump.rows) entry(r.taakveld ?? NO_TAAKVELD).lumpSums[r.month - 1]! += Number(r.cents);
  for (const r of clients) entry(r.taakveld ?? NO_TAAKVELD).clients = r.n;
  return result;
}

/** Realisation per taakveld and month (1–12) between two month starts, from the money summary. */
async function realisedByTaakveld(
  tx: Tx,
  municipalityCode: string,
  from: string,
  to: string,
  lawCondition: RawBuilder<unknown>,
): Promise<{ taakveld: string | null; month: number; cents: number }[]> {
  const { rows } = await sql<{ taakveld: string | null; month: number; cents: string }>`
    SELECT ${TAAKVELD_SQL} AS taakveld, month, sum(cents)::text AS cents FROM (
      SELECT law_code, product_category_code, extract(month FROM month)::int AS month, sum(amount_cents) AS cents
      FROM dash_money_realisation
      WHERE municipality_code = ${municipalityCode} AND month BETWEEN ${from}::date AND ${to}::date ${lawCondition}
      GROUP BY 1, 2, 3) x
    GROUP BY 1, 2`.execute(tx);
  return rows.map((r) => ({ ...r, cents: Number(r.cents) }));
}

/** Distinct clients per taakveld with realisation from January through `throughMonth` of `year`. */
async function clientsByTaakveld(
  tx: Tx,
  municipalityCode: string,
  year: number,
  throughMonth: number,
  lawCondition: RawBuilder<unknown>,
): Promise<{ taakveld: string | null; n: number }[]> {
  const mask = throughMonth <= 0 ? 0 : (1 << Math.min(12, throughMonth)) - 1;
  const { rows } = await sql<{ taakveld: string | null; n: number }>`
    SELECT ${TAAKVELD_SQL} AS taakveld, count(DISTINCT person_id)::int AS n
    FROM dash_money_client_year
    WHERE municipality_code = ${municipalityCode} AND year = ${year} AND (month_mask & ${mask}::int) <> 0
      ${lawCondition}
    GROUP BY 1`.execute(tx);
  return rows;
}

/** The latest month (1–12) of `year` with realisation or lump sums in the municipality; 0 when none. */
export async function lastMonthWithData(tx: Tx, municipalityCode: string, year: number): Promise<number> {
  const { rows } = await sql<{ m: number | null }>`
    SELECT extract(month FROM greatest(
      (SELECT max(month) FROM dash_money_realisation
       WHERE municipality_code = ${municipalityCode} AND month BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-01`}::date),
      (SELECT max(month) FROM dash_money_lump_sum
       WHERE municipality_code = ${municipalityCode} AND month BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-01`}::date)
    ))::int AS m`.execute(tx);
  return rows[0]?.m ?? 0;
}

/**
 * Year-end forecast, the method stated in the view's notes: what was spent in January … month `through`,
 * plus the average of the last three of those months (fewer when fewer have passed) for each month still to
 * come. `monthly` holds the spending per month (index 0 = January). Null before any month has passed.
 */
export function forecastYearEnd(monthly: readonly number[], through: number): number | null {
  if (through <= 0) return null;
  const months = monthly.slice(0, Math.min(12, through));
  const spent = months.reduce((a, b) => a + b, 0);
  const recent = months.slice(-3);
  const average = recent.reduce((a, b) => a + b, 0) / recent.length;
  return Math.round(spent + average * (12 - months.length));
}

/** Sum of the first `through` months. */
export const toDate = (monthly: readonly number[], through: number) =>
  monthly.slice(0, Math.max(0, through)).reduce((a, b) => a + b, 0);

/** Pro-rata budget: the part of the year's budget for January … month `through`. */
export const proRata = (budgetCents: number, through: number) =>
  Math.round((budgetCents * Math.max(0, Math.min(12, through))) / 12);

export { taakveldFor };
