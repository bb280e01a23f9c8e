import { useEffect, useRef, useState } from 'react';
import type { Bilingual } from '../api.ts';
import { LoadingOrError } from '../components/LoadingOrError.tsx';
import { Link } from '../components/Link.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { DASHBOARD_VIEWS, DashboardNav, viewPath } from '../components/dashboard/DashboardNav.tsx';
import { pick } from '../components/dashboard/figures.ts';
import { dashboardApi, type FigureDefinition } from '../dashboard-api.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

export const DEFINITIONS_PAGE_PATH = '/dashboard/definities';

interface Use {
  viewCode: string;
  table: Bilingual;
  measure: Bilingual;
}

/**
 * Which figures use which definition. The definitions answer may list them (usedBy); otherwise they are
 * read from the views themselves (default filters, served from the server's cache).
 */
async function usesOf(signal: AbortSignal): Promise<Map<string, Use[]>> {
  const uses = new Map<string, Use[]>();
  const answers = await Promise.all(
    DASHBOARD_VIEWS.map((v) =>
      dashboardApi
        .view(v.code, {}, signal)
        .then(({ data }) => ({ code: v.code, tables: data.tables }))
        .catch(() => ({ code: v.code, tables: [] })),
    ),
  );
  for (const { code, tables } of answers)
    for (const table of tables)
      for (const m of table.measures)
        uses.set(m.definition, [
          ...(uses.get(m.definition) ?? []),
          { viewCode: code, table: table.title, measure: m.label },
        ]);
  return uses;
}

/** Every dashboard definition: name, how it is computed, version, source, and the figures that use it. */
export function DashboardDefinitionsPage() {
  const { t, lang } = useI18n();
  const d = t.dashboard;
  usePageTitle(`${d.pages.definitions} - ${d.title}`);
  const [definitions, setDefinitions] = useState<FigureDefinition[] | null>(null);
  const [uses, setUses] = useState<Map<string, Use[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };

  useEffect(() => {
    const controller = new AbortController();
    dashboardApi
      .definitions(controller.signal)
      .then(async ({ data }) => {
        setDefinitions(data.items);
        if (data.items.some((x) => x.usedBy)) {
          const map = new Map<string, Use[]>();
          for (const def of data.items)
            map.set(
              def.code,
              (def.usedBy ?? []).map((u) => ({
                viewCode: u.view,
                table: u.title ?? { nl: u.table, en: u.table },
                measure: { nl: u.measure ?? '', en: u.measure ?? '' },
              })),
            );
          setUses(map);
        } else setUses(await usesOf(controller.signal));
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorText(e, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, []);

  // Scroll to the definition the link named once the list is there.
  useEffect(() => {
    if (!definitions || !window.location.hash) return;
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    target?.scrollIntoView();
  }, [definitions]);

  const slugOf = (code: string) => DASHBOARD_VIEWS.find((v) => v.code === code)?.slug ?? code;
  return (
    <div className="grip-stack grip-dash">
      <div>
        <Paragraph className="grip-dash-kicker">{d.title}</Paragraph>
        <PageTitle>{d.pages.definitions}</PageTitle>
        <Paragraph lead>{d.definitionsIntro}</Paragraph>
      </div>
      <DashboardNav filters={{}} />
      {!definitions ? <LoadingOrError error={error} /> : null}
      {definitions && definitions.length === 0 ? <Paragraph>{d.noDefinitions}</Paragraph> : null}
      {definitions ? (
        <ul className="grip-plain-list grip-dash-definitions">
          {definitions.map((def) => {
            const used = uses?.get(def.code) ?? [];
            return (
              <li key={def.code} id={def.code} className="grip-dash-definition" tabIndex={-1}>
                <Heading level={2} appearance={3}>
                  {pick(def.name, lang)}
                </Heading>
                <Paragraph>{pick(def.description, lang)}</Paragraph>
                <dl className="grip-dash-definition__facts">
                  <div>
                    <dt>{d.definitionCode}</dt>
                    <dd>
                      <code>{def.code}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{d.definitionVersion}</dt>
                    <dd>{def.version}</dd>
                  </div>
                  <div>
                    <dt>{d.definitionSource}</dt>
                    <dd>{def.source}</dd>
                  </div>
                  {def.indicatorCode ? (
                    <div>
                      <dt>{d.definitionIndicator}</dt>
                      <dd>{def.indicatorCode}</dd>
                    </div>
                  ) : null}
                </dl>
                <Heading level={3} appearance={4}>
                  {d.usedBy}
                </Heading>
                {uses === null ? (
                  <Paragraph>{t.common.loading}</Paragraph>
                ) : used.length === 0 ? (
                  <Paragraph>{d.usedByNone}</Paragraph>
                ) : (
                  <ul className="utrecht-unordered-list">
                    {used.map((u, i) => (
                      <li key={i} className="utrecht-unordered-list__item">
                        <Link to={viewPath(slugOf(u.viewCode))}>
                          {d.views[u.viewCode as keyof typeof d.views] ?? u.viewCode}
                        </Link>
                        {': '}
                        {pick(u.table, lang)}
                        {pick(u.measure, lang) ? ` — ${pick(u.measure, lang)}` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
