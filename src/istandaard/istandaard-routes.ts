import type { FastifyError, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { handleError } from '../platform/http/errors.ts';
import { notFound, problem, sendProblem } from '../platform/http/problem.ts';
import type { Deps, GripApp } from '../platform/http/types.ts';
import {
  buildAllocationMessage,
  loadAllocationMessage,
  recordAllocationMessage,
} from './allocation-export.ts';
import {
  ImportResultSchema,
  MessageListQuery,
  MessageListSchema,
  NoQuery,
  ToewijzingParams,
} from './istandaard-schemas.ts';
import { bookInboundMessage, parseInboundMessage } from './message-import.ts';

/**
 * Every route of the iWmo/iJw 3.2 message exchange (issue 6, point 7; docs/api/istandaard.md): the 301 of
 * an allocation as XML, the import of 305/307/323 messages (raw XML body) with the retour per line, and
 * the list of messages sent and booked.
 */

const TAGS = ['iWmo/iJw-berichten'];
const ALLOCATION = { nl: 'Deze toewijzing', en: 'This allocation' };
/** A month's declaration of a large city is some 100,000 lines, about 100 MB of XML. */
export const MESSAGE_MAX_BYTES = 256 * 1024 * 1024;
const XML_TYPES = /^(application|text)\/([\w.+-]+\+)?xml(\s*;.*)?$/i;

/**
 * The provider of the caller when provider staff; null for municipal staff. An account not linked to a
 * provider gets 403, or with `orNone` the string 'none' (it sees nothing).
 */
async function providerScope(request: FastifyRequest, tx: Tx, orNone = false): Promise<string | null> {
  if (request.grip.role !== 'aanbieder') return null;
  const { municipalityCode, userId } = request.grip.actor!;
  const row = await tx
    .selectFrom('app_user')
    .select('provider_id')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row?.provider_id) {
    if (orNone) return 'none';
    throw problem(403, 'no-provider-link', {
      nl: 'Uw account is niet gekoppeld aan een aanbieder; vraag de gemeente dit te doen.',
      en: 'Your account is not linked to a provider; ask the municipality to link it.',
    });
  }
  return row.provider_id;
}

