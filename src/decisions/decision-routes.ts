import { z } from 'zod';
import { setEtag, requiredVersion } from '../platform/http/etag.ts';
import { invalid, notFound } from '../platform/http/problem.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../platform/db/database.ts';
import type { Deps, GripApp } from '../platform/http/types.ts';
import { createBeschikking, listBeschikkingen } from './beschikkingen.ts';
import { costs, monthsBetween } from './costs.ts';
import { decisionLetterPdf, letterData } from './decision-letter.ts';
import {
  BeschikkingCreateSchema,
  BeschikkingListQuery,
  BeschikkingListSchema,
  BeschikkingSchema,
  CostsQuery,
  CostsSchema,
  DeclarationCreateSchema,
  DeclarationListSchema,
  DeclarationSchema,
  DeliveryStartSchema,
  DeliveryStopSchema,
  ToewijzingChangeSchema,
  ToewijzingCreateSchema,
  ToewijzingEndSchema,
  ToewijzingListQuery,
  ToewijzingListSchema,
  ToewijzingSchema,
} from './decision-schemas.ts';
import { bookDeclaration, getDeclaration, listDeclarations } from './declarations.ts';
import {
  allocationNotFound,
  changeToewijzing,
  createToewijzing,
  endToewijzing,
  listToewijzingen,
  providerLinkMissing,
  providerOfUser,
  startDelivery,
  stopDelivery,
} from './toewijzingen.ts';

/**
 * Beschikkingen, toewijzingen, care delivery, declarations and costs (docs/api/decisions.md). Provider
 * staff (role aanbieder) are confined to the provider their account is linked to (app_user.provider_id):
 * another provider's allocation or declaration is "not found", so its existence does not leak.
 */

const BESCHIKKING = { nl: 'Deze beschikking', en: 'This beschikking' };
const DECLARATION = { nl: 'Deze declaratie', en: 'This declaration' };
const IdParams = z.strictObject({ id: z.uuid() });

