import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ChangeSet, SummaryMaintainer } from '../view-model.ts';
import { ageGroupOn, areaOnDay, monthArray, singleAreaCte, UNKNOWN_AREA, uuidArray } from './money-sql.ts';

/**
 * Keeps the money summaries (migration 0022) up to date, per batch:
 *
 * - dash_money_client_month is the bookkeeping: per client, month and cell what accepted declaration lines
 *   added up to. A batch recomputes exactly the rows in its scope — every month of the changed persons
 *   whose own inputs changed (birth date, household and buurt, allocations: a hash in
 *   dash_money_person_input tells), plus, in the changed months, the (person, month) pairs that the batch
 *   names or whose lines no longer add up to their rows (see changedPairs) — after taking their old sums
 *   out of the additive cube dash_money_realisation, and then adds the new sums in. Cells left without
 *   lines are removed, so the cube is what a rebuild would give. New declarations name their persons and
 *   months; the persons' hashes are unchanged, so only their pairs are recomputed, not the whole month.
 * - dash_money_client_year (months with realisation as a bitmask) is a function of one person's rows: it is
 *   recomputed for the persons whose inputs changed (all years) and for the years of the recomputed pairs.
 * - dash_money_commitment is per allocation: recomputed for the changed persons.
 * - dash_money_lump_sum is per contract and month: recomputed for the changed months.
 */

interface Scope {
  /** Null: everything of the municipality. Otherwise every month of these persons… */
  persons: string[] | null;
  /** …and every person in these months ('YYYY-MM')… */
  months: string[];
  /** …and these months of these persons (the pairs whose rows a changed month really changes). */
  pairs?: PersonMonth[];
}

interface PersonMonth {
  person: string;
  month: string;
}

const CELL = sql.raw(
  'law_code, service_id, product_category_code, provider_id, funding_variant, wijk_code, buurt_code, age_group',
);

/** `AND …` for the client-month rows of the scope: `= ANY` on both sides of the OR, so the primary key
 * (person first) and the month index answer it together (a bitmap OR) instead of a scan of the table. */
function factScope(scope: Scope): RawBuilder<unknown> {
  if (scope.persons === null) return sql``;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.persons.length > 0) parts.push(sql`person_id = ANY(${uuidArray(scope.persons)})`);
  if (scope.months.length > 0) parts.push(sql`month = ANY(${monthArray(scope.months)})`);
  const pairs = scope.pairs ?? [];
  if (pairs.length > 0)
    parts.push(sql`(person_id = ANY(${uuidArray(pairs.map((p) => p.person))})
      AND (person_id, month) IN (SELECT * FROM ${pairTable(pairs)}))`);
  return parts.length === 0 ? sql`AND false` : sql`AND (${sql.join(parts, sql` OR `)})`;
}

/** The pairs as a table (p uuid, m date): person and month start. */
function pairTable(pairs: PersonMonth[]): RawBuilder<unknown> {
  return sql`unnest(${uuidArray(pairs.map((p) => p.person))}, ${monthArray(pairs.map((p) => p.month))}) AS pm(p, m)`;
}

/**
 * The accepted declaration lines of the scope (of an allocation that is not withdrawn), as a query of
 * (toewijzing_id, person_id, period_start, amount_cents). Incrementally the lines of the scoped persons
 * (through toewijzing_person and declaration_line_toewijzing) and those of the scoped months (a range scan
 * of declaration_line_period, migration 0026) are read separately and united on the line's id, rather than
 * scanning every line of the municipality for an OR across two tables.
 */
