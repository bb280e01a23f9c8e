import type { Ref } from 'react';
import type { FigureTable, Measure } from '../../dashboard-api.ts';
import type { Lang } from '../../i18n/i18n.tsx';
import { ChartSvg } from './ChartSvg.tsx';
import {
  cellText,
  measureText,
  clip,
  isHidden,
  maxOf,
  minOf,
  numeric,
  pick,
  seriesColour,
  valueScale,
} from './figures.ts';

export interface ChartProps {
  table: FigureTable;
  measures: Measure[];
  width: number;
  lang: Lang;
  title: string;
  description: string;
  hatchId: string;
  svgRef?: Ref<SVGSVGElement>;
}

const BAR = 18;
const GAP = 10;
const TOP = 28;
const HIDDEN_WIDTH = 26;

function layout(width: number) {
  const labelWidth = Math.min(220, Math.round(width * 0.36));
  const valueWidth = width < 420 ? 62 : 90;
  return { labelWidth, valueWidth, plot: Math.max(60, width - labelWidth - valueWidth - 12) };
}

/** Value axis along the top, with light grid lines; `at` gives a value's position from the plot's start. */
function Axis({
  marks,
  at,
  x0,
  height,
  measure,
  lang,
}: {
  marks: number[];
  at: (v: number) => number;
  x0: number;
  height: number;
  measure: Measure;
  lang: Lang;
}) {
  return (
    <g className="grip-dash-axis">
      {marks.map((v) => {
        const x = x0 + at(v);
        return (
          <g key={v}>
            <line
              x1={x}
              x2={x}
              y1={TOP - 6}
              y2={height - 4}
              stroke={v === 0 ? '#8c8c8c' : '#d0d0d0'}
              strokeWidth="1"
            />
            <text x={x} y={TOP - 10} textAnchor="middle" fontSize="11" fill="#4d4d4d">
              {cellText(v, measure.kind, lang, true)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/**
 * Horizontal bars, one row per table row; with several measures of one kind (a two-way table) the bars of
 * a row are grouped, each measure in its own colour and named in the legend. Every bar carries its value;
 * a hidden cell is a short hatched bar with '<10' or 'x'. Negative values (a score that went down) run
 * left from zero.
 */
export function BarChart({ table, measures, width, lang, title, description, hatchId, svgRef }: ChartProps) {
  const { labelWidth, plot } = layout(width);
  const rowHeight = measures.length * BAR + GAP;
  const height = TOP + table.rows.length * rowHeight + 8;
  const scale = valueScale(minOf(table, measures), maxOf(table, measures), plot, plot < 200 ? 2 : 4);
  const x0 = labelWidth + 8;
  const zero = x0 + scale.at(0);
  const chars = Math.floor(labelWidth / 7);
  return (
    <ChartSvg
      width={width}
      height={height}
      title={title}
      description={description}
      hatchId={hatchId}
      svgRef={svgRef}
    >
      <Axis marks={scale.marks} at={scale.at} x0={x0} height={height} measure={measures[0]!} lang={lang} />
      {table.rows.map((row, r) => {
        const y = TOP + r * rowHeight;
        const label = pick(row.label, lang);
        return (
          <g key={row.key}>
            <text
              x={labelWidth}
              y={y + (measures.length * BAR) / 2 + 4}
              textAnchor="end"
              fontSize="12"
              fill="#1a1a1a"
            >
              <title>{label}</title>
              {clip(label, chars)}
            </text>
            {measures.map((m, i) => {
              const cell = row.values[m.code];
              const value = numeric(cell) ?? 0;
              const end = isHidden(cell) ? zero + HIDDEN_WIDTH : x0 + scale.at(value);
              const left = Math.min(zero, end);
              const barWidth = Math.abs(end - zero);
              const by = y + i * BAR;
              const text = measureText(cell, m, lang, width < 420);
              const negative = !isHidden(cell) && value < 0;
              return (
                <g key={m.code}>
                  <title>{`${label}, ${pick(m.label, lang)}: ${measureText(cell, m, lang)}`}</title>
                  <rect
                    x={left}
                    y={by + 1}
                    width={Math.max(barWidth, value === 0 && !isHidden(cell) ? 0 : 1)}
                    height={BAR - 3}
                    fill={isHidden(cell) ? `url(#${hatchId})` : seriesColour(i)}
                    stroke={isHidden(cell) ? '#4d4d4d' : 'none'}
                    strokeWidth="1"
                  />
                  <text
                    x={negative ? Math.max(2, left - 4) : left + barWidth + 4}
                    y={by + BAR - 5}
                    textAnchor={negative ? 'end' : 'start'}
                    fontSize="11"
                    fill="#1a1a1a"
                  >
                    {text}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartSvg>
  );
}

/**
 * Horizontal stacked bars: one bar per row, a segment per measure (a two-way table such as month × law).
 * Segments in different colours with a thin white edge and named in the legend; a hidden segment is
 * hatched. The row's shown total follows the bar.
 */
export function StackedBarChart({
  table,
  measures,
  width,
  lang,
  title,
  description,
  hatchId,
  svgRef,
}: ChartProps) {
  const { labelWidth, plot } = layout(width);
  const rowHeight = BAR + GAP;
  const height = TOP + table.rows.length * rowHeight + 8;
  const scale = valueScale(0, maxOf(table, measures, true), plot, plot < 200 ? 2 : 4);
  const top = scale.marks.at(-1)!;
  const x0 = labelWidth + 8;
  const chars = Math.floor(labelWidth / 7);
  return (
    <ChartSvg
      width={width}
      height={height}
      title={title}
      description={description}
      hatchId={hatchId}
      svgRef={svgRef}
    >
      <Axis marks={scale.marks} at={scale.at} x0={x0} height={height} measure={measures[0]!} lang={lang} />
      {table.rows.map((row, r) => {
        const y = TOP + r * rowHeight;
        const label = pick(row.label, lang);
        let x = x0;
        let sum = 0;
        const hiddenMarks = new Set<string>();
        const segments = measures.map((m, i) => {
          const cell = row.values[m.code];
          const value = numeric(cell);
          const w = isHidden(cell) ? 8 : value ? (Math.max(0, value) / top) * plot : 0;
          if (isHidden(cell)) hiddenMarks.add(cell);
          else sum += value ?? 0;
          const segment = (
            <rect
              key={m.code}
              x={x}
              y={y + 1}
              width={w}
              height={BAR - 3}
              fill={isHidden(cell) ? `url(#${hatchId})` : seriesColour(i)}
              stroke="#ffffff"
              strokeWidth="1"
            >
              <title>{`${label}, ${pick(m.label, lang)}: ${measureText(cell, m, lang)}`}</title>
            </rect>
          );
          x += w;
          return segment;
        });
        return (
          <g key={row.key}>
            <text x={labelWidth} y={y + BAR / 2 + 4} textAnchor="end" fontSize="12" fill="#1a1a1a">
              <title>{label}</title>
              {clip(label, chars)}
            </text>
            {segments}
            <text x={x + 4} y={y + BAR - 5} fontSize="11" fill="#1a1a1a">
              {hiddenMarks.size > 0 && sum === 0
                ? [...hiddenMarks].join(' ')
                : `${cellText(sum, measures[0]!.kind, lang, width < 420)}${hiddenMarks.size > 0 ? '+' : ''}`}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
