import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { problem } from '../platform/http/problem.ts';
import { ADULT_AGE, bornOnOrBefore } from './notifications-repository.ts';

/**
 * The resident's own plan (docs/api/plans.md, "The resident's portal"): the open plan of a household in
 * which the person linked to the account (app_user.person_id) is an adult (16+) participant. Anyone else,
 * and a resident without such a plan, gets 404 `no-plan`: a resident never learns of another plan.
 */

export interface ResidentPlan {
  planId: string;
  householdId: string;
  personId: string;
}

export function noPlan() {
  return problem(404, 'no-plan', {
    nl: 'Er is (nog) geen plan voor uw huishouden dat u kunt inzien. Heeft u vragen? Neem contact op met de gemeente.',
    en: 'There is no plan (yet) for your household that you can see. Any questions? Contact the municipality.',
  });
}

/** The resident's plan, or 404 `no-plan`. */
export async function requireResidentPlan(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  today: string = localDate(),
): Promise<ResidentPlan> {
  const row = await tx
    .selectFrom('app_user as u')
    .innerJoin('person as p', (j) =>
      j.onRef('p.municipality_code', '=', 'u.municipality_code').onRef('p.id', '=', 'u.person_id'),
    )
    .innerJoin('plan_participant as pp', (j) =>
      j.onRef('pp.municipality_code', '=', 'p.municipality_code').onRef('pp.person_id', '=', 'p.id'),
    )
    .innerJoin('household_plan as hp', (j) =>
      j.onRef('hp.municipality_code', '=', 'pp.municipality_code').onRef('hp.id', '=', 'pp.plan_id'),
    )
    .select(['hp.id as plan_id', 'hp.household_id', 'p.id as person_id'])
    .where('u.municipality_code', '=', municipalityCode)
    .where('u.id', '=', userId)
    .where('p.birth_date', '<=', bornOnOrBefore(today, ADULT_AGE))
    .where('hp.status', '<>', 'afgesloten')
    .orderBy('hp.opened_on', 'desc')
    .orderBy('hp.id')
    .executeTakeFirst();
  if (!row) throw noPlan();
  return { planId: row.plan_id, householdId: row.household_id, personId: row.person_id };
}

/**
 * Records the resident's own answer to a version of the plan: only the newest version (409
 * `version-not-newest` for an older one, 404 for one that does not exist). Returns the version row.
 */
export async function recordResidentAgreement(
  tx: Tx,
  municipalityCode: string,
  input: {
    planId: string;
    version: number;
    agreement: 'akkoord' | 'niet-akkoord';
    note: string | null;
    userId: string;
  },
): Promise<{ version: number; agreement: 'akkoord' | 'niet-akkoord'; agreementRecordedAt: Date }> {
  const plan = await tx
    .selectFrom('household_plan')
    .select('version')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', input.planId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const exists = await tx
    .selectFrom('plan_version')
    .select('version')
    .where('municipality_code', '=', municipalityCode)
    .where('plan_id', '=', input.planId)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (!exists) {
    throw problem(404, 'not-found', {
      nl: `Versie ${input.version} van uw plan bestaat niet.`,
      en: `Version ${input.version} of your plan does not exist.`,
    });
  }
  if (input.version !== plan.version) {
    throw problem(409, 'version-not-newest', {
      nl: `U kunt alleen reageren op de nieuwste versie van uw plan (versie ${plan.version}).`,
      en: `You can only answer the newest version of your plan (version ${plan.version}).`,
    });
  }
  const row = await tx
    .updateTable('plan_version')
    .set({
      agreement: input.agreement,
      agreement_recorded_at: new Date(),
      agreement_recorded_by: input.userId,
      agreement_note: input.note,
    })
    .where('municipality_code', '=', municipalityCode)
    .where('plan_id', '=', input.planId)
    .where('version', '=', input.version)
    .returning(['version', 'agreement', 'agreement_recorded_at'])
    .executeTakeFirstOrThrow();
  return {
    version: row.version,
    agreement: row.agreement as 'akkoord' | 'niet-akkoord',
    agreementRecordedAt: row.agreement_recorded_at!,
  };
}
