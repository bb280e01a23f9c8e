import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Bilingual } from '../../platform/http/problem.ts';
import type { DashboardFilters, FigureRow, FigureTable, ViewContext } from '../view-model.ts';
import { VARIANT_LABELS, type MoneyLabels } from './money-labels.ts';
import {
  CLIENTS,
  LUMP_SUMS,
  lumpHonoured,
  NOTE_LUMP_NOT_ATTRIBUTABLE,
  REALISATION,
} from './money-measures.ts';
import { clientYearPeriod, filterConditions, firstDay } from './money-sql.ts';
import { breakdownsFromCube, commitmentsFromCube } from './money-cube.ts';
import { MONEY_CLIENTS, MONEY_SUMS } from '../cube/money-cells.ts';

/** The breakdowns of the money view: realisation by law, service, provider, area and variant; commitments. */

type Dim = 'law_code' | 'service_id' | 'provider_id' | 'area' | 'funding_variant';
/** Clients and realisation per dimension and key ('dim|key'). */
type BreakdownValues = Map<string, { clients: number; cents: number }>;

/** The cube's breakdowns, named as the view's dimensions. */
const CUBE_DIMS: Record<string, Dim> = {
  law: 'law_code',
  service: 'service_id',
  provider: 'provider_id',
  wijk: 'area',
  variant: 'funding_variant',
};

/** Clients and realisation per dimension from the count cube, for a standard period under law and age group. */
async function breakdownValuesFromCube(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
): Promise<BreakdownValues | null> {
  const cells = await breakdownsFromCube(tx, mc, f);
  if (!cells) return null;
  const values: BreakdownValues = new Map();
  for (const [measure, field] of [
    [MONEY_CLIENTS.code, 'clients'],
    [MONEY_SUMS.code, 'cents'],
  ] as const) {
    for (const [breakdown, byKey] of cells.get(measure) ?? []) {
      const dim = CUBE_DIMS[breakdown];
      if (!dim) continue;
      for (const [key, cell] of byKey) {
        const k = `${dim}|${key ?? ''}`;
        const v = values.get(k) ?? { clients: 0, cents: 0 };
        v[field] = field === 'clients' ? cell.persons : cell.cents;
        values.set(k, v);
      }
    }
  }
  return values;
}

/** Clients and realisation per dimension from the money summaries, under every filter. */
async function breakdownValues(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
  byBuurt: boolean,
): Promise<BreakdownValues> {
  const area = sql.raw(byBuurt ? 'buurt_code' : 'wijk_code');
  const where = filterConditions(f);
  const sums = await sql<{
    law_code: string | null;
    service_id: string | null;
    provider_id: string | null;
    area: string | null;
    funding_variant: string | null;
    cents: string;
  }>`
    SELECT law_code, service_id::text, provider_id::text, ${area} AS area, funding_variant,
           sum(amount_cents)::text AS cents
    FROM dash_money_realisation
    WHERE municipality_code = ${mc} AND month BETWEEN ${firstDay(f.from)}::date AND ${firstDay(f.to)}::date ${where}
    GROUP BY GROUPING SETS ((law_code), (service_id), (provider_id), (${area}), (funding_variant))`.execute(
    tx,
  );
  // Distinct clients per key of each dimension: one scan of the client-years, then per dimension a hashed
  // DISTINCT (key, client) and a count — no sort per grouping set as count(DISTINCT) would need.
  const perDimension = (column: string, dim: string) =>
    sql`SELECT ${dim}::text AS dim, key, count(*)::int AS n
        FROM (SELECT DISTINCT ${sql.raw(column)}::text AS key, person_id FROM cy) x GROUP BY key`;
  const clients = await sql<{ dim: Dim; key: string; n: number }>`
    WITH cy AS (
      SELECT law_code, service_id, provider_id, ${area} AS area, funding_variant, person_id
      FROM dash_money_client_year
      WHERE municipality_code = ${mc} ${clientYearPeriod(f.from, f.to)} ${where}
    )
    ${perDimension('law_code', 'law_code')}
    UNION ALL ${perDimension('service_id', 'service_id')}
    UNION ALL ${perDimension('provider_id', 'provider_id')}
    UNION ALL ${perDimension('area', 'area')}
    UNION ALL ${perDimension('funding_variant', 'funding_variant')}`.execute(tx);

  const dimOf = (r: Record<Dim, string | null>): [Dim, string] => {
    for (const d of ['law_code', 'service_id', 'provider_id', 'area', 'funding_variant'] as const)
      if (r[d] !== null) return [d, r[d]];
    throw new Error('grouping set without a key');
  };
  const values = new Map<string, { clients: number; cents: number }>();
  const cell = (d: Dim, key: string) => {
    const k = `${d}|${key}`;
    let v = values.get(k);
    if (!v) {
      v = { clients: 0, cents: 0 };
      values.set(k, v);
    }
    return v;
  };
  for (const r of sums.rows) {
    const [d, key] = dimOf(r);
    cell(d, key).cents += Number(r.cents);
  }
  for (const r of clients.rows) cell(r.dim, r.key).clients = r.n;
  return values;
}

