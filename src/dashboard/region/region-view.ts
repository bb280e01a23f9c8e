import type { Bilingual } from '../../platform/http/problem.ts';
import type {
  Cell,
  DimensionCode,
  FigureRow,
  FigureTable,
  Measure,
  SuppressedRow,
  SuppressedTable,
} from '../view-model.ts';

/**
 * One dashboard view across the municipalities of a region, side by side and in total (issue 8, point 11).
 * Pure: the caller reads every member's raw tables in that member's own tenant transaction and suppresses
 * them with the member's own threshold (exactly what that municipality's screen shows); this module lines
 * them up, adds the regional total and suppresses the total.
 *
 * The total is computed from the raw figures and suppressed with the strictest threshold of the members,
 * and then a total cell is also hidden ('x') wherever any member hides the cell at that place. So every
 * total a reader sees is the sum of figures the members show themselves: the total adds no information a
 * reader could combine with the shown member figures (or with the total's own rows and columns, which are
 * sums of the members' own lines) to work out a hidden cell of any municipality.
 *
 * Rows that are municipal (wijken, buurten, services, providers, budget themes, indicators) do not line up
 * across municipalities: such a table is collapsed to one row per municipality (its total) when its rows
 * partition the total, and left out otherwise; the answer says which.
 */

/** Dimensions whose rows are a municipality's own (its areas, catalogue, contracts, budget, indicators). */
export const MUNICIPAL_DIMENSIONS: ReadonlySet<DimensionCode> = new Set([
  'wijk',
  'buurt',
  'service',
  'provider',
  'theme',
  'indicator',
]);

export interface MemberFigures {
  municipalityCode: string;
  name: string;
  threshold: number;
  dataVersion: number;
  /** The view's raw tables (server side only) and the same tables suppressed with the member's threshold. */
  raw: FigureTable[];
  suppressed: SuppressedTable[];
}

export interface RegionPart {
  rows: SuppressedRow[];
  total?: Record<string, Cell>;
  suppressed: { primary: number; secondary: number };
}

export interface RegionTable extends Omit<SuppressedTable, 'rows' | 'total' | 'groups' | 'suppressed'> {
  /** True when the table's municipal rows were collapsed to one row per municipality (its total). */
  collapsed: boolean;
  /** Per member on this server, in the order of `members`; every part has the same rows (by key). */
  members: ({ municipalityCode: string } & RegionPart)[];
  /** The region's total of the members on this server. */
  regionTotal: RegionPart;
}

export interface RegionViewData {
  tables: RegionTable[];
  /** Tables left out, and other remarks on the whole comparison. */
  notes: Bilingual[];
  /** Threshold the regional total is suppressed with: the strictest of the members. */
  totalThreshold: number;
}

const COLLAPSED_ROW: Bilingual = { nl: 'Hele gemeente', en: 'Whole municipality' };
const ADDITIVE = new Set<Measure['kind']>(['persons', 'households', 'money', 'count']);

const hidden = (cell: Cell | undefined) => cell === '<10' || cell === 'x';

function isMunicipal(table: FigureTable): boolean {
  return (
    MUNICIPAL_DIMENSIONS.has(table.dimension.code) ||
    (table.series ? MUNICIPAL_DIMENSIONS.has(table.series.code) : false)
  );
}

/** A municipal table reduced to its total, as one row (raw and suppressed alike). */
function collapseRaw(table: FigureTable): FigureTable {
  return {
    ...table,
    dimension: { code: 'municipality', label: { nl: 'Gemeente', en: 'Municipality' } },
    rows: [{ key: 'gemeente', label: COLLAPSED_ROW, values: { ...table.total } }],
    // The one row is the total: no separate total line.
    total: undefined,
    groups: undefined,
  };
}

function collapseSuppressed(table: SuppressedTable): SuppressedTable {
  const values = { ...table.total };
  return {
    ...table,
    dimension: { code: 'municipality', label: { nl: 'Gemeente', en: 'Municipality' } },
    rows: [{ key: 'gemeente', label: COLLAPSED_ROW, values }],
    total: undefined,
    groups: undefined,
    suppressed: {
      primary: Object.values(values).filter((v) => v === '<10').length,
      secondary: Object.values(values).filter((v) => v === 'x').length,
    },
  };
}

function count(part: Pick<RegionPart, 'rows' | 'total'>): RegionPart['suppressed'] {
  const cells = [...part.rows.flatMap((r) => Object.values(r.values)), ...Object.values(part.total ?? {})];
  return {
    primary: cells.filter((c) => c === '<10').length,
    secondary: cells.filter((c) => c === 'x').length,
  };
}

/** The regional figure of one measure from the members' raw values (null where it cannot be combined). */
function combine(
  measure: Measure,
  members: (Record<string, number | null> | undefined)[],
  measures: Measure[],
): number | null {
  if (ADDITIVE.has(measure.kind)) {
    const values = members.map((m) => m?.[measure.code]).filter((v): v is number => typeof v === 'number');
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
  }
  if (measure.kind === 'percentage' && measure.numeratorMeasure && measure.denominatorMeasure) {
    const has = (code: string) => measures.some((m) => m.code === code);
    if (!has(measure.numeratorMeasure) || !has(measure.denominatorMeasure)) return null;
    let numerator = 0;
    let denominator = 0;
    for (const m of members) {
      numerator += m?.[measure.numeratorMeasure] ?? 0;
      denominator += m?.[measure.denominatorMeasure] ?? 0;
    }
    return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;
  }
  // Medians, means and other statistics of persons cannot be added up from municipal answers.
  return null;
}

/**
 * Lines the members' tables up and adds the suppressed total. `suppress` is the platform's suppression
 * (suppressTables) for one table with a threshold.
 */
