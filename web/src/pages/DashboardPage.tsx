import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { PlainLink } from '../components/Link.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import {
  Breadcrumbs,
  DASHBOARD_VIEWS,
  DashboardNav,
  viewPath,
} from '../components/dashboard/DashboardNav.tsx';
import { FigureCard } from '../components/dashboard/FigureCard.tsx';
import { FilterBar, filtersFromQuery, pathWith } from '../components/dashboard/FilterBar.tsx';
import { pick } from '../components/dashboard/figures.ts';
import {
  dashboardApi,
  filterQuery,
  reportPdfUrl,
  viewCsvUrl,
  viewXlsxUrl,
  type AreaShapes,
  type DashboardFilters,
  type FigureTable,
  type FilterOptions,
  type ViewResponse,
} from '../dashboard-api.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../router.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** The filter options, loaded once per page visit and shared by the filter bar and the breadcrumbs. */
export function useFilterOptions(): FilterOptions | null {
  const [options, setOptions] = useState<FilterOptions | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    dashboardApi
      .filterOptions(controller.signal)
      .then(setOptions)
      .catch(() => {
        // Without options the filter bar still offers laws and age groups; the view itself still loads.
      });
    return () => controller.abort();
  }, []);
  return options;
}

/** Wijk outlines, and the buurt outlines of the chosen wijk, when a table of the view is a map. */
function useShapes(response: ViewResponse | null, wijk: string | undefined) {
  const [wijken, setWijken] = useState<AreaShapes | null>(null);
  const [buurten, setBuurten] = useState<{ wijk: string; shapes: AreaShapes } | null>(null);
  const maps = response?.tables.filter((t) => t.chart === 'map') ?? [];
  const needWijken = maps.some((t) => t.mapLevel !== 'buurt');
  const needBuurten = maps.some((t) => t.mapLevel === 'buurt') && wijk;
  useEffect(() => {
    if (!needWijken || wijken) return;
    const controller = new AbortController();
    dashboardApi
      .wijkShapes(controller.signal)
      .then(setWijken)
      .catch(() => {});
    return () => controller.abort();
  }, [needWijken, wijken]);
  useEffect(() => {
    if (!needBuurten || !wijk || buurten?.wijk === wijk) return;
    const controller = new AbortController();
    dashboardApi
      .buurtShapes(wijk, controller.signal)
      .then((shapes) => setBuurten({ wijk, shapes }))
      .catch(() => {});
    return () => controller.abort();
  }, [needBuurten, wijk, buurten]);
  return (table: FigureTable): AreaShapes | null =>
    table.mapLevel === 'buurt' ? (buurten && buurten.wijk === wijk ? buurten.shapes : null) : wijken;
}

/**
 * One dashboard view (issue 8): the whole view in one request for the filters in the address, each table
 * drawn as its chart with the table, drill-down city → wijk → buurt on the map and in the tables, the
 * suppression rule once, and the exports (CSV, XLSX, the council PDF).
 */
export function DashboardPage({ slug }: { slug: string }) {
  const view = DASHBOARD_VIEWS.find((v) => v.slug === slug);
  return view ? <DashboardView key={view.code} code={view.code} slug={view.slug} /> : <NotFoundPage />;
}

