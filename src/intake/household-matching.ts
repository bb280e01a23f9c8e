import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { invalid, type Bilingual } from '../platform/http/problem.ts';
import { isValidBsn } from '../residents/bsn.ts';
import type { AddressInput, NewPersonInput, PersonInput } from './help-question-schemas.ts';
import { localDate } from './local-date.ts';

/**
 * Finding the resident and household a help question is about (the duplicate warning), and creating them
 * when Grip does not know them yet. Every query names the municipality.
 *
 * Matching rules:
 * - a BSN that passes the 11-proef and belongs to a person: match `bsn` (exact);
 * - otherwise family name (case, accents and the prefix ignored) + birth date + postcode + house number
 *   all equal: `likely`; two of the three (name, birth date, address), or the same address alone
 *   (someone else of the household): `possible`. Each candidate carries the reason.
 *
 * Buurt of a new address: Grip has no BAG and no postcode→buurt table, so the caller may give
 * `address.buurtCode` (checked against the municipality's buurten); without it the address is placed in
 * the municipality's first buurt by code. An address that already exists keeps its buurt.
 */

export type MatchInput =
  { bsn: string } | { familyName: string; birthDate: string; postcode: string; houseNumber: number };

export type MatchKind = 'bsn' | 'likely' | 'possible';

export interface CandidateAddress {
  street: string;
  houseNumber: number;
  houseLetter: string | null;
  houseNumberAddition: string | null;
  postcode: string;
  city: string;
  buurtCode: string;
}

export interface HouseholdCandidate {
  personId: string;
  householdId: string | null;
  name: string;
  birthDate: string;
  address: CandidateAddress | null;
  match: MatchKind;
  reason: { code: string } & Bilingual;
  /** Open help questions of the household (of the person when they have no household). */
  openQuestions: number;
  /** The household's plan that is not closed, if any. */
  planId: string | null;
}

const MAX_CANDIDATES = 20;

const REASONS = {
  bsn: { code: 'bsn', nl: 'Zelfde BSN.', en: 'Same BSN.' },
  all: {
    code: 'naam-geboortedatum-adres',
    nl: 'Zelfde achternaam, geboortedatum en adres.',
    en: 'Same family name, birth date and address.',
  },
  nameDate: {
    code: 'naam-geboortedatum',
    nl: 'Zelfde achternaam en geboortedatum, ander adres (verhuisd?).',
    en: 'Same family name and birth date, another address (moved?).',
  },
  nameAddress: {
    code: 'naam-adres',
    nl: 'Zelfde achternaam en adres, andere geboortedatum (gezinslid?).',
    en: 'Same family name and address, another birth date (family member?).',
  },
  dateAddress: {
    code: 'geboortedatum-adres',
    nl: 'Zelfde geboortedatum en adres, andere achternaam (tikfout?).',
    en: 'Same birth date and address, another family name (typing error?).',
  },
  address: {
    code: 'adres',
    nl: 'Woont op hetzelfde adres (zelfde huishouden?).',
    en: 'Lives at the same address (same household?).',
  },
} as const;

/** Family name for comparison: lower case, no accents, no prefix words, letters only. */
export function normaliseFamilyName(name: string, prefix?: string | null): string {
  const full = `${prefix ?? ''} ${name}`;
  const plain = full
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[\s'’-]+/)
    .filter((word) => word && !PREFIX_WORDS.has(word))
    .join('');
  return plain.replace(/[^a-z]/g, '');
}

const PREFIX_WORDS = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  't',
  "'t",
  'ter',
  'ten',
  'te',
  'in',
  'op',
  'la',
  'le',
  'du',
  'el',
]);

interface Row {
  person_id: string;
  given_names: string;
  family_name_prefix: string | null;
  family_name: string;
  birth_date: string;
  household_id: string | null;
  street: string | null;
  house_number: number | null;
  house_letter: string | null;
  house_number_addition: string | null;
  postcode: string | null;
  city: string | null;
  buurt_code: string | null;
}

