import { sql, type RawBuilder } from 'kysely';
import { ageGroupSql, type DashboardFilters } from '../view-model.ts';

/** Small SQL pieces shared by the money maintainer, the money view and the alerts. */

/** Key used for wijk and buurt when a client has no known address at the time. */
export const UNKNOWN_AREA = 'onbekend';

/** `IN (…)` operand for a list of uuids, passed as one JSON parameter (works the same on pg and PGlite). */
export function uuidList(ids: readonly string[]): RawBuilder<unknown> {
  return sql`(SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
}

/**
 * A uuid[] value for `= ANY(…)`, passed as one text parameter (works the same on pg and PGlite). Unlike
 * `IN (subquery)` it combines with OR into a bitmap scan of two indexes.
 */
export function uuidArray(ids: readonly string[]): RawBuilder<unknown> {
  return sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;
}

/** A date[] value of month starts ('YYYY-MM' months) for `= ANY(…)` or unnest. */
export function monthArray(months: readonly string[]): RawBuilder<unknown> {
  return sql`string_to_array(${months.map((m) => `${m}-01`).join(',')}, ',')::date[]`;
}

/** `IN (…)` operand for a list of month-start dates ('YYYY-MM' months). */
export function monthList(months: readonly string[]): RawBuilder<unknown> {
  return sql`(SELECT (jsonb_array_elements_text(${JSON.stringify(months.map((m) => `${m}-01`))}::jsonb))::date)`;
}

/**
 * The buurt and wijk of a person's address on a day (SQL expressions `person` and `day`): the household
 * membership that covers the day; failing that, the last one that began before it, else the first one after
 * it (so support just before moving in or after moving out still has a place).
 *
 * Most persons have exactly one membership, which is then the answer whatever the day: `singleArea` gives
 * those in one hash join (as a CTE named single_area), and `areaOnDay` (a LATERAL subquery) looks up only the
 * others — its condition on single_area is a one-time filter per row, so it costs nothing for them.
 */
export function singleAreaCte(
  municipalityCode: string,
  persons: RawBuilder<unknown> | null = null,
): RawBuilder<unknown> {
  // An incremental refresh names its persons (a subquery), so only their memberships are read, by index.
  const only = persons === null ? sql`` : sql`AND hm.person_id IN (${persons})`;
  return sql`single_area AS (
    SELECT hm.person_id, min(ad.buurt_code) AS buurt_code, min(b.wijk_code) AS wijk_code
    FROM household_member hm
    JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
    JOIN address ad ON ad.municipality_code = h.municipality_code AND ad.id = h.address_id
    JOIN buurt b ON b.municipality_code = ad.municipality_code AND b.code = ad.buurt_code
    WHERE hm.municipality_code = ${municipalityCode} ${only}
    GROUP BY hm.person_id
    HAVING count(*) = 1)`;
}

export function areaOnDay(
  municipalityCode: string,
  person: string,
  day: string,
  single: string,
): RawBuilder<unknown> {
  const p = sql.raw(person);
  const d = sql.raw(day);
  const s = sql.raw(single);
  return sql`(
    SELECT ad.buurt_code, b.wijk_code
    FROM household_member hm
    JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
    JOIN address ad ON ad.municipality_code = h.municipality_code AND ad.id = h.address_id
    JOIN buurt b ON b.municipality_code = ad.municipality_code AND b.code = ad.buurt_code
    WHERE ${s}.person_id IS NULL AND hm.municipality_code = ${municipalityCode} AND hm.person_id = ${p}
    ORDER BY (hm.valid_from <= ${d} AND (hm.valid_until IS NULL OR hm.valid_until >= ${d})) DESC,
             (hm.valid_from <= ${d}) DESC,
             CASE WHEN hm.valid_from <= ${d} THEN hm.valid_from END DESC NULLS LAST,
             hm.valid_from, hm.household_id
    LIMIT 1)`;
}

/** Age group on 1 January of the year of `day` (an SQL date expression). */
export function ageGroupOn(birthDate: string, day: string): RawBuilder<unknown> {
  return sql.raw(ageGroupSql(birthDate, `date_trunc('year', ${day})::date`));
}

export const firstDay = (month: string) => `${month}-01`;

/** Bits of the months of `year` that fall within [from, to] ('YYYY-MM'), bit 0 = January. */
export function monthMask(year: number, from: string, to: string): number {
  let mask = 0;
  for (let m = 1; m <= 12; m++) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    if (key >= from && key <= to) mask |= 1 << (m - 1);
  }
  return mask;
}

export interface FilterColumns {
  law?: boolean;
  area?: boolean;
  service?: boolean;
  provider?: boolean;
  ageGroup?: boolean;
}

/**
 * `AND …` conditions for the dimension filters on a summary table with the usual column names
 * (law_code, wijk_code, buurt_code, service_id, provider_id, age_group). `honour` leaves out the ones a
 * table cannot take (e.g. lump sums have no wijk).
 */
export function filterConditions(
  filters: DashboardFilters,
  honour: FilterColumns = { law: true, area: true, service: true, provider: true, ageGroup: true },
  alias = '',
): RawBuilder<unknown> {
  const col = (name: string) => sql.raw(alias ? `${alias}.${name}` : name);
  const parts: RawBuilder<unknown>[] = [];
  if (honour.law && filters.law) parts.push(sql`AND ${col('law_code')} = ${filters.law}`);
  if (honour.area && filters.wijk) parts.push(sql`AND ${col('wijk_code')} = ${filters.wijk}`);
  if (honour.area && filters.buurt) parts.push(sql`AND ${col('buurt_code')} = ${filters.buurt}`);
  if (honour.service && filters.service) parts.push(sql`AND ${col('service_id')} = ${filters.service}::uuid`);
  if (honour.provider && filters.provider)
    parts.push(sql`AND ${col('provider_id')} = ${filters.provider}::uuid`);
  if (honour.ageGroup && filters.ageGroup) parts.push(sql`AND ${col('age_group')} = ${filters.ageGroup}`);
  return parts.length === 0 ? sql`` : sql.join(parts, sql` `);
}

/**
 * `AND …` selecting dash_money_client_year rows with realisation in a month of [from, to]: the year range,
 * and the month bits of the first and last year.
 */
export function clientYearPeriod(from: string, to: string, alias = ''): RawBuilder<unknown> {
  const col = (name: string) => sql.raw(alias ? `${alias}.${name}` : name);
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const fromMask = monthMask(fromYear, from, `${fromYear}-12`);
  const toMask = monthMask(toYear, `${toYear}-01`, to);
  return sql`AND ${col('year')} BETWEEN ${fromYear} AND ${toYear}
    AND (${col('month_mask')} & (CASE WHEN ${col('year')} = ${fromYear} THEN ${fromMask}::int ELSE 4095 END)
         & (CASE WHEN ${col('year')} = ${toYear} THEN ${toMask}::int ELSE 4095 END)) <> 0`;
}
