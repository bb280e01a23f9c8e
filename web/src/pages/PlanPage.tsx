import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextAreaField } from '../components/FormField.tsx';
import { Link, PlainLink } from '../components/Link.tsx';
import { LoadingOrError, PendingPage } from '../components/LoadingOrError.tsx';
import { PlanBreakGlass } from '../components/PlanBreakGlass.tsx';
import { PlanDocuments } from '../components/PlanDocuments.tsx';
import { draftOf, fieldOrder, splitProblems, toUpdate, type PlanDraft } from '../components/PlanDraft.ts';
import { PlanEvaluations } from '../components/PlanEvaluations.tsx';
import { PlanGoalsEditor } from '../components/PlanGoalsEditor.tsx';
import { PlanHeader } from '../components/PlanHeader.tsx';
import { PlanMessages } from '../components/PlanMessages.tsx';
import { PlanScoresChart } from '../components/PlanScoresChart.tsx';
import { PlanTimeline } from '../components/PlanTimeline.tsx';
import { PlanVersions } from '../components/PlanVersions.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { parseDateInput, todayIso } from '../format.ts';
import { errorText, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  isConflict,
  isNotInvolved,
  planApi,
  type CatalogueService,
  type Plan,
  type PlanDocument,
  type PlanMessage,
  type ScoreSeries,
  type TimelineEvent,
} from '../plan-api.ts';

type Loaded<T> = { data: T; error: null } | { data: null; error: string | null };
const pending = <T,>(): Loaded<T> => ({ data: null, error: null });

/**
 * The household's plan for the regisseur and the professionals involved: who takes part, the goals with
 * actions and services (saved as a new version with a reason, If-Match), the life-domain scores and
 * evaluations, the versions with the resident's agreement, the timeline, messages, documents and the PDF.
 */
