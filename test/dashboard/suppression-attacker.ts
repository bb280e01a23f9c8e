import type { Cell, FigureTable, Measure, SuppressedTable } from '../../src/dashboard/view-model.ts';

/**
 * An attacker for suppressed dashboard tables, written from the published rule and independent of
 * src/dashboard/suppression.ts. It knows every shown number, that '<N' lies in 1..N−1 and that an 'x' in a
 * count column is a count of at least N (only shown non-zero counts are hidden secondarily), and every line
 * total: shown in the table, or — where the table does not show it — published elsewhere unless small.
 * Lines: each count column (rows, groups of rows, groups), and in two-way tables each row across the
 * series. It tries to recover every '<N' cell: from one line (the only hidden cell of a line with a known
 * total), by propagating bounds over all lines together, and (for small grids) by an exhaustive search
 * for a different value that satisfies every line. Returns what it recovered (empty: it failed).
 */

interface Variable {
  lo: number;
  hi: number;
  value: number;
  small: boolean;
  label: string;
}

interface Equation {
  members: number[];
  total: number;
}

const isCount = (m: Measure) => m.kind === 'persons' || m.kind === 'households';

export function attack(raw: FigureTable, shown: SuppressedTable, threshold: number): string[] {
  const counts = raw.measures.filter(isCount);
  if (counts.length === 0) return [];
  const grids = raw.series ? [counts] : counts.map((m) => [m]);
  return grids.flatMap((columns) => attackGrid(raw, shown, threshold, columns));
}

function attackGrid(raw: FigureTable, shown: SuppressedTable, t: number, columns: Measure[]): string[] {
  const vars: Variable[] = [];
  const eqs: Equation[] = [];
  const BIG = 1e12;
  const fromCell = (cell: Cell | undefined, value: number, label: string): number => {
    const v = value;
    if (cell === '<10') vars.push({ lo: 1, hi: t - 1, value: v, small: true, label });
    else if (cell === 'x') vars.push({ lo: t, hi: BIG, value: v, small: false, label });
    else vars.push({ lo: v, hi: v, value: v, small: false, label });
    return vars.length - 1;
  };
  const unseen = (value: number, label: string): number => {
    if (value > 0 && value < t) vars.push({ lo: 1, hi: t - 1, value, small: true, label });
    else vars.push({ lo: value, hi: value, value, small: false, label });
    return vars.length - 1;
  };
  /** Row totals across a series and the grand total, where not shown, are not known beyond the lines. */
  const unknown = (value: number, label: string): number => {
    if (value === 0 || (value > 0 && value < t)) return unseen(value, label);
    vars.push({ lo: t, hi: BIG, value, small: false, label });
    return vars.length - 1;
  };
  const lineTotal = (
    members: number[],
    explicit: number | undefined,
    label: string,
    known = true,
  ): number => {
    const sum = members.reduce((s, i) => s + vars[i]!.value, 0);
    if (explicit !== undefined && vars[explicit]!.value === sum) return explicit;
    return known ? unseen(sum, label) : unknown(sum, label);
  };
  const rowVars = raw.rows.map((row, r) =>
    columns.map((m) =>
      fromCell(shown.rows[r]!.values[m.code], row.values[m.code] ?? 0, `${raw.code}:${row.key}:${m.code}`),
    ),
  );
  const groups = raw.groups ?? [];
  const groupVars = groups.map((g, i) =>
    columns.map((m) =>
      fromCell(
        shown.groups?.[i]?.values[m.code],
        g.values[m.code] ?? 0,
        `${raw.code}:group ${g.key}:${m.code}`,
      ),
    ),
  );
  const totalVars = raw.total
    ? columns.map((m) =>
        fromCell(shown.total?.[m.code], raw.total![m.code] ?? 0, `${raw.code}:total:${m.code}`),
      )
    : undefined;
  const columnTotals = columns.map((m, c) => {
    const members = rowVars.map((row) => row[c]!);
    const total = lineTotal(members, totalVars?.[c], `${raw.code}:sum:${m.code}`);
    eqs.push({ members, total });
    groups.forEach((g, gi) => {
      const members = raw.rows.flatMap((row, r) => (row.group === g.key ? [rowVars[r]![c]!] : []));
      eqs.push({ members, total: lineTotal(members, groupVars[gi]![c], `${raw.code}:sum ${g.key}`) });
    });
    return total;
  });
  if (columns.length > 1) {
    const rowTotals = rowVars.map((members) => {
      const total = lineTotal(members, undefined, `${raw.code}:row total`, false);
      eqs.push({ members, total });
      return total;
    });
    for (const members of groupVars) {
      eqs.push({ members, total: lineTotal(members, undefined, `${raw.code}:group total`, false) });
    }
    const grand = lineTotal(columnTotals, undefined, `${raw.code}:grand total`, false);
    eqs.push({ members: columnTotals, total: grand });
    if (rowTotals.length > 0) eqs.push({ members: rowTotals, total: grand });
  }

  const found = new Set<string>();
  // 1. One line at a time.
  for (const { members, total } of eqs) {
    const unknown = [...members, total].filter((i) => vars[i]!.lo !== vars[i]!.hi);
    if (unknown.length === 1 && vars[unknown[0]!]!.small) found.add(`${vars[unknown[0]!]!.label} (one line)`);
  }
  // 2. Bounds over all lines.
  const bounds = propagate(vars, eqs);
  if (bounds) {
    vars.forEach((v, i) => {
      if (v.small && bounds.lo[i] === bounds.hi[i]) found.add(`${v.label} (bounds)`);
    });
  }
  // 3. Exhaustive search where the grid is small enough.
  const hidden = vars.flatMap((v, i) => (v.lo !== v.hi ? [i] : []));
  if (found.size === 0 && hidden.length <= 14) {
    for (const i of hidden) {
      if (!vars[i]!.small) continue;
      if (!alternativeExists(vars, eqs, i)) found.add(`${vars[i]!.label} (search)`);
    }
  }
  return [...found];
}

