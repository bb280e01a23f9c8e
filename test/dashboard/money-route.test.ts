import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { moneyView } from '../../src/dashboard/money/money-view.ts';
import type { DashboardFilters, FigureTable } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

/**
 * The money view through its route (GET /api/v1/dashboard/views/money): every shown cell equals the raw
 * figure, every hidden one is consistent with it (small counts as '<10', money hidden only where it may be),
 * money never shown behind fewer clients than the threshold; and after new declarations the answer follows
 * without a rebuild (the change tracking and the money maintainer).
 */

const MC = 'GM0164';
type Cell = number | '<10' | 'x' | null;
interface ShownTable {
  code: string;
  measures: { code: string; kind: string; basisMeasure?: string }[];
  rows: { key: string; values: Record<string, Cell> }[];
}

describe('money view through the route', () => {
  let grip: TestApp;
  let beleid: Client;
  const threshold = 10;

  const raw = (filters: Partial<DashboardFilters> & { from: string; to: string }) =>
    inTenantTransaction(grip.database, MC, (tx) =>
      moneyView.load(tx, { municipalityCode: MC, filters: filters as DashboardFilters, language: 'nl' }),
    );

  function consistent(shown: ShownTable[], expected: FigureTable[], what: string): { hidden: number } {
    let hidden = 0;
    for (const table of expected) {
      const s = shown.find((t) => t.code === table.code);
      assert.ok(s, `${what}: table ${table.code} is answered`);
      for (const row of table.rows) {
        const shownRow: ShownTable['rows'][number] | undefined = s.rows.find((r) => r.key === row.key);
        assert.ok(shownRow, `${what}: ${table.code} row ${row.key}`);
        for (const m of table.measures) {
          const value = row.values[m.code] ?? null;
          const cell: Cell = shownRow.values[m.code] ?? null;
          const where = `${what}: ${table.code}/${row.key}/${m.code}`;
          if (typeof cell === 'number') assert.equal(cell, value, where);
          else if (cell === '<10') {
            hidden++;
            assert.ok(value !== null && value >= 1 && value < threshold, `${where}: '<10' for ${value}`);
          } else if (cell === 'x') hidden++;
          else assert.equal(value, null, `${where}: null only for no value`);
          // Money behind fewer clients than the threshold is never shown.
          if (m.kind === 'money' && m.basisMeasure && typeof cell === 'number' && cell !== 0) {
            const basis = row.values[m.basisMeasure] ?? 0;
            assert.ok(basis === 0 || basis >= threshold, `${where}: money shown behind ${basis} clients`);
          }
        }
      }
    }
    return { hidden };
  }

  before(async () => {
    grip = await createTestApp();
    await generateMunicipality(grip.database, {
      municipality: MC,
      inhabitants: 3_000,
      years: 1,
      seed: 21,
      until: '2026-06',
    });
    beleid = await grip.login('beleidsadviseur');
  });
  after(async () => {
    await grip.database.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  test('city-wide and per buurt: shown cells equal the raw figures, hidden ones are consistent', async () => {
    const response = await beleid.get('/api/v1/dashboard/views/money?from=2026-01&to=2026-06');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.view.code, 'money');
    const expected = await raw({ from: '2026-01', to: '2026-06' });
    consistent(body.tables, expected.tables, 'city');

    // A narrow filter: one wijk and one age group; small cells must be hidden.
    const { rows } = await sql<{ wijk_code: string }>`
      SELECT wijk_code FROM dash_money_realisation WHERE municipality_code = ${MC}
      GROUP BY wijk_code ORDER BY count(*) DESC LIMIT 1`.execute(grip.database.db);
    const wijk = rows[0]!.wijk_code;
    const narrow = await beleid.get(
      `/api/v1/dashboard/views/money?from=2026-01&to=2026-06&wijk=${wijk}&ageGroup=75%2B`,
    );
    assert.equal(narrow.statusCode, 200, narrow.body);
    const { hidden } = consistent(
      narrow.json().tables,
      (await raw({ from: '2026-01', to: '2026-06', wijk, ageGroup: '75+' })).tables,
      'narrow',
    );
    assert.ok(hidden > 0, 'a wijk × age group has small cells, and they are hidden');
  });

  test('bad filters are refused with a problem', async () => {
    const response = await beleid.get('/api/v1/dashboard/views/money?from=2026-13&to=2026-06');
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  });

  test('new declarations show in the next answer without a rebuild', async () => {
    const before = (await beleid.get('/api/v1/dashboard/views/money?from=2026-06&to=2026-06')).json();
    const byLaw = (body: { tables: ShownTable[] }) =>
      body.tables.find((t) => t.code === 'realisation-by-law')!.rows.find((r) => r.key === 'wmo')!.values
        .realisationCents;
    const { rows } = await sql<{ id: string; provider_id: string }>`
      SELECT t.id, t.provider_id FROM toewijzing t
      WHERE t.municipality_code = ${MC} AND t.law_code = 'wmo' AND t.status <> 'ingetrokken'
        AND t.start_date <= '2026-06-01' LIMIT 1`.execute(grip.database.db);
    const declarationId = '00000000-0000-4000-8000-00000000d0a1';
    await sql`INSERT INTO declaration (municipality_code, id, provider_id, declaration_number, law_code,
                period_start, period_end, submitted_at, total_cents, status)
              VALUES (${MC}, ${declarationId}, ${rows[0]!.provider_id}, 'T-ROUTE-1', 'wmo',
                '2026-06-01', '2026-06-30', now(), 123400, 'verwerkt')`.execute(grip.database.db);
    await sql`INSERT INTO declaration_line (municipality_code, declaration_id, toewijzing_id, period_start,
                period_end, volume, unit_code, tariff_cents, amount_cents, status)
              VALUES (${MC}, ${declarationId}, ${rows[0]!.id}, '2026-06-02', '2026-06-30', 2, '04', 61700, 123400, 'geaccepteerd')`.execute(
      grip.database.db,
    );
    const after = (await beleid.get('/api/v1/dashboard/views/money?from=2026-06&to=2026-06')).json();
    assert.equal(typeof byLaw(before), 'number');
    assert.equal(byLaw(after), (byLaw(before) as number) + 123400);
    assert.ok(after.dataVersion > before.dataVersion);
  });
});
