import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { DataList } from '../components/DataList.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import {
  emptyPerson,
  PERSON_FIELDS,
  personErrors,
  personFieldIds,
  PersonFields,
  toNewPerson,
  type PersonField,
  type PersonValues,
} from '../components/PersonFields.tsx';
import { LoadingOrError } from '../components/LoadingOrError.tsx';
import { QuestionnaireFields } from '../components/QuestionnaireForm.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { formatDateInput, parseDateInput } from '../format.ts';
import { errorText, fieldErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { addressText, intakeApi, type OnlineContact, type PublicQuestionnaire } from '../intake-api.ts';
import {
  answerFieldIds,
  answersToSend,
  answerText,
  applicableQuestions,
  questionErrors,
  questionFieldId,
  textOf,
  toDraft,
  type Answers,
  type Question,
  type QuestionnaireDefinition,
} from '../questionnaire.ts';
import { navigate, withQuery } from '../router.tsx';
import { useSession } from '../session.tsx';

const PREFIX = 'vraag';
const CONTACT = 'over-u';
const STEPS = ['about', 'question', 'situation', 'check'] as const;
type Step = (typeof STEPS)[number];

/** What the browser keeps so the resident can come back: the draft, its secret token, the send key. */
interface Stored {
  draftId: string;
  resumeToken: string;
  /** The draft's ETag as last fetched or saved (If-Match of the next save). */
  etag: string;
  idempotencyKey: string;
  step: Step;
}

const storageKey = (municipality: string) => `grip.aanmelden.${municipality}`;
export const sentKey = (municipality: string) => `grip.aanmelden.verzonden.${municipality}`;

function rememberSent(municipality: string, reference: string): void {
  try {
    window.sessionStorage.setItem(sentKey(municipality), JSON.stringify({ reference }));
  } catch {
    // The confirmation page then shows no number; the resident gets it by mail or phone.
  }
}

function readStored(municipality: string): Stored | null {
  try {
    const value = JSON.parse(
      window.localStorage.getItem(storageKey(municipality)) ?? 'null',
    ) as Stored | null;
    return value && typeof value.draftId === 'string' && typeof value.resumeToken === 'string' ? value : null;
  } catch {
    return null;
  }
}

function writeStored(municipality: string, value: Stored | null): void {
  try {
    if (value) window.localStorage.setItem(storageKey(municipality), JSON.stringify(value));
    else window.localStorage.removeItem(storageKey(municipality));
  } catch {
    // Without localStorage the form still works; it just cannot be resumed after a reload.
  }
}

/** A key for the Idempotency-Key header: made once per draft, so sending twice never makes two questions. */
function newIdempotencyKey(): string {
  const bytes = new Uint8Array(24);
  window.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The first question(s) in the resident's own words and what it is about make up "your question". */
function questionStepIds(definition: QuestionnaireDefinition): Set<string> {
  const ids = new Set<string>();
  for (const question of definition.questions) {
    if (ids.size >= 2 || (question.type !== 'text' && question.type !== 'multiChoice') || question.showIf)
      break;
    ids.add(question.id);
  }
  return ids;
}

/** The contact details as the draft stores them: only what was filled in. */
function toContact(values: PersonValues): OnlineContact {
  const person = toNewPerson(values);
  const contact: OnlineContact = {};
  const bsn = values.bsn.replace(/[\s.]/g, '');
  if (bsn) contact.bsn = bsn;
  if (person.givenNames) contact.givenNames = person.givenNames;
  if (person.familyNamePrefix) contact.familyNamePrefix = person.familyNamePrefix;
  if (person.familyName) contact.familyName = person.familyName;
  if (parseDateInput(values.birthDate)) contact.birthDate = person.birthDate;
  if (person.phone) contact.phone = person.phone;
  if (person.email) contact.email = person.email;
  const address: NonNullable<OnlineContact['address']> = {};
  if (person.address.street) address.street = person.address.street;
  if (/^\d{1,5}$/.test(values.houseNumber.trim())) address.houseNumber = person.address.houseNumber;
  if (person.address.houseLetter) address.houseLetter = person.address.houseLetter;
  if (person.address.houseNumberAddition) address.houseNumberAddition = person.address.houseNumberAddition;
  if (person.address.postcode) address.postcode = person.address.postcode;
  if (person.address.city) address.city = person.address.city;
  if (Object.keys(address).length > 0) contact.address = address;
  return contact;
}

function fromContact(contact: OnlineContact | undefined): PersonValues {
  const values = emptyPerson();
  if (!contact) return values;
  const a = contact.address ?? {};
  return {
    ...values,
    bsn: contact.bsn ?? '',
    givenNames: contact.givenNames ?? '',
    familyNamePrefix: contact.familyNamePrefix ?? '',
    familyName: contact.familyName ?? '',
    birthDate: contact.birthDate ? formatDateInput(contact.birthDate) : '',
    phone: contact.phone ?? '',
    email: contact.email ?? '',
    street: a.street ?? '',
    houseNumber: a.houseNumber ? String(a.houseNumber) : '',
    houseAddition: a.houseLetter ?? a.houseNumberAddition ?? '',
    postcode: a.postcode ?? '',
    city: a.city ?? '',
  };
}

/** Errors about fields that were filled in wrongly; empty fields may wait until the resident sends. */
function formatErrorsOnly(values: PersonValues, found: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(found).filter(([id]) => {
      const field = id.slice(CONTACT.length + 1) as PersonField;
      return values[field]?.trim();
    }),
  );
}

function StepList({ step, onGo, reachable }: { step: Step; onGo(step: Step): void; reachable: number }) {
  const { t } = useI18n();
  const o = t.online;
  return (
    <nav aria-label={o.stepsLabel}>
      <ol className="grip-steps">
        {STEPS.map((s, index) => {
          const current = s === step;
          const done = index < STEPS.indexOf(step);
          return (
            <li
              key={s}
              className={`grip-steps__item${current ? ' grip-steps__item--current' : ''}${done ? ' grip-steps__item--done' : ''}`}
            >
              {index <= reachable && !current ? (
                <button type="button" className="grip-steps__link" onClick={() => onGo(s)}>
                  <span className="grip-steps__number" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span>
                    {o.steps[s]}
                    {done ? <span className="grip-visually-hidden"> ({o.stepDone})</span> : null}
                  </span>
                </button>
              ) : (
                <span className="grip-steps__label" aria-current={current ? 'step' : undefined}>
                  <span className="grip-steps__number" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span>{o.steps[s]}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/**
 * "Hulp vragen": the resident's own intake, without an account. The same questionnaire as at the desk, in
 * plain Dutch, step by step. Every step is saved on the server as a draft; the browser keeps the draft's
 * secret token, so the resident can close the page and go on later. Sending uses one Idempotency-Key per
 * draft, so a double click or a retry never makes two questions.
 */
export function OnlineIntakePage({ municipality }: { municipality: string }) {
  const { t, lang, formatDate } = useI18n();
  const o = t.online;
  const { municipalityName } = useSession();
  const texts = useRef({ t, lang });
  texts.current = { t, lang };

  const [version, setVersion] = useState<PublicQuestionnaire | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [stored, setStored] = useState<Stored | null>(null);
  const [step, setStep] = useState<Step>('about');
  const [reachable, setReachable] = useState(0);
  const [person, setPerson] = useState<PersonValues>(emptyPerson);
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<'save' | 'send' | null>(null);
  const [notice, setNotice] = useState<{ type: 'ok' | 'info' | 'warning'; text: string } | null>(null);
  const [ready, setReady] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);

  const stepTitle = o.steps[step];
  usePageTitle(ready ? o.pageTitle(STEPS.indexOf(step) + 1, STEPS.length, stepTitle) : o.title);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        const { data } = await intakeApi.onlineQuestionnaire(municipality, controller.signal);
        setVersion(data);
        const saved = readStored(municipality);
        if (saved) {
          try {
            const { data: draft, etag } = await intakeApi.draft(
              saved.draftId,
              saved.resumeToken,
              controller.signal,
            );
            if (draft.submittedReference) {
              // Sent already (the answer to the send may have been lost): show the confirmation.
              rememberSent(municipality, draft.submittedReference);
              writeStored(municipality, null);
              navigate(withQuery('/aanmelden/verzonden', { gemeente: municipality }), { replace: true });
              return;
            }
            // The draft keeps the questionnaire version it was started on.
            setVersion(draft.version);
            setAnswers(toDraft(draft.version.definition, draft.answers ?? {}));
            setPerson(fromContact(draft.contact));
            const next = { ...saved, etag: etag ?? saved.etag };
            setStored(next);
            setStep(saved.step);
            setReachable(STEPS.indexOf(saved.step));
            setNotice({ type: 'info', text: texts.current.t.online.resumed });
          } catch (error) {
            if (controller.signal.aborted) return;
            if (
              error instanceof ApiError &&
              (error.status === 404 || error.status === 410 || error.status === 409)
            ) {
              writeStored(municipality, null);
              setNotice({ type: 'warning', text: texts.current.t.online.expired });
            } else throw error;
          }
        }
        setReady(true);
      } catch (error) {
        if (!controller.signal.aborted) {
          const { t, lang } = texts.current;
          setLoadError(
            error instanceof ApiError && (error.status === 404 || error.status === 409)
              ? t.online.unavailable
              : errorText(error, t, lang),
          );
        }
      }
    })();
    return () => controller.abort();
  }, [municipality]);

  useEffect(() => {
    if (!ready) return;
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
    window.scrollTo(0, 0);
  }, [step, ready]);

  if (!version || !ready) {
    return (
      <div className="grip-stack grip-narrow">
        <PageTitle>{o.title}</PageTitle>
        <LoadingOrError error={loadError} />
      </div>
    );
  }

  const definition = version.definition;
  const ownIds = questionStepIds(definition);
  const isQuestionStep = (q: Question) => ownIds.has(q.id);
  const isSituationStep = (q: Question) => !ownIds.has(q.id);
  const applicable = applicableQuestions(definition, answers);
  const stepQuestions = (s: Step) =>
    applicable.filter(s === 'question' ? isQuestionStep : s === 'situation' ? isSituationStep : () => false);

  const stepOfField = (fieldId: string): Step => {
    if (fieldId.startsWith(`${CONTACT}-`)) return 'about';
    const question = definition.questions.find((q) => questionFieldId(PREFIX, q.id) === fieldId);
    return question && ownIds.has(question.id) ? 'question' : 'situation';
  };

  /** The problems of one step; `complete`: also what is still empty but required. */
  const problemsOf = (s: Step, complete: boolean): FieldErrors => {
    if (s === 'about') {
      const found = personErrors(person, t, CONTACT, { contactRequired: true });
      return complete ? found : formatErrorsOnly(person, found);
    }
    if (s === 'check') return {};
    return questionErrors(stepQuestions(s), answers, { complete, prefix: PREFIX, t });
  };

  const show = (found: FieldErrors, messages: string[] = []) => {
    setErrors(found);
    setGeneral(messages);
    if (Object.keys(found).length > 0 || messages.length > 0) setAttempt((n) => n + 1);
  };

  const apiFields = {
    ...personFieldIds('contact', CONTACT),
    ...personFieldIds('person', CONTACT),
    ...answerFieldIds(definition, PREFIX),
  };

  /**
   * Saves the draft (made on the first save); returns the stored state, 'submitted' when the draft was sent
   * already (a retry after a lost answer), or null when it failed (the reason is shown).
   */
  const save = async (nextStep: Step): Promise<Stored | 'submitted' | null> => {
    const body = { answers: answersToSend(definition, answers), contact: toContact(person) };
    let current: Stored | null = stored;
    try {
      if (!current) {
        const { data, etag } = await intakeApi.createDraft(municipality);
        current = {
          draftId: data.draftId,
          resumeToken: data.resumeToken,
          etag: etag ?? '1',
          idempotencyKey: newIdempotencyKey(),
          step: nextStep,
        };
        writeStored(municipality, current);
        setStored(current);
      }
      const { etag } = await intakeApi.saveDraft(current.draftId, current.resumeToken, current.etag, body);
      const next: Stored = { ...current, etag: etag ?? current.etag, step: nextStep };
      writeStored(municipality, next);
      setStored(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'already-submitted')
        return 'submitted';
      if (error instanceof ApiError && error.status === 412 && current) {
        // The form is open in another window too: take what was saved there.
        const { data, etag } = await intakeApi.draft(current.draftId, current.resumeToken);
        setAnswers(toDraft(definition, data.answers ?? {}));
        setPerson(fromContact(data.contact));
        const next: Stored = { ...current, etag: etag ?? current.etag };
        writeStored(municipality, next);
        setStored(next);
        setNotice({ type: 'warning', text: o.otherWindow });
        return null;
      }
      if (error instanceof ApiError && (error.status === 404 || error.status === 410)) {
        writeStored(municipality, null);
        setStored(null);
        show({}, [o.draftGone]);
        return null;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        const split = fieldErrorsFrom(error.fields, lang, apiFields);
        show(split.fields, split.general);
        const first = Object.keys(split.fields)[0];
        if (first) setStep(stepOfField(first));
      } else show({}, [errorText(error, t, lang)]);
      return null;
    }
  };

  const go = (target: Step) => {
    setErrors({});
    setGeneral([]);
    setNotice(null);
    setStep(target);
  };

  const next = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    if (step === 'check') {
      await send();
      return;
    }
    const found = problemsOf(step, true);
    show(found);
    if (Object.keys(found).length > 0) return;
    const target = STEPS[STEPS.indexOf(step) + 1]!;
    setBusy('save');
    const saved = await save(target);
    setBusy(null);
    if (!saved || saved === 'submitted') return;
    setReachable((r) => Math.max(r, STEPS.indexOf(target)));
    setStep(target);
    setNotice({ type: 'ok', text: o.saved });
  };

  const saveForLater = async () => {
    if (busy) return;
    const found = problemsOf(step, false);
    show(found);
    if (Object.keys(found).length > 0) return;
    setBusy('save');
    const saved = await save(step);
    setBusy(null);
    if (saved && saved !== 'submitted') setNotice({ type: 'ok', text: o.savedForLater });
  };

  const send = async () => {
    // Everything once more, in the order of the steps; the first step with a problem is shown.
    for (const s of STEPS) {
      const found = problemsOf(s, true);
      if (Object.keys(found).length > 0) {
        setStep(s);
        show(found);
        return;
      }
    }
    setBusy('send');
    const result = await save('check');
    const saved = result === 'submitted' ? stored : result;
    if (!saved) {
      setBusy(null);
      return;
    }
    try {
      const { data } = await intakeApi.submitDraft(saved.draftId, saved.resumeToken, saved.idempotencyKey);
      rememberSent(municipality, data.reference);
      writeStored(municipality, null);
      navigate(withQuery('/aanmelden/verzonden', { gemeente: municipality }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // Sent before (in another window, or the answer to an earlier send was lost).
        const sent = await intakeApi.draft(saved.draftId, saved.resumeToken).catch(() => null);
        const reference = sent?.data.submittedReference;
        if (reference) {
          rememberSent(municipality, reference);
          writeStored(municipality, null);
          navigate(withQuery('/aanmelden/verzonden', { gemeente: municipality }));
          return;
        }
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        const split = fieldErrorsFrom(error.fields, lang, apiFields);
        const first = Object.keys(split.fields)[0];
        if (first) setStep(stepOfField(first));
        show(split.fields, split.general);
      } else show({}, [errorText(error, t, lang)]);
      setBusy(null);
    }
  };

  const order = [
    ...PERSON_FIELDS.map((f) => `${CONTACT}-${f}`),
    ...definition.questions.map((q) => questionFieldId(PREFIX, q.id)),
  ];
  const index = STEPS.indexOf(step);

  const checkList = (s: Step) =>
    stepQuestions(s).map((q) => ({
      key: q.id,
      label: textOf(q.label, lang),
      value: (
        <span className="grip-pre">
          {answerText(q, answersToSend(definition, answers)[q.id], lang, t, formatDate)}
        </span>
      ),
    }));

  const summaryOfAbout = () => {
    const p = toNewPerson(person);
    return [
      {
        key: 'name',
        label: o.checkName,
        value: [p.givenNames, p.familyNamePrefix, p.familyName].filter(Boolean).join(' '),
      },
      {
        key: 'birthDate',
        label: o.checkBirthDate,
        value: p.birthDate ? formatDate(p.birthDate) : t.common.empty,
      },
      { key: 'bsn', label: o.checkBsn, value: p.bsn ?? t.common.empty },
      { key: 'address', label: o.checkAddress, value: addressText(p.address) ?? t.common.empty },
      { key: 'phone', label: o.checkPhone, value: p.phone ?? t.common.empty },
      { key: 'email', label: o.checkEmail, value: p.email ?? t.common.empty },
    ];
  };

  return (
    <div className="grip-stack grip-narrow">
      <div>
        <PageTitle>{o.heading(version.municipalityName || municipalityName(municipality))}</PageTitle>
        <Paragraph lead>{o.intro}</Paragraph>
      </div>
      <StepList step={step} onGo={go} reachable={reachable} />
      <div role="status" className="grip-live-region">
        {notice ? (
          <Alert type={notice.type}>
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        ) : null}
      </div>
      <ErrorSummary items={summaryItems(order, errors, general)} focusKey={attempt} />
      <form className="grip-form" noValidate onSubmit={next} aria-labelledby="step-heading">
        <div>
          <Paragraph className="grip-step-count">{o.stepOf(index + 1, STEPS.length)}</Paragraph>
          <h2
            id="step-heading"
            ref={headingRef}
            tabIndex={-1}
            className="utrecht-heading-2 grip-step-heading"
          >
            {stepTitle}
          </h2>
          <Paragraph>{o.stepIntro[step]}</Paragraph>
        </div>

        {step === 'about' ? (
          <PersonFields
            prefix={CONTACT}
            values={person}
            errors={errors}
            onChange={setPerson}
            audience="resident"
          />
        ) : null}
        {step === 'question' || step === 'situation' ? (
          <QuestionnaireFields
            definition={definition}
            answers={answers}
            onChange={setAnswers}
            errors={errors}
            prefix={PREFIX}
            audience="resident"
            only={step === 'question' ? isQuestionStep : isSituationStep}
          />
        ) : null}
        {step === 'check' ? (
          <div className="grip-stack">
            {(['about', 'question', 'situation'] as const).map((s) => (
              <section key={s} className="grip-section" aria-labelledby={`check-${s}`}>
                <div className="grip-check-heading">
                  <Heading level={3} id={`check-${s}`}>
                    {o.steps[s]}
                  </Heading>
                  <Button appearance="subtle" onClick={() => go(s)} aria-describedby={`check-${s}`}>
                    {o.change}
                  </Button>
                </div>
                <DataList items={s === 'about' ? summaryOfAbout() : checkList(s)} />
              </section>
            ))}
            <Alert type="info">
              <Paragraph>{o.beforeSend}</Paragraph>
            </Alert>
          </div>
        ) : null}

        <ButtonGroup>
          {index > 0 ? (
            <Button appearance="secondary-action" onClick={() => go(STEPS[index - 1]!)}>
              {t.common.previous}
            </Button>
          ) : null}
          <Button type="submit" appearance="primary-action" busy={busy !== null}>
            {busy === 'send'
              ? o.sending
              : busy === 'save'
                ? t.common.saving
                : step === 'check'
                  ? o.send
                  : o.next}
          </Button>
          {step !== 'check' ? (
            <Button appearance="subtle" onClick={() => void saveForLater()}>
              {o.saveForLater}
            </Button>
          ) : null}
        </ButtonGroup>
      </form>
      <Paragraph small>{o.privacy}</Paragraph>
    </div>
  );
}

/** After sending: the reference number and what happens next. */
export function OnlineIntakeSentPage({ municipality }: { municipality: string }) {
  const { t } = useI18n();
  const o = t.online;
  const { municipalityName } = useSession();
  usePageTitle(o.sentTitle);
  const [reference] = useState<string | null>(() => {
    try {
      const value = JSON.parse(window.sessionStorage.getItem(sentKey(municipality)) ?? 'null') as {
        reference?: string;
      } | null;
      return value?.reference ?? null;
    } catch {
      return null;
    }
  });
  return (
    <div className="grip-stack grip-narrow">
      <PageTitle>{o.sentTitle}</PageTitle>
      <Alert type="ok">
        <Paragraph>{o.sentText(municipalityName(municipality))}</Paragraph>
        {reference ? (
          <Paragraph>
            {o.referenceLabel} <strong className="grip-reference">{reference}</strong>
          </Paragraph>
        ) : null}
      </Alert>
      <section className="grip-section" aria-labelledby="next-heading">
        <Heading level={2} id="next-heading">
          {o.nextHeading}
        </Heading>
        <ol className="utrecht-ordered-list grip-next-steps">
          {o.nextSteps.map((text) => (
            <li key={text} className="utrecht-ordered-list__item">
              {text}
            </li>
          ))}
        </ol>
        <Paragraph>{o.keepReference}</Paragraph>
      </section>
      <Alert type="warning">
        <Paragraph>{o.emergency}</Paragraph>
      </Alert>
    </div>
  );
}
