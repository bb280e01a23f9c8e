import type { Selectable } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { MeldingTable } from '../platform/db/schema.ts';
import {
  clockState,
  computeClocks,
  isLawCode,
  runningClock,
  type ClockKind,
  type ClockState,
} from './legal-clocks.ts';
import { localDate } from './local-date.ts';

/** SQL of the melding aggregate: the melding, its clock suspensions, and its due dates kept up to date. */

export interface SuspensionView {
  id: string;
  fromDate: string;
  untilDate: string | null;
  reason: 'wacht-op-gegevens-inwoner' | 'wacht-op-advies' | 'verzoek-inwoner';
}

export interface MeldingView {
  id: string;
  helpQuestionId: string;
  personId: string;
  lawCode: string;
  meldedDate: string;
  investigationDueDate: string | null;
  aanvraagDate: string | null;
  decisionDueDate: string | null;
  suspendedDays: number;
  status: 'onderzoek' | 'aanvraag' | 'besloten' | 'ingetrokken';
  closedDate: string | null;
  suspensions: SuspensionView[];
  /** The running clock (null once decided or withdrawn). */
  clock: ClockKind | null;
  dueDate: string | null;
  state: ClockState | null;
}

export const OPEN_MELDING = ['onderzoek', 'aanvraag'] as const;

export function toMelding(
  row: Selectable<MeldingTable>,
  suspensions: SuspensionView[],
  today: string,
): MeldingView {
  const open = row.status === 'onderzoek' || row.status === 'aanvraag';
  // Live while the melding is open, so that a suspension that has not ended moves the due date every day.
  const clocks =
    open && isLawCode(row.law_code)
      ? computeClocks({
          lawCode: row.law_code,
          meldedOn: row.melded_on,
          aanvraagOn: row.aanvraag_on,
          suspensions,
          today,
        })
      : {
          investigationDueOn: row.investigation_due_on,
          decisionDueOn: row.decision_due_on,
          suspendedDays: row.suspended_days,
        };
  const running = open ? runningClock(clocks) : null;
  return {
    id: row.id,
    helpQuestionId: row.help_question_id,
    personId: row.person_id,
    lawCode: row.law_code,
    meldedDate: row.melded_on,
    investigationDueDate: clocks.investigationDueOn,
    aanvraagDate: row.aanvraag_on,
    decisionDueDate: clocks.decisionDueOn,
    suspendedDays: clocks.suspendedDays,
    status: row.status,
    closedDate: row.closed_on,
    suspensions,
    clock: running?.clock ?? null,
    dueDate: running?.dueDate ?? null,
    state: running ? clockState(running.dueDate, today) : null,
  };
}

export async function suspensionsOf(tx: Tx, municipalityCode: string, meldingIds: string[]) {
  const result = new Map<string, SuspensionView[]>();
  if (meldingIds.length === 0) return result;
  const rows = await tx
    .selectFrom('legal_clock_suspension')
    .where('municipality_code', '=', municipalityCode)
    .where('melding_id', 'in', meldingIds)
    .select(['id', 'melding_id', 'suspended_from', 'suspended_until', 'reason'])
    .orderBy('suspended_from')
    .execute();
  for (const r of rows) {
    const list = result.get(r.melding_id) ?? [];
    list.push({ id: r.id, fromDate: r.suspended_from, untilDate: r.suspended_until, reason: r.reason });
    result.set(r.melding_id, list);
  }
  return result;
}

export async function getMeldingRow(tx: Tx, municipalityCode: string, id: string, forUpdate = false) {
  let query = tx
    .selectFrom('melding')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function getMelding(
  tx: Tx,
  municipalityCode: string,
  id: string,
): Promise<MeldingView | undefined> {
  const row = await getMeldingRow(tx, municipalityCode, id);
  if (!row) return undefined;
  const suspensions = await suspensionsOf(tx, municipalityCode, [row.id]);
  return toMelding(row, suspensions.get(row.id) ?? [], localDate());
}

export async function meldingOfQuestion(tx: Tx, municipalityCode: string, helpQuestionId: string) {
  const row = await tx
    .selectFrom('melding')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('help_question_id', '=', helpQuestionId)
    .orderBy('melded_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const suspensions = await suspensionsOf(tx, municipalityCode, [row.id]);
  return toMelding(row, suspensions.get(row.id) ?? [], localDate());
}

/** Recomputes the due dates and suspended days of a melding from its dates and suspensions. */
export async function refreshClocks(tx: Tx, municipalityCode: string, meldingId: string): Promise<void> {
  const row = await getMeldingRow(tx, municipalityCode, meldingId);
  if (!row || !isLawCode(row.law_code)) return;
  const suspensions = (await suspensionsOf(tx, municipalityCode, [meldingId])).get(meldingId) ?? [];
  const clocks = computeClocks({
    lawCode: row.law_code,
    meldedOn: row.melded_on,
    aanvraagOn: row.aanvraag_on,
    suspensions,
    today: localDate(),
  });
  await tx
    .updateTable('melding')
    .set({
      investigation_due_on: clocks.investigationDueOn,
      decision_due_on: clocks.decisionDueOn,
      suspended_days: clocks.suspendedDays,
    })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', meldingId)
    .execute();
}
