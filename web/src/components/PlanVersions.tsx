import { useRef, useState, type FormEvent } from 'react';
import { errorText, formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AGREEMENTS, planApi, type Agreement, type Plan } from '../plan-api.ts';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { ChoiceField, Fieldset, TextAreaField } from './FormField.tsx';
import { PlanVersionCompare } from './PlanVersionCompare.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/** Every version (who, when, why, the resident's agreement), comparing two, and agreement given in person. */
export function PlanVersions({
  plan,
  onChanged,
}: {
  plan: Plan;
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDateTime } = useI18n();
  const p = t.plan;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const versions = [...plan.versions].sort((a, b) => b.version - a.version);
  const newest = versions[0];
  const [agreement, setAgreement] = useState<Agreement | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !newest) return;
    if (!agreement) {
      setErrors({ agreement: p.agreementRequired });
      setGeneral([]);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await planApi.recordAgreement(plan.id, newest.version, {
        agreement,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setAgreement('');
      setNote('');
      setErrors({});
      await onChanged(p.agreementSaved(newest.version));
    } catch (error) {
      const { t, lang } = texts.current;
      const shown = formErrorsFrom(error, t, lang, { agreement: 'agreement', note: 'agreement-note' });
      setErrors(shown.fields);
      setGeneral(shown.general.length > 0 ? shown.general : [errorText(error, t, lang)]);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grip-section" aria-labelledby="plan-versions-heading">
      <Heading level={2} id="plan-versions-heading">
        {p.versionsHeading}
      </Heading>
      <Table caption={p.versionsCaption} hideCaption>
        <TableHead>
          <HeaderCell>{p.version}</HeaderCell>
          <HeaderCell>{p.createdAt}</HeaderCell>
          <HeaderCell>{p.createdBy}</HeaderCell>
          <HeaderCell>{p.why}</HeaderCell>
          <HeaderCell>{p.agreement}</HeaderCell>
        </TableHead>
        <TableBody>
          {versions.map((v) => (
            <Row key={v.version}>
              <RowHeaderCell>{v.version}</RowHeaderCell>
              <Cell>{formatDateTime(v.createdAt)}</Cell>
              <Cell>{v.createdBy?.name ?? t.common.empty}</Cell>
              <Cell className="grip-pre">{v.reason}</Cell>
              <Cell>
                {p.agreements[v.agreement] ?? v.agreement}
                {v.agreementRecordedAt ? ` ${p.agreementOn(formatDateTime(v.agreementRecordedAt))}` : ''}
                {v.agreementNote ? (
                  <span className="grip-muted grip-pre">{` — ${v.agreementNote}`}</span>
                ) : null}
              </Cell>
            </Row>
          ))}
        </TableBody>
      </Table>

      {versions.length > 1 ? <PlanVersionCompare plan={plan} /> : null}

      {newest && newest.agreement === 'open' ? (
        <>
          <Heading level={3} id="agreement-heading">
            {p.agreementHeading(newest.version)}
          </Heading>
          <Paragraph>{p.agreementIntro}</Paragraph>
          <ErrorSummary
            items={summaryItems(['agreement', 'agreement-note'], errors, general)}
            focusKey={attempt}
          />
          <form
            className="grip-form grip-narrow"
            noValidate
            onSubmit={submit}
            aria-labelledby="agreement-heading"
          >
            <Fieldset id="agreement" legend={p.agreementChoice} error={errors.agreement}>
              {AGREEMENTS.map((a) => (
                <ChoiceField
                  key={a}
                  id={`agreement-${a}`}
                  type="radio"
                  name="agreement"
                  label={p.agreements[a] ?? a}
                  checked={agreement === a}
                  onChange={() => setAgreement(a)}
                />
              ))}
            </Fieldset>
            <TextAreaField
              id="agreement-note"
              label={p.agreementNote}
              optional
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              error={errors['agreement-note']}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {busy ? t.common.saving : p.agreementSave}
              </Button>
            </ButtonGroup>
          </form>
        </>
      ) : newest ? (
        <Paragraph>
          {p.agreementDone(newest.version, p.agreements[newest.agreement] ?? newest.agreement)}
        </Paragraph>
      ) : null}
    </section>
  );
}
