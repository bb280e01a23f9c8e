import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import {
  affectedPersons,
  ageGroupOnJanuaryFirst,
  homeAt,
  householdArea,
  personFilter,
  uuidArray,
} from '../pyramid/fact-scope.ts';
import type { ChangeSet, SummaryMaintainer } from '../view-model.ts';

/**
 * The summaries behind the effects view (and the demand side of wijk-DNA): help questions, life-domain
 * scores with their baseline, youth-care allocations with their verwijzer, and held plan evaluations. Each is
 * replaced per changed person (or household) in one statement per table.
 */

const received = sql`(q.received_at AT TIME ZONE 'Europe/Amsterdam')::date`;

/**
 * What a refresh of the question facts rebuilds: the questions of these persons (null: all) and households,
 * and the anonymous questions received in these months ('YYYY-MM'). The count cube recounts the same.
 */
export async function questionRefreshScope(
  tx: Tx,
  mc: string,
  changes: ChangeSet,
): Promise<{ persons: string[] | null; households: string[]; months: string[] }> {
  return {
    persons: await affectedPersons(tx, mc, changes, 'dash_mix_question'),
    households: changes.full ? [] : changes.householdIds,
    months: changes.months.filter((m) => /^\d{4}-\d{2}$/.test(m)),
  };
}

export async function refreshQuestionFacts(tx: Tx, mc: string, changes: ChangeSet): Promise<void> {
  const scope = await questionRefreshScope(tx, mc, changes);
  const { persons, households } = scope;
  const select = (where: ReturnType<typeof sql>) => sql`
    INSERT INTO dash_mix_question (municipality_code, help_question_id, person_id, household_id, received_on,
      vindplaats_kind, channel, main_law_code, wijk_code, buurt_code, age_group)
    SELECT ${mc}, q.id, q.person_id, coalesce(q.household_id, home.household_id), ${received}, v.kind, q.channel,
      q.main_law_code, coalesce(hh_area.wijk_code, home.wijk_code), coalesce(hh_area.buurt_code, home.buurt_code),
      CASE WHEN p.id IS NULL THEN NULL ELSE ${ageGroupOnJanuaryFirst('p.birth_date', `(q.received_at AT TIME ZONE 'Europe/Amsterdam')`)} END
    FROM help_question q
    JOIN vindplaats v ON v.municipality_code = q.municipality_code AND v.id = q.vindplaats_id
    ${
      persons === null
        ? sql`LEFT JOIN person p ON p.municipality_code = q.municipality_code AND p.id = q.person_id`
        : sql`LEFT JOIN LATERAL (SELECT p0.id, p0.birth_date FROM person p0
            WHERE p0.municipality_code = q.municipality_code AND p0.id = q.person_id LIMIT 1) p ON TRUE`
    }
    ${householdArea(mc, 'q.household_id', persons !== null)}
    ${homeAt(mc, 'q.person_id', received, sql`q.household_id IS NULL AND q.person_id IS NOT NULL`)}
    WHERE q.municipality_code = ${mc} AND ${where}
    ORDER BY q.received_at`;
  if (persons === null) {
    await sql`DELETE FROM dash_mix_question WHERE municipality_code = ${mc}`.execute(tx);
    await select(sql`TRUE`).execute(tx);
    return;
  }
  // Anonymous questions have no person or household to track them by: the change tracking records the month
  // (received, in Amsterdam time) of every anonymous question inserted, updated or deleted, before and after,
  // so rebuilding the anonymous questions of the changed months covers them; one that gets a person or a
  // household is removed below with the linked ones. Each month is an index range (received_on here,
  // received_at in help_question), so the work follows the months, not the municipality's history.
  const months = scope.months.map((m) => `${m}-01`);
  if (months.length > 0) {
    const receivedIn = months.map(
      (m) => sql`(d.received_on >= ${m}::date AND d.received_on < (${m}::date + interval '1 month')::date)`,
    );
    await sql`DELETE FROM dash_mix_question d
      WHERE d.municipality_code = ${mc} AND d.person_id IS NULL AND d.household_id IS NULL
        AND (${sql.join(receivedIn, sql` OR `)})`.execute(tx);
  }
  const linked = sql`(${personFilter('q.person_id', persons)} OR q.household_id = ANY(${uuidArray(households)}))`;
  // `= ANY(ARRAY(subquery))` rather than `IN (subquery)`: the ids become an index condition, so the three
  // conditions are one bitmap OR over the indexes of dash_mix_question instead of a scan of the table.
  await sql`DELETE FROM dash_mix_question d WHERE d.municipality_code = ${mc}
    AND (d.person_id = ANY(${uuidArray(persons)}) OR d.household_id = ANY(${uuidArray(households)})
      OR d.help_question_id = ANY(ARRAY(SELECT q.id FROM help_question q WHERE q.municipality_code = ${mc} AND ${linked})))`.execute(
    tx,
  );
  await select(linked).execute(tx);
  if (months.length === 0) return;
  // One range of received_at per month, OR-ed: a bitmap scan of help_question_received.
  const inMonths = months.map(
    (m) => sql`(q.received_at >= (${m}::timestamp AT TIME ZONE 'Europe/Amsterdam')
      AND q.received_at < ((${m}::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam'))`,
  );
  await select(
    sql`q.person_id IS NULL AND q.household_id IS NULL AND (${sql.join(inMonths, sql` OR `)})`,
  ).execute(tx);
}

