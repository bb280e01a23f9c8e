import { useState, type FormEvent } from 'react';
import { parseDateInput, todayIso } from '../format.ts';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { planApi, type Plan } from '../plan-api.ts';
import { Button } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { DateField } from './FormField.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/**
 * Plan the next evaluation ahead (the plan list and the notifications remind the regisseur when it is
 * due). While one is planned and not yet held, it is shown instead of the form.
 */
export function PlanEvaluationPlanner({
  plan,
  onChanged,
}: {
  plan: Plan;
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDate } = useI18n();
  const p = t.plan;
  const [day, setDay] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const open = plan.evaluations.find((e) => !e.heldOn);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    const iso = parseDateInput(day);
    if (!day.trim()) found.plannedOn = p.planRequired;
    else if (!iso) found.plannedOn = t.common.dateInvalid;
    else if (iso < todayIso()) found.plannedOn = p.planPast;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0 || !iso) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await planApi.planEvaluation(plan.id, iso);
      setDay('');
      await onChanged(p.planned(formatDate(iso)));
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, { plannedOn: 'plannedOn' });
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Heading level={3} id="evaluation-plan-heading">
        {p.planHeading}
      </Heading>
      {open ? (
        <Paragraph>{p.plannedAlready(formatDate(open.plannedOn))}</Paragraph>
      ) : (
        <>
          <ErrorSummary items={summaryItems(['plannedOn'], errors, general)} focusKey={attempt} />
          <form
            className="grip-form grip-form--inline grip-narrow"
            noValidate
            onSubmit={submit}
            aria-labelledby="evaluation-plan-heading"
          >
            <DateField
              id="plannedOn"
              label={p.plannedOnLabel}
              description={p.plannedOnHint}
              value={day}
              onChange={(e) => setDay(e.target.value)}
              error={errors.plannedOn}
            />
            <div className="grip-form__actions">
              <Button type="submit" appearance="primary-action" busy={busy}>
                {p.planButton}
              </Button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
