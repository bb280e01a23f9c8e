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
import { buildDeclarationRetour, retourMessageType } from './declaration-retour.ts';
import { bookingBatchSize, bookInboundMessage, prepareInboundMessage, whenValid } from './message-import.ts';

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
 * Content negotiation of the import's answer: the 325 (XML) when the Accept header asks for
 * application/xml or text/xml with a higher quality than JSON; JSON otherwise (also on a tie).
 */
export function prefersXml(accept: string | undefined): boolean {
  if (!accept) return false;
  let xml = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2)) || 0;
    if (range === 'application/xml' || range === 'text/xml') xml = Math.max(xml, quality);
    else if (range === 'application/json' || range === 'application/*' || range === '*/*')
      json = Math.max(json, range === 'application/json' ? quality : Math.min(quality, 0.5));
  }
  return xml > 0 && xml > json;
}

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

export function registerIstandaardRoutes(app: GripApp, deps: Deps): void {
  const batchSize = bookingBatchSize(deps.database.kind);
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
          summary:
            'Book a 305 (start), 307 (stop) or 323 (declaration) message; answers the retour per line (JSON, or the 325 as XML)',
          description:
            'The raw XML is the body (Content-Type application/xml or text/xml, UTF-8). Malformed or ' +
            'schema-invalid XML: 400 naming line and element. A refused message (wrong receiver, unknown ' +
            'sender, not your provider, identification or declaration number seen before) writes nothing; ' +
            'a booked one answers 201 with one outcome per line. For a 323, `Accept: application/xml` (or ' +
            'text/xml, preferred over JSON) answers the WMO325/JW325 declaratie-antwoord instead: every ' +
            'prestatie with its retourcode (header X-Bericht-Identificatie); for a 305/307 that is 406.',
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
        // A large message is validated on a worker thread while it is read and booked; the transaction
        // commits only once it is known to be valid (whenValid).
        const prepared = await prepareInboundMessage(xml);
        const asXml = prefersXml(request.headers.accept);
        if (asXml && prepared.message.kind !== 'declaration') {
          // Decided before booking: nothing is written for an answer that cannot be given (an invalid
          // message is still answered with its 400 first).
          await prepared.validated;
          throw problem(406, 'retour-not-available', {
            nl: `Op een ${prepared.message.type.code} antwoordt Grip alleen met JSON (Accept: application/json); een XML-retour is er voor een 323 (de 325).`,
            en: `Grip answers a ${prepared.message.type.code} in JSON only (Accept: application/json); an XML retour exists for a 323 (the 325).`,
          });
        }
        const { municipalityCode, userId } = request.grip.actor!;
        const result = await request.tenant((tx) =>
          whenValid(prepared, async () => {
            const providerId = await providerScope(request, tx);
            return bookInboundMessage(
              tx,
              { municipalityCode, userId, providerId, batchSize, databaseKind: deps.database.kind },
              prepared.message,
            );
          }),
        );
        request.recordSubjects('person', result.personIds);
        reply.header('Vary', 'Accept');
        if (asXml && prepared.message.kind === 'declaration') {
          const identification = String(result.messageNumber);
          const type = retourMessageType(prepared.message.type.standard);
          const retour = buildDeclarationRetour({
            declaration: prepared.message,
            outcomes: result.lines,
            identification,
            datedOn: localDate(),
          });
          // A string sent as application/xml is not serialised: the JSON schema of 201 does not apply to it.
          return reply
            .code(201)
            .header('Content-Type', 'application/xml; charset=utf-8')
            .header('Content-Disposition', `attachment; filename="${type.code}-${identification}.xml"`)
            .header('X-Bericht-Identificatie', identification)
            .header('X-Content-Type-Options', 'nosniff')
            .send(retour as never);
        }
        const { personIds: _personIds, messageNumber: _messageNumber, ...answer } = result;
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
