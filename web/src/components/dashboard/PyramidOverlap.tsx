import type { ChartProps } from './BarCharts.tsx';
import { ChartSvg } from './ChartSvg.tsx';
import { measureText, clip, isHidden, numeric, pick, seriesColour } from './figures.ts';

const LABEL = 16;
const BAR_HEIGHT = 22;
const LAYER = LABEL + BAR_HEIGHT + 8;

/**
 * The support pyramid: the layers as centred bars whose width is the number of people, the table's first
 * layer (the lightest support, algemene voorzieningen) at the base; one pyramid per period or measure side
 * by side, so a tilt between algemene voorzieningen and maatwerk shows as a changing shape. Each layer has
 * its name above the bar and its value beside it.
 */
export function PyramidChart({
  table,
  measures,
  width,
  lang,
  title,
  description,
  hatchId,
  svgRef,
}: ChartProps) {
  const shown = measures.slice(0, width < 480 ? 2 : 4);
  const column = width / shown.length;
  const layers = [...table.rows].reverse();
  const top = shown.length > 1 ? 28 : 8;
  const height = top + layers.length * LAYER + 4;
  let max = 1;
  for (const row of table.rows) for (const m of shown) max = Math.max(max, numeric(row.values[m.code]) ?? 0);
  return (
    <ChartSvg
      width={width}
      height={height}
      title={title}
      description={description}
      hatchId={hatchId}
      svgRef={svgRef}
    >
      {shown.map((m, c) => {
        const cx = column * c + column / 2;
        // Room for the value beside the widest bar.
        const span = column - 80;
        return (
          <g key={m.code}>
            {shown.length > 1 ? (
              <text x={cx} y={18} textAnchor="middle" fontSize="12" fontWeight="bold" fill="#1a1a1a">
                {clip(pick(m.label, lang), Math.floor(column / 7))}
              </text>
            ) : null}
            {layers.map((row) => {
              const r = table.rows.indexOf(row);
              const cell = row.values[m.code];
              const value = numeric(cell);
              const w = isHidden(cell) ? 24 : Math.max(2, ((value ?? 0) / max) * span);
              const y = top + layers.indexOf(row) * LAYER;
              return (
                <g key={row.key}>
                  <title>{`${pick(m.label, lang)}, ${pick(row.label, lang)}: ${measureText(cell, m, lang)}`}</title>
                  <text x={cx} y={y + LABEL - 4} textAnchor="middle" fontSize="11" fill="#1a1a1a">
                    {clip(pick(row.label, lang), Math.floor(column / 6.5))}
                  </text>
                  <rect
                    x={cx - w / 2}
                    y={y + LABEL}
                    width={w}
                    height={BAR_HEIGHT}
                    fill={isHidden(cell) ? `url(#${hatchId})` : seriesColour(r)}
                    stroke={isHidden(cell) ? '#4d4d4d' : '#ffffff'}
                    strokeWidth="1"
                  />
                  <text x={cx + w / 2 + 4} y={y + LABEL + BAR_HEIGHT / 2 + 4} fontSize="11" fill="#1a1a1a">
                    {measureText(cell, m, lang, true)}
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

/** Splits an overlap row key ("jeugdwet+wmo", "wmo|schuldhulp", "wmo,participatiewet") into its parts. */
export function combinationParts(key: string): string[] {
  return key
    .split(/[+|,&]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Overlap between laws (UpSet style): each row is one combination of laws, shown as filled dots in a
 * matrix (a column per law), next to a bar with the number of households. Reads without colour: filled
 * versus open dots, and the numbers beside the bars.
 */
export function OverlapChart({
  table,
  measures,
  width,
  lang,
  title,
  description,
  hatchId,
  svgRef,
  partLabel,
}: ChartProps & { partLabel: (part: string) => string }) {
  const measure = measures[0]!;
  const parts = [...new Set(table.rows.flatMap((r) => combinationParts(r.key)))];
  const dot = width < 420 ? 20 : 28;
  const header = 104;
  const matrixWidth = parts.length * dot + 8;
  const plot = Math.max(60, width - matrixWidth - 70);
  const rowHeight = 24;
  const height = header + table.rows.length * rowHeight + 8;
  let max = 1;
  for (const row of table.rows) max = Math.max(max, numeric(row.values[measure.code]) ?? 0);
  return (
    <ChartSvg
      width={width}
      height={height}
      title={title}
      description={description}
      hatchId={hatchId}
      svgRef={svgRef}
    >
      {parts.map((p, i) => (
        <text
          key={p}
          x={0}
          y={0}
          fontSize="11"
          fill="#1a1a1a"
          transform={`translate(${i * dot + dot / 2 + 4} ${header - 8}) rotate(-50)`}
        >
          {clip(partLabel(p), 18)}
        </text>
      ))}
      {table.rows.map((row, r) => {
        const y = header + r * rowHeight;
        const inRow = new Set(combinationParts(row.key));
        const cell = row.values[measure.code];
        const value = numeric(cell);
        const w = isHidden(cell) ? 20 : ((value ?? 0) / max) * plot;
        const active = parts.map((p, i) => (inRow.has(p) ? i : -1)).filter((i) => i >= 0);
        return (
          <g key={row.key}>
            <title>{`${pick(row.label, lang)}: ${measureText(cell, measure, lang)}`}</title>
            {r % 2 === 0 ? <rect x={0} y={y} width={width} height={rowHeight} fill="#f4f1f8" /> : null}
            {active.length > 1 ? (
              <line
                x1={active[0]! * dot + dot / 2}
                x2={active.at(-1)! * dot + dot / 2}
                y1={y + rowHeight / 2}
                y2={y + rowHeight / 2}
                stroke="#1a1a1a"
                strokeWidth="2"
              />
            ) : null}
            {parts.map((p, i) => (
              <circle
                key={p}
                cx={i * dot + dot / 2}
                cy={y + rowHeight / 2}
                r={6}
                fill={inRow.has(p) ? '#1a1a1a' : '#ffffff'}
                stroke={inRow.has(p) ? '#1a1a1a' : '#8c8c8c'}
                strokeWidth="1.5"
              />
            ))}
            <rect
              x={matrixWidth}
              y={y + 4}
              width={Math.max(1, w)}
              height={rowHeight - 8}
              fill={isHidden(cell) ? `url(#${hatchId})` : seriesColour(0)}
              stroke={isHidden(cell) ? '#4d4d4d' : 'none'}
            />
            <text x={matrixWidth + w + 4} y={y + rowHeight / 2 + 4} fontSize="11" fill="#1a1a1a">
              {measureText(cell, measure, lang, true)}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
