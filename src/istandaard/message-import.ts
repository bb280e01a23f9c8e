import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  DeclarationChecker,
  type BatchLine,
  type CheckFacts,
  type TariffFacts,
} from '../decisions/declaration-checks.ts';
import { loadCheckFacts, lockProvider } from '../decisions/declaration-facts.ts';
import { localDate } from '../intake/local-date.ts';
import type { DatabaseKind, Tx } from '../platform/db/database.ts';
import { problem, type Bilingual, type InvalidParam } from '../platform/http/problem.ts';
import { isValidBsn } from '../residents/bsn.ts';
import { detectMessageType, type MessageType } from './message-types.ts';
import { StatementQueue } from './statement-queue.ts';
import { readMessage, XmlReadError } from './xml-reader.ts';
import {
  COMPILED_FROM_BYTES,
  schemasAvailable,
  validateMessage,
  validateMessageInWorker,
  type SchemaError,
} from './xsd-validation.ts';

/**
 * The import of 305 (start of care), 307 (stop of care) and 323 (declaration) messages from providers:
 *
 *   1. parseInboundMessage: recognise the message by its namespace, validate it against its XSD
 *      (malformed or schema-invalid → 400 naming line and element), read it. No database.
 *   2. bookInboundMessage, inside one tenant transaction: the header (sent to this municipality, by a
 *      known provider, the caller's own when provider staff, not booked before — by identification), then
 *      every line through the checks (BSN 11-proef and client, allocation, and for 323 the line checks
 *      of src/decisions/declaration-checks.ts), then the booking. A refused message writes nothing; an
 *      accepted one writes every line in the same transaction, each accepted or rejected with a
 *      retourcode, and the answer is the retour: one outcome per line.
 */

export interface HeaderFields {
  sender: string;
  receiver: string;
  identification: string;
  datedOn: string;
}

export interface StartStopLine {
  index: number;
  toewijzingNumber: number | null;
  productCategoryCode: string | null;
  productCode: string | null;
  allocationStartDate: string | null;
  startDate: string;
  /** 307 only. */
  endDate: string | null;
  endReasonCode: string | null;
  /** StatusAanlevering: 1 eerste, 2 gewijzigd, 3 verwijderen, 9 n.v.t. */
  deliveryStatus: string;
}

export interface DeclarationMessageLine extends BatchLine {
  index: number;
  bsn: string;
  debitCredit: 'D' | 'C';
  /** VorigReferentieNummer, when given (the 325 repeats it). */
  previousReference: string | null;
  /** ProductTarief as sent; null when the prestatie has none (units of 83, euro). */
  productTariffCents: number | null;
}

export type ParsedMessage =
  | { kind: 'start' | 'stop'; type: MessageType; header: HeaderFields; bsn: string; lines: StartStopLine[] }
  | {
      kind: 'declaration';
      type: MessageType;
      header: HeaderFields;
      /** The XsdVersie of the 323's header (the 325 repeats it as XsdVersieDeclaratie). */
      xsdVersion: { basis: string; message: string };
      declarationNumber: string;
      period: { start: string; end: string };
      totalCents: number;
      lines: DeclarationMessageLine[];
    };

export interface LineOutcome {
  /** Position of the line in the message, from 1. */
  line: number;
  toewijzingNumber: number | null;
  reference: string | null;
  status: 'geaccepteerd' | 'afgewezen';
  /** Retourcode (LDT_RetourCode); 0200 for an accepted line. */
  code: string;
  check: string | null;
  reason: Bilingual | null;
}

export interface ImportResult {
  messageId: string;
  /** Running number of the message's row: the BerichtIdentificatie of its retour (325). */
  messageNumber: number;
  messageCode: string;
  identification: string;
  provider: { id: string; agbCode: string };
  declarationId: string | null;
  lineCount: number;
  accepted: number;
  rejected: number;
  lines: LineOutcome[];
  personIds: string[];
}

export interface ImportScope {
  municipalityCode: string;
  userId: string | null;
  /** Provider staff: the only provider whose messages they may send; null for municipal staff. */
  providerId: string | null;
  /** Called with the duration of each statement of the booking (the benchmark measures them). */
  onStatement?: (label: string, ms: number) => void;
  /** Lines per insert statement and allocation numbers per lookup (default: bookingBatchSize('postgres')). */
  batchSize?: number;
  /**
   * The database the booking runs on (default 'postgres'): on the embedded one each statement waits for the
   * one before (see StatementQueue).
   */
  databaseKind?: DatabaseKind;
}

/**
 * Lines per statement of a 323's booking: each statement stays well under ~100 ms, so that a large file
 * does not hold the database for others. The embedded database (PGlite, WebAssembly on the server's own
 * thread) is a few times slower per row than PostgreSQL, hence the smaller batches there.
 */
export function bookingBatchSize(kind: DatabaseKind): number {
  return kind === 'pglite' ? 500 : 1000;
}

