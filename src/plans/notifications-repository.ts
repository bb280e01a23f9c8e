import { sql } from 'kysely';
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Bilingual } from '../platform/http/problem.ts';

/**
 * Notifications (docs/api/plans.md): a notice to one account that something happened on a plan it is party
 * to. Their texts never name a resident: the link says where to look, and opening it is what is logged.
 */

export type NotificationKind = 'bericht' | 'document' | 'akkoord' | 'evaluatie' | 'signalering';

/** A resident counts as an adult for their own plan from 16 (they may then see and agree to it). */
export const ADULT_AGE = 16;

/** The latest birth date of someone who is `years` old on `today` (YYYY-MM-DD strings compare as dates). */
export function bornOnOrBefore(today: string, years: number): string {
  return `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`;
}

/**
 * Every account that is party to a plan: its regisseur, the involved professionals with an account
 * (involvement not ended), and the resident accounts (role inwoner) of its adult participants. Only
 * active accounts; without `except` (the author of what happened).
 */
export async function planParties(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  except: string | null,
  today: string = localDate(),
): Promise<string[]> {
  const adultBorn = bornOnOrBefore(today, ADULT_AGE);
  const { rows } = await sql<{ user_id: string }>`
    SELECT DISTINCT u.id AS user_id
    FROM app_user u
    WHERE u.municipality_code = ${municipalityCode} AND u.active
      AND (
        u.id = (SELECT regisseur_user_id FROM household_plan
                WHERE municipality_code = ${municipalityCode} AND id = ${planId})
        OR u.id IN (SELECT user_id FROM plan_professional
                    WHERE municipality_code = ${municipalityCode} AND plan_id = ${planId}
                      AND user_id IS NOT NULL AND involved_from <= ${today}::date
                      AND (involved_until IS NULL OR involved_until >= ${today}::date))
        OR (
          EXISTS (SELECT 1 FROM role_assignment r
                  WHERE r.municipality_code = u.municipality_code AND r.user_id = u.id AND r.role = 'inwoner')
          AND u.person_id IN (SELECT pp.person_id FROM plan_participant pp
                              JOIN person p ON p.municipality_code = pp.municipality_code AND p.id = pp.person_id
                              WHERE pp.municipality_code = ${municipalityCode} AND pp.plan_id = ${planId}
                                AND p.birth_date <= ${adultBorn}::date)
        )
      )
    ORDER BY u.id`.execute(tx);
  return rows.map((r) => r.user_id).filter((id) => id !== except);
}

