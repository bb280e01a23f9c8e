/**
 * The regional comparison of the dashboard (issue 8, point 11): the regions of the caller's municipality,
 * and one view for every member on this Grip side by side and in total. Each member is suppressed with its
 * own threshold; an attacker who knows every shown figure, every line of every member and the regional
 * total (with its own lines and the lines "members add up to the total") cannot work out any hidden cell
 * that the member's own figures did not already give away. Municipal filters, unknown regions and regions
 * of others are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { suppressTables } from '../../src/dashboard/dashboard-service.ts';
import { fullRefresh } from '../../src/dashboard/refresh.ts';
import {
  combineRegion,
  type MemberFigures,
  type RegionTable,
} from '../../src/dashboard/region/region-view.ts';
import { DASHBOARD_VIEWS } from '../../src/dashboard/registry.ts';
import type { Cell, FigureTable, Measure } from '../../src/dashboard/view-model.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const hidden = (c: Cell | undefined) => c === '<10' || c === 'x';
const ADDITIVE = new Set<Measure['kind']>(['persons', 'households', 'money', 'count']);

/**
 * Structural attacker: unknowns are the hidden cells, equations every line whose total is known or itself
 * an unknown (a member's column with its total, a two-way row across its series whose total may be
 * published elsewhere, the same for the regional total, and per place "members add up to the total").
 * A hidden cell is recovered when the equations fix it (its unit vector lies in their row space). Returns
 * the labels of the member cells recovered with the total that are not already recovered without it.
 */
function recoveredThroughTotal(table: RegionTable): string[] {
  const measures = table.measures.filter((m) => ADDITIVE.has(m.kind));
  type Part = { rows: { key: string; values: Record<string, Cell> }[]; total?: Record<string, Cell> };
  const build = (withTotal: boolean) => {
    const index = new Map<string, number>();
    const equations: Map<number, number>[] = [];
    const variable = (label: string, cell: Cell | undefined): number | null => {
      if (!hidden(cell)) return null;
      if (!index.has(label)) index.set(label, index.size);
      return index.get(label)!;
    };
    const equation = (terms: { label: string; cell: Cell | undefined; sign: number }[]) => {
      const eq = new Map<number, number>();
      for (const t of terms) {
        const v = variable(t.label, t.cell);
        if (v !== null) eq.set(v, (eq.get(v) ?? 0) + t.sign);
      }
      if (eq.size > 0) equations.push(eq);
    };
    const partLines = (name: string, part: Part) => {
      for (const m of measures) {
        // Column: rows add up to the total (known when shown, an unknown when hidden, else published elsewhere).
        if (!table.overlapping)
          equation([
            ...part.rows.map((r) => ({
              label: `${name}:${r.key}:${m.code}`,
              cell: r.values[m.code],
              sign: 1,
            })),
            ...(part.total ? [{ label: `${name}:total:${m.code}`, cell: part.total[m.code], sign: -1 }] : []),
          ]);
      }
      if (table.series)
        for (const r of part.rows)
          equation(
            measures.map((m) => ({ label: `${name}:${r.key}:${m.code}`, cell: r.values[m.code], sign: 1 })),
          );
    };
    for (const member of table.members) partLines(member.municipalityCode, member);
    if (withTotal) {
      partLines('region', table.regionTotal);
      const places = [
        ...table.regionTotal.rows.map((r) => ({
          key: r.key,
          pick: (p: Part) => p.rows.find((x) => x.key === r.key)?.values,
        })),
        ...(table.regionTotal.total ? [{ key: 'total', pick: (p: Part) => p.total }] : []),
      ];
      for (const place of places)
        for (const m of measures)
          equation([
            ...table.members.map((p) => ({
              label: `${p.municipalityCode}:${place.key}:${m.code}`,
              cell: place.pick(p)?.[m.code],
              sign: 1,
            })),
            {
              label: `region:${place.key}:${m.code}`,
              cell: place.pick(table.regionTotal)?.[m.code],
              sign: -1,
            },
          ]);
    }
    return { index, equations };
  };
  const determined = (system: ReturnType<typeof build>): Set<string> => {
    const n = system.index.size;
    const rows = system.equations.map((eq) => {
      const row = new Array<number>(n).fill(0);
      for (const [v, c] of eq) row[v] = c;
      return row;
    });
    // Reduced row echelon form; a variable is fixed when its pivot row has no free column.
    const pivots: number[] = [];
    let r = 0;
    for (let c = 0; c < n && r < rows.length; c++) {
      const p = rows.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
      if (p < 0) continue;
      [rows[r], rows[p]] = [rows[p]!, rows[r]!];
      const pivot = rows[r]![c]!;
      rows[r] = rows[r]!.map((x) => x / pivot);
      for (let i = 0; i < rows.length; i++) {
        if (i === r || Math.abs(rows[i]![c]!) < 1e-12) continue;
        const f = rows[i]![c]!;
        rows[i] = rows[i]!.map((x, j) => x - f * rows[r]![j]!);
      }
      pivots.push(c);
      r++;
    }
    const pivotSet = new Set(pivots);
    const labels = [...system.index.keys()];
    const out = new Set<string>();
    pivots.forEach((c, i) => {
      const free = rows[i]!.some((x, j) => j !== c && !pivotSet.has(j) && Math.abs(x) > 1e-9);
      if (!free) out.add(labels[c]!);
    });
    return out;
  };
  const without = determined(build(false));
  return [...determined(build(true))].filter((label) => !label.startsWith('region:') && !without.has(label));
}