const UNPROCESSABLE: Bilingual = { nl: 'Bericht niet verwerkt', en: 'Message not processed' };

const refused = (status: number, code: string, nl: string, en: string, params?: InvalidParam[]) =>
  problem(
    status,
    code,
    { nl, en },
    { title: status === 422 ? UNPROCESSABLE : undefined, invalidParams: params },
  );

function schemaProblem(type: MessageType, errors: SchemaError[]) {
  const malformed = errors.some((e) => e.malformed);
  const first = errors[0]!;
  const where = (e: SchemaError) =>
    `${e.line === null ? '' : `regel ${e.line}`}${e.element ? `${e.line === null ? '' : ', '}element ${e.element}` : ''}`;
  const whereEn = (e: SchemaError) =>
    `${e.line === null ? '' : `line ${e.line}`}${e.element ? `${e.line === null ? '' : ', '}element ${e.element}` : ''}`;
  return refused(
    400,
    malformed ? 'xml-malformed' : 'xml-schema-invalid',
    malformed
      ? `Het bericht is geen goed gevormde XML (${where(first)}): ${first.message}`
      : `Het bericht voldoet niet aan het XSD van ${type.code} (${where(first)}): ${first.message}`,
    malformed
      ? `The message is not well-formed XML (${whereEn(first)}): ${first.message}`
      : `The message does not validate against the ${type.code} XSD (${whereEn(first)}): ${first.message}`,
    errors.map((e) => ({
      name:
        e.line === null ? (e.element ?? 'bericht') : `line ${e.line}${e.element ? ` (${e.element})` : ''}`,
      code: e.malformed ? 'xml-malformed' : 'xsd',
      reason: { nl: `XSD-fout: ${e.message}`, en: e.message },
    })),
  );
}

/** Step 1: recognise, validate against the XSD and read a message. Throws a Problem when it cannot. */
export async function parseInboundMessage(xml: string): Promise<ParsedMessage> {
  return readInboundMessage(await validateInboundMessage(xml), xml);
}

/** The message type, refused when it cannot be a message at all or the schemas are missing. */
function recogniseMessage(xml: string): MessageType {
  if (xml.trim() === '') {
    throw refused(400, 'xml-malformed', 'Het bericht is leeg.', 'The message is empty.');
  }
  const type = detectMessageType(xml);
  if (!type) {
    throw refused(
      400,
      'unknown-message',
      'Dit is geen iWmo- of iJw 3.2-bericht: het root-element Bericht met een bekende namespace ontbreekt.',
      'This is not an iWmo or iJw 3.2 message: there is no root element Bericht with a known namespace.',
    );
  }
  if (!schemasAvailable()) {
    throw problem(503, 'schemas-missing', {
      nl: 'De XSD-schema’s van iWmo/iJw 3.2 zijn niet geïnstalleerd op deze server.',
      en: 'The iWmo/iJw 3.2 XSD schemas are not installed on this server.',
    });
  }
  return type;
}

function refuseNotInbound(type: MessageType): void {
  if (type.handling === 'export' || type.handling === 'not-accepted') {
    throw refused(
      422,
      'message-not-accepted',
      `Een ${type.code}-bericht is geldig, maar wordt hier niet ontvangen: Grip boekt 305, 307 en 323 van aanbieders.`,
      `A ${type.code} message is valid but not received here: Grip books 305, 307 and 323 from providers.`,
    );
  }
}

/** Step 1a: the message type, and the message valid against its XSD and one Grip books (else a Problem). */
export async function validateInboundMessage(xml: string): Promise<MessageType> {
  const type = recogniseMessage(xml);
  const validation = await validateMessage(type, xml);
  if (!validation.valid) throw schemaProblem(type, validation.errors);
  refuseNotInbound(type);
  return type;
}

/**
 * A message read and on its way through the schema validation: `validated` settles when the validation
 * is done and rejects with the 400 when the message is not valid.
 */
export interface PreparedMessage {
  message: ParsedMessage;
  validated: Promise<void>;
}

/**
 * Step 1, for booking: a small message is validated first and then read (as parseInboundMessage); a large
 * one (from COMPILED_FROM_BYTES, or with `parallel`) is validated on a worker thread while it is read here
 * and booked — the caller must not commit before `whenValid` says so. Every refusal is the same as in the
 * sequential order: when reading fails, the schema's verdict is awaited and wins.
 */
export async function prepareInboundMessage(
  xml: string,
  options: { parallel?: boolean } = {},
): Promise<PreparedMessage> {
  if (!(options.parallel ?? xml.length >= COMPILED_FROM_BYTES)) {
    return { message: await parseInboundMessage(xml), validated: Promise.resolve() };
  }
  const type = recogniseMessage(xml);
  const validated = validateMessageInWorker(type, xml).then((validation) => {
    if (!validation.valid) throw schemaProblem(type, validation.errors);
  });
  // Handled here so that an early failure is never an unhandled rejection; whenValid awaits it again.
  validated.catch(() => undefined);
  if (type.handling === 'export' || type.handling === 'not-accepted') {
    await validated;
    refuseNotInbound(type);
  }
  try {
    return { message: readInboundMessage(type, xml), validated };
  } catch (error) {
    await validated;
    throw error;
  }
}

