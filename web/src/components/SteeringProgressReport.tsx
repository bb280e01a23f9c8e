import { useI18n, type Lang } from '../i18n/i18n.tsx';
import {
  BUDGET_STAGES,
  type BudgetStage,
  type IndicatorUnit,
  type ProgressReport,
  type ReportIndicator,
  type StageAmounts,
} from '../steering-api.ts';
import { DataList } from './DataList.tsx';
import { StatusBadge, type BadgeStatus } from './StatusBadge.tsx';
import { Cell, HeaderCell, RowHeaderCell, Table, TableBody } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';
import { Alert } from './Alert.tsx';

/**
 * The progress report on screen: summary, the three W-questions (goals with indicators, interventions by
 * status, budget against realisation). Status is always written out next to its colour.
 */

const STAGES_SHOWN: BudgetStage[] = ['begroting', 'begroting-na-wijziging', 'realisatie'];
const BADGE: Record<ReportIndicator['status'], BadgeStatus> = {
  'op-koers': 'success',
  'niet-op-koers': 'danger',
  onbekend: 'neutral',
};

const withKeys = (items: { label: string; value: string }[]) => items.map((i) => ({ key: i.label, ...i }));

const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

function thousands(value: number | null, lang: Lang): string {
  return value === null ? '–' : value.toLocaleString(locale(lang), { maximumFractionDigits: 1 });
}

function unitValue(value: number, unit: IndicatorUnit, lang: Lang, days: string): string {
  const text = value.toLocaleString(locale(lang), { maximumFractionDigits: 2 });
  if (unit === 'percentage') return `${text}%`;
  if (unit === 'euro') return `€ ${text}`;
  if (unit === 'dagen') return `${text} ${days}`;
  return text;
}

function difference(amounts: StageAmounts): number | null {
  const budget = amounts['begroting-na-wijziging'] ?? amounts.begroting;
  return budget === null || amounts.realisatie === null
    ? null
    : Math.round((amounts.realisatie - budget) * 10) / 10;
}

function AmountCells({ amounts }: { amounts: StageAmounts }) {
  const { lang } = useI18n();
  return (
    <>
      {STAGES_SHOWN.map((stage) => (
        <Cell key={stage} className="grip-number">
          {thousands(amounts[stage], lang)}
        </Cell>
      ))}
      <Cell className="grip-number">{thousands(difference(amounts), lang)}</Cell>
    </>
  );
}

function AmountHeaders({ first }: { first: string }) {
  const { t } = useI18n();
  const p = t.steering.progress;
  return (
    <thead className="utrecht-table__header">
      <tr className="utrecht-table__row">
        <HeaderCell>{first}</HeaderCell>
        {STAGES_SHOWN.map((stage) => (
          <HeaderCell key={stage} className="grip-number grip-wrap">
            {p.stages[stage]}
          </HeaderCell>
        ))}
        <HeaderCell className="grip-number">{p.difference}</HeaderCell>
      </tr>
    </thead>
  );
}