/** Checks every table of a regional answer: members and total line up, and the total gives nothing away. */
function checkRegionTables(tables: RegionTable[]): void {
  for (const table of tables) {
    assert.deepEqual(
      recoveredThroughTotal(table),
      [],
      `${table.code}: no hidden cell recoverable through the total`,
    );
    for (const m of table.measures) {
      const places = [
        ...table.regionTotal.rows.map((r, i) => ({
          total: r.values[m.code],
          members: table.members.map((p) => p.rows[i]!.values[m.code]),
        })),
        ...(table.regionTotal.total
          ? [{ total: table.regionTotal.total[m.code], members: table.members.map((p) => p.total?.[m.code]) }]
          : []),
      ];
      for (const place of places) {
        if (place.members.some(hidden))
          assert.ok(
            hidden(place.total) || place.total === null,
            `${table.code}:${m.code} total hidden where a member hides`,
          );
        if (ADDITIVE.has(m.kind) && typeof place.total === 'number') {
          const sum = place.members.reduce<number>((s, c) => s + (typeof c === 'number' ? c : 0), 0);
          assert.equal(
            place.total,
            sum,
            `${table.code}:${m.code}: a shown total is the sum of the shown members`,
          );
        }
      }
    }
  }
}

const persons = (code: string, nl: string): Measure => ({
  code,
  label: { nl, en: nl },
  kind: 'persons',
  definition: code,
});

function lawTable(values: Record<string, [number, number]>): FigureTable {
  const measures = [persons('clients', 'Cliënten'), persons('new', 'Nieuw')];
  const rows = Object.entries(values).map(([key, [clients, fresh]]) => ({
    key,
    label: { nl: key, en: key },
    values: { clients, new: fresh },
  }));
  const total = { clients: 0, new: 0 };
  for (const r of rows) {
    total.clients += r.values.clients;
    total.new += r.values.new;
  }
  return {
    code: 'by-law',
    title: { nl: 'Per wet', en: 'By law' },
    dimension: { code: 'law', label: { nl: 'Wet', en: 'Law' } },
    measures,
    rows,
    total,
    chart: 'bar',
  };
}

function wijkTable(values: Record<string, number>): FigureTable {
  const rows = Object.entries(values).map(([key, n]) => ({
    key,
    label: { nl: key, en: key },
    values: { clients: n },
  }));
  return {
    code: 'by-wijk',
    title: { nl: 'Per wijk', en: 'By wijk' },
    dimension: { code: 'wijk', label: { nl: 'Wijk', en: 'Wijk' } },
    measures: [persons('clients', 'Cliënten')],
    rows,
    total: { clients: Object.values(values).reduce((a, b) => a + b, 0) },
    chart: 'map',
    mapLevel: 'wijk',
    drillFilter: 'wijk',
  };
}

function member(code: string, threshold: number, tables: FigureTable[]): MemberFigures {
  return {
    municipalityCode: code,
    name: code,
    threshold,
    dataVersion: 1,
    raw: tables,
    suppressed: suppressTables(tables, threshold),
  };
}

