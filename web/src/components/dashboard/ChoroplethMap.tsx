import { useState, type MouseEvent, type ReactNode, type Ref } from 'react';
import type { AreaGeometry, AreaShapes, FigureTable, Measure, Position } from '../../dashboard-api.ts';
import type { Lang } from '../../i18n/i18n.tsx';
import { navigate } from '../../router.tsx';
import { ChartSvg } from './ChartSvg.tsx';
import { cellText, measureText, isHidden, numeric, pick, sequentialScale, textOn } from './figures.ts';

const PAD = 12;

function rings(geometry: AreaGeometry): Position[][] {
  if (geometry.coordinates.length === 0) return [];
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Centroid of the largest outer ring (shoelace formula): where the value label goes. */
function centroid(geometry: AreaGeometry): Position {
  const outers =
    geometry.type === 'Polygon'
      ? [geometry.coordinates[0] ?? []]
      : geometry.coordinates.map((p) => p[0] ?? []);
  let best: Position = [0, 0];
  let bestArea = -1;
  for (const ring of outers) {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    if (Math.abs(a) > bestArea && a !== 0) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}

export interface MapTexts {
  legendHidden: string;
  legendNoData: string;
  drillHint: (name: string) => string;
  tilesNote: string;
}

/**
 * A choropleth of wijken or buurten drawn from GeoJSON (no tiles, no outside requests). Each area is a
 * link that sets the drill filter (wijk, then buurt), so it works by mouse, keyboard and screen reader; its
 * name says the value. Every area prints its value; hidden cells are hatched; the legend (inside the SVG,
 * so exports keep it) gives each colour class its range. Without buurt polygons the buurten are tiles.
 */
export function ChoroplethMap({
  table,
  measure,
  shapes,
  width,
  lang,
  title,
  description,
  hatchId,
  svgRef,
  drillHref,
  texts,
}: {
  table: FigureTable;
  measure: Measure;
  shapes: AreaShapes;
  width: number;
  lang: Lang;
  title: string;
  description: string;
  hatchId: string;
  svgRef?: Ref<SVGSVGElement>;
  drillHref: ((key: string) => string) | null;
  texts: MapTexts;
}) {
  const [focused, setFocused] = useState<string | null>(null);
  const rows = new Map(table.rows.map((r) => [r.key, r]));
  const values = table.rows
    .map((r) => numeric(r.values[measure.code]))
    .filter((v): v is number => v !== null);
  const scale = sequentialScale(values);

  // Areas: polygons, or a grid of tiles when only names are known.
  const areas = shapes.shapes.filter((s) => rows.has(s.code) || shapes.polygons);
  const tileAreas = shapes.polygons
    ? []
    : table.rows.map((r) => ({ code: r.key, name: pick(r.label, lang) }));
  let mapHeight: number;
  let pathOf: (geometry: AreaGeometry) => string = () => '';
  let labelAt: (code: string) => Position = () => [0, 0];
  const tile = {
    columns: Math.max(1, Math.min(tileAreas.length, Math.floor((width - 2 * PAD) / 120))),
    w: 0,
    h: 64,
  };
  if (shapes.polygons) {
    const all = areas.flatMap((a) => rings(a.geometry).flat());
    const lons = all.map((p) => p[0]);
    const lats = all.map((p) => p[1]);
    const [minLon, maxLon, minLat, maxLat] = [
      Math.min(...lons),
      Math.max(...lons),
      Math.min(...lats),
      Math.max(...lats),
    ];
    const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const s = (width - 2 * PAD) / Math.max((maxLon - minLon) * k, 1e-9);
    const scaleY = Math.min(s, 520 / Math.max(maxLat - minLat, 1e-9));
    const used = Math.min(s, scaleY);
    const offsetX = (width - (maxLon - minLon) * k * used) / 2;
    mapHeight = Math.round((maxLat - minLat) * used + 2 * PAD);
    const x = (lon: number) => offsetX + (lon - minLon) * k * used;
    const y = (lat: number) => PAD + (maxLat - lat) * used;
    pathOf = (g) =>
      rings(g)
        .map((ring) => `M${ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`)
        .join('');
    const centres = new Map(areas.map((a) => [a.code, centroid(a.geometry)]));
    labelAt = (code) => {
      const c = centres.get(code) ?? [minLon, minLat];
      return [x(c[0]), y(c[1])];
    };
  } else {
    tile.w = (width - 2 * PAD) / tile.columns;
    mapHeight = PAD * 2 + Math.ceil(tileAreas.length / tile.columns) * tile.h;
  }
  const min = values.length > 0 ? Math.min(...values) : 0;
  const legendItems = [
    ...(scale
      ? scale.bounds.map((upper, i) => {
          const lower = i === 0 ? min : scale.bounds[i - 1]!;
          const from = cellText(lower, measure.kind, lang, true);
          const to = cellText(upper, measure.kind, lang, true);
          return {
            fill: scale.palette[i]!,
            text: i === 0 ? (from === to ? from : `${from} – ${to}`) : `> ${from} – ${to}`,
          };
        })
      : []),
    { fill: `url(#${hatchId})`, text: texts.legendHidden },
    { fill: '#ffffff', text: texts.legendNoData },
  ];
  const legendColumns = width >= 560 ? 3 : width >= 380 ? 2 : 1;
  const legendRowHeight = 22;
  const legendTop = mapHeight + 10;
  const height =
    legendTop +
    Math.ceil(legendItems.length / legendColumns) * legendRowHeight +
    8 +
    (shapes.polygons ? 0 : 20);

  const fillOf = (code: string) => {
    const cell = rows.get(code)?.values[measure.code];
    if (isHidden(cell)) return `url(#${hatchId})`;
    const value = numeric(cell);
    return value === null || !scale ? '#ffffff' : scale.colour(value);
  };
  /** An area's shape; with drill-down a link whose name says the area, its value and where it leads. */
  const area = (code: string, name: string, shape: ReactNode) => {
    const row = rows.get(code);
    const label = `${name}: ${measureText(row?.values[measure.code], measure, lang)}`;
    const href = row && drillHref ? drillHref(code) : null;
    if (!href)
      return (
        <g key={code} className="grip-dash-map__area">
          <title>{label}</title>
          {shape}
        </g>
      );
    return (
      <a
        key={code}
        href={href}
        className="grip-dash-map__area grip-dash-map__link"
        aria-label={`${label}. ${texts.drillHint(name)}`}
        onClick={(event: MouseEvent) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          navigate(href);
        }}
        onFocus={() => setFocused(code)}
        onBlur={() => setFocused(null)}
        onMouseEnter={() => setFocused(code)}
        onMouseLeave={() => setFocused(null)}
      >
        <title>{label}</title>
        {shape}
      </a>
    );
  };
  /**
   * The value printed on an area. Labels are a layer of their own above all shapes (so no neighbour covers
   * them) and outside the links (a link's name then does not have to repeat a shortened label).
   */
  const valueLabel = (code: string, centre: Position) => {
    const cell = rows.get(code)?.values[measure.code];
    const fill = fillOf(code);
    const plain = fill.startsWith('url') || fill === '#ffffff';
    return (
      <text
        key={`value-${code}`}
        x={centre[0]}
        y={centre[1] + 4}
        textAnchor="middle"
        fontSize={width < 480 ? 9.5 : 11}
        fontWeight="bold"
        fill={plain ? '#1a1a1a' : textOn(fill)}
        stroke={fill.startsWith('url') ? '#ffffff' : 'none'}
        strokeWidth={fill.startsWith('url') ? 3 : 0}
        paintOrder="stroke"
      >
        {measureText(cell, measure, lang, true)}
      </text>
    );
  };
  const tileAt = (i: number) => ({
    x: PAD + (i % tile.columns) * tile.w,
    y: PAD + Math.floor(i / tile.columns) * tile.h,
  });

  const focusedName =
    focused !== null
      ? (areas.find((a) => a.code === focused)?.name ?? pick(rows.get(focused)?.label, lang))
      : null;
  const focusedText =
    focused !== null
      ? `${focusedName}: ${measureText(rows.get(focused)?.values[measure.code], measure, lang)}`
      : null;

  return (
    <ChartSvg
      width={width}
      height={height}
      title={title}
      description={description}
      hatchId={hatchId}
      svgRef={svgRef}
      interactive={drillHref !== null}
    >
      {shapes.polygons
        ? areas.map((a) =>
            area(
              a.code,
              a.name || pick(rows.get(a.code)?.label, lang),
              <path
                d={pathOf(a.geometry)}
                fill={fillOf(a.code)}
                stroke="#333333"
                strokeWidth="1"
                className="grip-dash-map__shape"
              />,
            ),
          )
        : tileAreas.map((a, i) => {
            const { x, y } = tileAt(i);
            return area(
              a.code,
              a.name,
              <rect
                x={x + 2}
                y={y + 2}
                width={tile.w - 4}
                height={tile.h - 4}
                fill={fillOf(a.code)}
                stroke="#333333"
                strokeWidth="1"
                className="grip-dash-map__shape"
              />,
            );
          })}
      <g pointerEvents="none">
        {shapes.polygons
          ? areas.filter((a) => rows.has(a.code)).map((a) => valueLabel(a.code, labelAt(a.code)))
          : tileAreas.map((a, i) => {
              const { x, y } = tileAt(i);
              const chars = Math.floor(tile.w / 6);
              return (
                <g key={`tile-${a.code}`}>
                  <text
                    x={x + tile.w / 2}
                    y={y + 18}
                    textAnchor="middle"
                    fontSize="10"
                    fill="#1a1a1a"
                    stroke="#ffffff"
                    strokeWidth="3"
                    paintOrder="stroke"
                  >
                    {a.name.length > chars ? `${a.name.slice(0, chars - 1)}…` : a.name}
                  </text>
                  {valueLabel(a.code, [x + tile.w / 2, y + tile.h / 2 + 10])}
                </g>
              );
            })}
      </g>
      {focusedText ? (
        <g pointerEvents="none" className="grip-dash-map__tip">
          <rect
            x={4}
            y={4}
            width={Math.min(width - 8, focusedText.length * 7 + 16)}
            height={24}
            rx={3}
            fill="#1a1a1a"
          />
          <text x={12} y={20} fontSize="12" fill="#ffffff">
            {focusedText}
          </text>
        </g>
      ) : null}
      {legendItems.map((item, i) => {
        const columnWidth = (width - 2 * PAD) / legendColumns;
        const x = PAD + (i % legendColumns) * columnWidth;
        const y = legendTop + Math.floor(i / legendColumns) * legendRowHeight;
        return (
          <g key={item.text}>
            <rect x={x} y={y} width={18} height={14} fill={item.fill} stroke="#333333" strokeWidth="1" />
            <text x={x + 24} y={y + 12} fontSize="11" fill="#1a1a1a">
              {item.text}
            </text>
          </g>
        );
      })}
      {shapes.polygons ? null : (
        <text x={PAD} y={height - 8} fontSize="11" fill="#4d4d4d">
          {texts.tilesNote}
        </text>
      )}
    </ChartSvg>
  );
}
