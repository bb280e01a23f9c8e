import { sql } from 'kysely';
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { findDefinition, type Direction, type IndicatorUnit } from './indicator-definitions.ts';

/**
 * Indicators with their targets and realisations, and whether they are on track. External indicators have
 * stored realisations (entered or imported, with a source); computed ones are computed per year on request
 * by their definition (indicator-definitions.ts) and never stored.
 */

export type TrackStatus = 'op-koers' | 'niet-op-koers' | 'onbekend';

/** On track when the value reaches the target in the better direction (equal counts as reached). */
export function trackStatus(direction: Direction, target: number | null, value: number | null): TrackStatus {
  if (target === null || value === null) return 'onbekend';
  const reached = direction === 'hoger-is-beter' ? value >= target : value <= target;
  return reached ? 'op-koers' : 'niet-op-koers';
}

export interface Realisation {
  periodStart: string;
  periodEnd: string;
  value: number | null;
  source: string;
  computed: boolean;
  target: number | null;
  status: TrackStatus;
}

export interface IndicatorView {
  id: string;
  code: string;
  name: string;
  kind: 'effect' | 'prestatie';
  unit: IndicatorUnit | null;
  sourceKind: 'berekend' | 'extern';
  definition: { code: string; version: number; name: string } | null;
  sourceName: string | null;
  frequency: string;
  direction: Direction;
  societalGoalId: string | null;
  themeId: string | null;
  programmeId: string | null;
  baseline: { year: number; value: number } | null;
  note: string;
  targets: { year: number; value: number }[];
  realisations: Realisation[];
  /** Status of the latest realisation against the target of its year (or the latest earlier target). */
  status: TrackStatus;
  /** Version of the descriptive fields, for If-Match (targets and realisations have their own routes). */
  version: number;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The target that applies to a year: that year's, or else the latest earlier one. */
export function targetFor(targets: { year: number; value: number }[], year: number): number | null {
  const applicable = targets.filter((t) => t.year <= year).sort((a, b) => b.year - a.year);
  return applicable[0]?.value ?? null;
}

export async function indicatorRows(
  tx: Tx,
  municipalityCode: string,
  filter: { id?: string; programmeId?: string } = {},
) {
  let query = tx
    .selectFrom('indicator as i')
    .leftJoin('societal_goal as g', (j) =>
      j.onRef('g.municipality_code', '=', 'i.municipality_code').onRef('g.id', '=', 'i.societal_goal_id'),
    )
    .leftJoin('theme as t', (j) =>
      j.onRef('t.municipality_code', '=', 'i.municipality_code').onRef('t.id', '=', 'i.theme_id'),
    )
    .selectAll('i')
    .select((eb) => eb.fn.coalesce('g.programme_id', 't.programme_id').as('programme_id'))
    .select(sql<number>`i.version`.as('version'))
    .where('i.municipality_code', '=', municipalityCode);
  if (filter.id) query = query.where('i.id', '=', filter.id);
  if (filter.programmeId)
    query = query.where((eb) =>
      eb.or([eb('g.programme_id', '=', filter.programmeId!), eb('t.programme_id', '=', filter.programmeId!)]),
    );
  return query.orderBy('i.code').execute();
}

type IndicatorRow = Awaited<ReturnType<typeof indicatorRows>>[number];

/** Builds the views; computed indicators are computed for each year from their first target to this year. */
export async function indicatorViews(
  tx: Tx,
  municipalityCode: string,
  rows: IndicatorRow[],
): Promise<IndicatorView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const targets = await tx
    .selectFrom('indicator_target')
    .select(['indicator_id', 'year', 'target_value'])
    .where('municipality_code', '=', municipalityCode)
    .where('indicator_id', 'in', ids)
    .orderBy('year')
    .execute();
  const stored = await tx
    .selectFrom('indicator_realisation')
    .select(['indicator_id', 'period_start', 'period_end', 'value', 'source'])
    .where('municipality_code', '=', municipalityCode)
    .where('indicator_id', 'in', ids)
    .orderBy('period_end')
    .execute();
  const thisYear = Number(localDate().slice(0, 4));
  const views: IndicatorView[] = [];
  for (const r of rows) {
    const ownTargets = targets
      .filter((t) => t.indicator_id === r.id)
      .map((t) => ({ year: t.year, value: Number(t.target_value) }));
    const direction = r.direction as Direction;
    const definition =
      r.source_kind === 'berekend' ? findDefinition(r.definition_code!, r.definition_version!) : undefined;
    let realisations: Realisation[];
    if (definition) {
      const first = Math.min(
        thisYear,
        ownTargets[0]?.year ?? thisYear,
        (r.baseline_year ?? thisYear - 1) + 1,
      );
      realisations = [];
      for (let year = Math.max(first, thisYear - 9); year <= thisYear; year++) {
        const computed = await definition.compute(tx, municipalityCode, year);
        const target = targetFor(ownTargets, year);
        realisations.push({
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-12-31`,
          value: computed.value,
          source: `Grip: ${definition.code} v${definition.version}`,
          computed: true,
          target,
          status: trackStatus(direction, target, computed.value),
        });
      }
    } else {
      realisations = stored
        .filter((s) => s.indicator_id === r.id)
        .map((s) => {
          const value = Number(s.value);
          const target = targetFor(ownTargets, Number(String(s.period_end).slice(0, 4)));
          return {
            periodStart: String(s.period_start),
            periodEnd: String(s.period_end),
            value,
            source: s.source,
            computed: false,
            target,
            status: trackStatus(direction, target, value),
          };
        });
    }
    const latest = [...realisations].reverse().find((x) => x.value !== null);
    views.push({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind as IndicatorView['kind'],
      unit: r.unit as IndicatorUnit | null,
      sourceKind: r.source_kind as IndicatorView['sourceKind'],
      definition: definition
        ? { code: definition.code, version: definition.version, name: definition.name.nl }
        : null,
      sourceName: r.source_name,
      frequency: r.frequency,
      direction,
      societalGoalId: r.societal_goal_id,
      themeId: r.theme_id,
      programmeId: r.programme_id,
      baseline:
        r.baseline_year === null || r.baseline_value === null
          ? null
          : { year: r.baseline_year, value: num(r.baseline_value)! },
      note: r.note,
      targets: ownTargets,
      realisations,
      status: latest?.status ?? 'onbekend',
      version: r.version,
    });
  }
  return views;
}