export function registerIstandaardRoutes(app: GripApp, _deps: Deps): void {
  app.post(
    '/api/v1/istandaard/toewijzingen/:toewijzingId/bericht',
    {
      config: { action: 'istandaard-toewijzing.export' },
      schema: {
        tags: TAGS,
        summary:
          'Send the WMO301/JW301 of an allocation: the XML of all current allocations of that client with that provider',
        description:
          'Answers application/xml that validates against the 3.2 XSD. Each call is a new message with a new BerichtIdentificatie (header X-Bericht-Identificatie).',
        params: ToewijzingParams,
        querystring: NoQuery,
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const xml = await request.tenant(async (tx) => {
        const loaded = await loadAllocationMessage(tx, municipalityCode, request.params.toewijzingId, null);
        if (loaded === 'not-found') throw notFound(ALLOCATION);
        if (loaded === 'no-standard') {
          throw problem(409, 'no-istandaard', {
            nl: 'Deze toewijzing valt niet onder de Wmo of de Jeugdwet; er is geen 301-bericht voor.',
            en: 'This allocation falls under neither the Wmo nor the Jeugdwet; there is no 301 message for it.',
          });
        }
        if (loaded === 'no-agb') {
          throw problem(409, 'provider-without-agb', {
            nl: 'De aanbieder van deze toewijzing heeft geen AGB-code; die is nodig als ontvanger van het bericht.',
            en: 'The provider of this allocation has no AGB code, which the message needs as its receiver.',
          });
        }
        request.recordSubjects('person', [loaded.personId]);
        const datedOn = localDate();
        const identification = await recordAllocationMessage(tx, municipalityCode, loaded, datedOn, userId);
        return {
          identification,
          type: loaded.type.code,
          body: buildAllocationMessage({ ...loaded, identification, datedOn }),
        };
      });
      return reply
        .header('Content-Type', 'application/xml; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${xml.type}-${xml.identification}.xml"`)
        .header('X-Bericht-Identificatie', xml.identification)
        .header('X-Content-Type-Options', 'nosniff')
        .send(xml.body);
    },
  );

  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: MESSAGE_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    uploads.setErrorHandler((error: FastifyError, request, reply) =>
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? sendProblem(
            reply,
            problem(413, 'message-too-large', {
              nl: `Het bericht is groter dan ${MESSAGE_MAX_BYTES / 1024 / 1024} MB.`,
              en: `The message is larger than ${MESSAGE_MAX_BYTES / 1024 / 1024} MB.`,
            }),
          )
        : handleError(error, request, reply),
    );

    uploads.post(
      '/api/v1/istandaard/berichten',
      {
        bodyLimit: MESSAGE_MAX_BYTES,
        config: { action: 'istandaard-bericht.import' },
        schema: {
          tags: TAGS,
          summary: 'Book a 305 (start), 307 (stop) or 323 (declaration) message; answers the retour per line',
          description:
            'The raw XML is the body (Content-Type application/xml or text/xml, UTF-8). Malformed or ' +
            'schema-invalid XML: 400 naming line and element. A refused message (wrong receiver, unknown ' +
            'sender, not your provider, identification or declaration number seen before) writes nothing; ' +
            'a booked one answers 201 with one outcome per line.',
          querystring: NoQuery,
          response: { 201: ImportResultSchema },
        },
      },
      async (request, reply) => {
        const contentType = String(request.headers['content-type'] ?? '');
        if (!XML_TYPES.test(contentType)) {
          throw problem(415, 'unsupported-media-type', {
            nl: 'Stuur het bericht als XML (Content-Type: application/xml).',
            en: 'Send the message as XML (Content-Type: application/xml).',
          });
        }
        const body = request.body;
        const xml = Buffer.isBuffer(body) ? body.toString('utf8') : '';
        const message = await parseInboundMessage(xml);
        const { municipalityCode, userId } = request.grip.actor!;
        const result = await request.tenant(async (tx) => {
          const providerId = await providerScope(request, tx);
          const booked = await bookInboundMessage(tx, { municipalityCode, userId, providerId }, message);
          request.recordSubjects('person', booked.personIds);
          return booked;
        });
        const { personIds: _personIds, ...answer } = result;
        return reply.code(201).send(answer);
      },
    );
  });

  app.get(
    '/api/v1/istandaard/berichten',
    {
      config: { action: 'istandaard-bericht.list' },
      schema: {
        tags: TAGS,
        summary: 'Messages sent (301) and booked (305, 307, 323), newest first; provider staff see their own',
        querystring: MessageListQuery,
        response: { 200: MessageListSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { direction, limit } = request.query;
      return request.tenant(async (tx) => {
        const providerId = await providerScope(request, tx, true);
        if (providerId === 'none') return { items: [] };
        let query = tx
          .selectFrom('istandaard_message')
          .selectAll()
          .where('municipality_code', '=', municipalityCode)
          .orderBy('processed_at', 'desc')
          .orderBy('number', 'desc')
          .limit(limit);
        if (providerId) query = query.where('provider_id', '=', providerId);
        if (direction) query = query.where('direction', '=', direction);
        const rows = await query.execute();
        return {
          items: rows.map((r) => ({
            id: r.id,
            direction: r.direction,
            messageCode: r.message_code,
            lawCode: r.law_code,
            providerId: r.provider_id,
            sender: r.sender,
            receiver: r.receiver,
            identification: r.identification,
            datedOn: r.dated_on,
            declarationId: r.declaration_id,
            lineCount: r.line_count,
            accepted: r.accepted_count,
            rejected: r.rejected_count,
            processedAt: new Date(r.processed_at).toISOString(),
          })),
        };
      });
    },
  );
}
