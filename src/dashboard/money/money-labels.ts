import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import { UNKNOWN_AREA } from './money-sql.ts';

/** Names for row keys of the money tables (laws, services, providers, wijken, buurten, variants). */
export interface MoneyLabels {
  law(code: string): Bilingual;
  service(id: string): Bilingual;
  provider(id: string): Bilingual;
  area(code: string): Bilingual;
  taakveld(code: string): Bilingual;
}

export const VARIANT_LABELS: Record<string, Bilingual> = {
  inspanningsgericht: { nl: 'Inspanningsgericht', en: 'Effort-based (inspanningsgericht)' },
  outputgericht: { nl: 'Outputgericht', en: 'Output-based (outputgericht)' },
  taakgericht: { nl: 'Taakgericht', en: 'Task-based (taakgericht)' },
};

const same = (text: string): Bilingual => ({ nl: text, en: text });

export async function moneyLabels(tx: Tx, municipalityCode: string): Promise<MoneyLabels> {
  const [laws, services, providers, wijken, buurten, taakvelden] = await Promise.all([
    sql<{ code: string; name: string }>`SELECT code, short_name AS name FROM law`.execute(tx),
    sql<{ code: string; name: string }>`
      SELECT id::text AS code, name FROM service WHERE municipality_code = ${municipalityCode}`.execute(tx),
    sql<{ code: string; name: string }>`
      SELECT id::text AS code, name FROM provider WHERE municipality_code = ${municipalityCode}`.execute(tx),
    sql<{ code: string; name: string }>`
      SELECT code, name FROM wijk WHERE municipality_code = ${municipalityCode}`.execute(tx),
    sql<{ code: string; name: string }>`
      SELECT code, name FROM buurt WHERE municipality_code = ${municipalityCode}`.execute(tx),
    sql<{ code: string; name: string }>`SELECT code, name FROM bbv_taakveld`.execute(tx),
  ]);
  const map = (rows: { code: string; name: string }[]) => new Map(rows.map((r) => [r.code, r.name]));
  const lawNames = map(laws.rows);
  const serviceNames = map(services.rows);
  const providerNames = map(providers.rows);
  const areaNames = new Map([...map(wijken.rows), ...map(buurten.rows)]);
  const taakveldNames = map(taakvelden.rows);
  return {
    law: (code) =>
      code === UNKNOWN_AREA ? { nl: 'Onbekend', en: 'Unknown' } : same(lawNames.get(code) ?? code),
    service: (id) => same(serviceNames.get(id) ?? id),
    provider: (id) => same(providerNames.get(id) ?? id),
    area: (code) =>
      code === UNKNOWN_AREA
        ? { nl: 'Adres onbekend', en: 'Address unknown' }
        : same(areaNames.get(code) ?? code),
    taakveld: (code) =>
      code === 'geen'
        ? { nl: 'Geen taakveld (lumpsum zonder product)', en: 'No taakveld (lump sum without a product)' }
        : same(`${code} ${taakveldNames.get(code) ?? ''}`.trim()),
  };
}
