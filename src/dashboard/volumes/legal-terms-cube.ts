import type { Tx } from '../../platform/db/database.ts';
import { cubeQuery, readCubeCells, type CubeCells } from '../cube/cube-read.ts';
import { LEGAL_DECISIONS, LEGAL_MELDINGEN, LEGAL_OPEN_PAST_TERM } from '../cube/legal-terms.ts';
import type { DashboardFilters } from '../view-model.ts';
import { lawsInScope } from './labels.ts';
import type { LegalTermRow } from './volumes-queries.ts';

/**
 * The volumes view's legal terms from the count cube, for a standard period under law and age group (the
 * view ignores service and provider here); null when the cube cannot answer.
 */
export async function legalTermsFromCube(
  tx: Tx,
  mc: string,
  filters: DashboardFilters,
): Promise<LegalTermRow[] | null> {
  const query = await cubeQuery(tx, mc, { ...filters, service: undefined, provider: undefined }, [
    'wijk',
    'buurt',
  ]);
  if (!query) return null;
  const laws = lawsInScope(filters.law);
  const measures = [LEGAL_DECISIONS.code, LEGAL_MELDINGEN.code, LEGAL_OPEN_PAST_TERM.code];
  const byLaw = await readCubeCells(
    tx,
    mc,
    { law: [...laws, '*'], ageGroup: query.ageGroup },
    [query.period],
    measures,
    undefined,
    true,
  );
  const rowOf = (law: string | null, cells: CubeCells | undefined): LegalTermRow => {
    const count = (measure: string, breakdown: string, key: string | null) =>
      cells?.get(measure)?.get(breakdown)?.get(key)?.persons ?? 0;
    const decision = (breakdown: string, key: string | null) => count(LEGAL_DECISIONS.code, breakdown, key);
    return {
      law,
      meldingen: count(LEGAL_MELDINGEN.code, 'total', ''),
      openPastTerm: count(LEGAL_OPEN_PAST_TERM.code, 'total', ''),
      decisions: decision('total', ''),
      granted: decision('outcome', 'toegekend'),
      partlyGranted: decision('outcome', 'gedeeltelijk-toegekend'),
      refused: decision('outcome', 'afgewezen'),
      withMelding: decision('melding', '1'),
      withTerm: decision('term', '1'),
      onTime: decision('onTime', '1'),
      medianDays: medianOf(cells?.get(LEGAL_DECISIONS.code)?.get('days')),
    };
  };
  return [...laws.map((law) => rowOf(law, byLaw.get(law))), rowOf(null, byLaw.get(filters.law ?? '*'))];
}

/**
 * The median (as percentile_cont(0.5), rounded to a tenth) of a histogram of whole numbers: key → how often;
 * the unknown key (null) is left out. Null when empty.
 */
export function medianOf(histogram: Map<string | null, { persons: number }> | undefined): number | null {
  const values = [...(histogram ?? [])]
    .filter(([key]) => key !== null)
    .map(([key, c]) => ({ value: Number(key), n: c.persons }))
    .sort((a, b) => a.value - b.value);
  const total = values.reduce((sum, v) => sum + v.n, 0);
  if (total === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const v of values) {
      seen += v.n;
      if (index < seen) return v.value;
    }
    return values[values.length - 1]!.value;
  };
  const position = (total - 1) / 2;
  const low = at(Math.floor(position));
  const median = low + (position - Math.floor(position)) * (at(Math.ceil(position)) - low);
  return Math.round(median * 10) / 10;
}
