import type { Bilingual } from '../platform/http/problem.ts';
import { SUPPRESSION_THRESHOLD } from '../intake/report-suppression.ts';
import type { Cell, FigureTable, Measure, SuppressedRow, SuppressedTable } from './view-model.ts';

/**
 * Small-count suppression of dashboard tables (issue 8, DESIGN.md §4.4), generic over FigureTable. It
 * generalises the rule of the registration report (src/intake/report-suppression.ts) from one grid of
 * counts to the tables the dashboard views return: several measures per row, two-way tables (series),
 * buurten grouped under their wijk, and measures that are not counts.
 *
 * Counts of persons and households (per "grid": one measure column, or all series columns together):
 *  1. Primary: 1..threshold−1 → '<10'. Zero is shown.
 *  2. Lines: every column (rows with the column total), every group (its rows with the group's value),
 *     the groups with the total, and in a two-way table every row across the series. A line's total is
 *     assumed to be known to a reader even where the table does not show it (it may be published in
 *     another view), unless that total is itself a small number. In a line with a known total a hidden
 *     cell is never the only hidden one, and the hidden cells together count at least `threshold`;
 *     where a line breaks this the smallest shown non-zero cell of it is hidden as well ('x').
 *  3. Audit: a reader who knows the rule knows that '<10' lies in 1..threshold−1 and an 'x' is at least
 *     `threshold`. Bounds are propagated over all lines; where that pins a small count (or a small total)
 *     to one value, one more cell of one of its lines is hidden, and everything is checked again.
 * Money: hidden where the row's basis (a persons measure) is 1..threshold−1, plus rule 2 without the
 * "at least threshold" part (a hidden amount is never the only hidden one in a line with a known total).
 * Percentages: shown only where the denominator is ≥ threshold and neither the numerator nor the
 * denominator cell is hidden in this table. Days and scores: shown only where their basis is ≥ threshold.
 * Counts of things ('count') are never suppressed. Views give exact numbers; only this module hides.
 */

export { SUPPRESSION_THRESHOLD };

export function suppressionRule(threshold: number): Bilingual {
  const t = threshold;
  return {
    nl:
      `Aantallen personen of huishoudens van 1 tot en met ${t - 1} staan er als "<${t}". Zodat zo'n aantal niet ` +
      'terug te rekenen is uit een totaal (van een rij, kolom, wijk of de hele gemeente, ook als dat totaal in een ' +
      `andere weergave staat), is in zo'n rij of kolom nog minstens één ander getal verborgen ("x") en tellen de ` +
      `verborgen aantallen samen op tot minstens ${t}. Bedragen staan er alleen bij minstens ${t} cliënten, ` +
      `percentages alleen bij een noemer van minstens ${t}, duur en scores alleen bij minstens ${t} personen. ` +
      'Nul wordt getoond.',
    en:
      `Counts of persons or households from 1 to ${t - 1} are shown as "<${t}". So that such a count cannot be ` +
      'worked out from a total (of a row, column, wijk or the whole municipality, also when that total is shown ' +
      'in another view), at least one other figure of that row or column is hidden ("x") and the hidden counts ' +
      `add up to at least ${t}. Amounts are shown only for at least ${t} clients, percentages only with a ` +
      `denominator of at least ${t}, durations and scores only for at least ${t} persons. Zero is shown.`,
  };
}

type State = 'shown' | 'primary' | 'secondary';

/** One number taking part in suppression; virtual ones are line totals the table does not carry. */
interface Element {
  value: number;
  state: State;
  virtual: boolean;
  /** For money: the persons behind the amount (orders which amount is hidden next). */
  basis: number;
}

interface Line {
  members: number[];
  total: number;
}

interface Grid {
  elements: Element[];
  lines: Line[];
}

const isCountKind = (m: Measure) => m.kind === 'persons' || m.kind === 'households';

export function suppressTables(tables: FigureTable[], threshold: number): SuppressedTable[] {
  return tables.map((t) => suppressTable(t, threshold));
}

