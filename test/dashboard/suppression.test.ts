import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { suppressTable, suppressionRule } from '../../src/dashboard/suppression.ts';
import type { FigureTable, Measure, SuppressedTable } from '../../src/dashboard/view-model.ts';
import { attack } from './suppression-attacker.ts';

const label = (s: string) => ({ nl: s, en: s });
const persons = (code: string): Measure => ({ code, label: label(code), kind: 'persons', definition: 'd' });

function oneWay(values: number[], options: { total?: boolean } = {}): FigureTable {
  const rows = values.map((v, i) => ({ key: `r${i}`, label: label(`r${i}`), values: { clients: v } }));
  return {
    code: 'one',
    title: label('one'),
    dimension: { code: 'wijk', label: label('wijk') },
    measures: [persons('clients')],
    rows,
    ...(options.total === false ? {} : { total: { clients: values.reduce((a, b) => a + b, 0) } }),
    chart: 'bar',
  };
}

function twoWay(matrix: number[][]): FigureTable {
  const series = matrix[0]!.map((_, c) => `s${c}`);
  return {
    code: 'two',
    title: label('two'),
    dimension: { code: 'month', label: label('month') },
    series: { code: 'law', label: label('law') },
    measures: series.map(persons),
    rows: matrix.map((row, r) => ({
      key: `m${r}`,
      label: label(`m${r}`),
      values: Object.fromEntries(row.map((v, c) => [series[c]!, v])),
    })),
    total: Object.fromEntries(series.map((s, c) => [s, matrix.reduce((sum, row) => sum + row[c]!, 0)])),
    chart: 'stacked-bar',
  };
}

function grouped(groupsOfRows: number[][]): FigureTable {
  const rows = groupsOfRows.flatMap((g, gi) =>
    g.map((v, i) => ({ key: `b${gi}-${i}`, label: label('b'), group: `w${gi}`, values: { clients: v } })),
  );
  return {
    code: 'grouped',
    title: label('grouped'),
    dimension: { code: 'buurt', label: label('buurt') },
    measures: [persons('clients')],
    rows,
    groups: groupsOfRows.map((g, gi) => ({
      key: `w${gi}`,
      label: label('w'),
      values: { clients: g.reduce((a, b) => a + b, 0) },
    })),
    total: { clients: groupsOfRows.flat().reduce((a, b) => a + b, 0) },
    chart: 'map',
    mapLevel: 'buurt',
  };
}

/** Every shown number equals the raw one, '<10' exactly where the raw count is small. */
function assertConsistent(raw: FigureTable, out: SuppressedTable, threshold: number) {
  const check = (rawValues: Record<string, number | null>, cells: Record<string, unknown>, where: string) => {
    for (const m of raw.measures) {
      const v = rawValues[m.code] ?? null;
      const c = cells[m.code];
      if (m.kind === 'persons' || m.kind === 'households') {
        if (v !== null && v > 0 && v < threshold) assert.equal(c, '<10', `${where} ${m.code}: small ${v}`);
        else assert.ok(c === v || c === 'x', `${where} ${m.code}: ${String(c)} for ${v}`);
      } else assert.ok(c === v || c === 'x', `${where} ${m.code}: ${String(c)} for ${v}`);
    }
  };
  raw.rows.forEach((row, i) => check(row.values, out.rows[i]!.values, row.key));
  if (raw.total) check(raw.total, out.total!, 'total');
  raw.groups?.forEach((g, i) => check(g.values, out.groups![i]!.values, g.key));
}

function assertSafe(raw: FigureTable, threshold: number): SuppressedTable {
  const out = suppressTable(raw, threshold);
  assertConsistent(raw, out, threshold);
  assert.deepEqual(attack(raw, out, threshold), [], JSON.stringify({ raw, out }));
  return out;
}

