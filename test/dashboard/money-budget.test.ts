import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  budgetsByTaakveld,
  forecastYearEnd,
  proRata,
  TAAKVELD_SQL,
  taakveldFor,
} from '../../src/dashboard/money/budget-comparison.ts';
import { monthMask } from '../../src/dashboard/money/money-sql.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** The budget side of the money view: the forecast method, pro rata, taakvelden and which budget lines count. */

describe('forecast and pro rata (pure)', () => {
  test('realisation so far plus the average of the last three months for each month to come', () => {
    const monthly = [100, 200, 300, 400, 500, 600, 0, 0, 0, 0, 0, 0];
    assert.equal(forecastYearEnd(monthly, 6), 2100 + 500 * 6);
    assert.equal(forecastYearEnd(monthly, 2), 300 + 150 * 10, 'fewer than three months: their average');
    assert.equal(forecastYearEnd(monthly, 1), 100 * 12);
    assert.equal(forecastYearEnd(monthly, 12), 2100, 'a whole year: what was spent');
    assert.equal(forecastYearEnd(monthly, 0), null, 'nothing to go on');
    assert.equal(forecastYearEnd([1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0], 3), Math.round(4 + (4 / 3) * 9));
  });

  test('pro rata budget and month masks', () => {
    assert.equal(proRata(1_200_000, 3), 300_000);
    assert.equal(proRata(1_000, 7), 583);
    assert.equal(proRata(1_000, 0), 0);
    assert.equal(monthMask(2026, '2025-11', '2026-03'), 0b111);
    assert.equal(monthMask(2026, '2026-02', '2026-02'), 0b10);
    assert.equal(monthMask(2026, '2026-01', '2026-12'), 4095);
    assert.equal(monthMask(2025, '2026-01', '2026-12'), 0);
  });
});

describe('taakvelden and budget lines (database)', () => {
  let grip: TestApp;
  const MC = 'GM0164';
  before(async () => {
    grip = await createTestApp();
  });
  after(() => grip.close());

  test('the SQL mapping of costs to taakvelden equals taakveldFor for every law and category', async () => {
    const pairs: [string, string][] = [];
    for (const law of ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp', 'onbekend'])
      for (const category of ['', ...Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))])
        pairs.push([law, category]);
    const { rows } = await sql<{ law_code: string; product_category_code: string; taakveld: string | null }>`
      SELECT law_code, product_category_code, ${TAAKVELD_SQL} AS taakveld
      FROM jsonb_to_recordset(${JSON.stringify(pairs.map(([l, c]) => ({ law_code: l, product_category_code: c })))}::jsonb)
        AS x (law_code text, product_category_code text)`.execute(grip.database.db);
    assert.equal(rows.length, pairs.length);
    for (const r of rows)
      assert.equal(
        r.taakveld,
        taakveldFor(r.law_code, r.product_category_code === '' ? null : r.product_category_code),
        `${r.law_code} ${r.product_category_code}`,
      );
  });

  test('theme lines win over programme lines of the same taakveld; the amended budget over the original', async () => {
    const db = grip.database.db;
    const year = 2031;
    const { rows: p } = await sql<{ id: string }>`
      INSERT INTO programme (municipality_code, code, name, first_year, last_year)
      VALUES (${MC}, 'GELD-T', 'Toets', 2030, 2032) RETURNING id`.execute(db);
    const programme = p[0]!.id;
    const theme = async (code: string, taakveld: string) =>
      (
        await sql<{ id: string }>`
          INSERT INTO theme (municipality_code, programme_id, code, name, bbv_taakveld_code)
          VALUES (${MC}, ${programme}, ${code}, ${`Thema ${code}`}, ${taakveld}) RETURNING id`.execute(db)
      ).rows[0]!.id;
    const t1 = await theme('T1', '6.71');
    const t2 = await theme('T2', '6.72');
    const line = (v: {
      theme?: string;
      programme?: string;
      taakveld?: string;
      side?: string;
      stage: string;
      amount: number;
    }) =>
      sql`INSERT INTO budget_line (municipality_code, theme_id, programme_id, bbv_taakveld_code, year, side, stage, amount_thousands)
          VALUES (${MC}, ${v.theme ?? null}, ${v.programme ?? null}, ${v.taakveld ?? null}, ${year},
                  ${v.side ?? 'lasten'}, ${v.stage}, ${v.amount})`.execute(db);
    await line({ theme: t1, stage: 'begroting', amount: 100 });
    await line({ theme: t1, stage: 'begroting-na-wijziging', amount: 120.5 });
    await line({ theme: t1, stage: 'realisatie', amount: 130 });
    await line({ theme: t1, side: 'baten', stage: 'begroting', amount: 7 });
    await line({ theme: t2, stage: 'begroting', amount: 30 });
    await line({ programme, taakveld: '6.71', stage: 'begroting', amount: 999 });
    await line({ programme, taakveld: '6.5', stage: 'begroting', amount: 50 });
    await line({ programme, stage: 'begroting', amount: 5000 });
    const budgets = await inTenantTransaction(grip.database, MC, (tx) => budgetsByTaakveld(tx, MC, year));
    assert.deepEqual(Object.fromEntries([...budgets.values()].map((b) => [b.taakveld, b.budgetCents])), {
      '6.71': 12_050_000,
      '6.72': 3_000_000,
      '6.5': 5_000_000,
    });
    assert.deepEqual(budgets.get('6.71')!.themes, ['Thema T1']);
  });
});
