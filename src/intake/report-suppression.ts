/**
 * Small-count suppression for published tables of counts (DESIGN.md §4.4: no resident can be
 * recognised). Pure: a table of counts in, the same table with some cells hidden out.
 *
 * Rule:
 *  1. Primary: a count from 1 to threshold − 1 (from 1 to 9) is shown as "<10". Zero is shown.
 *  2. Secondary: in every line (a row with its row total, a column with its column total, the column of
 *     row totals and the row of column totals, each with the grand total) a hidden cell may never be the
 *     only hidden one, because it would be the total minus the others; and where the line's total is
 *     shown, the hidden cells together must count at least `threshold`, so that what they share is not a
 *     small number either. Where a line breaks this, the smallest shown non-zero cell of the line is
 *     hidden as well ("x"), and the lines are checked again until none breaks it.
 * The rule is applied as if every line adds up, also where it does not (a question of two types counts
 * in two rows but once in the total): that only hides more.
 */

export type Cell = number | '<10' | 'x';

export const SUPPRESSION_THRESHOLD = 10;

/** Counts of a table with `rows` rows and `columns` columns (0 columns: one count per row). */
export interface CountTable {
  /** [row][column]; rows of length 0 when the table has one dimension. */
  cells: number[][];
  rowTotals: number[];
  /** Empty when the table has one dimension. */
  columnTotals: number[];
  total: number;
}

export interface SuppressedTable {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
  /** Cells hidden because they are small ("<10"). */
  primary: number;
  /** Cells hidden so that a small one cannot be worked out ("x"). */
  secondary: number;
}

type State = 'shown' | 'primary' | 'secondary';

/**
 * Applies the rule above. The grid is (rows + 1) × (columns + 1): the last row holds the column totals
 * and the last column the row totals, the corner the grand total.
 */
export function suppressSmallCounts(
  table: CountTable,
  threshold: number = SUPPRESSION_THRESHOLD,
): SuppressedTable {
  const rows = table.rowTotals.length;
  const columns = table.columnTotals.length;
  for (const row of table.cells) {
    if (row.length !== columns) throw new RangeError('every row needs one cell per column');
  }
  if (table.cells.length !== rows) throw new RangeError('one row of cells per row total');
  const width = columns + 1;
  const value: number[] = [];
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= columns; c++) {
      if (r < rows && c < columns) value.push(table.cells[r]![c]!);
      else if (r < rows) value.push(table.rowTotals[r]!);
      else if (c < columns) value.push(table.columnTotals[c]!);
      else value.push(table.total);
    }
  }
  for (const v of value) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${v}`);
  }
  const state: State[] = value.map((v) => (v > 0 && v < threshold ? 'primary' : 'shown'));

  // Each line: its members and the index of its total.
  const lines: { members: number[]; total: number }[] = [];
  if (columns > 0) {
    for (let r = 0; r <= rows; r++) {
      lines.push({
        members: Array.from({ length: columns }, (_, c) => r * width + c),
        total: r * width + columns,
      });
    }
  }
  for (let c = 0; c <= columns; c++) {
    lines.push({ members: Array.from({ length: rows }, (_, r) => r * width + c), total: rows * width + c });
  }

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = line.members.filter((i) => state[i] !== 'shown');
      const totalHidden = state[line.total] !== 'shown';
      if (hidden.length === 0 && !totalHidden) continue;
      const hiddenCount = hidden.length + (totalHidden ? 1 : 0);
      const hiddenSum = hidden.reduce((sum, i) => sum + value[i]!, 0);
      const safe = hiddenCount >= 2 && (totalHidden || hiddenSum >= threshold);
      if (safe) continue;
      const candidates = line.members
        .filter((i) => state[i] === 'shown' && value[i]! > 0)
        .sort((a, b) => value[a]! - value[b]! || a - b);
      const pick = candidates[0] ?? (totalHidden ? undefined : line.total);
      if (pick === undefined) continue;
      state[pick] = 'secondary';
      changed = true;
    }
  }

  const show = (i: number): Cell =>
    state[i] === 'primary' ? '<10' : state[i] === 'secondary' ? 'x' : value[i]!;
  return {
    cells: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => show(r * width + c)),
    ),
    rowTotals: Array.from({ length: rows }, (_, r) => show(r * width + columns)),
    columnTotals: Array.from({ length: columns }, (_, c) => show(rows * width + c)),
    total: show(rows * width + columns),
    primary: state.filter((s) => s === 'primary').length,
    secondary: state.filter((s) => s === 'secondary').length,
  };
}

export const SUPPRESSION_RULE = {
  nl:
    'Aantallen van 1 tot en met 9 staan er als "<10". Zodat zo\'n aantal niet terug te rekenen is uit het totaal van ' +
    'zijn rij of kolom, is in elke rij en kolom waarin een aantal verborgen is nog minstens één ander aantal ' +
    'verborgen, en tellen de verborgen aantallen samen op tot minstens 10 als het totaal getoond wordt; zo nodig ' +
    'wordt daarvoor het kleinste andere aantal verborgen, weergegeven als "x". Nul wordt getoond.',
  en:
    'Counts from 1 to 9 are shown as "<10". So that such a count cannot be worked out from the total of its row or ' +
    'column, every row and column in which a count is hidden has at least one other hidden count, and where the ' +
    'total is shown the hidden counts add up to at least 10; where needed the smallest other count is hidden ' +
    'for this, shown as "x". Zero is shown.',
};
