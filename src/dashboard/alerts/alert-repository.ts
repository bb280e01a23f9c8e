import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { NotificationKind } from '../../plans/notifications-repository.ts';
import type { AlertFigure } from './alert-figures.ts';

/** Alert rules and fired alerts in the database (migration 0022). */

export interface AlertRuleRow {
  id: string;
  figure_code: AlertFigure;
  threshold_pct: string | null;
  taakveld_code: string | null;
  indicator_id: string | null;
  owner_user_id: string;
  owner_name: string;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  open_alert_id: string | null;
}

export interface AlertRow {
  id: string;
  rule_id: string | null;
  figure_code: string;
  owner_user_id: string;
  fired_at: Date;
  ended_at: Date | null;
  value: string;
  reference: string;
  text_nl: string;
  text_en: string;
}

const RULE_COLUMNS = sql`r.id, r.figure_code, r.threshold_pct::text AS threshold_pct, r.taakveld_code,
  r.indicator_id, r.owner_user_id, u.display_name AS owner_name, r.active, r.version, r.created_at,
  r.updated_at,
  (SELECT a.id FROM dash_alert a WHERE a.municipality_code = r.municipality_code AND a.rule_id = r.id
     AND a.ended_at IS NULL) AS open_alert_id`;

export async function listRules(tx: Tx, mc: string, onlyActive = false): Promise<AlertRuleRow[]> {
  const { rows } = await sql<AlertRuleRow>`
    SELECT ${RULE_COLUMNS}
    FROM dash_alert_rule r
    JOIN app_user u ON u.municipality_code = r.municipality_code AND u.id = r.owner_user_id
    WHERE r.municipality_code = ${mc} ${onlyActive ? sql`AND r.active` : sql``}
    ORDER BY r.created_at, r.id`.execute(tx);
  return rows;
}

export async function findRule(
  tx: Tx,
  mc: string,
  id: string,
  lock = false,
): Promise<AlertRuleRow | undefined> {
  if (lock)
    await sql`SELECT 1 FROM dash_alert_rule WHERE municipality_code = ${mc} AND id = ${id} FOR UPDATE`.execute(
      tx,
    );
  const { rows } = await sql<AlertRuleRow>`
    SELECT ${RULE_COLUMNS}
    FROM dash_alert_rule r
    JOIN app_user u ON u.municipality_code = r.municipality_code AND u.id = r.owner_user_id
    WHERE r.municipality_code = ${mc} AND r.id = ${id}`.execute(tx);
  return rows[0];
}

export interface RuleValues {
  figure: AlertFigure;
  thresholdPct: number | null;
  taakveld: string | null;
  indicatorId: string | null;
  ownerUserId: string;
  active: boolean;
}

export async function insertRule(tx: Tx, mc: string, v: RuleValues): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO dash_alert_rule (municipality_code, figure_code, threshold_pct, taakveld_code, indicator_id,
      owner_user_id, active)
    VALUES (${mc}, ${v.figure}, ${v.thresholdPct}, ${v.taakveld}, ${v.indicatorId}, ${v.ownerUserId}, ${v.active})
    RETURNING id`.execute(tx);
  return rows[0]!.id;
}

export async function updateRule(tx: Tx, mc: string, id: string, v: RuleValues): Promise<void> {
  await sql`
    UPDATE dash_alert_rule SET figure_code = ${v.figure}, threshold_pct = ${v.thresholdPct},
      taakveld_code = ${v.taakveld}, indicator_id = ${v.indicatorId}, owner_user_id = ${v.ownerUserId},
      active = ${v.active}, version = version + 1, updated_at = now()
    WHERE municipality_code = ${mc} AND id = ${id}`.execute(tx);
}

/** Ends the open alert of a rule (breach over, or the rule changed so the next breach is told anew). */
export async function endOpenAlert(tx: Tx, mc: string, ruleId: string): Promise<void> {
  await sql`UPDATE dash_alert SET ended_at = greatest(now(), fired_at)
            WHERE municipality_code = ${mc} AND rule_id = ${ruleId} AND ended_at IS NULL`.execute(tx);
}

export async function deleteRule(tx: Tx, mc: string, id: string): Promise<void> {
  await endOpenAlert(tx, mc, id);
  await sql`DELETE FROM dash_alert_rule WHERE municipality_code = ${mc} AND id = ${id}`.execute(tx);
}

export async function listAlerts(
  tx: Tx,
  mc: string,
  query: { ruleId?: string; page: number; pageSize: number },
): Promise<{ rows: AlertRow[]; total: number }> {
  const rule = query.ruleId ? sql`AND rule_id = ${query.ruleId}::uuid` : sql``;
  const { rows } = await sql<AlertRow>`
    SELECT id, rule_id, figure_code, owner_user_id, fired_at, ended_at, value::text AS value,
           reference::text AS reference, text_nl, text_en
    FROM dash_alert WHERE municipality_code = ${mc} ${rule}
    ORDER BY fired_at DESC, id
    LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`.execute(tx);
  const count = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM dash_alert WHERE municipality_code = ${mc} ${rule}`.execute(tx);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

/** How a fired alert is told under the bell: its own kind, linking to the alerts page of the dashboard. */
export const ALERT_NOTIFICATION = {
  kind: 'signalering',
  link: '/dashboard/signalen',
} as const satisfies { kind: NotificationKind; link: string };

/**
 * Records a newly breached rule as fired and notifies its owner in Grip (the notification bell, link to
 * the alerts page). Only when the rule has no open alert: while a breach lasts, nothing is repeated.
 * Returns the alert id, or null when an open alert already existed.
 */
export async function fireAlert(
  tx: Tx,
  mc: string,
  rule: { id: string; figure: string; ownerUserId: string },
  check: { value: number; reference: number; text: { nl: string; en: string } },
): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO dash_alert (municipality_code, rule_id, figure_code, owner_user_id, value, reference, text_nl, text_en)
    VALUES (${mc}, ${rule.id}, ${rule.figure}, ${rule.ownerUserId}, ${check.value}, ${check.reference},
            ${check.text.nl.slice(0, 500)}, ${check.text.en.slice(0, 500)})
    ON CONFLICT (municipality_code, rule_id) WHERE ended_at IS NULL DO NOTHING
    RETURNING id`.execute(tx);
  const alertId = rows[0]?.id;
  if (!alertId) return null;
  // The notification mechanism of the plans (src/plans/notifications-*), with the kind of its own that the
  // bell labels as a dashboard alert (migration 0028).
  const notice = await sql<{ id: string }>`
    INSERT INTO notification (municipality_code, recipient_user_id, kind, plan_id, subject_id, text_nl, text_en, link)
    VALUES (${mc}, ${rule.ownerUserId}, ${ALERT_NOTIFICATION.kind}, NULL, ${alertId},
            ${`Signalering: ${check.text.nl}`.slice(0, 500)}, ${`Alert: ${check.text.en}`.slice(0, 500)},
            ${ALERT_NOTIFICATION.link})
    RETURNING id`.execute(tx);
  await sql`UPDATE dash_alert SET notification_id = ${notice.rows[0]!.id}
            WHERE municipality_code = ${mc} AND id = ${alertId}`.execute(tx);
  return alertId;
}
