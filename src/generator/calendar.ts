/**
 * Days as integers (days since 1970-01-01, UTC) so the generator can do date arithmetic without Date
 * objects; converted to ISO strings only when a row is written.
 */
const MS_PER_DAY = 86_400_000;

export type Day = number;

export const dayOf = (iso: string): Day => Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);

const isoCache = new Map<Day, string>();
export function isoDate(day: Day): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, iso);
  }
  return iso;
}

/** A timestamp on the given day at minutes after midnight (UTC), as ISO 8601. */
export function isoTimestamp(day: Day, minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60) % 24;
  const m = Math.floor(minuteOfDay % 60);
  return `${isoDate(day)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
}

export const yearOf = (day: Day): number => new Date(day * MS_PER_DAY).getUTCFullYear();
export const monthOf = (day: Day): number => new Date(day * MS_PER_DAY).getUTCMonth() + 1;
/** Month index (year * 12 + month - 1), handy as a map key. */
export const monthIndex = (day: Day): number => {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
export const firstDayOfMonthIndex = (index: number): Day =>
  Math.floor(Date.UTC(Math.floor(index / 12), index % 12, 1) / MS_PER_DAY);
export const monthKey = (index: number): string =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
export const firstDayOfYear = (year: number): Day => Math.floor(Date.UTC(year, 0, 1) / MS_PER_DAY);
export const addMonths = (day: Day, months: number): Day => {
  const d = new Date(day * MS_PER_DAY);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()) / MS_PER_DAY);
};
/** Age in whole years on `day` for someone born on `birth`. */
export function ageOn(birth: Day, day: Day): number {
  const b = new Date(birth * MS_PER_DAY);
  const d = new Date(day * MS_PER_DAY);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (
    d.getUTCMonth() < b.getUTCMonth() ||
    (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())
  )
    age--;
  return age;
}
/** The day someone born on `birth` turns `years` old. */
export const birthday = (birth: Day, years: number): Day => addMonths(birth, 12 * years);