/** The given persons with their current household and its address. */
function personsWithHousehold(tx: Tx, municipalityCode: string, today: string, personIds: string[]) {
  return tx
    .selectFrom('person as p')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('household_member as hm')
          .innerJoin('household as h', (j) =>
            j.onRef('h.municipality_code', '=', 'hm.municipality_code').onRef('h.id', '=', 'hm.household_id'),
          )
          .innerJoin('address as a', (j) =>
            j.onRef('a.municipality_code', '=', 'h.municipality_code').onRef('a.id', '=', 'h.address_id'),
          )
          .where('hm.municipality_code', '=', municipalityCode)
          .where('hm.person_id', 'in', personIds)
          .where('hm.valid_from', '<=', today)
          .where((w) => w.or([w('hm.valid_until', 'is', null), w('hm.valid_until', '>=', today)]))
          .where((w) => w.or([w('h.dissolved_on', 'is', null), w('h.dissolved_on', '>=', today)]))
          .distinctOn('hm.person_id')
          .select([
            'hm.person_id',
            'h.id as household_id',
            'a.street',
            'a.house_number',
            'a.house_letter',
            'a.house_number_addition',
            'a.postcode',
            'a.city',
            'a.buurt_code',
          ])
          .orderBy('hm.person_id')
          .orderBy('hm.valid_from', 'desc')
          .as('cur'),
      (j) => j.onRef('cur.person_id', '=', 'p.id'),
    )
    .where('p.municipality_code', '=', municipalityCode)
    .where('p.id', 'in', personIds)
    .select([
      'p.id as person_id',
      'p.given_names',
      'p.family_name_prefix',
      'p.family_name',
      'p.birth_date',
      'cur.household_id',
      'cur.street',
      'cur.house_number',
      'cur.house_letter',
      'cur.house_number_addition',
      'cur.postcode',
      'cur.city',
      'cur.buurt_code',
    ]);
}

export async function matchHousehold(
  tx: Tx,
  municipalityCode: string,
  input: MatchInput,
): Promise<HouseholdCandidate[]> {
  const today = localDate();
  let scored: { row: Row; match: MatchKind; reason: HouseholdCandidate['reason']; rank: number }[];
  if ('bsn' in input) {
    if (!isValidBsn(input.bsn)) return [];
    const ids = (
      await tx
        .selectFrom('person')
        .where('municipality_code', '=', municipalityCode)
        .where('bsn', '=', input.bsn)
        .select('id')
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = (await personsWithHousehold(tx, municipalityCode, today, ids).execute()) as Row[];
    scored = rows.map((row) => ({ row, match: 'bsn', reason: REASONS.bsn, rank: 0 }));
  } else {
    const postcode = input.postcode.replace(/\s+/g, '').toUpperCase();
    const wanted = normaliseFamilyName(input.familyName);
    // Candidates first (born that day, or living at that address today), then their households.
    const bornThatDay = await tx
      .selectFrom('person')
      .where('municipality_code', '=', municipalityCode)
      .where('birth_date', '=', input.birthDate)
      .select('id')
      .limit(500)
      .execute();
    const atAddress = await tx
      .selectFrom('household_member as hm')
      .innerJoin('household as h', (j) =>
        j.onRef('h.municipality_code', '=', 'hm.municipality_code').onRef('h.id', '=', 'hm.household_id'),
      )
      .innerJoin('address as a', (j) =>
        j.onRef('a.municipality_code', '=', 'h.municipality_code').onRef('a.id', '=', 'h.address_id'),
      )
      .where('hm.municipality_code', '=', municipalityCode)
      .where('a.postcode', '=', postcode)
      .where('a.house_number', '=', input.houseNumber)
      .where((w) => w.or([w('hm.valid_until', 'is', null), w('hm.valid_until', '>=', today)]))
      .select('hm.person_id as id')
      .limit(100)
      .execute();
    const ids = [...new Set([...bornThatDay, ...atAddress].map((r) => r.id))];
    if (ids.length === 0) return [];
    const rows = (await personsWithHousehold(tx, municipalityCode, today, ids).execute()) as Row[];
    scored = [];
    for (const row of rows) {
      const name = normaliseFamilyName(row.family_name, row.family_name_prefix) === wanted;
      const date = row.birth_date === input.birthDate;
      const address = row.postcode === postcode && row.house_number === input.houseNumber;
      if (name && date && address) scored.push({ row, match: 'likely', reason: REASONS.all, rank: 1 });
      else if (name && date) scored.push({ row, match: 'possible', reason: REASONS.nameDate, rank: 2 });
      else if (name && address) scored.push({ row, match: 'possible', reason: REASONS.nameAddress, rank: 3 });
      else if (date && address) scored.push({ row, match: 'possible', reason: REASONS.dateAddress, rank: 4 });
      else if (address) scored.push({ row, match: 'possible', reason: REASONS.address, rank: 5 });
    }
  }
  scored.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.row.family_name.localeCompare(b.row.family_name) ||
      a.row.person_id.localeCompare(b.row.person_id),
  );
  scored = scored.slice(0, MAX_CANDIDATES);
  const context = await householdContext(
    tx,
    municipalityCode,
    scored.map((s) => ({ personId: s.row.person_id, householdId: s.row.household_id })),
  );
  return scored.map(({ row, match, reason }) => ({
    personId: row.person_id,
    householdId: row.household_id,
    name: [row.given_names, row.family_name_prefix, row.family_name].filter(Boolean).join(' '),
    birthDate: row.birth_date,
    address:
      row.street === null
        ? null
        : {
            street: row.street,
            houseNumber: row.house_number!,
            houseLetter: row.house_letter,
            houseNumberAddition: row.house_number_addition,
            postcode: row.postcode!,
            city: row.city!,
            buurtCode: row.buurt_code!,
          },
    match,
    reason,
    openQuestions: context.openQuestions(row.person_id, row.household_id),
    planId: row.household_id ? (context.plans.get(row.household_id) ?? null) : null,
  }));
}