export function suppressTable(table: FigureTable, threshold: number): SuppressedTable {
  if (!Number.isInteger(threshold) || threshold < 2) throw new RangeError('threshold must be an integer ≥ 2');
  const groups = table.groups ?? [];
  // Output cells: [row | group | total] × measure; filled per measure kind below.
  const rowCells: Record<string, Cell>[] = table.rows.map(() => ({}));
  const groupCells: Record<string, Cell>[] = groups.map(() => ({}));
  const totalCells: Record<string, Cell> = {};
  let primary = 0;
  let secondary = 0;

  const raw = (where: 'row' | 'group' | 'total', index: number, code: string): number | null => {
    const values =
      where === 'row' ? table.rows[index]!.values : where === 'group' ? groups[index]!.values : table.total;
    const v = values?.[code];
    return v === undefined ? null : v;
  };
  const cellsOf = (where: 'row' | 'group' | 'total', index: number) =>
    where === 'row' ? rowCells[index]! : where === 'group' ? groupCells[index]! : totalCells;

  // Counts and money go through grids; one per measure, or one for all series columns together.
  const gridKinds: { mode: 'count' | 'money'; columns: Measure[] }[] = [];
  const counts = table.measures.filter(isCountKind);
  const money = table.measures.filter((m) => m.kind === 'money');
  for (const [mode, list] of [
    ['count', counts],
    ['money', money],
  ] as const) {
    if (list.length === 0) continue;
    if (table.series) gridKinds.push({ mode, columns: list });
    else for (const m of list) gridKinds.push({ mode, columns: [m] });
  }

  for (const { mode, columns } of gridKinds) {
    const built = buildGrid(table, columns, threshold, mode, raw);
    if (mode === 'count') protectCounts(built.grid, threshold);
    else protectMoney(built.grid);
    for (const [place, elementIndex] of built.placed) {
      const [where, index, code] = place;
      const element = built.grid.elements[elementIndex]!;
      const value = raw(where, index, code);
      let cell: Cell = value;
      if (value !== null && element.state === 'primary') {
        cell = mode === 'count' ? '<10' : 'x';
        if (mode === 'count') primary++;
        else secondary++;
      } else if (value !== null && element.state === 'secondary') {
        cell = 'x';
        secondary++;
      }
      cellsOf(where, index)[code] = cell;
    }
  }

  // Per-cell measures: percentages, days, scores, counts of things. They look at the hidden state of
  // the count cells decided above.
  const places: ['row' | 'group' | 'total', number][] = [
    ...table.rows.map((_, i) => ['row', i] as ['row', number]),
    ...groups.map((_, i) => ['group', i] as ['group', number]),
    ...(table.total ? [['total', 0] as ['total', number]] : []),
  ];
  for (const m of table.measures) {
    if (isCountKind(m) || m.kind === 'money') continue;
    for (const [where, index] of places) {
      const value = raw(where, index, m.code);
      const out = cellsOf(where, index);
      if (value === null) {
        out[m.code] = null;
        continue;
      }
      let show = true;
      if (m.kind === 'percentage') {
        const denominator = m.denominatorMeasure ? raw(where, index, m.denominatorMeasure) : null;
        show = denominator !== null && denominator >= threshold;
        for (const code of [m.numeratorMeasure, m.denominatorMeasure]) {
          const c = code ? out[code] : undefined;
          if (c === '<10' || c === 'x') show = false;
        }
      } else if (m.kind === 'days' || m.kind === 'score') {
        const basis = m.basisMeasure ? raw(where, index, m.basisMeasure) : null;
        show = basis !== null && basis >= threshold;
      }
      out[m.code] = show ? value : 'x';
      if (!show) secondary++;
    }
  }

  const rows: SuppressedRow[] = table.rows.map((row, i) => ({ ...row, values: rowCells[i]! }));
  const { rows: _rows, total: _total, groups: _groups, ...rest } = table;
  return {
    ...rest,
    rows,
    ...(table.total ? { total: totalCells } : {}),
    ...(table.groups ? { groups: groups.map((g, i) => ({ ...g, values: groupCells[i]! })) } : {}),
    suppressed: { primary, secondary },
  };
}

