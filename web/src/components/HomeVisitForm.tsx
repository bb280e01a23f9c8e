import { useState, type FormEvent } from 'react';
import { parseDateInput, todayIso } from '../format.ts';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { intakeApi, type HelpQuestionDetail } from '../intake-api.ts';
import { Button } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { DateField } from './FormField.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const FIELDS = ['heldDate'];

/**
 * The home visit planned at triage: once it has been held, the professional records the day (not in the
 * future, not before the triage). Shown under the triage while the visit is planned and not yet recorded.
 */
export function HomeVisitForm({
  question,
  onChanged,
}: {
  question: HelpQuestionDetail;
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDate } = useI18n();
  const s = t.homeVisit;
  const planned = question.triage?.homeVisitDate ?? null;
  const [held, setHeld] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  if (!planned || question.triage?.homeVisitHeldDate) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    const day = held.trim() ? parseDateInput(held) : null;
    if (!held.trim()) found.heldDate = s.required;
    else if (!day) found.heldDate = t.common.dateInvalid;
    else if (day > todayIso()) found.heldDate = s.future;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0 || !day) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await intakeApi.recordHomeVisit(question.id, day);
      await onChanged(s.done(formatDate(day)));
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, { heldDate: 'heldDate' });
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grip-section" aria-labelledby="home-visit-heading">
      <Heading level={2} id="home-visit-heading">
        {s.heading}
      </Heading>
      <Paragraph>{s.planned(formatDate(planned))}</Paragraph>
      <ErrorSummary items={summaryItems(FIELDS, errors, general)} focusKey={attempt} />
      <form className="grip-form grip-form--inline grip-narrow" noValidate onSubmit={submit}>
        <DateField
          id="heldDate"
          label={s.heldDate}
          description={s.heldDateHint}
          value={held}
          onChange={(e) => setHeld(e.target.value)}
          error={errors.heldDate}
        />
        <div className="grip-form__actions">
          <Button type="submit" appearance="primary-action" busy={busy}>
            {s.record}
          </Button>
        </div>
      </form>
    </section>
  );
}
