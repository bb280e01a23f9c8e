import { useState, type FormEvent } from 'react';
import { catalogueApi, FRAUD_SOURCES, type FraudSource } from '../catalogue-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextAreaField } from './FormField.tsx';
import { codeOptions, problemErrors, StatusMessage, useFormErrors } from './ServiceShared.tsx';
import { Paragraph } from './Typography.tsx';

const FIELD_IDS = { source: 'fraud-source', summary: 'fraud-summary' };

/** Report a suspicion of fraud by this provider to the controller (caseworkers and the controller). */
export function FraudReportForm({ providerId }: { providerId: string }) {
  const { t, lang } = useI18n();
  const c = t.catFraud;
  const [source, setSource] = useState<FraudSource>('melding-medewerker');
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const errors = useFormErrors(Object.values(FIELD_IDS));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    if (!summary.trim()) return errors.show({ fields: { 'fraud-summary': t.catForm.required }, general: [] });
    errors.clear();
    setBusy(true);
    try {
      await catalogueApi.reportFraud({ providerId, source, summary: summary.trim() });
      setSummary('');
      setMessage(c.reported);
    } catch (error) {
      errors.show(problemErrors(error, t, lang, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="grip-details">
      <summary className="grip-details__summary">{c.reportHeading}</summary>
      <div className="grip-details__body">
        <Paragraph>{c.reportHint}</Paragraph>
        <StatusMessage message={message} />
        <ErrorSummary items={errors.items} focusKey={errors.attempt} />
        <form className="grip-form" noValidate onSubmit={submit}>
          <SelectField
            id="fraud-source"
            label={c.source}
            value={source}
            onChange={(e) => setSource(e.target.value as FraudSource)}
            options={codeOptions(FRAUD_SOURCES, t.catCodes.fraudSources)}
            error={errors.fields['fraud-source']}
          />
          <TextAreaField
            id="fraud-summary"
            label={c.reportSummary}
            rows={3}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            error={errors.fields['fraud-summary']}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action" busy={busy}>
              {busy ? t.common.saving : c.reportHeading}
            </Button>
          </ButtonGroup>
        </form>
      </div>
    </details>
  );
}
