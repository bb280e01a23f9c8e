import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { localDate } from '../../src/intake/local-date.ts';
import type { Client, TestApp } from '../helpers/test-app.ts';
import { newResident, vindplaatsId } from '../intake/intake-test-helpers.ts';

/**
 * Shared set-up of the decision tests (not a test file itself): a resident with an open melding made the
 * way the intake makes it, two providers with an active contract for a few products, and the demo
 * aanbieder account linked to provider A.
 */

export const MC = 'GM0164';

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const today = () => localDate();

export async function serviceByCode(grip: TestApp, code: string) {
  return grip.database.db
    .selectFrom('service')
    .where('municipality_code', '=', MC)
    .where('code', '=', code)
    .select(['id', 'law_code', 'unit_code', 'frequency_code', 'product_code', 'product_category_code'])
    .executeTakeFirstOrThrow();
}

/** A resident with an open melding under the law; returns its ids. */
export async function residentWithMelding(
  grip: TestApp,
  toegang: Client,
  n: number,
  lawCode: 'wmo' | 'jeugdwet' = 'wmo',
): Promise<{ personId: string; meldingId: string }> {
  const zorgloket = await vindplaatsId(grip.database, MC, 'zorgloket');
  const question = await toegang.post('/api/v1/help-questions', {
    channel: 'telefoon',
    vindplaatsId: zorgloket,
    questionTypes: ['huishouden'],
    person: newResident(n),
  });
  assert.equal(question.statusCode, 201, question.body);
  const { id, personId } = question.json() as { id: string; personId: string };
  const triage = await toegang.post(`/api/v1/help-questions/${id}/triage`, {
    outcome: 'melding',
    lawCode,
    homeVisitDate: localDate(),
  });
  assert.equal(triage.statusCode, 201, triage.body);
  const melding = await grip.database.db
    .selectFrom('melding')
    .where('municipality_code', '=', MC)
    .where('help_question_id', '=', id)
    .select('id')
    .executeTakeFirstOrThrow();
  return { personId, meldingId: melding.id };
}

export interface ProviderFixture {
  providerId: string;
  contractId: string;
}

/** A provider with an active contract (around today) for the given products at fixed tariffs. */
export async function providerWithContract(
  grip: TestApp,
  n: number,
  products: { code: string; tariffCents: number }[],
  contract: { status?: string; validFrom?: string; validUntil?: string; fundingVariant?: string } = {},
): Promise<ProviderFixture> {
  const db = grip.database.db;
  const provider = await db
    .insertInto('provider')
    .values({
      municipality_code: MC,
      name: `Zorg Test ${n}`,
      kvk_number: String(90_000_000 + n),
      agb_code: String(80_000_000 + n),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const variant = contract.fundingVariant ?? 'inspanningsgericht';
  const c = await db
    .insertInto('contract')
    .values({
      municipality_code: MC,
      provider_id: provider.id,
      reference: `TEST-${n}-${Math.random().toString(36).slice(2, 8)}`,
      lot: 'Perceel Test',
      funding_variant: variant as 'inspanningsgericht',
      valid_from: contract.validFrom ?? addDays(today(), -400),
      valid_until: contract.validUntil ?? addDays(today(), 1500),
      status: (contract.status ?? 'actief') as 'actief',
      lump_sum_cents_per_month: variant === 'taakgericht' ? 1_000_000 : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const p of products) {
    const service = await serviceByCode(grip, p.code);
    await db
      .insertInto('contract_product')
      .values({
        municipality_code: MC,
        contract_id: c.id,
        service_id: service.id,
        valid_from: contract.validFrom ?? addDays(today(), -400),
        tariff_cents: p.tariffCents,
        unit_code: service.unit_code ?? '82',
      })
      .execute();
  }
  return { providerId: provider.id, contractId: c.id };
}

/** Links the demo aanbieder account of Hengelo to a provider (or unlinks it). */
export async function linkAanbieder(grip: TestApp, providerId: string | null): Promise<void> {
  await grip.database.db
    .updateTable('app_user')
    .set({ provider_id: providerId })
    .where('municipality_code', '=', MC)
    .where('username', '=', 'aanbieder@hengelo.demo')
    .execute();
}

export async function count(grip: TestApp, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    grip.database.db,
  );
  return rows[0]!.n;
}

export async function counts(grip: TestApp, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(grip, t);
  return out;
}

/** A granted Wmo product (WMO-HO, hours per week) for a new resident, decided today. */
export async function grantedProduct(
  grip: TestApp,
  toegang: Client,
  n: number,
  grant: { volume?: number; days?: number } = {},
): Promise<{ personId: string; beschikkingId: string; productId: string; start: string; end: string }> {
  const { personId, meldingId } = await residentWithMelding(grip, toegang, n);
  const ho = await serviceByCode(grip, 'WMO-HO');
  const start = today();
  const end = addDays(start, grant.days ?? 364);
  const response = await toegang.post('/api/v1/beschikkingen', {
    meldingId,
    decidedDate: today(),
    legalGrounds: 'Wmo 2015 art. 2.3.5; Verordening maatschappelijke ondersteuning art. 8',
    products: [
      {
        serviceId: ho.id,
        outcome: 'toegekend',
        grounds: 'U kunt uw huis niet zelf schoonhouden.',
        startDate: start,
        endDate: end,
        volume: grant.volume ?? 3,
        frequencyCode: '2',
      },
    ],
  });
  assert.equal(response.statusCode, 201, response.body);
  const b = response.json() as { id: string; products: { id: string }[] };
  return { personId, beschikkingId: b.id, productId: b.products[0]!.id, start, end };
}
