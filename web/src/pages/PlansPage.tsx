import { useEffect, useRef, useState } from 'react';
import { Alert } from '../components/Alert.tsx';
import { Link } from '../components/Link.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { todayIso } from '../format.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import { planApi, type PlanListItem, type PlanWorklist } from '../plan-api.ts';
import { useLocation, withQuery } from '../router.tsx';

const DAY_MS = 86_400_000;

interface PlanListPage {
  items: PlanListItem[];
  page: number;
  pageSize: number;
  total: number;
}

/** Whole days from today to an ISO date (negative: in the past). */
function daysFrom(today: string, isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

type Toewijzing = PlanWorklist['eighteen'][number]['toewijzingen'][number];

/** One running Jeugdwet allocation in words: the service and until when. */
function supportText(item: Toewijzing, p: Messages['plans'], formatDate: (iso: string) => string): string {
  const name = item.serviceName || item.serviceCode;
  return item.endDate ? p.supportUntil(name, formatDate(item.endDate)) : p.supportOpen(name);
}

/**
 * The plans I direct or am involved in (with the next evaluation and unread messages), and the plan
 * worklist: evaluations overdue or due within 14 days, and young people with Jeugdwet support turning 18.
 */
export function PlansPage() {
  const { t, lang, formatDate } = useI18n();
  const p = t.plans;
  usePageTitle(p.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const requested = Number(query.get('pagina') ?? '1');
  const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
  const [plans, setPlans] = useState<PlanListPage | null>(null);
  const [plansError, setPlansError] = useState<string | null>(null);
  const [worklist, setWorklist] = useState<PlanWorklist | null>(null);
  const [worklistError, setWorklistError] = useState<string | null>(null);
  const today = todayIso();

  useEffect(() => {
    const controller = new AbortController();
    setPlansError(null);
    planApi
      .myPlans(page, controller.signal)
      .then(({ data }) => setPlans(data))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setPlansError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [page]);

  useEffect(() => {
    const controller = new AbortController();
    planApi
      .worklist(controller.signal)
      .then(({ data }) => setWorklist(data))
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setWorklistError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, []);

  const pages = plans ? Math.max(1, Math.ceil(plans.total / Math.max(1, plans.pageSize))) : 1;
  const evaluations = [...(worklist?.evaluations ?? [])].sort((a, b) =>
    a.plannedOn.localeCompare(b.plannedOn),
  );
  const overdue = evaluations.filter((e) => e.overdue).length;
  const eighteen = [...(worklist?.eighteen ?? [])].sort((a, b) => a.eighteenOn.localeCompare(b.eighteenOn));
  const statusText = (status: string) => p.statuses[status] ?? status;

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{p.title}</PageTitle>
        <Paragraph lead>{p.intro}</Paragraph>
      </div>

      <section className="grip-section" aria-labelledby="plans-mine-heading">
        <Heading level={2} id="plans-mine-heading">
          {p.mineHeading}
        </Heading>
        <div role="status" className="grip-live-region">
          {plansError ? (
            <Alert type="error">
              <Paragraph>{plansError}</Paragraph>
            </Alert>
          ) : plans ? (
            <Paragraph>{plans.total === 0 ? p.mineEmpty : p.mineCount(plans.total)}</Paragraph>
          ) : (
            <Paragraph>{t.common.loading}</Paragraph>
          )}
        </div>
        {plans && plans.items.length > 0 ? (
          <Table caption={p.mineCaption} hideCaption>
            <TableHead>
              <HeaderCell>{p.colHousehold}</HeaderCell>
              <HeaderCell>{p.colParticipants}</HeaderCell>
              <HeaderCell>{p.colStatus}</HeaderCell>
              <HeaderCell>{p.colRegisseur}</HeaderCell>
              <HeaderCell>{p.colNextEvaluation}</HeaderCell>
              <HeaderCell>{p.colUnread}</HeaderCell>
            </TableHead>
            <TableBody>
              {plans.items.map((plan) => {
                const household = plan.address ?? p.noAddress;
                return (
                  <Row key={plan.id}>
                    <RowHeaderCell>
                      <Link to={`/plannen/${plan.id}`} aria-label={p.openPlan(household)}>
                        {household}
                      </Link>
                    </RowHeaderCell>
                    <Cell>{plan.participants.join(', ') || t.common.empty}</Cell>
                    <Cell>
                      <StatusBadge
                        status={
                          plan.status === 'actief'
                            ? 'active'
                            : plan.status === 'concept'
                              ? 'neutral'
                              : 'inactive'
                        }
                      >
                        {statusText(plan.status)}
                      </StatusBadge>
                    </Cell>
                    <Cell>{plan.regisseur?.name ?? <span className="grip-muted">{p.noRegisseur}</span>}</Cell>
                    <Cell className="grip-nowrap">
                      {plan.nextEvaluationOn ? (
                        formatDate(plan.nextEvaluationOn)
                      ) : (
                        <span className="grip-muted">{p.noEvaluation}</span>
                      )}
                    </Cell>
                    <Cell>
                      {plan.unreadMessages > 0 ? (
                        <StatusBadge status="warning">{p.unread(plan.unreadMessages)}</StatusBadge>
                      ) : (
                        <span className="grip-muted">{p.noUnread}</span>
                      )}
                    </Cell>
                  </Row>
                );
              })}
            </TableBody>
          </Table>
        ) : null}
        <Pagination
          page={page}
          pages={pages}
          hrefFor={(n) => withQuery('/plannen', { pagina: n > 1 ? n : undefined })}
        />
      </section>

      <section className="grip-section" aria-labelledby="plans-worklist-heading">
        <Heading level={2} id="plans-worklist-heading">
          {p.worklistHeading}
        </Heading>
        {worklistError ? (
          <Alert type="error" role="alert">
            <Paragraph>{worklistError}</Paragraph>
          </Alert>
        ) : null}

        <section className="grip-section" aria-labelledby="plans-evaluations-heading">
          <Heading level={3} id="plans-evaluations-heading">
            {p.evaluationsHeading}
          </Heading>
          <Paragraph>{p.evaluationsIntro}</Paragraph>
          <div role="status" className="grip-live-region">
            {worklist ? (
              <Paragraph>
                {evaluations.length === 0
                  ? p.evaluationsEmpty
                  : p.evaluationsCount(overdue, evaluations.length - overdue)}
              </Paragraph>
            ) : worklistError ? null : (
              <Paragraph>{t.common.loading}</Paragraph>
            )}
          </div>
          {evaluations.length > 0 ? (
            <Table caption={p.evaluationsCaption} hideCaption>
              <TableHead>
                <HeaderCell>{p.colHousehold}</HeaderCell>
                <HeaderCell>{p.colPlannedOn}</HeaderCell>
                <HeaderCell>{p.colState}</HeaderCell>
              </TableHead>
              <TableBody>
                {evaluations.map((evaluation) => {
                  const days = daysFrom(today, evaluation.plannedOn);
                  const late = evaluation.overdue;
                  const household = evaluation.participants.join(', ') || p.noAddress;
                  return (
                    <Row key={evaluation.evaluationId}>
                      <RowHeaderCell>
                        <Link to={`/plannen/${evaluation.planId}`} aria-label={p.openPlan(household)}>
                          {household}
                        </Link>
                      </RowHeaderCell>
                      <Cell className="grip-nowrap">{formatDate(evaluation.plannedOn)}</Cell>
                      <Cell>
                        <StatusBadge status={late ? 'danger' : 'warning'}>
                          {late ? p.overdue(Math.max(1, -days)) : p.dueIn(Math.max(0, days))}
                        </StatusBadge>
                      </Cell>
                    </Row>
                  );
                })}
              </TableBody>
            </Table>
          ) : null}
        </section>

        <section className="grip-section" aria-labelledby="plans-eighteen-heading">
          <Heading level={3} id="plans-eighteen-heading">
            {p.eighteenHeading}
          </Heading>
          <Paragraph>{p.eighteenIntro}</Paragraph>
          {worklist && eighteen.length === 0 ? <Paragraph>{p.eighteenEmpty}</Paragraph> : null}
          {eighteen.length > 0 ? (
            <ul className="grip-plain-list grip-cards">
              {eighteen.map((young) => (
                <li key={young.personId} className="grip-card">
                  <div className="grip-card__head">
                    <Heading level={4} appearance={4} className="grip-card__title">
                      {young.name}
                    </Heading>
                    <StatusBadge status="warning">{p.eighteenOn(formatDate(young.eighteenOn))}</StatusBadge>
                  </div>
                  <Paragraph>{p.runningSupport}:</Paragraph>
                  <ul className="utrecht-unordered-list">
                    {young.toewijzingen.length === 0 ? (
                      <li className="utrecht-unordered-list__item">{p.noSupportNamed}</li>
                    ) : (
                      young.toewijzingen.map((item, index) => (
                        <li key={index} className="utrecht-unordered-list__item">
                          {supportText(item, p, formatDate)}
                        </li>
                      ))
                    )}
                  </ul>
                  <Paragraph>
                    <Link to={`/plannen/${young.planId}`}>
                      {p.goToPlan}
                      <span className="grip-visually-hidden"> ({young.name})</span>
                    </Link>
                  </Paragraph>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </section>
    </div>
  );
}
