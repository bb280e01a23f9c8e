/**
 * Periods of tariffs and contracted products: `from` and `until` are YYYY-MM-DD, both inclusive, and an
 * open end (`until` null) runs for ever. Pure, so tests and other contexts call it without a database.
 */
export interface Period {
  from: string;
  until: string | null;
}

/** True when the two periods share at least one day. */
export function periodsOverlap(a: Period, b: Period): boolean {
  return (a.until === null || b.from <= a.until) && (b.until === null || a.from <= b.until);
}

/** True when `inner` lies wholly within `outer`. */
export function periodWithin(inner: Period, outer: Period): boolean {
  if (inner.from < outer.from) return false;
  if (outer.until === null) return true;
  return inner.until !== null && inner.until <= outer.until;
}

/** The first of `others` that overlaps `period`, skipping the one with id `except` (the row being changed). */
export function firstOverlap<T extends Period & { id: string }>(
  period: Period,
  others: readonly T[],
  except?: string,
): T | undefined {
  return others.find((o) => o.id !== except && periodsOverlap(period, o));
}
