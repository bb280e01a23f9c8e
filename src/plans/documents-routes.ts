import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { handleError } from '../platform/http/errors.ts';
import { notFound, sendProblem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import {
  DOCUMENT_MAX_BYTES,
  attachmentDisposition,
  baseMediaType,
  contentMatches,
  contentMismatch,
  documentTooLarge,
  emptyDocument,
  fileNameMissing,
  isDocumentType,
  sanitiseFileName,
  unsupportedType,
  type DocumentType,
} from './documents-files.ts';
import { documentContent, documentPlan, planDocuments } from './documents-repository.ts';
import { storeDocument } from './exchange-service.ts';
import {
  DocumentListSchema,
  DocumentParams,
  DocumentSchema,
  NoQuery,
  PlanParams,
  documentBody,
} from './exchange-schemas.ts';
import { authorOf, professionalPlan, residentPlan } from './messages-routes.ts';

/**
 * Documents on a plan (docs/api/plans.md): upload as the raw body, list, download. Uploads are parsed
 * by a parser of their own inside an encapsulated plugin, so the app's JSON-only parsing elsewhere is
 * unchanged: every body arrives here as bytes and is judged by its declared type and its first bytes.
 */

const TAGS = ['Plannen'];
const PORTAL_TAGS = ['Mijn omgeving'];

const documentNotFound = () => notFound({ nl: 'Dit document', en: 'This document' });

/** The upload checked without the database: type, size, name and content. */
function uploadedFile(request: FastifyRequest): {
  fileName: string;
  mediaType: DocumentType;
  content: Buffer;
} {
  const mediaType = baseMediaType(request.headers['content-type']);
  if (!isDocumentType(mediaType)) throw unsupportedType();
  const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (content.byteLength === 0) throw emptyDocument();
  if (content.byteLength > DOCUMENT_MAX_BYTES) throw documentTooLarge();
  const fileName = sanitiseFileName(request.headers['x-file-name']);
  if (fileName === null) throw fileNameMissing();
  if (!contentMatches(mediaType, content)) throw contentMismatch(mediaType);
  return { fileName, mediaType, content };
}

function sendDocument(
  reply: FastifyReply,
  file: { file_name: string; media_type: DocumentType; content: Buffer },
) {
  return reply
    .header('Content-Type', file.media_type === 'text/plain' ? 'text/plain; charset=utf-8' : file.media_type)
    .header('Content-Disposition', attachmentDisposition(file.file_name))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .send(file.content);
}

const uploadSchema = (tags: string[], summary: string) => ({
  tags,
  summary,
  description:
    'The file is the raw body. Content-Type: application/pdf, image/png, image/jpeg, text/plain, ' +
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document or ' +
    'application/vnd.oasis.opendocument.text; its first bytes must match. At most 10 MB (413), other types ' +
    '415, an empty file 400. X-File-Name: the file name, percent-encoded.',
  response: { 201: DocumentSchema },
});

export function registerDocumentRoutes(app: GripApp): void {
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    uploads.setErrorHandler((error: FastifyError, request, reply) =>
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? sendProblem(reply, documentTooLarge())
        : handleError(error, request, reply),
    );

    uploads.post(
      '/api/v1/plans/:planId/documents',
      {
        bodyLimit: DOCUMENT_MAX_BYTES,
        config: { action: 'plan-document.create' },
        schema: {
          ...uploadSchema(TAGS, 'Add a document to the plan (stored with the household)'),
          params: PlanParams,
        },
      },
      async (request, reply) => {
        const file = uploadedFile(request);
        const { municipalityCode } = request.grip.actor!;
        const row = await request.tenant(async (tx) => {
          const access = await professionalPlan(request, tx, request.params.planId);
          return storeDocument(tx, municipalityCode, access, authorOf(request, 'professional'), file);
        });
        return reply.code(201).send(documentBody(row));
      },
    );

    uploads.post(
      '/api/v1/portal/plan/documents',
      {
        bodyLimit: DOCUMENT_MAX_BYTES,
        config: { action: 'portal-plan-document.create' },
        schema: uploadSchema(PORTAL_TAGS, 'Add a document to my plan'),
      },
      async (request, reply) => {
        const file = uploadedFile(request);
        const { municipalityCode } = request.grip.actor!;
        const row = await request.tenant(async (tx) => {
          const plan = await residentPlan(request, tx);
          return storeDocument(tx, municipalityCode, plan, authorOf(request, 'inwoner'), file);
        });
        return reply.code(201).send(documentBody(row));
      },
    );
  });

  app.get(
    '/api/v1/plans/:planId/documents',
    {
      config: { action: 'plan-document.list' },
      schema: {
        tags: TAGS,
        summary: "The plan's documents, newest first",
        params: PlanParams,
        querystring: NoQuery,
        response: { 200: DocumentListSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return request.tenant(async (tx) => {
        await professionalPlan(request, tx, request.params.planId);
        const rows = await planDocuments(tx, municipalityCode, request.params.planId);
        return { items: rows.map(documentBody) };
      });
    },
  );

  app.get(
    '/api/v1/documents/:documentId',
    {
      config: { action: 'plan-document.read' },
      schema: {
        tags: TAGS,
        summary: 'Download a document of a plan (as an attachment, with its stored type)',
        params: DocumentParams,
        querystring: NoQuery,
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const file = await request.tenant(async (tx) => {
        const owner = await documentPlan(tx, municipalityCode, request.params.documentId);
        if (!owner) throw documentNotFound();
        await professionalPlan(request, tx, owner.plan_id);
        return (await documentContent(tx, municipalityCode, request.params.documentId))!;
      });
      return sendDocument(reply, file);
    },
  );

  app.get(
    '/api/v1/portal/plan/documents',
    {
      config: { action: 'portal-plan-document.list' },
      schema: {
        tags: PORTAL_TAGS,
        summary: 'The documents on my plan, newest first',
        querystring: NoQuery,
        response: { 200: DocumentListSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return request.tenant(async (tx) => {
        const plan = await residentPlan(request, tx);
        const rows = await planDocuments(tx, municipalityCode, plan.planId);
        return { items: rows.map(documentBody) };
      });
    },
  );

  app.get(
    '/api/v1/portal/documents/:documentId',
    {
      config: { action: 'portal-plan-document.read' },
      schema: {
        tags: PORTAL_TAGS,
        summary: 'Download a document of my plan',
        params: DocumentParams,
        querystring: NoQuery,
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const file = await request.tenant(async (tx) => {
        const plan = await residentPlan(request, tx);
        const owner = await documentPlan(tx, municipalityCode, request.params.documentId);
        if (!owner || owner.plan_id !== plan.planId) throw documentNotFound();
        return (await documentContent(tx, municipalityCode, request.params.documentId))!;
      });
      return sendDocument(reply, file);
    },
  );
}
