import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/identity/passwords.ts';
import { schemasAvailable, standardsDir } from '../../src/istandaard/xsd-validation.ts';
import type { DB } from '../../src/platform/db/schema.ts';
import { Client, type TestApp } from '../helpers/test-app.ts';

/**
 * Set-up for the iWmo/iJw tests: a provider with a contract and tariffs, clients and their allocations,
 * written as the database owner (like the generator), and helpers to send XML.
 */

export const example = (standard: 'iwmo' | 'ijw', code: string) =>
  readFileSync(path.join(standardsDir(), `${standard}-3.2`, 'examples', `${code}.xml`), 'utf8');

export interface ProviderFixture {
  providerId: string;
  contractId: string;
  agb: string;
}

export async function addProvider(
  db: Kysely<DB>,
  municipalityCode: string,
  agb: string | null,
  name = `Zorg ${agb ?? 'zonder AGB'}`,
): Promise<ProviderFixture> {
  const providerId = randomUUID();
  const contractId = randomUUID();
  await db
    .insertInto('provider')
    .values({ municipality_code: municipalityCode, id: providerId, name, agb_code: agb })
    .execute();
  await db
    .insertInto('contract')
    .values({
      municipality_code: municipalityCode,
      id: contractId,
      provider_id: providerId,
      reference: `C-${providerId.slice(0, 8)}`,
      lot: 'Ondersteuning thuis',
      funding_variant: 'inspanningsgericht',
      valid_from: '2020-01-01',
    })
    .execute();
  return { providerId, contractId, agb: agb ?? '' };
}

