import type { ChartProps } from './BarCharts.tsx';
import { ChartSvg } from './ChartSvg.tsx';
import { cellText, measureText, isHidden, maxOf, numeric, pick, seriesColour, ticks } from './figures.ts';

const PAD = { left: 56, right: 16, top: 16, bottom: 36 };
const HEIGHT = 240;
/** Each line has its own dash pattern and marker shape, so lines can be told apart without colour. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

function Marker({ shape, x, y, colour }: { shape: number; x: number; y: number; colour: string }) {
  switch (shape % 4) {
    case 1:
      return <rect x={x - 3.5} y={y - 3.5} width={7} height={7} fill={colour} />;
    case 2:
      return <path d={`M${x},${y - 4.5}L${x + 4.5},${y + 3.5}L${x - 4.5},${y + 3.5}Z`} fill={colour} />;
    case 3:
      return <path d={`M${x},${y - 4.5}L${x + 4.5},${y}L${x},${y + 4.5}L${x - 4.5},${y}Z`} fill={colour} />;
    default:
      return <circle cx={x} cy={y} r={3.5} fill={colour} />;
  }
}

/** Lines over the rows in order (months or years), one per measure. A hidden cell is a gap with a hatched mark. */
export function LineChart({ table, measures, width, lang, title, description, hatchId, svgRef }: ChartProps) {
  const rows = table.rows;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = maxOf(table, measures);
  const marks = ticks(max, 4);
  const top = marks.at(-1)!;
  const x = (i: number) => PAD.left + (rows.length > 1 ? (i / (rows.length - 1)) * plotW : plotW / 2);
  const y = (v: number) => PAD.top + plotH - (Math.max(0, v) / top) * plotH;
  const every = Math.max(1, Math.ceil((rows.length * 44) / plotW));
  return (
    <ChartSvg
      width={width}
      height={HEIGHT}
      title={title}
      description={description}
      hatchId={hatchId}
      svgRef={svgRef}
    >
      {marks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} stroke="#d0d0d0" strokeWidth="1" />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#4d4d4d">
            {cellText(v, measures[0]!.kind, lang, true)}
          </text>
        </g>
      ))}
      {rows.map((row, i) =>
        i % every === 0 ? (
          <text
            key={row.key}
            x={x(i)}
            y={HEIGHT - PAD.bottom + 16}
            textAnchor="middle"
            fontSize="11"
            fill="#4d4d4d"
          >
            {pick(row.label, lang)}
          </text>
        ) : null,
      )}
      {measures.map((m, s) => {
        const colour = seriesColour(s);
        // A line is broken where a cell is hidden or missing, so no value is suggested there.
        const parts: string[][] = [[]];
        rows.forEach((row, i) => {
          const value = numeric(row.values[m.code]);
          if (value === null) parts.push([]);
          else parts[parts.length - 1]!.push(`${x(i).toFixed(1)},${y(value).toFixed(1)}`);
        });
        return (
          <g key={m.code}>
            {parts
              .filter((p) => p.length > 1)
              .map((p, k) => (
                <polyline
                  key={k}
                  points={p.join(' ')}
                  fill="none"
                  stroke={colour}
                  strokeWidth="2"
                  strokeDasharray={DASHES[s % DASHES.length]}
                />
              ))}
            {rows.map((row, i) => {
              const cell = row.values[m.code];
              const value = numeric(cell);
              const label = `${pick(row.label, lang)}, ${pick(m.label, lang)}: ${measureText(cell, m, lang)}`;
              if (isHidden(cell))
                return (
                  <rect
                    key={row.key}
                    x={x(i) - 4}
                    y={PAD.top + plotH - 10}
                    width={8}
                    height={10}
                    fill={`url(#${hatchId})`}
                    stroke="#4d4d4d"
                    strokeWidth="1"
                  >
                    <title>{label}</title>
                  </rect>
                );
              if (value === null) return null;
              return (
                <g key={row.key}>
                  <title>{label}</title>
                  <Marker shape={s} x={x(i)} y={y(value)} colour={colour} />
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartSvg>
  );
}

/** The legend's sample of line `s`: its colour, dash pattern and marker. */
export function LineSample({ index }: { index: number }) {
  const colour = seriesColour(index);
  return (
    <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
      <line
        x1="1"
        x2="27"
        y1="6"
        y2="6"
        stroke={colour}
        strokeWidth="2"
        strokeDasharray={DASHES[index % DASHES.length]}
      />
      <Marker shape={index} x={14} y={6} colour={colour} />
    </svg>
  );
}
