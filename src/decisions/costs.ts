import { sql } from 'kysely';
import type { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import type { CostsSchema } from './decision-schemas.ts';

/**
 * Costs by month per service, provider, law or wijk under each funding variant (the contract's
 * uitvoeringsvariant), for the dashboard (issue 8):
 * - commitments (verplichtingen): each allocation's commitment_cents spread over its days, per month
 *   (an open-ended allocation over its first year); withdrawn allocations count for nothing;
 * - realisation: accepted declaration lines, in the month their period starts;
 * - lump sums (taakgericht): contract_payment spread over the days of its period. A lump sum is paid per
 *   contract, not per client: by service or wijk it cannot be attributed and appears under the key
 *   `niet-toe-te-rekenen`; by law it counts under the law of the contract's products.
 * Clients: distinct clients with an allocation active in the month. A cell with 1 to threshold − 1 clients
 * shows neither its count nor its money (the municipality's small_count_threshold, at least 10); the totals
 * add up the cells shown only, so no hidden cell can be worked out from them.
 */

export type CostsView = z.infer<typeof CostsSchema>;
export type CostsGroup = CostsView['groupBy'];
type Variant = 'inspanningsgericht' | 'outputgericht' | 'taakgericht';

export const UNATTRIBUTED = 'niet-toe-te-rekenen';

const ALLOCATION_KEY: Record<CostsGroup, string> = {
  service: 'a.service_id::text',
  provider: 'a.provider_id::text',
  law: 'a.law_code',
  wijk: "coalesce(a.wijk_code, 'onbekend')",
};

const LUMP_KEY: Record<CostsGroup, string> = {
  service: `'${UNATTRIBUTED}'`,
  provider: 'c.provider_id::text',
  law: `coalesce((SELECT min(s.law_code) FROM contract_product cp JOIN service s
           ON s.municipality_code = cp.municipality_code AND s.id = cp.service_id
         WHERE cp.municipality_code = c.municipality_code AND cp.contract_id = c.id), '${UNATTRIBUTED}')`,
  wijk: `'${UNATTRIBUTED}'`,
};

export const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
};

export function monthsBetween(fromMonth: string, toMonth: string): number {
  const [fy, fm] = fromMonth.split('-').map(Number);
  const [ty, tm] = toMonth.split('-').map(Number);
  return (ty! - fy!) * 12 + (tm! - fm!) + 1;
}

interface CostRow {
  month: string;
  key: string;
  funding_variant: Variant;
  clients: number | null;
  commitment: string | null;
  realisation: string | null;
  lump: string | null;
}

