import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, problem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { QuestionnaireDefinitionSchema } from './questionnaire-definition.ts';
import {
  currentVersion,
  getVersion,
  insertDraft,
  listQuestionnaires,
  lockQuestionnaire,
  publishDraft,
  questionnaireExists,
  updateDraft,
  versionsOf,
  type VersionRow,
} from './questionnaires-repository.ts';

/**
 * The broad-intake questionnaire (docs/api/intake.md, "Questionnaire"): the functioneel beheerder drafts
 * and publishes versions; caseworkers read the current one. A published version never changes.
 */

const TAGS = ['Intake'];
const QUESTIONNAIRE = { nl: 'Deze vragenlijst', en: 'This questionnaire' };
const VERSION = { nl: 'Deze versie van de vragenlijst', en: 'This version of the questionnaire' };

const STATUSES = ['concept', 'gepubliceerd', 'vervallen'] as const;

const VersionSummarySchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    status: z.enum(STATUSES),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'QuestionnaireVersionSummary' });

const QuestionnaireListSchema = z
  .object({
    items: z.array(z.object({ id: z.uuid(), name: z.string(), versions: z.array(VersionSummarySchema) })),
  })
  .meta({ id: 'QuestionnaireList' });

const VersionSchema = z
  .object({
    id: z.uuid(),
    questionnaireId: z.uuid(),
    questionnaireName: z.string(),
    version: z.number().int(),
    status: z.enum(STATUSES),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
    definition: QuestionnaireDefinitionSchema,
  })
  .meta({ id: 'QuestionnaireVersion' });

const CurrentSchema = z
  .object({
    id: z.uuid(),
    questionnaireId: z.uuid(),
    version: z.number().int(),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
    definition: QuestionnaireDefinitionSchema,
  })
  .meta({ id: 'CurrentQuestionnaire' });

const NoQuery = z.strictObject({});
const QuestionnaireParams = z.strictObject({ questionnaireId: z.uuid() });
const VersionParams = z.strictObject({ versionId: z.uuid() });
const DraftCreateSchema = z
  .strictObject({
    definition: QuestionnaireDefinitionSchema.optional().describe(
      'The new definition; absent: a copy of the published (else the latest) version',
    ),
  })
  .meta({ id: 'QuestionnaireDraftCreate' });
const DraftUpdateSchema = z
  .strictObject({ definition: QuestionnaireDefinitionSchema })
  .meta({ id: 'QuestionnaireDraftUpdate' });

function sendVersion(reply: FastifyReply, version: VersionRow) {
  reply.header('ETag', `"${version.etag}"`);
  if (!version.parsed) throw unsupported();
  return {
    id: version.id,
    questionnaireId: version.questionnaireId,
    questionnaireName: version.questionnaireName,
    version: version.version,
    status: version.status,
    publishedAt: version.publishedAt,
    definition: version.parsed,
  };
}

export const unsupported = () =>
  problem(409, 'definition-not-supported', {
    nl: 'Deze versie is in een oudere vorm opgeslagen die Grip niet meer kan tonen of invullen. Maak een nieuwe versie.',
    en: 'This version is stored in an older form Grip can no longer show or fill in. Make a new version.',
  });

const frozen = () =>
  problem(409, 'version-frozen', {
    nl: 'Een gepubliceerde of vervallen versie verandert nooit. Maak een nieuwe versie.',
    en: 'A published or retired version never changes. Make a new version.',
  });

/** The ETag of a questionnaire version from If-Match: required for changes; `optional` for publication. */
function ifMatch(request: FastifyRequest, optional = false): string | null {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') {
    if (optional) return null;
    throw problem(428, 'if-match-required', {
      nl: 'Stuur de ETag van de versie die u wijzigt mee in de If-Match-header.',
      en: 'Send the ETag of the version you are changing in the If-Match header.',
    });
  }
  const match = /^(?:W\/)?"([0-9a-f]{32})"$/.exec(String(header).trim());
  if (!match) {
    throw problem(400, 'if-match-invalid', {
      nl: 'De If-Match-header moet de ETag van de versie zijn, zoals die bij het ophalen werd gegeven.',
      en: 'The If-Match header must be the ETag of the version, as given when it was fetched.',
    });
  }
  return match[1]!;
}

function etagConflict(etag: string) {
  return problem(
    412,
    'version-conflict',
    {
      nl: 'Iemand anders heeft deze versie intussen gewijzigd. Haal haar opnieuw op en breng uw wijziging opnieuw aan.',
      en: 'Someone else changed this version in the meantime. Fetch it again and apply your change again.',
    },
    { headers: { ETag: `"${etag}"` } },
  );
}

