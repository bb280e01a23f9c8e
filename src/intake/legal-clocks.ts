/**
 * Legal clocks of a melding (pure; dates are YYYY-MM-DD strings, calendar days, no time zones):
 *
 * - Wmo 2015 (art. 2.3.2 lid 9, art. 4.1.3): the investigation is due 6 weeks after the melding; the
 *   decision 2 weeks after the aanvraag.
 * - Jeugdwet and Participatiewet (Awb 4:13 with the municipal term): the decision is due 8 weeks after the
 *   melding.
 * - Schuldhulp (Wgs art. 4): the first conversation within 4 weeks of the request.
 *
 * A suspension (a closed interval of days, both ends counted; an open one runs to `today`) stops the clock
 * that is running on those days: for the Wmo, days before the aanvraag stop the investigation clock, days
 * from the aanvraag on stop the decision clock. Every suspended day moves that due date one day later.
 */

export type LawCode = 'wmo' | 'jeugdwet' | 'participatiewet' | 'schuldhulp';
export type ClockKind = 'onderzoek' | 'beslissing';
export type ClockState = 'op-tijd' | 'bijna' | 'te-laat';

export interface Suspension {
  fromDate: string;
  /** Last suspended day; null while the suspension lasts. */
  untilDate: string | null;
}

export interface ClockInput {
  lawCode: LawCode;
  meldedOn: string;
  aanvraagOn: string | null;
  suspensions: readonly Suspension[];
  /** Needed for suspensions that have not ended. */
  today: string;
}

export interface Clocks {
  investigationDueOn: string | null;
  decisionDueOn: string | null;
  /** Suspended days that moved a due date (the sum over both clocks). */
  suspendedDays: number;
}

/** A due date this many days away or closer is `bijna` (near). */
export const NEAR_DAYS = 7;

const DAY_MS = 86_400_000;

function toDay(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a date: ${date}`);
  }
  return ms / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/** Days of the suspensions that fall within [start, end] (end inclusive; null: no end). */
function suspendedWithin(
  suspensions: readonly Suspension[],
  today: string,
  start: string,
  end: string | null,
) {
  let days = 0;
  for (const s of suspensions) {
    const from = Math.max(toDay(s.fromDate), toDay(start));
    const until = Math.min(toDay(s.untilDate ?? today), end === null ? Infinity : toDay(end));
    if (until >= from) days += until - from + 1;
  }
  return days;
}

export function computeClocks(input: ClockInput): Clocks {
  const { lawCode, meldedOn, aanvraagOn, suspensions, today } = input;
  switch (lawCode) {
    case 'wmo': {
      const beforeAanvraag = aanvraagOn ? addDays(aanvraagOn, -1) : null;
      const investigationSuspended = suspendedWithin(suspensions, today, meldedOn, beforeAanvraag);
      const decisionSuspended = aanvraagOn ? suspendedWithin(suspensions, today, aanvraagOn, null) : 0;
      return {
        investigationDueOn: addDays(meldedOn, 6 * 7 + investigationSuspended),
        decisionDueOn: aanvraagOn ? addDays(aanvraagOn, 2 * 7 + decisionSuspended) : null,
        suspendedDays: investigationSuspended + decisionSuspended,
      };
    }
    case 'jeugdwet':
    case 'participatiewet': {
      const suspended = suspendedWithin(suspensions, today, meldedOn, null);
      return {
        investigationDueOn: null,
        decisionDueOn: addDays(meldedOn, 8 * 7 + suspended),
        suspendedDays: suspended,
      };
    }
    case 'schuldhulp': {
      const suspended = suspendedWithin(suspensions, today, meldedOn, null);
      return {
        investigationDueOn: addDays(meldedOn, 4 * 7 + suspended),
        decisionDueOn: null,
        suspendedDays: suspended,
      };
    }
  }
}

/** The clock that runs now and its due date: the decision once there is one, else the investigation. */
export function runningClock(clocks: Clocks): { clock: ClockKind; dueDate: string } | null {
  if (clocks.decisionDueOn) return { clock: 'beslissing', dueDate: clocks.decisionDueOn };
  if (clocks.investigationDueOn) return { clock: 'onderzoek', dueDate: clocks.investigationDueOn };
  return null;
}

/** op-tijd, bijna (due within NEAR_DAYS days, today included) or te-laat (due date passed). */
export function clockState(dueDate: string, today: string): ClockState {
  const left = daysBetween(today, dueDate);
  if (left < 0) return 'te-laat';
  if (left <= NEAR_DAYS) return 'bijna';
  return 'op-tijd';
}

export function isLawCode(value: string): value is LawCode {
  return value === 'wmo' || value === 'jeugdwet' || value === 'participatiewet' || value === 'schuldhulp';
}
