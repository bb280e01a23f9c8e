/**
 * The volumes view on a generated municipality equals the generator's truth file: unique clients per law,
 * per service and per wijk and year; active clients per law, service, wijk and month; meldingen per law and
 * month; decisions per law, outcome and year. It also agrees with the steering indicators that compute the
 * same figures, and answers odd but valid filters. Raw numbers, before suppression.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { volumesMaintainers, volumesView } from '../../src/dashboard/volumes/volumes-view.ts';
import type { DashboardFilters, FigureTable, ViewData } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { findDefinition } from '../../src/steering/indicator-definitions.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-app.ts';

const MC = 'GM0164';
const FIRST = '2024-07';
const LAST = '2026-06';
const LAWS = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp'] as const;

type Counts = Record<string, number>;

let t: TestDatabase;
let truth: {
  uniqueClients: Counts;
  activeClientsByMonth: Counts;
  meldingen: Counts;
  decisions: Counts;
};
let serviceCode: Map<string, string>;
let serviceId: Map<string, string>;
let wijken: string[];

async function load(filters: Partial<DashboardFilters> = {}): Promise<ViewData> {
  return inTenantTransaction(t.database, MC, (tx) =>
    volumesView.load(tx, {
      municipalityCode: MC,
      filters: { from: FIRST, to: LAST, ...filters },
      language: 'nl',
    }),
  );
}

function table(data: ViewData, code: string): FigureTable {
  const found = data.tables.find((x) => x.code === code);
  assert.ok(found, `table ${code}`);
  return found;
}

function value(tbl: FigureTable, key: string, measure = 'clients'): number {
  const row = tbl.rows.find((r) => r.key === key);
  return row ? (row.values[measure] ?? 0) : 0;
}

/** The months of a year that lie inside the generated window. */
function yearPeriod(year: number): { from: string; to: string } {
  const from = `${year}-01` < FIRST ? FIRST : `${year}-01`;
  const to = `${year}-12` > LAST ? LAST : `${year}-12`;
  return { from, to };
}

const YEARS = [2024, 2025, 2026];

