import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { errorText, formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  INTAKE_MODES,
  intakeApi,
  type HelpQuestionDetail,
  type Intake,
  type IntakeMode,
} from '../intake-api.ts';
import {
  answerFieldIds,
  answersToSend,
  answerText,
  applicableQuestions,
  questionErrors,
  textOf,
  toDraft,
  type Answers,
  type QuestionnaireDefinition,
} from '../questionnaire.ts';
import { Alert } from './Alert.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { DataList } from './DataList.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextAreaField } from './FormField.tsx';
import { LoadingOrError } from './LoadingOrError.tsx';
import { QuestionnaireFields } from './QuestionnaireForm.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const PREFIX = 'intake';
const MAX_STRENGTH = 4000;

/** The definition of the version the intake was started on (it keeps that version, even after a newer one). */
async function definitionOf(intake: Intake): Promise<QuestionnaireDefinition> {
  return (await intakeApi.questionnaireVersion(intake.questionnaireVersionId)).data.definition;
}

/** Stable comparison of two sets of answers (for "did the other person change anything I changed too"). */
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function IntakeSection({
  question,
  onChanged,
}: {
  question: HelpQuestionDetail;
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const s = t.intake;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const intake = question.intake;
  const [definition, setDefinition] = useState<QuestionnaireDefinition | null>(null);
  /** The intake the form state was loaded for: a new intake (the conversation after the resident's own)
   * shows its form only once its own answers are in, so nothing typed meanwhile is overwritten. */
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<IntakeMode>(question.channel === 'telefoon' ? 'telefoon' : 'balie');
  const [answers, setAnswers] = useState<Answers>({});
  const [ownStrength, setOwnStrength] = useState('');
  const [networkStrength, setNetworkStrength] = useState('');
  /** The saved intake this form started from, and its ETag. */
  const [base, setBase] = useState<{ intake: Intake; etag: string | number } | null>(null);
  const [conflict, setConflict] = useState<{ intake: Intake; etag: string | number } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<'start' | 'save' | 'complete' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  const intakeId = intake?.id ?? null;
  const intakeVersion = intake?.version ?? null;

  useEffect(() => {
    if (!intake) return;
    let cancelled = false;
    definitionOf(intake)
      .then((found) => {
        if (cancelled) return;
        setDefinition(found);
        setLoadedFor(intake.id);
        setAnswers(toDraft(found, intake.answers));
        setOwnStrength(intake.ownStrength ?? '');
        setNetworkStrength(intake.networkStrength ?? '');
        setBase({ intake, etag: intake.version });
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => {
      cancelled = true;
    };
    // A new intake or a new saved version (after a reload of the question) resets the form.
  }, [intakeId, intakeVersion]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const heading = (
    <Heading level={2} id="intake-heading">
      {s.heading}
    </Heading>
  );

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy('start');
    setGeneral([]);
    try {
      await intakeApi.startIntake(question.id, mode);
      await onChanged(intake?.mode === 'online' ? s.startedFromOnline : s.started);
    } catch (error) {
      setGeneral([errorText(error, t, lang)]);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(null);
    }
  };

  /** Start the intake with a professional: the first one, or the conversation after the resident's own. */
  const startForm = (intro: string) => (
    <>
      <Paragraph>{intro}</Paragraph>
      <ErrorSummary items={summaryItems([], {}, general)} focusKey={attempt} />
      <form className="grip-form grip-form--inline grip-narrow" noValidate onSubmit={start}>
        <SelectField
          id="intake-mode"
          label={s.mode}
          value={mode}
          onChange={(e) => setMode(e.target.value as IntakeMode)}
          options={INTAKE_MODES.filter((m) => m !== 'online').map((m) => ({
            value: m,
            label: t.labels.intakeModes[m] ?? m,
          }))}
        />
        <div className="grip-form__actions">
          <Button type="submit" appearance="primary-action" busy={busy === 'start'}>
            {intake ? s.startConversation : s.start}
          </Button>
        </div>
      </form>
    </>
  );

  if (!intake) {
    return (
      <section className="grip-section" aria-labelledby="intake-heading">
        {heading}
        {question.status === 'open' ? startForm(s.notStarted) : <Paragraph>{s.none}</Paragraph>}
      </section>
    );
  }

  if (!definition || loadedFor !== intake.id) {
    return (
      <section className="grip-section" aria-labelledby="intake-heading">
        {heading}
        <LoadingOrError error={loadError} />
      </section>
    );
  }

  const meta = (
    <Paragraph className="grip-badge-line">
      <StatusBadge status={intake.status === 'afgerond' ? 'success' : 'warning'}>
        {t.labels.intakeStatus[intake.status] ?? intake.status}
      </StatusBadge>
      <span>
        {s.meta(
          t.labels.intakeModes[intake.mode] ?? intake.mode,
          formatDateTime(intake.startedAt),
          intake.completedAt ? formatDateTime(intake.completedAt) : null,
        )}
      </span>
    </Paragraph>
  );

  if (intake.status === 'afgerond') {
    return (
      <section className="grip-section" aria-labelledby="intake-heading">
        {heading}
        {meta}
        <DataList
          items={[
            ...applicableQuestions(definition, intake.answers).map((q) => ({
              key: q.id,
              label: textOf(q.label, lang),
              value: (
                <span className="grip-pre">{answerText(q, intake.answers[q.id], lang, t, formatDate)}</span>
              ),
            })),
            { key: 'own', label: s.ownStrength, value: intake.ownStrength || t.common.empty },
            { key: 'network', label: s.networkStrength, value: intake.networkStrength || t.common.empty },
          ]}
        />
        {intake.mode === 'online' && question.status === 'open' ? (
          <div className="grip-stack">
            <Heading level={3} id="intake-conversation-heading">
              {s.conversationHeading}
            </Heading>
            {startForm(s.conversationIntro)}
          </div>
        ) : null}
      </section>
    );
  }

  const fieldOrder = [
    ...definition.questions.map((q) => `${PREFIX}-${q.id}`),
    'intake-ownStrength',
    'intake-networkStrength',
  ];
  const apiFields = {
    ...answerFieldIds(definition, PREFIX),
    ownStrength: 'intake-ownStrength',
    networkStrength: 'intake-networkStrength',
  };

  const check = (complete: boolean): boolean => {
    const found = questionErrors(applicableQuestions(definition, answers), answers, {
      complete,
      prefix: PREFIX,
      t,
    });
    if ([...ownStrength.trim()].length > MAX_STRENGTH)
      found['intake-ownStrength'] = t.questionnaire.tooLong(MAX_STRENGTH, [...ownStrength.trim()].length);
    if ([...networkStrength.trim()].length > MAX_STRENGTH)
      found['intake-networkStrength'] = t.questionnaire.tooLong(
        MAX_STRENGTH,
        [...networkStrength.trim()].length,
      );
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return false;
    }
    return true;
  };

  const body = () => ({
    answers: answersToSend(definition, answers),
    ownStrength: ownStrength.trim() || null,
    networkStrength: networkStrength.trim() || null,
  });

  /** Saves the form; returns the new ETag, or null when it did not work (the reason is shown). */
  const saveDraft = async (etag: string | number): Promise<string | number | null> => {
    try {
      const { data, etag: newTag } = await intakeApi.saveIntake(intake.id, etag, body());
      setBase({ intake: data, etag: newTag ?? data.version });
      return newTag ?? data.version;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        // Someone else saved in between: keep this form as it is, and show what is saved now.
        try {
          const { data } = await intakeApi.helpQuestion(question.id);
          if (data.intake) setConflict({ intake: data.intake, etag: data.intake.version });
        } catch (reloadError) {
          setGeneral([errorText(reloadError, t, lang)]);
          setAttempt((n) => n + 1);
        }
      } else {
        const shown = formErrorsFrom(error, t, lang, apiFields);
        setErrors(shown.fields);
        setGeneral(shown.general);
        setAttempt((n) => n + 1);
      }
      return null;
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !base || !check(false)) return;
    setBusy('save');
    setStatus(null);
    const etag = await saveDraft(conflict?.etag ?? base.etag);
    if (etag !== null) {
      setConflict(null);
      setStatus(s.saved);
    }
    setBusy(null);
  };

  const complete = async () => {
    if (busy || !base || !check(true)) return;
    setBusy('complete');
    setStatus(null);
    const etag = await saveDraft(conflict?.etag ?? base.etag);
    if (etag === null) {
      setBusy(null);
      return;
    }
    setConflict(null);
    try {
      await intakeApi.completeIntake(intake.id, etag);
      await onChanged(s.completed);
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, apiFields);
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(null);
    }
  };

  const takeTheirs = () => {
    if (!conflict) return;
    setAnswers(toDraft(definition, conflict.intake.answers));
    setOwnStrength(conflict.intake.ownStrength ?? '');
    setNetworkStrength(conflict.intake.networkStrength ?? '');
    setBase(conflict);
    setConflict(null);
    setStatus(s.tookTheirs);
  };

  const differing = conflict
    ? definition.questions.filter(
        (q) => !same(conflict.intake.answers[q.id], answersToSend(definition, answers)[q.id]),
      )
    : [];

  const strengths = [
    {
      id: 'intake-ownStrength',
      label: s.ownStrength,
      hint: s.ownStrengthHint,
      value: ownStrength,
      set: setOwnStrength,
    },
    {
      id: 'intake-networkStrength',
      label: s.networkStrength,
      hint: s.networkStrengthHint,
      value: networkStrength,
      set: setNetworkStrength,
    },
  ];

  return (
    <section className="grip-section" aria-labelledby="intake-heading">
      {heading}
      {meta}
      <Paragraph>{s.intro}</Paragraph>
      <ErrorSummary items={summaryItems(fieldOrder, errors, general)} focusKey={attempt} />
      {conflict ? (
        <Alert type="warning" ref={conflictRef} tabIndex={-1} labelledBy="intake-conflict-heading">
          <Heading level={3} appearance={4} id="intake-conflict-heading">
            {s.conflictTitle}
          </Heading>
          <Paragraph>{s.conflictText}</Paragraph>
          {differing.length > 0 ? (
            <>
              <Paragraph>{s.conflictDiffers}</Paragraph>
              <ul className="utrecht-unordered-list">
                {differing.map((q) => (
                  <li key={q.id} className="utrecht-unordered-list__item">
                    {textOf(q.label, lang)}:{' '}
                    <strong>{answerText(q, conflict.intake.answers[q.id], lang, t, formatDate)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <ButtonGroup>
            <Button appearance="secondary-action" onClick={takeTheirs}>
              {s.takeTheirs}
            </Button>
          </ButtonGroup>
        </Alert>
      ) : null}
      <form className="grip-form grip-narrow" noValidate onSubmit={save}>
        <QuestionnaireFields
          definition={definition}
          answers={answers}
          onChange={setAnswers}
          errors={errors}
          prefix={PREFIX}
          audience="staff"
        />
        {strengths.map((field) => (
          <TextAreaField
            key={field.id}
            id={field.id}
            label={field.label}
            description={field.hint}
            optional
            value={field.value}
            onChange={(e) => field.set(e.target.value)}
            error={errors[field.id]}
          />
        ))}
        <div role="status" className="grip-live-region">
          {status ? (
            <Alert type="ok">
              <Paragraph>{status}</Paragraph>
            </Alert>
          ) : null}
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action" busy={busy === 'save'}>
            {busy === 'save' ? t.common.saving : conflict ? s.saveMine : s.save}
          </Button>
          <Button appearance="primary-action" busy={busy === 'complete'} onClick={() => void complete()}>
            {s.complete}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
