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
 * Loads what declaration-checks.ts needs for a batch of lines of one provider: the provider's allocations
 * with these numbers together with their client's BSN, their care delivery and the lines accepted on them
 * before (one query, the last two aggregated per allocation over the ids found), and the contracted tariffs of their contract
 * for their product (a second query, only for contract/product pairs not in `tariffCache`). Call it per
 * chunk (a thousand or so numbers) inside the booking transaction, after `lockProvider`, so that no
 * statement holds the database long and two bookings of the same provider cannot both accept the same
 * period.
 */
export async function loadCheckFacts(
  tx: Tx,
  municipalityCode: string,
  providerId: string,
  toewijzingNumbers: readonly number[],
  options: {
    checkDelivery?: boolean;
    lawCode?: string;
    /**
     * Tariffs by "contractId/serviceId", shared between the batches of one booking: a large declaration
     * names thousands of allocations but a handful of contracted products.
     */
    tariffCache?: Map<string, TariffFacts[]>;
  } = {},
): Promise<CheckFacts> {
  const checkDelivery = options.checkDelivery ?? true;
  const numbers = [...new Set(toewijzingNumbers)].filter((n) => Number.isSafeInteger(n) && n > 0);
  const facts: CheckFacts = { allocations: new Map(), tariffs: new Map(), accepted: new Map() };
  if (numbers.length === 0) return facts;
  // A declaration is per law (wettelijk domein): another law's allocation is not one of its products.
  const law = options.lawCode ? sql`AND t.law_code = ${options.lawCode}` : sql``;
  // The allocations first, then their deliveries and accepted lines in one index scan each over the ids
  // found (cheaper than a sub-query per allocation), joined back per allocation. The client's BSN is a
  // sub-query per allocation (one index probe each): as a join, a batch of a thousand allocations made the
  // planner hash the whole person table, a sequential scan per batch.
  const deliveries = checkDelivery
    ? sql`(SELECT d.toewijzing_id, json_agg(json_build_array(d.start_date, d.stop_date)) AS deliveries
           FROM care_delivery d
           WHERE d.municipality_code = ${municipalityCode} AND d.toewijzing_id = any(array(SELECT id FROM t))
           GROUP BY d.toewijzing_id)`
    : sql`(SELECT NULL::uuid AS toewijzing_id, NULL::json AS deliveries WHERE false)`;
  const { rows } = await sql<FactRow>`
    WITH t AS MATERIALIZED (
      SELECT t.id, t.toewijzing_number, t.provider_id, t.status, t.start_date, t.end_date, t.product_category_code,
        t.product_code, t.volume, t.unit_code, t.frequency_code, t.budget_cents, t.change_reason_code,
        t.contract_id, t.service_id, t.person_id,
        (SELECT p.bsn FROM person p WHERE p.municipality_code = t.municipality_code AND p.id = t.person_id) AS bsn
      FROM toewijzing t
      WHERE t.municipality_code = ${municipalityCode} AND t.provider_id = ${providerId}
        AND t.toewijzing_number = any(${numbers}::bigint[]) ${law}
    ),
    d AS ${deliveries},
    a AS (
      SELECT l.toewijzing_id,
        json_agg(json_build_array(l.period_start, l.period_end, l.volume, l.amount_cents, l.reference)) AS accepted
      FROM declaration_line l
      WHERE l.municipality_code = ${municipalityCode} AND l.toewijzing_id = any(array(SELECT id FROM t))
        AND l.status = 'geaccepteerd'
      GROUP BY l.toewijzing_id
    )
    SELECT t.*, d.deliveries, a.accepted
    FROM t LEFT JOIN d ON d.toewijzing_id = t.id LEFT JOIN a ON a.toewijzing_id = t.id`.execute(tx);
  if (rows.length === 0) return facts;

  const cache = options.tariffCache ?? new Map<string, TariffFacts[]>();
  const pairKey = (r: { contract_id: string; service_id: string }) => `${r.contract_id}/${r.service_id}`;
  const missing = new Map<string, { contract_id: string; service_id: string }>();
  for (const r of rows) if (!cache.has(pairKey(r))) missing.set(pairKey(r), r);
  if (missing.size > 0) {
    const pairs = [...missing.values()];
    const tariffs = await tx
      .selectFrom('contract_product')
      .where('municipality_code', '=', municipalityCode)
      .where(
        sql<boolean>`(contract_id, service_id) IN (SELECT * FROM unnest(${pairs.map((p) => p.contract_id)}::uuid[], ${pairs.map((p) => p.service_id)}::uuid[]))`,
      )
      .select(['contract_id', 'service_id', 'valid_from', 'valid_until', 'tariff_cents', 'unit_code'])
      .execute();
    for (const key of missing.keys()) cache.set(key, []);
    for (const t of tariffs) {
      cache.get(pairKey(t))!.push({
        validFrom: t.valid_from,
        validUntil: t.valid_until,
        tariffCents: Number(t.tariff_cents),
        unitCode: t.unit_code,
      });
    }
  }

  for (const r of rows) {
    const allocation: AllocationFacts = {
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
      personId: r.person_id,
      bsn: r.bsn,
      ...(checkDelivery
        ? {
            deliveries: (r.deliveries ?? []).map(([startDate, stopDate]): DeliveryPeriod => ({
              startDate,
              stopDate,
            })),
          }
        : {}),
    };
    facts.allocations.set(allocation.toewijzingNumber, allocation);
    const tariffs = cache.get(pairKey(r))!;
    if (tariffs.length > 0) facts.tariffs.set(r.id, tariffs);
    if (r.accepted) {
      facts.accepted.set(
        r.id,
        r.accepted.map(([periodStart, periodEnd, volume, amountCents, reference]): AcceptedLine => ({
          periodStart,
          periodEnd,
          volume,
          amountCents: Number(amountCents),
          reference,
        })),
      );
    }
  }
  return facts;
}

interface FactRow {
  id: string;
  toewijzing_number: string | number;
  provider_id: string;
  status: string;
  start_date: string;
  end_date: string | null;
  product_category_code: string | null;
  product_code: string | null;
  volume: number | null;
  unit_code: string | null;
  frequency_code: string | null;
  budget_cents: string | number | null;
  change_reason_code: string | null;
  contract_id: string;
  service_id: string;
  person_id: string;
  bsn: string | null;
  /** [start_date, stop_date] per delivery, dates as YYYY-MM-DD (JSON). */
  deliveries: [string, string | null][] | null;
  /** [period_start, period_end, volume, amount_cents, reference] per accepted line. */
  accepted: [string, string, number, number, string | null][] | null;
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
