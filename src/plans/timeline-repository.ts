import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { Bilingual } from '../platform/http/problem.ts';

/**
 * The household's timeline (docs/api/plans.md): every event of the household and its members in one
 * order — help questions, intakes, triage, meldingen, beschikkingen, toewijzingen (start, change, end),
 * plan versions and agreements, evaluations, signals, messages and documents.
 *
 * Who counts: the household's members (any period) and the participants of its plans. Events known by
 * their day only (a melding, a beschikking) stand at the start of that day in the Netherlands with
 * `allDay`; within one day the events with a time come first, then those of the day, each in a fixed
 * order of kinds, so that a help question comes before the melding it led to.
 */

export interface TimelineEvent {
  at: string;
  allDay: boolean;
  kind: string;
  title: Bilingual;
  detail: string | null;
  link: string | null;
}

/** The order of kinds within one moment or one day. */
const KIND_ORDER = [
  'signaal',
  'hulpvraag',
  'intake-gestart',
  'intake-afgerond',
  'triage',
  'melding',
  'beschikking',
  'toewijzing-start',
  'toewijzing-gewijzigd',
  'toewijzing-einde',
  'plan-versie',
  'plan-akkoord',
  'plan-niet-akkoord',
  'startmeting',
  'evaluatie-gepland',
  'evaluatie-gehouden',
  'document',
  'bericht',
];

const OFFSET_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Amsterdam',
  timeZoneName: 'longOffset',
});

