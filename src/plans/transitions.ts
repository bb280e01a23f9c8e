/**
 * The 18-jaar-overgang (pure, no database): youth care under the Jeugdwet ends at 18, so a participant
 * with an active Jeugdwet allocation who turns 18 soon needs the follow-up (Wmo, Zvw, Wlz, Participatiewet)
 * arranged in the plan before then. Dates are `YYYY-MM-DD` strings, as the municipality sees them.
 *
 * Someone born on 29 February turns a year older on 1 March in a year without 29 February: only then has
 * the full year passed. (Comparing month-day strings gives exactly that: '02-28' < '02-29' <= '03-01'.)
 */

export const EIGHTEEN_HORIZON_MONTHS = 6;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Age in completed years on a day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The day someone turns `years` old (29 February → 1 March in a year without it). */
export function birthdayAt(birthDate: string, years: number): string {
  const year = Number(birthDate.slice(0, 4)) + years;
  const monthDay = birthDate.slice(5);
  if (monthDay === '02-29' && !isLeapYear(year)) return `${pad(year, 4)}-03-01`;
  return `${pad(year, 4)}-${monthDay}`;
}

/** The day `months` calendar months after `day`, on the last day of the month when that day does not exist. */
export function addMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = Math.min(Number(day.slice(8, 10)), last);
  return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(d, 2)}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface AllocationFact {
  id: string;
  lawCode: string;
  status: string;
  startDate: string;
  endDate: string | null;
}

/** An allocation that is running under the Jeugdwet: status actief, not ended (no end date or one after today). */
export function isActiveYouthAllocation(t: AllocationFact, today: string): boolean {
  return (
    t.lawCode === 'jeugdwet' &&
    t.status === 'actief' &&
    t.startDate <= today &&
    (t.endDate === null || t.endDate > today)
  );
}

export interface TransitionCandidate<T extends AllocationFact = AllocationFact> {
  personId: string;
  name: string;
  birthDate: string;
  allocations: T[];
}

export interface EighteenTransition<T extends AllocationFact = AllocationFact> {
  personId: string;
  name: string;
  eighteenOn: string;
  toewijzingen: T[];
}

/**
 * The participants who turn 18 from today up to and including `months` months from now and have an active
 * Jeugdwet allocation today; soonest first.
 */
export function eighteenTransitions<T extends AllocationFact>(
  candidates: readonly TransitionCandidate<T>[],
  today: string,
  months: number = EIGHTEEN_HORIZON_MONTHS,
): EighteenTransition<T>[] {
  const horizon = addMonths(today, months);
  const found: EighteenTransition<T>[] = [];
  for (const c of candidates) {
    const eighteenOn = birthdayAt(c.birthDate, 18);
    if (eighteenOn < today || eighteenOn > horizon) continue;
    const active = c.allocations.filter((t) => isActiveYouthAllocation(t, today));
    if (active.length === 0) continue;
    found.push({ personId: c.personId, name: c.name, eighteenOn, toewijzingen: active });
  }
  return found.sort(
    (a, b) => a.eighteenOn.localeCompare(b.eighteenOn) || a.personId.localeCompare(b.personId),
  );
}