export async function refreshDomainScoreFacts(tx: Tx, mc: string, changes: ChangeSet): Promise<void> {
  const persons = await affectedPersons(tx, mc, changes, 'dash_mix_domain_score');
  if (persons !== null && persons.length === 0) return;
  await sql`DELETE FROM dash_mix_domain_score WHERE municipality_code = ${mc} AND ${personFilter('person_id', persons)}`.execute(
    tx,
  );
  // The law of an intake score: for a full rebuild a hash join over all intakes; for a few persons a lookup
  // per score through the primary keys (a hash join would read every intake and help question). LIMIT 1 (the
  // intake is one by its key anyway) keeps the planner from turning the lookup back into such a join.
  const lawOfIntake =
    persons === null
      ? sql`LEFT JOIN intake i ON i.municipality_code = l.municipality_code AND i.id = l.intake_id
      LEFT JOIN help_question hq ON hq.municipality_code = i.municipality_code AND hq.id = i.help_question_id`
      : sql`LEFT JOIN LATERAL (SELECT q.main_law_code FROM intake i
          JOIN help_question q ON q.municipality_code = i.municipality_code AND q.id = i.help_question_id
          WHERE i.municipality_code = l.municipality_code AND i.id = l.intake_id LIMIT 1) hq ON TRUE`;
  // The baseline of an evaluation score is the latest intake score of the person on the domain on or before
  // it: rows in time order (intakes before evaluations of the same day), each intake opening a group.
  await sql`
    WITH s AS (
      SELECT l.id, l.person_id, l.assessed_on, l.life_domain_code, l.score, l.intake_id IS NOT NULL AS is_intake,
        hq.main_law_code
      FROM life_domain_score l
      ${lawOfIntake}
      WHERE l.municipality_code = ${mc} AND ${personFilter('l.person_id', persons)}),
    grouped AS (
      SELECT s.*, count(*) FILTER (WHERE s.is_intake) OVER (PARTITION BY s.person_id, s.life_domain_code
        ORDER BY s.assessed_on, s.is_intake DESC, s.id ROWS UNBOUNDED PRECEDING) AS grp
      FROM s),
    based AS (
      SELECT g.*, first_value(g.score) OVER w AS group_score, first_value(g.main_law_code) OVER w AS group_law
      FROM grouped g
      WINDOW w AS (PARTITION BY g.person_id, g.life_domain_code, g.grp ORDER BY g.assessed_on, g.is_intake DESC, g.id)),
    homes AS (
      SELECT d.person_id, d.assessed_on, home.wijk_code, home.buurt_code
      FROM (SELECT DISTINCT person_id, assessed_on FROM s) d
      ${homeAt(mc, 'd.person_id', sql`d.assessed_on`)})
    INSERT INTO dash_mix_domain_score (municipality_code, person_id, measurement, assessed_on, life_domain_code,
      score, baseline_score, law_code, wijk_code, buurt_code, age_group)
    SELECT ${mc}, b.person_id, CASE WHEN b.is_intake THEN 'intake' ELSE 'evaluatie' END, b.assessed_on,
      b.life_domain_code, b.score,
      CASE WHEN NOT b.is_intake AND b.grp > 0 THEN b.group_score END,
      CASE WHEN b.is_intake THEN b.main_law_code WHEN b.grp > 0 THEN b.group_law END,
      h.wijk_code, h.buurt_code, ${ageGroupOnJanuaryFirst('p.birth_date', 'b.assessed_on')}
    FROM based b
    JOIN person p ON p.municipality_code = ${mc} AND p.id = b.person_id
    JOIN homes h ON h.person_id = b.person_id AND h.assessed_on = b.assessed_on
    ORDER BY b.assessed_on`.execute(tx);
}

