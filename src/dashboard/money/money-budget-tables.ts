import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import type { DashboardFilters, FigureRow, FigureTable, ViewContext } from '../view-model.ts';
import {
  budgetsByTaakveld,
  forecastYearEnd,
  LAW_TAAKVELDEN,
  lastMonthWithData,
  proRata,
  spendingByTaakveld,
  toDate,
  type TaakveldBudget,
  type TaakveldSpending,
} from './budget-comparison.ts';
import type { MoneyLabels } from './money-labels.ts';
import { monthClientsFromCube, realisationByMonthFromCube, yearClientsFromCube } from './money-cube.ts';
import {
  budgetHonoured,
  BUDGET,
  CLIENTS,
  FORECAST,
  LUMP_SUMS,
  lumpHonoured,
  monthKeys,
  NOTE_BUDGET_EMPTY,
  NOTE_BUDGET_FILTERS,
  NOTE_FORECAST,
  NOTE_LUMP_NOT_ATTRIBUTABLE,
  PRO_RATA,
  REALISATION,
} from './money-measures.ts';
import { filterConditions, firstDay } from './money-sql.ts';

/**
 * Spending against the budget in the money view: by taakveld, by month (cumulative against pro rata) and
 * the year's headline with the forecast.
 */

/** Lump sums per month 'YYYY-MM' between two months, under the law and provider filters. */
async function lumpSumsByMonth(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const { rows } = await sql<{ month: string; cents: string }>`
    SELECT to_char(month, 'YYYY-MM') AS month, sum(amount_cents)::text AS cents FROM dash_money_lump_sum
    WHERE municipality_code = ${mc} AND month BETWEEN ${firstDay(from)}::date AND ${firstDay(to)}::date
      ${filterConditions(f, { law: true, provider: true })}
    GROUP BY 1`.execute(tx);
  return new Map(rows.map((r) => [r.month, Number(r.cents)]));
}

/** Realisation per month 'YYYY-MM' under every filter. */
async function realisationByMonth(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const fromCube = await realisationByMonthFromCube(tx, mc, f, from, to);
  if (fromCube) return fromCube;
  const { rows } = await sql<{ month: string; cents: string }>`
    SELECT to_char(month, 'YYYY-MM') AS month, sum(amount_cents)::text AS cents FROM dash_money_realisation
    WHERE municipality_code = ${mc} AND month BETWEEN ${firstDay(from)}::date AND ${firstDay(to)}::date
      ${filterConditions(f)}
    GROUP BY 1`.execute(tx);
  return new Map(rows.map((r) => [r.month, Number(r.cents)]));
}

/** Budgets per taakveld, read once per transaction and year (several tables of a view need them). */
const budgetCache = new WeakMap<Tx, Map<number, Promise<Map<string, TaakveldBudget>>>>();
function budgetsOf(tx: Tx, mc: string, year: number): Promise<Map<string, TaakveldBudget>> {
  let perYear = budgetCache.get(tx);
  if (!perYear) {
    perYear = new Map();
    budgetCache.set(tx, perYear);
  }
  let budgets = perYear.get(year);
  if (!budgets) {
    budgets = budgetsByTaakveld(tx, mc, year);
    perYear.set(year, budgets);
  }
  return budgets;
}

/** The year's budget (cents) under the law filter; null when other filters make it incomparable. */
async function budgetFor(tx: Tx, mc: string, f: DashboardFilters, year: number): Promise<number | null> {
  if (!budgetHonoured(f)) return null;
  const budgets = await budgetsOf(tx, mc, year);
  let total = 0;
  for (const b of budgets.values())
    if (!f.law || LAW_TAAKVELDEN[f.law].includes(b.taakveld)) total += b.budgetCents;
  return budgets.size === 0 ? null : total;
}

/** Clients per month and from January up to each month, for the years of the filter period. */
async function monthClients(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
): Promise<Map<string, { month: number; ytd: number }>> {
  // One row per client and year first (their months OR-ed over cells), so the per-month counts need no
  // DISTINCT over the twelve-fold join.
  const { rows } = await sql<{
    year: number;
    m: number;
    month_clients: number;
    ytd_clients: number;
  }>`
    WITH per_client AS (
      SELECT year, person_id, bit_or(month_mask) AS mask FROM dash_money_client_year
      WHERE municipality_code = ${mc} AND year BETWEEN ${Number(f.from.slice(0, 4))} AND ${Number(f.to.slice(0, 4))}
        ${filterConditions(f)}
      GROUP BY year, person_id
    )
    SELECT pc.year::int AS year, mm.m,
           (count(*) FILTER (WHERE (pc.mask & (1 << (mm.m - 1))) <> 0))::int AS month_clients,
           (count(*) FILTER (WHERE (pc.mask & ((1 << mm.m) - 1)) <> 0))::int AS ytd_clients
    FROM per_client pc CROSS JOIN generate_series(1, 12) AS mm(m)
    GROUP BY 1, 2`.execute(tx);
  return new Map(
    rows.map((r) => [
      `${r.year}-${String(r.m).padStart(2, '0')}`,
      { month: r.month_clients, ytd: r.ytd_clients },
    ]),
  );
}

