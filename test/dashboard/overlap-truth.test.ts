import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { overlapView } from '../../src/dashboard/overlap/overlap-view.ts';
import { pyramidMaintainers } from '../../src/dashboard/pyramid/pyramid-view.ts';
import { effectsMaintainers, effectsView } from '../../src/dashboard/effects/effects-view.ts';
import { DashboardFiltersSchema, type FigureTable } from '../../src/dashboard/view-model.ts';
import { createTestDatabase, DB_KIND, type TestDatabase } from '../helpers/test-app.ts';

/**
 * Overlap and youth-care referrals on a generated municipality equal the generator's truth for every year
 * (the filter combination the truth reaches), read raw from the views after a full refresh.
 */
const MC = 'GM0164';
const YEARS = [2024, 2025];

describe(`overlap and youth referrals equal the generator truth (${DB_KIND})`, () => {
  let testDb: TestDatabase;
  let truth: Record<string, any>;

  before(async () => {
    testDb = await createTestDatabase();
    await migrate(testDb.database);
    ({ truth } = await generateMunicipality(testDb.database, {
      municipality: MC,
      inhabitants: 4_000,
      years: 2,
      seed: 11,
      until: '2025-12',
    }));
    await inTenantTransaction(testDb.database, MC, async (tx) => {
      for (const m of [...pyramidMaintainers, ...effectsMaintainers])
        await m.refresh(tx, MC, { full: true, personIds: [], householdIds: [], months: [] });
    });
  });
  after(async () => {
    await testDb.database.close().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await testDb.close().catch(() => undefined);
  });

  const load = (view: typeof overlapView, year: number) =>
    inTenantTransaction(testDb.database, MC, (tx) =>
      view.load(tx, {
        municipalityCode: MC,
        language: 'nl',
        filters: DashboardFiltersSchema.parse({ from: `${year}-01`, to: `${year}-12` }),
      }),
    );
  const table = (tables: FigureTable[], code: string) => {
    const t = tables.find((x) => x.code === code);
    assert.ok(t, `table ${code}`);
    return t;
  };

  test('households per law combination, with more than one service, and the share', async () => {
    for (const year of YEARS) {
      const { tables } = await load(overlapView, year);
      const combos = table(tables, 'overlap-law-combinations');
      const expected = Object.fromEntries(
        Object.entries(truth.lawOverlap as Record<string, number>)
          .filter(([k]) => k.endsWith(`|${year}`))
          .map(([k, v]) => [k.split('|')[0], v]),
      );
      const actual = Object.fromEntries(combos.rows.map((r) => [r.key, r.values.households]));
      assert.deepEqual(actual, expected, `lawOverlap ${year}`);
      const share = table(tables, 'overlap-more-than-one').rows.find((r) => r.key === String(year))!;
      assert.equal(share.values.households, truth.householdServices[`any|${year}`], `any|${year}`);
      assert.equal(share.values.multiService, truth.householdServices[`multi|${year}`], `multi|${year}`);
      assert.equal(
        Math.round(share.values.multiServiceShare! * 10) / 10,
        Math.round(truth.derived[year].householdsWithMoreThanOneServiceShare * 1000) / 10,
      );
      assert.equal(combos.total!.households, truth.householdServices[`any|${year}`]);
    }
  });

  test('youth-care referrals by verwijzer type', async () => {
    for (const year of YEARS) {
      const { tables } = await load(effectsView, year);
      const referrals = table(tables, 'effects-youth-referrals');
      const expected = Object.fromEntries(
        Object.entries(truth.youthReferrals as Record<string, number>)
          .filter(([k]) => k.endsWith(`|${year}`))
          .map(([k, v]) => [k.split('|')[0], v]),
      );
      const actual = Object.fromEntries(
        referrals.rows.filter((r) => r.values.allocations !== 0).map((r) => [r.key, r.values.allocations]),
      );
      assert.deepEqual(actual, expected, `youthReferrals ${year}`);
    }
  });
});