type Place = ['row' | 'group' | 'total', number, string];

/**
 * Elements and lines of one grid. Line totals that the table lacks, or that do not equal the sum of
 * their members (overlapping rows), are virtual: a reader may know them from elsewhere.
 */
function buildGrid(
  table: FigureTable,
  columns: Measure[],
  threshold: number,
  mode: 'count' | 'money',
  raw: (where: 'row' | 'group' | 'total', index: number, code: string) => number | null,
): { grid: Grid; placed: [Place, number][] } {
  const elements: Element[] = [];
  const lines: Line[] = [];
  const placed: [Place, number][] = [];
  const groups = table.groups ?? [];
  const basisOf = (where: 'row' | 'group' | 'total', index: number, m: Measure) =>
    m.basisMeasure ? (raw(where, index, m.basisMeasure) ?? 0) : 0;

  const add = (value: number, state: State, virtual: boolean, basis: number): number => {
    elements.push({ value, state, virtual, basis });
    return elements.length - 1;
  };
  const real = (where: 'row' | 'group' | 'total', index: number, m: Measure): number => {
    const value = raw(where, index, m.code) ?? 0;
    if (mode === 'count' && (!Number.isInteger(value) || value < 0)) {
      throw new RangeError(`${table.code}: a count must be a whole number ≥ 0, got ${value} (${m.code})`);
    }
    const basis = basisOf(where, index, m);
    const small =
      mode === 'count'
        ? value > 0 && value < threshold
        : m.basisMeasure !== undefined && basis > 0 && basis < threshold;
    const i = add(value, small ? 'primary' : 'shown', false, mode === 'count' ? value : basis);
    placed.push([[where, index, m.code], i]);
    return i;
  };
  /**
   * A total the table does not show. Column totals are assumed known from elsewhere (the city or wijk
   * total of the same figure) unless small; row totals across a series and the grand total are unknown to
   * the reader beyond what the lines give (an unknown one is at least the threshold, or small, or zero).
   */
  const virtual = (value: number, basis: number, assumedKnown: boolean): number => {
    const small = mode === 'count' && value > 0 && value < threshold;
    const state: State = small
      ? 'primary'
      : assumedKnown || value === 0 || mode === 'money'
        ? 'shown'
        : 'secondary';
    return add(value, state, true, basis);
  };
  /** The line total: the explicit element when it equals the sum of the members, else a virtual one. */
  const totalFor = (members: number[], explicit: number | null, assumedKnown = true): number => {
    const sum = members.reduce((s, i) => s + elements[i]!.value, 0);
    if (explicit !== null && elements[explicit]!.value === sum) return explicit;
    const basis = members.reduce((s, i) => s + elements[i]!.basis, 0);
    return virtual(sum, basis, assumedKnown);
  };

  const rowEl = table.rows.map((_, r) => columns.map((m) => real('row', r, m)));
  const groupEl = groups.map((_, g) => columns.map((m) => real('group', g, m)));
  const totalEl = table.total ? columns.map((m) => real('total', 0, m)) : null;

  const columnTotals: number[] = [];
  columns.forEach((_, c) => {
    const members = rowEl.map((row) => row[c]!);
    const total = totalFor(members, totalEl ? totalEl[c]! : null);
    columnTotals.push(total);
    lines.push({ members, total });
    if (groups.length > 0) {
      const groupTotals = groups.map((group, g) => {
        const inGroup = table.rows.flatMap((row, r) => (row.group === group.key ? [rowEl[r]![c]!] : []));
        const t = totalFor(inGroup, groupEl[g]![c]!);
        lines.push({ members: inGroup, total: t });
        return t;
      });
      if (table.rows.every((row) => groups.some((g) => g.key === row.group))) {
        lines.push({ members: groupTotals, total });
      }
    }
  });
  if (columns.length > 1) {
    const rowTotals = rowEl.map((members) => {
      const t = totalFor(members, null, false);
      lines.push({ members, total: t });
      return t;
    });
    for (const members of groupEl) lines.push({ members, total: totalFor(members, null, false) });
    const grand = totalFor(columnTotals, null, false);
    lines.push({ members: columnTotals, total: grand });
    if (rowTotals.length > 0) lines.push({ members: rowTotals, total: grand });
  }
  return { grid: { elements, lines }, placed };
}

