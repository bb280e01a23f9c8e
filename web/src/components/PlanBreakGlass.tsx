import { useRef, useState, type FormEvent } from 'react';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { planApi, type BreakGlass } from '../plan-api.ts';
import { Alert } from './Alert.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { TextAreaField } from './FormField.tsx';
import { Heading, Paragraph } from './Typography.tsx';

export const BREAK_GLASS_MIN_REASON = 20;

/**
 * Someone not involved in the household (403 plan-not-involved): the way to open the plan anyway in an
 * emergency, with a written reason that is recorded and reported to the privacy officer.
 */
export function PlanBreakGlass({
  planId,
  onOpened,
}: {
  planId: string;
  onOpened(grant: BreakGlass): Promise<unknown>;
}) {
  const { t, lang } = useI18n();
  const p = t.plan;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setGeneral([]);
    if (reason.trim().length < BREAK_GLASS_MIN_REASON) {
      setErrors({ 'break-glass-reason': p.breakGlassReasonShort });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { data } = await planApi.breakGlass(planId, reason.trim());
      await onOpened(data);
    } catch (error) {
      const { t, lang } = texts.current;
      const shown = formErrorsFrom(error, t, lang, { reason: 'break-glass-reason' });
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grip-section" aria-labelledby="break-glass-heading">
      <Heading level={2} id="break-glass-heading">
        {p.breakGlassTitle}
      </Heading>
      <Paragraph>{p.breakGlassIntro}</Paragraph>
      <Alert type="warning">
        <Paragraph>{p.breakGlassWarning}</Paragraph>
      </Alert>
      <ErrorSummary items={summaryItems(['break-glass-reason'], errors, general)} focusKey={attempt} />
      <form className="grip-form grip-narrow" noValidate onSubmit={submit}>
        <TextAreaField
          id="break-glass-reason"
          label={p.breakGlassReason}
          description={p.breakGlassReasonHint}
          rows={4}
          minLength={BREAK_GLASS_MIN_REASON}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors['break-glass-reason']}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : p.breakGlassSubmit}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
