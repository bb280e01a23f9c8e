import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ChangeSet, SummaryMaintainer } from '../view-model.ts';
import { ageGroupOn, areaOnDay, monthList, singleAreaCte, UNKNOWN_AREA, uuidList } from './money-sql.ts';

/**
 * Keeps the money summaries (migration 0022) up to date, per batch:
 *
 * - dash_money_client_month is the bookkeeping: per client, month and cell what accepted declaration lines
 *   added up to. A batch recomputes exactly the rows in its scope — every month of the changed persons
 *   whose own inputs changed (birth date, household and buurt, allocations: a hash in
 *   dash_money_person_input tells), plus every person in the changed months — after taking their old sums
 *   out of the additive cube dash_money_realisation, and then adds the new sums in. Cells left without
 *   lines are removed, so the cube is what a rebuild would give. New declarations name their persons and
 *   months; the persons' hashes are unchanged, so only those months are recomputed.
 * - dash_money_client_year (months with realisation as a bitmask) is a function of one person's rows: it is
 *   recomputed for the persons whose inputs changed (all years) and, for the years of the changed months,
 *   for every person with rows in those months before or after.
 * - dash_money_commitment is per allocation: recomputed for the changed persons.
 * - dash_money_lump_sum is per contract and month: recomputed for the changed months.
 */

interface Scope {
  /** Null: everything of the municipality. */
  persons: string[] | null;
  months: string[];
}

const CELL = sql.raw(
  'law_code, service_id, product_category_code, provider_id, funding_variant, wijk_code, buurt_code, age_group',
);

function factScope(scope: Scope): RawBuilder<unknown> {
  if (scope.persons === null) return sql``;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.persons.length > 0) parts.push(sql`person_id IN ${uuidList(scope.persons)}`);
  if (scope.months.length > 0) parts.push(sql`month IN ${monthList(scope.months)}`);
  return parts.length === 0 ? sql`AND false` : sql`AND (${sql.join(parts, sql` OR `)})`;
}

/** Accepted lines of the scope, summed per client, month and cell, from the raw tables. */
function rawLinesScope(scope: Scope): RawBuilder<unknown> {
  if (scope.persons === null) return sql``;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.persons.length > 0) parts.push(sql`t.person_id IN ${uuidList(scope.persons)}`);
  if (scope.months.length > 0)
    parts.push(sql`date_trunc('month', l.period_start)::date IN ${monthList(scope.months)}`);
  return parts.length === 0 ? sql`AND false` : sql`AND (${sql.join(parts, sql` OR `)})`;
}

async function insertClientMonths(tx: Tx, mc: string, scope: Scope): Promise<void> {
  await sql`
    INSERT INTO dash_money_client_month (municipality_code, month, person_id, ${CELL}, amount_cents, line_count)
    WITH ${singleAreaCte(mc)},
    lines AS (
      SELECT l.toewijzing_id, t.person_id, l.period_start, sum(l.amount_cents) AS amount, count(*)::int AS n
      FROM declaration_line l
      JOIN toewijzing t ON t.municipality_code = l.municipality_code AND t.id = l.toewijzing_id
      WHERE l.municipality_code = ${mc} AND l.status = 'geaccepteerd' AND t.status <> 'ingetrokken'
        ${rawLinesScope(scope)}
      GROUP BY 1, 2, 3
    )
    SELECT ${mc}, date_trunc('month', li.period_start)::date, t.person_id, t.law_code, t.service_id,
           coalesce(t.product_category_code, s.product_category_code, ''), t.provider_id, c.funding_variant,
           coalesce(sa.wijk_code, area.wijk_code, ${UNKNOWN_AREA}),
           coalesce(sa.buurt_code, area.buurt_code, ${UNKNOWN_AREA}),
           ${ageGroupOn('p.birth_date', 'li.period_start')},
           sum(li.amount), sum(li.n)
    FROM lines li
    JOIN toewijzing t ON t.municipality_code = ${mc} AND t.id = li.toewijzing_id
    JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
    JOIN contract c ON c.municipality_code = t.municipality_code AND c.id = t.contract_id
    JOIN person p ON p.municipality_code = t.municipality_code AND p.id = t.person_id
    LEFT JOIN single_area sa ON sa.person_id = li.person_id
    LEFT JOIN LATERAL ${areaOnDay(mc, 'li.person_id', 'li.period_start', 'sa')} area ON true
    GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`.execute(tx);
}

