/** Calendar dates as a Dutch municipality sees them (Europe/Amsterdam), as YYYY-MM-DD strings. */

const DATE_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date in the Netherlands at the given moment (default: now). */
export function localDate(at: Date = new Date()): string {
  return DATE_FORMAT.format(at);
}

/** The year in the Netherlands at the given moment. */
export function localYear(at: Date = new Date()): number {
  return Number(localDate(at).slice(0, 4));
}