/**
 * Runs the booking of a prepared message and returns its result only once the message is known to be
 * valid; when it is not, the schema's 400 is thrown (also when the booking failed first, on what an
 * invalid message made of it), so the caller's transaction rolls back and nothing is written.
 */
export async function whenValid<T>(prepared: PreparedMessage, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await prepared.validated;
    throw error;
  }
  await prepared.validated;
  return result;
}

/** Step 1b: read a validated message. */
export function readInboundMessage(type: MessageType, xml: string): ParsedMessage {
  if (type.handling !== 'start' && type.handling !== 'stop' && type.handling !== 'declaration') {
    throw new Error(`${type.code} is not an inbound message`);
  }
  let read;
  try {
    read = readMessage(xml, new Set(['StartProduct', 'StopProduct', 'Prestatie']));
  } catch (error) {
    if (error instanceof XmlReadError) {
      throw refused(
        400,
        'xml-malformed',
        `Het bericht kan niet gelezen worden: ${error.message}.`,
        `The message cannot be read: ${error.message}.`,
      );
    }
    throw error;
  }
  const f = read.fields;
  const header: HeaderFields = {
    sender: f.get('Header/Afzender') ?? '',
    receiver: f.get('Header/Ontvanger') ?? '',
    identification: f.get('Header/BerichtIdentificatie/Identificatie') ?? '',
    datedOn: f.get('Header/BerichtIdentificatie/Dagtekening') ?? '',
  };
  const number = (value: string | undefined) => (value === undefined || value === '' ? null : Number(value));
  if (type.handling === 'declaration') {
    const lines: DeclarationMessageLine[] = read.records.map((r, i) => {
      const x = r.fields;
      const volume = Number(x.GeleverdVolume);
      const amount = Number(x['IngediendBedrag/Bedrag']);
      return {
        index: i + 1,
        bsn: r.context['Declaratie/Clienten/Client/Bsn'] ?? '',
        toewijzingNumber: Number(x.ToewijzingNummer),
        reference: x['ProductReferentie/ReferentieNummer'] ?? null,
        productCategoryCode: x.ProductCategorie ?? null,
        productCode: x.ProductCode ?? null,
        periodStart: x['ProductPeriode/Begindatum']!,
        periodEnd: x['ProductPeriode/Einddatum']!,
        volume,
        unitCode: x.Eenheid!,
        // Without a ProductTarief (units of 83, euro) the amount is the price of the line.
        tariffCents: x.ProductTarief === undefined ? amount : Number(x.ProductTarief),
        amountCents: amount,
        debitCredit: x['IngediendBedrag/DebetCredit'] === 'C' ? 'C' : 'D',
        previousReference: x['ProductReferentie/VorigReferentieNummer'] ?? null,
        productTariffCents: x.ProductTarief === undefined ? null : Number(x.ProductTarief),
      };
    });
    const total = Number(f.get('Declaratie/TotaalIngediendBedrag/TotaalBedrag'));
    const sign = f.get('Declaratie/TotaalIngediendBedrag/DebetCredit') === 'C' ? -1 : 1;
    return {
      kind: 'declaration',
      type,
      header,
      xsdVersion: {
        basis: f.get('Header/XsdVersie/BasisschemaXsdVersie') ?? '',
        message: f.get('Header/XsdVersie/BerichtXsdVersie') ?? '',
      },
      declarationNumber: f.get('Declaratie/DeclaratieNummer') ?? '',
      period: {
        start: f.get('Declaratie/DeclaratiePeriode/Begindatum') ?? '',
        end: f.get('Declaratie/DeclaratiePeriode/Einddatum') ?? '',
      },
      totalCents: sign * total,
      lines,
    };
  }
  return {
    kind: type.handling === 'stop' ? 'stop' : 'start',
    type,
    header,
    bsn: f.get('Client/Bsn') ?? '',
    lines: read.records.map((r, i) => ({
      index: i + 1,
      toewijzingNumber: number(r.fields.ToewijzingNummer),
      productCategoryCode: r.fields['Product/Categorie'] ?? null,
      productCode: r.fields['Product/Code'] ?? null,
      allocationStartDate: r.fields.ToewijzingIngangsdatum ?? null,
      startDate: r.fields.Begindatum!,
      endDate: r.fields.Einddatum ?? null,
      endReasonCode: r.fields.RedenBeeindiging ?? null,
      deliveryStatus: r.fields.StatusAanlevering ?? '1',
    })),
  };
}

const accepted = (line: number, toewijzingNumber: number | null, reference: string | null): LineOutcome => ({
  line,
  toewijzingNumber,
  reference,
  status: 'geaccepteerd',
  code: '0200',
  check: null,
  reason: null,
});