/** Realisation by law, service, provider, wijk (or buurten of the wijk) and funding variant. */
export async function realisationTables(
  tx: Tx,
  context: ViewContext,
  labels: MoneyLabels,
): Promise<FigureTable[]> {
  const { municipalityCode: mc, filters: f } = context;
  const byBuurt = Boolean(f.wijk || f.buurt);
  const values = (await breakdownValuesFromCube(tx, mc, f)) ?? (await breakdownValues(tx, mc, f, byBuurt));
  const rowsOf = (d: Dim, label: (key: string) => Bilingual): FigureRow[] =>
    [...values.entries()]
      .filter(([k]) => k.startsWith(`${d}|`))
      .map(([k, v]) => {
        const key = k.slice(d.length + 1);
        return { key, label: label(key), values: { clients: v.clients, realisationCents: v.cents } };
      })
      .sort(
        (a, b) =>
          (b.values.realisationCents ?? 0) - (a.values.realisationCents ?? 0) || (a.key < b.key ? -1 : 1),
      );

  const base = { measures: [CLIENTS, REALISATION], overlapping: true };
  const lumps = lumpHonoured(f) ? await lumpSumTotal(tx, mc, f) : null;
  const variantRows: FigureRow[] = rowsOf(
    'funding_variant',
    (k) => VARIANT_LABELS[k] ?? { nl: k, en: k },
  ).map((r) => ({ ...r, values: { ...r.values, lumpSumCents: null } }));
  if (lumps !== null && lumps > 0) {
    const taak = variantRows.find((r) => r.key === 'taakgericht');
    if (taak) taak.values.lumpSumCents = lumps;
    else
      variantRows.push({
        key: 'taakgericht',
        label: VARIANT_LABELS.taakgericht!,
        values: { clients: null, realisationCents: null, lumpSumCents: lumps },
      });
  }
  return [
    {
      code: 'realisation-by-law',
      title: { nl: 'Realisatie per wet', en: 'Realisation by law' },
      description: {
        nl: 'Geaccepteerde declaraties in de periode, per wet.',
        en: 'Accepted declarations in the period, by law.',
      },
      dimension: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
      ...base,
      rows: rowsOf('law_code', labels.law),
      chart: 'bar',
      drillFilter: 'law',
    },
    {
      code: 'realisation-by-service',
      title: { nl: 'Realisatie per dienst', en: 'Realisation by service' },
      dimension: { code: 'service', label: { nl: 'Dienst', en: 'Service' } },
      ...base,
      rows: rowsOf('service_id', labels.service),
      chart: 'bar',
      drillFilter: 'service',
    },
    {
      code: 'realisation-by-provider',
      title: { nl: 'Realisatie per aanbieder', en: 'Realisation by provider' },
      dimension: { code: 'provider', label: { nl: 'Aanbieder', en: 'Provider' } },
      ...base,
      rows: rowsOf('provider_id', labels.provider),
      chart: 'bar',
      drillFilter: 'provider',
    },
    {
      code: 'realisation-by-area',
      title: byBuurt
        ? { nl: 'Realisatie per buurt', en: 'Realisation by buurt' }
        : { nl: 'Realisatie per wijk', en: 'Realisation by wijk' },
      description: {
        nl: 'Naar het adres van de cliënt op het moment van de zorg.',
        en: 'By the client’s address at the time of the care.',
      },
      dimension: byBuurt
        ? { code: 'buurt', label: { nl: 'Buurt', en: 'Buurt' } }
        : { code: 'wijk', label: { nl: 'Wijk', en: 'Wijk' } },
      ...base,
      rows: rowsOf('area', labels.area),
      chart: 'map',
      mapLevel: byBuurt ? 'buurt' : 'wijk',
      drillFilter: byBuurt ? 'buurt' : 'wijk',
    },
    {
      code: 'realisation-by-funding-variant',
      title: { nl: 'Realisatie per uitvoeringsvariant', en: 'Realisation by funding variant' },
      description: {
        nl: 'Inspanningsgericht en outputgericht uit declaraties; taakgericht als lumpsum per contract.',
        en: 'Effort- and output-based from declarations; task-based as lump sums per contract.',
      },
      // The view model has no funding-variant dimension yet; serviceKind is the nearest.
      dimension: { code: 'fundingVariant', label: { nl: 'Uitvoeringsvariant', en: 'Funding variant' } },
      measures: [CLIENTS, REALISATION, LUMP_SUMS],
      overlapping: true,
      rows: variantRows,
      chart: 'stacked-bar',
      notes: lumpHonoured(f) ? [] : [NOTE_LUMP_NOT_ATTRIBUTABLE],
    },
  ];
}