function DashboardView({ code, slug }: { code: (typeof DASHBOARD_VIEWS)[number]['code']; slug: string }) {
  const { t, lang, formatDateTime } = useI18n();
  const d = t.dashboard;
  const title = d.views[code];
  usePageTitle(`${title} - ${d.title}`);
  const { search } = useLocation();
  const filters = useMemo(() => filtersFromQuery(new URLSearchParams(search)), [search]);
  const key = filterQuery(filters);
  const [response, setResponse] = useState<ViewResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const options = useFilterOptions();
  const shapesFor = useShapes(response, filters.wijk);
  const path = viewPath(slug);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    setResponse(null);
    dashboardApi
      .view(code, filtersFromQuery(new URLSearchParams(key)), controller.signal)
      .then(({ data }) => setResponse(data))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const { t: tt, lang: l } = texts.current;
        const fields = e instanceof ApiError ? e.fields.map((p) => p[l]).filter(Boolean) : [];
        setError([errorText(e, tt, l), ...fields].join(' '));
      });
    return () => controller.abort();
  }, [code, key]);

  const drillFor = (table: FigureTable) => {
    const filter = table.drillFilter;
    if (!filter) return null;
    return (rowKey: string) => {
      const next: DashboardFilters = { ...filters, [filter]: rowKey };
      if (filter === 'wijk') next.buurt = undefined;
      if (filter === 'buurt') {
        const row = table.rows.find((r) => r.key === rowKey);
        next.wijk = row?.group ?? options?.buurten.find((b) => b.code === rowKey)?.wijkCode ?? filters.wijk;
      }
      return pathWith(path, next);
    };
  };
  const partLabel = (part: string) => d.laws[part as keyof typeof d.laws] ?? part;
  const exportFilters: DashboardFilters = response ? { ...filters, ...response.filters } : filters;

  return (
    <div className="grip-stack grip-dash">
      <div>
        <Paragraph className="grip-dash-kicker">{d.title}</Paragraph>
        <PageTitle>{title}</PageTitle>
        <Paragraph lead>{response ? pick(response.view.description, lang) : d.viewIntro[code]}</Paragraph>
      </div>
      <DashboardNav filters={filters} />
      <FilterBar path={path} filters={filters} effective={response?.filters ?? null} options={options} />
      <Breadcrumbs path={path} filters={filters} options={options} />
      <div role="status" className="grip-live-region">
        {error ? (
          <Alert type="error">
            <Paragraph>{error}</Paragraph>
          </Alert>
        ) : !response ? (
          <Paragraph>{t.common.loading}</Paragraph>
        ) : (
          <span className="grip-visually-hidden">{d.loaded(title, response.tables.length)}</span>
        )}
      </div>
      {response ? (
        <>
          <section className="grip-dash-about" aria-labelledby="dash-about-heading">
            <Heading level={2} id="dash-about-heading" appearance={4}>
              {d.aboutHeading}
            </Heading>
            <Paragraph>{pick(response.suppression.rule, lang)}</Paragraph>
            <ul className="grip-plain-list grip-dash-hidden-legend">
              <li>
                <strong>{'<10'}</strong> {d.legendSmall(response.suppression.threshold)}
              </li>
              <li>
                <strong>x</strong> {d.legendX}
              </li>
            </ul>
            <Paragraph small>
              {d.period(response.filters.from, response.filters.to)}{' '}
              {response.refreshedAt ? d.refreshed(formatDateTime(response.refreshedAt)) : null}{' '}
              {d.dataVersion(response.dataVersion)}
            </Paragraph>
            <ul className="utrecht-unordered-list grip-downloads">
              <li className="utrecht-unordered-list__item">
                <PlainLink href={viewCsvUrl(code, exportFilters)} download>
                  {d.downloadCsv}
                </PlainLink>
              </li>
              <li className="utrecht-unordered-list__item">
                <PlainLink href={viewXlsxUrl(code, exportFilters)} download>
                  {d.downloadXlsx}
                </PlainLink>
              </li>
              <li className="utrecht-unordered-list__item">
                <PlainLink href={reportPdfUrl(exportFilters)} download>
                  {d.downloadPdf}
                </PlainLink>
              </li>
            </ul>
          </section>
          {response.tables.length === 0 ? <Paragraph>{d.noTables}</Paragraph> : null}
          <div className="grip-dash-figures">
            {response.tables.map((table) => (
              <FigureCard
                key={`${table.code}-${key}`}
                table={table}
                viewCode={code}
                shapes={table.chart === 'map' ? shapesFor(table) : undefined}
                drillHref={drillFor(table)}
                partLabel={partLabel}
              />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}
