import { sql } from 'kysely';
import { TAAKVELD_EXPRESSION } from '../money/taakveld-sql.ts';
import { inScope } from '../volumes/summary-sql.ts';
import { groupedMeasure } from './cube-measures.ts';

/**
 * The money view in the count cube: clients with realisation, realisation in eurocent, and commitments.
 * Breakdowns as the view shows them: law, service, provider, wijk and funding variant; taakveld for the
 * budget comparison.
 */

const BREAKDOWNS = {
  law: 'f.law_code',
  service: 'f.service_id::text',
  provider: 'f.provider_id::text',
  wijk: 'f.wijk_code',
  variant: 'f.funding_variant',
  taakveld: TAAKVELD_EXPRESSION.replaceAll('law_code', 'f.law_code').replaceAll(
    'product_category_code',
    'f.product_category_code',
  ),
};
const STANDARD = ['law', 'service', 'provider', 'wijk', 'variant'];
const CELL = sql.raw(
  'law_code, age_group, service_id, provider_id, wijk_code, funding_variant, product_category_code',
);

/**
 * Clients with realisation (dash_money_client_year): per standard period by the view's breakdowns, per month
 * (the month line) and from January up to each month (year to date, and per taakveld for the budget table).
 */
export const MONEY_CLIENTS = groupedMeasure(
  'money-clients',
  (mc, scope) => sql`
    SELECT person_id, person_id AS unit, year::int AS year, month_mask << 1 AS months, ${CELL}
    FROM dash_money_client_year WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}`,
  BREAKDOWNS,
  { standard: STANDARD, monthly: [], throughMonth: ['taakveld'] },
);

/**
 * Realisation in eurocent: per standard period by the view's breakdowns, per month in total and per
 * taakveld. A full build sums dash_money_realisation (already summed over clients); a refresh subtracts and
 * adds the changed clients' rows of dash_money_client_month, which sum to the same.
 */
export const MONEY_SUMS = groupedMeasure(
  'money-sums',
  (mc, scope) =>
    scope === null
      ? sql`
        SELECT NULL::uuid AS unit, extract(year FROM month)::int AS year, 1 << extract(month FROM month)::int AS months,
          ${CELL}, amount_cents AS amount
        FROM dash_money_realisation WHERE municipality_code = ${mc}`
      : sql`
        SELECT NULL::uuid AS unit, extract(year FROM month)::int AS year, 1 << extract(month FROM month)::int AS months,
          ${CELL}, amount_cents AS amount
        FROM dash_money_client_month WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}`,
  BREAKDOWNS,
  { standard: STANDARD, monthly: ['taakveld'], amounts: 'only' },
);

/** Commitments of allocations by the month they start: clients and eurocent, per law and per service. */
export const MONEY_COMMITMENTS = groupedMeasure(
  'money-commitments',
  (mc, scope) => sql`
    SELECT person_id AS unit, extract(year FROM start_month)::int AS year,
      1 << extract(month FROM start_month)::int AS months, law_code, age_group, service_id,
      commitment_cents AS amount
    FROM dash_money_commitment WHERE municipality_code = ${mc} AND ${inScope('person_id', scope)}`,
  { law: 'f.law_code', service: "f.law_code || ':' || f.service_id::text" },
  { amounts: 'with-persons' },
);