const rejected = (
  line: number,
  toewijzingNumber: number | null,
  reference: string | null,
  code: string,
  check: string,
  nl: string,
  en: string,
): LineOutcome => ({
  line,
  toewijzingNumber,
  reference,
  status: 'afgewezen',
  code,
  check,
  reason: { nl, en },
});

const bsnFailsOutcome = (line: number, number: number | null, reference: string | null, bsn: string) =>
  // The 3.2 list has no retourcode of its own for an invalid BSN; 8187 (not this client) is the nearest.
  rejected(
    line,
    number,
    reference,
    '8187',
    'bsn-invalid',
    `Het BSN ${bsn} voldoet niet aan de 11-proef.`,
    `BSN ${bsn} fails the 11-proef (check digit test).`,
  );

const clientMismatch = (line: number, number: number | null, reference: string | null) =>
  rejected(
    line,
    number,
    reference,
    '8187',
    'client',
    'De toewijzing hoort niet bij de client met dit BSN.',
    'The allocation does not belong to the client with this BSN.',
  );

async function timed<T>(scope: ImportScope, label: string, work: Promise<T>): Promise<T> {
  if (!scope.onStatement) return work;
  const started = performance.now();
  const result = await work;
  scope.onStatement(label, performance.now() - started);
  return result;
}

/** Step 2: check and book a parsed message in the caller's tenant transaction. */
export async function bookInboundMessage(
  tx: Tx,
  scope: ImportScope,
  message: ParsedMessage,
): Promise<ImportResult> {
  const { municipalityCode } = scope;
  const { header, type } = message;
  if (header.receiver !== municipalityCode.slice(2)) {
    throw refused(
      422,
      'wrong-receiver',
      `Het bericht is gericht aan gemeente ${header.receiver}, niet aan deze gemeente (${municipalityCode.slice(2)}).`,
      `The message is addressed to municipality ${header.receiver}, not to this one (${municipalityCode.slice(2)}).`,
    );
  }
  const provider = await timed(
    scope,
    'provider',
    tx
      .selectFrom('provider')
      .select(['id', 'agb_code'])
      .where('municipality_code', '=', municipalityCode)
      .where('agb_code', '=', header.sender)
      .executeTakeFirst(),
  );
  if (!provider) {
    throw refused(
      422,
      'unknown-sender',
      `Er is geen aanbieder met AGB-code ${header.sender} bij deze gemeente.`,
      `There is no provider with AGB code ${header.sender} in this municipality.`,
    );
  }
  if (scope.providerId !== null && scope.providerId !== provider.id) {
    throw problem(403, 'not-own-provider', {
      nl: `U kunt alleen berichten van uw eigen organisatie insturen; dit bericht is van AGB-code ${header.sender}.`,
      en: `You can only send messages of your own organisation; this message is from AGB code ${header.sender}.`,
    });
  }
  if (header.datedOn > localDate()) {
    throw refused(
      422,
      'dated-in-future',
      `De dagtekening ${header.datedOn} ligt na vandaag (retourcode 8848).`,
      `The message is dated ${header.datedOn}, after today (retourcode 8848).`,
    );
  }
  await timed(scope, 'lock-provider', lockProvider(tx, municipalityCode, provider.id));
  const earlier = await timed(
    scope,
    'duplicate',
    tx
      .selectFrom('istandaard_message')
      .select(['processed_at'])
      .where('municipality_code', '=', municipalityCode)
      .where('direction', '=', 'inkomend')
      .where('sender', '=', header.sender)
      .where('message_code', '=', type.code)
      .where('identification', '=', header.identification)
      .executeTakeFirst(),
  );
  if (earlier) {
    throw refused(
      409,
      'duplicate-message',
      `Een ${type.code}-bericht met identificatie ${header.identification} van deze aanbieder is al verwerkt (retourcode 9056).`,
      `A ${type.code} message with identification ${header.identification} from this provider was processed before (retourcode 9056).`,
    );
  }
  const messageId = randomUUID();
  const booked =
    message.kind === 'declaration'
      ? await bookDeclaration(tx, scope, provider.id, message)
      : await bookStartStop(tx, scope, provider.id, message);
  const acceptedCount = booked.lines.filter((l) => l.status === 'geaccepteerd').length;
  const recorded = await timed(
    scope,
    'message',
    tx
      .insertInto('istandaard_message')
      .values({
        municipality_code: municipalityCode,
        id: messageId,
        direction: 'inkomend',
        message_code: type.code,
        law_code: type.lawCode,
        provider_id: provider.id,
        sender: header.sender,
        receiver: header.receiver,
        identification: header.identification,
        dated_on: header.datedOn,
        person_id: message.kind === 'declaration' ? null : (booked.personIds[0] ?? null),
        declaration_id: booked.declarationId,
        line_count: booked.lines.length,
        accepted_count: acceptedCount,
        rejected_count: booked.lines.length - acceptedCount,
        processed_by: scope.userId,
      })
      .returning('number')
      .executeTakeFirstOrThrow(),
  );
  return {
    messageId,
    messageNumber: Number(recorded.number),
    messageCode: type.code,
    identification: header.identification,
    provider: { id: provider.id, agbCode: header.sender },
    declarationId: booked.declarationId,
    lineCount: booked.lines.length,
    accepted: acceptedCount,
    rejected: booked.lines.length - acceptedCount,
    lines: booked.lines,
    personIds: booked.personIds,
  };
}

