import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { invalid, problem, Problem, type InvalidParam } from '../platform/http/problem.ts';
import { QUESTION_TYPES, type NewPersonInput, type QuestionType } from './help-question-schemas.ts';
import { onlineVindplaatsId, registerHelpQuestion } from './help-question-service.ts';
import { insertScores } from './intakes-repository.ts';
import { localDate } from './local-date.ts';
import { completeContact, ContactDraftSchema, type CompleteContact } from './online-schemas.ts';
import {
  insertOnlineIntake,
  markSubmitted,
  questionReference,
  type DraftRow,
} from './online-drafts-repository.ts';
import {
  applicableQuestions,
  selfSufficiencyScores,
  validateAnswers,
  type Answers,
  type LifeDomainCode,
  type QuestionnaireDefinition,
} from './questionnaire-definition.ts';

/**
 * Submitting the resident's online intake: everything validated against the draft's own questionnaire
 * version, then one help question (channel online, the municipality's online vindplaats, the resident as
 * referrer) with its completed intake and life-domain scores, registered through the same service as a
 * question at the desk. Idempotent by the Idempotency-Key: the same key again gives the same reference.
 * Runs in the caller's tenant transaction.
 */

const TYPE_CODES = new Set<string>(QUESTION_TYPES);

/** Life domains scored 1 or 2 (acute or serious problems), as question types where one fits. */
const DOMAIN_TYPES: Partial<Record<LifeDomainCode, QuestionType>> = {
  financien: 'inkomen',
  'werk-opleiding': 'werk',
  tijdsbesteding: 'dagbesteding',
  huisvesting: 'wonen',
  'geestelijke-gezondheid': 'psychisch',
  'lichamelijke-gezondheid': 'gezondheid',
  middelengebruik: 'verslaving',
  'basale-adl': 'zelfzorg',
  'instrumentele-adl': 'huishouden',
  'sociaal-netwerk': 'eenzaamheid',
  'maatschappelijke-participatie': 'dagbesteding',
  justitie: 'veiligheid',
};

/**
 * The question types of an intake: the answers to the questions whose options are question types (in the
 * standard questionnaire "Waar gaat uw vraag over?"); without those, the life domains scored 1 or 2.
 */
export function questionTypesFromAnswers(
  definition: QuestionnaireDefinition,
  answers: Answers,
): QuestionType[] {
  const types = new Set<QuestionType>();
  for (const question of applicableQuestions(definition, answers)) {
    if (question.type !== 'choice' && question.type !== 'multiChoice') continue;
    if (!question.options.every((o) => TYPE_CODES.has(o.value))) continue;
    const answer = answers[question.id];
    for (const value of Array.isArray(answer) ? answer : [answer]) {
      if (typeof value === 'string' && TYPE_CODES.has(value)) types.add(value as QuestionType);
    }
  }
  if (types.size === 0) {
    for (const { lifeDomainCode, score } of selfSufficiencyScores(definition, answers)) {
      const type = DOMAIN_TYPES[lifeDomainCode];
      if (score <= 2 && type) types.add(type);
    }
  }
  return QUESTION_TYPES.filter((t) => types.has(t));
}

/** The question in the resident's own words: the answer to `hulpvraag`, else the first text answer. */
export function freeTextFromAnswers(definition: QuestionnaireDefinition, answers: Answers): string | null {
  const texts = applicableQuestions(definition, answers).filter(
    (q) => q.type === 'text' && typeof answers[q.id] === 'string' && (answers[q.id] as string).trim() !== '',
  );
  const chosen = texts.find((q) => q.id === 'hulpvraag') ?? texts[0];
  return chosen ? (answers[chosen.id] as string).trim().slice(0, 4000) : null;
}

function personInput(contact: CompleteContact, withBsn: boolean): NewPersonInput {
  return {
    ...(withBsn && contact.bsn ? { bsn: contact.bsn } : {}),
    givenNames: contact.givenNames,
    familyNamePrefix: contact.familyNamePrefix,
    familyName: contact.familyName,
    birthDate: contact.birthDate,
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.email ? { email: contact.email } : {}),
    address: contact.address,
  };
}

const alreadySubmitted = () =>
  problem(409, 'already-submitted', {
    nl: 'Deze aanvraag is al verstuurd. U hoeft niets meer te doen.',
    en: 'This application has already been sent. There is nothing more you need to do.',
  });