export function registerQuestionnaireRoutes(app: GripApp): void {
  app.get(
    '/api/v1/questionnaires',
    {
      config: { action: 'questionnaire.list' },
      schema: { tags: TAGS, querystring: NoQuery, response: { 200: QuestionnaireListSchema } },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const items = await request.tenant((tx) => listQuestionnaires(tx, municipalityCode));
      return { items };
    },
  );

  app.get(
    '/api/v1/questionnaires/current',
    {
      config: { action: 'questionnaire.read-current' },
      schema: { tags: TAGS, querystring: NoQuery, response: { 200: CurrentSchema } },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const version = await request.tenant((tx) => currentVersion(tx, municipalityCode));
      if (!version) throw noPublishedVersion();
      reply.header('ETag', `"${version.etag}"`);
      return {
        id: version.id,
        questionnaireId: version.questionnaireId,
        version: version.version,
        publishedAt: version.publishedAt,
        definition: version.parsed!,
      };
    },
  );

  app.get(
    '/api/v1/questionnaire-versions/:versionId',
    {
      config: { action: 'questionnaire-version.read' },
      schema: { tags: TAGS, params: VersionParams, querystring: NoQuery, response: { 200: VersionSchema } },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const version = await request.tenant((tx) =>
        getVersion(tx, municipalityCode, request.params.versionId),
      );
      if (!version) throw notFound(VERSION);
      return sendVersion(reply, version);
    },
  );

  app.post(
    '/api/v1/questionnaires/:questionnaireId/versions',
    {
      config: { action: 'questionnaire-version.create' },
      schema: {
        tags: TAGS,
        summary: 'New draft version (a copy of the published one when no definition is sent)',
        params: QuestionnaireParams,
        body: DraftCreateSchema,
        response: { 201: VersionSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const { questionnaireId } = request.params;
      const created = await request.tenant(async (tx) => {
        if (!(await questionnaireExists(tx, municipalityCode, questionnaireId)))
          throw notFound(QUESTIONNAIRE);
        await lockQuestionnaire(tx, municipalityCode, questionnaireId);
        const versions = await versionsOf(tx, municipalityCode, questionnaireId);
        const draft = versions.find((v) => v.status === 'concept');
        if (draft) {
          throw problem(409, 'draft-exists', {
            nl: `Er is al een conceptversie (versie ${draft.version}). Werk die bij of publiceer haar eerst.`,
            en: `There is a draft version already (version ${draft.version}). Change it or publish it first.`,
          });
        }
        let definition = request.body.definition;
        if (!definition) {
          const base =
            versions.find((v) => v.status === 'gepubliceerd' && v.parsed) ??
            [...versions].reverse().find((v) => v.parsed);
          if (!base) {
            throw problem(409, 'definition-required', {
              nl: 'Er is geen bruikbare versie om te kopiëren; stuur een definitie mee.',
              en: 'There is no usable version to copy; send a definition.',
            });
          }
          definition = base.parsed!;
        }
        const next = versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
        const id = await insertDraft(tx, municipalityCode, questionnaireId, next, definition);
        return (await getVersion(tx, municipalityCode, id))!;
      });
      reply.header('Location', `/api/v1/questionnaire-versions/${created.id}`);
      reply.code(201);
      return sendVersion(reply, created);
    },
  );

  app.put(
    '/api/v1/questionnaire-versions/:versionId',
    {
      config: { action: 'questionnaire-version.update' },
      schema: {
        tags: TAGS,
        summary: "Change a draft's definition; send the ETag you last saw as If-Match",
        params: VersionParams,
        body: DraftUpdateSchema,
        response: { 200: VersionSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const expected = ifMatch(request);
      const { versionId } = request.params;
      const version = await request.tenant(async (tx) => {
        const current = await getVersion(tx, municipalityCode, versionId);
        if (!current) throw notFound(VERSION);
        if (current.status !== 'concept') throw frozen();
        if (!(await updateDraft(tx, municipalityCode, versionId, expected!, request.body.definition))) {
          throw etagConflict(current.etag);
        }
        return (await getVersion(tx, municipalityCode, versionId))!;
      });
      return sendVersion(reply, version);
    },
  );

  app.post(
    '/api/v1/questionnaire-versions/:versionId/publish',
    {
      config: { action: 'questionnaire-version.publish' },
      schema: {
        tags: TAGS,
        summary:
          'Publish a draft; the version published before becomes vervallen for new intakes (If-Match optional)',
        params: VersionParams,
        body: z.strictObject({}).optional(),
        response: { 200: VersionSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const expected = ifMatch(request, true);
      const { versionId } = request.params;
      const version = await request.tenant(async (tx) => {
        const current = await getVersion(tx, municipalityCode, versionId);
        if (!current) throw notFound(VERSION);
        await lockQuestionnaire(tx, municipalityCode, current.questionnaireId);
        if (current.status !== 'concept') {
          throw problem(409, 'not-a-draft', {
            nl: 'Alleen een conceptversie kan worden gepubliceerd.',
            en: 'Only a draft version can be published.',
          });
        }
        if (!current.parsed) throw unsupported();
        if (!(await publishDraft(tx, municipalityCode, versionId, expected)))
          throw etagConflict(current.etag);
        return (await getVersion(tx, municipalityCode, versionId))!;
      });
      return sendVersion(reply, version);
    },
  );
}

export const noPublishedVersion = () =>
  problem(409, 'no-published-questionnaire', {
    nl: 'Er is nog geen gepubliceerde versie van de brede intake. Vraag de functioneel beheerder er een te publiceren.',
    en: 'There is no published version of the broad intake yet. Ask the application manager to publish one.',
  });
