import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { invalid } from '../platform/http/problem.ts';
import type {
  Channel,
  HelpQuestion,
  LawCode,
  PersonInput,
  QuestionType,
  ReferrerKind,
} from './help-question-schemas.ts';
import { findOrCreatePersonAndHousehold } from './household-matching.ts';
import { openPlanOf, toHelpQuestion } from './help-questions-repository.ts';
import { localYear } from './local-date.ts';

/**
 * Registering a help question, wherever it is asked (staff at a vindplaats, or the resident online):
 * the person and household found or created, a reference number HV-<year>-<7 digits>, the team whose
 * worklist it goes on, the link to an open question of the same household, and idempotency for
 * submissions that may be sent twice. Runs inside the caller's tenant transaction.
 */

export interface RegisterHelpQuestionInput {
  channel: Channel;
  vindplaatsId: string;
  referrerKind?: ReferrerKind | null;
  referrerName?: string | null;
  questionTypes: QuestionType[];
  mainLawCode?: LawCode | null;
  freeText?: string | null;
  person: PersonInput | null;
  /** A repeat with the same key returns the question registered the first time (`replayed: true`). */
  idempotencyKey?: string | null;
  /** When the question came in; default now. */
  receivedAt?: Date;
}

export interface RegisteredHelpQuestion extends HelpQuestion {
  /** True when the idempotency key was seen before and nothing new was registered. */
  replayed: boolean;
  created: { person: boolean; household: boolean; address: boolean };
}

/** Keys of the transaction-level advisory locks (first int of the two-int form). */
const LOCK_REFERENCE = 7_401;
const LOCK_IDEMPOTENCY = 7_402;

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,100}$/;

export async function registerHelpQuestion(
  tx: Tx,
  municipalityCode: string,
  input: RegisterHelpQuestionInput,
  actor: { userId: string | null },
): Promise<RegisteredHelpQuestion> {
  const notCreated = { person: false, household: false, address: false };
  if (input.idempotencyKey != null) {
    if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
      throw invalid([
        {
          name: 'Idempotency-Key',
          code: 'invalid-format',
          reason: {
            nl: 'De sleutel bestaat uit 16 tot 100 letters, cijfers, - of _.',
            en: 'The key consists of 16 to 100 letters, digits, - or _.',
          },
        },
      ]);
    }
    // Two submissions with the same key at the same moment: the second waits, then finds the first.
    await sql`SELECT pg_advisory_xact_lock(${LOCK_IDEMPOTENCY}, hashtext(${`${municipalityCode}:${input.idempotencyKey}`}))`.execute(
      tx,
    );
    const existing = await tx
      .selectFrom('help_question')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (existing) {
      const plan = await openPlanOf(tx, municipalityCode, existing.household_id);
      return { ...toHelpQuestion(existing, plan), replayed: true, created: notCreated };
    }
  }

  const vindplaats = await tx
    .selectFrom('vindplaats')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', input.vindplaatsId)
    .select(['id', 'active', 'team_id'])
    .executeTakeFirst();
  if (!vindplaats || !vindplaats.active) {
    throw invalid([
      {
        name: 'vindplaatsId',
        code: vindplaats ? 'inactive-vindplaats' : 'unknown-vindplaats',
        reason: vindplaats
          ? { nl: 'Deze vindplaats is niet meer in gebruik.', en: 'This vindplaats is no longer in use.' }
          : {
              nl: 'Deze vindplaats bestaat niet in deze gemeente.',
              en: 'This vindplaats does not exist in this municipality.',
            },
      },
    ]);
  }

  const subject = input.person
    ? await findOrCreatePersonAndHousehold(tx, municipalityCode, input.person)
    : null;

  const teamId = vindplaats.team_id ?? (await toegangTeam(tx, municipalityCode));
  const related = subject?.householdId
    ? await tx
        .selectFrom('help_question')
        .where('municipality_code', '=', municipalityCode)
        .where('household_id', '=', subject.householdId)
        .where('status', '=', 'open')
        .select('id')
        .orderBy('received_at', 'desc')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()
    : undefined;

  const receivedAt = input.receivedAt ?? new Date();
  const reference = await nextReference(tx, municipalityCode, localYear(receivedAt));

  const row = await tx
    .insertInto('help_question')
    .values({
      municipality_code: municipalityCode,
      reference,
      received_at: receivedAt,
      channel: input.channel,
      vindplaats_id: vindplaats.id,
      referrer_kind: input.referrerKind ?? null,
      referrer_name: input.referrerName ?? null,
      question_types: input.questionTypes,
      main_law_code: input.mainLawCode ?? null,
      household_id: subject?.householdId ?? null,
      person_id: subject?.personId ?? null,
      free_text: input.freeText ?? null,
      status: 'open',
      registered_by: actor.userId,
      related_question_id: related?.id ?? null,
      team_id: teamId,
      idempotency_key: input.idempotencyKey ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const plan = await openPlanOf(tx, municipalityCode, row.household_id);
  return { ...toHelpQuestion(row, plan), replayed: false, created: subject?.created ?? notCreated };
}

/** The municipality's toegang team (the first by name when there are several), or null. */
export async function toegangTeam(tx: Tx, municipalityCode: string): Promise<string | null> {
  const team = await tx
    .selectFrom('team')
    .where('municipality_code', '=', municipalityCode)
    .where('kind', '=', 'toegang')
    .select('id')
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
  return team?.id ?? null;
}

/** The active `online` vindplaats of the municipality (the resident's own form), or null. */
export async function onlineVindplaatsId(tx: Tx, municipalityCode: string): Promise<string | null> {
  const row = await tx
    .selectFrom('vindplaats')
    .where('municipality_code', '=', municipalityCode)
    .where('kind', '=', 'online')
    .where('active', '=', true)
    .select('id')
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The next reference of the year: the highest number so far + 1, under a transaction-level advisory lock
 * per municipality and year, so concurrent registrations on PostgreSQL wait for each other and never get
 * the same number (the unique constraint on reference stays the last guard). Read committed: the
 * statement after the lock sees the rows of the transaction that held it.
 */
export async function nextReference(tx: Tx, municipalityCode: string, year: number): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(${LOCK_REFERENCE}, hashtext(${`${municipalityCode}:${year}`}))`.execute(
    tx,
  );
  const prefix = `HV-${year}-`;
  const row = await tx
    .selectFrom('help_question')
    .where('municipality_code', '=', municipalityCode)
    .where('reference', 'like', `${prefix}%`)
    .select(sql<string | null>`max(substr(reference, ${prefix.length + 1})::integer)`.as('n'))
    .executeTakeFirst();
  const next = Number(row?.n ?? 0) + 1;
  return `${prefix}${String(next).padStart(7, '0')}`;
}
