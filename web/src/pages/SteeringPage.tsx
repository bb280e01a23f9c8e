import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { DataList } from '../components/DataList.tsx';
import { SelectField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { StatusBadge, type BadgeStatus } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, RowHeaderCell, Table, TableBody } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n, type Lang } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import {
  steeringApi,
  steeringStructureApi,
  type IndicatorStatus,
  type IndicatorUnit,
  type ProgrammeDetail,
  type ProgrammeSummary,
  type SteeringIndicator,
  type SteeringTheme,
} from '../steering-api.ts';
import { BUDGET_PATH } from './SteeringBudgetPage.tsx';
import { PROGRESS_REPORT_PATH } from './SteeringProgressReportPage.tsx';
import { STEERING_EDIT_PATH } from './SteeringEditPage.tsx';

export const STEERING_PATH = '/sturing';

const TRACK_BADGE: Record<IndicatorStatus, BadgeStatus> = {
  'op-koers': 'success',
  'niet-op-koers': 'danger',
  onbekend: 'neutral',
};
const INTERVENTION_BADGE: Record<string, BadgeStatus> = {
  gepland: 'neutral',
  gestart: 'active',
  afgerond: 'success',
  gestopt: 'warning',
  'niet-gestart': 'inactive',
};

function valueText(value: number, unit: IndicatorUnit | null, lang: Lang): string {
  const text = value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
  if (unit === 'percentage') return `${text}%`;
  if (unit === 'euro') return `€ ${text}`;
  if (unit === 'dagen') return `${text} ${lang === 'nl' ? 'dagen' : 'days'}`;
  return text;
}

function IndicatorTile({ indicator }: { indicator: SteeringIndicator }) {
  const { t, lang, formatDate } = useI18n();
  const s = t.steering.structure;
  const latest = [...indicator.realisations].reverse().find((r) => r.value !== null);
  const thisYear = new Date().getFullYear();
  const target = indicator.targets.filter((x) => x.year <= thisYear).at(-1) ?? indicator.targets[0] ?? null;
  const period = (start: string, end: string) =>
    start.endsWith('-01-01') && end.endsWith('-12-31') && start.slice(0, 4) === end.slice(0, 4)
      ? start.slice(0, 4)
      : `${formatDate(start)} – ${formatDate(end)}`;
  return (
    <li className="grip-panel grip-panel--subtle grip-steering-tile">
      <h3 className="utrecht-heading-4">{indicator.name}</h3>
      <StatusBadge status={TRACK_BADGE[indicator.status]}>
        {t.steering.progress.statuses[indicator.status]}
      </StatusBadge>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">
          {latest
            ? s.latest(
                valueText(latest.value!, indicator.unit, lang),
                period(latest.periodStart, latest.periodEnd),
              )
            : s.noRealisation}
        </li>
        <li className="utrecht-unordered-list__item">
          {target ? s.target(valueText(target.value, indicator.unit, lang), target.year) : s.noTarget}
        </li>
        <li className="utrecht-unordered-list__item">
          {indicator.definition
            ? s.computed(indicator.definition.name)
            : s.external(indicator.sourceName ?? '')}
        </li>
      </ul>
    </li>
  );
}

