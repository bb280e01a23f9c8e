import { useState, type FormEvent } from 'react';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { DateField, SelectField, TextAreaField, TextField } from './FormField.tsx';
import { Heading, Paragraph } from './Typography.tsx';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The forms of the steering edit screen (/sturing/bewerken): a field list described as data, problems found
 * before sending, and the server's invalidParams shown at their fields with an error summary.
 */

export interface FieldSpec {
  /** The input id, unique on the page. */
  id: string;
  /** The API field whose invalidParams belong to this input. */
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'date';
  optional?: boolean;
  description?: string;
  options?: { value: string; label: string }[];
  inputMode?: 'numeric' | 'decimal';
}

/** Problems found before sending (a number or date that cannot be read), keyed by input id. */
export class FormProblems extends Error {
  readonly fields: FieldErrors;
  readonly general: string[];
  constructor(fields: FieldErrors, general: string[] = []) {
    super('form problems');
    this.fields = fields;
    this.general = general;
  }
}

export type Values = Record<string, string>;

/**
 * One editing form: its fields, an error summary that takes focus, the server's invalidParams at their
 * fields, and a confirmation in a live region. `submit` returns the confirmation text.
 */
export function EditForm({
  id,
  title,
  level = 2,
  intro,
  initial,
  fields,
  submitLabel,
  submit,
}: {
  id: string;
  title: string;
  level?: 2 | 3;
  intro?: string;
  initial: Values;
  fields: (values: Values) => FieldSpec[];
  submitLabel: string;
  submit: (values: Values) => Promise<string>;
}) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const specs = fields(values);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    try {
      const message = await submit(values);
      setErrors({});
      setGeneral([]);
      setValues(initial);
      setDone(message);
    } catch (error: unknown) {
      if (error instanceof FormProblems) {
        setErrors(error.fields);
        setGeneral(error.general);
      } else {
        const ids = Object.fromEntries(specs.map((f) => [f.name, f.id]));
        const result = formErrorsFrom(error, t, lang, ids);
        setErrors(result.fields);
        setGeneral(result.general);
      }
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  const set = (fieldId: string, value: string) => setValues((v) => ({ ...v, [fieldId]: value }));
  const items = summaryItems(
    specs.map((f) => f.id),
    errors,
    general,
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="grip-section">
      <Heading level={level} id={`${id}-heading`}>
        {title}
      </Heading>
      {intro ? <Paragraph>{intro}</Paragraph> : null}
      <ErrorSummary items={items} focusKey={focusKey} />
      <form className="grip-form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
        <FieldInputs specs={specs} values={values} errors={errors} set={set} />
        <div className="grip-button-group utrecht-button-group">
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
      <div role="status" className="grip-live-region">
        {done ? (
          <Alert type="ok">
            <Paragraph>{done}</Paragraph>
          </Alert>
        ) : null}
      </div>
    </section>
  );
}

/** Reads a number typed the Dutch way (comma or point); '' is undefined. */
export function readNumber(text: string): number | undefined | null {
  const value = text.trim().replace(/\s/g, '');
  if (value === '') return undefined;
  // 12,5 and 1.250,75 the Dutch way; 12.500 (points as thousands separators) is twelve thousand five hundred.
  const normalised =
    value.includes(',') || /^-?\d{1,3}(\.\d{3})+$/.test(value)
      ? value.replace(/\./g, '').replace(',', '.')
      : value;
  const number = Number(normalised);
  return Number.isFinite(number) ? number : null;
}

/** The inputs of a form described by its field specs. */
export function FieldInputs({
  specs,
  values,
  errors,
  set,
}: {
  specs: FieldSpec[];
  values: Values;
  errors: FieldErrors;
  set: (fieldId: string, value: string) => void;
}) {
  return (
    <>
      {specs.map((f) => {
        const common = {
          id: f.id,
          label: f.label,
          description: f.description,
          optional: f.optional,
          error: errors[f.id],
          value: values[f.id] ?? '',
        };
        if (f.kind === 'select')
          return (
            <SelectField
              key={f.id}
              {...common}
              options={f.options ?? []}
              onChange={(e) => set(f.id, e.target.value)}
            />
          );
        if (f.kind === 'textarea')
          return (
            <TextAreaField key={f.id} {...common} rows={3} onChange={(e) => set(f.id, e.target.value)} />
          );
        if (f.kind === 'date')
          return <DateField key={f.id} {...common} onChange={(e) => set(f.id, e.target.value)} />;
        return (
          <TextField
            key={f.id}
            {...common}
            inputMode={f.inputMode}
            onChange={(e) => set(f.id, e.target.value)}
          />
        );
      })}
    </>
  );
}

/** A year of four digits, or null. */
export function readYear(text: string | undefined): number | null {
  const value = (text ?? '').trim();
  return /^\d{4}$/.test(value) ? Number(value) : null;
}