function scopedLines(mc: string, scope: Scope): RawBuilder<unknown> {
  const columns = sql`l.id, l.toewijzing_id, t.person_id, l.period_start, l.amount_cents`;
  const accepted = sql`l.status = 'geaccepteerd' AND t.status <> 'ingetrokken'`;
  if (scope.persons === null)
    return sql`SELECT ${columns}
      FROM declaration_line l
      JOIN toewijzing t ON t.municipality_code = l.municipality_code AND t.id = l.toewijzing_id
      WHERE l.municipality_code = ${mc} AND ${accepted}`;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.persons.length > 0)
    parts.push(sql`SELECT ${columns}
      FROM toewijzing t
      JOIN declaration_line l ON l.municipality_code = t.municipality_code AND l.toewijzing_id = t.id
      WHERE t.municipality_code = ${mc} AND t.person_id = ANY(${uuidArray(scope.persons)}) AND ${accepted}`);
  if (scope.months.length > 0)
    parts.push(sql`SELECT ${columns}
      FROM unnest(${monthArray(scope.months)}) AS mo(m)
      JOIN declaration_line l ON l.municipality_code = ${mc}
        AND l.period_start >= mo.m AND l.period_start < (mo.m + interval '1 month')::date
      JOIN toewijzing t ON t.municipality_code = l.municipality_code AND t.id = l.toewijzing_id
      WHERE ${accepted}`);
  const pairs = scope.pairs ?? [];
  if (pairs.length > 0)
    parts.push(sql`SELECT ${columns}
      FROM ${pairTable(pairs)}
      JOIN toewijzing t ON t.municipality_code = ${mc} AND t.person_id = pm.p
      JOIN declaration_line l ON l.municipality_code = t.municipality_code AND l.toewijzing_id = t.id
        AND l.period_start >= pm.m AND l.period_start < (pm.m + interval '1 month')::date
      WHERE ${accepted}`);
  if (parts.length === 0) return sql`SELECT ${columns} FROM declaration_line l, toewijzing t WHERE false`;
  return sql.join(parts, sql` UNION `);
}