function IndicatorTable({ caption, indicators }: { caption: string; indicators: ReportIndicator[] }) {
  const { t, lang, formatDate } = useI18n();
  const p = t.steering.progress;
  const days = lang === 'nl' ? 'dagen' : 'days';
  const period = (start: string, end: string) =>
    start.endsWith('-01-01') && end.endsWith('-12-31') && start.slice(0, 4) === end.slice(0, 4)
      ? start.slice(0, 4)
      : `${formatDate(start)} – ${formatDate(end)}`;
  return (
    <Table caption={caption} hideCaption>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <HeaderCell>{p.indicator}</HeaderCell>
          <HeaderCell>{p.baseline}</HeaderCell>
          <HeaderCell>{p.target}</HeaderCell>
          <HeaderCell>{p.realisation}</HeaderCell>
          <HeaderCell>{p.status}</HeaderCell>
          <HeaderCell>{p.source}</HeaderCell>
        </tr>
      </thead>
      <TableBody>
        {indicators.map((i) => (
          <tr key={i.id} className="utrecht-table__row">
            <RowHeaderCell className="grip-wrap">
              {i.name}
              <br />
              <span className="grip-muted">
                {i.kind === 'effect' ? p.effect : p.prestatie},{' '}
                {i.direction === 'hoger-is-beter' ? p.higherIsBetter : p.lowerIsBetter}
              </span>
            </RowHeaderCell>
            <Cell>
              {i.baseline
                ? `${unitValue(i.baseline.value, i.unit, lang, days)} (${i.baseline.year})`
                : p.none}
            </Cell>
            <Cell>
              {i.target ? `${unitValue(i.target.value, i.unit, lang, days)} (${i.target.year})` : p.none}
            </Cell>
            <Cell>
              {i.realisation
                ? `${unitValue(i.realisation.value, i.unit, lang, days)} (${period(i.realisation.periodStartDate, i.realisation.periodEndDate)})`
                : p.none}
            </Cell>
            <Cell>
              <StatusBadge status={BADGE[i.status]}>{p.statuses[i.status]}</StatusBadge>
            </Cell>
            <Cell className="grip-wrap">{i.source}</Cell>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

export function SteeringProgressReport({ report }: { report: ProgressReport }) {
  const { t, lang, formatDate } = useI18n();
  const p = t.steering.progress;
  const { summary, budget, year } = report;
  const hasBudget =
    budget.rows.length > 0 || BUDGET_STAGES.some((stage) => budget.totals.lasten[stage] !== null);
  const money = (cents: number) =>
    (cents / 100).toLocaleString(locale(lang), {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    });

  return (
    <div className="grip-stack">
      <section aria-labelledby="progress-summary-heading">
        <Heading level={3} id="progress-summary-heading">
          {p.summaryHeading}
        </Heading>
        <ul className="utrecht-unordered-list">
          <li className="utrecht-unordered-list__item">
            {p.indicatorSummary(
              summary.indicators['op-koers'],
              summary.indicators['niet-op-koers'],
              summary.indicators.onbekend,
            )}
          </li>
          <li className="utrecht-unordered-list__item">
            {p.interventionSummary(
              summary.interventions.afgerond,
              summary.interventions.gestart,
              summary.interventions.gepland,
              summary.interventions.gestopt,
              summary.interventions['niet-gestart'],
            )}
          </li>
        </ul>
      </section>

      <section aria-labelledby="progress-goals-heading">
        <Heading level={3} id="progress-goals-heading">
          {p.goalsHeading}
        </Heading>
        {report.goals.length === 0 ? <Paragraph>{p.noGoals}</Paragraph> : null}
        {report.goals.map((goal) => {
          const title = goal.id === null ? p.otherIndicators : p.goal(goal.code ?? '', goal.name ?? '');
          return (
            <div key={goal.id ?? 'other'} className="grip-stack--tight">
              <Heading level={4}>{title}</Heading>
              {goal.indicators.length === 0 ? (
                <Paragraph>{p.noIndicators}</Paragraph>
              ) : (
                <IndicatorTable caption={p.indicatorsCaption(title)} indicators={goal.indicators} />
              )}
            </div>
          );
        })}
      </section>

      <section aria-labelledby="progress-interventions-heading">
        <Heading level={3} id="progress-interventions-heading">
          {p.interventionsHeading}
        </Heading>
        {report.interventions.every((g) => g.items.length === 0) ? (
          <Paragraph>{p.noInterventions(year)}</Paragraph>
        ) : null}
        {report.interventions
          .filter((g) => g.items.length > 0)
          .map((group) => (
            <div key={group.status} className="grip-stack--tight">
              <Heading level={4}>
                {p.interventionStatuses[group.status]} ({group.items.length})
              </Heading>
              {group.items.map((v) => (
                <article key={v.id} className="grip-panel grip-panel--subtle" aria-label={v.name}>
                  <h5 className="utrecht-heading-4">{v.name}</h5>
                  <DataList
                    items={withKeys([
                      { label: p.theme, value: `${v.themeCode} ${v.themeName}` },
                      { label: p.owner, value: v.owner },
                      {
                        label: p.period,
                        value:
                          v.startDate && v.endDate
                            ? `${formatDate(v.startDate)} – ${formatDate(v.endDate)}`
                            : v.startDate
                              ? p.from(formatDate(v.startDate))
                              : p.none,
                      },
                      ...(v.budgetCents === null ? [] : [{ label: p.budget, value: money(v.budgetCents) }]),
                      ...(v.expectedResult ? [{ label: p.expectedResult, value: v.expectedResult }] : []),
                      ...(v.achievedResult ? [{ label: p.achievedResult, value: v.achievedResult }] : []),
                      ...(v.statusReason
                        ? [
                            {
                              label: group.status === 'gestopt' ? p.stopReason : p.reason,
                              value: v.statusReason,
                            },
                          ]
                        : []),
                      ...(v.evaluation ? [{ label: p.evaluation, value: v.evaluation }] : []),
                    ])}
                  />
                </article>
              ))}
            </div>
          ))}
      </section>

      <section aria-labelledby="progress-cost-heading">
        <Heading level={3} id="progress-cost-heading">
          {p.costHeading}
        </Heading>
        {!hasBudget ? (
          <Paragraph>{p.noBudget(year)}</Paragraph>
        ) : (
          <>
            <Paragraph>{p.amountsNote}</Paragraph>
            {budget.publishedTotalDiffers ? (
              <Alert type="warning">
                <Paragraph>{p.publishedDiffers}</Paragraph>
              </Alert>
            ) : null}
            {(['lasten', 'baten'] as const).map((side) => (
              <Table key={side} caption={p.budgetCaption(p[side], year)}>
                <AmountHeaders first={p.themeOrTaakveld} />
                <TableBody>
                  {budget.rows
                    .filter((row) => BUDGET_STAGES.some((stage) => row[side][stage] !== null))
                    .map((row) => (
                      <tr
                        key={`${row.level}-${row.themeCode}-${row.bbvTaakveldCode}`}
                        className="utrecht-table__row"
                      >
                        <RowHeaderCell className="grip-wrap">
                          {row.level === 'thema'
                            ? `${row.themeCode ?? ''} ${row.themeName ?? ''}`
                            : p.taakveld(row.bbvTaakveldCode ?? '')}
                        </RowHeaderCell>
                        <AmountCells amounts={row[side]} />
                      </tr>
                    ))}
                  <tr className="utrecht-table__row grip-total-row">
                    <RowHeaderCell>{p.total(p[side])}</RowHeaderCell>
                    <AmountCells amounts={budget.totals[side]} />
                  </tr>
                </TableBody>
              </Table>
            ))}
            <Table caption={p.resultCaption(year)}>
              <AmountHeaders first="" />
              <TableBody>
                {(['saldo', 'storting', 'onttrekking', 'resultaat'] as const).map((key) => (
                  <tr
                    key={key}
                    className={`utrecht-table__row${key === 'resultaat' ? ' grip-total-row' : ''}`}
                  >
                    <RowHeaderCell>{p[key]}</RowHeaderCell>
                    <AmountCells amounts={budget.totals[key]} />
                  </tr>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </section>
    </div>
  );
}
