import { sql, type RawBuilder } from 'kysely';
import type { Bilingual } from '../../platform/http/problem.ts';
import type { DashboardFilters } from '../view-model.ts';

/** The period of the filters as days, years and, per year, the bit mask of its months (bits 1..12). */
export interface PeriodSelection {
  firstDay: string;
  lastDay: string;
  firstYear: number;
  lastYear: number;
  /** Months of the period, 'YYYY-MM', in order. */
  months: string[];
  masks: { year: number; mask: number }[];
}

export function periodSelection(filters: Pick<DashboardFilters, 'from' | 'to'>): PeriodSelection {
  const [fy, fm] = filters.from.split('-').map(Number) as [number, number];
  const [ty, tm] = filters.to.split('-').map(Number) as [number, number];
  const months: string[] = [];
  const masks = new Map<number, number>();
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) {
    const year = Math.floor(i / 12);
    const month = (i % 12) + 1;
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    masks.set(year, (masks.get(year) ?? 0) | (1 << month));
  }
  const lastDayOfTo = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return {
    firstDay: `${filters.from}-01`,
    lastDay: `${filters.to}-${String(lastDayOfTo).padStart(2, '0')}`,
    firstYear: fy,
    lastYear: ty,
    months,
    masks: [...masks].map(([year, mask]) => ({ year, mask })),
  };
}

/** `(VALUES (year, mask), …)` for joining the client-year grain with the period. */
export function yearMasksSql(period: PeriodSelection): RawBuilder<unknown> {
  return sql`(VALUES ${sql.join(period.masks.map((m) => sql`(${sql.lit(m.year)}::int, ${sql.lit(m.mask)}::int)`))})`;
}

export interface FilterDimensions {
  law?: boolean;
  service?: boolean;
  provider?: boolean;
  area?: boolean;
  ageGroup?: boolean;
}

/** AND-ed conditions on the summary columns for the filters that apply (`true` when none). */
export function filterConditions(
  alias: string,
  filters: DashboardFilters,
  dims: FilterDimensions,
): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const parts: RawBuilder<unknown>[] = [];
  if (dims.law && filters.law) parts.push(sql`${col('law_code')} = ${filters.law}`);
  if (dims.service && filters.service) parts.push(sql`${col('service_id')} = ${filters.service}::uuid`);
  if (dims.provider && filters.provider) parts.push(sql`${col('provider_id')} = ${filters.provider}::uuid`);
  if (dims.area && filters.buurt) parts.push(sql`${col('buurt_code')} = ${filters.buurt}`);
  else if (dims.area && filters.wijk) parts.push(sql`${col('wijk_code')} = ${filters.wijk}`);
  if (dims.ageGroup && filters.ageGroup) parts.push(sql`${col('age_group')} = ${filters.ageGroup}`);
  if (parts.length === 0) return sql<boolean>`true`;
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

/** A note for each filter that is set but that a table cannot apply. */
export function ignoredFilterNotes(filters: DashboardFilters, dims: FilterDimensions): Bilingual[] {
  const ignored: [keyof FilterDimensions, boolean, Bilingual][] = [
    ['service', !!filters.service, { nl: 'voorziening', en: 'service' }],
    ['provider', !!filters.provider, { nl: 'aanbieder', en: 'provider' }],
    ['law', !!filters.law, { nl: 'wet', en: 'law' }],
    ['area', !!(filters.wijk || filters.buurt), { nl: 'wijk/buurt', en: 'wijk/buurt' }],
    ['ageGroup', !!filters.ageGroup, { nl: 'leeftijdsgroep', en: 'age group' }],
  ];
  const names = ignored.filter(([dim, set]) => set && !dims[dim]).map(([, , name]) => name);
  if (names.length === 0) return [];
  return [
    {
      nl: `Het filter ${names.map((n) => n.nl).join(', ')} geldt niet voor deze tabel: de gegevens hebben die indeling niet.`,
      en: `The ${names.map((n) => n.en).join(', ')} filter does not apply to this table: the data have no such breakdown.`,
    },
  ];
}