function ThemeBlock({ theme, programme }: { theme: SteeringTheme; programme: ProgrammeDetail }) {
  const { t, lang, formatDate } = useI18n();
  const s = t.steering.structure;
  const title = s.theme(theme.code, theme.name);
  const items = programme.interventions.filter((v) => v.themeId === theme.id);
  return (
    <div className="grip-stack--tight">
      <h4 className="utrecht-heading-4">
        {title}
        {theme.taakveld ? ` (${s.taakveld(theme.taakveld)})` : ''}
      </h4>
      {items.length === 0 ? (
        <Paragraph>{s.noInterventions}</Paragraph>
      ) : (
        <Table caption={s.interventionsCaption(title)} hideCaption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <HeaderCell>{s.intervention}</HeaderCell>
              <HeaderCell>{s.owner}</HeaderCell>
              <HeaderCell>{s.period}</HeaderCell>
              <HeaderCell className="grip-number">{s.budget}</HeaderCell>
              <HeaderCell>{s.status}</HeaderCell>
            </tr>
          </thead>
          <TableBody>
            {items.map((v) => (
              <tr key={v.id} className="utrecht-table__row">
                <RowHeaderCell className="grip-wrap">{v.name}</RowHeaderCell>
                <Cell className="grip-wrap">{v.owner}</Cell>
                <Cell>
                  {v.startsOn ? formatDate(v.startsOn) : '–'} – {v.endsOn ? formatDate(v.endsOn) : '–'}
                </Cell>
                <Cell className="grip-number">
                  {v.budgetCents === null
                    ? '–'
                    : (v.budgetCents / 100).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
                        style: 'currency',
                        currency: 'EUR',
                        maximumFractionDigits: 0,
                      })}
                </Cell>
                <Cell>
                  <StatusBadge status={INTERVENTION_BADGE[v.status] ?? 'neutral'}>
                    {t.steering.progress.interventionStatuses[v.status]}
                  </StatusBadge>
                </Cell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

/** A programme's structure: goals (IST/SOLL) → themes → interventions, and indicator tiles on/off track. */
export function SteeringPage() {
  const { t, lang } = useI18n();
  const s = t.steering.structure;
  usePageTitle(s.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const programmeId = query.get('programma') ?? '';
  const [programmes, setProgrammes] = useState<ProgrammeSummary[] | null>(null);
  const [chosen, setChosen] = useState(programmeId);
  const [programme, setProgramme] = useState<ProgrammeDetail | null>(null);
  const [indicators, setIndicators] = useState<SteeringIndicator[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    steeringApi
      .programmes(controller.signal)
      .then(({ data }) => {
        setProgrammes(data.items);
        if (!programmeId && data.items[0])
          navigate(withQuery(STEERING_PATH, { programma: data.items[0].id }));
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [programmeId]);

  useEffect(() => {
    setChosen(programmeId);
    setProgramme(null);
    setIndicators(null);
    if (!programmeId) return;
    const controller = new AbortController();
    setLoadError(null);
    Promise.all([
      steeringStructureApi.programme(programmeId, controller.signal),
      steeringStructureApi.indicators(programmeId, controller.signal),
    ])
      .then(([p, i]) => {
        setProgramme(p.data);
        setIndicators(i.data.items);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { t, lang } = texts.current;
        setLoadError(
          error instanceof ApiError && error.status === 404
            ? t.steering.progress.notFound
            : errorText(error, t, lang),
        );
      });
    return () => controller.abort();
  }, [programmeId]);

  const choose = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) navigate(withQuery(STEERING_PATH, { programma: chosen }));
  };

  const lastYear = programme ? Math.min(programme.lastYear, new Date().getFullYear()) : 0;
  const goalBlocks = programme
    ? [
        ...programme.goals.map((g) => ({
          goal: g,
          themes: programme.themes.filter((x) => x.societalGoalId === g.id),
        })),
        ...(programme.themes.some((x) => x.societalGoalId === null)
          ? [{ goal: null, themes: programme.themes.filter((x) => x.societalGoalId === null) }]
          : []),
      ]
    : [];

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{s.title}</PageTitle>
        <Paragraph lead>{s.intro}</Paragraph>
      </div>
      {programmes && programmes.length > 1 ? (
        <form className="grip-form grip-form--grid" noValidate onSubmit={choose} aria-label={s.programme}>
          <SelectField
            id="programme"
            label={s.programme}
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            options={programmes.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
          />
          <div className="grip-button-group utrecht-button-group">
            <Button type="submit">{s.show}</Button>
          </div>
        </form>
      ) : null}
      {programmes && programmes.length === 0 ? (
        <Paragraph>{t.steering.progress.noProgrammes}</Paragraph>
      ) : null}
      <div role="status" className="grip-live-region">
        {loadError ? (
          <Alert type="error">
            <Paragraph>{loadError}</Paragraph>
          </Alert>
        ) : programmeId && !programme ? (
          <Paragraph>{t.common.loading}</Paragraph>
        ) : null}
      </div>
      {programme ? (
        <>
          <section aria-labelledby="steering-programme-heading" className="grip-section">
            <Heading level={2} id="steering-programme-heading">
              {programme.code} {programme.name}
            </Heading>
            <Paragraph>{s.years(programme.firstYear, programme.lastYear)}</Paragraph>
            {programme.description ? <Paragraph>{programme.description}</Paragraph> : null}
            <ul className="utrecht-unordered-list grip-downloads">
              <li className="utrecht-unordered-list__item">
                <Link to={withQuery(BUDGET_PATH, { programma: programme.id })}>{s.budgetLink}</Link>
              </li>
              <li className="utrecht-unordered-list__item">
                <Link to={withQuery(STEERING_EDIT_PATH, { programma: programme.id })}>
                  {t.steering.edit.editLink}
                </Link>
              </li>
              <li className="utrecht-unordered-list__item">
                <Link
                  to={withQuery(PROGRESS_REPORT_PATH, { programma: programme.id, jaar: String(lastYear) })}
                >
                  {s.reportLink} {lastYear}
                </Link>
              </li>
            </ul>
          </section>
          <section aria-labelledby="steering-indicators-heading" className="grip-section">
            <Heading level={2} id="steering-indicators-heading">
              {s.indicatorsHeading}
            </Heading>
            {indicators && indicators.length === 0 ? <Paragraph>{s.noIndicators}</Paragraph> : null}
            {indicators && indicators.length > 0 ? (
              <ul className="grip-steering-tiles">
                {indicators.map((i) => (
                  <IndicatorTile key={i.id} indicator={i} />
                ))}
              </ul>
            ) : null}
          </section>
          <section aria-labelledby="steering-goals-heading" className="grip-section">
            <Heading level={2} id="steering-goals-heading">
              {s.goalsHeading}
            </Heading>
            {programme.goals.length === 0 ? <Paragraph>{s.noGoals}</Paragraph> : null}
            {goalBlocks.map(({ goal, themes }) => (
              <div key={goal?.id ?? 'none'} className="grip-stack--tight">
                <Heading level={3}>
                  {goal ? t.steering.progress.goal(goal.code, goal.name) : s.themesWithoutGoal}
                </Heading>
                {goal && (goal.currentSituation || goal.desiredSituation) ? (
                  <DataList
                    items={[
                      ...(goal.currentSituation
                        ? [{ key: 'ist', label: s.ist, value: goal.currentSituation }]
                        : []),
                      ...(goal.desiredSituation
                        ? [{ key: 'soll', label: s.soll, value: goal.desiredSituation }]
                        : []),
                    ]}
                  />
                ) : null}
                {themes.map((theme) => (
                  <ThemeBlock key={theme.id} theme={theme} programme={programme} />
                ))}
              </div>
            ))}
          </section>
        </>
      ) : null}
    </div>
  );
}
