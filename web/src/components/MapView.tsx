import { useId } from 'react';
import type { AreaGeometry, Position, WijkFeatures } from '../catalogue-api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface MapPoint {
  n: number;
  longitude: number;
  latitude: number;
  name: string;
}

const WIDTH = 640;
const PAD = 16;

function rings(geometry: AreaGeometry): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/**
 * A small map drawn from GeoJSON without tiles or outside requests: the wijken (when the caller may see
 * them) and numbered locations. The numbers match the list, which is the accessible alternative; the
 * origin wijk is hatched and named in the legend, so nothing depends on colour alone.
 */
export function MapView({
  wijken,
  points,
  originWijkCode,
}: {
  wijken: WijkFeatures | null;
  points: MapPoint[];
  originWijkCode: string | null;
}) {
  const { t } = useI18n();
  const c = t.catMap;
  const titleId = useId();
  const descId = useId();
  const patternId = `${useId().replace(/:/g, '')}-hatch`;
  const all: Position[] = [
    ...(wijken?.features.flatMap((f) => rings(f.geometry).flat()) ?? []),
    ...points.map((p) => [p.longitude, p.latitude] as Position),
  ];
  if (all.length === 0) return null;
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = (WIDTH - 2 * PAD) / spanX;
  const height = Math.round(spanY * scale + 2 * PAD);
  const x = (lon: number) => PAD + (lon - minLon) * k * scale;
  const y = (lat: number) => PAD + (maxLat - lat) * scale;
  const path = (geometry: AreaGeometry) =>
    rings(geometry)
      .map((ring) => `M${ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`)
      .join('');

  return (
    <figure className="grip-map">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="grip-map__svg"
        focusable="false"
      >
        <title id={titleId}>{c.mapTitle}</title>
        <desc id={descId}>{c.mapDesc}</desc>
        <defs>
          <pattern
            id={patternId}
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="8" className="grip-map__hatch" />
          </pattern>
        </defs>
        {wijken?.features.map((f) => (
          <path
            key={f.id}
            d={path(f.geometry)}
            className={
              f.properties.code === originWijkCode
                ? 'grip-map__wijk grip-map__wijk--origin'
                : 'grip-map__wijk'
            }
            fill={f.properties.code === originWijkCode ? `url(#${patternId})` : undefined}
          />
        ))}
        {wijken?.features.map((f) => (
          <text
            key={`label-${f.id}`}
            x={x(f.properties.centroid[0])}
            y={y(f.properties.centroid[1])}
            className="grip-map__wijk-label"
            textAnchor="middle"
          >
            {f.properties.name.replace(/^Wijk \d+\s+/, '')}
          </text>
        ))}
        {points.map((p) => (
          <g key={p.n} transform={`translate(${x(p.longitude).toFixed(1)} ${y(p.latitude).toFixed(1)})`}>
            <circle r="11" className="grip-map__point" />
            <text className="grip-map__point-label" textAnchor="middle" dy="4">
              {p.n}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="grip-map__legend">
        <ul className="grip-plain-list">
          <li>{c.legendLocation}</li>
          {originWijkCode && wijken ? <li>{c.legendYourWijk}</li> : null}
        </ul>
        {!wijken ? <p className="utrecht-paragraph utrecht-paragraph--small">{c.mapNoWijken}</p> : null}
        {wijken ? <p className="utrecht-paragraph utrecht-paragraph--small">{wijken.attribution}</p> : null}
      </figcaption>
    </figure>
  );
}