function pickCandidate(
  grid: Grid,
  line: Line,
  order: (a: Element, b: Element) => number,
): number | undefined {
  const shown = (i: number) => {
    const e = grid.elements[i]!;
    return !e.virtual && e.state === 'shown' && e.value > 0;
  };
  const candidates = line.members
    .filter(shown)
    .sort((a, b) => order(grid.elements[a]!, grid.elements[b]!) || a - b);
  if (candidates[0] !== undefined) return candidates[0];
  return shown(line.total) ? line.total : undefined;
}

const hidden = (e: Element) => e.state !== 'shown';

/** Rule 2 and 3 for counts, until no line breaks them. */
function protectCounts(grid: Grid, threshold: number): void {
  const byValue = (a: Element, b: Element) => a.value - b.value;
  for (let round = 0; round < 10_000; round++) {
    let changed = false;
    for (const line of grid.lines) {
      const hiddenMembers = line.members.filter((i) => hidden(grid.elements[i]!));
      const totalHidden = hidden(grid.elements[line.total]!);
      if (hiddenMembers.length === 0 && !totalHidden) continue;
      const hiddenSum = hiddenMembers.reduce((s, i) => s + grid.elements[i]!.value, 0);
      // An unknown total that is not small may be worked out: only a small one must stay hidden.
      const safe = totalHidden
        ? grid.elements[line.total]!.state !== 'primary' || hiddenMembers.length >= 1
        : hiddenMembers.length >= 2 && hiddenSum >= threshold;
      if (safe) continue;
      const pick = pickCandidate(grid, line, byValue);
      if (pick === undefined) continue;
      grid.elements[pick]!.state = 'secondary';
      changed = true;
    }
    if (changed) continue;
    // Audit: can a reader pin a small number through the bounds of all lines together?
    const pinned = pinnedSmallElements(grid, threshold);
    for (const element of pinned) {
      const options = grid.lines
        .filter((l) => l.total === element || l.members.includes(element))
        .map((l) => pickCandidate(grid, l, byValue))
        .filter((i): i is number => i !== undefined)
        .sort((a, b) => grid.elements[a]!.value - grid.elements[b]!.value);
      if (options[0] !== undefined) {
        grid.elements[options[0]]!.state = 'secondary';
        changed = true;
        break;
      }
    }
    if (!changed) return;
  }
}

/**
 * Bounds a reader can derive: shown values exactly, '<10' in 1..t−1, 'x' ≥ t, propagated over the line
 * equations until nothing narrows. Returns small hidden elements whose bounds collapsed to one value.
 */
/** Upper bound of an 'x' (finite, so sums of bounds stay numbers). */
const UNBOUNDED = 1e12;