describe('dashboard suppression', () => {
  test('one-way: a small count becomes <10 and the smallest other is hidden too', () => {
    const out = assertSafe(oneWay([25, 3, 40, 12]), 10);
    assert.deepEqual(
      out.rows.map((r) => r.values.clients),
      [25, '<10', 40, 'x'],
    );
    assert.equal(out.total!.clients, 80);
    assert.deepEqual(out.suppressed, { primary: 1, secondary: 1 });
  });

  test('zero is shown and nothing is hidden without small counts', () => {
    const out = assertSafe(oneWay([0, 10, 25, 0]), 10);
    assert.deepEqual(
      out.rows.map((r) => r.values.clients),
      [0, 10, 25, 0],
    );
    assert.deepEqual(out.suppressed, { primary: 0, secondary: 0 });
  });

  test('without a total in the table, the total is assumed known elsewhere', () => {
    const out = assertSafe(oneWay([30, 4, 50], { total: false }), 10);
    assert.deepEqual(
      out.rows.map((r) => r.values.clients),
      ['x', '<10', 50],
    );
  });

  test('two hidden small counts that add up to less than the threshold take a third', () => {
    const out = assertSafe(oneWay([2, 3, 40, 60]), 10);
    assert.deepEqual(
      out.rows.map((r) => r.values.clients),
      ['<10', '<10', 'x', 60],
    );
  });

  test('another threshold: 5 hides 1..4 only, the label stays <10 and the rule text names 5', () => {
    const out = assertSafe(oneWay([4, 7, 30, 6]), 5);
    assert.deepEqual(
      out.rows.map((r) => r.values.clients),
      ['<10', 7, 30, 'x'],
    );
    assert.match(suppressionRule(5).nl, /"<5"/);
    assert.match(suppressionRule(20).en, /from 1 to 19/);
  });

  test('two-way with series: rows across the series and columns down the months are lines', () => {
    const raw = twoWay([
      [30, 2, 40],
      [35, 20, 41],
      [50, 25, 3],
    ]);
    const out = assertSafe(raw, 10);
    const hiddenInColumn = (code: string) =>
      out.rows.filter((r) => r.values[code] === '<10' || r.values[code] === 'x').length;
    assert.equal(out.rows[0]!.values.s1, '<10');
    assert.equal(out.rows[2]!.values.s2, '<10');
    assert.ok(hiddenInColumn('s1') >= 2 && hiddenInColumn('s2') >= 2, 'no column has one hidden cell');
    assert.deepEqual(out.total, { s0: 115, s1: 47, s2: 84 });
  });

  test('a reader who knows an x is at least the threshold cannot pin a small count', () => {
    // Column s0: 1 + 10 = 11 shown; with only the plain line rule the 10 would be the one 'x' and, since an
    // 'x' is ≥ 10, the <10 would be exactly 1.
    assertSafe(
      twoWay([
        [1, 14, 30],
        [10, 30, 30],
        [0, 30, 30],
      ]),
      10,
    );
  });

  test('groups: buurten within wijken, the wijk subtotals and the total are lines', () => {
    const out = assertSafe(
      grouped([
        [20, 4, 30],
        [15, 15],
        [6, 40, 12],
      ]),
      10,
    );
    assert.equal(out.rows[1]!.values.clients, '<10');
    assert.ok(out.groups!.every((g) => typeof g.values.clients === 'number' || g.values.clients === 'x'));
  });

  test('money only with enough persons behind it, and never the only hidden amount of a line', () => {
    const raw: FigureTable = {
      code: 'money',
      title: label('money'),
      dimension: { code: 'service', label: label('service') },
      measures: [
        persons('clients'),
        { code: 'spent', label: label('spent'), kind: 'money', definition: 'd', basisMeasure: 'clients' },
        { code: 'budget', label: label('budget'), kind: 'money', definition: 'd' },
      ],
      rows: [
        { key: 'a', label: label('a'), values: { clients: 5, spent: 500_00, budget: 1000_00 } },
        { key: 'b', label: label('b'), values: { clients: 30, spent: 9000_00, budget: 1000_00 } },
        { key: 'c', label: label('c'), values: { clients: 12, spent: 3000_00, budget: 1000_00 } },
        { key: 'd', label: label('d'), values: { clients: 0, spent: 0, budget: 1000_00 } },
      ],
      total: { clients: 47, spent: 12_500_00, budget: 4000_00 },
      chart: 'bar',
    };
    const out = assertSafe(raw, 10);
    assert.equal(out.rows[0]!.values.spent, 'x');
    assert.equal(out.rows[2]!.values.spent, 'x', 'the amount with the fewest persons is hidden as well');
    assert.equal(out.rows[1]!.values.spent, 9000_00);
    assert.equal(out.total!.spent, 12_500_00);
    assert.ok(
      out.rows.every((r) => typeof r.values.budget === 'number'),
      'money without persons is shown',
    );
  });

  test('percentages need a denominator ≥ threshold and a shown numerator; days and scores a basis', () => {
    const raw: FigureTable = {
      code: 'pct',
      title: label('pct'),
      dimension: { code: 'law', label: label('law') },
      measures: [
        persons('open'),
        persons('all'),
        {
          code: 'share',
          label: label('share'),
          kind: 'percentage',
          definition: 'd',
          numeratorMeasure: 'open',
          denominatorMeasure: 'all',
        },
        { code: 'median', label: label('median'), kind: 'days', definition: 'd', basisMeasure: 'all' },
        { code: 'change', label: label('change'), kind: 'score', definition: 'd', basisMeasure: 'all' },
        { code: 'places', label: label('places'), kind: 'count', definition: 'd' },
      ],
      rows: [
        {
          key: 'a',
          label: label('a'),
          values: { open: 4, all: 50, share: 8, median: 100, change: 0.5, places: 3 },
        },
        {
          key: 'b',
          label: label('b'),
          values: { open: 20, all: 8, share: 250, median: 90, change: 1, places: 2 },
        },
        {
          key: 'c',
          label: label('c'),
          values: { open: 30, all: 60, share: 50, median: 80, change: 2, places: 1 },
        },
        {
          key: 'd',
          label: label('d'),
          values: { open: 25, all: 70, share: null, median: null, change: 1, places: 0 },
        },
      ],
      chart: 'table',
    };
    const out = assertSafe(raw, 10);
    const v = out.rows.map((r) => r.values);
    assert.equal(v[0]!.share, 'x', 'numerator hidden');
    assert.equal(v[1]!.share, 'x', 'denominator below threshold');
    assert.equal(v[1]!.median, 'x');
    assert.equal(v[1]!.change, 'x');
    assert.equal(v[0]!.median, 100);
    assert.equal(v[3]!.share, null, 'no value stays no value');
    assert.deepEqual(
      v.map((r) => r.places),
      [3, 2, 1, 0],
      'counts of things are never hidden',
    );
  });

  test('random tables: the attacker recovers no small count from any line, total or combination', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const value = () => (random() < 0.3 ? Math.floor(random() * 10) : Math.floor(random() * 60));
    let hidden = 0;
    for (let i = 0; i < 300; i++) {
      const threshold = [5, 10, 10, 15][i % 4]!;
      const kind = i % 3;
      const raw =
        kind === 0
          ? oneWay(Array.from({ length: 2 + Math.floor(random() * 8) }, value), { total: random() < 0.5 })
          : kind === 1
            ? ((columns: number) =>
                twoWay(
                  Array.from({ length: 2 + Math.floor(random() * 4) }, () =>
                    Array.from({ length: columns }, value),
                  ),
                ))(2 + Math.floor(random() * 3))
            : grouped(
                Array.from({ length: 2 + Math.floor(random() * 3) }, () =>
                  Array.from({ length: 1 + Math.floor(random() * 4) }, value),
                ),
              );
      const out = assertSafe(raw, threshold);
      hidden += out.suppressed.primary;
    }
    assert.ok(hidden > 100, 'the random tables did contain small counts');
  });
});
