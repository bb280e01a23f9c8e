import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { ChoiceField, Fieldset, TextAreaField, TextField } from '../components/FormField.tsx';
import { Link, PlainLink } from '../components/Link.tsx';
import { DataList } from '../components/DataList.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, formErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  planApi,
  portalDocuments,
  type Agreement,
  type PlanDocument,
  type PlanMessage,
  type PlanVersionSummary,
  type PortalPlan,
} from '../plan-api.ts';
import { useCurrentSession } from '../session.tsx';

const NOTE_MAX = 2000;
const MESSAGE_MAX = 4000;

type Bilingual = { nl: string; en: string };
type Text = string | Bilingual | null | undefined;

/**
 * The portal plan as this page reads it: the plan's own fields (as GET /api/v1/plans/{id} has them) or
 * words the portal route already filled in (`owner`, `nextEvaluationOn`); every extra one may be missing.
 */
interface PortalPlanView {
  status: string;
  openedOn?: string | null;
  nextEvaluationOn?: string | null;
  regisseur?: { name: string } | null;
  participants: { personId?: string; name: string }[];
  professionals: { id?: string; name: string; organisation?: string | null; expertise?: string | null }[];
  goals: {
    id: string;
    description: string;
    owner?: Text;
    ownerKind?: string | null;
    ownerPersonId?: string | null;
    ownerProfessionalId?: string | null;
    targetDate?: string | null;
    status: string;
    actions: {
      id?: string;
      description: string;
      owner?: Text;
      ownerKind?: string | null;
      dueOn: string | null;
      doneOn: string | null;
    }[];
    services: { name: string; lawCode?: string | null; kind?: string | null }[];
  }[];
  evaluations?: { plannedOn: string; heldOn: string | null }[];
  versions: PlanVersionSummary[];
  documents?: PlanDocument[];
}

function textOf(value: Text, lang: 'nl' | 'en'): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value[lang];
}

