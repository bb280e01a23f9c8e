/**
 * The provider side of a demo municipality (idempotent): the synthetic provider "Zorg Thuis Twente
 * (demo)", its checklist before contracting recorded as met, an active contract for a Wmo service
 * (hulp bij het huishouden, WMO-HO) and a Jeugdwet service (ambulante jeugdhulp, JW-AMB) of the demo
 * catalogue with a tariff per calendar year, and the demo aanbieder account linked to it, so that a
 * consultant can allocate to it and the provider can report care and declare in the demo.
 */
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { PRE_CONTRACT_CHECKLIST } from '../providers/quality-checklist.ts';
import { STANDARD_CATALOGUE, tariffInYear } from '../services/catalogue.ts';

export const DEMO_PROVIDER_NAME = 'Zorg Thuis Twente (demo)';
export const DEMO_PROVIDER_SERVICES = ['WMO-HO', 'JW-AMB'] as const;

export async function seedDecisionsDemo(tx: Tx, municipalityCode: string): Promise<void> {
  const mc = municipalityCode;
  const digits = mc.replace(/\D/g, '').padStart(4, '0').slice(-4);
  // Synthetic registration numbers (8 digits, 0099 + the municipality's number), nobody's real ones.
  const kvk = `0099${digits}`;
  const agb = `0099${digits}`;

  let provider = await tx
    .selectFrom('provider')
    .select('id')
    .where('municipality_code', '=', mc)
    .where('name', '=', DEMO_PROVIDER_NAME)
    .executeTakeFirst();
  if (!provider) {
    const taken = await tx
      .selectFrom('provider')
      .select('id')
      .where('municipality_code', '=', mc)
      .where((eb) => eb.or([eb('kvk_number', '=', kvk), eb('agb_code', '=', agb)]))
      .executeTakeFirst();
    provider = await tx
      .insertInto('provider')
      .values({
        municipality_code: mc,
        name: DEMO_PROVIDER_NAME,
        kvk_number: taken ? null : kvk,
        agb_code: taken ? null : agb,
        city: 'Hengelo',
        is_synthetic: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
  const providerId = provider.id;

  const services = await tx
    .selectFrom('service')
    .select(['id', 'code', 'unit_code'])
    .where('municipality_code', '=', mc)
    .where('code', 'in', [...DEMO_PROVIDER_SERVICES])
    .execute();
  if (services.length === 0) return;

  const today = localDate();
  const year = Number(today.slice(0, 4));
  const validFrom = `${year - 1}-01-01`;
  const validUntil = `${year + 2}-12-31`;

  const checks = await tx
    .selectFrom('quality_check')
    .select('item')
    .where('municipality_code', '=', mc)
    .where('provider_id', '=', providerId)
    .where('phase', '=', 'voor-contractering')
    .execute();
  const checked = new Set(checks.map((c) => c.item));
  const missing = PRE_CONTRACT_CHECKLIST.filter((rule) => !checked.has(rule.item));
  if (missing.length > 0) {
    await tx
      .insertInto('quality_check')
      .values(
        missing.map((rule) => ({
          municipality_code: mc,
          provider_id: providerId,
          phase: 'voor-contractering' as const,
          item: rule.item,
          outcome: 'voldaan' as const,
          checked_on: `${year - 2}-12-01`,
          notes: 'Demo: gecontroleerd en in orde.',
        })),
      )
      .execute();
  }

  const reference = `DEMO-ZTT-${mc}`;
  let contract = await tx
    .selectFrom('contract')
    .select('id')
    .where('municipality_code', '=', mc)
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!contract) {
    contract = await tx
      .insertInto('contract')
      .values({
        municipality_code: mc,
        provider_id: providerId,
        reference,
        lot: 'Perceel Ondersteuning thuis en ambulante jeugdhulp (demo)',
        funding_variant: 'inspanningsgericht',
        valid_from: validFrom,
        valid_until: validUntil,
        status: 'actief',
        status_changed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const service of services) {
      const standard = STANDARD_CATALOGUE.find((s) => s.code === service.code);
      if (!standard?.tariff2026Cents || !service.unit_code) continue;
      for (let y = year - 1; y <= year + 2; y++) {
        await tx
          .insertInto('contract_product')
          .values({
            municipality_code: mc,
            contract_id: contract.id,
            service_id: service.id,
            valid_from: `${y}-01-01`,
            valid_until: `${y}-12-31`,
            tariff_cents: tariffInYear(standard.tariff2026Cents, y),
            unit_code: service.unit_code,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
  }

  await tx
    .updateTable('app_user')
    .set({ provider_id: providerId })
    .where('municipality_code', '=', mc)
    .where('is_demo', '=', true)
    .where('username', 'like', 'aanbieder@%')
    .where('provider_id', 'is', null)
    .execute();
}
