import { useId, useRef, useState } from 'react';
import type { AreaShapes, FigureTable } from '../../dashboard-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../Button.tsx';
import { Link } from '../Link.tsx';
import { BarChart, StackedBarChart } from './BarCharts.tsx';
import { downloadPng, downloadSvg } from './chart-export.ts';
import { useHatchId } from './ChartSvg.tsx';
import { ChoroplethMap } from './ChoroplethMap.tsx';
import { defaultMeasure, isHidden, pick, plotMeasures, seriesColour, useWidth } from './figures.ts';
import { FigureTableView } from './FigureTableView.tsx';
import { IndicatorTiles } from './IndicatorTiles.tsx';
import { LineChart, LineSample } from './LineChart.tsx';
import { OverlapChart, PyramidChart } from './PyramidOverlap.tsx';

export const DEFINITIONS_PATH = '/dashboard/definities';

/**
 * One figure of a view: title, what it shows, the chart (SVG) with its legend, the export of the chart as
 * SVG or PNG, the table with the same numbers (open under the chart for a plain table, behind a toggle
 * otherwise), notes, and a link to the definition of every measure.
 */
export function FigureCard({
  table,
  viewCode,
  shapes,
  drillHref,
  partLabel,
}: {
  table: FigureTable;
  viewCode: string;
  /**
   * Outlines for a map table (wijken or the buurten of the chosen wijk); null while they load. Left out
   * where there is no map (the region's totals), a map table is drawn as bars.
   */
  shapes?: AreaShapes | null;
  drillHref: ((key: string) => string) | null;
  partLabel: (part: string) => string;
}) {
  const { t, lang } = useI18n();
  const d = t.dashboard;
  const headingId = useId();
  const selectId = useId();
  const hatchId = useHatchId();
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(box);
  const [chosen, setChosen] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const measures = plotMeasures(table, chosen);
  const title = pick(table.title, lang);
  const chartKind =
    table.rows.length === 0 ? 'table' : table.chart === 'map' && shapes === undefined ? 'bar' : table.chart;
  const hasSvg = !['table', 'tiles'].includes(chartKind) && measures.length > 0;
  const anyHidden =
    table.rows.some((r) => measures.some((m) => isHidden(r.values[m.code]))) && chartKind !== 'map';
  const description = d.chartDescription(d.chartKinds[chartKind] ?? chartKind, title);
  const common = {
    table,
    measures,
    width,
    lang,
    title,
    description,
    hatchId,
    svgRef: svg,
  };
  let chart = null;
  if (measures.length > 0) {
    if (chartKind === 'bar') chart = <BarChart {...common} />;
    else if (chartKind === 'stacked-bar') chart = <StackedBarChart {...common} />;
    else if (chartKind === 'line') chart = <LineChart {...common} />;
    else if (chartKind === 'pyramid') chart = <PyramidChart {...common} />;
    else if (chartKind === 'overlap') chart = <OverlapChart {...common} partLabel={partLabel} />;
    else if (chartKind === 'map')
      chart = shapes ? (
        <ChoroplethMap
          table={table}
          measure={measures[0]!}
          shapes={shapes}
          width={width}
          lang={lang}
          title={title}
          description={description}
          hatchId={hatchId}
          svgRef={svg}
          drillHref={drillHref}
          texts={d.map}
        />
      ) : (
        <p className="utrecht-paragraph">{t.common.loading}</p>
      );
  }
  const definitions = [...new Set(table.measures.map((m) => m.definition))];
  const fileName = `${viewCode}-${table.code}`;
  const exportAs = async (format: 'svg' | 'png') => {
    if (!svg.current) return;
    setExportError(null);
    try {
      if (format === 'svg') downloadSvg(svg.current, fileName);
      else await downloadPng(svg.current, fileName);
    } catch {
      setExportError(d.exportFailed);
    }
  };
  const canChooseMeasure = !table.series && table.measures.length > 1 && hasSvg;
  const showSeriesLegend = hasSvg && measures.length > 1 && chartKind !== 'pyramid';

  return (
    <section className="grip-dash-figure" aria-labelledby={headingId} data-table={table.code}>
      <h2 id={headingId} className="utrecht-heading-3">
        {title}
      </h2>
      {table.description ? <p className="utrecht-paragraph">{pick(table.description, lang)}</p> : null}
      {canChooseMeasure ? (
        <div className="grip-dash-measure">
          <label className="utrecht-form-label" htmlFor={selectId}>
            {d.measureLabel}
          </label>
          <select
            id={selectId}
            className="utrecht-select utrecht-select--html-select"
            value={chosen ?? defaultMeasure(table)?.code ?? ''}
            onChange={(e) => setChosen(e.target.value)}
          >
            {table.measures.map((m) => (
              <option key={m.code} value={m.code}>
                {pick(m.label, lang)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {chartKind === 'tiles' ? (
        <IndicatorTiles table={table} lang={lang} statusText={d.track} />
      ) : (
        <div ref={box} className="grip-dash-chart">
          {chart}
        </div>
      )}
      {showSeriesLegend || anyHidden ? (
        <ul className="grip-dash-legend" aria-label={d.legend}>
          {showSeriesLegend
            ? measures.map((m, i) => (
                <li key={m.code}>
                  {chartKind === 'line' ? (
                    <LineSample index={i} />
                  ) : (
                    <span className="grip-dash-swatch" data-colour={seriesColour(i)} aria-hidden="true">
                      <svg width="14" height="14" viewBox="0 0 14 14" focusable="false">
                        <rect width="14" height="14" fill={seriesColour(i)} />
                      </svg>
                    </span>
                  )}
                  {pick(m.label, lang)}
                </li>
              ))
            : null}
          {anyHidden ? (
            <li>
              <span className="grip-dash-swatch" aria-hidden="true">
                <svg width="14" height="14" viewBox="0 0 14 14" focusable="false">
                  <defs>
                    <pattern
                      id={`${hatchId}-l`}
                      width="4"
                      height="4"
                      patternUnits="userSpaceOnUse"
                      patternTransform="rotate(45)"
                    >
                      <rect width="4" height="4" fill="#ffffff" />
                      <line x1="0" y1="0" x2="0" y2="4" stroke="#4d4d4d" strokeWidth="1.5" />
                    </pattern>
                  </defs>
                  <rect width="14" height="14" fill={`url(#${hatchId}-l)`} stroke="#4d4d4d" />
                </svg>
              </span>
              {d.legendHidden}
            </li>
          ) : null}
        </ul>
      ) : null}
      {hasSvg ? (
        <div className="utrecht-button-group grip-button-group grip-dash-exports">
          <Button appearance="subtle" onClick={() => void exportAs('svg')} aria-label={d.exportSvgOf(title)}>
            {d.exportSvg}
          </Button>
          <Button appearance="subtle" onClick={() => void exportAs('png')} aria-label={d.exportPngOf(title)}>
            {d.exportPng}
          </Button>
        </div>
      ) : null}
      {exportError ? (
        <p className="utrecht-paragraph" role="alert">
          {exportError}
        </p>
      ) : null}
      {chartKind === 'table' ? (
        <FigureTableView table={table} drillHref={drillHref} />
      ) : (
        <details className="grip-dash-details">
          <summary>{d.showTable}</summary>
          <FigureTableView table={table} drillHref={drillHref} />
        </details>
      )}
      {(table.notes ?? []).map((note, i) => (
        <p key={i} className="utrecht-paragraph utrecht-paragraph--small grip-dash-note">
          {pick(note, lang)}
        </p>
      ))}
      <p className="utrecht-paragraph utrecht-paragraph--small">
        {d.definitionsLabel}{' '}
        {definitions.map((code, i) => (
          <span key={code}>
            {i > 0 ? ', ' : null}
            <Link to={`${DEFINITIONS_PATH}#${encodeURIComponent(code)}`}>{d.definitionLink(code)}</Link>
          </span>
        ))}
      </p>
    </section>
  );
}
