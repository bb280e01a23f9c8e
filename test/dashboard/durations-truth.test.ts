/**
 * The durations view on a generated municipality equals the generator's truth file per service: ended
 * trajectories, the 25th/50th/75th percentile of their duration, and the share still open after 6, 12 and
 * 24 months with its cohort. Filters narrow the same figures consistently. Raw numbers, before suppression.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { durationsMaintainers, durationsView } from '../../src/dashboard/durations/durations-view.ts';
import type { DashboardFilters, FigureTable, ViewData } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import type { DurationStats } from '../../src/generator/truth.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-app.ts';

const MC = 'GM0164';
const FIRST = '2024-07';
const LAST = '2026-06';

let t: TestDatabase;
let truth: Record<string, DurationStats>;
let serviceCode: Map<string, string>;

async function load(filters: Partial<DashboardFilters> = {}): Promise<ViewData> {
  return inTenantTransaction(t.database, MC, (tx) =>
    durationsView.load(tx, {
      municipalityCode: MC,
      filters: { from: FIRST, to: LAST, ...filters },
      language: 'en',
    }),
  );
}

function table(data: ViewData, code: string): FigureTable {
  const found = data.tables.find((x) => x.code === code);
  assert.ok(found, `table ${code}`);
  return found;
}

describe('durations view against the truth file', () => {
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
    truth = (generated.truth as { durations: Record<string, DurationStats> }).durations;
    await inTenantTransaction(t.database, MC, async (tx) => {
      for (const m of durationsMaintainers)
        await m.refresh(tx, MC, { full: true, personIds: [], householdIds: [], months: [] });
    });
    const services = await sql<{ id: string; code: string }>`
      SELECT id, code FROM service WHERE municipality_code = ${MC}`.execute(t.database.db);
    serviceCode = new Map(services.rows.map((r) => [r.id, r.code]));
  });
  after(() => t.close());

  test('per service over the generated period: ended, quantiles and still open after 6/12/24 months', async () => {
    const data = await load();
    const lengths = table(data, 'durations-by-service');
    const open = table(data, 'open-after-by-service');
    assert.ok(Object.keys(truth).length >= 10, 'the truth file has durations for many services');
    const seen = new Set<string>();
    for (const row of lengths.rows) {
      const code = serviceCode.get(row.key)!;
      const want = truth[code];
      assert.ok(want, `${code} is in the truth file`);
      seen.add(code);
      assert.equal(row.values.ended, want.ended, `${code} ended`);
      assert.equal(row.values.medianDays, want.medianDays, `${code} median`);
      assert.equal(row.values.p25Days, want.p25Days, `${code} p25`);
      assert.equal(row.values.p75Days, want.p75Days, `${code} p75`);
      const openRow = open.rows.find((r) => r.key === row.key)!;
      for (const m of ['6', '12', '24'] as const) {
        const w: DurationStats['stillOpenAfter'][typeof m] = want.stillOpenAfter[m];
        assert.equal(openRow.values[`cohort${m}`], w.cohort, `${code} cohort ${m}`);
        assert.equal(openRow.values[`open${m}`], w.open, `${code} open ${m}`);
        assert.equal(
          openRow.values[`openAfter${m}`],
          w.share === null ? null : Math.round(w.share * 1000) / 10,
          `${code} share ${m}`,
        );
      }
    }
    assert.deepEqual(
      [...seen].sort(),
      Object.keys(truth).sort(),
      'every service of the truth file has a row',
    );
  });

  test('law rows and groups add up the services; a service filter narrows to that service', async () => {
    const data = await load();
    const byService = table(data, 'durations-by-service');
    const byLaw = table(data, 'durations-by-law');
    for (const group of byService.groups ?? []) {
      const members = byService.rows.filter((r) => r.group === group.key);
      for (const m of ['started', 'ended'])
        assert.equal(
          members.reduce((n, r) => n + r.values[m]!, 0),
          group.values[m],
          `${group.key} ${m}`,
        );
      assert.deepEqual(byLaw.rows.find((r) => r.key === group.key)!.values, group.values);
    }
    assert.equal(
      byLaw.rows.reduce((n, r) => n + r.values.started!, 0),
      byLaw.total!.started,
    );
    const first = byService.rows[0]!;
    const only = await load({ service: first.key });
    assert.deepEqual(
      table(only, 'durations-by-service').rows.map((r) => r.key),
      [first.key],
    );
    assert.deepEqual(table(only, 'durations-by-service').total, first.values);
  });

  test('area, age and provider filters partition the trajectories', async () => {
    const total = table(await load(), 'durations-by-law').total!.started!;
    const wijken = await sql<{ code: string }>`SELECT code FROM wijk WHERE municipality_code = ${MC}`.execute(
      t.database.db,
    );
    let sum = 0;
    for (const w of wijken.rows)
      sum += table(await load({ wijk: w.code }), 'durations-by-law').total!.started!;
    assert.equal(sum, total, 'wijken');
    sum = 0;
    for (const ageGroup of ['0-17', '18-26', '27-66', '67-74', '75+'] as const)
      sum += table(await load({ ageGroup }), 'durations-by-law').total!.started!;
    assert.equal(sum, total, 'age groups');
    const providers = await sql<{ id: string; n: number }>`
      SELECT provider_id AS id, count(*)::int AS n FROM toewijzing WHERE municipality_code = ${MC}
        AND start_date BETWEEN DATE '2024-07-01' AND DATE '2026-06-30' GROUP BY provider_id ORDER BY 2 DESC LIMIT 3`.execute(
      t.database.db,
    );
    for (const p of providers.rows)
      assert.equal(table(await load({ provider: p.id }), 'durations-by-law').total!.started, p.n);
  });

  test('odd but valid filters: a period without starts, a law without trajectories in a wijk', async () => {
    const empty = await load({ from: '1990-01', to: '1990-12' });
    const lengths = table(empty, 'durations-by-law');
    assert.equal(lengths.total!.started, 0);
    assert.equal(lengths.total!.medianDays, null);
    assert.equal(table(empty, 'open-after-by-law').total!.openAfter6, null);
    assert.deepEqual(table(empty, 'durations-by-service').rows, []);
    const month = await load({ from: '2026-06', to: '2026-06', law: 'schuldhulp', ageGroup: '0-17' });
    assert.equal(table(month, 'durations-by-law').total!.started, 0);
    assert.deepEqual(
      table(month, 'durations-by-law').rows.map((r) => r.key),
      ['schuldhulp'],
    );
  });
});
