import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { Bilingual } from '../platform/http/problem.ts';

/**
 * Computed indicators: named, versioned definitions that compute a value for a calendar year from Grip's
 * own tables, on request (never typed in, so they follow the data as it changes). An indicator row points
 * at a definition by code and version; a changed method gets a new version, so figures computed under an
 * old one stay explainable. Aggregates only: no definition returns anything about a person.
 */

export type IndicatorUnit = 'percentage' | 'aantal' | 'euro' | 'score' | 'dagen';
export type Direction = 'hoger-is-beter' | 'lager-is-beter';

export interface ComputedValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface IndicatorDefinition {
  code: string;
  version: number;
  name: Bilingual;
  description: Bilingual;
  unit: IndicatorUnit;
  direction: Direction;
  compute(tx: Tx, municipalityCode: string, year: number): Promise<ComputedValue>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const yearBounds = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });
const share = (part: number, whole: number): ComputedValue => ({
  value: whole > 0 ? round1((100 * part) / whole) : null,
  numerator: part,
  denominator: whole,
});

export const INDICATOR_DEFINITIONS: readonly IndicatorDefinition[] = [
  {
    code: 'jeugdhulp-onder-18',
    version: 1,
    name: { nl: '% jeugdigen (tot 18 jaar) met jeugdhulp', en: '% of under-18s with youth care' },
    description: {
      nl: 'Unieke jeugdigen jonger dan 18 op 1 januari met een toewijzing onder de Jeugdwet die in het jaar liep (niet ingetrokken), gedeeld door het aantal inwoners jonger dan 18 op 1 januari (bevolkingstelling). Geen bevolkingscijfers: geen waarde.',
      en: 'Unique young people under 18 on 1 January with a Jeugdwet allocation running in the year (not withdrawn), divided by the inhabitants under 18 on 1 January (population count). No population figures: no value.',
    },
    unit: 'percentage',
    direction: 'lager-is-beter',
    async compute(tx, mc, year) {
      const { start, end } = yearBounds(year);
      const clients = await sql<{ n: number }>`
        SELECT count(DISTINCT t.person_id)::int AS n
        FROM toewijzing t
        JOIN person p ON p.municipality_code = t.municipality_code AND p.id = t.person_id
        WHERE t.municipality_code = ${mc} AND t.law_code = 'jeugdwet' AND t.status <> 'ingetrokken'
          AND t.start_date <= ${end}::date AND (t.end_date IS NULL OR t.end_date >= ${start}::date)
          AND p.birth_date > (${start}::date - interval '18 years')`.execute(tx);
      const population = await sql<{ n: number }>`
        SELECT coalesce(sum(inhabitants), 0)::int AS n FROM population_count
        WHERE municipality_code = ${mc} AND year = ${year} AND age < 18`.execute(tx);
      return share(clients.rows[0]!.n, population.rows[0]!.n);
    },
  },
  {
    code: 'wmo-unieke-clienten',
    version: 1,
    name: {
      nl: 'Unieke cliënten met een Wmo-voorziening in het kalenderjaar',
      en: 'Unique Wmo clients in a calendar year',
    },
    description: {
      nl: 'Aantal verschillende inwoners met een toewijzing onder de Wmo die in het kalenderjaar liep (niet ingetrokken).',
      en: 'Number of distinct residents with a Wmo allocation running in the calendar year (not withdrawn).',
    },
    unit: 'aantal',
    direction: 'lager-is-beter',
    async compute(tx, mc, year) {
      const { start, end } = yearBounds(year);
      const result = await sql<{ n: number }>`
        SELECT count(DISTINCT person_id)::int AS n FROM toewijzing
        WHERE municipality_code = ${mc} AND law_code = 'wmo' AND status <> 'ingetrokken'
          AND start_date <= ${end}::date AND (end_date IS NULL OR end_date >= ${start}::date)`.execute(tx);
      const n = result.rows[0]!.n;
      return { value: n, numerator: n, denominator: null };
    },
  },
  {
    code: 'huishoudens-meer-voorzieningen',
    version: 1,
    name: {
      nl: 'Aandeel huishoudens met meer dan één voorziening',
      en: 'Share of households with more than one service',
    },
    description: {
      nl: 'Van de huishoudens waarvan in het jaar een lid een toewijzing had (alle wetten, niet ingetrokken), het percentage met toewijzingen voor meer dan één verschillende voorziening.',
      en: 'Of the households with a member who had an allocation in the year (all laws, not withdrawn), the percentage with allocations for more than one distinct service.',
    },
    unit: 'percentage',
    direction: 'lager-is-beter',
    async compute(tx, mc, year) {
      const { start, end } = yearBounds(year);
      const result = await sql<{ many: number; total: number }>`
        WITH per_household AS (
          SELECT hm.household_id, count(DISTINCT t.service_id) AS services
          FROM toewijzing t
          JOIN household_member hm ON hm.municipality_code = t.municipality_code AND hm.person_id = t.person_id
          WHERE t.municipality_code = ${mc} AND t.status <> 'ingetrokken'
            AND t.start_date <= ${end}::date AND (t.end_date IS NULL OR t.end_date >= ${start}::date)
            AND hm.valid_from <= ${end}::date AND (hm.valid_until IS NULL OR hm.valid_until >= ${start}::date)
          GROUP BY hm.household_id
        )
        SELECT (count(*) FILTER (WHERE services > 1))::int AS many, count(*)::int AS total FROM per_household`.execute(
        tx,
      );
      return share(result.rows[0]!.many, result.rows[0]!.total);
    },
  },
  {
    code: 'beschikkingen-binnen-termijn',
    version: 1,
    name: {
      nl: '% beschikkingen binnen de wettelijke termijn',
      en: '% of decisions within the legal term',
    },
    description: {
      nl: 'Van de beschikkingen met een melding die in het jaar zijn genomen, het percentage genomen op of voor de wettelijke beslisdatum van de melding (inclusief opschorting).',
      en: 'Of the decisions on a melding taken in the year, the percentage taken on or before the legal decision date of the melding (suspension included).',
    },
    unit: 'percentage',
    direction: 'hoger-is-beter',
    async compute(tx, mc, year) {
      const { start, end } = yearBounds(year);
      const result = await sql<{ on_time: number; total: number }>`
        SELECT (count(*) FILTER (WHERE b.decided_on <= m.decision_due_on))::int AS on_time, count(*)::int AS total
        FROM beschikking b
        JOIN melding m ON m.municipality_code = b.municipality_code AND m.id = b.melding_id
        WHERE b.municipality_code = ${mc} AND b.decided_on BETWEEN ${start}::date AND ${end}::date
          AND m.decision_due_on IS NOT NULL`.execute(tx);
      return share(result.rows[0]!.on_time, result.rows[0]!.total);
    },
  },
  {
    code: 'mediaan-dagen-melding-besluit',
    version: 1,
    name: {
      nl: 'Mediaan aantal dagen van melding tot besluit',
      en: 'Median days from melding to decision',
    },
    description: {
      nl: 'De mediaan van het aantal kalenderdagen tussen melding en beschikking, over de beschikkingen met een melding die in het jaar zijn genomen.',
      en: 'The median number of calendar days between melding and decision, over the decisions on a melding taken in the year.',
    },
    unit: 'dagen',
    direction: 'lager-is-beter',
    async compute(tx, mc, year) {
      const { start, end } = yearBounds(year);
      const result = await sql<{ median: number | string | null; total: number }>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (b.decided_on - m.melded_on)) AS median,
               count(*)::int AS total
        FROM beschikking b
        JOIN melding m ON m.municipality_code = b.municipality_code AND m.id = b.melding_id
        WHERE b.municipality_code = ${mc} AND b.decided_on BETWEEN ${start}::date AND ${end}::date`.execute(
        tx,
      );
      const row = result.rows[0]!;
      return {
        value: row.median === null ? null : round1(Number(row.median)),
        numerator: null,
        denominator: row.total,
      };
    },
  },
];

export function findDefinition(code: string, version: number): IndicatorDefinition | undefined {
  return INDICATOR_DEFINITIONS.find((d) => d.code === code && d.version === version);
}
