import type { FastifyReply } from 'fastify';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, problem } from '../platform/http/problem.ts';
import type { Deps, GripApp } from '../platform/http/types.ts';
import type { Tx } from '../platform/db/database.ts';
import {
  deleteExpiredDrafts,
  findDraft,
  insertDraft,
  municipalityName,
  newResumeToken,
  parseResumeToken,
  questionReference,
  saveDraft,
  type DraftRow,
} from './online-drafts-repository.ts';
import { inPublicTenant } from './online-public-transaction.ts';
import {
  CreatedDraftSchema,
  DraftCreateSchema,
  DraftParamsSchema,
  DraftSaveSchema,
  OnlineIntakeDraftSchema,
  PublicQuestionnaireSchema,
  QuestionnaireQuerySchema,
  ResumeTokenHeaderSchema,
  SubmitHeadersSchema,
  SubmittedSchema,
  type OnlineIntakeDraft,
  type PublicQuestionnaire,
} from './online-schemas.ts';
import { submitDraft } from './online-submit.ts';
import { validateAnswers } from './questionnaire-definition.ts';
import { currentVersion, getVersion, type VersionRow } from './questionnaires-repository.ts';

/**
 * The resident's own online intake (docs/api/intake.md, "The resident's own intake"): public, no log-in.
 * A draft is reached only with its resume token (X-Resume-Token); a wrong or expired token gets the same
 * 404 as a draft that does not exist. Drafts keep the questionnaire version they were started on.
 */

const TAGS = ['Online aanvraag'];
const BASE = '/api/v1/online-intake';

const draftNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Deze aanvraag bestaat niet of is verlopen (na 30 dagen zonder opslaan). Begin een nieuwe aanvraag.',
    en: 'This application does not exist or has expired (after 30 days without saving). Start a new application.',
  });

const noQuestionnaire = (status: 404 | 409) =>
  problem(status, 'no-published-questionnaire', {
    nl: 'Deze gemeente heeft nog geen vragenlijst voor een aanvraag via internet. Bel of bezoek de gemeente.',
    en: 'This municipality has no questionnaire for applications over the internet yet. Call or visit the municipality.',
  });

function publicVersion(version: VersionRow, municipalityCode: string, name: string): PublicQuestionnaire {
  return {
    id: version.id,
    questionnaireId: version.questionnaireId,
    version: version.version,
    municipalityCode,
    municipalityName: name,
    definition: version.parsed!,
  };
}

async function draftView(tx: Tx, municipalityCode: string, draft: DraftRow): Promise<OnlineIntakeDraft> {
  const version = await getVersion(tx, municipalityCode, draft.questionnaire_version_id);
  if (!version?.parsed)
    throw new Error(`questionnaire version ${draft.questionnaire_version_id} is unusable`);
  const submitted = draft.submitted_question_id
    ? await questionReference(tx, municipalityCode, draft.submitted_question_id)
    : undefined;
  return {
    draftId: draft.id,
    municipalityCode,
    version: publicVersion(version, municipalityCode, (await municipalityName(tx, municipalityCode)) ?? ''),
    answers: (draft.answers ?? {}) as Record<string, unknown>,
    contact: (draft.contact ?? {}) as Record<string, unknown>,
    updatedAt: draft.updated_at.toISOString(),
    expiresAt: draft.expires_at.toISOString(),
    submittedReference: submitted?.reference ?? null,
  };
}

/** The municipality and token hash of the X-Resume-Token header; a malformed token is a draft not found. */
function resumeToken(header: unknown) {
  const parsed = parseResumeToken(header);
  if (!parsed) throw draftNotFound();
  return parsed;
}

function sendDraft(reply: FastifyReply, view: OnlineIntakeDraft, version: number) {
  setEtag(reply, version);
  return view;
}

