import { localDate } from '../../intake/local-date.ts';
import type { Tx } from '../../platform/db/database.ts';
import { checkFigure } from './alert-figures.ts';
import { endOpenAlert, fireAlert, listRules, type AlertRuleRow } from './alert-repository.ts';

/**
 * Evaluates alert rules (issue 8 point 12). The platform's refresh calls it after every refresh; the alert
 * routes call it for a rule that was just made or changed. A rule newly breached fires once: an alert is
 * recorded and its owner notified; while the breach lasts nothing is repeated; when the figure is back within
 * the rule the alert ends, so a later breach is told again. Inactive rules end their open alert.
 */
export async function evaluateAlerts(
  tx: Tx,
  municipalityCode: string,
  options: { today?: string; ruleIds?: readonly string[] } = {},
): Promise<{ fired: string[]; ended: string[] }> {
  const today = options.today ?? localDate();
  const rules = (await listRules(tx, municipalityCode)).filter(
    (r) => !options.ruleIds || options.ruleIds.includes(r.id),
  );
  const fired: string[] = [];
  const ended: string[] = [];
  for (const rule of rules) {
    const outcome = await evaluateRule(tx, municipalityCode, rule, today);
    if (outcome === 'fired') fired.push(rule.id);
    if (outcome === 'ended') ended.push(rule.id);
  }
  return { fired, ended };
}

async function evaluateRule(
  tx: Tx,
  mc: string,
  rule: AlertRuleRow,
  today: string,
): Promise<'fired' | 'ended' | 'unchanged'> {
  if (!rule.active) {
    if (!rule.open_alert_id) return 'unchanged';
    await endOpenAlert(tx, mc, rule.id);
    return 'ended';
  }
  const check = await checkFigure(
    tx,
    mc,
    {
      figure: rule.figure_code,
      thresholdPct: rule.threshold_pct === null ? null : Number(rule.threshold_pct),
      taakveld: rule.taakveld_code,
      indicatorId: rule.indicator_id,
    },
    today,
  );
  // Nothing to judge (no budget, no target yet) counts as within the rule.
  const breached = check?.breached ?? false;
  if (breached && !rule.open_alert_id) {
    const id = await fireAlert(
      tx,
      mc,
      { id: rule.id, figure: rule.figure_code, ownerUserId: rule.owner_user_id },
      check!,
    );
    return id ? 'fired' : 'unchanged';
  }
  if (!breached && rule.open_alert_id) {
    await endOpenAlert(tx, mc, rule.id);
    return 'ended';
  }
  return 'unchanged';
}