export function PlanPage({ id }: { id: string }) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const p = t.plan;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [plan, setPlan] = useState<Plan | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notInvolved, setNotInvolved] = useState(false);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Plan | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;

  const [scores, setScores] = useState<Loaded<ScoreSeries[]>>(pending);
  const [timeline, setTimeline] = useState<Loaded<TimelineEvent[]>>(pending);
  const [messages, setMessages] = useState<Loaded<PlanMessage[]>>(pending);
  const [documents, setDocuments] = useState<Loaded<PlanDocument[]>>(pending);
  const [catalogue, setCatalogue] = useState<CatalogueService[] | null>(null);
  const [catalogueError, setCatalogueError] = useState<string | null>(null);

  usePageTitle(plan ? p.titleWith(plan.participants.map((x) => x.name).join(', ')) : p.title);

  const loadParts = useCallback(
    async (signal?: AbortSignal) => {
      const part = async <T,>(fetcher: () => Promise<T>, set: (value: Loaded<T>) => void) => {
        try {
          set({ data: await fetcher(), error: null });
        } catch (error) {
          if (signal?.aborted) return;
          set({ data: null, error: errorText(error, texts.current.t, texts.current.lang) });
        }
      };
      await Promise.all([
        part(async () => (await planApi.scores(id, signal)).data.series, setScores),
        part(async () => (await planApi.timeline(id, signal)).data.items, setTimeline),
        part(async () => (await planApi.messages(id, signal)).data.items, setMessages),
        part(async () => (await planApi.documents(id, signal)).data.items, setDocuments),
      ]);
    },
    [id],
  );

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const { data } = await planApi.plan(id, signal);
        setPlan(data);
        setNotInvolved(false);
        if (!dirtyRef.current) setDraft(draftOf(data));
        await loadParts(signal);
        return data;
      } catch (error) {
        if (signal?.aborted) return null;
        if (isNotInvolved(error)) {
          setNotInvolved(true);
          return null;
        }
        const { t, lang } = texts.current;
        setLoadError(
          error instanceof ApiError && error.status === 404 ? t.plan.notFound : errorText(error, t, lang),
        );
        return null;
      }
    },
    [id, loadParts],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    planApi
      .services(controller.signal)
      .then(setCatalogue)
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setCatalogueError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [load]);

  const announce = useCallback((text: string) => {
    setMessage(text);
    window.requestAnimationFrame(() => messageRef.current?.focus());
  }, []);

  const changed = useCallback(
    async (text: string) => {
      await load();
      announce(text);
    },
    [load, announce],
  );

  const editDraft = (next: PlanDraft) => {
    setDraft(next);
    setDirty(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !plan || !draft) return;
    const found: FieldErrors = {};
    const today = todayIso();
    draft.goals.forEach((goal, i) => {
      if (!goal.description.trim()) found[`goal-${i}-description`] = p.goalDescriptionRequired;
      const target = parseDateInput(goal.targetDate);
      if (!goal.targetDate.trim()) found[`goal-${i}-targetDate`] = p.goalTargetDateRequired;
      else if (!target) found[`goal-${i}-targetDate`] = t.common.dateInvalid;
      else if (!goal.id && target < today) found[`goal-${i}-targetDate`] = p.goalTargetDatePast;
      if (goal.ownerKind === 'professional' && !goal.ownerProfessionalId)
        found[`goal-${i}-ownerProfessionalId`] = p.goalOwnerProfessionalRequired;
      goal.actions.forEach((action, j) => {
        if (!action.description.trim())
          found[`goal-${i}-action-${j}-description`] = p.actionDescriptionRequired;
        if (action.dueOn.trim() && !parseDateInput(action.dueOn))
          found[`goal-${i}-action-${j}-dueOn`] = t.common.dateInvalid;
      });
    });
    if (!reason.trim()) found.reason = p.reasonRequired;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const { data } = await planApi.updatePlan(
        plan.id,
        conflict?.version ?? plan.version,
        toUpdate(draft, reason),
      );
      setPlan(data);
      setDraft(draftOf(data));
      setDirty(false);
      setReason('');
      setConflict(null);
      setErrors({});
      void loadParts();
      announce(p.saved(data.version));
    } catch (error) {
      const { t, lang } = texts.current;
      if (isConflict(error)) {
        // Someone else saved in between: show their version, keep this user's edits in the form.
        try {
          const { data } = await planApi.plan(plan.id);
          setPlan(data);
          setConflict(data);
        } catch (reload) {
          setGeneral([errorText(reload, t, lang)]);
        }
        setAttempt((n) => n + 1);
      } else if (error instanceof ApiError && error.fields.length > 0) {
        const shown = splitProblems(error.fields, lang);
        setErrors(shown.fields);
        setGeneral(shown.general);
        setAttempt((n) => n + 1);
      } else {
        setGeneral([errorText(error, t, lang)]);
        setAttempt((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  if (notInvolved && !plan) {
    return (
      <div className="grip-stack">
        <Paragraph>
          <Link to="/werklijst" className="grip-back-link">
            {p.back}
          </Link>
        </Paragraph>
        <PageTitle>{p.title}</PageTitle>
        <PlanBreakGlass
          planId={id}
          onOpened={async (grant) => {
            await load();
            announce(p.breakGlassDone(formatDateTime(grant.expiresAt)));
          }}
        />
      </div>
    );
  }
  if (!plan || !draft) {
    return <PendingPage back={{ to: '/werklijst', text: p.back }} title={p.title} error={loadError} />;
  }

  const newest = [...plan.versions].sort((a, b) => b.version - a.version)[0];
  const conflictVersion = conflict ? [...conflict.versions].sort((a, b) => b.version - a.version)[0] : null;

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/werklijst" className="grip-back-link">
          {p.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{p.titleWith(plan.participants.map((x) => x.name).join(', '))}</PageTitle>
        <Paragraph className="grip-badge-line">
          <StatusBadge
            status={
              plan.status === 'afgesloten' ? 'inactive' : plan.status === 'actief' ? 'active' : 'neutral'
            }
          >
            {p.statuses[plan.status] ?? plan.status}
          </StatusBadge>
          <span>{p.versionLine(plan.version, formatDate(plan.openedOn))}</span>
        </Paragraph>
        <Paragraph>{p.accessBasis[plan.access] ?? ''}</Paragraph>
        <Paragraph>
          <PlainLink href={planApi.pdfUrl(plan.id)} id="plan-pdf-link" aria-describedby="plan-pdf-hint">
            {p.pdf}
          </PlainLink>{' '}
          <span id="plan-pdf-hint" className="grip-muted">
            {p.pdfHint}
          </span>
        </Paragraph>
      </div>
      {plan.access === 'doorbraak' ? (
        <Alert type="warning">
          <Paragraph>{p.accessBasis.doorbraak}</Paragraph>
        </Alert>
      ) : null}

      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok" ref={messageRef} tabIndex={-1}>
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <nav aria-label={p.sectionsNav} className="grip-plan-toc">
        <ul className="grip-plain-list">
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#plan-who-heading">
              {p.whoHeading}
            </a>
          </li>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#plan-goals-heading">
              {p.goalsHeading}
            </a>
          </li>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#plan-scores-heading">
              {p.scoresHeading}
            </a>
          </li>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#plan-versions-heading">
              {p.versionsHeading}
            </a>
          </li>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#plan-timeline-heading">
              {p.timelineHeading}
            </a>
          </li>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#plan-messages-heading">
              {p.messagesHeading}
            </a>
          </li>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#plan-documents-heading">
              {p.documentsHeading}
            </a>
          </li>
        </ul>
      </nav>

      <form className="grip-stack" noValidate onSubmit={save} aria-label={p.goalsHeading}>
        <PlanHeader
          plan={plan}
          draft={draft}
          onDraft={editDraft}
          error={errors.professionals}
          contactError={errors.contactPersonId}
          regisseurError={errors.regisseurUserId}
        />
        <PlanGoalsEditor
          plan={plan}
          draft={draft}
          onDraft={editDraft}
          errors={errors}
          catalogue={catalogue}
          catalogueError={catalogueError}
        />
        <section className="grip-section" aria-labelledby="plan-save-heading">
          <Heading level={2} id="plan-save-heading">
            {p.saveHeading}
          </Heading>
          {conflict && conflictVersion ? (
            <Alert type="warning" role="alert" labelledBy="plan-conflict-heading">
              <Heading level={3} appearance={4} id="plan-conflict-heading">
                {p.conflictTitle}
              </Heading>
              <Paragraph>
                {p.conflictText(
                  conflictVersion.version,
                  conflictVersion.createdBy?.name ?? p.someone,
                  conflictVersion.reason,
                )}
              </Paragraph>
            </Alert>
          ) : dirty ? (
            <Paragraph>{p.unsaved}</Paragraph>
          ) : null}
          <ErrorSummary items={summaryItems(fieldOrder(draft), errors, general)} focusKey={attempt} />
          <div className="grip-narrow">
            <TextAreaField
              id="reason"
              label={p.reason}
              description={p.reasonHint}
              rows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={errors.reason}
            />
          </div>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action" busy={busy}>
              {busy ? t.common.saving : p.save}
            </Button>
          </ButtonGroup>
        </section>
      </form>

      <section className="grip-section" aria-labelledby="plan-scores-heading">
        <Heading level={2} id="plan-scores-heading">
          {p.scoresHeading}
        </Heading>
        <Paragraph>{p.scoresIntro}</Paragraph>
        {scores.data ? (
          <PlanScoresChart scores={scores.data} participants={plan.participants} />
        ) : (
          <LoadingOrError error={scores.error} />
        )}
        <PlanEvaluations plan={plan} onChanged={changed} />
      </section>

      <PlanVersions key={newest?.version} plan={plan} onChanged={changed} />

      <section className="grip-section" aria-labelledby="plan-timeline-heading">
        <Heading level={2} id="plan-timeline-heading">
          {p.timelineHeading}
        </Heading>
        {timeline.data ? <PlanTimeline events={timeline.data} /> : <LoadingOrError error={timeline.error} />}
      </section>

      <section className="grip-section" aria-labelledby="plan-messages-heading">
        <Heading level={2} id="plan-messages-heading">
          {p.messagesHeading}
        </Heading>
        {messages.data ? (
          <PlanMessages
            planId={plan.id}
            messages={messages.data}
            documents={documents.data ?? []}
            onChanged={changed}
          />
        ) : (
          <LoadingOrError error={messages.error} />
        )}
      </section>

      <section className="grip-section" aria-labelledby="plan-documents-heading">
        <Heading level={2} id="plan-documents-heading">
          {p.documentsHeading}
        </Heading>
        {documents.data ? (
          <PlanDocuments planId={plan.id} documents={documents.data} onChanged={changed} />
        ) : (
          <LoadingOrError error={documents.error} />
        )}
      </section>
    </div>
  );
}
