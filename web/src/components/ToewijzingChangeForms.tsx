import { useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { decisionsApi, formatEuroInput, parseEuroInput, type Toewijzing } from '../decisions-api.ts';
import { formatDateInput, parseDateInput } from '../format.ts';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { DateField, SelectField, TextField } from './FormField.tsx';
import { changeReasonOptions, endReasonOptions } from './ToewijzingText.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const WHOLE = /^\d{1,6}$/;

interface Props {
  toewijzing: Toewijzing;
  /** After a change: the new allocation and the message to show. */
  onDone(updated: Toewijzing, message: string): void;
  /** Someone else changed it first (412): read it again and say so. */
  onStale(): void;
}

/** Change an allocation (end date, volume, budget) with a RedenWijziging; reason 13 withdraws it. */
export function ToewijzingChangeForm({ toewijzing: a, onDone, onStale }: Props) {
  const { t, lang } = useI18n();
  const w = t.toewijzing;
  const [reasonCode, setReasonCode] = useState('');
  const [endDate, setEndDate] = useState('');
  const [volume, setVolume] = useState('');
  const [budget, setBudget] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const order = ['change-reasonCode', 'change-endDate', 'change-volume', 'change-budgetCents'];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: FieldErrors = {};
    const gen: string[] = [];
    if (!reasonCode) fields['change-reasonCode'] = w.changeErrors.reason;
    const end = endDate.trim() ? parseDateInput(endDate) : undefined;
    if (end === null) fields['change-endDate'] = w.changeErrors.endDate;
    if (volume.trim() && (!WHOLE.test(volume.trim()) || Number(volume) < 1))
      fields['change-volume'] = w.changeErrors.volume;
    const budgetCents = budget.trim() ? parseEuroInput(budget) : undefined;
    if (budgetCents === null) fields['change-budgetCents'] = w.changeErrors.budget;
    if (reasonCode && reasonCode !== '13' && !endDate.trim() && !volume.trim() && !budget.trim())
      gen.push(w.changeErrors.nothing);
    setAttempt((n) => n + 1);
    setErrors(fields);
    setGeneral(gen);
    if (Object.keys(fields).length > 0 || gen.length > 0) return;
    setBusy(true);
    try {
      const { data } = await decisionsApi.changeToewijzing(a.id, a.version, {
        reasonCode,
        ...(end ? { endDate: end } : {}),
        ...(volume.trim() ? { volume: Number(volume) } : {}),
        ...(budgetCents !== undefined && budgetCents !== null ? { budgetCents } : {}),
      });
      setReasonCode('');
      setEndDate('');
      setVolume('');
      setBudget('');
      onDone(data, w.changed);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        onStale();
      } else {
        const shown = formErrorsFrom(error, t, lang, {
          reasonCode: 'change-reasonCode',
          endDate: 'change-endDate',
          volume: 'change-volume',
          budgetCents: 'change-budgetCents',
        });
        setErrors(shown.fields);
        setGeneral(shown.general);
        setAttempt((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="grip-panel grip-form" noValidate onSubmit={submit} aria-labelledby="change-heading">
      <Heading level={3} appearance={4} id="change-heading" className="grip-panel__title">
        {w.changeHeading}
      </Heading>
      <Paragraph>{w.changeIntro}</Paragraph>
      <ErrorSummary items={summaryItems(order, errors, general)} focusKey={attempt} />
      <SelectField
        id="change-reasonCode"
        label={w.changeReason}
        options={changeReasonOptions(t)}
        value={reasonCode}
        onChange={(e) => setReasonCode(e.target.value)}
        error={errors['change-reasonCode']}
      />
      <DateField
        id="change-endDate"
        label={w.newEndDate}
        optional
        placeholder={a.endDate ? formatDateInput(a.endDate) : undefined}
        value={endDate}
        onChange={(e) => setEndDate(e.target.value)}
        error={errors['change-endDate']}
      />
      {a.unitCode ? (
        <TextField
          id="change-volume"
          label={w.newVolume}
          optional
          inputMode="numeric"
          placeholder={a.volume !== null ? String(a.volume) : undefined}
          value={volume}
          onChange={(e) => setVolume(e.target.value)}
          error={errors['change-volume']}
        />
      ) : null}
      <TextField
        id="change-budgetCents"
        label={w.newBudget}
        optional
        inputMode="decimal"
        placeholder={a.budgetCents !== null ? formatEuroInput(a.budgetCents) : undefined}
        value={budget}
        onChange={(e) => setBudget(e.target.value)}
        error={errors['change-budgetCents']}
      />
      <div className="grip-form__actions">
        <Button type="submit" busy={busy}>
          {w.changeSubmit}
        </Button>
      </div>
    </form>
  );
}

/** End an allocation with a RedenBeeindiging (the list of the law's standard). */
export function ToewijzingEndForm({ toewijzing: a, onDone, onStale }: Props) {
  const { t, lang } = useI18n();
  const w = t.toewijzing;
  const [reasonCode, setReasonCode] = useState('');
  const [endDate, setEndDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: FieldErrors = {};
    if (!reasonCode) fields['end-reasonCode'] = w.changeErrors.reason;
    const end = parseDateInput(endDate);
    if (!end) fields['end-endDate'] = w.changeErrors.endDate;
    setAttempt((n) => n + 1);
    setErrors(fields);
    setGeneral([]);
    if (Object.keys(fields).length > 0 || !end) return;
    setBusy(true);
    try {
      const { data } = await decisionsApi.endToewijzing(a.id, a.version, { reasonCode, endDate: end });
      onDone(data, w.ended);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        onStale();
      } else {
        const shown = formErrorsFrom(error, t, lang, {
          reasonCode: 'end-reasonCode',
          endDate: 'end-endDate',
        });
        setErrors(shown.fields);
        setGeneral(shown.general);
        setAttempt((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="grip-panel grip-form" noValidate onSubmit={submit} aria-labelledby="end-heading">
      <Heading level={3} appearance={4} id="end-heading" className="grip-panel__title">
        {w.endHeading}
      </Heading>
      <ErrorSummary
        items={summaryItems(['end-reasonCode', 'end-endDate'], errors, general)}
        focusKey={attempt}
      />
      <SelectField
        id="end-reasonCode"
        label={w.endReasonField}
        options={endReasonOptions(t, a.lawCode)}
        value={reasonCode}
        onChange={(e) => setReasonCode(e.target.value)}
        error={errors['end-reasonCode']}
      />
      <DateField
        id="end-endDate"
        label={w.endDate}
        value={endDate}
        onChange={(e) => setEndDate(e.target.value)}
        error={errors['end-endDate']}
      />
      <div className="grip-form__actions">
        <Button type="submit" busy={busy}>
          {w.endSubmit}
        </Button>
      </div>
    </form>
  );
}
