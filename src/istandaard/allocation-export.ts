import { sql } from 'kysely';
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { allocationMessageType, basisNamespace, type MessageType } from './message-types.ts';
import { writer } from './xml-writer.ts';

/**
 * The 301 (toewijzing) message: all current allocations of one client with one provider under one law,
 * as iWmo 3.2 WMO301 or iJw 3.2 JW301. Pure builder (buildAllocationMessage) plus the loader that reads
 * what it needs (loadAllocationMessage).
 */

export interface ClientFacts {
  bsn: string;
  birthDate: string;
  /** 0 onbekend, 1 man, 2 vrouw. */
  sex: string;
  givenNames: string;
  familyNamePrefix: string | null;
  familyName: string;
  address: {
    street: string;
    houseNumber: number;
    houseLetter: string | null;
    houseNumberAddition: string | null;
    postcode: string;
    city: string;
  } | null;
}

export interface AllocatedProduct {
  toewijzingNumber: number;
  productCategoryCode: string | null;
  productCode: string | null;
  /** When the municipality decided the allocation (Europe/Amsterdam). */
  allocatedOn: string;
  allocatedAt: string;
  startDate: string;
  endDate: string | null;
  changeReasonCode: string | null;
  volume: number | null;
  unitCode: string | null;
  frequencyCode: string | null;
  budgetCents: number | null;
}

export interface AllocationMessageInput {
  type: MessageType;
  /** 4 digits: the CBS code without "GM". */
  municipalityNumber: string;
  providerAgb: string;
  identification: string;
  datedOn: string;
  client: ClientFacts;
  products: AllocatedProduct[];
}

/** RedenBeeindiging (why care ended) → RedenWijziging (why the allocation changed) in a 301. */
const CHANGE_FOR_END: Record<string, string> = {
  '02': '02', // overlijden → client overleden
  '31': '07', // verhuizing → verhuizing naar een andere gemeente
  '38': '09', // overstap naar andere aanbieder
  '39': '06', // uitstroom naar ander domein
};

/** The RedenWijziging a 301 carries for an allocation in this state (undefined: unchanged). */
export function changeReasonFor(row: {
  status: string;
  change_reason_code: string | null;
  end_reason_code: string | null;
}): string | null {
  if (row.status === 'ingetrokken') return '13';
  if (row.change_reason_code) return row.change_reason_code;
  if (row.status === 'beeindigd') return CHANGE_FOR_END[row.end_reason_code ?? ''] ?? '05';
  return null;
}

/** Initials for Voorletters: the first letter of each given name, letters only, at most 6. */
export function initials(givenNames: string): string | null {
  const letters = givenNames
    .split(/[\s-]+/)
    .map((name) => [...name].find((c) => /[a-zA-ZÀ-ỳ]/.test(c)) ?? '')
    .join('')
    .toUpperCase()
    .slice(0, 6);
  return letters || null;
}

const limit = (value: string | null, max: number) => (value ? value.slice(0, max).trimEnd() : null);

