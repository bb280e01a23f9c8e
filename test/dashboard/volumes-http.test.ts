/**
 * The volumes and durations views through GET /api/v1/dashboard/views/{code} on a generated municipality:
 * every shown cell equals the raw figure (and, where the truth file has it, the truth), every hidden cell is
 * consistent with it, and no hidden small count can be worked out from the totals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { durationsView } from '../../src/dashboard/durations/durations-view.ts';
import type { Cell, DashboardView, FigureTable, SuppressedTable } from '../../src/dashboard/view-model.ts';
import { volumesView } from '../../src/dashboard/volumes/volumes-view.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import type { DurationStats } from '../../src/generator/truth.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { attack } from './suppression-attacker.ts';

const MC = 'GM0164';
const BASE = '/api/v1/dashboard/views';

interface ViewBody {
  filters: Record<string, string>;
  suppression: { threshold: number };
  tables: SuppressedTable[];
}

function agrees(shown: Cell | undefined, raw: number | null | undefined, kind: string, what: string): void {
  if (shown === '<10') {
    assert.ok(kind === 'persons' || kind === 'households', `${what}: '<10' only for counts of people`);
    assert.ok(raw !== null && raw !== undefined && raw >= 1 && raw <= 9, `${what}: '<10' for ${raw}`);
  } else if (shown === 'x') assert.ok(raw !== undefined, `${what}: 'x' hides a value`);
  else assert.equal(shown, raw ?? null, what);
}

function compare(raw: FigureTable, shown: SuppressedTable, what: string): void {
  assert.equal(shown.code, raw.code);
  assert.deepEqual(
    shown.rows.map((r) => r.key),
    raw.rows.map((r) => r.key),
    `${what} rows`,
  );
  for (const m of raw.measures) {
    raw.rows.forEach((row, i) =>
      agrees(shown.rows[i]!.values[m.code], row.values[m.code], m.kind, `${what} ${row.key} ${m.code}`),
    );
    if (raw.total) agrees(shown.total?.[m.code], raw.total[m.code], m.kind, `${what} total ${m.code}`);
    raw.groups?.forEach((g, i) =>
      agrees(shown.groups?.[i]?.values[m.code], g.values[m.code], m.kind, `${what} group ${g.key} ${m.code}`),
    );
  }
}

describe('volumes and durations through the HTTP route', () => {
  let grip: TestApp;
  let beleid: Client;
  let truth: { uniqueClients: Record<string, number>; durations: Record<string, DurationStats> };
  let wijk: string;
  let service: string;

  before(async () => {
    grip = await createTestApp();
    const generated = await generateMunicipality(grip.database, {
      municipality: MC,
      inhabitants: 4_000,
      years: 2,
      seed: 11,
      until: '2026-06',
    });
    truth = generated.truth as typeof truth;
    beleid = await grip.login('beleidsadviseur', MC);
    const busiest = await sql<{ wijk_code: string; service_id: string }>`
      SELECT wijk_code, service_id::text FROM dash_client_year WHERE municipality_code = ${MC} AND year = 2025
      GROUP BY wijk_code, service_id ORDER BY count(*) DESC LIMIT 1`.execute(grip.database.db);
    wijk = busiest.rows[0]!.wijk_code;
    service = busiest.rows[0]!.service_id;
  });
  after(async () => {
    await grip.database.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  const get = async (view: DashboardView, query: string): Promise<{ body: ViewBody; raw: FigureTable[] }> => {
    const response = await beleid.get(`${BASE}/${view.code}?${query}`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as ViewBody;
    const filters = { ...body.filters } as Parameters<DashboardView['load']>[1]['filters'];
    const data = await inTenantTransaction(grip.database, MC, (tx) =>
      view.load(tx, { municipalityCode: MC, filters, language: 'nl' }),
    );
    return { body, raw: data.tables };
  };

  for (const query of [
    'from=2025-01&to=2025-12',
    'from=2025-01&to=2025-12&law=wmo',
    'from=2025-01&to=2025-12&law=jeugdwet&ageGroup=0-17',
    'from=2026-01&to=2026-06',
  ]) {
    test(`volumes ${query}: shown cells equal the raw figures, hidden ones are consistent and safe`, async () => {
      const { body, raw } = await get(volumesView, query);
      assert.deepEqual(
        body.tables.map((t) => t.code),
        raw.map((t) => t.code),
      );
      raw.forEach((table, i) => {
        compare(table, body.tables[i]!, `${query} ${table.code}`);
        assert.deepEqual(attack(table, body.tables[i]!, body.suppression.threshold), [], table.code);
      });
      if (query === 'from=2025-01&to=2025-12') {
        const byLaw = body.tables.find((t) => t.code === 'clients-by-law')!;
        for (const row of byLaw.rows)
          assert.equal(
            row.values.clients,
            truth.uniqueClients[`${row.key}|2025`],
            `${row.key} equals the truth`,
          );
      }
    });
  }

  test('volumes with a wijk and with a service: the same checks, the wijk drills to its buurten', async () => {
    for (const query of [`wijk=${wijk}`, `service=${service}`, `wijk=${wijk}&service=${service}`]) {
      const { body, raw } = await get(volumesView, `from=2025-01&to=2025-12&${query}`);
      raw.forEach((table, i) => {
        compare(table, body.tables[i]!, `${query} ${table.code}`);
        assert.deepEqual(attack(table, body.tables[i]!, body.suppression.threshold), [], table.code);
      });
      if (query === `wijk=${wijk}`) {
        const area = body.tables.find((t) => t.code === 'clients-by-area')!;
        assert.equal(area.mapLevel, 'buurt');
        assert.ok(area.rows.length >= 1);
      }
    }
  });

  test('durations over the generated period: shown cells equal the truth file', async () => {
    const { body, raw } = await get(durationsView, 'from=2024-07&to=2026-06');
    raw.forEach((table, i) => {
      compare(table, body.tables[i]!, table.code);
      assert.deepEqual(attack(table, body.tables[i]!, body.suppression.threshold), [], table.code);
    });
    const codes = await sql<{ id: string; code: string }>`
      SELECT id::text, code FROM service WHERE municipality_code = ${MC}`.execute(grip.database.db);
    const codeOf = new Map(codes.rows.map((r) => [r.id, r.code]));
    const lengths = body.tables.find((t) => t.code === 'durations-by-service')!;
    let shown = 0;
    for (const row of lengths.rows) {
      const want = truth.durations[codeOf.get(row.key)!]!;
      agrees(row.values.ended, want.ended, 'persons', `${row.key} ended`);
      if (typeof row.values.medianDays === 'number') {
        assert.equal(row.values.medianDays, want.medianDays);
        assert.ok(
          want.ended >= body.suppression.threshold,
          'a median is shown only over enough trajectories',
        );
        shown++;
      } else assert.ok(want.ended < body.suppression.threshold || row.values.medianDays === null);
    }
    assert.ok(shown > 5, `${shown} medians shown`);
  });
});