/**
 * Spending by month: realisation and clients per month, and year to date (from January of each month's
 * year) spending — declarations plus lump sums — against the pro-rata budget.
 */
export async function monthTable(tx: Tx, context: ViewContext): Promise<FigureTable> {
  const { municipalityCode: mc, filters: f } = context;
  const months = monthKeys(f.from, f.to);
  const yearStart = `${f.from.slice(0, 4)}-01`;
  const realised = await realisationByMonth(tx, mc, f, yearStart, f.to);
  const lumps = lumpHonoured(f) ? await lumpSumsByMonth(tx, mc, f, yearStart, f.to) : null;
  const clients = (await monthClientsFromCube(tx, mc, f, f.from, f.to)) ?? (await monthClients(tx, mc, f));
  const budgets = new Map<number, number | null>();
  for (let y = Number(f.from.slice(0, 4)); y <= Number(f.to.slice(0, 4)); y++)
    budgets.set(y, await budgetFor(tx, mc, f, y));
  const rows: FigureRow[] = [];
  for (const month of months) {
    const year = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    let ytd = 0;
    for (let i = 1; i <= m; i++) {
      const key = `${year}-${String(i).padStart(2, '0')}`;
      ytd += (realised.get(key) ?? 0) + (lumps?.get(key) ?? 0);
    }
    const budget = budgets.get(year) ?? null;
    const c = clients.get(month);
    rows.push({
      key: month,
      label: { nl: month, en: month },
      values: {
        clients: c?.month ?? 0,
        realisationCents: realised.get(month) ?? 0,
        lumpSumCents: lumps === null ? null : (lumps.get(month) ?? 0),
        ytdClients: c?.ytd ?? 0,
        ytdSpendingCents: ytd,
        proRataBudgetCents: budget === null ? null : proRata(budget, m),
      },
    });
  }
  const notes: Bilingual[] = [
    {
      nl: 'Cumulatief: uitgaven (declaraties en lumpsums) vanaf januari van het jaar, tegen de begroting naar rato (begroting × maanden / 12).',
      en: 'Cumulative: spending (declarations and lump sums) from January of the year, against the pro-rata budget (budget × months / 12).',
    },
  ];
  if (!lumpHonoured(f)) notes.push(NOTE_LUMP_NOT_ATTRIBUTABLE);
  if (!budgetHonoured(f)) notes.push(NOTE_BUDGET_EMPTY);
  return {
    code: 'spending-by-month',
    title: { nl: 'Uitgaven per maand tegen de begroting', en: 'Spending by month against the budget' },
    dimension: { code: 'month', label: { nl: 'Maand', en: 'Month' } },
    measures: [
      CLIENTS,
      REALISATION,
      LUMP_SUMS,
      {
        code: 'ytdClients',
        label: { nl: 'Cliënten vanaf januari', en: 'Clients since January' },
        kind: 'persons',
        definition: 'money-clients',
      },
      {
        code: 'ytdSpendingCents',
        label: { nl: 'Uitgaven cumulatief', en: 'Spending, cumulative' },
        kind: 'money',
        definition: 'money-realisation',
        basisMeasure: 'ytdClients',
      },
      PRO_RATA,
    ],
    overlapping: true,
    rows,
    chart: 'line',
    notes,
  };
}

/**
 * Budget against spending per BBV taakveld, and the year's headline tiles with the forecast. The year is
 * that of the period's last month; spending counts from January to the last month with data (at most the
 * period's last month).
 */