export function buildAllocationMessage(input: AllocationMessageInput): string {
  const { type, client } = input;
  const prefix = type.code.toLowerCase();
  const basePrefix = type.standard;
  const w = writer(prefix, type.namespace, basePrefix, basisNamespace(type.standard));
  const address = client.address;
  return w.document(
    w.el(
      'Header',
      w.leaf('BerichtCode', type.berichtCode),
      w.leaf('BerichtVersie', 3),
      w.leaf('BerichtSubversie', 2),
      w.leaf('Afzender', input.municipalityNumber),
      w.leaf('Ontvanger', input.providerAgb),
      w.el(
        'BerichtIdentificatie',
        w.base('Identificatie', input.identification),
        w.base('Dagtekening', input.datedOn),
      ),
      w.el('XsdVersie', w.base('BasisschemaXsdVersie', '1.0.0'), w.base('BerichtXsdVersie', '1.0.0')),
    ),
    w.el(
      'Client',
      w.leaf('Bsn', client.bsn),
      w.el('Geboortedatum', w.base('Datum', client.birthDate)),
      w.leaf('Geslacht', client.sex),
      w.el(
        'Naam',
        w.baseEl(
          'Geslachtsnaam',
          w.base('Achternaam', limit(client.familyName, 200)),
          w.base('Voorvoegsel', limit(client.familyNamePrefix, 10)),
        ),
        w.base('Voornamen', limit(client.givenNames, 200)),
        w.base('Voorletters', initials(client.givenNames)),
        w.base('NaamGebruik', '1'),
      ),
      w.el(
        'Contactgegevens',
        w.el(
          'Contact',
          w.leaf('Soort', '01'),
          address &&
            w.el(
              'Adres',
              w.baseEl(
                'Huis',
                w.base('Huisnummer', address.houseNumber),
                w.base('Huisletter', address.houseLetter),
                w.base('HuisnummerToevoeging', limit(address.houseNumberAddition, 4)),
              ),
              w.base('Postcode', address.postcode),
              w.base('Straatnaam', limit(address.street, 24)),
              w.base('Plaatsnaam', limit(address.city, 80)),
              w.base('LandCode', 'NL'),
            ),
        ),
      ),
      w.el(
        'ToegewezenProducten',
        input.products.map((p) =>
          w.el(
            'ToegewezenProduct',
            w.leaf('ToewijzingNummer', p.toewijzingNumber),
            p.productCategoryCode &&
              w.el('Product', w.base('Categorie', p.productCategoryCode), w.base('Code', p.productCode)),
            w.leaf('Toewijzingsdatum', p.allocatedOn),
            w.leaf('Toewijzingstijd', p.allocatedAt),
            w.leaf('Ingangsdatum', p.startDate),
            w.leaf('Einddatum', p.endDate),
            w.leaf('RedenWijziging', p.changeReasonCode),
            p.volume !== null &&
              w.el(
                'Omvang',
                w.base('Volume', p.volume),
                w.base('Eenheid', p.unitCode),
                w.base('Frequentie', p.frequencyCode),
              ),
            w.leaf('Budget', p.budgetCents),
          ),
        ),
      ),
    ),
  );
}

const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface LoadedAllocationMessage {
  type: MessageType;
  personId: string;
  providerId: string;
  providerAgb: string;
  municipalityNumber: string;
  lawCode: string;
  client: ClientFacts;
  products: AllocatedProduct[];
}

export type AllocationLoadFailure = 'not-found' | 'no-standard' | 'no-agb';

/**
 * What the 301 of an allocation needs: the allocation's client and provider, and every allocation of that
 * client with that provider under the same law that has not ended before today (the allocation asked
 * for is always included). `providerId`, when given, confines to that provider (provider staff).
 */
