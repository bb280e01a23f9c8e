import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import type { DashboardFilters, LawCode } from '../view-model.ts';

/** Periods as month masks per year (bit 0 = January), the way dash_mix_support stores active months. */

export interface YearMask {
  year: number;
  mask: number;
}

const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

export function yearMasks(from: string, to: string): YearMask[] {
  const masks = new Map<number, number>();
  for (let i = index(from); i <= index(to); i++) {
    const year = Math.floor(i / 12);
    masks.set(year, (masks.get(year) ?? 0) | (1 << (i % 12)));
  }
  return [...masks.entries()].map(([year, mask]) => ({ year, mask }));
}

/**
 * The period [from, to] is compared with: up to a year long, the same months a year earlier (so that the
 * seasons match); longer, the period of the same length just before.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = index(to) - index(from) + 1;
  const shift = length <= 12 ? 12 : length;
  return { from: monthOf(index(from) - shift), to: monthOf(index(to) - shift) };
}

export interface Bucket extends YearMask {
  key: string;
  label: Bilingual;
}

/** The first and last month ('YYYY-MM') of a bucket. */
export function bucketRange(bucket: YearMask): { from: string; to: string } {
  const months = [...Array(12).keys()].filter((m) => (bucket.mask & (1 << m)) !== 0);
  const month = (m: number) => `${bucket.year}-${String(m + 1).padStart(2, '0')}`;
  return { from: month(months[0]!), to: month(months[months.length - 1]!) };
}

/** Months for periods up to 24 months, quarters up to 60, else years; clipped to the period. */
export function buckets(from: string, to: string): Bucket[] {
  const length = index(to) - index(from) + 1;
  const grain = length <= 24 ? 1 : length <= 60 ? 3 : 12;
  const result = new Map<string, Bucket>();
  for (let i = index(from); i <= index(to); i++) {
    const year = Math.floor(i / 12);
    const m = i % 12;
    const key = grain === 1 ? monthOf(i) : grain === 3 ? `${year}-K${Math.floor(m / 3) + 1}` : String(year);
    const label =
      grain === 3
        ? { nl: `${year} kwartaal ${Math.floor(m / 3) + 1}`, en: `${year} quarter ${Math.floor(m / 3) + 1}` }
        : { nl: key, en: key };
    const bucket = result.get(key) ?? { key, label, year, mask: 0 };
    bucket.mask |= 1 << m;
    result.set(key, bucket);
  }
  return [...result.values()];
}

/** A VALUES list `(year, mask)` to join on. */
export function masksValues(masks: YearMask[]): RawBuilder<unknown> {
  return sql.join(masks.map((m) => sql`(${sql.lit(m.year)}::int, ${sql.lit(m.mask)}::int)`));
}

export function bucketValues(list: Bucket[]): RawBuilder<unknown> {
  return sql.join(list.map((b) => sql`(${b.key}::text, ${sql.lit(b.year)}::int, ${sql.lit(b.mask)}::int)`));
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function lastDay(month: string): string {
  const i = index(month) + 1;
  const next = new Date(Date.UTC(Math.floor(i / 12), i % 12, 1));
  next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/** `alias.wijk_code = … AND alias.buurt_code = …` for the area filters, TRUE when none is set. */
export function areaCondition(filters: DashboardFilters, alias: string): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (filters.wijk) parts.push(sql`${sql.ref(`${alias}.wijk_code`)} = ${filters.wijk}`);
  if (filters.buurt) parts.push(sql`${sql.ref(`${alias}.buurt_code`)} = ${filters.buurt}`);
  return parts.length === 0 ? sql`TRUE` : (sql.join(parts, sql` AND `) as RawBuilder<boolean>);
}

export interface Area {
  code: string;
  label: Bilingual;
}

/** The rows of a map table: the wijken, or with a wijk (or buurt) filter the buurten of that wijk. */
export async function mapAreas(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
): Promise<{ level: 'wijk' | 'buurt'; areas: Area[] }> {
  if (filters.wijk || filters.buurt) {
    const { rows } = await sql<{ code: string; name: string }>`
      SELECT code, name FROM buurt WHERE municipality_code = ${mc}
        AND (${filters.buurt ?? null}::text IS NULL OR code = ${filters.buurt ?? null})
        AND (${filters.wijk ?? null}::text IS NULL OR wijk_code = ${filters.wijk ?? null})
      ORDER BY code`.execute(tx);
    return { level: 'buurt', areas: rows.map((r) => ({ code: r.code, label: { nl: r.name, en: r.name } })) };
  }
  const { rows } = await sql<{ code: string; name: string }>`
    SELECT code, name FROM wijk WHERE municipality_code = ${mc} ORDER BY code`.execute(tx);
  return { level: 'wijk', areas: rows.map((r) => ({ code: r.code, label: { nl: r.name, en: r.name } })) };
}

export const UNKNOWN_AREA: Area = {
  code: 'onbekend',
  label: { nl: 'Adres onbekend', en: 'Address unknown' },
};

export const LAW_LABELS: Record<LawCode, Bilingual> = {
  wmo: { nl: 'Wmo', en: 'Wmo (social support)' },
  jeugdwet: { nl: 'Jeugdwet', en: 'Youth Act' },
  participatiewet: { nl: 'Participatiewet', en: 'Participation Act' },
  schuldhulp: { nl: 'Schuldhulp', en: 'Debt help' },
};

export function percentage(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}
