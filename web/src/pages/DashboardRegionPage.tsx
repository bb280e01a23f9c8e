import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Button } from '../components/Button.tsx';
import { SelectField } from '../components/FormField.tsx';
import { LoadingOrError } from '../components/LoadingOrError.tsx';
import { Cell, HeaderCell, RowHeaderCell, Table, TableBody } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { DASHBOARD_VIEWS, DashboardNav } from '../components/dashboard/DashboardNav.tsx';
import { FigureCard } from '../components/dashboard/FigureCard.tsx';
import { monthLabel, monthsBetween } from '../components/dashboard/FilterBar.tsx';
import { cellText, measureText, isHidden, pick } from '../components/dashboard/figures.ts';
import {
  AGE_GROUPS,
  dashboardApi,
  LAW_CODES,
  type FigureTable,
  type Measure,
  type Region,
  type RegionPart,
  type RegionTable,
  type RegionViewResponse,
  type TableRow,
} from '../dashboard-api.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import { useFilterOptions } from './DashboardPage.tsx';

export const REGION_PATH = '/dashboard/regio';

/** One measure of one region table: a column per member, then the region's total. */
function ComparisonTable({
  answer,
  table,
  measureIndex,
}: {
  answer: RegionViewResponse;
  table: RegionTable;
  measureIndex: number;
}) {
  const { t, lang } = useI18n();
  const d = t.dashboard;
  const measure = table.measures[measureIndex]!;
  // Members without figures here are named above the tables, not given a column of dashes.
  const parts = answer.members
    .filter((m) => m.status === 'gegevens')
    .map((m) => ({
      key: m.municipalityCode,
      name: m.name,
      part: table.members.find((x) => x.municipalityCode === m.municipalityCode) ?? null,
    }));
  // Every row key of any part, in the order they first appear (the total first).
  const rows = new Map<string, TableRow>();
  for (const part of [table.regionTotal, ...table.members])
    for (const row of part.rows) if (!rows.has(row.key)) rows.set(row.key, row);
  const cell = (part: RegionPart | null, rowKey: string, key: string) => {
    const value = part?.rows.find((r) => r.key === rowKey)?.values[measure.code];
    return (
      <Cell key={key} className={`grip-number${isHidden(value) ? ' grip-dash-hidden' : ''}`}>
        {value === undefined ? '–' : measureText(value, measure, lang)}
      </Cell>
    );
  };
  return (
    <Table caption={`${pick(table.title, lang)} — ${pick(measure.label, lang)}`}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <HeaderCell>{pick(table.dimension.label, lang)}</HeaderCell>
          {parts.map((c) => (
            <HeaderCell key={c.key} className="grip-number">
              {c.name}
            </HeaderCell>
          ))}
          <HeaderCell className="grip-number">{d.region.total}</HeaderCell>
        </tr>
      </thead>
      <TableBody>
        {[...rows.values()].map((row) => (
          <tr key={row.key} className="utrecht-table__row">
            <RowHeaderCell>{pick(row.label, lang)}</RowHeaderCell>
            {parts.map((c) => cell(c.part, row.key, c.key))}
            {cell(table.regionTotal, row.key, 'total')}
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

/** A table of one row (a summary): its measures as rows, a column per member and the total. */
function MeasuresTable({ answer, table }: { answer: RegionViewResponse; table: RegionTable }) {
  const { t, lang } = useI18n();
  const members = answer.members.filter((m) => m.status === 'gegevens');
  const value = (part: RegionPart | undefined, code: string, kind: Measure['kind'], key: string) => {
    const cell = part?.rows[0]?.values[code];
    return (
      <Cell key={key} className={`grip-number${isHidden(cell) ? ' grip-dash-hidden' : ''}`}>
        {cell === undefined ? '–' : cellText(cell, kind, lang)}
      </Cell>
    );
  };
  const rowLabel = table.regionTotal.rows[0] ? ` (${pick(table.regionTotal.rows[0].label, lang)})` : '';
  return (
    <Table caption={`${pick(table.title, lang)}${rowLabel}`}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <HeaderCell>{t.dashboard.region.figure}</HeaderCell>
          {members.map((m) => (
            <HeaderCell key={m.municipalityCode} className="grip-number">
              {m.name}
            </HeaderCell>
          ))}
          <HeaderCell className="grip-number">{t.dashboard.region.total}</HeaderCell>
        </tr>
      </thead>
      <TableBody>
        {table.measures.map((m) => (
          <tr key={m.code} className="utrecht-table__row">
            <RowHeaderCell>{pick(m.label, lang)}</RowHeaderCell>
            {members.map((member) =>
              value(
                table.members.find((x) => x.municipalityCode === member.municipalityCode),
                m.code,
                m.kind,
                member.municipalityCode,
              ),
            )}
            {value(table.regionTotal, m.code, m.kind, 'total')}
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

/** The region's total of a table as a figure table, so it can be drawn like any dashboard figure. */
function totalFigure(table: RegionTable): FigureTable {
  return {
    ...table,
    rows: table.regionTotal.rows,
    total: table.regionTotal.total,
    suppressed: table.regionTotal.suppressed,
    drillFilter: undefined,
  };
}

/**
 * The region comparison (issue 8, point 11): one view across the municipalities of a samenwerkingsverband,
 * side by side and in total — aggregates only, each municipality suppressed by its own rule.
 */
export function DashboardRegionPage() {
  const { t, lang } = useI18n();
  const d = t.dashboard;
  const r = d.region;
  usePageTitle(`${d.pages.region} - ${d.title}`);
  const { query } = useLocation();
  const options = useFilterOptions();
  const [regions, setRegions] = useState<Region[] | null>(null);
  const [answer, setAnswer] = useState<RegionViewResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const chosen = {
    region: query.get('regio') ?? '',
    view: query.get('view') ?? 'volumes',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    law: query.get('law') ?? '',
    ageGroup: query.get('ageGroup') ?? '',
  };
  const [draft, setDraft] = useState(chosen);
  const key = JSON.stringify(chosen);

  useEffect(() => {
    const controller = new AbortController();
    dashboardApi
      .regions(controller.signal)
      .then(({ data }) => setRegions(data.items))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorText(e, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const c = JSON.parse(key) as typeof chosen;
    setDraft(c);
    const region = c.region || regions?.[0]?.code;
    if (!region) return;
    const controller = new AbortController();
    setAnswer(null);
    setError(null);
    dashboardApi
      .regionView(
        region,
        c.view,
        {
          from: c.from || undefined,
          to: c.to || undefined,
          law: (c.law || undefined) as never,
          ageGroup: (c.ageGroup || undefined) as never,
        },
        controller.signal,
      )
      .then(({ data }) => setAnswer(data))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const { t: tt, lang: l } = texts.current;
        const fields = e instanceof ApiError ? e.fields.map((p) => p[l]) : [];
        setError([errorText(e, tt, l), ...fields].join(' '));
      });
    return () => controller.abort();
  }, [key, regions]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(
      withQuery(REGION_PATH, {
        regio: draft.region,
        view: draft.view,
        from: draft.from,
        to: draft.to,
        law: draft.law,
        ageGroup: draft.ageGroup,
      }),
    );
  };
  const months =
    options?.firstMonth && options.lastMonth ? monthsBetween(options.firstMonth, options.lastMonth) : [];
  const all = (text: string) => ({ value: '', label: text });

  return (
    <div className="grip-stack grip-dash">
      <div>
        <Paragraph className="grip-dash-kicker">{d.title}</Paragraph>
        <PageTitle>{d.pages.region}</PageTitle>
        <Paragraph lead>{r.intro}</Paragraph>
      </div>
      <DashboardNav filters={{}} />
      {regions && regions.length === 0 ? <Paragraph>{r.none}</Paragraph> : null}
      {regions && regions.length > 0 ? (
        <form className="grip-dash-filters" noValidate onSubmit={apply} aria-label={d.filters.label}>
          <div className="grip-dash-filters__grid">
            <SelectField
              id="region"
              label={r.region}
              value={draft.region || regions[0]!.code}
              onChange={(e) => setDraft({ ...draft, region: e.target.value })}
              options={regions.map((x) => ({ value: x.code, label: x.name }))}
            />
            <SelectField
              id="region-view"
              label={r.view}
              value={draft.view}
              onChange={(e) => setDraft({ ...draft, view: e.target.value })}
              options={DASHBOARD_VIEWS.map((v) => ({ value: v.code, label: d.views[v.code] }))}
            />
            <SelectField
              id="region-from"
              label={d.filters.from}
              optional
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
              options={[
                all(d.filters.defaultPeriod),
                ...months.map((m) => ({ value: m, label: monthLabel(m, lang) })),
              ]}
            />
            <SelectField
              id="region-to"
              label={d.filters.to}
              optional
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
              options={[
                all(d.filters.defaultPeriod),
                ...months.map((m) => ({ value: m, label: monthLabel(m, lang) })),
              ]}
            />
            <SelectField
              id="region-law"
              label={d.filters.law}
              optional
              value={draft.law}
              onChange={(e) => setDraft({ ...draft, law: e.target.value })}
              options={[all(d.filters.allLaws), ...LAW_CODES.map((l) => ({ value: l, label: d.laws[l] }))]}
            />
            <SelectField
              id="region-age"
              label={d.filters.ageGroup}
              optional
              value={draft.ageGroup}
              onChange={(e) => setDraft({ ...draft, ageGroup: e.target.value })}
              options={[
                all(d.filters.allAges),
                ...AGE_GROUPS.map((a) => ({ value: a, label: d.filters.age(a) })),
              ]}
            />
          </div>
          <div className="utrecht-button-group grip-button-group">
            <Button type="submit" appearance="primary-action">
              {d.filters.apply}
            </Button>
          </div>
        </form>
      ) : null}
      <div role="status" className="grip-live-region">
        {error || (!answer && (!regions || regions.length > 0)) ? <LoadingOrError error={error} /> : null}
      </div>
      {answer ? (
        <>
          <Paragraph>
            {r.members(
              answer.region.name,
              answer.members
                .filter((m) => m.status === 'gegevens')
                .map((m) => m.name)
                .join(', '),
            )}
          </Paragraph>
          <section className="grip-dash-about" aria-labelledby="region-about-heading">
            <Heading level={2} id="region-about-heading" appearance={4}>
              {d.aboutHeading}
            </Heading>
            <Paragraph>{pick(answer.suppression.rule, lang)}</Paragraph>
            <Paragraph small>{d.period(answer.filters.from, answer.filters.to)}</Paragraph>
          </section>
          {answer.notes.map((note, i) => (
            <Paragraph key={i} small>
              {pick(note, lang)}
            </Paragraph>
          ))}
          {answer.tables.map((table) => (
            <section key={table.code} className="grip-stack--tight" aria-labelledby={`region-${table.code}`}>
              <Heading level={2} id={`region-${table.code}`} appearance={3}>
                {pick(table.title, lang)}
              </Heading>
              {table.regionTotal.rows.length <= 1 ? (
                <MeasuresTable answer={answer} table={table} />
              ) : (
                table.measures.map((m, i) => (
                  <ComparisonTable key={m.code} answer={answer} table={table} measureIndex={i} />
                ))
              )}
              {table.chart !== 'table' && table.chart !== 'tiles' ? (
                <details className="grip-dash-details">
                  <summary>{r.totalChart}</summary>
                  <FigureCard
                    table={totalFigure(table)}
                    viewCode={`regio-${answer.view.code}`}
                    drillHref={null}
                    partLabel={(p) => d.laws[p as keyof typeof d.laws] ?? p}
                  />
                </details>
              ) : null}
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