export async function budgetTables(
  tx: Tx,
  context: ViewContext,
  labels: MoneyLabels,
): Promise<FigureTable[]> {
  const { municipalityCode: mc, filters: f } = context;
  const year = Number(f.to.slice(0, 4));
  const through = Math.min(Number(f.to.slice(5, 7)), await lastMonthWithData(tx, mc, year));
  const budgets = await budgetsOf(tx, mc, year);
  const spending = await spendingByTaakveld(tx, mc, year, through, f.law);
  const taakvelden = [...new Set([...budgets.keys(), ...spending.keys()])]
    .filter((t) => !f.law || LAW_TAAKVELDEN[f.law].includes(t))
    .sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }));
  const rows: FigureRow[] = taakvelden.map((t) => {
    const b = budgets.get(t);
    const s = spending.get(t);
    const monthly = Array.from({ length: 12 }, (_, i) => (s?.realisation[i] ?? 0) + (s?.lumpSums[i] ?? 0));
    const themes = b?.themes.length ? ` (${b.themes.join(', ')})` : '';
    const label = labels.taakveld(t);
    return {
      key: t,
      label: { nl: `${label.nl}${themes}`, en: `${label.en}${themes}` },
      values: {
        clients: s?.clients ?? 0,
        realisationCents: s ? toDate(s.realisation, through) : 0,
        lumpSumCents: s ? toDate(s.lumpSums, through) : 0,
        budgetCents: b ? b.budgetCents : null,
        proRataBudgetCents: b ? proRata(b.budgetCents, through) : null,
        forecastCents: forecastYearEnd(monthly, through),
      },
    };
  });
  const periodNote: Bilingual = {
    nl: `Jaar ${year}, januari tot en met maand ${through} (de laatste maand met gegevens in de periode).`,
    en: `Year ${year}, January up to month ${through} (the last month with data in the period).`,
  };
  const byTaakveld: FigureTable = {
    code: 'budget-by-taakveld',
    title: { nl: 'Begroting en uitgaven per taakveld', en: 'Budget and spending by taakveld' },
    description: {
      nl: 'Lasten per BBV-taakveld (met de thema’s van de begroting): realisatie en lumpsums tot nu toe tegen de begroting naar rato, en de prognose.',
      en: 'Lasten per BBV taakveld (with the budget’s themes): realisation and lump sums so far against the pro-rata budget, and the forecast.',
    },
    dimension: { code: 'theme', label: { nl: 'Taakveld', en: 'Taakveld' } },
    measures: [CLIENTS, REALISATION, LUMP_SUMS, BUDGET, PRO_RATA, FORECAST],
    overlapping: true,
    rows,
    chart: 'bar',
    notes: [periodNote, NOTE_FORECAST, NOTE_BUDGET_FILTERS],
  };
  return [byTaakveld, await forecastTable(tx, context, year, through, spending)];
}

/** The year's headline: spending so far, budget, pro-rata budget and forecast, under the filters. */
async function forecastTable(
  tx: Tx,
  context: ViewContext,
  year: number,
  through: number,
  byTaakveld: Map<string, TaakveldSpending>,
): Promise<FigureTable> {
  const { municipalityCode: mc, filters: f } = context;
  const monthKey = (i: number) => `${year}-${String(i + 1).padStart(2, '0')}`;
  let declarations: number[];
  let lumpMonthly: number[];
  if (budgetHonoured(f)) {
    // Only the law filter (or none): the taakveld figures already hold the year, by month.
    declarations = Array.from({ length: 12 }, () => 0);
    lumpMonthly = Array.from({ length: 12 }, () => 0);
    for (const s of byTaakveld.values())
      for (let i = 0; i < 12; i++) {
        declarations[i]! += s.realisation[i]!;
        lumpMonthly[i]! += s.lumpSums[i]!;
      }
  } else {
    const realised = await realisationByMonth(tx, mc, f, `${year}-01`, `${year}-12`);
    const lumps = lumpHonoured(f) ? await lumpSumsByMonth(tx, mc, f, `${year}-01`, `${year}-12`) : null;
    declarations = Array.from({ length: 12 }, (_, i) => realised.get(monthKey(i)) ?? 0);
    lumpMonthly = Array.from({ length: 12 }, (_, i) => lumps?.get(monthKey(i)) ?? 0);
  }
  const lumps = lumpHonoured(f) ? true : null;
  const spending = declarations.map((d, i) => d + lumpMonthly[i]!);
  const clients =
    (await yearClientsFromCube(tx, mc, f, year, through)) ?? (await yearClients(tx, mc, f, year, through));
  const budget = await budgetFor(tx, mc, f, year);
  const notes = [NOTE_FORECAST];
  if (!lumpHonoured(f)) notes.push(NOTE_LUMP_NOT_ATTRIBUTABLE);
  if (!budgetHonoured(f)) notes.push(NOTE_BUDGET_EMPTY);
  return {
    code: 'year-forecast',
    title: { nl: `Uitgaven ${year} en prognose`, en: `Spending ${year} and forecast` },
    dimension: { code: 'year', label: { nl: 'Jaar', en: 'Year' } },
    measures: [CLIENTS, REALISATION, LUMP_SUMS, BUDGET, PRO_RATA, FORECAST],
    rows: [
      {
        key: String(year),
        label: { nl: String(year), en: String(year) },
        values: {
          clients,
          realisationCents: toDate(declarations, through),
          lumpSumCents: lumps === null ? null : toDate(lumpMonthly, through),
          budgetCents: budget,
          proRataBudgetCents: budget === null ? null : proRata(budget, through),
          forecastCents: forecastYearEnd(spending, through),
        },
      },
    ],
    chart: 'tiles',
    notes,
  };
}

/** Clients with realisation from January through `through` of `year`, under every filter. */
async function yearClients(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
  year: number,
  through: number,
): Promise<number> {
  const mask = through <= 0 ? 0 : (1 << through) - 1;
  const { rows } = await sql<{ n: number }>`
    SELECT count(DISTINCT person_id)::int AS n FROM dash_money_client_year
    WHERE municipality_code = ${mc} AND year = ${year} AND (month_mask & ${mask}::int) <> 0 ${filterConditions(f)}`.execute(
    tx,
  );
  return rows[0]?.n ?? 0;
}
