import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { questionRefreshScope } from '../effects/effects-facts.ts';
import { uuidArray } from '../pyramid/fact-scope.ts';
import type { ChangeSet } from '../view-model.ts';
import { inScope } from '../volumes/summary-sql.ts';
import { groupedMeasure } from './cube-measures.ts';

/**
 * Help questions (dash_mix_question) by the day they came in, counted as rows: per vindplaats and channel
 * (effects) and per wijk and buurt (wijk-DNA), filtered on the question's main law and the person's age group.
 * Anonymous questions have no person, so the unit of a refresh is the question: `units` finds every question
 * the effects maintainer (refreshQuestionFacts) may delete or insert for these changes, as it finds them.
 */
export const QUESTIONS = {
  ...groupedMeasure(
    'questions',
    (mc, scope) => sql`
      SELECT NULL::uuid AS unit, extract(year FROM received_on)::int AS year,
        1 << extract(month FROM received_on)::int AS months, main_law_code AS law_code, age_group, vindplaats_kind,
        channel, wijk_code, buurt_code
      FROM dash_mix_question WHERE municipality_code = ${mc} AND ${inScope('help_question_id', scope)}`,
    { vindplaats: 'f.vindplaats_kind', channel: 'f.channel', wijk: 'f.wijk_code', buurt: 'f.buurt_code' },
    { rows: true },
  ),
  units: async (tx: Tx, mc: string, _persons: readonly string[], changes: ChangeSet) => {
    const scope = await questionRefreshScope(tx, mc, changes);
    const persons = uuidArray(scope.persons ?? []);
    const households = uuidArray(scope.households);
    const months = scope.months;
    const { rows } = await sql<{ id: string }>`
      SELECT help_question_id AS id FROM dash_mix_question
      WHERE municipality_code = ${mc} AND (person_id = ANY(${persons}) OR household_id = ANY(${households})
        OR (person_id IS NULL AND household_id IS NULL AND to_char(received_on, 'YYYY-MM') = ANY(${months}::text[])))
      UNION
      SELECT id FROM help_question
      WHERE municipality_code = ${mc} AND (person_id = ANY(${persons}) OR household_id = ANY(${households})
        OR (person_id IS NULL AND household_id IS NULL
          AND to_char(received_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') = ANY(${months}::text[])))`.execute(
      tx,
    );
    return rows.map((r) => r.id);
  },
};