interface Booked {
  lines: LineOutcome[];
  declarationId: string | null;
  personIds: string[];
}

/** 305 and 307: care delivery of one client, line by line (a message holds a handful). */
async function bookStartStop(
  tx: Tx,
  scope: ImportScope,
  providerId: string,
  message: Extract<ParsedMessage, { kind: 'start' | 'stop' }>,
): Promise<Booked> {
  const { municipalityCode } = scope;
  const outcomes: LineOutcome[] = [];
  const personIds = new Set<string>();
  const validBsn = isValidBsn(message.bsn);
  const now = new Date();
  for (const line of message.lines) {
    const n = line.toewijzingNumber;
    if (!validBsn) {
      outcomes.push(bsnFailsOutcome(line.index, n, null, message.bsn));
      continue;
    }
    const allocation =
      n === null
        ? undefined
        : await tx
            .selectFrom('toewijzing')
            .innerJoin('person', (j) =>
              j
                .onRef('person.municipality_code', '=', 'toewijzing.municipality_code')
                .onRef('person.id', '=', 'toewijzing.person_id'),
            )
            .select([
              'toewijzing.id',
              'toewijzing.person_id',
              'toewijzing.status',
              'toewijzing.start_date',
              'toewijzing.end_date',
              'toewijzing.product_category_code',
              'toewijzing.product_code',
              'person.bsn',
            ])
            .where('toewijzing.municipality_code', '=', municipalityCode)
            .where('toewijzing.provider_id', '=', providerId)
            .where('toewijzing.law_code', '=', message.type.lawCode)
            .where('toewijzing.toewijzing_number', '=', String(n))
            .executeTakeFirst();
    if (!allocation) {
      outcomes.push(
        rejected(
          line.index,
          n,
          null,
          '9019',
          'unknown-allocation',
          n === null
            ? 'Het bericht noemt geen toewijzingnummer; het kan niet aan een toewijzing gekoppeld worden.'
            : `Er is geen toewijzing ${n} voor deze aanbieder onder deze wet.`,
          n === null
            ? 'The message names no allocation number; it cannot be linked to an allocation.'
            : `There is no allocation ${n} for this provider under this law.`,
        ),
      );
      continue;
    }
    if (allocation.bsn !== message.bsn) {
      outcomes.push(clientMismatch(line.index, n, null));
      continue;
    }
    const mismatch = productMismatch(line, allocation);
    if (mismatch) {
      outcomes.push(mismatch);
      continue;
    }
    if (allocation.status === 'ingetrokken') {
      outcomes.push(
        rejected(
          line.index,
          n,
          null,
          '9019',
          'allocation-withdrawn',
          'Deze toewijzing is ingetrokken.',
          'This allocation was withdrawn.',
        ),
      );
      continue;
    }
    const end = allocation.end_date ?? '9999-12-31';
    const delivery = await tx
      .selectFrom('care_delivery')
      .select(['start_date', 'stop_date'])
      .where('municipality_code', '=', municipalityCode)
      .where('toewijzing_id', '=', allocation.id)
      .orderBy('start_date')
      .execute();
    const same = delivery.find((d) => d.start_date === line.startDate);
    const outcome =
      message.kind === 'start'
        ? await applyStart(tx, municipalityCode, allocation, end, line, same, delivery, now)
        : await applyStop(tx, municipalityCode, allocation, end, line, same, now);
    outcomes.push(outcome);
    if (outcome.status === 'geaccepteerd') personIds.add(allocation.person_id);
  }
  return { lines: outcomes, declarationId: null, personIds: [...personIds] };
}

function productMismatch(
  line: StartStopLine,
  allocation: { product_category_code: string | null; product_code: string | null; start_date: string },
): LineOutcome | undefined {
  const n = line.toewijzingNumber;
  if (
    line.productCategoryCode &&
    allocation.product_category_code &&
    line.productCategoryCode !== allocation.product_category_code
  ) {
    return rejected(
      line.index,
      n,
      null,
      '9339',
      'product-category',
      `Productcategorie ${line.productCategoryCode} is niet die van de toewijzing (${allocation.product_category_code}).`,
      `Product category ${line.productCategoryCode} is not the allocated one (${allocation.product_category_code}).`,
    );
  }
  if (line.productCode && allocation.product_code && line.productCode !== allocation.product_code) {
    return rejected(
      line.index,
      n,
      null,
      '9340',
      'product-code',
      `Productcode ${line.productCode} is niet die van de toewijzing (${allocation.product_code}).`,
      `Product code ${line.productCode} is not the allocated one (${allocation.product_code}).`,
    );
  }
  if (line.allocationStartDate && line.allocationStartDate !== allocation.start_date) {
    return rejected(
      line.index,
      n,
      null,
      '9019',
      'allocation-start',
      `De ingangsdatum ${line.allocationStartDate} is niet die van toewijzing ${n} (${allocation.start_date}).`,
      `Start date ${line.allocationStartDate} is not that of allocation ${n} (${allocation.start_date}).`,
    );
  }
  return undefined;
}

