import { useState, type FormEvent, type ReactNode } from 'react';
import { formatDateInput, parseDateInput, todayIso } from '../format.ts';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { intakeApi, SUSPENSION_REASONS, type DueState, type Melding } from '../intake-api.ts';
import { Button } from './Button.tsx';
import { DataList } from './DataList.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { DueBadge } from './IntakeBadges.tsx';
import { MeldingDecisionLink } from './MeldingDecisionLink.tsx';
import { DateField, SelectField } from './FormField.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const NEAR_DAYS = 7;

/** The state of a due date as the worklist shows it: late, near (≤ 7 days) or in time. */
export function dueState(dueDate: string, today = todayIso()): DueState {
  const days = Math.round(
    (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  return days < 0 ? 'te-laat' : days <= NEAR_DAYS ? 'bijna' : 'op-tijd';
}

/** A small form with one date (and maybe a reason) for one step of a melding. */
function DateAction({
  id,
  heading,
  label,
  submit,
  extra,
  errors,
  onSubmit,
}: {
  id: string;
  heading: string;
  label: string;
  submit: string;
  extra?: ReactNode;
  errors: FieldErrors;
  onSubmit(date: string): Promise<void>;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(formatDateInput(todayIso()));
  const [local, setLocal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const date = parseDateInput(value);
    if (!date) {
      setLocal(value.trim() ? t.common.dateInvalid : t.melding.dateRequired);
      return;
    }
    setLocal(undefined);
    setBusy(true);
    try {
      await onSubmit(date);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="grip-panel grip-form grip-form--inline"
      noValidate
      onSubmit={send}
      aria-labelledby={`${id}-heading`}
    >
      <Heading level={3} appearance={4} id={`${id}-heading`} className="grip-panel__title">
        {heading}
      </Heading>
      <DateField
        id={id}
        label={label}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={local ?? errors[id]}
      />
      {extra}
      <div className="grip-form__actions">
        <Button type="submit" appearance="secondary-action" busy={busy}>
          {submit}
        </Button>
      </div>
    </form>
  );
}

/** A melding: its legal deadlines, the aanvraag, and suspensions of the clock. */
export function MeldingSection({
  melding,
  onChanged,
}: {
  melding: Melding;
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDate } = useI18n();
  const m = t.melding;
  const [reason, setReason] = useState<string>(SUSPENSION_REASONS[0]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);

  const run = async (action: () => Promise<unknown>, done: string, fields: Record<string, string>) => {
    setErrors({});
    setGeneral([]);
    try {
      await action();
      await onChanged(done);
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, fields);
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    }
  };

  const open = melding.status !== 'besloten' && melding.status !== 'ingetrokken';
  const running = melding.suspensions.find((s) => s.untilDate === null);
  const due = (date: string | null) =>
    date ? (
      <span className="grip-badge-line">
        <span>{formatDate(date)}</span>
        {open ? <DueBadge state={dueState(date)} dueDate={date} /> : null}
      </span>
    ) : (
      t.common.empty
    );

  return (
    <section className="grip-section" aria-labelledby="melding-heading">
      <Heading level={2} id="melding-heading">
        {m.heading(t.labels.laws[melding.lawCode] ?? melding.lawCode)}
      </Heading>
      <Paragraph>{m.rules[melding.lawCode] ?? ''}</Paragraph>
      <DataList
        items={[
          { key: 'status', label: m.status, value: t.labels.meldingStatus[melding.status] ?? melding.status },
          { key: 'melded', label: m.meldingDate, value: formatDate(melding.meldedDate) },
          ...(melding.investigationDueDate || melding.lawCode === 'wmo'
            ? [{ key: 'investigation', label: m.investigationDue, value: due(melding.investigationDueDate) }]
            : []),
          ...(melding.lawCode === 'wmo'
            ? [
                {
                  key: 'aanvraag',
                  label: m.aanvraagDate,
                  value: melding.aanvraagDate ? formatDate(melding.aanvraagDate) : m.noAanvraag,
                },
              ]
            : []),
          { key: 'decision', label: m.decisionDue, value: due(melding.decisionDueDate) },
          { key: 'suspended', label: m.suspendedDays, value: m.days(melding.suspendedDays) },
        ]}
      />
      <MeldingDecisionLink melding={melding} />
      {melding.suspensions.length > 0 ? (
        <Table caption={m.suspensionsCaption}>
          <TableHead>
            <HeaderCell>{m.from}</HeaderCell>
            <HeaderCell>{m.until}</HeaderCell>
            <HeaderCell>{m.reason}</HeaderCell>
          </TableHead>
          <TableBody>
            {melding.suspensions.map((s) => (
              <Row key={s.id}>
                <RowHeaderCell>{formatDate(s.fromDate)}</RowHeaderCell>
                <Cell>{s.untilDate ? formatDate(s.untilDate) : m.stillRunning}</Cell>
                <Cell>{t.labels.suspensionReasons[s.reason] ?? s.reason}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {open ? (
        <>
          <ErrorSummary
            items={summaryItems(['aanvraagDate', 'suspendFrom', 'suspendUntil'], errors, general)}
            focusKey={attempt}
          />
          <div className="grip-columns">
            {melding.lawCode === 'wmo' && !melding.aanvraagDate ? (
              <DateAction
                id="aanvraagDate"
                heading={m.aanvraagHeading}
                label={m.aanvraagDate}
                submit={m.aanvraagSubmit}
                errors={errors}
                onSubmit={(date) =>
                  run(() => intakeApi.recordAanvraag(melding.id, date), m.aanvraagDone, {
                    aanvraagDate: 'aanvraagDate',
                  })
                }
              />
            ) : null}
            {running ? (
              <DateAction
                id="suspendUntil"
                heading={m.endHeading}
                label={m.until}
                submit={m.endSubmit}
                errors={errors}
                onSubmit={(date) =>
                  run(() => intakeApi.endSuspension(melding.id, running.id, date), m.endDone, {
                    untilDate: 'suspendUntil',
                  })
                }
              />
            ) : (
              <DateAction
                id="suspendFrom"
                heading={m.suspendHeading}
                label={m.from}
                submit={m.suspendSubmit}
                errors={errors}
                extra={
                  <SelectField
                    id="suspendReason"
                    label={m.reason}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    options={SUSPENSION_REASONS.map((r) => ({
                      value: r,
                      label: t.labels.suspensionReasons[r] ?? r,
                    }))}
                  />
                }
                onSubmit={(date) =>
                  run(
                    () =>
                      intakeApi.suspend(melding.id, {
                        fromDate: date,
                        reason: reason as (typeof SUSPENSION_REASONS)[number],
                      }),
                    m.suspendDone,
                    { fromDate: 'suspendFrom', reason: 'suspendReason' },
                  )
                }
              />
            )}
          </div>
        </>
      ) : null}
    </section>
  );
}