/** A service for a product code (created once per municipality), contracted at a tariff. */
export async function contractProduct(
  db: Kysely<DB>,
  municipalityCode: string,
  provider: ProviderFixture,
  product: { law: 'wmo' | 'jeugdwet'; category: string; code: string; unit: string; tariffCents: number },
): Promise<string> {
  const serviceCode = `T-${product.code}`;
  let service = await db
    .selectFrom('service')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('code', '=', serviceCode)
    .executeTakeFirst();
  if (!service) {
    service = await db
      .insertInto('service')
      .values({
        municipality_code: municipalityCode,
        code: serviceCode,
        name: `Product ${product.code}`,
        kind: 'maatwerk',
        delivery: 'individueel',
        law_code: product.law,
        product_category_code: product.category,
        product_code: product.code,
        unit_code: product.unit,
        frequency_code: '2',
        funding_variant: 'inspanningsgericht',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
  await db
    .insertInto('contract_product')
    .values({
      municipality_code: municipalityCode,
      contract_id: provider.contractId,
      service_id: service.id,
      valid_from: '2020-01-01',
      tariff_cents: product.tariffCents,
      unit_code: product.unit,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return service.id;
}

export async function addPerson(
  db: Kysely<DB>,
  municipalityCode: string,
  bsn: string,
  name: { given: string; prefix?: string; family: string; birthDate?: string; sex?: '0' | '1' | '2' },
): Promise<string> {
  const existing = await db
    .selectFrom('person')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('bsn', '=', bsn)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto('person')
    .values({
      municipality_code: municipalityCode,
      bsn,
      given_names: name.given,
      family_name_prefix: name.prefix ?? null,
      family_name: name.family,
      birth_date: name.birthDate ?? '1950-05-17',
      sex: name.sex ?? '2',
      is_synthetic: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Gives a person a current address (a household of one). */
export async function addAddress(db: Kysely<DB>, municipalityCode: string, personId: string): Promise<void> {
  const buurt = await db
    .selectFrom('buurt')
    .select('code')
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirstOrThrow();
  const address = await db
    .insertInto('address')
    .values({
      municipality_code: municipalityCode,
      street: 'Burgemeester Jansen van Heeckerenlaan',
      house_number: 12,
      house_letter: 'b',
      house_number_addition: '2',
      postcode: '7551AB',
      city: 'Hengelo',
      buurt_code: buurt.code,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const household = await db
    .insertInto('household')
    .values({ municipality_code: municipalityCode, address_id: address.id, formed_on: '2000-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('household_member')
    .values({
      municipality_code: municipalityCode,
      household_id: household.id,
      person_id: personId,
      member_role: 'hoofdbewoner',
      valid_from: '2000-01-01',
    })
    .execute();
}

export interface AllocationInput {
  number: number;
  personId: string;
  provider: ProviderFixture;
  serviceId: string;
  law: 'wmo' | 'jeugdwet';
  category: string;
  code: string;
  startDate: string;
  endDate?: string | null;
  volume?: number | null;
  unit?: string | null;
  frequency?: string | null;
  budgetCents?: number | null;
  status?: 'actief' | 'gewijzigd' | 'beeindigd' | 'ingetrokken';
  changeReason?: string | null;
  endReason?: string | null;
  /** Report a start of care on this day (care_delivery). */
  deliveryStart?: string | null;
}

let beschikkingCounter = 100000;

/** A toewijzing (Wmo: with a beschikking; Jeugdwet: on a GP's referral). Returns its id. */
export async function addAllocation(
  db: Kysely<DB>,
  municipalityCode: string,
  a: AllocationInput,
): Promise<string> {
  let beschikkingProductId: string | null = null;
  if (a.law === 'wmo') {
    const beschikking = await db
      .insertInto('beschikking')
      .values({
        municipality_code: municipalityCode,
        reference: `BS-2025-${++beschikkingCounter}`,
        person_id: a.personId,
        law_code: 'wmo',
        decided_on: a.startDate,
        outcome: 'toegekend',
        legal_grounds: 'Wmo 2015 art. 2.3.5',
        objection_deadline: '2099-12-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const product = await db
      .insertInto('beschikking_product')
      .values({
        municipality_code: municipalityCode,
        beschikking_id: beschikking.id,
        service_id: a.serviceId,
        outcome: 'toegekend',
        start_date: a.startDate,
        end_date: a.endDate ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    beschikkingProductId = product.id;
  }
  const volume = a.volume === undefined ? 4 : a.volume;
  const row = await db
    .insertInto('toewijzing')
    .values({
      municipality_code: municipalityCode,
      toewijzing_number: a.number,
      beschikking_product_id: beschikkingProductId,
      referrer_type_code: a.law === 'jeugdwet' ? '02' : null,
      person_id: a.personId,
      provider_id: a.provider.providerId,
      contract_id: a.provider.contractId,
      service_id: a.serviceId,
      law_code: a.law,
      product_category_code: a.category,
      product_code: a.code,
      start_date: a.startDate,
      end_date: a.endDate ?? null,
      volume,
      unit_code: volume === null ? null : (a.unit ?? '04'),
      frequency_code: volume === null ? null : (a.frequency ?? '2'),
      budget_cents: a.budgetCents ?? null,
      commitment_cents: 0,
      status: a.status ?? 'actief',
      change_reason_code: a.changeReason ?? null,
      end_reason_code: a.endReason ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (a.deliveryStart) {
    await db
      .insertInto('care_delivery')
      .values({
        municipality_code: municipalityCode,
        toewijzing_id: row.id,
        start_date: a.deliveryStart,
        start_reported_at: new Date(),
      })
      .execute();
  }
  return row.id;
}

/** Links the demo aanbieder account of a municipality to a provider. */
export async function linkAanbieder(db: Kysely<DB>, municipalityCode: string, providerId: string | null) {
  await db
    .updateTable('app_user')
    .set({ provider_id: providerId })
    .where('municipality_code', '=', municipalityCode)
    .where('username', 'like', 'aanbieder@%')
    .execute();
}

/**
 * A municipality of its own (the examples are addressed to 0363 and 0384) with a functioneel beheerder,
 * logged in.
 */
export async function municipalityWithManager(grip: TestApp, code: string, name: string): Promise<Client> {
  const db = grip.database.db;
  await db
    .insertInto('municipality')
    .values({ code, name })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const username = `beheer@${code.toLowerCase()}.test`;
  const password = 'beheer-test-2026';
  const user = await db
    .insertInto('app_user')
    .values({
      municipality_code: code,
      username,
      display_name: `Beheer ${name}`,
      email: null,
      password_hash: await hashPassword(password),
      oidc_subject: `test-${code}`,
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_assignment')
    .values({
      municipality_code: code,
      user_id: user.id,
      role: 'functioneel-beheerder',
      team_id: null,
      wijk_code: null,
    })
    .execute();
  const response = await grip.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { municipalityCode: code, username, password },
  });
  if (response.statusCode !== 201) throw new Error(`login in ${code} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'grip_session')!;
  return new Client(grip, `grip_session=${cookie.value}`, response.json().csrfToken as string);
}

/** Sends a message to the import. */
export function sendMessage(client: Client, xml: string, contentType = 'application/xml') {
  return client.request('POST', '/api/v1/istandaard/berichten', {
    body: xml,
    headers: { 'content-type': contentType },
  });
}

/**
 * The iWmo/iJw XSDs live outside the repository (../shared/standards or GRIP_ISTANDAARD_DIR). Without them
 * these suites skip and say why — except on CI (CI set), which always has them, where that is an error.
 */
export function standardsSkip(): string | false {
  if (schemasAvailable()) return false;
  const reason = `skipped: the iWmo/iJw 3.2 XSDs are not in ${standardsDir()} (set GRIP_ISTANDAARD_DIR)`;
  if (process.env.CI) throw new Error(`${reason}; CI must have ../shared/standards`);
  return reason;
}