async function applyStart(
  tx: Tx,
  municipalityCode: string,
  allocation: { id: string; start_date: string; end_date: string | null; status: string },
  end: string,
  line: StartStopLine,
  same: { start_date: string; stop_date: string | null } | undefined,
  deliveries: { start_date: string; stop_date: string | null }[],
  now: Date,
): Promise<LineOutcome> {
  const n = line.toewijzingNumber;
  if (line.deliveryStatus === '3') {
    if (!same)
      return rejected(
        line.index,
        n,
        null,
        '9069',
        'no-start',
        `Er is geen start op ${line.startDate} om te verwijderen.`,
        `There is no start on ${line.startDate} to delete.`,
      );
    if (same.stop_date !== null) {
      return rejected(
        line.index,
        n,
        null,
        '9071',
        'already-stopped',
        'De start kan niet verwijderd worden: de zorg is al gestopt.',
        'The start cannot be deleted: care has already stopped.',
      );
    }
    await tx
      .deleteFrom('care_delivery')
      .where('municipality_code', '=', municipalityCode)
      .where('toewijzing_id', '=', allocation.id)
      .where('start_date', '=', line.startDate)
      .execute();
    return accepted(line.index, n, null);
  }
  if (line.deliveryStatus !== '1') {
    return rejected(
      line.index,
      n,
      null,
      '0233',
      'status-not-supported',
      `StatusAanlevering ${line.deliveryStatus} wordt bij een start niet verwerkt; stuur 1 (eerste) of 3 (verwijderen).`,
      `StatusAanlevering ${line.deliveryStatus} is not processed for a start; send 1 (first) or 3 (delete).`,
    );
  }
  if (line.startDate < allocation.start_date || line.startDate > end) {
    const stopped = allocation.status === 'beeindigd';
    return rejected(
      line.index,
      n,
      null,
      '9307',
      stopped ? 'allocation-stopped' : 'start-outside-allocation',
      stopped
        ? `De toewijzing is beëindigd per ${allocation.end_date}; zorg kan niet starten op ${line.startDate}.`
        : `De begindatum ${line.startDate} ligt niet binnen de toewijzing (${allocation.start_date} t/m ${allocation.end_date ?? 'open'}).`,
      stopped
        ? `The allocation ended on ${allocation.end_date}; care cannot start on ${line.startDate}.`
        : `Start ${line.startDate} lies outside the allocation (${allocation.start_date} to ${allocation.end_date ?? 'open'}).`,
    );
  }
  if (same)
    return rejected(
      line.index,
      n,
      null,
      '9074',
      'duplicate-start',
      `De start op ${line.startDate} is al eerder gemeld.`,
      `The start on ${line.startDate} was reported before.`,
    );
  const open = deliveries.find((d) => d.stop_date === null || d.stop_date >= line.startDate);
  if (open) {
    return rejected(
      line.index,
      n,
      null,
      '9326',
      'delivery-not-stopped',
      `De levering die op ${open.start_date} begon is nog niet gestopt.`,
      `The delivery that started on ${open.start_date} has not been stopped.`,
    );
  }
  await tx
    .insertInto('care_delivery')
    .values({
      municipality_code: municipalityCode,
      toewijzing_id: allocation.id,
      start_date: line.startDate,
      start_reported_at: now,
    })
    .execute();
  return accepted(line.index, n, null);
}