/** Open questions and open plans of the given households (or persons without one). */
async function householdContext(
  tx: Tx,
  municipalityCode: string,
  subjects: { personId: string; householdId: string | null }[],
) {
  const householdIds = [...new Set(subjects.map((s) => s.householdId).filter((id): id is string => !!id))];
  const personIds = [...new Set(subjects.filter((s) => !s.householdId).map((s) => s.personId))];
  const byHousehold = new Map<string, number>();
  const byPerson = new Map<string, number>();
  const plans = new Map<string, string>();
  if (householdIds.length > 0) {
    const counts = await tx
      .selectFrom('help_question')
      .where('municipality_code', '=', municipalityCode)
      .where('status', '=', 'open')
      .where('household_id', 'in', householdIds)
      .select(['household_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('household_id')
      .execute();
    for (const c of counts) byHousehold.set(c.household_id!, Number(c.n));
    const openPlans = await tx
      .selectFrom('household_plan')
      .where('municipality_code', '=', municipalityCode)
      .where('status', '<>', 'afgesloten')
      .where('household_id', 'in', householdIds)
      .select(['household_id', 'id'])
      .execute();
    for (const p of openPlans) plans.set(p.household_id, p.id);
  }
  if (personIds.length > 0) {
    const counts = await tx
      .selectFrom('help_question')
      .where('municipality_code', '=', municipalityCode)
      .where('status', '=', 'open')
      .where('person_id', 'in', personIds)
      .select(['person_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('person_id')
      .execute();
    for (const c of counts) byPerson.set(c.person_id!, Number(c.n));
  }
  return {
    plans,
    openQuestions: (personId: string, householdId: string | null) =>
      householdId ? (byHousehold.get(householdId) ?? 0) : (byPerson.get(personId) ?? 0),
  };
}

/** The household a person lives in today, if any. */
export async function currentHousehold(
  tx: Tx,
  municipalityCode: string,
  personId: string,
): Promise<{ householdId: string; addressId: string } | null> {
  const today = localDate();
  const row = await tx
    .selectFrom('household_member as hm')
    .innerJoin('household as h', (j) =>
      j.onRef('h.municipality_code', '=', 'hm.municipality_code').onRef('h.id', '=', 'hm.household_id'),
    )
    .where('hm.municipality_code', '=', municipalityCode)
    .where('hm.person_id', '=', personId)
    .where('hm.valid_from', '<=', today)
    .where((w) => w.or([w('hm.valid_until', 'is', null), w('hm.valid_until', '>=', today)]))
    .where((w) => w.or([w('h.dissolved_on', 'is', null), w('h.dissolved_on', '>=', today)]))
    .select(['h.id', 'h.address_id'])
    .orderBy('hm.valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { householdId: row.id, addressId: row.address_id } : null;
}

export interface FoundOrCreated {
  personId: string;
  householdId: string | null;
  addressId: string | null;
  created: { person: boolean; household: boolean; address: boolean };
}

/**
 * The person and household a question is about: a known person by id, a person found by BSN (or, without
 * a BSN, the one `likely` match), or a new person with an address and a household. A new person at an
 * address where exactly one household lives joins it (role overig); otherwise a new household is formed.
 * Throws 400 problems with invalidParams under `person.` for an unknown id or a BSN that belongs to
 * someone with another birth date. Without a BSN, a person is created with bsn NULL unless exactly one
 * `likely` match exists.
 */
export async function findOrCreatePersonAndHousehold(
  tx: Tx,
  municipalityCode: string,
  input: PersonInput,
): Promise<FoundOrCreated> {
  if ('personId' in input) {
    const person = await tx
      .selectFrom('person')
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', input.personId)
      .select('id')
      .executeTakeFirst();
    if (!person) {
      throw invalid([
        {
          name: 'person.personId',
          code: 'unknown-person',
          reason: {
            nl: 'Deze inwoner bestaat niet in deze gemeente.',
            en: 'This resident does not exist in this municipality.',
          },
        },
      ]);
    }
    const household = await currentHousehold(tx, municipalityCode, person.id);
    return {
      personId: person.id,
      householdId: household?.householdId ?? null,
      addressId: household?.addressId ?? null,
      created: { person: false, household: false, address: false },
    };
  }
  return findOrCreateNewPerson(tx, municipalityCode, input);
}

async function findOrCreateNewPerson(
  tx: Tx,
  municipalityCode: string,
  input: NewPersonInput,
): Promise<FoundOrCreated> {
  let personId: string | undefined;
  let personCreated = false;
  if (input.bsn) {
    const existing = await tx
      .selectFrom('person')
      .where('municipality_code', '=', municipalityCode)
      .where('bsn', '=', input.bsn)
      .select(['id', 'birth_date'])
      .executeTakeFirst();
    if (existing && existing.birth_date !== input.birthDate) throw bsnMismatch();
    personId = existing?.id;
  } else {
    const likely = (
      await matchHousehold(tx, municipalityCode, {
        familyName: input.familyName,
        birthDate: input.birthDate,
        postcode: input.address.postcode,
        houseNumber: input.address.houseNumber,
      })
    ).filter((c) => c.match === 'likely');
    // Without a BSN an existing resident is reused only when exactly one is a likely match; otherwise a
    // new person is registered without BSN (added later, when known).
    if (likely.length === 1) personId = likely[0]!.personId;
  }

  if (!personId) {
    const inserted = await tx
      .insertInto('person')
      .values({
        municipality_code: municipalityCode,
        bsn: input.bsn ?? null,
        given_names: input.givenNames,
        family_name_prefix: input.familyNamePrefix || null,
        family_name: input.familyName,
        birth_date: input.birthDate,
        sex: input.sex ?? '0',
        phone: input.phone ?? null,
        email: input.email ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      personId = inserted.id;
      personCreated = true;
    } else {
      // Registered at the same moment by someone else: use that row.
      const other = await tx
        .selectFrom('person')
        .where('municipality_code', '=', municipalityCode)
        .where('bsn', '=', input.bsn!)
        .select(['id', 'birth_date'])
        .executeTakeFirstOrThrow();
      if (other.birth_date !== input.birthDate) throw bsnMismatch();
      personId = other.id;
    }
  }

  const current = personCreated ? null : await currentHousehold(tx, municipalityCode, personId);
  if (current) {
    return {
      personId,
      householdId: current.householdId,
      addressId: current.addressId,
      created: { person: personCreated, household: false, address: false },
    };
  }

  const address = await findOrCreateAddress(tx, municipalityCode, input.address);
  const today = localDate();
  const households = await tx
    .selectFrom('household')
    .where('municipality_code', '=', municipalityCode)
    .where('address_id', '=', address.id)
    .where((w) => w.or([w('dissolved_on', 'is', null), w('dissolved_on', '>=', today)]))
    .select('id')
    .limit(2)
    .execute();
  let householdId: string;
  let householdCreated = false;
  if (households.length === 1) {
    householdId = households[0]!.id;
  } else {
    const created = await tx
      .insertInto('household')
      .values({ municipality_code: municipalityCode, address_id: address.id, formed_on: today })
      .returning('id')
      .executeTakeFirstOrThrow();
    householdId = created.id;
    householdCreated = true;
  }
  await tx
    .insertInto('household_member')
    .values({
      municipality_code: municipalityCode,
      household_id: householdId,
      person_id: personId,
      member_role: householdCreated ? 'hoofdbewoner' : 'overig',
      valid_from: today,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return {
    personId,
    householdId,
    addressId: address.id,
    created: { person: personCreated, household: householdCreated, address: address.created },
  };
}

function bsnMismatch() {
  return invalid([
    {
      name: 'person.bsn',
      code: 'bsn-mismatch',
      reason: {
        nl: 'Dit BSN hoort bij een inwoner met een andere geboortedatum. Controleer het BSN, of kies de inwoner met personId.',
        en: 'This BSN belongs to a resident with another birth date. Check the BSN, or choose the resident by personId.',
      },
    },
  ]);
}

/** Resolves the buurt of a new address (see the module comment). */
export async function resolveBuurt(
  tx: Tx,
  municipalityCode: string,
  buurtCode: string | undefined,
): Promise<string | null> {
  if (buurtCode) {
    const found = await tx
      .selectFrom('buurt')
      .where('municipality_code', '=', municipalityCode)
      .where('code', '=', buurtCode)
      .select('code')
      .executeTakeFirst();
    if (!found) {
      throw invalid([
        {
          name: 'person.address.buurtCode',
          code: 'unknown-buurt',
          reason: {
            nl: 'Deze buurt ligt niet in deze gemeente.',
            en: 'This buurt is not in this municipality.',
          },
        },
      ]);
    }
    return found.code;
  }
  // Grip has no link to the BAG yet, so an address typed without its buurt stays unplaced (NULL) rather
  // than being counted in a buurt it may not lie in; figures by wijk show it as "onbekend".
  return null;
}

async function findOrCreateAddress(
  tx: Tx,
  municipalityCode: string,
  input: AddressInput,
): Promise<{ id: string; created: boolean }> {
  const postcode = input.postcode.replace(/\s+/g, '').toUpperCase();
  const letter = input.houseLetter ? input.houseLetter.toUpperCase() : null;
  const addition = input.houseNumberAddition || null;
  const find = () =>
    tx
      .selectFrom('address')
      .where('municipality_code', '=', municipalityCode)
      .where('postcode', '=', postcode)
      .where('house_number', '=', input.houseNumber)
      .where(sql<boolean>`coalesce(house_letter, '') = ${letter ?? ''}`)
      .where(sql<boolean>`coalesce(house_number_addition, '') = ${addition ?? ''}`)
      .select('id')
      .executeTakeFirst();
  // Checked even when the address exists, so a wrong buurt code is always reported.
  const buurtCode = await resolveBuurt(tx, municipalityCode, input.buurtCode);
  const existing = await find();
  if (existing) return { id: existing.id, created: false };
  const inserted = await tx
    .insertInto('address')
    .values({
      municipality_code: municipalityCode,
      street: input.street,
      house_number: input.houseNumber,
      house_letter: letter,
      house_number_addition: addition,
      postcode,
      city: input.city,
      buurt_code: buurtCode,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const other = await find();
  if (!other) throw new Error('address vanished after a conflicting insert');
  return { id: other.id, created: false };
}