const suppressOne = (table: FigureTable, threshold: number) => suppressTables([table], threshold)[0]!;

describe('regional comparison: combining members (pure)', () => {
  test('each member keeps its own suppression; the total hides wherever a member hides and gives nothing away', () => {
    const a = member('GM0164', 10, [
      lawTable({ wmo: [120, 30], jeugdwet: [4, 2], participatiewet: [30, 11], schuldhulp: [15, 12] }),
      wijkTable({ WK016401: 50, WK016402: 3, WK016403: 40 }),
    ]);
    const b = member('GM0153', 15, [
      lawTable({ wmo: [80, 20], jeugdwet: [40, 16], participatiewet: [12, 1], schuldhulp: [20, 30] }),
      wijkTable({ WK015301: 60, WK015302: 70 }),
    ]);
    const result = combineRegion([a, b], suppressOne);
    assert.equal(result.totalThreshold, 15);
    const byLaw = result.tables.find((t) => t.code === 'by-law')!;
    // The members' parts are exactly their own suppressed tables.
    assert.deepEqual(
      byLaw.members[0]!.rows.map((r) => r.values),
      a.suppressed[0]!.rows.map((r) => r.values),
    );
    assert.deepEqual(
      byLaw.members[1]!.rows.map((r) => r.values),
      b.suppressed[0]!.rows.map((r) => r.values),
    );
    assert.equal(byLaw.members[0]!.rows.find((r) => r.key === 'jeugdwet')!.values.clients, '<10');
    assert.equal(byLaw.members[1]!.rows.find((r) => r.key === 'participatiewet')!.values.clients, '<10');
    // Wmo is shown by both: the total is their sum.
    assert.equal(byLaw.regionTotal.rows.find((r) => r.key === 'wmo')!.values.clients, 200);
    assert.equal(byLaw.regionTotal.rows.find((r) => r.key === 'jeugdwet')!.values.clients, 'x');
    assert.equal(byLaw.regionTotal.rows.find((r) => r.key === 'participatiewet')!.values.clients, 'x');
    checkRegionTables(result.tables);
    // The wijk table is municipal: reduced to one row per municipality, with a note.
    const byWijk = result.tables.find((t) => t.code === 'by-wijk')!;
    assert.equal(byWijk.collapsed, true);
    assert.equal(byWijk.dimension.code, 'municipality');
    assert.deepEqual(
      byWijk.members.map((p) => p.rows.map((r) => r.values.clients)),
      [[93], [130]],
    );
    assert.equal(byWijk.regionTotal.rows[0]!.values.clients, 223);
    assert.equal(byWijk.chart, 'bar');
    assert.equal(byWijk.drillFilter, undefined);
    assert.ok(byWijk.notes!.some((n) => n.nl.includes('één regel per gemeente')));
  });

  test('a small regional total is shown as "<N" with the strictest threshold; overlapping municipal rows are left out', () => {
    const overlapping: FigureTable = {
      ...wijkTable({ WK016401: 5 }),
      code: 'services',
      total: undefined,
      overlapping: true,
      dimension: { code: 'service', label: { nl: 'Voorziening', en: 'Service' } },
    };
    const a = member('GM0164', 5, [lawTable({ wmo: [6, 0], jeugdwet: [50, 20] }), overlapping]);
    const b = member('GM0153', 12, [
      lawTable({ wmo: [0, 0], jeugdwet: [70, 30] }),
      { ...overlapping, rows: [] },
    ]);
    const result = combineRegion([a, b], suppressOne);
    const byLaw = result.tables.find((t) => t.code === 'by-law')!;
    // GM0164 shows 6 (its threshold is 5); the region's total of 6 is below 12.
    assert.equal(byLaw.members[0]!.rows[0]!.values.clients, 6);
    assert.equal(byLaw.regionTotal.rows[0]!.values.clients, '<10');
    assert.equal(
      result.tables.some((t) => t.code === 'services'),
      false,
    );
    assert.ok(result.notes.some((n) => n.en.includes('left out')));
    checkRegionTables(result.tables);
  });

  test('random tables: the attacker never recovers a hidden cell through the total', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const value = () => (random() < 0.35 ? Math.floor(random() * 12) : Math.floor(random() * 200));
    for (let round = 0; round < 60; round++) {
      const laws = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp'];
      const members = ['GM0164', 'GM0153', 'GM0141']
        .slice(0, 2 + (round % 2))
        .map((code, i) =>
          member(code, [10, 15, 5][i]!, [
            lawTable(Object.fromEntries(laws.map((l) => [l, [value(), value()]]))),
          ]),
        );
      checkRegionTables(combineRegion(members, suppressOne).tables);
    }
  });
});