describe('volumes view against the truth file', () => {
  before(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    const generated = await generateMunicipality(t.database, {
      municipality: MC,
      inhabitants: 4_000,
      years: 2,
      seed: 11,
      until: LAST,
    });
    truth = generated.truth as typeof truth;
    await inTenantTransaction(t.database, MC, async (tx) => {
      for (const m of volumesMaintainers)
        await m.refresh(tx, MC, { full: true, personIds: [], householdIds: [], months: [] });
    });
    const services = await sql<{ id: string; code: string }>`
      SELECT id, code FROM service WHERE municipality_code = ${MC}`.execute(t.database.db);
    serviceCode = new Map(services.rows.map((r) => [r.id, r.code]));
    serviceId = new Map(services.rows.map((r) => [r.code, r.id]));
    const w = await sql<{
      code: string;
    }>`SELECT code FROM wijk WHERE municipality_code = ${MC} ORDER BY code`.execute(t.database.db);
    wijken = w.rows.map((r) => r.code);
  });
  after(() => t.close());

  test('the generated municipality has clients in every law', () => {
    for (const law of LAWS) assert.ok((truth.uniqueClients[`${law}|2025`] ?? 0) > 0, law);
  });

  test('unique clients per law, per service and per wijk, per year', async () => {
    let compared = 0;
    for (const year of YEARS) {
      const data = await load(yearPeriod(year));
      const byLaw = table(data, 'clients-by-law');
      const byService = table(data, 'clients-by-service');
      for (const law of LAWS) {
        assert.equal(value(byLaw, law), truth.uniqueClients[`${law}|${year}`] ?? 0, `${law} ${year}`);
        compared++;
      }
      for (const row of byService.rows.filter((r) => r.group === 'maatwerk')) {
        const code = serviceCode.get(row.key)!;
        const law = LAWS.find((l) => truth.uniqueClients[`${l}|${code}|${year}`] !== undefined);
        assert.ok(law, `${code} ${year} is in the truth file`);
        assert.equal(row.values.clients, truth.uniqueClients[`${law}|${code}|${year}`], `${code} ${year}`);
        compared++;
      }
      for (const [key, n] of Object.entries(truth.uniqueClients)) {
        const [law, service, y] = key.split('|');
        if (Number(y) !== year || service!.startsWith('wijk:') || y === undefined) continue;
        assert.equal(value(byService, serviceId.get(service!)!), n, `${key} has a row`);
        void law;
      }
      for (const law of LAWS) {
        const byArea = table(await load({ ...yearPeriod(year), law }), 'clients-by-area');
        assert.equal(byArea.mapLevel, 'wijk');
        for (const wijk of wijken) {
          assert.equal(
            value(byArea, wijk),
            truth.uniqueClients[`${law}|wijk:${wijk}|${year}`] ?? 0,
            `${law} ${wijk} ${year}`,
          );
          compared++;
        }
        assert.equal(value(byArea, 'onbekend'), 0, 'every generated client has an address');
      }
    }
    assert.ok(compared > 100, `${compared} figures compared`);
  });

  test('active clients per month by law, service and wijk', async () => {
    const expected = new Map<string, number>();
    for (const [key, n] of Object.entries(truth.activeClientsByMonth)) {
      const [law, service, wijk, month] = key.split('|') as [string, string, string, string];
      const add = (k: string) => expected.set(k, (expected.get(k) ?? 0) + n);
      add(`${law}|${service}|*|${month}`);
      add(`${law}|${service}|${wijk}|${month}`);
    }
    let compared = 0;
    const maatwerk = [...new Set(Object.keys(truth.activeClientsByMonth).map((k) => k.split('|')[1]!))];
    for (const code of maatwerk) {
      for (const wijk of [undefined, ...wijken]) {
        const data = await load({ service: serviceId.get(code)!, ...(wijk ? { wijk } : {}) });
        const months = table(data, 'active-by-month');
        assert.equal(months.chart, 'line');
        for (const row of months.rows) {
          for (const law of LAWS) {
            const want = expected.get(`${law}|${code}|${wijk ?? '*'}|${row.key}`) ?? 0;
            assert.equal(row.values[law], want, `${law} ${code} ${wijk ?? 'city'} ${row.key}`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 1000, `${compared} figures compared`);
  });

  test('meldingen per law and month, decisions per law, outcome and year', async () => {
    const months: string[] = [];
    for (let i = 2024 * 12 + 6; i <= 2026 * 12 + 5; i++)
      months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    for (const month of months) {
      const tbl = table(await load({ from: month, to: month }), 'meldingen-decisions');
      for (const law of LAWS)
        assert.equal(
          value(tbl, law, 'meldingen'),
          truth.meldingen[`${law}|${month}`] ?? 0,
          `${law} ${month}`,
        );
    }
    for (const year of YEARS) {
      const tbl = table(await load(yearPeriod(year)), 'meldingen-decisions');
      for (const law of LAWS) {
        assert.equal(value(tbl, law, 'granted'), truth.decisions[`${law}|toegekend|${year}`] ?? 0);
        assert.equal(
          value(tbl, law, 'partlyGranted'),
          truth.decisions[`${law}|gedeeltelijk-toegekend|${year}`] ?? 0,
        );
        assert.equal(value(tbl, law, 'refused'), truth.decisions[`${law}|afgewezen|${year}`] ?? 0);
        assert.equal(
          value(tbl, law, 'decisions'),
          value(tbl, law, 'granted') + value(tbl, law, 'partlyGranted') + value(tbl, law, 'refused'),
        );
      }
    }
  });

  test('the figures the steering indicators also compute agree with them', async () => {
    const data = await load({ from: '2025-01', to: '2025-12' });
    const compute = (code: string) =>
      inTenantTransaction(t.database, MC, (tx) => findDefinition(code, 1)!.compute(tx, MC, 2025));
    const wmo = await compute('wmo-unieke-clienten');
    assert.equal(value(table(data, 'clients-by-law'), 'wmo'), wmo.value);
    const terms = table(data, 'legal-terms');
    const onTime = await compute('beschikkingen-binnen-termijn');
    assert.ok(onTime.denominator! > 0);
    assert.equal(terms.total!.onTimePct, onTime.value);
    assert.equal(terms.total!.withTerm, onTime.denominator);
    assert.equal(terms.total!.onTime, onTime.numerator);
    const median = await compute('mediaan-dagen-melding-besluit');
    assert.equal(terms.total!.medianDays, median.value);
    assert.equal(terms.total!.withMelding, median.denominator);
    const youth = await compute('jeugdhulp-onder-18');
    const youngClients = table(
      await load({ from: '2025-01', to: '2025-12', law: 'jeugdwet' }),
      'clients-by-age',
    );
    assert.equal(value(youngClients, '0-17'), youth.numerator);
    for (const d of [wmo, onTime, median]) assert.ok(d.value !== null);
  });

  test('partitions add up: wijken, age groups and the total', async () => {
    const data = await load({ from: '2025-01', to: '2025-12' });
    const total = table(data, 'summary').rows[0]!.values.clients!;
    for (const code of ['clients-by-area', 'clients-by-age']) {
      const tbl = table(data, code);
      const sum = tbl.rows.reduce((n, r) => n + (r.values.clients ?? 0), 0);
      assert.equal(sum, total, code);
      assert.deepEqual(tbl.total, { clients: total });
    }
    // Month by month, per law: active = active the month before + inflow − outflow of the month before.
    for (const law of LAWS) {
      const perLaw = await load({ from: '2024-08', to: '2026-06', law });
      const active = table(perLaw, 'active-by-month').rows;
      const flows = table(perLaw, 'inflow-outflow').rows;
      let moved = 0;
      for (let i = 1; i < active.length; i++) {
        const want = active[i - 1]!.values[law]! + flows[i]!.values.inflow! - flows[i - 1]!.values.outflow!;
        assert.equal(active[i]!.values[law], want, `${law} ${active[i]!.key}`);
        moved += flows[i]!.values.inflow!;
      }
      assert.ok(moved > 0, `${law} has inflow`);
    }
  });

  test('odd but valid filters: an empty period, a wijk without clients, a buurt', async () => {
    const empty = await load({ from: '1990-01', to: '1990-03' });
    assert.equal(table(empty, 'summary').rows[0]!.values.clients, 0);
    assert.equal(table(empty, 'active-by-month').rows.length, 3);
    assert.equal(table(empty, 'legal-terms').total!.onTimePct, null);
    assert.equal(table(empty, 'legal-terms').total!.medianDays, null);
    const quiet = await sql<{ code: string }>`
      SELECT w.code FROM wijk w WHERE w.municipality_code = ${MC} AND NOT EXISTS (
        SELECT 1 FROM dash_client_year c WHERE c.municipality_code = w.municipality_code AND c.wijk_code = w.code)
      ORDER BY w.code LIMIT 1`.execute(t.database.db);
    if (quiet.rows[0]) {
      const none = await load({ wijk: quiet.rows[0].code });
      assert.equal(table(none, 'summary').rows[0]!.values.clients, 0);
      assert.equal(table(none, 'clients-by-area').mapLevel, 'buurt');
    }
    const busiest = await sql<{ buurt_code: string; wijk_code: string }>`
      SELECT buurt_code, wijk_code FROM dash_client_year WHERE municipality_code = ${MC} AND year = 2025
      GROUP BY buurt_code, wijk_code ORDER BY count(DISTINCT person_id) DESC LIMIT 1`.execute(t.database.db);
    const { buurt_code: buurt, wijk_code: wijk } = busiest.rows[0]!;
    const inWijk = await load({ from: '2025-01', to: '2025-12', wijk });
    const area = table(inWijk, 'clients-by-area');
    assert.equal(area.mapLevel, 'buurt');
    assert.equal(area.drillFilter, 'buurt');
    assert.ok(area.rows.every((r) => r.key.startsWith(`BU${wijk.slice(2)}`)));
    const inBuurt = await load({ from: '2025-01', to: '2025-12', wijk, buurt });
    const buurtArea = table(inBuurt, 'clients-by-area');
    assert.deepEqual(
      buurtArea.rows.map((r) => r.key),
      [buurt],
    );
    assert.equal(value(buurtArea, buurt), value(area, buurt));
    assert.equal(table(inBuurt, 'summary').rows[0]!.values.clients, value(area, buurt));
    const lonely = await load({ from: '2025-01', to: '2025-12', ageGroup: '75+', law: 'jeugdwet' });
    assert.equal(value(table(lonely, 'clients-by-law'), 'jeugdwet'), 0);
    assert.deepEqual(
      table(lonely, 'clients-by-law').rows.map((r) => r.key),
      ['jeugdwet'],
    );
  });
});
