/**
 * Helpers every dashboard chart shares: how a suppressed cell reads, which measures a chart draws, scales,
 * and the colours. Colours are never the only carrier of meaning: every chart labels its values or has them
 * on hover and focus, and the table under it holds the same numbers.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { Bilingual } from '../../api.ts';
import type { Cell, FigureTable, Measure, MeasureKind } from '../../dashboard-api.ts';
import type { Lang } from '../../i18n/i18n.tsx';

export const pick = (text: Bilingual | undefined, lang: Lang): string => (text ? text[lang] : '');

/** A cell as text: '<10' and 'x' as they are, null as a dash, numbers by the measure's kind. */
export function cellText(cell: Cell | undefined, kind: MeasureKind, lang: Lang, short = false): string {
  if (cell === '<10' || cell === 'x') return cell;
  if (cell === null || cell === undefined) return '–';
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  switch (kind) {
    case 'money': {
      const euros = cell / 100;
      if (short && Math.abs(euros) >= 10_000) {
        const millions = Math.abs(euros) >= 1_000_000;
        const value = millions ? euros / 1_000_000 : euros / 1_000;
        return `€ ${value.toLocaleString(locale, { maximumFractionDigits: 1 })}${millions ? (lang === 'nl' ? ' mln' : 'm') : 'k'}`;
      }
      return euros.toLocaleString(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
    }
    case 'percentage':
      return `${cell.toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
    case 'days':
      return `${cell.toLocaleString(locale, { maximumFractionDigits: 0 })} ${lang === 'nl' ? 'dg' : 'd'}`;
    case 'score':
      return cell.toLocaleString(locale, { maximumFractionDigits: short ? 1 : 2 });
    default:
      return cell.toLocaleString(locale, { maximumFractionDigits: 0 });
  }
}

/** A change (score difference, percentage points): shown with its sign, so a rise reads as +0,6. */
export function isChange(measure: { code: string; label: Bilingual }): boolean {
  return /change|verandering|delta|verschil/i.test(`${measure.code} ${measure.label.nl}`);
}

/** cellText for a measure: changes carry their sign. */
export function measureText(
  cell: Cell | undefined,
  measure: { code: string; kind: MeasureKind; label: Bilingual },
  lang: Lang,
  short = false,
): string {
  const text = cellText(cell, measure.kind, lang, short);
  return typeof cell === 'number' && cell > 0 && isChange(measure) ? `+${text}` : text;
}

export const isHidden = (cell: Cell | undefined): cell is '<10' | 'x' => cell === '<10' || cell === 'x';
export const numeric = (cell: Cell | undefined): number | null => (typeof cell === 'number' ? cell : null);

/** Charts that draw several measures of one kind together (segments, lines, pyramids side by side). */
const MULTI = new Set(['stacked-bar', 'line', 'pyramid']);

/** Measures that are there as the total behind another: a denominator or the basis of money or a statistic. */
function supporting(table: FigureTable): Set<string> {
  return new Set(
    table.measures.flatMap((m) => [m.basisMeasure, m.denominatorMeasure]).filter((c): c is string => !!c),
  );
}

/**
 * The measure a chart shows first. Stacked bars, lines and pyramids start with the first measure that is
 * not a total behind another (and draw its kind); other charts with the table's headline figure: the first measure derived from others (a
 * percentage, money with its basis), else the first.
 */
export function defaultMeasure(table: FigureTable): Measure | undefined {
  if (MULTI.has(table.chart)) {
    const totals = supporting(table);
    return table.measures.find((m) => !totals.has(m.code)) ?? table.measures[0];
  }
  const derived = table.measures.filter((m) => m.basisMeasure || m.denominatorMeasure || m.numeratorMeasure);
  // Of statistics over durations the median is the headline.
  return derived.find((m) => /median|mediaan/i.test(m.code)) ?? derived[0] ?? table.measures[0];
}

/**
 * The measures a chart draws: for a two-way table (series) all of them (they share a kind); for stacked
 * bars, lines and pyramids every measure of the chosen one's kind except totals behind another measure
 * (they would be counted twice); otherwise the chosen one.
 */
export function plotMeasures(table: FigureTable, chosen: string | null): Measure[] {
  if (table.series) return table.measures;
  const measure = table.measures.find((m) => m.code === chosen) ?? defaultMeasure(table);
  if (!measure) return [];
  if (!MULTI.has(table.chart)) return [measure];
  const totals = supporting(table);
  if (totals.has(measure.code)) return [measure];
  return table.measures.filter((m) => m.kind === measure.kind && !totals.has(m.code));
}

/** Largest number among the cells of these measures over these rows (1 when there is none). */
export function maxOf(table: FigureTable, measures: Measure[], stacked = false): number {
  let max = 0;
  for (const row of table.rows) {
    const values = measures.map((m) => numeric(row.values[m.code]) ?? 0);
    const value = stacked ? values.reduce((a, b) => a + Math.max(0, b), 0) : Math.max(0, ...values);
    if (value > max) max = value;
  }
  return max > 0 ? max : 1;
}

/** Rounded axis ticks from 0 to at least max (whole steps for counts, fractions for small scores). */
export function ticks(max: number, count = 4): number[] {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  if (max >= count) step = Math.max(1, Math.round(step));
  const result: number[] = [];
  for (let i = 0; i * step <= max + step * 0.001; i++) result.push(Number((i * step).toPrecision(12)));
  if (result[result.length - 1]! < max) result.push(Number((result.length * step).toPrecision(12)));
  return result;
}

/** Smallest number among the cells (0 when none is negative): bars of a change can go left of zero. */
export function minOf(table: FigureTable, measures: Measure[]): number {
  let min = 0;
  for (const row of table.rows)
    for (const m of measures) min = Math.min(min, numeric(row.values[m.code]) ?? 0);
  return min;
}

/** A value axis from a negative minimum (or 0) to a rounded maximum, with its ticks and a position function. */
export function valueScale(min: number, max: number, plot: number, count: number) {
  const span = Math.max(max, -min, 1e-9);
  const step = ticks(span, count)[1] ?? span;
  const top = max > 0 ? Math.ceil(max / step - 1e-9) * step : 0;
  const bottom = min < 0 ? Math.floor(min / step + 1e-9) * step : 0;
  const marks: number[] = [];
  for (let v = bottom; v <= top + step * 0.001; v += step) marks.push(Number(v.toPrecision(12)));
  const range = top - bottom || 1;
  return { marks, at: (v: number) => ((v - bottom) / range) * plot };
}

/** Series colours with at least 3:1 contrast on white (WCAG 1.4.11); each series also has its own marker. */
export const SERIES_COLOURS = ['#5b2c83', '#0b6e99', '#b34700', '#2f7d32', '#a1234f', '#4d4d4d'];
export const seriesColour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length]!;

/** Five classes of a sequential scale, light to dark (the map prints every value as well). */
export const SEQUENTIAL = ['#efe7f6', '#d2bce6', '#a886cc', '#7a52ac', '#4b2a78'];

export interface ColourScale {
  /** Upper bound (inclusive) of each class; a value above the last bound takes the last class. */
  bounds: number[];
  /** The colour of each class. */
  palette: string[];
  colour(value: number): string;
}

/**
 * Equal-width classes from the smallest to the largest shown value; fewer classes when there are fewer
 * distinct values (one value, one class), so the legend never shows empty or repeated ranges.
 */
export function sequentialScale(values: number[]): ColourScale | null {
  if (values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const classes = Math.min(SEQUENTIAL.length, new Set(values).size);
  // Spread the classes used over the whole ramp, so one class is the middle colour, two are light and dark.
  const palette =
    classes === 1
      ? [SEQUENTIAL[2]!]
      : Array.from(
          { length: classes },
          (_, i) => SEQUENTIAL[Math.round((i * (SEQUENTIAL.length - 1)) / (classes - 1))]!,
        );
  const width = (max - min) / classes;
  const bounds = palette.map((_, i) => (i === classes - 1 ? max : min + width * (i + 1)));
  return {
    bounds,
    palette,
    colour(value) {
      const index = bounds.findIndex((b) => value <= b + 1e-9);
      return palette[index < 0 ? palette.length - 1 : index]!;
    },
  };
}

/** Text on a class colour: white on the dark classes, near-black on the light ones. */
export const textOn = (colour: string) =>
  SEQUENTIAL.indexOf(colour) >= 3 || SERIES_COLOURS.includes(colour) ? '#ffffff' : '#1a1a1a';

/** The width of an element, following resizes (charts draw at their real size, so text stays readable). */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 640): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setWidth(Math.max(240, Math.floor(element.getBoundingClientRect().width)));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Shortens a label to fit about `chars` characters. */
export function clip(label: string, chars: number): string {
  return label.length <= chars ? label : `${label.slice(0, Math.max(1, chars - 1))}…`;
}