async function cubeDelta(tx: Tx, mc: string, scope: Scope, sign: 1 | -1): Promise<void> {
  if (sign === -1) {
    await sql`
      UPDATE dash_money_realisation r
      SET amount_cents = r.amount_cents - o.amount, line_count = r.line_count - o.n
      FROM (SELECT month, ${CELL}, sum(amount_cents) AS amount, sum(line_count)::int AS n
            FROM dash_money_client_month WHERE municipality_code = ${mc} ${factScope(scope)}
            GROUP BY month, ${CELL}) o
      WHERE r.municipality_code = ${mc} AND r.month = o.month AND r.law_code = o.law_code
        AND r.service_id = o.service_id AND r.product_category_code = o.product_category_code
        AND r.provider_id = o.provider_id AND r.funding_variant = o.funding_variant
        AND r.buurt_code = o.buurt_code AND r.age_group = o.age_group`.execute(tx);
    return;
  }
  await sql`
    INSERT INTO dash_money_realisation (municipality_code, month, ${CELL}, amount_cents, line_count)
    SELECT ${mc}, month, ${CELL}, sum(amount_cents), sum(line_count)
    FROM dash_money_client_month WHERE municipality_code = ${mc} ${factScope(scope)}
    GROUP BY month, ${CELL}
    ON CONFLICT (municipality_code, month, law_code, service_id, product_category_code, provider_id,
                 funding_variant, buurt_code, age_group)
    DO UPDATE SET amount_cents = dash_money_realisation.amount_cents + excluded.amount_cents,
                  line_count = dash_money_realisation.line_count + excluded.line_count`.execute(tx);
}

async function personsInScope(tx: Tx, mc: string, scope: Scope): Promise<string[]> {
  const { rows } = await sql<{ person_id: string }>`
    SELECT DISTINCT person_id FROM dash_money_client_month
    WHERE municipality_code = ${mc} ${factScope(scope)}`.execute(tx);
  return rows.map((r) => r.person_id);
}

/** Recomputes client-year rows of these persons from their client-month rows (all years, or only `years`). */
async function rebuildClientYears(
  tx: Tx,
  mc: string,
  persons: string[] | null,
  years: number[] | null = null,
): Promise<void> {
  if (persons !== null && persons.length === 0) return;
  if (years !== null && years.length === 0) return;
  const only = persons === null ? sql`` : sql`AND person_id IN ${uuidList(persons)}`;
  const inYears =
    years === null
      ? { summary: sql``, fact: sql`` }
      : {
          summary: sql`AND year IN (SELECT jsonb_array_elements_text(${JSON.stringify(years)}::jsonb)::int)`,
          fact: sql`AND extract(year FROM month)::int IN (SELECT jsonb_array_elements_text(${JSON.stringify(years)}::jsonb)::int)`,
        };
  await sql`DELETE FROM dash_money_client_year WHERE municipality_code = ${mc} ${only} ${inYears.summary}`.execute(
    tx,
  );
  await sql`
    INSERT INTO dash_money_client_year (municipality_code, year, person_id, ${CELL}, month_mask)
    SELECT ${mc}, extract(year FROM month)::smallint, person_id, ${CELL},
           bit_or(1 << (extract(month FROM month)::int - 1))
    FROM dash_money_client_month WHERE municipality_code = ${mc} ${only} ${inYears.fact}
    GROUP BY 2, 3, ${CELL}`.execute(tx);
}

/**
 * Of these persons, those whose inputs besides the declaration lines changed since their rows were last
 * computed in full (or that were never hashed): birth date, household memberships with their buurt, and their
 * allocations' law, service, category, provider, funding variant and status. Stores the new hashes.
 */