export function registerDecisionRoutes(app: GripApp, _deps: Deps): void {
  app.post(
    '/api/v1/beschikkingen',
    {
      config: { action: 'beschikking.create' },
      schema: {
        tags: ['Decisions'],
        summary: 'Decide on a melding: per product granted or refused, legal grounds, objection term',
        body: BeschikkingCreateSchema,
        response: { 201: BeschikkingSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const view = await request.tenant(async (tx) => {
        const { id, personId } = await createBeschikking(tx, municipalityCode, userId, request.body);
        request.recordSubjects('person', [personId]);
        return (await listBeschikkingen(tx, municipalityCode, { id }))[0]!;
      });
      reply.code(201).header('Location', `/api/v1/beschikkingen/${view.id}`);
      return view;
    },
  );

  app.get(
    '/api/v1/beschikkingen',
    {
      config: { action: 'beschikking.list' },
      schema: {
        tags: ['Decisions'],
        summary: "A resident's beschikkingen, newest first",
        querystring: BeschikkingListQuery,
        response: { 200: BeschikkingListSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return request.tenant(async (tx) => {
        const items = await listBeschikkingen(tx, municipalityCode, { personId: request.query.personId });
        request.recordSubjects(
          'person',
          items.map((b) => b.personId),
        );
        return { items };
      });
    },
  );

  app.get(
    '/api/v1/beschikkingen/:id',
    {
      config: { action: 'beschikking.read' },
      schema: {
        tags: ['Decisions'],
        summary: 'One beschikking with its products',
        params: IdParams,
        response: { 200: BeschikkingSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return request.tenant(async (tx) => {
        const [view] = await listBeschikkingen(tx, municipalityCode, { id: request.params.id });
        if (!view) throw notFound(BESCHIKKING);
        request.recordSubjects('person', [view.personId]);
        return view;
      });
    },
  );

  app.get(
    '/api/v1/beschikkingen/:id/letter',
    {
      config: { action: 'beschikking.letter' },
      schema: {
        tags: ['Decisions'],
        summary: 'The decision letter as PDF, in plain Dutch',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const data = await request.tenant(async (tx) => {
        const [view] = await listBeschikkingen(tx, municipalityCode, { id: request.params.id });
        if (!view) throw notFound(BESCHIKKING);
        request.recordSubjects('person', [view.personId]);
        return letterData(tx, municipalityCode, view);
      });
      const pdf = await decisionLetterPdf(data);
      return reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', `attachment; filename="besluit-${data.beschikking.reference}.pdf"`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    },
  );

  app.post(
    '/api/v1/toewijzingen',
    {
      config: { action: 'toewijzing.create' },
      schema: {
        tags: ['Allocations'],
        summary: 'Allocate a granted product to a contracted provider (301)',
        body: ToewijzingCreateSchema,
        response: { 201: ToewijzingSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const view = await request.tenant(async (tx) => {
        const { id, personId } = await createToewijzing(tx, municipalityCode, request.body);
        request.recordSubjects('person', [personId]);
        return (await listToewijzingen(tx, municipalityCode, { id }))[0]!;
      });
      setEtag(reply, view.version);
      reply.code(201).header('Location', `/api/v1/toewijzingen/${view.id}`);
      return view;
    },
  );

  app.get(
    '/api/v1/toewijzingen',
    {
      config: { action: 'toewijzing.list' },
      schema: {
        tags: ['Allocations'],
        summary: "Allocations (provider staff: their own provider's only)",
        querystring: ToewijzingListQuery,
        response: { 200: ToewijzingListSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      return request.tenant(async (tx) => {
        let providerId = request.query.providerId;
        if (request.grip.role === 'aanbieder') {
          const own = await providerOfUser(tx, municipalityCode, userId);
          if (!own || (providerId && providerId !== own)) return { items: [] };
          providerId = own;
        }
        const items = await listToewijzingen(tx, municipalityCode, { ...request.query, providerId });
        request.recordSubjects(
          'person',
          items.map((t) => t.client.personId),
        );
        return { items };
      });
    },
  );

  app.get(
    '/api/v1/toewijzingen/:id',
    {
      config: { action: 'toewijzing.read' },
      schema: {
        tags: ['Allocations'],
        summary: 'One allocation with its care delivery and changes',
        params: IdParams,
        response: { 200: ToewijzingSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const view = await request.tenant(async (tx) => {
        let providerId: string | undefined;
        if (request.grip.role === 'aanbieder') {
          providerId = await providerOfUser(tx, municipalityCode, userId);
          if (!providerId) throw allocationNotFound();
        }
        const [found] = await listToewijzingen(tx, municipalityCode, { id: request.params.id, providerId });
        if (!found) throw allocationNotFound();
        request.recordSubjects('person', [found.client.personId]);
        return found;
      });
      setEtag(reply, view.version);
      return view;
    },
  );

  app.post(
    '/api/v1/toewijzingen/:id/changes',
    {
      config: { action: 'toewijzing.change' },
      schema: {
        tags: ['Allocations'],
        summary: 'Change an allocation with a RedenWijziging (13 withdraws it); needs If-Match',
        params: IdParams,
        body: ToewijzingChangeSchema,
        response: { 200: ToewijzingSchema },
      },
    },
    (request, reply) =>
      afterAllocationCommand(request, reply, request.params.id, (tx, municipalityCode, userId, version) =>
        changeToewijzing(tx, municipalityCode, userId, request.params.id, version, request.body),
      ),
  );

  app.post(
    '/api/v1/toewijzingen/:id/end',
    {
      config: { action: 'toewijzing.end' },
      schema: {
        tags: ['Allocations'],
        summary: 'End an allocation with a RedenBeeindiging; needs If-Match',
        params: IdParams,
        body: ToewijzingEndSchema,
        response: { 200: ToewijzingSchema },
      },
    },
    (request, reply) =>
      afterAllocationCommand(request, reply, request.params.id, (tx, municipalityCode, userId, version) =>
        endToewijzing(tx, municipalityCode, userId, request.params.id, version, request.body),
      ),
  );

  app.post(
    '/api/v1/toewijzingen/:id/delivery/start',
    {
      config: { action: 'care-delivery.start' },
      schema: {
        tags: ['Delivery'],
        summary: 'Report the start of care (305) on an own allocation',
        params: IdParams,
        body: DeliveryStartSchema,
        response: { 200: ToewijzingSchema },
      },
    },
    (request) =>
      asAllocationProvider(request, request.params.id, (tx, municipalityCode, providerId) =>
        startDelivery(tx, municipalityCode, providerId, request.params.id, request.body.startDate),
      ),
  );

  app.post(
    '/api/v1/toewijzingen/:id/delivery/stop',
    {
      config: { action: 'care-delivery.stop' },
      schema: {
        tags: ['Delivery'],
        summary: 'Report the stop of care (307) on an own allocation',
        params: IdParams,
        body: DeliveryStopSchema,
        response: { 200: ToewijzingSchema },
      },
    },
    (request) =>
      asAllocationProvider(request, request.params.id, (tx, municipalityCode, providerId) =>
        stopDelivery(
          tx,
          municipalityCode,
          providerId,
          request.params.id,
          request.body.stopDate,
          request.body.reasonCode,
        ),
      ),
  );

  app.post(
    '/api/v1/declarations',
    {
      config: { action: 'declaration.create' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['Declarations'],
        summary: 'Submit a declaration for a period; each line is checked and accepted or rejected (323)',
        body: DeclarationCreateSchema,
        response: { 201: DeclarationSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const view = await request.tenant(async (tx) => {
        const providerId = await providerOfUser(tx, municipalityCode, userId);
        if (!providerId) throw providerLinkMissing();
        const booked = await bookDeclaration(tx, municipalityCode, providerId, request.body);
        request.recordSubjects('person', booked.personIds);
        const found = await getDeclaration(tx, municipalityCode, booked.id, providerId);
        return { ...found!.view, unknownLines: booked.unknownLines };
      });
      reply.code(201).header('Location', `/api/v1/declarations/${view.id}`);
      return view;
    },
  );

  app.get(
    '/api/v1/declarations',
    {
      config: { action: 'declaration.list' },
      schema: {
        tags: ['Declarations'],
        summary: "Declarations, newest first (provider staff: their own provider's)",
        querystring: z.strictObject({ providerId: z.uuid().optional() }),
        response: { 200: DeclarationListSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      return request.tenant(async (tx) => {
        let providerId = request.query.providerId;
        if (request.grip.role === 'aanbieder') {
          const own = await providerOfUser(tx, municipalityCode, userId);
          if (!own || (providerId && providerId !== own)) return { items: [] };
          providerId = own;
        }
        return { items: await listDeclarations(tx, municipalityCode, { providerId }) };
      });
    },
  );

  app.get(
    '/api/v1/declarations/:id',
    {
      config: { action: 'declaration.read' },
      schema: {
        tags: ['Declarations'],
        summary: 'One declaration with its lines, accepted or rejected with the reason',
        params: IdParams,
        response: { 200: DeclarationSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      return request.tenant(async (tx) => {
        let providerId: string | undefined;
        if (request.grip.role === 'aanbieder') {
          providerId = await providerOfUser(tx, municipalityCode, userId);
          if (!providerId) throw notFound(DECLARATION);
        }
        const found = await getDeclaration(tx, municipalityCode, request.params.id, providerId);
        if (!found) throw notFound(DECLARATION);
        request.recordSubjects('person', found.personIds);
        return { ...found.view, unknownLines: [] };
      });
    },
  );

  app.get(
    '/api/v1/costs',
    {
      config: { action: 'costs.read' },
      schema: {
        tags: ['Costs'],
        summary:
          'Costs by month per service, provider, law or wijk and funding variant: commitments, realisation, lump sums',
        querystring: CostsQuery,
        response: { 200: CostsSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { fromMonth, toMonth } = request.query;
      const months = monthsBetween(fromMonth, toMonth);
      if (months < 1 || months > 36) {
        throw invalid([
          {
            name: 'toMonth',
            code: 'out-of-range',
            reason: {
              nl: 'De periode loopt van fromMonth tot en met toMonth en is hoogstens 36 maanden.',
              en: 'The period runs from fromMonth to toMonth and is at most 36 months.',
            },
          },
        ]);
      }
      return request.tenant((tx) => costs(tx, municipalityCode, request.query));
    },
  );
}

/**
 * A change or end of an allocation (If-Match required): runs the command, logs the client as the subject,
 * and answers with the allocation as it now is and its new ETag.
 */
async function afterAllocationCommand(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  command: (
    tx: Tx,
    municipalityCode: string,
    userId: string,
    version: number,
  ) => Promise<{ personId: string }>,
) {
  const { municipalityCode, userId } = request.grip.actor!;
  const version = requiredVersion(request);
  const view = await request.tenant(async (tx) => {
    const { personId } = await command(tx, municipalityCode, userId, version);
    request.recordSubjects('person', [personId]);
    return (await listToewijzingen(tx, municipalityCode, { id }))[0]!;
  });
  setEtag(reply, view.version);
  return view;
}

/**
 * A report on an own allocation by the provider of the logged-in aanbieder (start or stop of care): an
 * allocation of another provider is not found. Logs the client and answers with the allocation as it is.
 */
function asAllocationProvider(
  request: FastifyRequest,
  id: string,
  report: (tx: Tx, municipalityCode: string, providerId: string) => Promise<{ personId: string }>,
) {
  const { municipalityCode, userId } = request.grip.actor!;
  return request.tenant(async (tx) => {
    const providerId = await providerOfUser(tx, municipalityCode, userId);
    if (!providerId) throw allocationNotFound();
    const { personId } = await report(tx, municipalityCode, providerId);
    request.recordSubjects('person', [personId]);
    return (await listToewijzingen(tx, municipalityCode, { id, providerId }))[0]!;
  });
}