export async function costs(
  tx: Tx,
  municipalityCode: string,
  query: { groupBy: CostsGroup; fromMonth: string; toMonth: string; lawCode?: string },
): Promise<CostsView> {
  const from = `${query.fromMonth}-01`;
  const to = monthEnd(query.toMonth);
  const law = query.lawCode ?? null;
  const allocationKey = sql.raw(ALLOCATION_KEY[query.groupBy]);
  const lumpKey = sql.raw(LUMP_KEY[query.groupBy]);
  // The client's wijk is only looked up when grouping by wijk (a subquery per allocation).
  const wijkColumn =
    query.groupBy === 'wijk'
      ? sql`(SELECT b.wijk_code FROM household_member hm
                JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
                JOIN address ad ON ad.municipality_code = h.municipality_code AND ad.id = h.address_id
                JOIN buurt b ON b.municipality_code = ad.municipality_code AND b.code = ad.buurt_code
               WHERE hm.municipality_code = t.municipality_code AND hm.person_id = t.person_id
               ORDER BY hm.valid_until IS NULL DESC, hm.valid_from DESC LIMIT 1)`
      : sql`NULL::text`;
  const { rows } = await sql<CostRow>`
    WITH months AS (
      SELECT m::date AS month_start, (m + interval '1 month' - interval '1 day')::date AS month_end
      FROM generate_series(${from}::date, ${to}::date, interval '1 month') AS m
    ),
    alloc AS (
      SELECT t.id, t.person_id, t.service_id, t.provider_id, t.law_code, c.funding_variant,
             t.start_date, coalesce(t.end_date, (t.start_date + interval '1 year' - interval '1 day')::date) AS spread_end,
             coalesce(t.end_date, DATE '9999-12-31') AS end_date, t.commitment_cents,
             ${wijkColumn} AS wijk_code
      FROM toewijzing t
      JOIN contract c ON c.municipality_code = t.municipality_code AND c.id = t.contract_id
      WHERE t.municipality_code = ${municipalityCode} AND t.status <> 'ingetrokken'
        AND t.start_date <= ${to}::date AND coalesce(t.end_date, DATE '9999-12-31') >= ${from}::date
        AND (${law}::text IS NULL OR t.law_code = ${law}::text)
    ),
    committed AS (
      SELECT to_char(mo.month_start, 'YYYY-MM') AS month, ${allocationKey} AS key, a.funding_variant,
             count(DISTINCT a.person_id)::int AS clients,
             round(sum(CASE WHEN a.start_date <= mo.month_end AND a.spread_end >= mo.month_start
               THEN a.commitment_cents::numeric
                    * (least(a.spread_end, mo.month_end) - greatest(a.start_date, mo.month_start) + 1)
                    / (a.spread_end - a.start_date + 1)
               ELSE 0 END))::bigint AS commitment
      FROM alloc a JOIN months mo ON a.start_date <= mo.month_end AND a.end_date >= mo.month_start
      GROUP BY 1, 2, 3
    ),
    realised AS (
      SELECT to_char(l.period_start, 'YYYY-MM') AS month, ${allocationKey} AS key, a.funding_variant,
             sum(l.amount_cents)::bigint AS realisation
      FROM declaration_line l JOIN alloc a ON a.id = l.toewijzing_id
      WHERE l.municipality_code = ${municipalityCode} AND l.status = 'geaccepteerd'
        AND l.period_start BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1, 2, 3
    ),
    lump AS (
      SELECT to_char(mo.month_start, 'YYYY-MM') AS month, ${lumpKey} AS key, 'taakgericht'::text AS funding_variant,
             round(sum(p.amount_cents::numeric
                    * (least(p.period_end, mo.month_end) - greatest(p.period_start, mo.month_start) + 1)
                    / (p.period_end - p.period_start + 1)))::bigint AS lump
      FROM contract_payment p
      JOIN contract c ON c.municipality_code = p.municipality_code AND c.id = p.contract_id
      JOIN months mo ON p.period_start <= mo.month_end AND p.period_end >= mo.month_start
      WHERE p.municipality_code = ${municipalityCode}
      GROUP BY 1, 2, 3
    )
    SELECT coalesce(cm.month, r.month, lu.month) AS month,
           coalesce(cm.key, r.key, lu.key) AS key,
           coalesce(cm.funding_variant, r.funding_variant, lu.funding_variant) AS funding_variant,
           cm.clients, cm.commitment::text AS commitment, r.realisation::text AS realisation, lu.lump::text AS lump
    FROM committed cm
    FULL JOIN realised r ON r.month = cm.month AND r.key = cm.key AND r.funding_variant = cm.funding_variant
    FULL JOIN lump lu ON lu.month = coalesce(cm.month, r.month) AND lu.key = coalesce(cm.key, r.key)
      AND lu.funding_variant = coalesce(cm.funding_variant, r.funding_variant)
    ORDER BY 1, 2, 3`.execute(tx);

  // A lump sum by law must follow the law filter too.
  const filtered = law && query.groupBy === 'law' ? rows.filter((r) => r.key === law) : rows;
  const lumpOnly = law && query.groupBy !== 'law' && query.groupBy !== 'provider';
  const threshold = await smallCountThreshold(tx, municipalityCode);
  const labels = await labelsFor(tx, municipalityCode, query.groupBy, [
    ...new Set(filtered.map((r) => r.key)),
  ]);
  const totals = { commitmentCents: 0, realisationCents: 0, lumpSumCents: 0 };
  const cells = filtered
    .filter((r) => !(lumpOnly && r.key === UNATTRIBUTED))
    .map((r) => {
      const clients = r.clients ?? 0;
      const suppressed = clients > 0 && clients < threshold;
      const money = (v: string | null) => (suppressed ? null : Number(v ?? 0));
      const cell = {
        month: r.month,
        key: r.key,
        label: labels.get(r.key) ?? r.key,
        fundingVariant: r.funding_variant,
        clients: suppressed ? null : r.clients === null ? null : clients,
        commitmentCents: money(r.commitment),
        realisationCents: money(r.realisation),
        lumpSumCents: money(r.lump),
        suppressed,
      };
      totals.commitmentCents += cell.commitmentCents ?? 0;
      totals.realisationCents += cell.realisationCents ?? 0;
      totals.lumpSumCents += cell.lumpSumCents ?? 0;
      return cell;
    });
  return {
    groupBy: query.groupBy,
    fromMonth: query.fromMonth,
    toMonth: query.toMonth,
    threshold,
    cells,
    totals,
  };
}

export async function smallCountThreshold(tx: Tx, municipalityCode: string): Promise<number> {
  const row = await tx
    .selectFrom('municipality')
    .where('code', '=', municipalityCode)
    .select('small_count_threshold')
    .executeTakeFirst();
  return Math.max(10, row?.small_count_threshold ?? 10);
}

async function labelsFor(
  tx: Tx,
  municipalityCode: string,
  groupBy: CostsGroup,
  keys: string[],
): Promise<Map<string, string>> {
  const labels = new Map<string, string>([
    [UNATTRIBUTED, 'Niet toe te rekenen (taakgericht)'],
    ['onbekend', 'Wijk onbekend'],
  ]);
  const uuids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
  if (groupBy === 'service' && uuids.length > 0) {
    const rows = await tx
      .selectFrom('service')
      .where('municipality_code', '=', municipalityCode)
      .where('id', 'in', uuids)
      .select(['id', 'name'])
      .execute();
    for (const r of rows) labels.set(r.id, r.name);
  } else if (groupBy === 'provider' && uuids.length > 0) {
    const rows = await tx
      .selectFrom('provider')
      .where('municipality_code', '=', municipalityCode)
      .where('id', 'in', uuids)
      .select(['id', 'name'])
      .execute();
    for (const r of rows) labels.set(r.id, r.name);
  } else if (groupBy === 'law') {
    const rows = await tx.selectFrom('law').select(['code', 'short_name']).execute();
    for (const r of rows) labels.set(r.code, r.short_name);
  } else if (groupBy === 'wijk') {
    const rows = await tx
      .selectFrom('wijk')
      .where('municipality_code', '=', municipalityCode)
      .select(['code', 'name'])
      .execute();
    for (const r of rows) labels.set(r.code, r.name);
  }
  return labels;
}
