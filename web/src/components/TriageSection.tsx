import { useEffect, useRef, useState, type FormEvent } from 'react';
import { parseDateInput, todayIso } from '../format.ts';
import { errorText, formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  intakeApi,
  LAW_CODES,
  TRIAGE_OUTCOMES,
  URGENT_REASONS,
  type AlgemeneVoorziening,
  type HelpQuestionDetail,
  type LawCode,
  type TriageInput,
  type TriageOutcome,
  type UrgentReason,
} from '../intake-api.ts';
import { Alert } from './Alert.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { DataList } from './DataList.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { ChoiceField, DateField, Fieldset, SelectField } from './FormField.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const FIELDS = ['outcome', 'referredServiceId', 'lawCode', 'urgentReason', 'homeVisitDate'];

/** "in de wijk van de inwoner" / "2,3 km" */
function distanceText(service: AlgemeneVoorziening, t: ReturnType<typeof useI18n>['t'], lang: string) {
  if (service.inResidentWijk) return t.triage.inWijk;
  const km = service.nearestDistanceKm;
  if (typeof km === 'number')
    return t.triage.distance(
      km.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }),
    );
  return null;
}

/** The outcome of a help question: information, referral to an algemene voorziening, a melding, or urgent. */
export function TriageSection({
  question,
  onChanged,
}: {
  question: HelpQuestionDetail;
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const s = t.triage;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [outcome, setOutcome] = useState<TriageOutcome | ''>('');
  const [serviceId, setServiceId] = useState('');
  const [lawCode, setLawCode] = useState<string>(question.mainLawCode ?? '');
  const [urgentReason, setUrgentReason] = useState('');
  const [homeVisit, setHomeVisit] = useState('');
  const [services, setServices] = useState<AlgemeneVoorziening[] | null>(null);
  const [servicesError, setServicesError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const personId = question.person?.id ?? null;
  const wantsServices =
    outcome === 'verwijzing-algemene-voorziening' || Boolean(question.triage?.referredServiceId);

  useEffect(() => {
    if (!wantsServices || services) return;
    const controller = new AbortController();
    intakeApi
      .algemeneVoorzieningen(personId, controller.signal)
      .then(({ data }) => setServices(data.items))
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setServicesError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [wantsServices, services, personId]);

  const heading = (
    <Heading level={2} id="triage-heading">
      {s.heading}
    </Heading>
  );

  const triage = question.triage;
  if (triage) {
    return (
      <section className="grip-section" aria-labelledby="triage-heading">
        {heading}
        <DataList
          items={[
            {
              key: 'outcome',
              label: s.outcome,
              value: t.labels.triageOutcomes[triage.outcome] ?? triage.outcome,
            },
            { key: 'decidedAt', label: s.decidedAt, value: formatDateTime(triage.decidedAt) },
            ...(triage.referredServiceId
              ? [
                  {
                    key: 'service',
                    label: s.service,
                    value: services?.find((v) => v.id === triage.referredServiceId)?.name ?? t.common.loading,
                  },
                ]
              : []),
            ...(triage.urgentReason
              ? [
                  {
                    key: 'urgent',
                    label: s.urgentReason,
                    value: t.labels.urgentReasons[triage.urgentReason] ?? triage.urgentReason,
                  },
                ]
              : []),
            ...(triage.homeVisitDate
              ? [{ key: 'visit', label: s.homeVisit, value: formatDate(triage.homeVisitDate) }]
              : []),
            ...(triage.homeVisitHeldDate
              ? [{ key: 'visitHeld', label: s.homeVisitHeld, value: formatDate(triage.homeVisitHeldDate) }]
              : []),
          ]}
        />
      </section>
    );
  }
  if (question.status !== 'open') {
    return (
      <section className="grip-section" aria-labelledby="triage-heading">
        {heading}
        <Paragraph>{s.none}</Paragraph>
      </section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!outcome) found.outcome = s.outcomeRequired;
    if (outcome === 'verwijzing-algemene-voorziening' && !serviceId)
      found.referredServiceId = s.serviceRequired;
    if (outcome === 'melding' && !lawCode) found.lawCode = s.lawRequired;
    if (outcome === 'urgent' && !urgentReason) found.urgentReason = s.urgentReasonRequired;
    const visit = homeVisit.trim() ? parseDateInput(homeVisit) : null;
    if (homeVisit.trim() && !visit) found.homeVisitDate = t.common.dateInvalid;
    else if (visit && visit < todayIso()) found.homeVisitDate = s.homeVisitPast;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0 || !outcome) {
      setAttempt((n) => n + 1);
      return;
    }
    const body: TriageInput = { outcome };
    if (outcome === 'verwijzing-algemene-voorziening') body.referredServiceId = serviceId;
    if (outcome === 'melding') body.lawCode = lawCode as LawCode;
    if (outcome === 'urgent') body.urgentReason = urgentReason as UrgentReason;
    if ((outcome === 'melding' || outcome === 'urgent') && visit) body.homeVisitDate = visit;
    setBusy(true);
    try {
      await intakeApi.triage(question.id, body);
      await onChanged(s.done(t.labels.triageOutcomes[outcome] ?? outcome));
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, Object.fromEntries(FIELDS.map((f) => [f, f])));
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const visitField = (
    <DateField
      id="homeVisitDate"
      label={s.homeVisit}
      description={outcome === 'melding' ? s.homeVisitHintMelding : s.homeVisitHint}
      optional
      value={homeVisit}
      onChange={(e) => setHomeVisit(e.target.value)}
      error={errors.homeVisitDate}
    />
  );

  return (
    <section className="grip-section" aria-labelledby="triage-heading">
      {heading}
      <Paragraph>{question.intake?.status === 'afgerond' ? s.introAfterIntake : s.intro}</Paragraph>
      <ErrorSummary items={summaryItems(FIELDS, errors, general)} focusKey={attempt} />
      <form className="grip-form grip-narrow" noValidate onSubmit={submit}>
        <Fieldset id="outcome" legend={s.outcome} error={errors.outcome}>
          {TRIAGE_OUTCOMES.map((option) => (
            <ChoiceField
              key={option}
              id={`outcome-${option}`}
              type="radio"
              name="outcome"
              label={t.labels.triageOutcomes[option] ?? option}
              description={s.outcomeHints[option]}
              checked={outcome === option}
              onChange={() => setOutcome(option)}
            />
          ))}
        </Fieldset>

        {outcome === 'verwijzing-algemene-voorziening' ? (
          <Fieldset
            id="referredServiceId"
            legend={s.service}
            description={personId ? s.serviceHintNear : s.serviceHint}
            error={errors.referredServiceId}
          >
            {servicesError ? (
              <Alert type="error">
                <Paragraph>{servicesError}</Paragraph>
              </Alert>
            ) : !services ? (
              <div role="status">
                <Paragraph>{t.common.loading}</Paragraph>
              </div>
            ) : services.length === 0 ? (
              <Paragraph>{s.noServices}</Paragraph>
            ) : (
              services.map((service) => {
                const where = distanceText(service, t, lang);
                const nearest = service.locations[0];
                const location = nearest
                  ? [nearest.name, nearest.streetAddress].filter(Boolean).join(', ')
                  : null;
                return (
                  <ChoiceField
                    key={service.id}
                    id={`referredServiceId-${service.id}`}
                    type="radio"
                    name="referredServiceId"
                    label={service.name}
                    description={[location, where].filter(Boolean).join(' · ') || undefined}
                    checked={serviceId === service.id}
                    onChange={() => setServiceId(service.id)}
                  />
                );
              })
            )}
          </Fieldset>
        ) : null}

        {outcome === 'melding' ? (
          <>
            <SelectField
              id="lawCode"
              label={s.law}
              description={s.lawHint}
              value={lawCode}
              onChange={(e) => setLawCode(e.target.value)}
              error={errors.lawCode}
              options={[
                { value: '', label: s.chooseLaw },
                ...LAW_CODES.map((code) => ({ value: code, label: t.labels.laws[code] ?? code })),
              ]}
            />
            {visitField}
          </>
        ) : null}

        {outcome === 'urgent' ? (
          <>
            <SelectField
              id="urgentReason"
              label={s.urgentReason}
              value={urgentReason}
              onChange={(e) => setUrgentReason(e.target.value)}
              error={errors.urgentReason}
              options={[
                { value: '', label: s.chooseReason },
                ...URGENT_REASONS.map((reason) => ({
                  value: reason,
                  label: t.labels.urgentReasons[reason] ?? reason,
                })),
              ]}
            />
            {visitField}
          </>
        ) : null}

        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : s.submit}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