describe('regional comparison over HTTP (GM0164 Hengelo and GM0153 Enschede, region Twente)', () => {
  let grip: TestApp;
  let hengelo: Client;
  let enschede: Client;
  const period = 'from=2026-01&to=2026-06';

  before(async () => {
    grip = await createTestApp();
    for (const [municipality, seed] of [
      ['GM0164', 11],
      ['GM0153', 12],
    ] as const) {
      await generateMunicipality(grip.database, {
        municipality,
        inhabitants: 3_000,
        years: 1,
        seed,
        until: '2026-06',
      });
      await fullRefresh(grip.database, municipality);
    }
    // Different thresholds, so each member's own rule is visible.
    await grip.database.db
      .updateTable('municipality')
      .set({ suppression_threshold: 15 } as never)
      .where('code', '=', 'GM0153')
      .execute();
    hengelo = await grip.login('beleidsadviseur');
    enschede = await grip.login('beleidsadviseur', 'GM0153');
  });
  after(async () => {
    await grip.database.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grip.close();
  });

  test('the regions of the municipality, with the members that run on this Grip', async () => {
    const response = await hengelo.get('/api/v1/dashboard/regions');
    assert.equal(response.statusCode, 200, response.body);
    const twente = response.json().items.find((r: { code: string }) => r.code === 'twente');
    assert.ok(twente, 'Hengelo is in Regio Twente');
    assert.equal(twente.members.length, 14);
    const onServer = twente.members
      .filter((m: { onThisServer: boolean }) => m.onThisServer)
      .map((m: { municipalityCode: string }) => m.municipalityCode);
    assert.deepEqual(onServer.sort(), ['GM0153', 'GM0164']);
  });

  test('every view: each member as on its own screen (own threshold), the total gives nothing away', async () => {
    const seen = { tables: 0, memberHidden: 0, totalHidden: 0, collapsed: 0 };
    for (const view of DASHBOARD_VIEWS) {
      const response = await hengelo.get(`/api/v1/dashboard/regions/twente/views/${view.code}?${period}`);
      assert.equal(response.statusCode, 200, `${view.code}: ${response.body}`);
      const body = response.json();
      assert.deepEqual(body.filters, { from: '2026-01', to: '2026-06' });
      assert.deepEqual(
        body.members
          .slice(0, 2)
          .map((m: { municipalityCode: string; status: string; threshold: number }) => [
            m.municipalityCode,
            m.status,
            m.threshold,
          ]),
        [
          ['GM0164', 'gegevens', 10],
          ['GM0153', 'gegevens', 15],
        ],
      );
      assert.equal(body.members.filter((m: { status: string }) => m.status === 'geen-gegevens').length, 12);
      assert.equal(body.suppression.totalThreshold, 15);
      const own = {
        GM0164: (await hengelo.get(`/api/v1/dashboard/views/${view.code}?${period}`)).json(),
        GM0153: (await enschede.get(`/api/v1/dashboard/views/${view.code}?${period}`)).json(),
      };
      for (const table of body.tables as RegionTable[]) {
        for (const part of table.members) {
          const screen = own[part.municipalityCode as 'GM0164' | 'GM0153'].tables.find(
            (t: { code: string }) => t.code === table.code,
          );
          assert.ok(screen, `${table.code} is on ${part.municipalityCode}'s own screen`);
          if (table.collapsed) {
            assert.deepEqual(
              part.rows[0]!.values,
              screen.total,
              `${table.code}: collapsed to the screen's total`,
            );
            continue;
          }
          for (const row of part.rows) {
            const onScreen = screen.rows.find((r: { key: string }) => r.key === row.key);
            for (const [code, cell] of Object.entries(row.values))
              assert.deepEqual(
                cell,
                onScreen ? onScreen.values[code] : null,
                `${view.code}/${table.code}/${part.municipalityCode}/${row.key}/${code}`,
              );
          }
          // Enschede's own threshold: no count of persons from 1 to 14 is shown.
          if (part.municipalityCode === 'GM0153')
            for (const m of table.measures.filter((x) => x.kind === 'persons' || x.kind === 'households'))
              for (const row of part.rows) {
                const v = row.values[m.code];
                assert.ok(
                  !(typeof v === 'number' && v > 0 && v < 15),
                  `${table.code}/${row.key}/${m.code}: ${v} shown under 15`,
                );
              }
        }
      }
      checkRegionTables(body.tables);
      for (const table of body.tables as RegionTable[]) {
        seen.tables++;
        if (table.collapsed) seen.collapsed++;
        const cells = (part: { rows: { values: Record<string, Cell> }[] }) =>
          part.rows.flatMap((r) => Object.values(r.values));
        seen.memberHidden += table.members.flatMap(cells).filter(hidden).length;
        seen.totalHidden += cells(table.regionTotal).filter((c) => c === 'x').length;
      }
    }
    // Not a vacuous check: the views have tables, members hide cells, and the total hides because of them.
    assert.ok(seen.tables >= 10, `${seen.tables} tables`);
    assert.ok(seen.memberHidden > 0 && seen.totalHidden > 0 && seen.collapsed > 0, JSON.stringify(seen));
  });

  test('a region the municipality is not a member of, or does not exist, is not found; other roles are refused', async () => {
    await grip.database.db
      .insertInto('region')
      .values({ code: 'test-noord', name: 'Test Noord', kind: 'jeugdregio' })
      .execute();
    await grip.database.db
      .insertInto('region_member')
      .values({ region_code: 'test-noord', municipality_code: 'GM0153', municipality_name: 'Enschede' })
      .execute();
    const other = await hengelo.get(`/api/v1/dashboard/regions/test-noord/views/volumes?${period}`);
    assert.equal(other.statusCode, 404);
    assert.match(String(other.headers['content-type']), /application\/problem\+json/);
    assert.equal(
      (await enschede.get(`/api/v1/dashboard/regions/test-noord/views/volumes?${period}`)).statusCode,
      200,
    );
    assert.equal((await hengelo.get('/api/v1/dashboard/regions/nergens/views/volumes')).statusCode, 404);
    assert.equal((await hengelo.get('/api/v1/dashboard/regions/twente/views/bestaat-niet')).statusCode, 404);
    const listed = (await hengelo.get('/api/v1/dashboard/regions'))
      .json()
      .items.map((r: { code: string }) => r.code);
    assert.ok(!listed.includes('test-noord'));
    const medewerker = await grip.login('toegang-medewerker');
    assert.equal((await medewerker.get('/api/v1/dashboard/regions')).statusCode, 403);
    assert.equal((await medewerker.get(`/api/v1/dashboard/regions/twente/views/volumes`)).statusCode, 403);
    assert.equal((await grip.anonymous().get('/api/v1/dashboard/regions')).statusCode, 401);
  });

  test('bad filters: municipal filters, a wrong period, unknown fields → 400 problem+json with field details', async () => {
    const wijk = await hengelo.get(
      '/api/v1/dashboard/regions/twente/views/volumes?wijk=WK016401&provider=00000000-0000-4000-8000-000000000000',
    );
    assert.equal(wijk.statusCode, 400);
    assert.match(String(wijk.headers['content-type']), /application\/problem\+json/);
    const params = wijk
      .json()
      .invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`);
    assert.deepEqual(params.sort(), [
      'query.provider:not-offered-in-region',
      'query.wijk:not-offered-in-region',
    ]);
    assert.ok(wijk.json().invalidParams[0].nl.includes('regiovergelijking'));
    for (const query of [
      'from=2026-13',
      'from=2026-06&to=2026-01',
      'law=bijstand',
      'ageGroup=old',
      'extra=1',
    ]) {
      const response = await hengelo.get(`/api/v1/dashboard/regions/twente/views/volumes?${query}`);
      assert.equal(response.statusCode, 400, query);
      assert.ok(response.json().invalidParams.length > 0, query);
    }
    assert.equal((await hengelo.get('/api/v1/dashboard/regions?x=1')).statusCode, 400);
    assert.equal((await hengelo.get('/api/v1/dashboard/regions/TWENTE!/views/volumes')).statusCode, 400);
  });
});
