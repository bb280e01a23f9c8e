import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import { indicatorRows, indicatorViews } from '../../steering/indicators.ts';
import {
  budgetsByTaakveld,
  lastMonthWithData,
  proRata,
  spendingByTaakveld,
  toDate,
} from '../money/budget-comparison.ts';

/**
 * The figures alert rules watch (issue 8 point 12), each computed as of a day, with whether a rule with the
 * given parameters is breached. Amounts in euro (two decimals), counts as counts.
 */

export const ALERT_FIGURES = [
  'spending-above-budget',
  'indicator-off-track',
  'overdue-decisions-rising',
] as const;
export type AlertFigure = (typeof ALERT_FIGURES)[number];

export interface AlertRuleParameters {
  figure: AlertFigure;
  thresholdPct: number | null;
  taakveld: string | null;
  indicatorId: string | null;
}

export interface FigureCheck {
  breached: boolean;
  /** The figure: spending in euro, the indicator's value, overdue meldingen now. */
  value: number;
  /** What it is compared with: the pro-rata budget in euro, the target, overdue meldingen a month before. */
  reference: number;
  text: Bilingual;
}

const euro = (cents: number) => Math.round(cents) / 100;
const euroText = (cents: number) =>
  new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    cents / 100,
  );

/**
 * Spending (declarations and lump sums) from January of this year to the last month with data, against the
 * budget pro rata over those months: breached when more than thresholdPct % above it. Null (nothing to
 * judge) without a budget or without data this year.
 */
async function spendingAboveBudget(
  tx: Tx,
  mc: string,
  rule: AlertRuleParameters,
  today: string,
): Promise<FigureCheck | null> {
  const year = Number(today.slice(0, 4));
  const through = Math.min(Number(today.slice(5, 7)), await lastMonthWithData(tx, mc, year));
  if (through <= 0) return null;
  const budgets = await budgetsByTaakveld(tx, mc, year);
  const spending = await spendingByTaakveld(tx, mc, year, through);
  let budget = 0;
  let spent = 0;
  for (const [taakveld, b] of budgets)
    if (!rule.taakveld || taakveld === rule.taakveld) budget += b.budgetCents;
  for (const [taakveld, s] of spending)
    if (!rule.taakveld || taakveld === rule.taakveld)
      spent += toDate(s.realisation, through) + toDate(s.lumpSums, through);
  if (budget <= 0) return null;
  const reference = proRata(budget, through);
  const limit = reference * (1 + (rule.thresholdPct ?? 0) / 100);
  const over = reference === 0 ? 0 : Math.round(((spent - reference) / reference) * 1000) / 10;
  const scope = rule.taakveld ? `taakveld ${rule.taakveld}` : null;
  return {
    breached: spent > limit,
    value: euro(spent),
    reference: euro(reference),
    text: {
      nl: `Uitgaven ${scope ?? 'sociaal domein'} januari–maand ${through} ${year}: ${euroText(spent)}, ${over}% boven de begroting naar rato (${euroText(reference)}; drempel ${rule.thresholdPct}%).`,
      en: `Spending ${scope ?? 'social domain'} January–month ${through} ${year}: ${euroText(spent)}, ${over}% above the pro-rata budget (${euroText(reference)}; threshold ${rule.thresholdPct}%).`,
    },
  };
}

/** The indicator's latest status (steering: on/off track against its target). */
async function indicatorOffTrack(tx: Tx, mc: string, rule: AlertRuleParameters): Promise<FigureCheck | null> {
  if (!rule.indicatorId) return null;
  const rows = await indicatorRows(tx, mc, { id: rule.indicatorId });
  const [view] = await indicatorViews(tx, mc, rows);
  if (!view) return null;
  const latest = [...view.realisations].reverse().find((r) => r.value !== null);
  if (!latest || latest.target === null || latest.value === null) return null;
  return {
    breached: view.status === 'niet-op-koers',
    value: latest.value,
    reference: latest.target,
    text: {
      nl: `Indicator ${view.code} ${view.name} is niet op koers: ${latest.value} tegen streefwaarde ${latest.target} (${latest.periodEnd.slice(0, 4)}).`,
      en: `Indicator ${view.code} ${view.name} is off track: ${latest.value} against target ${latest.target} (${latest.periodEnd.slice(0, 4)}).`,
    },
  };
}

/**
 * Meldingen open on a day whose running legal term had passed by then: the decision term once the
 * aanvraag was made (where the law has one), else the investigation term; due dates as stored on the
 * melding (suspensions included). Withdrawn or decided meldingen count until the day they were closed.
 */
export async function overdueMeldingen(tx: Tx, mc: string, day: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM melding
    WHERE municipality_code = ${mc} AND melded_on <= ${day}::date
      AND (closed_on IS NULL OR closed_on > ${day}::date)
      AND NOT (closed_on IS NULL AND status IN ('besloten', 'ingetrokken'))
      AND CASE WHEN aanvraag_on IS NOT NULL AND aanvraag_on <= ${day}::date AND decision_due_on IS NOT NULL
               THEN decision_due_on
               ELSE coalesce(investigation_due_on, decision_due_on) END < ${day}::date`.execute(tx);
  return rows[0]?.n ?? 0;
}

/** A month before `day` (same day number, or the month's last day). */
export function monthBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(y, m - 2, Math.min(d, last)));
  return date.toISOString().slice(0, 10);
}

/** Overdue meldingen now against a month ago: breached when more than thresholdPct % up (any rise from 0). */
async function overdueDecisionsRising(
  tx: Tx,
  mc: string,
  rule: AlertRuleParameters,
  today: string,
): Promise<FigureCheck> {
  const before = monthBefore(today);
  const now = await overdueMeldingen(tx, mc, today);
  const then = await overdueMeldingen(tx, mc, before);
  const breached = now > 0 && now > then * (1 + (rule.thresholdPct ?? 0) / 100);
  return {
    breached,
    value: now,
    reference: then,
    text: {
      nl: `Meldingen over de wettelijke termijn: ${now} op ${today} tegen ${then} op ${before} (drempel ${rule.thresholdPct}% stijging).`,
      en: `Meldingen past their legal term: ${now} on ${today} against ${then} on ${before} (threshold ${rule.thresholdPct}% rise).`,
    },
  };
}

/** The figure of a rule as of `today`; null when there is nothing to judge (no budget, no target, …). */
export function checkFigure(
  tx: Tx,
  mc: string,
  rule: AlertRuleParameters,
  today: string,
): Promise<FigureCheck | null> {
  switch (rule.figure) {
    case 'spending-above-budget':
      return spendingAboveBudget(tx, mc, rule, today);
    case 'indicator-off-track':
      return indicatorOffTrack(tx, mc, rule);
    case 'overdue-decisions-rising':
      return overdueDecisionsRising(tx, mc, rule, today);
  }
}