export function pinnedSmallElements(grid: Grid, threshold: number): number[] {
  const lo = grid.elements.map((e) =>
    e.state === 'shown' ? e.value : e.state === 'primary' ? 1 : threshold,
  );
  const hi = grid.elements.map((e) =>
    e.state === 'shown' ? e.value : e.state === 'primary' ? threshold - 1 : UNBOUNDED,
  );
  for (let round = 0; round < 200; round++) {
    let changed = false;
    for (const { members, total } of grid.lines) {
      let sumLo = 0;
      let sumHi = 0;
      for (const i of members) {
        sumLo += lo[i]!;
        sumHi += hi[i]!;
      }
      for (const i of members) {
        if (grid.elements[i]!.state === 'shown') continue;
        const newLo = Math.max(lo[i]!, lo[total]! - (sumHi - hi[i]!));
        const newHi = Math.min(hi[i]!, hi[total]! - (sumLo - lo[i]!));
        if (newLo > lo[i]! || newHi < hi[i]!) {
          sumLo += newLo - lo[i]!;
          sumHi += newHi - hi[i]!;
          lo[i] = newLo;
          hi[i] = newHi;
          changed = true;
        }
      }
      if (grid.elements[total]!.state !== 'shown') {
        const newLo = Math.max(lo[total]!, sumLo);
        const newHi = Math.min(hi[total]!, sumHi);
        if (newLo > lo[total]! || newHi < hi[total]!) {
          lo[total] = newLo;
          hi[total] = newHi;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const pinned = grid.elements.flatMap((e, i) => (e.state === 'primary' && lo[i]! >= hi[i]! ? [i] : []));
  return pinned.length > 0 ? pinned : determinedSmallElements(grid);
}

/**
 * Small hidden elements that the line equations determine exactly, whatever the bounds: the unit vector
 * of the element lies in the row space of the equations over the hidden elements (Gaussian elimination).
 * This catches combinations of lines (row minus column …) that bounds alone do not narrow.
 */
function determinedSmallElements(grid: Grid): number[] {
  const unknown = grid.elements.flatMap((e, i) => (e.state === 'shown' ? [] : [i]));
  if (unknown.length === 0) return [];
  const column = new Map(unknown.map((element, c) => [element, c]));
  const matrix: number[][] = [];
  for (const { members, total } of grid.lines) {
    const row = new Array<number>(unknown.length).fill(0);
    let any = false;
    for (const i of members) {
      const c = column.get(i);
      if (c !== undefined) {
        row[c]! += 1;
        any = true;
      }
    }
    const t = column.get(total);
    if (t !== undefined) {
      row[t]! -= 1;
      any = true;
    }
    if (any) matrix.push(row);
  }
  const width = unknown.length;
  const pivotRowOf = new Map<number, number>();
  let rank = 0;
  for (let c = 0; c < width && rank < matrix.length; c++) {
    let best = -1;
    for (let r = rank; r < matrix.length; r++) if (Math.abs(matrix[r]![c]!) > 1e-9) best = r;
    if (best < 0) continue;
    [matrix[rank], matrix[best]] = [matrix[best]!, matrix[rank]!];
    const pivot = matrix[rank]!;
    const factor = pivot[c]!;
    for (let k = 0; k < width; k++) pivot[k]! /= factor;
    for (let r = 0; r < matrix.length; r++) {
      if (r === rank) continue;
      const f = matrix[r]![c]!;
      if (Math.abs(f) < 1e-12) continue;
      const row = matrix[r]!;
      for (let k = 0; k < width; k++) row[k]! -= f * pivot[k]!;
    }
    pivotRowOf.set(c, rank);
    rank++;
  }
  const determined: number[] = [];
  for (const [c, r] of pivotRowOf) {
    const element = unknown[c]!;
    if (grid.elements[element]!.state !== 'primary') continue;
    const row = matrix[r]!;
    let alone = true;
    for (let k = 0; k < width && alone; k++) {
      if (k !== c && !pivotRowOf.has(k) && Math.abs(row[k]!) > 1e-9) alone = false;
    }
    if (alone) determined.push(element);
  }
  return determined;
}

/** Rule 2 for money: no hidden amount is the only hidden one of a line. */
function protectMoney(grid: Grid): void {
  const byBasis = (a: Element, b: Element) => a.basis - b.basis || a.value - b.value;
  for (let round = 0; round < 10_000; round++) {
    let changed = false;
    for (const line of grid.lines) {
      const hiddenCount =
        line.members.filter((i) => hidden(grid.elements[i]!)).length +
        (hidden(grid.elements[line.total]!) ? 1 : 0);
      if (hiddenCount !== 1) continue;
      const pick = pickCandidate(grid, line, byBasis);
      if (pick === undefined) continue;
      grid.elements[pick]!.state = 'secondary';
      changed = true;
    }
    if (!changed) return;
  }
}