export function registerOnlineIntakeRoutes(app: GripApp, { database }: Deps): void {
  app.get(
    `${BASE}/questionnaire`,
    {
      config: { action: 'online-intake-questionnaire.read' },
      schema: {
        tags: TAGS,
        summary: 'The published questionnaire of a municipality, for the online form',
        querystring: QuestionnaireQuerySchema,
        response: { 200: PublicQuestionnaireSchema },
      },
    },
    async (request) => {
      const code = request.query.municipality;
      return inPublicTenant(database, request, code, async (tx) => {
        const name = await municipalityName(tx, code);
        if (!name) {
          throw problem(404, 'not-found', {
            nl: `Gemeente ${code} gebruikt Grip niet.`,
            en: `Municipality ${code} does not use Grip.`,
          });
        }
        const version = await currentVersion(tx, code);
        if (!version) throw noQuestionnaire(404);
        return publicVersion(version, code, name);
      });
    },
  );

  app.post(
    `${BASE}/drafts`,
    {
      config: { action: 'online-intake-draft.create' },
      schema: {
        tags: TAGS,
        summary:
          'Start an online application: an empty draft on the current questionnaire and its resume token',
        body: DraftCreateSchema,
        response: { 201: CreatedDraftSchema },
      },
    },
    async (request, reply) => {
      const code = request.body.municipalityCode;
      const { token, hash } = newResumeToken(code);
      const created = await inPublicTenant(database, request, code, async (tx) => {
        if (!(await municipalityName(tx, code))) {
          throw invalid([
            {
              name: 'municipalityCode',
              code: 'unknown-municipality',
              reason: { nl: 'Deze gemeente gebruikt Grip niet.', en: 'This municipality does not use Grip.' },
            },
          ]);
        }
        const version = await currentVersion(tx, code);
        if (!version) throw noQuestionnaire(409);
        await deleteExpiredDrafts(tx, code);
        const draft = await insertDraft(tx, code, { tokenHash: hash, questionnaireVersionId: version.id });
        return { draft, view: await draftView(tx, code, draft) };
      });
      setEtag(reply, created.draft.version);
      reply.header('Location', `${BASE}/drafts/${created.draft.id}`);
      return reply.code(201).send({ ...created.view, resumeToken: token });
    },
  );

  app.get(
    `${BASE}/drafts/:draftId`,
    {
      config: { action: 'online-intake-draft.read' },
      schema: {
        tags: TAGS,
        summary: 'Resume an online application with its resume token (header X-Resume-Token)',
        params: DraftParamsSchema,
        headers: ResumeTokenHeaderSchema,
        response: { 200: OnlineIntakeDraftSchema },
      },
    },
    async (request, reply) => {
      const token = resumeToken(request.headers['x-resume-token']);
      const result = await inPublicTenant(database, request, token.municipalityCode, async (tx) => {
        const draft = await findDraft(tx, token.municipalityCode, request.params.draftId, token.hash);
        if (!draft) throw draftNotFound();
        request.recordSubjects('online_intake_draft', [draft.id]);
        return { version: draft.version, view: await draftView(tx, token.municipalityCode, draft) };
      });
      return sendDraft(reply, result.view, result.version);
    },
  );

  app.put(
    `${BASE}/drafts/:draftId`,
    {
      config: { action: 'online-intake-draft.update' },
      schema: {
        tags: TAGS,
        summary: 'Save the answers and contact details; send the ETag you last saw as If-Match',
        params: DraftParamsSchema,
        headers: ResumeTokenHeaderSchema,
        body: DraftSaveSchema,
        response: { 200: OnlineIntakeDraftSchema },
      },
    },
    async (request, reply) => {
      const token = resumeToken(request.headers['x-resume-token']);
      const expected = requiredVersion(request);
      const { municipalityCode } = token;
      const result = await inPublicTenant(database, request, municipalityCode, async (tx) => {
        const draft = await findDraft(tx, municipalityCode, request.params.draftId, token.hash);
        if (!draft) throw draftNotFound();
        request.recordSubjects('online_intake_draft', [draft.id]);
        if (draft.submitted_question_id !== null) {
          throw problem(409, 'already-submitted', {
            nl: 'Deze aanvraag is al verstuurd en kan niet meer worden gewijzigd.',
            en: 'This application has already been sent and can no longer be changed.',
          });
        }
        const version = await getVersion(tx, municipalityCode, draft.questionnaire_version_id);
        if (!version?.parsed) throw noQuestionnaire(409);
        const errors = validateAnswers(version.parsed, request.body.answers, { complete: false });
        if (errors.length > 0) throw invalid(errors);
        const saved = await saveDraft(tx, municipalityCode, draft.id, expected, {
          answers: request.body.answers,
          contact: request.body.contact,
        });
        if (!saved) throw versionConflict(draft.version);
        return { version: saved.version, view: await draftView(tx, municipalityCode, saved) };
      });
      return sendDraft(reply, result.view, result.version);
    },
  );

  app.post(
    `${BASE}/drafts/:draftId/submit`,
    {
      config: { action: 'online-intake-draft.submit' },
      schema: {
        tags: TAGS,
        summary:
          'Submit the application: it becomes a help question with its intake. The same Idempotency-Key again gives the same reference.',
        params: DraftParamsSchema,
        headers: SubmitHeadersSchema,
        response: {
          200: SubmittedSchema.describe('Submitted before with this Idempotency-Key: the same reference'),
          201: SubmittedSchema.describe('Submitted: the reference of the help question'),
        },
      },
    },
    async (request, reply) => {
      const token = resumeToken(request.headers['x-resume-token']);
      const key = request.headers['idempotency-key'];
      const { municipalityCode } = token;
      const result = await inPublicTenant(database, request, municipalityCode, async (tx) => {
        const draft = await findDraft(tx, municipalityCode, request.params.draftId, token.hash, {
          forUpdate: true,
        });
        if (!draft) throw draftNotFound();
        const version = await getVersion(tx, municipalityCode, draft.questionnaire_version_id);
        if (!version?.parsed) throw noQuestionnaire(409);
        const submitted = await submitDraft(tx, municipalityCode, draft, version.parsed, key);
        if (submitted.personId) request.recordSubjects('person', [submitted.personId]);
        else request.recordSubjects('online_intake_draft', [draft.id]);
        return submitted;
      });
      return reply.code(result.replayed ? 200 : 201).send({ reference: result.reference });
    },
  );
}