/** The client-month rows of the scope as the raw tables give them now (a query with the table's columns). */
function freshClientMonths(mc: string, scope: Scope): RawBuilder<unknown> {
  return sql`
    WITH lines AS ${scope.persons === null ? sql`` : sql`MATERIALIZED`} (
      SELECT x.toewijzing_id, x.person_id, x.period_start, sum(x.amount_cents) AS amount, count(*)::int AS n
      FROM (${scopedLines(mc, scope)}) x
      GROUP BY 1, 2, 3
    ),
    ${singleAreaCte(mc, scope.persons === null ? null : sql`SELECT person_id FROM lines`)}
    SELECT ${mc} AS municipality_code, date_trunc('month', li.period_start)::date AS month, t.person_id,
           t.law_code, t.service_id,
           coalesce(t.product_category_code, s.product_category_code, '') AS product_category_code,
           t.provider_id, c.funding_variant,
           coalesce(sa.wijk_code, area.wijk_code, ${UNKNOWN_AREA}) AS wijk_code,
           coalesce(sa.buurt_code, area.buurt_code, ${UNKNOWN_AREA}) AS buurt_code,
           ${ageGroupOn('p.birth_date', 'li.period_start')} AS age_group,
           sum(li.amount)::bigint AS amount_cents, sum(li.n)::int AS line_count
    FROM lines li
    JOIN toewijzing t ON t.municipality_code = ${mc} AND t.id = li.toewijzing_id
    JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
    JOIN contract c ON c.municipality_code = t.municipality_code AND c.id = t.contract_id
    JOIN person p ON p.municipality_code = t.municipality_code AND p.id = t.person_id
    LEFT JOIN single_area sa ON sa.person_id = li.person_id
    LEFT JOIN LATERAL ${areaOnDay(mc, 'li.person_id', 'li.period_start', 'sa')} area ON true
    GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;
}

async function insertClientMonths(tx: Tx, mc: string, scope: Scope): Promise<void> {
  await sql`
    INSERT INTO dash_money_client_month (municipality_code, month, person_id, ${CELL}, amount_cents, line_count)
    ${freshClientMonths(mc, scope)}`.execute(tx);
}

/**
 * The (person, month) pairs of these months whose client-month rows must be recomputed: those of the named
 * persons (the change tracking names the person of every declaration line it records), and those whose
 * accepted lines no longer add up to their rows per allocation cell (law, service, category, provider,
 * funding variant), so a batch that names only a month still finds e.g. new lines of any client in it.
 * The area and age group of a row follow from the person's inputs (hashed, see personsWithChangedInputs)
 * and the line's month, so they need not be compared. A new line changes its person's month, not the other
 * clients of that month: the month's lines are read (declaration_line_period) and summed without looking up
 * anyone's address, and only the pairs that differ are rewritten.
 */
async function changedPairs(tx: Tx, mc: string, months: string[], named: string[]): Promise<PersonMonth[]> {
  if (months.length === 0) return [];
  const key = sql.raw(
    'person_id, month, law_code, service_id, product_category_code, provider_id, funding_variant',
  );
  const ranges = months.map(
    (m) =>
      sql`(l.period_start >= ${`${m}-01`}::date AND l.period_start < (${`${m}-01`}::date + interval '1 month')::date)`,
  );
  const { rows } = await sql<{ person: string; month: string }>`
    WITH fresh AS MATERIALIZED (
      SELECT t.person_id, date_trunc('month', l.period_start)::date AS month, t.law_code, t.service_id,
        coalesce(t.product_category_code, s.product_category_code, '') AS product_category_code, t.provider_id,
        c.funding_variant, sum(l.amount_cents)::bigint AS amount_cents, count(*)::int AS line_count
      FROM declaration_line l
      JOIN toewijzing t ON t.municipality_code = l.municipality_code AND t.id = l.toewijzing_id
      JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
      JOIN contract c ON c.municipality_code = t.municipality_code AND c.id = t.contract_id
      WHERE l.municipality_code = ${mc} AND (${sql.join(ranges, sql` OR `)})
        AND l.status = 'geaccepteerd' AND t.status <> 'ingetrokken'
      GROUP BY 1, 2, 3, 4, 5, 6, 7
    ), old AS MATERIALIZED (
      SELECT ${key}, sum(amount_cents)::bigint AS amount_cents, sum(line_count)::int AS line_count
      FROM dash_money_client_month
      WHERE municipality_code = ${mc} AND month = ANY(${monthArray(months)})
      GROUP BY ${key}
    )
    SELECT DISTINCT d.person_id::text AS person, to_char(d.month, 'YYYY-MM') AS month
    FROM ((SELECT * FROM fresh EXCEPT SELECT * FROM old) UNION ALL (SELECT * FROM old EXCEPT SELECT * FROM fresh)
      UNION ALL (SELECT * FROM fresh WHERE person_id = ANY(${uuidArray(named)}))
      UNION ALL (SELECT * FROM old WHERE person_id = ANY(${uuidArray(named)}))) d`.execute(tx);
  return rows;
}

/** A cell of the cube (its primary key without the municipality), as JSON. */
interface CubeCell {
  month: string;
  law_code: string;
  service_id: string;
  product_category_code: string;
  provider_id: string;
  funding_variant: string;
  buurt_code: string;
  age_group: string;
}

/**
 * Takes the client-month rows of the scope out of the cube. `months` are the months those rows are in, so
 * only those cells of the cube are read (its primary key starts with the month). Returns the cells left
 * without lines: after the new rows are added back, those still at zero are removed.
 */
async function takeOutOfCube(tx: Tx, mc: string, scope: Scope, months: string[]): Promise<CubeCell[]> {
  if (months.length === 0) return [];
  // The rows taken out are few next to the cube, but a person's rows span many months: a hash join would read
  // every cell of those months (for a client of ten years, the whole cube). Without hash and merge joins for
  // this one statement the planner looks each cell up by the primary key.
  const { rows: saved } = await sql<{ hash: string; merge: string }>`
    SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge,
      set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`.execute(tx);
  const { rows } = await sql<CubeCell>`
    WITH taken AS (
      UPDATE dash_money_realisation r
      SET amount_cents = r.amount_cents - o.amount, line_count = r.line_count - o.n
      FROM (SELECT month, ${CELL}, sum(amount_cents) AS amount, sum(line_count)::int AS n
            FROM dash_money_client_month WHERE municipality_code = ${mc} ${factScope(scope)}
            GROUP BY month, ${CELL}) o
      WHERE r.municipality_code = ${mc} AND r.month = o.month AND r.law_code = o.law_code
        AND r.service_id = o.service_id AND r.product_category_code = o.product_category_code
        AND r.provider_id = o.provider_id AND r.funding_variant = o.funding_variant
        AND r.buurt_code = o.buurt_code AND r.age_group = o.age_group AND r.month = ANY(${monthArray(months)})
      RETURNING r.month, r.law_code, r.service_id, r.product_category_code, r.provider_id, r.funding_variant,
        r.buurt_code, r.age_group, r.line_count)
    SELECT to_char(month, 'YYYY-MM-DD') AS month, law_code, service_id::text AS service_id, product_category_code,
      provider_id::text AS provider_id, funding_variant, buurt_code, age_group
    FROM taken WHERE line_count = 0`.execute(tx);
  await sql`SELECT set_config('enable_hashjoin', ${saved[0]!.hash}, true),
    set_config('enable_mergejoin', ${saved[0]!.merge}, true)`.execute(tx);
  return rows;
}

/** Removes those of these cells that are (still) without lines. */
async function dropEmptyCells(tx: Tx, mc: string, cells: CubeCell[]): Promise<void> {
  if (cells.length === 0) return;
  await sql`
    DELETE FROM dash_money_realisation r
    USING jsonb_to_recordset(${JSON.stringify(cells)}::jsonb) AS c(month date, law_code text, service_id uuid,
      product_category_code text, provider_id uuid, funding_variant text, buurt_code text, age_group text)
    WHERE r.municipality_code = ${mc} AND r.month = c.month AND r.law_code = c.law_code
      AND r.service_id = c.service_id AND r.product_category_code = c.product_category_code
      AND r.provider_id = c.provider_id AND r.funding_variant = c.funding_variant
      AND r.buurt_code = c.buurt_code AND r.age_group = c.age_group AND r.line_count = 0`.execute(tx);
}

/** Adds the client-month rows of the scope to the cube. */
async function addToCube(tx: Tx, mc: string, scope: Scope): Promise<void> {
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

/** The persons and months that client-month rows of the scope have. */
async function rowsInScope(
  tx: Tx,
  mc: string,
  scope: Scope,
): Promise<{ persons: string[]; months: string[] }> {
  const { rows } = await sql<{ person_id: string; months: string[] | string }>`
    SELECT person_id::text AS person_id, array_agg(DISTINCT to_char(month, 'YYYY-MM')) AS months
    FROM dash_money_client_month
    WHERE municipality_code = ${mc} ${factScope(scope)}
    GROUP BY person_id`.execute(tx);
  const months = new Set<string>();
  for (const r of rows) for (const m of textArray(r.months)) months.add(m);
  return { persons: rows.map((r) => r.person_id), months: [...months] };
}

/** A text[] as the driver returns it: an array (node-postgres, PGlite) or its literal '{a,b}'. */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((v) => v !== '');
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
  const only = persons === null ? sql`` : sql`AND person_id = ANY(${uuidArray(persons)})`;
  const inYears =
    years === null
      ? { summary: sql``, fact: sql`` }
      : {
          summary: sql`AND year = ANY(${`{${years.join(',')}}`}::int[])`,
          // A range on month (the primary key's column after person) with the exact years as a filter.
          fact: sql`AND month >= make_date(${Math.min(...years)}, 1, 1) AND month < make_date(${Math.max(...years) + 1}, 1, 1)
            AND extract(year FROM month)::int = ANY(${`{${years.join(',')}}`}::int[])`,
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
      FROM person p WHERE p.municipality_code = ${mc} AND p.id = ANY(${uuidArray(persons)})
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
  await sql`DELETE FROM dash_money_person_input WHERE municipality_code = ${mc} AND person_id = ANY(${uuidArray(persons)})`.execute(
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
  const only = persons === null ? sql`` : sql`AND person_id = ANY(${uuidArray(persons)})`;
  const onlyT = persons === null ? sql`` : sql`AND t.person_id = ANY(${uuidArray(persons)})`;
  await sql`DELETE FROM dash_money_commitment WHERE municipality_code = ${mc} ${only}`.execute(tx);
  await sql`
    INSERT INTO dash_money_commitment (municipality_code, toewijzing_id, person_id, start_month, law_code,
      service_id, provider_id, funding_variant, wijk_code, buurt_code, age_group, commitment_cents)
    WITH ${singleAreaCte(mc, persons === null ? null : sql`SELECT unnest(${uuidArray(persons)})`)}
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
  const only = months === null ? sql`` : sql`AND month = ANY(${monthArray(months)})`;
  const onlyMonths = months === null ? sql`` : sql`AND mo.m = ANY(${monthArray(months)})`;
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
  await addToCube(tx, mc, all);
  await rebuildClientYears(tx, mc, null);
  await rebuildCommitments(tx, mc, null);
  await rebuildLumpSums(tx, mc, null);
}