/** The start of a day in the Netherlands as RFC 3339, e.g. 2026-03-02T00:00:00+01:00. */
export function startOfLocalDay(day: string): string {
  const part = OFFSET_FORMAT.formatToParts(new Date(`${day}T00:30:00Z`)).find(
    (p) => p.type === 'timeZoneName',
  );
  const offset = part?.value.replace('GMT', '') || '+00:00';
  return `${day}T00:00:00${offset}`;
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

interface Raw {
  at: Date | string;
  allDay: boolean;
  kind: string;
  title: Bilingual;
  detail: string | null;
  link: string | null;
}

const titles: Record<string, (x: Record<string, string | number | null>) => Bilingual> = {
  hulpvraag: (x) => ({ nl: `Hulpvraag ${x.reference}`, en: `Help question ${x.reference}` }),
  'intake-gestart': () => ({ nl: 'Brede intake begonnen', en: 'Broad intake started' }),
  'intake-afgerond': () => ({ nl: 'Brede intake afgerond', en: 'Broad intake completed' }),
  triage: (x) => ({ nl: `Triage: ${x.outcome}`, en: `Triage: ${x.outcome}` }),
  melding: (x) => ({ nl: `Melding ${x.law}`, en: `Report (melding) ${x.law}` }),
  beschikking: (x) => ({
    nl: `Beschikking ${x.reference}: ${x.outcome}`,
    en: `Decision ${x.reference}: ${x.outcome}`,
  }),
  'toewijzing-start': (x) => ({ nl: `Toewijzing ${x.number} gestart`, en: `Allocation ${x.number} started` }),
  'toewijzing-gewijzigd': (x) => ({
    nl: `Toewijzing ${x.number} gewijzigd`,
    en: `Allocation ${x.number} changed`,
  }),
  'toewijzing-einde': (x) => ({ nl: `Toewijzing ${x.number} beëindigd`, en: `Allocation ${x.number} ended` }),
  'plan-versie': (x) => ({ nl: `Plan versie ${x.version}`, en: `Plan version ${x.version}` }),
  'plan-akkoord': (x) => ({
    nl: `Inwoner akkoord met versie ${x.version}`,
    en: `Resident agreed to version ${x.version}`,
  }),
  'plan-niet-akkoord': (x) => ({
    nl: `Inwoner niet akkoord met versie ${x.version}`,
    en: `Resident did not agree to version ${x.version}`,
  }),
  startmeting: () => ({ nl: 'Startmeting zelfredzaamheid', en: 'Start measurement of self-sufficiency' }),
  'evaluatie-gepland': () => ({ nl: 'Evaluatie gepland', en: 'Evaluation planned' }),
  'evaluatie-gehouden': (x) => ({
    nl: `Evaluatie gehouden: ${x.outcome}`,
    en: `Evaluation held: ${x.outcome}`,
  }),
  signaal: (x) => ({ nl: `Signaal: ${x.kind}`, en: `Signal: ${x.kind}` }),
  bericht: (x) => ({ nl: `Bericht van ${x.author}`, en: `Message from ${x.author}` }),
  document: (x) => ({ nl: `Document ${x.file}`, en: `Document ${x.file}` }),
};

function event(
  kind: string,
  at: Date | string,
  params: Record<string, string | number | null>,
  detail: string | null,
  link: string | null,
): Raw {
  return {
    at,
    allDay: typeof at === 'string',
    kind,
    title: titles[kind]!(params),
    detail,
    link,
  };
}

const excerpt = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Every event of the household, in order. */
export async function householdTimeline(
  tx: Tx,
  municipalityCode: string,
  householdId: string,
): Promise<TimelineEvent[]> {
  const mc = municipalityCode;
  const persons = sql`(
    SELECT person_id FROM household_member WHERE municipality_code = ${mc} AND household_id = ${householdId}
    UNION
    SELECT pp.person_id FROM plan_participant pp
    JOIN household_plan hp ON hp.municipality_code = pp.municipality_code AND hp.id = pp.plan_id
    WHERE pp.municipality_code = ${mc} AND hp.household_id = ${householdId})`;
  const plans = sql`(SELECT id FROM household_plan WHERE municipality_code = ${mc} AND household_id = ${householdId})`;

  const questions = await sql<{
    id: string;
    reference: string;
    received_at: Date;
    question_types: string[];
  }>`SELECT id, reference, received_at, question_types FROM help_question
     WHERE municipality_code = ${mc} AND (household_id = ${householdId} OR person_id IN ${persons})`.execute(
    tx,
  );
  const questionIds = questions.rows.map((q) => q.id);
  const events: Raw[] = [];
  for (const q of questions.rows) {
    events.push(
      event(
        'hulpvraag',
        q.received_at,
        { reference: q.reference },
        q.question_types.join(', '),
        `/hulpvragen/${q.id}`,
      ),
    );
  }

  if (questionIds.length > 0) {
    const intakes = await tx
      .selectFrom('intake')
      .select(['help_question_id', 'mode', 'started_at', 'completed_at'])
      .where('municipality_code', '=', mc)
      .where('help_question_id', 'in', questionIds)
      .execute();
    for (const i of intakes) {
      const link = `/hulpvragen/${i.help_question_id}`;
      events.push(event('intake-gestart', i.started_at, {}, i.mode, link));
      if (i.completed_at) events.push(event('intake-afgerond', i.completed_at, {}, i.mode, link));
    }
    const triages = await tx
      .selectFrom('triage')
      .select(['help_question_id', 'outcome', 'decided_at', 'urgent_reason'])
      .where('municipality_code', '=', mc)
      .where('help_question_id', 'in', questionIds)
      .execute();
    for (const t of triages) {
      events.push(
        event(
          'triage',
          t.decided_at,
          { outcome: t.outcome },
          t.urgent_reason,
          `/hulpvragen/${t.help_question_id}`,
        ),
      );
    }
  }

  const meldingen = await sql<{
    help_question_id: string;
    law_code: string;
    melded_on: string;
    status: string;
  }>`SELECT help_question_id, law_code, melded_on::text AS melded_on, status FROM melding
     WHERE municipality_code = ${mc} AND person_id IN ${persons}`.execute(tx);
  for (const m of meldingen.rows) {
    events.push(
      event('melding', m.melded_on, { law: m.law_code }, m.status, `/hulpvragen/${m.help_question_id}`),
    );
  }

  const beschikkingen = await sql<{
    reference: string;
    decided_on: string;
    outcome: string;
    law_code: string;
  }>`
    SELECT reference, decided_on::text AS decided_on, outcome, law_code FROM beschikking
    WHERE municipality_code = ${mc} AND person_id IN ${persons}`.execute(tx);
  for (const b of beschikkingen.rows)
    events.push(
      event('beschikking', b.decided_on, { reference: b.reference, outcome: b.outcome }, b.law_code, null),
    );

  const toewijzingen = await sql<{
    toewijzing_number: string;
    start_date: string;
    end_date: string | null;
    status: string;
    version: number;
    created_at: Date;
    service_name: string;
    provider_name: string;
    change_reason_code: string | null;
    end_reason_code: string | null;
  }>`SELECT t.toewijzing_number::text AS toewijzing_number, t.start_date::text AS start_date,
            t.end_date::text AS end_date, t.status, t.version, t.created_at, s.name AS service_name,
            p.name AS provider_name, t.change_reason_code, t.end_reason_code
     FROM toewijzing t
     JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
     JOIN provider p ON p.municipality_code = t.municipality_code AND p.id = t.provider_id
     WHERE t.municipality_code = ${mc} AND t.person_id IN ${persons}`.execute(tx);
  for (const t of toewijzingen.rows) {
    const number = t.toewijzing_number;
    const what = `${t.service_name} (${t.provider_name})`;
    events.push(event('toewijzing-start', t.start_date, { number }, what, null));
    // The allocation keeps no history of its changes: a changed one is shown once, when it was recorded.
    if (t.status === 'gewijzigd' || t.version > 1) {
      events.push(
        event(
          'toewijzing-gewijzigd',
          t.created_at,
          { number },
          t.change_reason_code ? `${what}, reden ${t.change_reason_code}` : what,
          null,
        ),
      );
    }
    if (t.end_date) {
      events.push(
        event(
          'toewijzing-einde',
          t.end_date,
          { number },
          t.end_reason_code ? `${what}, reden ${t.end_reason_code}` : what,
          null,
        ),
      );
    }
  }

  const versions = await sql<{
    plan_id: string;
    version: number;
    created_at: Date;
    reason: string;
    agreement: string;
    agreement_recorded_at: Date | null;
    agreement_note: string | null;
  }>`SELECT plan_id, version, created_at, reason, agreement, agreement_recorded_at, agreement_note
     FROM plan_version WHERE municipality_code = ${mc} AND plan_id IN ${plans}`.execute(tx);
  for (const v of versions.rows) {
    const link = `/plannen/${v.plan_id}`;
    events.push(event('plan-versie', v.created_at, { version: v.version }, excerpt(v.reason), link));
    if (v.agreement_recorded_at && v.agreement !== 'open') {
      events.push(
        event(
          v.agreement === 'akkoord' ? 'plan-akkoord' : 'plan-niet-akkoord',
          v.agreement_recorded_at,
          { version: v.version },
          v.agreement_note ? excerpt(v.agreement_note) : null,
          link,
        ),
      );
    }
  }

  const evaluations = await sql<{
    plan_id: string;
    kind: string;
    planned_on: string;
    held_on: string | null;
    outcome: string | null;
  }>`SELECT plan_id, kind, planned_on::text AS planned_on, held_on::text AS held_on, outcome
     FROM plan_evaluation WHERE municipality_code = ${mc} AND plan_id IN ${plans}`.execute(tx);
  for (const e of evaluations.rows) {
    const link = `/plannen/${e.plan_id}`;
    if (e.kind === 'start') {
      events.push(event('startmeting', e.held_on ?? e.planned_on, {}, null, link));
      continue;
    }
    events.push(event('evaluatie-gepland', e.planned_on, {}, null, link));
    if (e.held_on) events.push(event('evaluatie-gehouden', e.held_on, { outcome: e.outcome }, null, link));
  }

  const signals = await sql<{ kind: string; source: string; received_on: string; status: string }>`
    SELECT kind, source, received_on::text AS received_on, status FROM signal
    WHERE municipality_code = ${mc} AND (household_id = ${householdId} OR person_id IN ${persons})`.execute(
    tx,
  );
  for (const s of signals.rows)
    events.push(event('signaal', s.received_on, { kind: s.kind }, `${s.source} (${s.status})`, null));

  const messages = await sql<{ plan_id: string; sent_at: Date; body: string; author: string }>`
    SELECT m.plan_id, m.sent_at, m.body, u.display_name AS author
    FROM plan_message m
    JOIN app_user u ON u.municipality_code = m.municipality_code AND u.id = m.author_user_id
    WHERE m.municipality_code = ${mc} AND m.plan_id IN ${plans}`.execute(tx);
  for (const m of messages.rows) {
    events.push(event('bericht', m.sent_at, { author: m.author }, excerpt(m.body), `/plannen/${m.plan_id}`));
  }

  const documents = await sql<{ id: string; uploaded_at: Date; file_name: string; author: string }>`
    SELECT d.id, d.uploaded_at, d.file_name, u.display_name AS author
    FROM plan_document d
    JOIN app_user u ON u.municipality_code = d.municipality_code AND u.id = d.uploaded_by
    WHERE d.municipality_code = ${mc} AND d.household_id = ${householdId}`.execute(tx);
  for (const d of documents.rows) {
    events.push(
      event('document', d.uploaded_at, { file: d.file_name }, d.author, `/api/v1/documents/${d.id}`),
    );
  }

  return order(events);
}

/** Sorts the events (see the module comment) and gives every `at` as RFC 3339. */
export function order(events: Raw[]): TimelineEvent[] {
  const keyed = events.map((e) => {
    const day = typeof e.at === 'string' ? e.at : DAY_FORMAT.format(e.at);
    const at = typeof e.at === 'string' ? startOfLocalDay(e.at) : e.at.toISOString();
    const instant = typeof e.at === 'string' ? 0 : e.at.getTime();
    return { e, day, at, instant, rank: KIND_ORDER.indexOf(e.kind) };
  });
  keyed.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      Number(a.e.allDay) - Number(b.e.allDay) ||
      a.instant - b.instant ||
      a.rank - b.rank,
  );
  return keyed.map(({ e, at }) => ({
    at,
    allDay: e.allDay,
    kind: e.kind,
    title: e.title,
    detail: e.detail,
    link: e.link,
  }));
}
