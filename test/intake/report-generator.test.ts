import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateMunicipality, type GenerateResult } from '../../src/generator/generate.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

/**
 * The registration report on a generated municipality: what it shows unsuppressed equals counts made
 * independently in SQL, what it hides is what the rule says, and the Zorgloket's figures equal the
 * generator's own truth.
 */

type Cell = number | '<10' | 'x';

function agrees(shown: Cell, actual: number, what: string): void {
  if (shown === '<10') assert.ok(actual >= 1 && actual <= 9, `${what}: "<10" for ${actual}`);
  else if (shown === 'x') assert.ok(actual >= 10, `${what}: "x" hides ${actual}, which is not small`);
  else assert.equal(shown, actual, what);
}

describe('registration report on a generated municipality', () => {
  let grip: TestApp;
  let beleid: Client;
  let generated: GenerateResult;
  let zorgloketId: string;

  before(async () => {
    grip = await createTestApp();
    generated = await generateMunicipality(grip.database, {
      municipality: 'GM0164',
      inhabitants: 4_000,
      years: 1,
      seed: 3,
      until: '2026-06',
    });
    beleid = await grip.login('beleidsadviseur');
    const zorgloket = await grip.database.db
      .selectFrom('vindplaats')
      .select('id')
      .where('municipality_code', '=', 'GM0164')
      .where('kind', '=', 'zorgloket')
      .execute();
    assert.equal(zorgloket.length, 1);
    zorgloketId = zorgloket[0]!.id;
  });
  after(async () => {
    // pg's pool resolves end() before its sockets are closed; the generator's extra connections can then be
    // cut by the DROP DATABASE … FORCE of close() and raise an error nobody listens to. Let them close first.
    await grip.database.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  test('by channel and by triage outcome for a month: equal to counts computed in SQL', async () => {
    const channels = await sql<{ k: string; n: number }>`
      SELECT channel AS k, count(*)::int AS n FROM help_question
      WHERE municipality_code = 'GM0164'
        AND (received_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN DATE '2026-03-01' AND DATE '2026-03-31'
      GROUP BY channel`.execute(grip.database.db);
    const outcomes = await sql<{ k: string; n: number }>`
      SELECT coalesce(t.outcome, 'geen-triage') AS k, count(*)::int AS n
      FROM help_question q
      LEFT JOIN triage t ON t.municipality_code = q.municipality_code AND t.help_question_id = q.id
      WHERE q.municipality_code = 'GM0164'
        AND (q.received_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN DATE '2026-03-01' AND DATE '2026-03-31'
      GROUP BY 1`.execute(grip.database.db);
    const total = channels.rows.reduce((sum, r) => sum + r.n, 0);
    assert.ok(total > 50, `a month of a small municipality still has questions (${total})`);

    for (const [groupBy, expected] of [
      ['channel', channels.rows],
      ['outcome', outcomes.rows],
    ] as const) {
      const response = await beleid.get(
        `/api/v1/reports/help-questions?fromDate=2026-03-01&toDate=2026-03-31&groupBy=${groupBy}`,
      );
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json();
      const actual = new Map(expected.map((r) => [r.k, r.n]));
      let unsuppressed = 0;
      for (const row of report.rows as { key: string; total: Cell }[]) {
        agrees(row.total, actual.get(row.key) ?? 0, `${groupBy} ${row.key}`);
        if (typeof row.total === 'number' && row.total > 0) unsuppressed++;
        actual.delete(row.key);
      }
      assert.deepEqual([...actual.keys()], [], 'every value has a row');
      assert.ok(unsuppressed >= 2, `${groupBy}: at least two counts are shown`);
      assert.equal(report.totals.total, total);
    }
  });

  test("the Zorgloket's channels and outcomes in 2026 equal the generator's truth", async () => {
    const truth = generated.truth.zorgloket as Record<string, number>;
    assert.ok((truth['total|2026'] ?? 0) > 100, 'the truth has Zorgloket contacts in 2026');
    for (const [dimension, prefix] of [
      ['channel', 'channel'],
      ['outcome', 'triage'],
    ] as const) {
      const response = await beleid.get(
        `/api/v1/reports/help-questions?fromDate=2026-01-01&toDate=2026-06-30&groupBy=vindplaats,${dimension}`,
      );
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json();
      const row = report.rows.find((r: { key: string }) => r.key === zorgloketId);
      let shown = 0;
      report.columns.forEach((column: { key: string }, i: number) => {
        const expected = truth[`${prefix}|${column.key}|2026`] ?? 0;
        agrees(row.cells[i], expected, `Zorgloket ${dimension} ${column.key}`);
        if (typeof row.cells[i] === 'number' && row.cells[i] > 0) shown++;
      });
      assert.ok(shown >= 2, `${dimension}: the large Zorgloket counts are shown`);
      agrees(row.total, truth['total|2026']!, `Zorgloket total`);
    }
    const march = (
      await beleid.get(
        '/api/v1/reports/help-questions?fromDate=2026-03-01&toDate=2026-03-31&groupBy=vindplaats',
      )
    ).json();
    const zorgloketInMarch = march.rows.find((r: { key: string }) => r.key === zorgloketId);
    agrees(zorgloketInMarch.total, truth['contacts|2026-03']!, 'Zorgloket contacts in March 2026');
    assert.equal(typeof zorgloketInMarch.total, 'number');
  });
});