async function personsWithChangedInputs(tx: Tx, mc: string, persons: string[]): Promise<string[]> {
  if (persons.length === 0) return [];
  const { rows } = await sql<{ person_id: string; input_hash: string; stored: string | null }>`
    WITH current AS (
      SELECT p.id AS person_id, md5(concat_ws('#', p.birth_date::text,
        (SELECT string_agg(concat_ws(',', hm.household_id, hm.valid_from, hm.valid_until, ad.buurt_code), ';'
                           ORDER BY hm.household_id, hm.valid_from)
         FROM household_member hm
         JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
         JOIN address ad ON ad.municipality_code = h.municipality_code AND ad.id = h.address_id
         WHERE hm.municipality_code = p.municipality_code AND hm.person_id = p.id),
        (SELECT string_agg(concat_ws(',', t.id, t.law_code, t.service_id,
                             coalesce(t.product_category_code, s.product_category_code), t.provider_id,
                             c.funding_variant, t.status), ';' ORDER BY t.id)
         FROM toewijzing t
         JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
         JOIN contract c ON c.municipality_code = t.municipality_code AND c.id = t.contract_id
         WHERE t.municipality_code = p.municipality_code AND t.person_id = p.id))) AS input_hash
      FROM person p WHERE p.municipality_code = ${mc} AND p.id IN ${uuidList(persons)}
    )
    SELECT c.person_id::text AS person_id, c.input_hash, i.input_hash AS stored
    FROM current c
    LEFT JOIN dash_money_person_input i ON i.municipality_code = ${mc} AND i.person_id = c.person_id`.execute(
    tx,
  );
  const changed = rows.filter((r) => r.stored !== r.input_hash);
  // Persons that no longer exist have no row in `current`: their rows must go, so they count as changed.
  const found = new Set(rows.map((r) => r.person_id));
  const gone = persons.filter((p) => !found.has(p));
  await sql`DELETE FROM dash_money_person_input WHERE municipality_code = ${mc} AND person_id IN ${uuidList(persons)}`.execute(
    tx,
  );
  if (rows.length > 0)
    await sql`
      INSERT INTO dash_money_person_input (municipality_code, person_id, input_hash)
      SELECT ${mc}, (x ->> 'p')::uuid, x ->> 'h'
      FROM jsonb_array_elements(${JSON.stringify(rows.map((r) => ({ p: r.person_id, h: r.input_hash })))}::jsonb) x`.execute(
      tx,
    );
  return [...changed.map((r) => r.person_id), ...gone];
}

async function rebuildCommitments(tx: Tx, mc: string, persons: string[] | null): Promise<void> {
  if (persons !== null && persons.length === 0) return;
  const only = persons === null ? sql`` : sql`AND person_id IN ${uuidList(persons)}`;
  const onlyT = persons === null ? sql`` : sql`AND t.person_id IN ${uuidList(persons)}`;
  await sql`DELETE FROM dash_money_commitment WHERE municipality_code = ${mc} ${only}`.execute(tx);
  await sql`
    INSERT INTO dash_money_commitment (municipality_code, toewijzing_id, person_id, start_month, law_code,
      service_id, provider_id, funding_variant, wijk_code, buurt_code, age_group, commitment_cents)
    WITH ${singleAreaCte(mc)}
    SELECT ${mc}, t.id, t.person_id, date_trunc('month', t.start_date)::date, t.law_code, t.service_id,
           t.provider_id, c.funding_variant,
           coalesce(sa.wijk_code, area.wijk_code, ${UNKNOWN_AREA}),
           coalesce(sa.buurt_code, area.buurt_code, ${UNKNOWN_AREA}),
           ${ageGroupOn('p.birth_date', 't.start_date')}, t.commitment_cents
    FROM toewijzing t
    JOIN contract c ON c.municipality_code = t.municipality_code AND c.id = t.contract_id
    JOIN person p ON p.municipality_code = t.municipality_code AND p.id = t.person_id
    LEFT JOIN single_area sa ON sa.person_id = t.person_id
    LEFT JOIN LATERAL ${areaOnDay(mc, 't.person_id', 't.start_date', 'sa')} area ON true
    WHERE t.municipality_code = ${mc} AND t.status <> 'ingetrokken' ${onlyT}`.execute(tx);
}

