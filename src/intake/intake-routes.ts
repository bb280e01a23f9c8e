import { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, notFound, problem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { IntakeSaveSchema, IntakeSchema, IntakeStartSchema } from './intake-schemas.ts';
import {
  completeIntake,
  getIntake,
  insertIntake,
  insertScores,
  intakesOfQuestion,
  saveIntake,
  scoresOfIntake,
  type IntakeView,
} from './intakes-repository.ts';
import { localDate } from './local-date.ts';
import {
  applicableQuestions,
  selfSufficiencyScores,
  validateAnswers,
  type QuestionnaireDefinition,
} from './questionnaire-definition.ts';
import { noPublishedVersion, unsupported } from './questionnaire-routes.ts';
import { currentVersion, getVersion } from './questionnaires-repository.ts';

/**
 * The broad intake of a help question: started on the current questionnaire version, saved as a draft
 * (If-Match), completed with every required answer. Answers are always checked against the intake's own
 * version, also when that version has been retired since the intake started.
 */

const TAGS = ['Intake'];
const QUESTION = { nl: 'Deze hulpvraag', en: 'This help question' };
const INTAKE = { nl: 'Deze intake', en: 'This intake' };
const QuestionParams = z.strictObject({ helpQuestionId: z.uuid() });
const IntakeParams = z.strictObject({ intakeId: z.uuid() });

/** The intake as the API shows it: with its version number, the questions that apply, and its scores. */
export async function intakeView(tx: Tx, municipalityCode: string, intake: IntakeView) {
  const version = await getVersion(tx, municipalityCode, intake.questionnaireVersionId);
  return {
    ...intake,
    questionnaireVersion: version?.version ?? 0,
    applicableQuestionIds: version?.parsed
      ? applicableQuestions(version.parsed, intake.answers).map((q) => q.id)
      : [],
    lifeDomainScores: await scoresOfIntake(tx, municipalityCode, intake.id),
  };
}

const completed = () =>
  problem(409, 'intake-completed', {
    nl: 'Deze intake is afgerond en verandert niet meer.',
    en: 'This intake is completed and no longer changes.',
  });

async function questionOf(tx: Tx, municipalityCode: string, helpQuestionId: string) {
  return tx
    .selectFrom('help_question')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', helpQuestionId)
    .select(['id', 'person_id', 'status'])
    .executeTakeFirstOrThrow();
}

/** An intake that may still change: found, its person recorded as processed, and not yet completed. */
async function openConceptIntake(
  tx: Tx,
  municipalityCode: string,
  intakeId: string,
  recordPerson: (personId: string) => void,
) {
  const current = await getIntake(tx, municipalityCode, intakeId);
  if (!current) throw notFound(INTAKE);
  const question = await questionOf(tx, municipalityCode, current.helpQuestionId);
  if (question.person_id) recordPerson(question.person_id);
  if (current.status !== 'concept') throw completed();
  return { current, question };
}

/** The definition of the intake's own questionnaire version, whatever its status now. */
async function definitionOf(tx: Tx, municipalityCode: string, versionId: string) {
  const version = await getVersion(tx, municipalityCode, versionId);
  if (!version?.parsed) throw unsupported();
  return version.parsed;
}

/**
 * The resident's online answers that still fit the current version (it may have changed since): answers to
 * questions that are gone or no longer valid are left out, so the professional asks them again.
 */
function carriedAnswers(definition: QuestionnaireDefinition, answers: Record<string, unknown>) {
  const kept = { ...answers };
  for (let round = 0; round < 5; round++) {
    const errors = validateAnswers(definition, kept, { complete: false });
    if (errors.length === 0) return kept;
    for (const error of errors) delete kept[error.name.replace(/^answers\./, '').split('.')[0]!];
  }
  return {};
}

export function registerIntakeRoutes(app: GripApp): void {
  app.post(
    '/api/v1/help-questions/:helpQuestionId/intake',
    {
      config: { action: 'intake.start' },
      schema: {
        tags: TAGS,
        summary: 'Start the broad intake on the current questionnaire version',
        params: QuestionParams,
        body: IntakeStartSchema,
        response: { 201: IntakeSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { helpQuestionId } = request.params;
      const intake = await request.tenant(async (tx) => {
        const question = await tx
          .selectFrom('help_question')
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', helpQuestionId)
          .select(['id', 'status', 'person_id'])
          .forUpdate()
          .executeTakeFirst();
        if (!question) throw notFound(QUESTION);
        if (question.person_id) request.recordSubjects('person', [question.person_id]);
        if (question.status !== 'open') {
          throw problem(409, 'question-closed', {
            nl: 'Deze hulpvraag is afgesloten; een intake kan niet meer beginnen.',
            en: 'This help question is closed; an intake can no longer start.',
          });
        }
        if (!question.person_id) {
          throw problem(409, 'person-required', {
            nl: 'Deze hulpvraag is anoniem geregistreerd. Een brede intake gaat over een inwoner.',
            en: 'This help question was registered anonymously. A broad intake is about a resident.',
          });
        }
        const existing = await intakesOfQuestion(tx, municipalityCode, helpQuestionId);
        // One intake per question, except that the resident's own online intake does not stand in the way of
        // the conversation with a professional: that intake starts from the resident's answers.
        const blocking = existing.find((i) => i.status === 'concept' || i.mode !== 'online');
        if (blocking) {
          throw problem(409, 'intake-exists', {
            nl: `Deze hulpvraag heeft al een intake (${blocking.id}).`,
            en: `This help question already has an intake (${blocking.id}).`,
          });
        }
        const version = await currentVersion(tx, municipalityCode);
        if (!version?.parsed) throw noPublishedVersion();
        const online = existing.find((i) => i.mode === 'online');
        const created = await insertIntake(tx, municipalityCode, {
          helpQuestionId,
          versionId: version.id,
          mode: request.body.mode,
          conductedBy: userId,
          prefill: online && {
            answers: carriedAnswers(version.parsed, online.answers),
            ownStrength: online.ownStrength,
            networkStrength: online.networkStrength,
          },
        });
        return intakeView(tx, municipalityCode, created);
      });
      setEtag(reply, intake.version);
      reply.header('Location', `/api/v1/intakes/${intake.id}`);
      return reply.code(201).send(intake);
    },
  );

  app.get(
    '/api/v1/intakes/:intakeId',
    {
      config: { action: 'intake.read' },
      schema: {
        tags: TAGS,
        params: IntakeParams,
        querystring: z.strictObject({}),
        response: { 200: IntakeSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const intake = await request.tenant(async (tx) => {
        const found = await getIntake(tx, municipalityCode, request.params.intakeId);
        if (!found) return undefined;
        const question = await questionOf(tx, municipalityCode, found.helpQuestionId);
        if (question.person_id) request.recordSubjects('person', [question.person_id]);
        return intakeView(tx, municipalityCode, found);
      });
      if (!intake) throw notFound(INTAKE);
      setEtag(reply, intake.version);
      return intake;
    },
  );

  app.put(
    '/api/v1/intakes/:intakeId',
    {
      config: { action: 'intake.update' },
      schema: {
        tags: TAGS,
        summary:
          "Save the answers (draft), checked against the intake's own questionnaire version (If-Match)",
        params: IntakeParams,
        body: IntakeSaveSchema,
        response: { 200: IntakeSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const expected = requiredVersion(request);
      const intake = await request.tenant(async (tx) => {
        const { current } = await openConceptIntake(tx, municipalityCode, request.params.intakeId, (id) =>
          request.recordSubjects('person', [id]),
        );
        const definition = await definitionOf(tx, municipalityCode, current.questionnaireVersionId);
        const errors = validateAnswers(definition, request.body.answers, { complete: false });
        if (errors.length > 0) throw invalid(errors);
        const saved = await saveIntake(tx, municipalityCode, current.id, expected, request.body);
        if (!saved) throw versionConflict(current.version);
        return intakeView(tx, municipalityCode, saved);
      });
      setEtag(reply, intake.version);
      return intake;
    },
  );

  app.post(
    '/api/v1/intakes/:intakeId/complete',
    {
      config: { action: 'intake.complete' },
      schema: {
        tags: TAGS,
        summary:
          'Complete the intake: required and conditional answers checked, life-domain scores stored (If-Match)',
        params: IntakeParams,
        body: z.strictObject({}).optional(),
        response: { 200: IntakeSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const expected = requiredVersion(request);
      const intake = await request.tenant(async (tx) => {
        const { current, question } = await openConceptIntake(
          tx,
          municipalityCode,
          request.params.intakeId,
          (id) => request.recordSubjects('person', [id]),
        );
        if (current.version !== expected) throw versionConflict(current.version);
        // The intake's own version, whatever its status now: a version retired mid-intake still completes.
        const definition = await definitionOf(tx, municipalityCode, current.questionnaireVersionId);
        const errors = validateAnswers(definition, current.answers, { complete: true });
        if (errors.length > 0) throw invalid(errors);
        const done = await completeIntake(tx, municipalityCode, current.id, expected);
        if (!done) throw versionConflict(current.version);
        if (question.person_id) {
          await insertScores(tx, municipalityCode, {
            personId: question.person_id,
            intakeId: done.id,
            assessedOn: localDate(),
            scores: selfSufficiencyScores(definition, done.answers),
          });
        }
        return intakeView(tx, municipalityCode, done);
      });
      setEtag(reply, intake.version);
      return intake;
    },
  );
}
