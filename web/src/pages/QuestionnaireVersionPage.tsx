import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextAreaField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { QuestionnaireFields } from '../components/QuestionnaireForm.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { takeFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { intakeApi, type QuestionnaireVersion } from '../intake-api.ts';
import { textOf, type Answers, type Question } from '../questionnaire.ts';
import { VERSION_BADGE } from './QuestionnairesPage.tsx';

/** "Only when 'netwerk' is Ja or Een beetje" */
function conditionText(question: Question, all: Question[], lang: 'nl' | 'en', yes: string, no: string) {
  if (!question.showIf) return null;
  const target = all.find((q) => q.id === question.showIf!.question);
  const values = question.showIf.equals.map((value) => {
    if (typeof value === 'boolean') return value ? yes : no;
    const option = target && 'options' in target ? target.options.find((o) => o.value === value) : undefined;
    return option ? textOf(option.label, lang) : value;
  });
  return { question: question.showIf.question, values };
}

export function QuestionnaireVersionPage({ id }: { id: string }) {
  const { t, lang, formatDateTime } = useI18n();
  const q = t.questionnaires;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [version, setVersion] = useState<QuestionnaireVersion | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(() => takeFlash(`/vragenlijsten/versies/${id}`));
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [conflict, setConflict] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Answers>({});
  const confirmRef = useRef<HTMLDivElement>(null);

  const title = version
    ? q.versionTitle(version.questionnaireName ?? q.defaultName, version.version)
    : q.title;
  usePageTitle(title);

  const show = (data: QuestionnaireVersion, tag: string | null) => {
    setVersion(data);
    setEtag(tag);
    const json = JSON.stringify(data.definition, null, 2);
    setText(json);
    setSaved(json);
  };

  useEffect(() => {
    const controller = new AbortController();
    intakeApi
      .questionnaireVersion(id, controller.signal)
      .then(({ data, etag: tag }) => show(data, tag))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { t, lang } = texts.current;
        setLoadError(
          error instanceof ApiError && error.status === 404
            ? t.questionnaires.notFound
            : errorText(error, t, lang),
        );
      });
    return () => controller.abort();
  }, [id]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!version) {
    return <PendingPage back={{ to: '/vragenlijsten', text: q.back }} title={q.title} error={loadError} />;
  }

  const isDraft = version.status === 'concept';
  const changed = text !== saved;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    setConflict(false);
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      setProblems([q.jsonInvalid(error instanceof Error ? error.message : '')]);
      setAttempt((n) => n + 1);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const { data, etag: tag } = await intakeApi.updateVersion(version.id, etag ?? '', definition);
      show(data, tag);
      setMessage(q.saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
      } else if (error instanceof ApiError && error.fields.length > 0) {
        setProblems(error.fields.map((f) => `${where(f.name, definition)}: ${f[lang]}`));
        setAttempt((n) => n + 1);
      } else {
        setProblems([errorText(error, t, lang)]);
        setAttempt((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  /** "Vraag 15 (nieuw), type" for definition.questions.14.type. */
  const where = (name: string, sent: unknown): string => {
    const path = name.replace(/^definition\.?/, '');
    const match = /^questions\.(\d+)(?:\.(.+))?$/.exec(path);
    if (!match) return path || q.wholeDefinition;
    const index = Number(match[1]);
    const questions = (sent as { questions?: { id?: unknown }[] } | null)?.questions;
    const id = questions?.[index]?.id;
    return q.problemAt(index + 1, typeof id === 'string' ? id : null, match[2] ?? null);
  };

  const reload = async () => {
    try {
      const { data, etag: tag } = await intakeApi.questionnaireVersion(version.id);
      show(data, tag);
      setConflict(false);
      setMessage(q.reloaded);
    } catch (error) {
      setProblems([errorText(error, t, lang)]);
      setAttempt((n) => n + 1);
    }
  };

  const publish = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { data, etag: tag } = await intakeApi.publishVersion(version.id, etag);
      show(data, tag);
      setConfirming(false);
      setMessage(q.published(version.version));
    } catch (error) {
      setConfirming(false);
      setProblems([errorText(error, t, lang)]);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const questions = version.definition.questions;

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/vragenlijsten" className="grip-back-link">
          {q.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{title}</PageTitle>
        <Paragraph className="grip-badge-line">
          <StatusBadge status={VERSION_BADGE[version.status]}>
            {t.labels.versionStatus[version.status] ?? version.status}
          </StatusBadge>
          <span>
            {version.publishedAt
              ? q.publishedAt(formatDateTime(version.publishedAt))
              : q.statusText[version.status]}
          </span>
        </Paragraph>
      </div>
      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok">
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <section className="grip-section" aria-labelledby="questions-heading">
        <Heading level={2} id="questions-heading">
          {q.questionsHeading(questions.length)}
        </Heading>
        <Table caption={q.questionsCaption} hideCaption>
          <TableHead>
            <HeaderCell>{q.colQuestion}</HeaderCell>
            <HeaderCell>{q.colId}</HeaderCell>
            <HeaderCell>{q.colType}</HeaderCell>
            <HeaderCell>{q.colRequired}</HeaderCell>
            <HeaderCell>{q.colCondition}</HeaderCell>
          </TableHead>
          <TableBody>
            {questions.map((question) => {
              const condition = conditionText(question, questions, lang, t.common.yes, t.common.no);
              return (
                <Row key={question.id}>
                  <RowHeaderCell className="grip-wide-cell">
                    {textOf(question.label, lang)}
                    {'options' in question ? (
                      <span className="grip-cell-note">
                        {question.options.map((o) => textOf(o.label, lang)).join(' · ')}
                      </span>
                    ) : null}
                  </RowHeaderCell>
                  <Cell className="grip-code">{question.id}</Cell>
                  <Cell>{t.labels.questionKinds[question.type] ?? question.type}</Cell>
                  <Cell>{question.required ? t.common.yes : t.common.no}</Cell>
                  <Cell>
                    {condition
                      ? q.condition(condition.question, condition.values.join(` ${q.or} `))
                      : t.common.empty}
                  </Cell>
                </Row>
              );
            })}
          </TableBody>
        </Table>
      </section>

      <details className="grip-details">
        <summary className="grip-details__summary">{q.previewSummary}</summary>
        <div className="grip-details__body grip-form">
          <Paragraph small>{q.previewText}</Paragraph>
          <QuestionnaireFields
            definition={version.definition}
            answers={preview}
            onChange={setPreview}
            errors={{}}
            prefix="preview"
            audience="staff"
          />
        </div>
      </details>

      {isDraft ? (
        <section className="grip-section" aria-labelledby="edit-heading">
          <Heading level={2} id="edit-heading">
            {q.editHeading}
          </Heading>
          <Paragraph>{q.editIntro}</Paragraph>
          <ErrorSummary
            items={problems.map((problem) => ({ fieldId: 'definition', message: problem }))}
            focusKey={attempt}
          />
          {conflict ? (
            <Alert type="warning" role="alert">
              <Heading level={3} appearance={4}>
                {q.conflictTitle}
              </Heading>
              <Paragraph>{q.conflictText}</Paragraph>
              <div>
                <Button onClick={() => void reload()}>{q.reload}</Button>
              </div>
            </Alert>
          ) : null}
          <form className="grip-form" noValidate onSubmit={save}>
            <TextAreaField
              id="definition"
              label={q.definition}
              description={q.definitionHint}
              rows={24}
              spellCheck={false}
              className="grip-code grip-json"
              value={text}
              onChange={(e) => setText(e.target.value)}
              error={problems.length > 0 ? q.definitionError : undefined}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {busy ? t.common.saving : q.save}
              </Button>
              <Button
                appearance="secondary-action"
                onClick={() => setConfirming(true)}
                disabled={changed || busy}
              >
                {q.publish}
              </Button>
            </ButtonGroup>
            {changed ? <Paragraph small>{q.saveFirst}</Paragraph> : null}
          </form>
          {confirming ? (
            <Alert type="warning" ref={confirmRef} tabIndex={-1} labelledBy="publish-heading">
              <Heading level={3} appearance={4} id="publish-heading">
                {q.publishTitle(version.version)}
              </Heading>
              <Paragraph>{q.publishText}</Paragraph>
              <ButtonGroup>
                <Button appearance="primary-action" busy={busy} onClick={() => void publish()}>
                  {q.publishConfirm}
                </Button>
                <Button appearance="subtle" onClick={() => setConfirming(false)}>
                  {t.common.cancel}
                </Button>
              </ButtonGroup>
            </Alert>
          ) : null}
        </section>
      ) : (
        <Alert type="info">
          <Paragraph>{q.readOnly}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