function propagate(vars: Variable[], eqs: Equation[]): { lo: number[]; hi: number[] } | null {
  const lo = vars.map((v) => v.lo);
  const hi = vars.map((v) => v.hi);
  for (let round = 0; round < 500; round++) {
    let changed = false;
    for (const { members, total } of eqs) {
      const sLo = members.reduce((s, i) => s + lo[i]!, 0);
      const sHi = members.reduce((s, i) => s + hi[i]!, 0);
      for (const i of members) {
        const nLo = Math.max(lo[i]!, lo[total]! - (sHi - hi[i]!));
        const nHi = Math.min(hi[i]!, hi[total]! - (sLo - lo[i]!));
        if (nLo > lo[i]! || nHi < hi[i]!) {
          lo[i] = nLo;
          hi[i] = nHi;
          changed = true;
        }
      }
      const tLo = Math.max(
        lo[total]!,
        members.reduce((s, i) => s + lo[i]!, 0),
      );
      const tHi = Math.min(
        hi[total]!,
        members.reduce((s, i) => s + hi[i]!, 0),
      );
      if (tLo > lo[total]! || tHi < hi[total]!) {
        lo[total] = tLo;
        hi[total] = tHi;
        changed = true;
      }
    }
    if (lo.some((l, i) => l > hi[i]!)) return null;
    if (!changed) break;
  }
  return { lo, hi };
}

/** Is there an assignment satisfying every line in which variable `target` differs from its value? */
function alternativeExists(vars: Variable[], eqs: Equation[], target: number): boolean {
  const v = vars[target]!;
  for (const [lo, hi] of [
    [v.lo, v.value - 1],
    [v.value + 1, v.hi],
  ] as const) {
    if (lo > hi) continue;
    const trial = vars.map((x, i) => (i === target ? { ...x, lo, hi } : { ...x }));
    if (search(trial, eqs, 0)) return true;
  }
  return false;
}

function search(vars: Variable[], eqs: Equation[], depth: number): boolean {
  const bounds = propagate(vars, eqs);
  if (!bounds) return false;
  const open = vars.findIndex((_, i) => bounds.lo[i] !== bounds.hi[i]);
  if (open < 0) return true;
  if (depth > 40) return true; // deep enough: treat as feasible (no recovery claimed)
  const lo = bounds.lo[open]!;
  const hi = Math.min(bounds.hi[open]!, lo + 60);
  for (let value = lo; value <= hi; value++) {
    const next = vars.map((x, i) => ({ ...x, lo: bounds.lo[i]!, hi: i === open ? value : bounds.hi[i]! }));
    next[open]!.lo = value;
    if (search(next, eqs, depth + 1)) return true;
  }
  return false;
}