export async function refreshYouthReferralFacts(tx: Tx, mc: string, changes: ChangeSet): Promise<void> {
  const persons = await affectedPersons(tx, mc, changes, 'dash_mix_youth_referral');
  if (persons !== null && persons.length === 0) return;
  await sql`DELETE FROM dash_mix_youth_referral WHERE municipality_code = ${mc} AND ${personFilter('person_id', persons)}`.execute(
    tx,
  );
  await sql`
    INSERT INTO dash_mix_youth_referral (municipality_code, toewijzing_id, person_id, start_date, referrer_type_code,
      service_id, provider_id, wijk_code, buurt_code, age_group)
    SELECT ${mc}, t.id, t.person_id, t.start_date, t.referrer_type_code, t.service_id, t.provider_id,
      home.wijk_code, home.buurt_code, ${ageGroupOnJanuaryFirst('p.birth_date', 't.start_date')}
    FROM toewijzing t
    JOIN person p ON p.municipality_code = t.municipality_code AND p.id = t.person_id
    ${homeAt(mc, 't.person_id', sql`t.start_date`)}
    WHERE t.municipality_code = ${mc} AND t.law_code = 'jeugdwet' AND t.referrer_type_code IS NOT NULL
      AND t.status <> 'ingetrokken' AND ${personFilter('t.person_id', persons)}`.execute(tx);
}

export async function refreshEvaluationFacts(tx: Tx, mc: string, changes: ChangeSet): Promise<void> {
  let households: string[] | null = null;
  if (!changes.full) {
    const set = new Set(changes.householdIds);
    if (changes.personIds.length > 0) {
      const { rows } = await sql<{ household_id: string }>`
        SELECT household_id FROM household_member
        WHERE municipality_code = ${mc} AND person_id = ANY(${uuidArray(changes.personIds)})`.execute(tx);
      for (const r of rows) set.add(r.household_id);
    }
    households = [...set];
    if (households.length === 0) return;
  }
  const scope = (column: string) =>
    households === null ? sql`TRUE` : sql`${sql.ref(column)} = ANY(${uuidArray(households)})`;
  await sql`DELETE FROM dash_mix_evaluation WHERE municipality_code = ${mc} AND ${scope('household_id')}`.execute(
    tx,
  );
  await sql`
    INSERT INTO dash_mix_evaluation (municipality_code, plan_evaluation_id, household_id, held_on, outcome,
      satisfaction, wijk_code, buurt_code)
    SELECT ${mc}, e.id, hp.household_id, e.held_on, e.outcome, e.satisfaction, hh_area.wijk_code, hh_area.buurt_code
    FROM plan_evaluation e
    JOIN household_plan hp ON hp.municipality_code = e.municipality_code AND hp.id = e.plan_id
    ${householdArea(mc, 'hp.household_id', households !== null)}
    WHERE e.municipality_code = ${mc} AND e.held_on IS NOT NULL AND e.outcome IS NOT NULL
      AND ${scope('hp.household_id')}`.execute(tx);
}

export const effectsFactMaintainers: SummaryMaintainer[] = [
  { name: 'mix-questions', refresh: refreshQuestionFacts },
  { name: 'mix-domain-scores', refresh: refreshDomainScoreFacts },
  { name: 'mix-youth-referrals', refresh: refreshYouthReferralFacts },
  { name: 'mix-evaluations', refresh: refreshEvaluationFacts },
];
