import type { Person, RoleAssignment } from './api.ts';
import type { Messages } from './i18n/nl.ts';

/** "Jan de Vries": given names, prefix and family name as they are written in Dutch. */
export function fullName(person: Pick<Person, 'givenNames' | 'familyNamePrefix' | 'familyName'>): string {
  return [person.givenNames, person.familyNamePrefix, person.familyName].filter(Boolean).join(' ');
}

/** Age in whole years on today's date. */
export function ageOn(birthDate: string, today = new Date()): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - year;
  const beforeBirthday =
    today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

/** "Regisseur (alleen wijk WK016401)" */
export function roleText(assignment: RoleAssignment, t: Messages): string {
  const label = t.roles[assignment.role] ?? assignment.role;
  const scope = scopeText(assignment, t);
  return scope ? `${label} (${t.roleScope.limitedTo(scope)})` : label;
}

export function scopeText(assignment: RoleAssignment, t: Messages): string | null {
  const parts = [
    assignment.teamId ? t.roleScope.team : null,
    assignment.wijkCode ? t.roleScope.wijk(assignment.wijkCode) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Today's date as YYYY-MM-DD in the user's time zone (for the max of a date field). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Dates are typed as day-month-year (17-05-1990), as Dutch forms do; also accepted: 17/5/1990, 17.5.1990
 * and 1990-05-17. Returns YYYY-MM-DD, or null when the text is not a real date.
 */
export function parseDateInput(text: string): string | null {
  const value = text.trim();
  let day: number, month: number, year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dmy = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(value);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD as 17-05-1990, for a date field. */
export function formatDateInput(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : isoDate;
}

/** The error for a typed date, or undefined when it is fine (an empty optional date is fine). */
export function dateError(
  text: string,
  messages: { required?: string; invalid: string; future: string },
): string | undefined {
  if (!text.trim()) return messages.required;
  const iso = parseDateInput(text);
  if (!iso) return messages.invalid;
  if (iso > todayIso()) return messages.future;
  return undefined;
}
