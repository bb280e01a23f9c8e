import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { loadRawView } from '../../src/dashboard/dashboard-service.ts';
import type { Cell, SuppressedTable } from '../../src/dashboard/view-model.ts';
import { createTestApp, DB_KIND, type Client, type TestApp } from '../helpers/test-app.ts';
import { attack } from './suppression-attacker.ts';

/**
 * Through the HTTP route, on a generated municipality: what the overlap and effects views show equals the
 * generator's truth, what they hide is consistent with it, no small count can be recovered from the totals
 * of any table of the four mix views, and bad filters are refused.
 */
const BASE = '/api/v1/dashboard/views';
const MC = 'GM0164';

function agrees(shown: Cell | undefined, actual: number, what: string): void {
  if (shown === '<10') assert.ok(actual >= 1 && actual <= 9, `${what}: "<10" for ${actual}`);
  else if (shown === 'x') assert.ok(actual >= 0, `${what}: hidden`);
  else assert.equal(shown, actual, what);
}

describe(`mix views through HTTP on a generated municipality (${DB_KIND})`, () => {
  let grip: TestApp;
  let reader: Client;
  let truth: Record<string, any>;

  before(async () => {
    grip = await createTestApp();
    ({ truth } = await generateMunicipality(grip.database, {
      municipality: MC,
      inhabitants: 4_000,
      years: 2,
      seed: 13,
      until: '2025-12',
    }));
    reader = await grip.login('beleidsadviseur');
  });
  after(async () => {
    await grip.database.close().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  const view = async (code: string, query: string) => {
    const response = await reader.get(`${BASE}/${code}?${query}`);
    assert.equal(response.statusCode, 200, response.body.slice(0, 400));
    return response.json() as {
      filters: Record<string, string>;
      suppression: { threshold: number };
      tables: SuppressedTable[];
    };
  };
  const table = (tables: SuppressedTable[], code: string) => tables.find((t) => t.code === code)!;

  test('overlap: shown cells equal the truth per year, hidden ones are consistent with it', async () => {
    for (const year of [2024, 2025]) {
      const body = await view('overlap', `from=${year}-01&to=${year}-12`);
      const combos = table(body.tables, 'overlap-law-combinations');
      for (const [key, n] of Object.entries(truth.lawOverlap as Record<string, number>)) {
        if (!key.endsWith(`|${year}`)) continue;
        const row = combos.rows.find((r) => r.key === key.split('|')[0]);
        assert.ok(row, key);
        agrees(row.values.households, n, key);
      }
      agrees(combos.total!.households, truth.householdServices[`any|${year}`], `any|${year}`);
      const share = table(body.tables, 'overlap-more-than-one').rows.find((r) => r.key === String(year))!;
      agrees(share.values.households, truth.householdServices[`any|${year}`], `any|${year}`);
      agrees(share.values.multiService, truth.householdServices[`multi|${year}`], `multi|${year}`);
      assert.equal(
        share.values.multiServiceShare,
        Math.round(truth.derived[year].householdsWithMoreThanOneServiceShare * 1000) / 10,
      );
    }
  });

  test('effects: youth-care referrals by verwijzer equal the truth where shown', async () => {
    for (const year of [2024, 2025]) {
      const body = await view('effects', `from=${year}-01&to=${year}-12`);
      const referrals = table(body.tables, 'effects-youth-referrals');
      for (const row of referrals.rows)
        agrees(row.values.allocations, truth.youthReferrals[`${row.key}|${year}`] ?? 0, `${row.key}|${year}`);
    }
  });

  test('no small count of a mix view can be recovered from its totals, under several filters', async () => {
    for (const code of ['pyramid', 'overlap', 'effects', 'wijk-dna']) {
      for (const query of [
        'from=2025-01&to=2025-12',
        'from=2025-04&to=2025-06&law=wmo',
        'from=2024-01&to=2025-12&ageGroup=0-17',
      ]) {
        const body = await view(code, query);
        const raw = await loadRawView(grip.database, MC, code, body.filters);
        assert.equal(raw.data.tables.length, body.tables.length);
        raw.data.tables.forEach((t, i) => {
          assert.deepEqual(
            attack(t, body.tables[i]!, body.suppression.threshold),
            [],
            `${code} ${t.code} ${query}`,
          );
        });
      }
    }
  });

  test('bad filters on a mix view are a 400 problem in Dutch and English', async () => {
    for (const query of [
      'law=bijstand',
      'from=2025-07&to=2025-01',
      'ageGroup=5-9',
      'wijk=WK0',
      'colour=red',
    ]) {
      const response = await reader.get(`${BASE}/overlap?${query}`);
      assert.equal(response.statusCode, 400, query);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      const body = response.json() as { invalidParams?: { nl: string; en: string }[] };
      assert.ok(body.invalidParams?.length && body.invalidParams.every((p) => p.nl && p.en), query);
    }
  });
});
