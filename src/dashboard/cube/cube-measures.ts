import { sql, type RawBuilder } from 'kysely';
import { inScope, type PersonScope } from '../volumes/summary-sql.ts';

/**
 * What the count cube counts. Each measure reads facts from one person-grain summary: one row per fact with
 * the person (to refresh per person), the unit counted distinctly (the person), the year and its month mask
 * (bits 1..12), the law and age group the cube can filter on, and the columns its breakdowns are made of.
 */
export interface CubeMeasure {
  code: string;
  /** Facts of the persons in scope: person_id, unit, year, months, law_code, age_group and breakdown columns. */
  facts(mc: string, scope: PersonScope): RawBuilder<unknown>;
  /** Breakdown code → SQL expression (text) over the facts, alias `f`. */
  breakdowns: Record<string, string>;
}

const clientFacts = (maatwerkOnly: boolean) => (mc: string, scope: PersonScope) => sql`
  SELECT person_id, person_id AS unit, year::int AS year, months, law_code, age_group, service_kind,
    service_id, provider_id, wijk_code
  FROM dash_client_year
  WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}
    ${maatwerkOnly ? sql`AND service_kind = 'maatwerk'` : sql``}`;

const CLIENT_BREAKDOWNS = {
  law: 'f.law_code',
  kind: 'f.service_kind',
  service: "f.service_id::text || ':' || f.service_kind",
  provider: 'f.provider_id::text',
  wijk: 'f.wijk_code',
  ageGroup: 'f.age_group',
};

/** Volumes: unique clients (all support, and maatwerk only) from dash_client_year. */
export const CLIENTS: CubeMeasure = {
  code: 'clients',
  facts: clientFacts(false),
  breakdowns: CLIENT_BREAKDOWNS,
};
export const MAATWERK_CLIENTS: CubeMeasure = {
  code: 'clients-maatwerk',
  facts: clientFacts(true),
  breakdowns: CLIENT_BREAKDOWNS,
};

/** Pyramid and Wijk-DNA: persons with support (algemeen and maatwerk) from dash_mix_support (bit 0 = January). */
export const SUPPORT: CubeMeasure = {
  code: 'support',
  facts: (mc, scope) => sql`
    SELECT person_id, person_id AS unit, year::int AS year, months << 1 AS months, law_code, age_group, layer,
      wijk_code, buurt_code
    FROM dash_mix_support WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}`,
  breakdowns: {
    layer: 'f.layer',
    wijk: 'f.wijk_code',
    buurt: 'f.buurt_code',
    wijkLayer: "coalesce(f.wijk_code, '') || ':' || f.layer",
  },
};

const intakeFacts = (problemsOnly: boolean) => (mc: string, scope: PersonScope) => sql`
  SELECT person_id, person_id AS unit, extract(year FROM assessed_on)::int AS year,
    1 << extract(month FROM assessed_on)::int AS months, law_code, age_group, life_domain_code
  FROM dash_mix_domain_score
  WHERE municipality_code = ${mc} AND measurement = 'intake' AND ${inScope('person_id', scope)}
    ${problemsOnly ? sql`AND score <= 2` : sql``}`;

/** Wijk-DNA: persons with an intake, and persons with problems (score 1–2) per life domain at intake. */
export const INTAKE: CubeMeasure = { code: 'intake', facts: intakeFacts(false), breakdowns: {} };
export const INTAKE_PROBLEMS: CubeMeasure = {
  code: 'intake-problems',
  facts: intakeFacts(true),
  breakdowns: { lifeDomain: 'f.life_domain_code' },
};

export const CUBE_MEASURES: readonly CubeMeasure[] = [
  CLIENTS,
  MAATWERK_CLIENTS,
  SUPPORT,
  INTAKE,
  INTAKE_PROBLEMS,
];