async function householdMembers(tx: Tx, mc: string, householdIds: string[]): Promise<string[]> {
  if (householdIds.length === 0) return [];
  const { rows } = await sql<{ person_id: string }>`
    SELECT DISTINCT person_id FROM household_member
    WHERE municipality_code = ${mc} AND household_id = ANY(${uuidArray(householdIds)})`.execute(tx);
  return rows.map((r) => r.person_id);
}

export async function refreshMoney(tx: Tx, mc: string, changes: ChangeSet): Promise<void> {
  if (changes.full) return rebuildAll(tx, mc);
  const persons = [
    ...new Set([...changes.personIds, ...(await householdMembers(tx, mc, changes.householdIds))]),
  ];
  const months = [...new Set(changes.months)];
  // Persons whose own inputs changed are recomputed over all months; in the changed months (e.g. new
  // declaration lines) only the pairs of person and month whose rows differ.
  const changedPersons = await personsWithChangedInputs(tx, mc, persons);
  const changedSet = new Set(changedPersons);
  const pairs = (await changedPairs(tx, mc, months, persons)).filter((p) => !changedSet.has(p.person));
  const scope: Scope = { persons: changedPersons, months: [], pairs };
  if (changedPersons.length > 0 || pairs.length > 0) {
    const before = await rowsInScope(tx, mc, scope);
    const emptied = await takeOutOfCube(tx, mc, scope, before.months);
    await sql`DELETE FROM dash_money_client_month WHERE municipality_code = ${mc} ${factScope(scope)}`.execute(
      tx,
    );
    await insertClientMonths(tx, mc, scope);
    await addToCube(tx, mc, scope);
    await dropEmptyCells(tx, mc, emptied);
    const after = await rowsInScope(tx, mc, scope);
    await rebuildClientYears(tx, mc, changedPersons);
    const monthOnly = [...new Set([...before.persons, ...after.persons])].filter((p) => !changedSet.has(p));
    const years = [...new Set(pairs.map((p) => Number(p.month.slice(0, 4))))];
    await rebuildClientYears(tx, mc, monthOnly, years);
  }
  await rebuildCommitments(tx, mc, persons);
  await rebuildLumpSums(tx, mc, months);
}

export const moneyMaintainer: SummaryMaintainer = { name: 'money', refresh: refreshMoney };