async function rebuildLumpSums(tx: Tx, mc: string, months: string[] | null): Promise<void> {
  if (months !== null && months.length === 0) return;
  const only = months === null ? sql`` : sql`AND month IN ${monthList(months)}`;
  const onlyMonths = months === null ? sql`` : sql`AND mo.m IN ${monthList(months)}`;
  await sql`DELETE FROM dash_money_lump_sum WHERE municipality_code = ${mc} ${only}`.execute(tx);
  // Each payment is spread over the days of its period; a monthly payment falls wholly in its month.
  await sql`
    INSERT INTO dash_money_lump_sum (municipality_code, month, contract_id, provider_id, lot, law_code,
      product_category_code, amount_cents)
    SELECT ${mc}, mo.m, c.id, c.provider_id, c.lot, coalesce(first.law_code, ${UNKNOWN_AREA}),
           coalesce(first.category, ''),
           round(sum(p.amount_cents::numeric
             * (least(p.period_end, (mo.m + interval '1 month' - interval '1 day')::date)
                - greatest(p.period_start, mo.m) + 1)
             / (p.period_end - p.period_start + 1)))::bigint
    FROM contract_payment p
    JOIN contract c ON c.municipality_code = p.municipality_code AND c.id = p.contract_id
    CROSS JOIN LATERAL (
      SELECT gs::date AS m FROM generate_series(date_trunc('month', p.period_start),
                                                date_trunc('month', p.period_end), interval '1 month') gs
    ) mo
    LEFT JOIN LATERAL (
      SELECT s.law_code, s.product_category_code AS category
      FROM contract_product cp
      JOIN service s ON s.municipality_code = cp.municipality_code AND s.id = cp.service_id
      WHERE cp.municipality_code = c.municipality_code AND cp.contract_id = c.id
      ORDER BY s.law_code, s.product_category_code NULLS LAST, s.code
      LIMIT 1
    ) first ON true
    WHERE p.municipality_code = ${mc} ${onlyMonths}
    GROUP BY mo.m, c.id, c.provider_id, c.lot, first.law_code, first.category`.execute(tx);
}

async function rebuildAll(tx: Tx, mc: string): Promise<void> {
  for (const table of [
    'dash_money_person_input',
    'dash_money_client_month',
    'dash_money_realisation',
    'dash_money_client_year',
    'dash_money_commitment',
    'dash_money_lump_sum',
  ])
    await sql`DELETE FROM ${sql.table(table)} WHERE municipality_code = ${mc}`.execute(tx);
  const all: Scope = { persons: null, months: [] };
  await insertClientMonths(tx, mc, all);
  await cubeDelta(tx, mc, all, 1);
  await rebuildClientYears(tx, mc, null);
  await rebuildCommitments(tx, mc, null);
  await rebuildLumpSums(tx, mc, null);
}

async function householdMembers(tx: Tx, mc: string, householdIds: string[]): Promise<string[]> {
  if (householdIds.length === 0) return [];
  const { rows } = await sql<{ person_id: string }>`
    SELECT DISTINCT person_id FROM household_member
    WHERE municipality_code = ${mc} AND household_id IN ${uuidList(householdIds)}`.execute(tx);
  return rows.map((r) => r.person_id);
}

export async function refreshMoney(tx: Tx, mc: string, changes: ChangeSet): Promise<void> {
  if (changes.full) return rebuildAll(tx, mc);
  const persons = [
    ...new Set([...changes.personIds, ...(await householdMembers(tx, mc, changes.householdIds))]),
  ];
  const months = [...new Set(changes.months)];
  // Persons whose own inputs changed are recomputed over all months; the others (e.g. only new declaration
  // lines) are covered by the changed months.
  const changedPersons = await personsWithChangedInputs(tx, mc, persons);
  const scope: Scope = { persons: changedPersons, months };
  if (changedPersons.length > 0 || months.length > 0) {
    const before = await personsInScope(tx, mc, scope);
    await cubeDelta(tx, mc, scope, -1);
    await sql`DELETE FROM dash_money_client_month WHERE municipality_code = ${mc} ${factScope(scope)}`.execute(
      tx,
    );
    await insertClientMonths(tx, mc, scope);
    await cubeDelta(tx, mc, scope, 1);
    await sql`DELETE FROM dash_money_realisation WHERE municipality_code = ${mc} AND line_count = 0`.execute(
      tx,
    );
    const after = await personsInScope(tx, mc, scope);
    await rebuildClientYears(tx, mc, changedPersons);
    const changedSet = new Set(changedPersons);
    const monthOnly = [...new Set([...before, ...after])].filter((p) => !changedSet.has(p));
    const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
    await rebuildClientYears(tx, mc, monthOnly, years);
  }
  await rebuildCommitments(tx, mc, persons);
  await rebuildLumpSums(tx, mc, months);
}

export const moneyMaintainer: SummaryMaintainer = { name: 'money', refresh: refreshMoney };