async function applyStop(
  tx: Tx,
  municipalityCode: string,
  allocation: { id: string; start_date: string; end_date: string | null },
  end: string,
  line: StartStopLine,
  same: { start_date: string; stop_date: string | null } | undefined,
  now: Date,
): Promise<LineOutcome> {
  const n = line.toewijzingNumber;
  if (!same) {
    return rejected(
      line.index,
      n,
      null,
      '9069',
      'no-start',
      `Er is geen start op ${line.startDate} gemeld voor toewijzing ${n}.`,
      `No start on ${line.startDate} was reported for allocation ${n}.`,
    );
  }
  const update = (values: {
    stop_date: string | null;
    stop_reason_code: string | null;
    stop_reported_at: Date | null;
  }) =>
    tx
      .updateTable('care_delivery')
      .set(values)
      .where('municipality_code', '=', municipalityCode)
      .where('toewijzing_id', '=', allocation.id)
      .where('start_date', '=', line.startDate)
      .execute();
  if (line.deliveryStatus === '3') {
    if (same.stop_date === null)
      return rejected(
        line.index,
        n,
        null,
        '9069',
        'no-stop',
        'Er is geen stop om te verwijderen.',
        'There is no stop to delete.',
      );
    await update({ stop_date: null, stop_reason_code: null, stop_reported_at: null });
    return accepted(line.index, n, null);
  }
  if (line.deliveryStatus !== '1') {
    return rejected(
      line.index,
      n,
      null,
      '0233',
      'status-not-supported',
      `StatusAanlevering ${line.deliveryStatus} wordt bij een stop niet verwerkt; stuur 1 (eerste) of 3 (verwijderen).`,
      `StatusAanlevering ${line.deliveryStatus} is not processed for a stop; send 1 (first) or 3 (delete).`,
    );
  }
  if (same.stop_date !== null) {
    return rejected(
      line.index,
      n,
      null,
      '9074',
      'duplicate-stop',
      `Deze levering is al gestopt per ${same.stop_date}.`,
      `This delivery was already stopped on ${same.stop_date}.`,
    );
  }
  const stopDate = line.endDate!;
  if (stopDate < line.startDate || stopDate > end) {
    return rejected(
      line.index,
      n,
      null,
      '9308',
      'stop-outside-allocation',
      `De einddatum ${stopDate} ligt niet tussen de start (${line.startDate}) en het einde van de toewijzing (${allocation.end_date ?? 'open'}).`,
      `End ${stopDate} does not lie between the start (${line.startDate}) and the end of the allocation (${allocation.end_date ?? 'open'}).`,
    );
  }
  await update({ stop_date: stopDate, stop_reason_code: line.endReasonCode, stop_reported_at: now });
  return accepted(line.index, n, null);
}