export function combineRegion(
  members: MemberFigures[],
  suppress: (table: FigureTable, threshold: number) => SuppressedTable,
): RegionViewData {
  const notes: Bilingual[] = [];
  const totalThreshold = Math.max(0, ...members.map((m) => m.threshold)) || 10;
  const tables: RegionTable[] = [];
  const first = members[0];
  if (!first) return { tables, notes, totalThreshold };

  for (const template of first.raw) {
    const perMember = members.map((m) => ({
      member: m,
      raw: m.raw.find((t) => t.code === template.code),
      suppressed: m.suppressed.find((t) => t.code === template.code),
    }));
    let collapsed = false;
    if (isMunicipal(template)) {
      const collapsible = perMember.every((p) => p.raw?.total && !p.raw.overlapping && p.suppressed?.total);
      if (!collapsible) {
        notes.push({
          nl: `"${template.title.nl}" staat niet in de regiovergelijking: de rijen (${template.dimension.label.nl}) zijn per gemeente anders en tellen niet op tot een totaal.`,
          en: `"${template.title.en}" is left out of the regional comparison: its rows (${template.dimension.label.en}) differ per municipality and do not add up to a total.`,
        });
        continue;
      }
      collapsed = true;
      for (const p of perMember) {
        p.raw = collapseRaw(p.raw!);
        p.suppressed = collapseSuppressed(p.suppressed!);
      }
    }
    const shape = perMember.find((p) => p.raw)!.raw!;
    const measures = shape.measures;

    // Every row key of any member, in the order they first appear.
    const rowOrder: { key: string; label: Bilingual }[] = [];
    const seen = new Set<string>();
    for (const p of perMember)
      for (const row of p.raw?.rows ?? [])
        if (!seen.has(row.key)) {
          seen.add(row.key);
          rowOrder.push({ key: row.key, label: row.label });
        }
    const withTotal = !collapsed && perMember.every((p) => p.raw?.total !== undefined && !p.raw.overlapping);

    const rawRows: FigureRow[] = rowOrder.map(({ key, label }) => {
      const values: Record<string, number | null> = {};
      const memberValues = perMember.map((p) => p.raw?.rows.find((r) => r.key === key)?.values);
      for (const m of measures) values[m.code] = combine(m, memberValues, measures);
      return { key, label, values };
    });
    const rawTotal: Record<string, number | null> | undefined = withTotal ? {} : undefined;
    if (rawTotal)
      for (const m of measures)
        rawTotal[m.code] = combine(
          m,
          perMember.map((p) => p.raw?.total),
          measures,
        );

    const totalTable = suppress(
      { ...shape, rows: rawRows, total: rawTotal, groups: undefined, overlapping: shape.overlapping },
      totalThreshold,
    );
    // Hide a total cell wherever any member hides its own cell at that place.
    const hideWhereMembersHide = (
      target: Record<string, Cell>,
      memberCells: (Record<string, Cell> | undefined)[],
    ) => {
      for (const m of measures) {
        const anyHidden = memberCells.some((cells) => hidden(cells?.[m.code]));
        if (anyHidden && typeof target[m.code] === 'number') target[m.code] = 'x';
      }
    };
    const totalRows: SuppressedRow[] = rowOrder.map(({ key, label }) => {
      const values = { ...(totalTable.rows.find((r) => r.key === key)?.values ?? {}) };
      hideWhereMembersHide(
        values,
        perMember.map((p) => p.suppressed?.rows.find((r) => r.key === key)?.values),
      );
      return { key, label, values };
    });
    let totalCells: Record<string, Cell> | undefined;
    if (withTotal) {
      totalCells = { ...(totalTable.total ?? {}) };
      hideWhereMembersHide(
        totalCells,
        perMember.map((p) => p.suppressed?.total),
      );
    }

    const memberParts = perMember.map((p) => {
      const rows: SuppressedRow[] = rowOrder.map(({ key, label }) => {
        const found = p.suppressed?.rows.find((r) => r.key === key);
        const values: Record<string, Cell> = {};
        for (const m of measures) values[m.code] = found?.values[m.code] ?? null;
        return { key, label: found?.label ?? label, values };
      });
      const total = withTotal ? { ...p.suppressed?.total } : undefined;
      return { municipalityCode: p.member.municipalityCode, rows, total, suppressed: count({ rows, total }) };
    });

    const tableNotes = [...(shape.notes ?? [])];
    if (collapsed)
      tableNotes.push({
        nl: `In de regio teruggebracht tot één regel per gemeente: de ${template.dimension.label.nl.toLowerCase()} zijn per gemeente anders.`,
        en: `Reduced to one line per municipality in the region: the ${template.dimension.label.en.toLowerCase()} differ per municipality.`,
      });
    if (measures.some((m) => m.kind === 'days' || m.kind === 'score'))
      tableNotes.push({
        nl: 'Duur en scores (medianen, gemiddelden) zijn niet op te tellen over gemeenten: het regiototaal laat ze leeg.',
        en: 'Durations and scores (medians, means) cannot be added up across municipalities: the regional total leaves them empty.',
      });

    const { rows: _r, total: _t, groups: _g, mapLevel: _m, drillFilter, ...rest } = shape;
    const regionTotal = { rows: totalRows, total: totalCells };
    tables.push({
      ...rest,
      ...(drillFilter === 'law' || drillFilter === 'ageGroup' ? { drillFilter } : {}),
      chart: rest.chart === 'map' ? 'bar' : rest.chart,
      notes: tableNotes,
      collapsed,
      members: memberParts,
      regionTotal: { ...regionTotal, suppressed: count(regionTotal) },
    });
  }
  return { tables, notes, totalThreshold };
}