/** Whether this account is a resident account (role inwoner): its links go to the portal. */
async function residentAccounts(tx: Tx, municipalityCode: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('role_assignment')
    .select('user_id')
    .where('municipality_code', '=', municipalityCode)
    .where('user_id', 'in', userIds)
    .where('role', '=', 'inwoner')
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Notifies every recipient; residents get the portal's link, professionals the plan's. */
export async function notify(
  tx: Tx,
  municipalityCode: string,
  recipients: string[],
  notice: {
    kind: NotificationKind;
    planId: string | null;
    subjectId?: string | null;
    text: Bilingual;
    link: string;
    portalLink?: string;
  },
): Promise<number> {
  if (recipients.length === 0) return 0;
  const residents = await residentAccounts(tx, municipalityCode, recipients);
  await tx
    .insertInto('notification')
    .values(
      recipients.map((userId) => ({
        municipality_code: municipalityCode,
        recipient_user_id: userId,
        kind: notice.kind,
        plan_id: notice.planId,
        subject_id: notice.subjectId ?? null,
        text_nl: notice.text.nl,
        text_en: notice.text.en,
        link: residents.has(userId) ? (notice.portalLink ?? notice.link) : notice.link,
      })),
    )
    .execute();
  return recipients.length;
}

/** How many days ahead an evaluation counts as due (as on the plan worklist). */
export const EVALUATION_DUE_DAYS = 14;

/**
 * Tells the regisseur, once per evaluation, that an evaluation of one of their open plans is due within
 * EVALUATION_DUE_DAYS days or overdue. Run when they look at their notifications.
 */
export async function notifyEvaluationsDue(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  today: string = localDate(),
): Promise<void> {
  const horizon = new Date(`${today}T12:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + EVALUATION_DUE_DAYS);
  const due = await tx
    .selectFrom('plan_evaluation as e')
    .innerJoin('household_plan as p', (j) =>
      j.onRef('p.municipality_code', '=', 'e.municipality_code').onRef('p.id', '=', 'e.plan_id'),
    )
    .select(['e.id', 'e.plan_id', 'e.planned_on'])
    .where('e.municipality_code', '=', municipalityCode)
    .where('p.regisseur_user_id', '=', userId)
    .where('p.status', '<>', 'afgesloten')
    .where('e.kind', '=', 'evaluatie')
    .where('e.held_on', 'is', null)
    .where('e.planned_on', '<=', horizon.toISOString().slice(0, 10))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification as n')
            .select(sql`1`.as('one'))
            .whereRef('n.municipality_code', '=', 'e.municipality_code')
            .where('n.recipient_user_id', '=', userId)
            .where('n.kind', '=', 'evaluatie')
            .whereRef('n.subject_id', '=', 'e.id'),
        ),
      ),
    )
    .execute();
  for (const e of due) {
    const day = `${Number(e.planned_on.slice(8, 10))}-${Number(e.planned_on.slice(5, 7))}-${e.planned_on.slice(0, 4)}`;
    const overdue = e.planned_on < today;
    await notify(tx, municipalityCode, [userId], {
      kind: 'evaluatie',
      planId: e.plan_id,
      subjectId: e.id,
      text: overdue
        ? {
            nl: `Een evaluatie van ${day} is nog niet gehouden.`,
            en: `An evaluation due on ${day} has not been held.`,
          }
        : { nl: `Een evaluatie staat gepland op ${day}.`, en: `An evaluation is planned on ${day}.` },
      link: `/plannen/${e.plan_id}`,
    });
  }
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  plan_id: string | null;
  text_nl: string;
  text_en: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
}

export const NOTIFICATION_PAGE_SIZE = 50;

/** My notifications, newest first (a page of them), with how many are unread in all. */
export async function listNotifications(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  options: { page: number; unreadOnly: boolean },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  let query = tx
    .selectFrom('notification')
    .where('municipality_code', '=', municipalityCode)
    .where('recipient_user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const rows = await query
    .select(['id', 'kind', 'plan_id', 'text_nl', 'text_en', 'link', 'created_at', 'read_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(NOTIFICATION_PAGE_SIZE)
    .offset((options.page - 1) * NOTIFICATION_PAGE_SIZE)
    .execute();
  const counts = await tx
    .selectFrom('notification')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) FILTER (WHERE read_at IS NULL))::int`.as('unread'),
    ])
    .where('municipality_code', '=', municipalityCode)
    .where('recipient_user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    rows,
    total: options.unreadOnly ? counts.unread : counts.total,
    unread: counts.unread,
  };
}

/** Marks one of my notifications read (once: a second time keeps the first moment). Null when not mine. */
export async function markNotificationRead(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  notificationId: string,
): Promise<NotificationRow | null> {
  await tx
    .updateTable('notification')
    .set({ read_at: sql<Date>`greatest(now(), created_at)` })
    .where('municipality_code', '=', municipalityCode)
    .where('recipient_user_id', '=', userId)
    .where('id', '=', notificationId)
    .where('read_at', 'is', null)
    .execute();
  const row = await tx
    .selectFrom('notification')
    .select(['id', 'kind', 'plan_id', 'text_nl', 'text_en', 'link', 'created_at', 'read_at'])
    .where('municipality_code', '=', municipalityCode)
    .where('recipient_user_id', '=', userId)
    .where('id', '=', notificationId)
    .executeTakeFirst();
  return row ?? null;
}
