import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import { AGE_GROUPS, LAW_CODES, type AgeGroup, type LawCode } from '../view-model.ts';

/** Names for the row keys of the volumes and durations tables. */

export interface ServiceLabel {
  id: string;
  code: string;
  name: string;
  kind: 'algemeen' | 'maatwerk';
  law: string;
}

const LAW_NAMES: Record<LawCode, Bilingual> = {
  wmo: { nl: 'Wmo', en: 'Wmo (social support)' },
  jeugdwet: { nl: 'Jeugdwet', en: 'Jeugdwet (youth care)' },
  participatiewet: { nl: 'Participatiewet', en: 'Participatiewet (work and income)' },
  schuldhulp: { nl: 'Schuldhulp', en: 'Debt help' },
};

export function lawLabel(code: string): Bilingual {
  return LAW_NAMES[code as LawCode] ?? { nl: code, en: code };
}

export function lawsInScope(law: LawCode | undefined): readonly LawCode[] {
  return law ? [law] : LAW_CODES;
}

export function ageGroupLabel(group: AgeGroup): Bilingual {
  return group === '75+'
    ? { nl: '75 jaar en ouder', en: '75 years and over' }
    : { nl: `${group.replace('-', '–')} jaar`, en: `${group.replace('-', '–')} years` };
}

export const AGE_GROUP_ROWS = AGE_GROUPS;

const MONTHS_NL = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthLabel(month: string): Bilingual {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { nl: `${MONTHS_NL[m - 1]} ${y}`, en: `${MONTHS_EN[m - 1]} ${y}` };
}

export async function serviceLabels(tx: Tx, mc: string): Promise<Map<string, ServiceLabel>> {
  const { rows } = await sql<ServiceLabel>`
    SELECT id, code, name, kind, law_code AS law FROM service WHERE municipality_code = ${mc}`.execute(tx);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function providerNames(tx: Tx, mc: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ id: string; name: string }>`
    SELECT id, name FROM provider WHERE municipality_code = ${mc}`.execute(tx);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface AreaRow {
  code: string;
  name: string;
}

/** The wijken of the municipality, or the buurten of one wijk (or only the given buurt). */
export async function areaRows(
  tx: Tx,
  mc: string,
  filters: { wijk?: string; buurt?: string },
): Promise<{ level: 'wijk' | 'buurt'; rows: AreaRow[] }> {
  if (filters.buurt) {
    const { rows } = await sql<AreaRow>`
      SELECT code, name FROM buurt WHERE municipality_code = ${mc} AND code = ${filters.buurt}`.execute(tx);
    return { level: 'buurt', rows };
  }
  if (filters.wijk) {
    const { rows } = await sql<AreaRow>`
      SELECT code, name FROM buurt WHERE municipality_code = ${mc} AND wijk_code = ${filters.wijk}
      ORDER BY code`.execute(tx);
    return { level: 'buurt', rows };
  }
  const { rows } = await sql<AreaRow>`
    SELECT code, name FROM wijk WHERE municipality_code = ${mc} ORDER BY code`.execute(tx);
  return { level: 'wijk', rows };
}

export const UNKNOWN_AREA = 'onbekend';
export const unknownAreaLabel: Bilingual = { nl: 'Adres onbekend', en: 'Address unknown' };
