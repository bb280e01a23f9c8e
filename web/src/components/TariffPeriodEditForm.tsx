import { useEffect, useState, type FormEvent } from 'react';
import { parseEuros } from '../catalogue-api.ts';
import { formatDateInput } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { TextField } from './FormField.tsx';
import { ConflictNotice, isConflict, problemErrors, readDate, useFormErrors } from './ServiceShared.tsx';
import { Heading } from './Typography.tsx';

export interface TariffPeriod {
  validFromDate: string;
  validUntilDate: string | null;
  tariffCents: number;
  version: number;
}

const FIELDS = ['from', 'until', 'amount'] as const;

/**
 * Changing or ending a tariff with a period: a reference tariff of a service or a contracted product (the
 * same three fields and the same rules on the server). Prefilled with what is saved; after a 412 the newer
 * version is loaded (the table above shows it) and what the user typed stays, so saving again applies it
 * to the newer version.
 */
export function TariffPeriodEditForm({
  idPrefix,
  heading,
  current,
  amountLabel,
  save,
  onSaved,
  onConflict,
  onCancel,
}: {
  idPrefix: string;
  heading: string;
  current: TariffPeriod;
  amountLabel: string;
  save(
    body: { validFromDate: string; validUntilDate: string | null; tariffCents: number },
    version: number,
  ): Promise<void>;
  onSaved(): Promise<void>;
  onConflict(): Promise<void>;
  onCancel(): void;
}) {
  const { t, lang } = useI18n();
  const ids = Object.fromEntries(FIELDS.map((f) => [f, `${idPrefix}-${f}`])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const errors = useFormErrors(Object.values(ids));
  const [from, setFrom] = useState(formatDateInput(current.validFromDate));
  const [until, setUntil] = useState(current.validUntilDate ? formatDateInput(current.validUntilDate) : '');
  const [amount, setAmount] = useState((current.tariffCents / 100).toFixed(2).replace('.', ','));
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  // The form opens below the table: take the user there.
  useEffect(() => {
    document.getElementById(ids.from)?.focus();
  }, [ids.from]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    const start = readDate(from, t, true);
    const end = readDate(until, t, false);
    const cents = parseEuros(amount);
    if (start.error) found[ids.from] = start.error;
    if (end.error) found[ids.until] = end.error;
    if (cents === null) found[ids.amount] = t.catForm.euroInvalid;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    errors.clear();
    setBusy(true);
    try {
      await save(
        { validFromDate: start.value!, validUntilDate: end.value, tariffCents: cents! },
        current.version,
      );
      setConflict(false);
      await onSaved();
    } catch (error) {
      if (isConflict(error)) {
        // Load the newer version first, so the notice appears with what is saved now.
        await onConflict();
        setConflict(true);
      } else {
        setConflict(false);
        errors.show(
          problemErrors(error, t, lang, {
            validFromDate: ids.from,
            validUntilDate: ids.until,
            tariffCents: ids.amount,
          }),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grip-panel">
      <Heading level={3} className="grip-panel__title" id={`${idPrefix}-heading`}>
        {heading}
      </Heading>
      <ConflictNotice show={conflict} />
      <ErrorSummary items={errors.items} focusKey={errors.attempt} />
      <form
        className="grip-form grip-form--grid"
        noValidate
        onSubmit={submit}
        aria-labelledby={`${idPrefix}-heading`}
      >
        <TextField
          id={ids.from}
          label={t.catTariffs.from}
          description={t.common.dateHint}
          autoComplete="off"
          className="grip-input--date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={errors.fields[ids.from]}
        />
        <TextField
          id={ids.until}
          label={t.catTariffs.until}
          description={t.catForm.dateHintOpen}
          optional
          autoComplete="off"
          className="grip-input--date"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          error={errors.fields[ids.until]}
        />
        <TextField
          id={ids.amount}
          label={amountLabel}
          description={t.catForm.euroHint}
          autoComplete="off"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={errors.fields[ids.amount]}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.catForm.saving : t.catForm.save}
          </Button>
          <Button appearance="secondary-action" onClick={onCancel}>
            {t.catForm.cancel}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}
