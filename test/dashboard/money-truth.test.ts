import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { refreshMoney } from '../../src/dashboard/money/money-maintainer.ts';
import { moneyView } from '../../src/dashboard/money/money-view.ts';
import type { DashboardFilters, FigureTable, LawCode } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The money view's raw figures equal the generator's truth file (issue 8, "Right"): realisation
 * (costsCents: law|service|wijk|month), lump sums (lumpSumsCents: lot|month) and commitments
 * (commitmentsCents: law|service|startYear), over every filter combination those keys reach — period
 * (year and single months), law, service, wijk and their pairs.
 */

const MC = 'GM0164';

interface CostKey {
  law: LawCode;
  service: string;
  wijk: string;
  month: string;
  cents: number;
}

describe('money view equals the truth file', () => {
  let grip: TestApp;
  let costs: CostKey[];
  let lumpSums: { lot: string; month: string; cents: number }[];
  let commitments: { law: string; service: string; year: number; cents: number }[];
  let serviceId: Map<string, string>;

  const load = (filters: Partial<DashboardFilters> & { from: string; to: string }) =>
    inTenantTransaction(grip.database, MC, (tx) =>
      moneyView.load(tx, { municipalityCode: MC, filters: filters as DashboardFilters, language: 'nl' }),
    );
  const table = (tables: FigureTable[], code: string) => tables.find((t) => t.code === code)!;
  const rowsOf = (t: FigureTable, measure: string) =>
    Object.fromEntries(
      t.rows.filter((r) => (r.values[measure] ?? 0) !== 0).map((r) => [r.key, r.values[measure]]),
    );
  const sumBy = <T>(items: T[], key: (x: T) => string, value: (x: T) => number) => {
    const out: Record<string, number> = {};
    for (const x of items) {
      const k = key(x);
      out[k] = (out[k] ?? 0) + value(x);
    }
    for (const k of Object.keys(out)) if (out[k] === 0) delete out[k];
    return out;
  };

  before(async () => {
    grip = await createTestApp();
    const { truth } = await generateMunicipality(grip.database, {
      municipality: MC,
      inhabitants: 4_000,
      years: 2,
      seed: 5,
      until: '2026-09',
    });
    const json = truth as unknown as {
      costsCents: Record<string, number>;
      lumpSumsCents: Record<string, number>;
      commitmentsCents: Record<string, number>;
    };
    costs = Object.entries(json.costsCents).map(([k, cents]) => {
      const [law, service, wijk, month] = k.split('|') as [LawCode, string, string, string];
      return { law, service, wijk, month, cents };
    });
    lumpSums = Object.entries(json.lumpSumsCents).map(([k, cents]) => {
      const [lot, month] = k.split('|') as [string, string];
      return { lot, month, cents };
    });
    commitments = Object.entries(json.commitmentsCents).map(([k, cents]) => {
      const [law, service, year] = k.split('|') as [string, string, string];
      return { law, service, year: Number(year), cents };
    });
    const { rows } = await sql<{ code: string; id: string }>`
      SELECT code, id FROM service WHERE municipality_code = ${MC}`.execute(grip.database.db);
    serviceId = new Map(rows.map((r) => [r.code, r.id]));
    await inTenantTransaction(grip.database, MC, (tx) =>
      refreshMoney(tx, MC, { full: true, personIds: [], householdIds: [], months: [] }),
    );
  });
  after(async () => {
    await grip.database.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  const years = () => [...new Set(costs.map((c) => Number(c.month.slice(0, 4))))].sort();

  test('the truth has realisation to check (two years, several laws, wijken and services)', () => {
    assert.ok(years().length >= 2, `years ${years()}`);
    assert.ok(new Set(costs.map((c) => c.law)).size >= 3);
    assert.ok(new Set(costs.map((c) => c.wijk)).size >= 5);
    assert.ok(new Set(costs.map((c) => c.service)).size >= 10);
    for (const c of costs) assert.ok(serviceId.has(c.service), `service ${c.service} exists`);
  });

  test('realisation by law, service and wijk for each year and under each single filter', async () => {
    let checked = 0;
    for (const year of years()) {
      const inYear = costs.filter((c) => c.month.startsWith(`${year}-`));
      const period = { from: `${year}-01`, to: `${year}-12` };
      const filterSets: [Partial<DashboardFilters>, (c: CostKey) => boolean][] = [[{}, () => true]];
      for (const law of new Set(inYear.map((c) => c.law))) filterSets.push([{ law }, (c) => c.law === law]);
      for (const wijk of new Set(inYear.map((c) => c.wijk)))
        filterSets.push([{ wijk }, (c) => c.wijk === wijk]);
      for (const service of new Set(inYear.map((c) => c.service)))
        filterSets.push([{ service: serviceId.get(service)! }, (c) => c.service === service]);
      for (const [filters, keep] of filterSets) {
        const expected = inYear.filter(keep);
        const tables = (await load({ ...period, ...filters })).tables;
        const what = `${year} ${JSON.stringify(filters)}`;
        assert.deepEqual(
          rowsOf(table(tables, 'realisation-by-law'), 'realisationCents'),
          sumBy(
            expected,
            (c) => c.law,
            (c) => c.cents,
          ),
          `by law ${what}`,
        );
        assert.deepEqual(
          rowsOf(table(tables, 'realisation-by-service'), 'realisationCents'),
          sumBy(
            expected,
            (c) => serviceId.get(c.service)!,
            (c) => c.cents,
          ),
          `by service ${what}`,
        );
        const area = table(tables, 'realisation-by-area');
        if (filters.wijk) {
          assert.equal(area.mapLevel, 'buurt');
          const buurtTotal = area.rows.reduce((s, r) => s + (r.values.realisationCents ?? 0), 0);
          assert.equal(
            buurtTotal,
            expected.reduce((s, c) => s + c.cents, 0),
            `buurten add up ${what}`,
          );
          for (const r of area.rows) assert.ok(r.key.startsWith(`BU${filters.wijk.slice(2)}`), r.key);
        } else {
          assert.deepEqual(
            rowsOf(area, 'realisationCents'),
            sumBy(
              expected,
              (c) => c.wijk,
              (c) => c.cents,
            ),
            `by wijk ${what}`,
          );
        }
        const months = table(tables, 'spending-by-month');
        assert.deepEqual(
          rowsOf(months, 'realisationCents'),
          sumBy(
            expected,
            (c) => c.month,
            (c) => c.cents,
          ),
          `by month ${what}`,
        );
        checked++;
      }
    }
    assert.ok(checked > 40, `${checked} filter states checked`);
  });

  test('realisation under pairs of filters: law × wijk and service × wijk, and single months', async () => {
    const year = years().at(-1)!;
    const inYear = costs.filter((c) => c.month.startsWith(`${year}-`));
    const period = { from: `${year}-01`, to: `${year}-12` };
    const laws = [...new Set(inYear.map((c) => c.law))];
    const wijken = [...new Set(inYear.map((c) => c.wijk))];
    for (const law of laws)
      for (const wijk of wijken) {
        const expected = inYear.filter((c) => c.law === law && c.wijk === wijk);
        const tables = (await load({ ...period, law, wijk })).tables;
        assert.deepEqual(
          rowsOf(table(tables, 'realisation-by-service'), 'realisationCents'),
          sumBy(
            expected,
            (c) => serviceId.get(c.service)!,
            (c) => c.cents,
          ),
          `${law} ${wijk}`,
        );
      }
    const services = [...new Set(inYear.map((c) => c.service))].slice(0, 6);
    for (const service of services)
      for (const wijk of wijken) {
        const expected = inYear.filter((c) => c.service === service && c.wijk === wijk);
        const tables = (await load({ ...period, service: serviceId.get(service)!, wijk })).tables;
        assert.deepEqual(
          rowsOf(table(tables, 'realisation-by-law'), 'realisationCents'),
          sumBy(
            expected,
            (c) => c.law,
            (c) => c.cents,
          ),
          `${service} ${wijk}`,
        );
      }
    for (const month of [...new Set(costs.map((c) => c.month))].filter((_, i) => i % 5 === 0)) {
      const expected = costs.filter((c) => c.month === month);
      const tables = (await load({ from: month, to: month })).tables;
      assert.deepEqual(
        rowsOf(table(tables, 'realisation-by-law'), 'realisationCents'),
        sumBy(
          expected,
          (c) => c.law,
          (c) => c.cents,
        ),
        month,
      );
      assert.deepEqual(
        rowsOf(table(tables, 'realisation-by-area'), 'realisationCents'),
        sumBy(
          expected,
          (c) => c.wijk,
          (c) => c.cents,
        ),
        month,
      );
    }
  });

  test('clients behind the money equal distinct clients with accepted lines, counted from the raw rows', async () => {
    for (const year of years()) {
      for (const [filters, condition] of [
        [{}, sql``],
        [{ law: 'wmo' as LawCode }, sql`AND t.law_code = 'wmo'`],
      ] as const) {
        const byLaw = await sql<{ k: string; n: number }>`
          SELECT t.law_code AS k, count(DISTINCT t.person_id)::int AS n
          FROM declaration_line l JOIN toewijzing t ON t.municipality_code = l.municipality_code AND t.id = l.toewijzing_id
          WHERE l.municipality_code = ${MC} AND l.status = 'geaccepteerd' AND t.status <> 'ingetrokken'
            AND l.period_start BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date ${condition}
          GROUP BY 1`.execute(grip.database.db);
        const byService = await sql<{ k: string; n: number }>`
          SELECT t.service_id::text AS k, count(DISTINCT t.person_id)::int AS n
          FROM declaration_line l JOIN toewijzing t ON t.municipality_code = l.municipality_code AND t.id = l.toewijzing_id
          WHERE l.municipality_code = ${MC} AND l.status = 'geaccepteerd' AND t.status <> 'ingetrokken'
            AND l.period_start BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date ${condition}
          GROUP BY 1`.execute(grip.database.db);
        const tables = (await load({ from: `${year}-01`, to: `${year}-12`, ...filters })).tables;
        const what = `${year} ${JSON.stringify(filters)}`;
        assert.deepEqual(
          rowsOf(table(tables, 'realisation-by-law'), 'clients'),
          Object.fromEntries(byLaw.rows.map((r) => [r.k, r.n])),
          `clients by law ${what}`,
        );
        assert.deepEqual(
          rowsOf(table(tables, 'realisation-by-service'), 'clients'),
          Object.fromEntries(byService.rows.map((r) => [r.k, r.n])),
          `clients by service ${what}`,
        );
      }
    }
  });

  test('lump sums by month and in the funding-variant table', async () => {
    assert.ok(lumpSums.length > 0, 'the generator paid lump sums');
    for (const year of years()) {
      const tables = (await load({ from: `${year}-01`, to: `${year}-12` })).tables;
      const inYear = lumpSums.filter((l) => l.month.startsWith(`${year}-`));
      assert.deepEqual(
        rowsOf(table(tables, 'spending-by-month'), 'lumpSumCents'),
        sumBy(
          inYear,
          (l) => l.month,
          (l) => l.cents,
        ),
        String(year),
      );
      const variant = table(tables, 'realisation-by-funding-variant');
      const taak = variant.rows.find((r) => r.key === 'taakgericht');
      assert.equal(
        taak?.values.lumpSumCents,
        inYear.reduce((s, l) => s + l.cents, 0),
      );
      // Declarations by variant add up to the year's realisation.
      const declared = variant.rows.reduce((s, r) => s + (r.values.realisationCents ?? 0), 0);
      assert.equal(
        declared,
        costs.filter((c) => c.month.startsWith(`${year}-`)).reduce((s, c) => s + c.cents, 0),
      );
    }
  });

  test('commitments by service and law for every start year in the truth', async () => {
    const startYears = [...new Set(commitments.map((c) => c.year))];
    assert.ok(startYears.length >= 2);
    for (const year of startYears) {
      const inYear = commitments.filter((c) => c.year === year);
      const tables = (await load({ from: `${year}-01`, to: `${year}-12` })).tables;
      const t = table(tables, 'commitments-by-service');
      assert.deepEqual(
        rowsOf(t, 'commitmentCents'),
        sumBy(
          inYear,
          (c) => serviceId.get(c.service)!,
          (c) => c.cents,
        ),
        `${year} by service`,
      );
      const groups = Object.fromEntries(
        (t.groups ?? [])
          .filter((g) => g.values.commitmentCents !== 0)
          .map((g) => [g.key, g.values.commitmentCents]),
      );
      assert.deepEqual(
        groups,
        sumBy(
          inYear,
          (c) => c.law,
          (c) => c.cents,
        ),
        `${year} by law`,
      );
      for (const law of new Set(inYear.map((c) => c.law))) {
        const filtered = table(
          (await load({ from: `${year}-01`, to: `${year}-12`, law: law as LawCode })).tables,
          'commitments-by-service',
        );
        assert.deepEqual(
          rowsOf(filtered, 'commitmentCents'),
          sumBy(
            inYear.filter((c) => c.law === law),
            (c) => serviceId.get(c.service)!,
            (c) => c.cents,
          ),
          `${year} ${law}`,
        );
      }
    }
  });

  test('budget, pro-rata budget and forecast follow their stated method', async () => {
    const year = years().at(-1)!;
    const tables = (await load({ from: `${year}-01`, to: `${year}-12` })).tables;
    const tile = table(tables, 'year-forecast').rows[0]!.values;
    const lastMonth = Math.max(
      ...costs.filter((c) => c.month.startsWith(`${year}-`)).map((c) => Number(c.month.slice(5))),
    );
    const monthly = Array.from({ length: 12 }, (_, i) => {
      const m = `${year}-${String(i + 1).padStart(2, '0')}`;
      return (
        costs.filter((c) => c.month === m).reduce((s, c) => s + c.cents, 0) +
        lumpSums.filter((l) => l.month === m).reduce((s, l) => s + l.cents, 0)
      );
    });
    const spent = monthly.slice(0, lastMonth).reduce((a, b) => a + b, 0);
    const recent = monthly.slice(lastMonth - 3, lastMonth);
    const forecast = Math.round(spent + (recent.reduce((a, b) => a + b, 0) / 3) * (12 - lastMonth));
    assert.equal(tile.forecastCents, forecast);
    assert.equal((tile.realisationCents ?? 0) + (tile.lumpSumCents ?? 0), spent);
    // The generator's budget lines (begroting per theme with its taakveld), in eurocent.
    const { rows } = await sql<{ cents: string }>`
      SELECT (sum(amount_thousands) * 100000)::bigint::text AS cents FROM budget_line
      WHERE municipality_code = ${MC} AND year = ${year} AND side = 'lasten' AND stage = 'begroting'`.execute(
      grip.database.db,
    );
    assert.equal(tile.budgetCents, Number(rows[0]!.cents));
    assert.equal(tile.proRataBudgetCents, Math.round((Number(rows[0]!.cents) * lastMonth) / 12));
    const byTaakveld = table(tables, 'budget-by-taakveld');
    assert.equal(
      byTaakveld.rows.reduce((s, r) => s + (r.values.budgetCents ?? 0), 0),
      tile.budgetCents,
      'taakvelden add up to the total budget',
    );
    assert.equal(
      byTaakveld.rows.reduce(
        (s, r) => s + (r.values.realisationCents ?? 0) + (r.values.lumpSumCents ?? 0),
        0,
      ),
      spent,
      'taakvelden add up to the spending',
    );
    // A wijk filter: no budget to compare with, and it says so.
    const filtered = (await load({ from: `${year}-01`, to: `${year}-12`, wijk: costs[0]!.wijk })).tables;
    const filteredTile = table(filtered, 'year-forecast');
    assert.equal(filteredTile.rows[0]!.values.budgetCents, null);
    assert.ok((filteredTile.notes ?? []).length >= 2);
  });
});