/** Lump sums in the period under the law and provider filters (they have no other dimensions). */
async function lumpSumTotal(tx: Tx, mc: string, f: DashboardFilters): Promise<number> {
  const { rows } = await sql<{ cents: string | null }>`
    SELECT sum(amount_cents)::text AS cents FROM dash_money_lump_sum
    WHERE municipality_code = ${mc} AND month BETWEEN ${firstDay(f.from)}::date AND ${firstDay(f.to)}::date
      ${filterConditions(f, { law: true, provider: true })}`.execute(tx);
  return Number(rows[0]?.cents ?? 0);
}

/** Commitments per law and service (service_id set) and per law (service_id null). */
interface CommitmentRow {
  law_code: string;
  service_id: string | null;
  n: number;
  cents: number;
}

async function commitmentRowsFromCube(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
): Promise<CommitmentRow[] | null> {
  const cells = await commitmentsFromCube(tx, mc, f);
  if (!cells) return null;
  const row = (
    law: string,
    service: string | null,
    c: { persons: number; cents: number },
  ): CommitmentRow => ({
    law_code: law,
    service_id: service,
    n: c.persons,
    cents: c.cents,
  });
  return [
    ...[...(cells.get('law') ?? [])].map(([law, c]) => row(law ?? '', null, c)),
    ...[...(cells.get('service') ?? [])].map(([key, c]) => {
      const [law, service] = (key ?? ':').split(':') as [string, string];
      return row(law, service, c);
    }),
  ];
}

async function commitmentRows(tx: Tx, mc: string, f: DashboardFilters): Promise<CommitmentRow[]> {
  const { rows } = await sql<{ law_code: string; service_id: string | null; n: number; cents: string }>`
    SELECT law_code, service_id::text, count(DISTINCT person_id)::int AS n, sum(commitment_cents)::text AS cents
    FROM dash_money_commitment
    WHERE municipality_code = ${mc} AND start_month BETWEEN ${firstDay(f.from)}::date AND ${firstDay(f.to)}::date
      ${filterConditions(f)}
    GROUP BY GROUPING SETS ((law_code, service_id), (law_code))`.execute(tx);
  return rows.map((r) => ({ ...r, cents: Number(r.cents) }));
}

/** Commitments of allocations starting in the period, per service grouped by law. */
export async function commitmentsTable(
  tx: Tx,
  context: ViewContext,
  labels: MoneyLabels,
): Promise<FigureTable> {
  const { municipalityCode: mc, filters: f } = context;
  const rows = (await commitmentRowsFromCube(tx, mc, f)) ?? (await commitmentRows(tx, mc, f));
  const values = (r: CommitmentRow) => ({ clients: r.n, commitmentCents: r.cents });
  return {
    code: 'commitments-by-service',
    title: { nl: 'Verplichtingen uit toewijzingen', en: 'Commitments from allocations' },
    description: {
      nl: 'De verwachte kosten van toewijzingen die in de periode ingaan, per dienst en wet.',
      en: 'The expected cost of allocations starting in the period, by service and law.',
    },
    dimension: { code: 'service', label: { nl: 'Dienst', en: 'Service' } },
    measures: [
      { ...CLIENTS, definition: 'money-commitment-clients' },
      {
        code: 'commitmentCents',
        label: { nl: 'Verplichtingen', en: 'Commitments' },
        kind: 'money',
        definition: 'money-commitment',
        basisMeasure: 'clients',
      },
    ],
    overlapping: true,
    rows: rows
      .filter((r) => r.service_id !== null)
      .map((r) => ({
        key: r.service_id!,
        label: labels.service(r.service_id!),
        group: r.law_code,
        values: values(r),
      }))
      .sort((a, b) =>
        a.group < b.group
          ? -1
          : a.group > b.group
            ? 1
            : b.values.commitmentCents - a.values.commitmentCents || (a.key < b.key ? -1 : 1),
      ),
    groups: rows
      .filter((r) => r.service_id === null)
      .map((r) => ({ key: r.law_code, label: labels.law(r.law_code), values: values(r) }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    chart: 'bar',
    drillFilter: 'service',
  };
}