export type SubmitResult = { reference: string; replayed: boolean; personId: string | null };

export async function submitDraft(
  tx: Tx,
  municipalityCode: string,
  draft: DraftRow,
  definition: QuestionnaireDefinition,
  idempotencyKey: string,
): Promise<SubmitResult> {
  if (draft.submitted_question_id !== null) {
    const earlier = await questionReference(tx, municipalityCode, draft.submitted_question_id);
    if (earlier && earlier.idempotencyKey === idempotencyKey)
      return { reference: earlier.reference, replayed: true, personId: null };
    throw alreadySubmitted();
  }

  const answers = (draft.answers ?? {}) as Answers;
  const errors: InvalidParam[] = validateAnswers(definition, answers, { complete: true });
  // What was saved was valid then; parse again, as a draft may predate a stricter rule.
  const parsedContact = ContactDraftSchema.safeParse(draft.contact ?? {});
  const contactCheck = parsedContact.success
    ? completeContact(parsedContact.data)
    : {
        errors: [
          {
            name: 'contact',
            code: 'invalid-value',
            reason: {
              nl: 'De contactgegevens zijn niet volledig of niet goed. Vul ze opnieuw in.',
              en: 'The contact details are incomplete or not valid. Please fill them in again.',
            },
          },
        ],
      };
  errors.push(...contactCheck.errors);
  const questionTypes = errors.length === 0 ? questionTypesFromAnswers(definition, answers) : [];
  if (errors.length === 0 && questionTypes.length === 0) {
    errors.push({
      name: 'answers',
      code: 'question-type-unknown',
      reason: {
        nl: 'Vertel waar uw vraag over gaat, zodat we weten wie u kan helpen.',
        en: 'Tell us what your question is about, so that we know who can help you.',
      },
    });
  }
  if (errors.length > 0) throw invalid(errors);
  const contact = contactCheck.contact!;

  const vindplaatsId = await onlineVindplaatsId(tx, municipalityCode);
  if (!vindplaatsId) {
    throw problem(409, 'online-intake-unavailable', {
      nl: 'Deze gemeente neemt op dit moment geen aanvragen via internet aan. Bel of bezoek de gemeente.',
      en: 'This municipality does not take applications over the internet at the moment. Call or visit the municipality.',
    });
  }

  const register = (withBsn: boolean) =>
    registerHelpQuestion(
      tx,
      municipalityCode,
      {
        channel: 'online',
        vindplaatsId,
        referrerKind: 'zelf',
        questionTypes,
        freeText: freeTextFromAnswers(definition, answers),
        person: personInput(contact, withBsn),
        idempotencyKey,
      },
      { userId: null },
    );
  // A BSN typed without DigiD is not proven. When it belongs to someone with another birth date the
  // question is registered without it (staff check it), so that the public form never tells whether a
  // BSN is known here.
  await sql`SAVEPOINT online_submit`.execute(tx);
  let question;
  try {
    question = await register(true);
  } catch (error) {
    const mismatch = error instanceof Problem && error.invalidParams.some((p) => p.code === 'bsn-mismatch');
    if (!mismatch) throw error;
    await sql`ROLLBACK TO SAVEPOINT online_submit`.execute(tx);
    question = await register(false);
  }
  await sql`RELEASE SAVEPOINT online_submit`.execute(tx);
  // The key was used for another submission (this draft was not submitted before).
  if (question.replayed) {
    throw problem(409, 'idempotency-key-used', {
      nl: 'Deze Idempotency-Key is al gebruikt voor een andere aanvraag. Maak een nieuwe sleutel.',
      en: 'This Idempotency-Key was already used for another application. Make a new key.',
    });
  }

  const intakeId = await insertOnlineIntake(tx, municipalityCode, {
    helpQuestionId: question.id,
    questionnaireVersionId: draft.questionnaire_version_id,
    startedAt: draft.created_at,
    answers,
  });
  if (question.personId) {
    await insertScores(tx, municipalityCode, {
      personId: question.personId,
      intakeId,
      assessedOn: localDate(),
      scores: selfSufficiencyScores(definition, answers),
    });
  }
  await markSubmitted(tx, municipalityCode, draft.id, question.id);
  return { reference: question.reference, replayed: false, personId: question.personId };
}
