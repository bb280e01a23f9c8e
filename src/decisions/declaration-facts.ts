import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type {
  AcceptedLine,
  AllocationFacts,
  AllocationStatus,
  CheckFacts,
  DeliveryPeriod,
  TariffFacts,
} from './declaration-checks.ts';

/**
 * Loads what declaration-checks.ts needs for a batch of lines of one provider, in four queries whatever the
 * batch size: the provider's allocations with these numbers, their care delivery, the contracted tariffs
 * of their contract for their product, and the lines accepted on them before. Call it per chunk (a few
 * thousand lines) inside the booking transaction, after `lockProvider`, so that no statement holds the
 * database long and two bookings of the same provider cannot both accept the same period.
 */
export async function loadCheckFacts(
  tx: Tx,
  municipalityCode: string,
  providerId: string,
  toewijzingNumbers: readonly number[],
  options: { checkDelivery?: boolean; lawCode?: string } = {},
): Promise<CheckFacts> {
  const checkDelivery = options.checkDelivery ?? true;
  const numbers = [...new Set(toewijzingNumbers)].filter((n) => Number.isSafeInteger(n) && n > 0);
  const facts: CheckFacts = { allocations: new Map(), tariffs: new Map(), accepted: new Map() };
  if (numbers.length === 0) return facts;
  let query = tx
    .selectFrom('toewijzing')
    .where('municipality_code', '=', municipalityCode)
    .where('provider_id', '=', providerId)
    .where(sql<boolean>`toewijzing_number = any(${numbers}::bigint[])`);
  // A declaration is per law (wettelijk domein): another law's allocation is not one of its products.
  if (options.lawCode) query = query.where('law_code', '=', options.lawCode);
  const rows = await query
    .select([
      'id',
      'toewijzing_number',
      'provider_id',
      'status',
      'start_date',
      'end_date',
      'product_category_code',
      'product_code',
      'volume',
      'unit_code',
      'frequency_code',
      'budget_cents',
      'change_reason_code',
    ])
    .execute();
  if (rows.length === 0) return facts;
  const ids = rows.map((r) => r.id);
  // One after the other: a transaction has one connection.
  const deliveries = checkDelivery
    ? await tx
        .selectFrom('care_delivery')
        .where('municipality_code', '=', municipalityCode)
        .where(sql<boolean>`toewijzing_id = any(${ids}::uuid[])`)
        .select(['toewijzing_id', 'start_date', 'stop_date'])
        .execute()
    : [];
  const tariffs = await tx
    .selectFrom('toewijzing as t')
    .innerJoin('contract_product as cp', (join) =>
      join
        .onRef('cp.municipality_code', '=', 't.municipality_code')
        .onRef('cp.contract_id', '=', 't.contract_id')
        .onRef('cp.service_id', '=', 't.service_id'),
    )
    .where('t.municipality_code', '=', municipalityCode)
    .where(sql<boolean>`t.id = any(${ids}::uuid[])`)
    .select(['t.id as toewijzing_id', 'cp.valid_from', 'cp.valid_until', 'cp.tariff_cents', 'cp.unit_code'])
    .execute();
  const accepted = await tx
    .selectFrom('declaration_line')
    .where('municipality_code', '=', municipalityCode)
    .where(sql<boolean>`toewijzing_id = any(${ids}::uuid[])`)
    .where('status', '=', 'geaccepteerd')
    .select(['toewijzing_id', 'period_start', 'period_end', 'volume', 'amount_cents', 'reference'])
    .execute();
  const deliveryBy = groupBy(
    deliveries,
    (d) => d.toewijzing_id,
    (d): DeliveryPeriod => ({
      startDate: d.start_date,
      stopDate: d.stop_date,
    }),
  );
  for (const r of rows) {
    const facts_: AllocationFacts = {
      id: r.id,
      toewijzingNumber: Number(r.toewijzing_number),
      providerId: r.provider_id,
      status: r.status as AllocationStatus,
      startDate: r.start_date,
      endDate: r.end_date,
      productCategoryCode: r.product_category_code,
      productCode: r.product_code,
      volume: r.volume,
      unitCode: r.unit_code,
      frequencyCode: r.frequency_code,
      budgetCents: r.budget_cents === null ? null : Number(r.budget_cents),
      changeReasonCode: r.change_reason_code,
      ...(checkDelivery ? { deliveries: deliveryBy.get(r.id) ?? [] } : {}),
    };
    facts.allocations.set(facts_.toewijzingNumber, facts_);
  }
  for (const [id, list] of groupBy(
    tariffs,
    (t) => t.toewijzing_id,
    (t): TariffFacts => ({
      validFrom: t.valid_from,
      validUntil: t.valid_until,
      tariffCents: Number(t.tariff_cents),
      unitCode: t.unit_code,
    }),
  )) {
    facts.tariffs.set(id, list);
  }
  for (const [id, list] of groupBy(
    accepted,
    (l) => l.toewijzing_id,
    (l): AcceptedLine => ({
      periodStart: l.period_start,
      periodEnd: l.period_end,
      volume: l.volume,
      amountCents: Number(l.amount_cents),
      reference: l.reference,
    }),
  )) {
    facts.accepted.set(id, list);
  }
  return facts;
}

/** Serialises bookings of one provider (declarations, start/stop) for the rest of the transaction. */
export async function lockProvider(tx: Tx, municipalityCode: string, providerId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('provider')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', providerId)
    .select('id')
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

function groupBy<T, V>(rows: readonly T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
  const result = new Map<string, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = result.get(k);
    if (list) list.push(value(row));
    else result.set(k, [value(row)]);
  }
  return result;
}