function newest(versions: PlanVersionSummary[]): PlanVersionSummary | null {
  return versions.reduce<PlanVersionSummary | null>((a, b) => (!a || b.version > a.version ? b : a), null);
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/**
 * The resident's household plan in plain words (B1): what we want to reach, who does what, which help, the
 * next conversation; agreement with the newest version; messages and documents with the regisseur; the PDF.
 */
export function MyPlanPage() {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const m = t.myPlan;
  usePageTitle(m.title);
  const session = useCurrentSession();
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [plan, setPlan] = useState<PortalPlanView | null>(null);
  const [noPlan, setNoPlan] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [messages, setMessages] = useState<PlanMessage[] | null>(null);
  const [messagesError, setMessagesError] = useState<string | null>(null);
  const [documents, setDocuments] = useState<PlanDocument[] | null>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const { data } = await planApi.portalPlan(signal);
      setPlan(data as PortalPlan & PortalPlanView);
      setNoPlan(false);
      setLoadError(null);
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof ApiError && error.status === 404) setNoPlan(true);
      else setLoadError(errorText(error, texts.current.t, texts.current.lang));
    }
  }, []);

  const loadMessages = useCallback(async (signal?: AbortSignal) => {
    try {
      const [{ data }, files] = await Promise.all([planApi.portalMessages(signal), portalDocuments(signal)]);
      setMessages(data.items);
      setDocuments(files.data.items);
      setMessagesError(null);
    } catch (error) {
      if (!signal?.aborted) setMessagesError(errorText(error, texts.current.t, texts.current.lang));
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const hasPlan = plan !== null;
  useEffect(() => {
    if (!hasPlan) return;
    const controller = new AbortController();
    void loadMessages(controller.signal);
    return () => controller.abort();
  }, [hasPlan, loadMessages]);

  if (noPlan) {
    return (
      <div className="grip-stack grip-narrow">
        <PageTitle>{m.title}</PageTitle>
        <Alert type="info">
          <Heading level={2} appearance={4}>
            {m.noPlanHeading}
          </Heading>
          <Paragraph>{m.noPlan}</Paragraph>
          <Paragraph>
            <Link to="/mijn-hulpvragen">{m.noPlanLink}</Link>
          </Paragraph>
        </Alert>
      </div>
    );
  }

  if (!plan) {
    return (
      <div className="grip-stack grip-narrow">
        <PageTitle>{m.title}</PageTitle>
        <div role="status" className="grip-live-region">
          {loadError ? (
            <Alert type="error">
              <Paragraph>{loadError}</Paragraph>
            </Alert>
          ) : (
            <Paragraph>{t.common.loading}</Paragraph>
          )}
        </div>
      </div>
    );
  }

  const latest = newest(plan.versions);
  const ownerText = (goal: PortalPlanView['goals'][number]) => {
    const person = plan.participants.find((p) => goal.ownerPersonId && p.personId === goal.ownerPersonId);
    const professional = plan.professionals.find(
      (p) => goal.ownerProfessionalId && p.id === goal.ownerProfessionalId,
    );
    return (
      textOf(goal.owner, lang) ??
      person?.name ??
      (professional ? [professional.name, professional.organisation].filter(Boolean).join(', ') : null) ??
      (goal.ownerKind ? m.owners[goal.ownerKind] : null) ??
      t.common.empty
    );
  };
  const nextEvaluation =
    plan.nextEvaluationOn ??
    (plan.evaluations ?? [])
      .filter((e) => !e.heldOn)
      .map((e) => e.plannedOn)
      .sort()[0] ??
    null;
  const allDocuments = collectDocuments(documents ?? plan.documents, messages);

  return (
    <div className="grip-stack grip-narrow">
      <div>
        <PageTitle>{m.title}</PageTitle>
        <Paragraph lead>{m.intro}</Paragraph>
      </div>

      <section className="grip-section" aria-labelledby="my-plan-summary-heading">
        <Heading level={2} id="my-plan-summary-heading">
          {m.summaryHeading}
        </Heading>
        <DataList
          items={[
            { key: 'status', label: m.status, value: m.statuses[plan.status] ?? plan.status },
            {
              key: 'for',
              label: m.participants,
              value: plan.participants.map((p) => p.name).join(', ') || t.common.empty,
            },
            { key: 'regisseur', label: m.regisseur, value: plan.regisseur?.name ?? m.noRegisseur },
            {
              key: 'next',
              label: m.nextEvaluation,
              value: nextEvaluation ? formatDate(nextEvaluation) : m.noEvaluation,
            },
            ...(plan.openedOn
              ? [{ key: 'opened', label: m.openedOn, value: formatDate(plan.openedOn) }]
              : []),
          ]}
        />
      </section>

      <section className="grip-section" aria-labelledby="my-plan-goals-heading">
        <Heading level={2} id="my-plan-goals-heading">
          {m.goalsHeading}
        </Heading>
        {plan.goals.length === 0 ? (
          <Paragraph>{m.goalsNone}</Paragraph>
        ) : (
          <ol className="grip-plain-list grip-cards">
            {plan.goals.map((goal, index) => (
              <li key={goal.id} className="grip-card">
                <Heading level={3} className="grip-card__title">
                  <span className="grip-visually-hidden">{m.goal(index + 1)}: </span>
                  {goal.description}
                </Heading>
                <DataList
                  items={[
                    { key: 'who', label: m.goalWho, value: ownerText(goal) },
                    {
                      key: 'when',
                      label: m.goalWhen,
                      value: goal.targetDate ? formatDate(goal.targetDate) : m.noDate,
                    },
                    { key: 'status', label: m.goalStatus, value: m.goalStatuses[goal.status] ?? goal.status },
                  ]}
                />
                {goal.actions.length > 0 ? (
                  <>
                    <Heading level={4}>{m.actionsHeading}</Heading>
                    <ul className="utrecht-unordered-list">
                      {goal.actions.map((action, i) => {
                        const owner =
                          textOf(action.owner, lang) ??
                          (action.ownerKind ? m.owners[action.ownerKind] : null);
                        const when = action.doneOn
                          ? m.actionDone(formatDate(action.doneOn))
                          : action.dueOn
                            ? m.actionDue(formatDate(action.dueOn))
                            : null;
                        return (
                          <li key={action.id ?? i} className="utrecht-unordered-list__item">
                            {action.description}
                            {owner ? ` (${owner})` : ''}
                            {when ? `, ${when}` : ''}
                          </li>
                        );
                      })}
                    </ul>
                  </>
                ) : null}
                {goal.services.length > 0 ? (
                  <>
                    <Heading level={4}>{m.servicesHeading}</Heading>
                    <ul className="utrecht-unordered-list">
                      {goal.services.map((service, i) => (
                        <li key={`${service.name}-${i}`} className="utrecht-unordered-list__item">
                          {service.name}
                          {service.lawCode && m.lawNames[service.lawCode]
                            ? ` (${m.lawNames[service.lawCode]})`
                            : ''}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="grip-section" aria-labelledby="my-plan-who-heading">
        <Heading level={2} id="my-plan-who-heading">
          {m.whoHeading}
        </Heading>
        {plan.professionals.length === 0 && !plan.regisseur ? (
          <Paragraph>{m.whoNone}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {plan.regisseur ? (
              <li className="utrecht-unordered-list__item">
                {plan.regisseur.name}, {m.regisseur.toLowerCase()}
              </li>
            ) : null}
            {plan.professionals.map((professional, i) => (
              <li key={`${professional.name}-${i}`} className="utrecht-unordered-list__item">
                {[professional.name, professional.organisation, professional.expertise]
                  .filter(Boolean)
                  .join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      {latest ? (
        <AgreementSection
          latest={latest}
          older={plan.versions.filter((v) => v.version !== latest.version)}
          onSaved={() => load()}
        />
      ) : null}

      <section className="grip-section" aria-labelledby="my-plan-pdf-heading">
        <Heading level={2} id="my-plan-pdf-heading">
          {m.pdfHeading}
        </Heading>
        <Paragraph>
          <PlainLink href={planApi.portalPdfUrl()} download>
            {m.pdf}
          </PlainLink>
        </Paragraph>
      </section>

      <section className="grip-section" aria-labelledby="my-plan-messages-heading">
        <Heading level={2} id="my-plan-messages-heading">
          {m.messagesHeading}
        </Heading>
        <Paragraph>{m.messagesIntro}</Paragraph>
        {messagesError ? (
          <Alert type="error">
            <Paragraph>{messagesError}</Paragraph>
          </Alert>
        ) : messages === null ? (
          <div role="status">
            <Paragraph>{t.common.loading}</Paragraph>
          </div>
        ) : messages.length === 0 ? (
          <Paragraph>{m.messagesNone}</Paragraph>
        ) : (
          <ol className="grip-plain-list grip-cards">
            {messages.map((message) => (
              <li key={message.id} className="grip-card">
                <Paragraph small className="grip-muted">
                  {m.messageFrom(
                    message.author.kind === 'inwoner' && message.author.userId === session.userId
                      ? m.you
                      : message.author.name,
                    formatDateTime(message.sentAt),
                  )}
                </Paragraph>
                <Paragraph className="grip-pre">{message.body}</Paragraph>
                {message.document ? (
                  <Paragraph small>
                    <PlainLink href={planApi.portalDocumentUrl(message.document.id)}>
                      {m.attachment(message.document.fileName)}
                    </PlainLink>
                  </Paragraph>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <MessageForm onSent={() => loadMessages()} />
      </section>

      <section className="grip-section" aria-labelledby="my-plan-documents-heading">
        <Heading level={2} id="my-plan-documents-heading">
          {m.documentsHeading}
        </Heading>
        {allDocuments.length === 0 ? (
          <Paragraph>{m.documentsNone}</Paragraph>
        ) : (
          <Table caption={m.documentsCaption} hideCaption>
            <TableHead>
              <HeaderCell>{m.colDocument}</HeaderCell>
              <HeaderCell>{m.colAdded}</HeaderCell>
              <HeaderCell>{m.colBy}</HeaderCell>
            </TableHead>
            <TableBody>
              {allDocuments.map((document) => (
                <Row key={document.id}>
                  <RowHeaderCell>
                    <PlainLink href={planApi.portalDocumentUrl(document.id)}>{document.fileName}</PlainLink>{' '}
                    <span className="grip-muted">({sizeText(document.size)})</span>
                  </RowHeaderCell>
                  <Cell className="grip-nowrap">{formatDateTime(document.uploadedAt)}</Cell>
                  <Cell>{document.uploadedBy ?? t.common.empty}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        )}
        <UploadForm csrfToken={session.csrfToken} onUploaded={() => loadMessages()} />
      </section>
    </div>
  );
}

/** The plan's own documents and those attached to messages, each once, newest first. */
function collectDocuments(own: PlanDocument[] | undefined, messages: PlanMessage[] | null): PlanDocument[] {
  const byId = new Map<string, PlanDocument>();
  for (const document of own ?? []) byId.set(document.id, document);
  for (const message of messages ?? []) if (message.document) byId.set(message.document.id, message.document);
  return [...byId.values()].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

/** Agree or not with the newest version, with an optional note; the answer can be changed until a new version. */
function AgreementSection({
  latest,
  older,
  onSaved,
}: {
  latest: PlanVersionSummary;
  older: PlanVersionSummary[];
  onSaved(): Promise<void>;
}) {
  const { t, lang, formatDate } = useI18n();
  const m = t.myPlan;
  const [answer, setAnswer] = useState<Agreement | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Agreement | null>(null);
  const sentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!answer) found['agreement'] = m.chooseAnswer;
    if (note.length > NOTE_MAX) found['agreement-note'] = m.noteTooLong;
    setErrors(found);
    setGeneral([]);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0 || !answer) return;
    setBusy(true);
    try {
      await planApi.portalAgreement(latest.version, {
        agreement: answer,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setSent(answer);
      setNote('');
      setAnswer('');
      await onSaved();
    } catch (error) {
      const { fields, general: other } = formErrorsFrom(error, t, lang, {
        agreement: 'agreement',
        note: 'agreement-note',
      });
      setErrors(fields);
      setGeneral(other);
      setSent(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grip-section" aria-labelledby="my-plan-agreement-heading">
      <Heading level={2} id="my-plan-agreement-heading">
        {m.agreementHeading}
      </Heading>
      <Paragraph>{m.versionInfo(latest.version, formatDate(latest.createdAt.slice(0, 10)))}</Paragraph>
      <div ref={sentRef} tabIndex={-1} role="status" className="grip-live-region">
        {sent ? (
          <Alert type="ok">
            <Paragraph>{sent === 'akkoord' ? m.sentYes : m.sentNo}</Paragraph>
          </Alert>
        ) : null}
      </div>
      <DataList
        items={[
          {
            key: 'now',
            label: m.agreementNow,
            value: m.agreements[latest.agreement] ?? latest.agreement,
          },
        ]}
      />
      {latest.agreement !== 'open' ? <Paragraph>{m.changeAnswer}</Paragraph> : null}
      <Paragraph>{m.agreementExplain}</Paragraph>
      <ErrorSummary
        items={summaryItems(['agreement', 'agreement-note'], errors, general)}
        focusKey={attempt}
      />
      <form className="grip-form" noValidate onSubmit={submit}>
        <Fieldset id="agreement" legend={m.agreementLegend} error={errors['agreement']}>
          <ChoiceField
            type="radio"
            id="agreement-akkoord"
            name="agreement"
            label={m.agreeYes}
            checked={answer === 'akkoord'}
            onChange={() => setAnswer('akkoord')}
          />
          <ChoiceField
            type="radio"
            id="agreement-niet-akkoord"
            name="agreement"
            label={m.agreeNo}
            checked={answer === 'niet-akkoord'}
            onChange={() => setAnswer('niet-akkoord')}
          />
        </Fieldset>
        <TextAreaField
          id="agreement-note"
          label={m.noteLabel}
          description={m.noteHint}
          optional
          value={note}
          error={errors['agreement-note']}
          onChange={(e) => setNote(e.target.value)}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : m.send}
          </Button>
        </ButtonGroup>
      </form>
      {older.length > 0 ? (
        <>
          <Heading level={3}>{m.olderVersions}</Heading>
          <ul className="utrecht-unordered-list">
            {[...older]
              .sort((a, b) => b.version - a.version)
              .map((v) => (
                <li key={v.version} className="utrecht-unordered-list__item">
                  {m.versionLine(
                    v.version,
                    formatDate(v.createdAt.slice(0, 10)),
                    m.agreements[v.agreement] ?? v.agreement,
                  )}
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A message to the regisseur and the professionals of the plan. */
function MessageForm({ onSent }: { onSent(): Promise<void> }) {
  const { t, lang } = useI18n();
  const m = t.myPlan;
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    const text = body.trim();
    if (!text) return fail(m.messageEmpty);
    if (text.length > MESSAGE_MAX) return fail(m.messageTooLong);
    setBusy(true);
    try {
      await planApi.portalSendMessage({ body: text });
      setBody('');
      setError(undefined);
      setDone(true);
      await onSent();
    } catch (caught) {
      const { fields, general } = formErrorsFrom(caught, t, lang, { body: 'message-body' });
      fail(fields['message-body'] ?? general[0] ?? t.common.unexpectedError);
    } finally {
      setBusy(false);
    }
  };

  function fail(message: string) {
    setError(message);
    document.getElementById('message-body')?.focus();
  }

  return (
    <form className="grip-form" noValidate onSubmit={submit}>
      <TextAreaField
        id="message-body"
        // Required (aria-required), but not red before anything was typed: the browser's :invalid stays off.
        required={false}
        aria-required
        label={m.messageLabel}
        description={m.messageHint}
        value={body}
        error={error}
        onChange={(e) => setBody(e.target.value)}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action" busy={busy}>
          {busy ? t.common.saving : m.sendMessage}
        </Button>
      </ButtonGroup>
      <div role="status" className="grip-live-region">
        {done ? (
          <Alert type="ok">
            <Paragraph>{m.messageSent}</Paragraph>
          </Alert>
        ) : null}
      </div>
    </form>
  );
}

/** Adds a document to the household's plan (raw upload, as the API takes it). */
function UploadForm({ csrfToken, onUploaded }: { csrfToken: string; onUploaded(): Promise<unknown> }) {
  const { t, lang } = useI18n();
  const m = t.myPlan;
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const file = input.current?.files?.[0];
    if (!file) return fail(m.uploadNone);
    if (file.size > DOCUMENT_MAX_BYTES) return fail(m.uploadTooBig);
    if (file.type && !DOCUMENT_TYPES[file.type]) return fail(m.uploadWrongType);
    setBusy(true);
    try {
      await planApi.portalUploadDocument(file, csrfToken);
      if (input.current) input.current.value = '';
      setError(undefined);
      setDone(file.name);
      await onUploaded();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 413) fail(m.uploadTooBig);
      else if (caught instanceof ApiError && caught.status === 415) fail(m.uploadWrongType);
      else fail(errorText(caught, t, lang));
    } finally {
      setBusy(false);
    }
  };

  function fail(message: string) {
    setError(message);
    input.current?.focus();
  }

  return (
    <form className="grip-form" noValidate onSubmit={submit}>
      <TextField
        ref={input}
        id="document-file"
        type="file"
        label={m.uploadLabel}
        description={m.uploadHint}
        error={error}
        accept={Object.keys(DOCUMENT_TYPES).join(',')}
      />
      <ButtonGroup>
        <Button type="submit" busy={busy}>
          {busy ? t.common.saving : m.upload}
        </Button>
      </ButtonGroup>
      <div role="status" className="grip-live-region">
        {done ? (
          <Alert type="ok">
            <Paragraph>{m.uploaded(done)}</Paragraph>
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