/** 323: the declaration and all its lines, in batches of statements that each stay short. */
async function bookDeclaration(
  tx: Tx,
  scope: ImportScope,
  providerId: string,
  message: Extract<ParsedMessage, { kind: 'declaration' }>,
): Promise<Booked> {
  const { municipalityCode } = scope;
  const batch = scope.batchSize ?? bookingBatchSize('postgres');
  let debit = 0;
  let totalDebit = 0;
  for (const l of message.lines) {
    debit += l.debitCredit === 'D' ? l.amountCents : -l.amountCents;
    if (l.debitCredit === 'D') totalDebit += l.amountCents;
  }
  if (debit !== message.totalCents) {
    throw refused(
      422,
      'total-mismatch',
      `Het totaalbedrag (${message.totalCents} cent) is niet de som van de prestaties (${debit} cent).`,
      `The total amount (${message.totalCents} cents) is not the sum of the lines (${debit} cents).`,
    );
  }
  if (message.period.start > message.period.end) {
    throw refused(
      422,
      'period-invalid',
      'De declaratieperiode eindigt voor zij begint.',
      'The declaration period ends before it starts.',
    );
  }
  const existing = await timed(
    scope,
    'declaration-number',
    tx
      .selectFrom('declaration')
      .select('id')
      .where('municipality_code', '=', municipalityCode)
      .where('provider_id', '=', providerId)
      .where('declaration_number', '=', message.declarationNumber)
      .executeTakeFirst(),
  );
  if (existing) {
    throw refused(
      409,
      'duplicate-declaration',
      `Declaratienummer ${message.declarationNumber} is al eerder ingediend (retourcode 9333).`,
      `Declaration number ${message.declarationNumber} was submitted before (retourcode 9333).`,
    );
  }

  // PostgreSQL would JIT-compile the dashboard trigger's statement on every batch of lines (about 15 ms
  // each, a third of the batch); off for the booking, back as it was after.
  const session = await timed(
    scope,
    'session',
    sql<{
      jit: string;
    }>`SELECT current_setting('jit') AS jit, set_config('jit', 'off', true) AS jit_off`.execute(tx),
  );
  const { jit } = session.rows[0]!;
  const queue = new StatementQueue(scope.databaseKind === 'pglite' ? 1 : 2, scope.onStatement);

  // The facts of every allocation the message names (with its client's BSN), a batch of numbers per
  // lookup; the contracted tariffs are read once per contracted product (the first batch reads them
  // before the others are sent, so they are not read twice).
  const numbers = [...new Set(message.lines.map((l) => l.toewijzingNumber))];
  const facts: CheckFacts = { allocations: new Map(), tariffs: new Map(), accepted: new Map() };
  const tariffCache = new Map<string, TariffFacts[]>();
  const merge = (part: CheckFacts) => {
    for (const [k, v] of part.allocations) facts.allocations.set(k, v);
    for (const [k, v] of part.tariffs) facts.tariffs.set(k, v);
    for (const [k, v] of part.accepted) facts.accepted.set(k, v);
  };
  for (let i = 0; i < numbers.length; i += batch) {
    const chunk = numbers.slice(i, i + batch);
    const load = () =>
      loadCheckFacts(tx, municipalityCode, providerId, chunk, { lawCode: message.type.lawCode, tariffCache });
    if (i === 0) merge(await queue.run('facts', load));
    else await queue.add('facts', load, merge);
  }
  await queue.drain();

  // Lines are checked in file order (the checker remembers what it accepted, for doubles within the
  // file); each batch is sent to the database as soon as it is checked, and checking goes on meanwhile.
  const declarationId = randomUUID();
  await queue.add('declaration', () =>
    tx
      .insertInto('declaration')
      .values({
        municipality_code: municipalityCode,
        id: declarationId,
        provider_id: providerId,
        declaration_number: message.declarationNumber,
        law_code: message.type.lawCode,
        period_start: message.period.start,
        period_end: message.period.end,
        submitted_at: new Date(),
        total_cents: totalDebit,
        status: 'verwerkt',
      })
      .execute(),
  );
  const checker = new DeclarationChecker(facts, message.period);
  const outcomes: LineOutcome[] = [];
  let rows: LineRow[] = [];
  const personIds = new Set<string>();
  const bsnValid = new Map<string, boolean>();
  for (const line of message.lines) {
    const n = line.toewijzingNumber;
    const ref = line.reference ?? null;
    let valid = bsnValid.get(line.bsn);
    if (valid === undefined) bsnValid.set(line.bsn, (valid = isValidBsn(line.bsn)));
    let outcome: LineOutcome;
    const allocation = facts.allocations.get(n);
    if (!valid) {
      outcome = bsnFailsOutcome(line.index, n, ref, line.bsn);
    } else if (allocation && allocation.bsn !== line.bsn) {
      outcome = clientMismatch(line.index, n, ref);
    } else if (line.debitCredit === 'C') {
      outcome = rejected(
        line.index,
        n,
        ref,
        '0233',
        'credit-not-supported',
        'Creditprestaties verwerkt Grip nog niet; neem contact op met de gemeente.',
        'Grip does not process credit lines yet; contact the municipality.',
      );
    } else {
      const verdict = checker.check(line);
      outcome =
        verdict.status === 'geaccepteerd'
          ? accepted(line.index, n, ref)
          : rejected(line.index, n, ref, verdict.code, verdict.check, verdict.reason.nl, verdict.reason.en);
    }
    outcomes.push(outcome);
    if (allocation) {
      if (allocation.personId) personIds.add(allocation.personId);
      rows.push({
        toewijzingId: allocation.id,
        periodStart: line.periodStart,
        periodEnd: line.periodEnd,
        volume: line.volume,
        unitCode: line.unitCode,
        tariffCents: line.tariffCents,
        amountCents: line.amountCents,
        status: outcome.status,
        code: outcome.status === 'afgewezen' ? outcome.code : null,
        reason: outcome.reason ? outcome.reason.nl.slice(0, 500) : null,
        reference: ref === null ? null : ref.slice(0, 20),
      });
      if (rows.length === batch) {
        const full = rows;
        await queue.add('lines', () => insertLines(tx, municipalityCode, declarationId, full));
        rows = [];
      }
    }
  }
  if (rows.length > 0) await queue.add('lines', () => insertLines(tx, municipalityCode, declarationId, rows));
  await queue.drain();
  await timed(scope, 'session', sql`SELECT set_config('jit', ${jit}, true)`.execute(tx));
  return { lines: outcomes, declarationId, personIds: [...personIds] };
}

interface LineRow {
  toewijzingId: string;
  periodStart: string;
  periodEnd: string;
  volume: number;
  unitCode: string;
  tariffCents: number;
  amountCents: number;
  status: 'geaccepteerd' | 'afgewezen';
  code: string | null;
  reason: string | null;
  reference: string | null;
}

/** One INSERT … SELECT FROM unnest(arrays) per batch: a dozen parameters however many rows. */
async function insertLines(tx: Tx, municipalityCode: string, declarationId: string, rows: LineRow[]) {
  if (rows.length === 0) return;
  const col = <K extends keyof LineRow>(key: K) => rows.map((r) => r[key]);
  await sql`
    INSERT INTO declaration_line (municipality_code, declaration_id, toewijzing_id, period_start, period_end, volume,
      unit_code, tariff_cents, amount_cents, status, rejection_code, rejection_reason, reference)
    SELECT ${municipalityCode}, ${declarationId}::uuid, u.*
    FROM unnest(${col('toewijzingId')}::uuid[], ${col('periodStart')}::date[], ${col('periodEnd')}::date[],
      ${col('volume')}::integer[], ${col('unitCode')}::text[], ${col('tariffCents')}::bigint[],
      ${col('amountCents')}::bigint[], ${col('status')}::text[], ${col('code')}::text[], ${col('reason')}::text[],
      ${col('reference')}::text[]) AS u`.execute(tx);
}