export async function loadAllocationMessage(
  tx: Tx,
  municipalityCode: string,
  toewijzingId: string,
  providerId: string | null,
): Promise<LoadedAllocationMessage | AllocationLoadFailure> {
  let query = tx
    .selectFrom('toewijzing')
    .innerJoin('person', (j) =>
      j
        .onRef('person.municipality_code', '=', 'toewijzing.municipality_code')
        .onRef('person.id', '=', 'toewijzing.person_id'),
    )
    .innerJoin('provider', (j) =>
      j
        .onRef('provider.municipality_code', '=', 'toewijzing.municipality_code')
        .onRef('provider.id', '=', 'toewijzing.provider_id'),
    )
    .select([
      'toewijzing.person_id',
      'toewijzing.provider_id',
      'toewijzing.law_code',
      'provider.agb_code',
      'person.bsn',
      'person.birth_date',
      'person.sex',
      'person.given_names',
      'person.family_name_prefix',
      'person.family_name',
    ])
    .where('toewijzing.municipality_code', '=', municipalityCode)
    .where('toewijzing.id', '=', toewijzingId);
  if (providerId) query = query.where('toewijzing.provider_id', '=', providerId);
  const head = await query.executeTakeFirst();
  if (!head || !head.bsn) return 'not-found';
  const type = allocationMessageType(head.law_code);
  if (!type) return 'no-standard';
  if (!head.agb_code) return 'no-agb';

  const today = localDate();
  const rows = await tx
    .selectFrom('toewijzing')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('person_id', '=', head.person_id)
    .where('provider_id', '=', head.provider_id)
    .where('law_code', '=', head.law_code)
    .where((eb) =>
      eb.or([eb('id', '=', toewijzingId), eb('end_date', 'is', null), eb('end_date', '>=', today)]),
    )
    .orderBy('toewijzing_number')
    .execute();

  const address = await tx
    .selectFrom('household_member')
    .innerJoin('household', (j) =>
      j
        .onRef('household.municipality_code', '=', 'household_member.municipality_code')
        .onRef('household.id', '=', 'household_member.household_id'),
    )
    .innerJoin('address', (j) =>
      j
        .onRef('address.municipality_code', '=', 'household.municipality_code')
        .onRef('address.id', '=', 'household.address_id'),
    )
    .select([
      'address.street',
      'address.house_number',
      'address.house_letter',
      'address.house_number_addition',
      'address.postcode',
      'address.city',
    ])
    .where('household_member.municipality_code', '=', municipalityCode)
    .where('household_member.person_id', '=', head.person_id)
    .where('household_member.valid_from', '<=', today)
    .where((eb) =>
      eb.or([
        eb('household_member.valid_until', 'is', null),
        eb('household_member.valid_until', '>=', today),
      ]),
    )
    .orderBy('household_member.valid_from', 'desc')
    .executeTakeFirst();

  return {
    type,
    personId: head.person_id,
    providerId: head.provider_id,
    providerAgb: head.agb_code,
    municipalityNumber: municipalityCode.slice(2),
    lawCode: head.law_code,
    client: {
      bsn: head.bsn,
      birthDate: head.birth_date,
      sex: head.sex,
      givenNames: head.given_names,
      familyNamePrefix: head.family_name_prefix,
      familyName: head.family_name,
      address: address
        ? {
            street: address.street,
            houseNumber: address.house_number,
            houseLetter: address.house_letter,
            houseNumberAddition: address.house_number_addition,
            postcode: address.postcode,
            city: address.city,
          }
        : null,
    },
    products: rows.map((r) => {
      const withdrawn = r.status === 'ingetrokken';
      return {
        toewijzingNumber: Number(r.toewijzing_number),
        productCategoryCode: r.product_category_code,
        productCode: r.product_code,
        allocatedOn: localDate(r.created_at),
        allocatedAt: TIME_FORMAT.format(r.created_at),
        startDate: r.start_date,
        // A withdrawn allocation ends on the day it started (RedenWijziging 13, Verwijderd).
        endDate: withdrawn ? r.start_date : r.end_date,
        changeReasonCode: changeReasonFor(r),
        volume: r.volume,
        unitCode: r.unit_code,
        frequencyCode: r.frequency_code,
        budgetCents: r.budget_cents === null ? null : Number(r.budget_cents),
      };
    }),
  };
}

/** Records a sent 301 and returns its BerichtIdentificatie (the message's running number). */
export async function recordAllocationMessage(
  tx: Tx,
  municipalityCode: string,
  loaded: LoadedAllocationMessage,
  datedOn: string,
  userId: string,
): Promise<string> {
  const id = crypto.randomUUID();
  const row = await tx
    .insertInto('istandaard_message')
    .values({
      municipality_code: municipalityCode,
      id,
      direction: 'uitgaand',
      message_code: loaded.type.code,
      law_code: loaded.lawCode,
      provider_id: loaded.providerId,
      sender: loaded.municipalityNumber,
      receiver: loaded.providerAgb,
      // Placeholder until the running number is known; replaced below in the same transaction.
      identification: id.slice(0, 12),
      dated_on: datedOn,
      person_id: loaded.personId,
      line_count: loaded.products.length,
      accepted_count: loaded.products.length,
      rejected_count: 0,
      processed_by: userId,
    })
    .returning('number')
    .executeTakeFirstOrThrow();
  const identification = String(row.number);
  await tx
    .updateTable('istandaard_message')
    .set({ identification: sql`number::text` })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .execute();
  return identification;
}
