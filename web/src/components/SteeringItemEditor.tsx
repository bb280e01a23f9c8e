import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';
import { DataList } from './DataList.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { FieldInputs, FormProblems, type FieldSpec, type Values } from './SteeringEditForm.tsx';
import { Heading, Paragraph } from './Typography.tsx';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** What the server holds now, for the conflict notice: the form values and readable label–value pairs. */
export interface CurrentItem {
  values: Values;
  version: number;
  shown: { label: string; value: string }[];
}

/**
 * Changes or deletes one item of the steering structure (programme, goal, theme, intervention, indicator)
 * with the version the user saw. When someone else changed it first (412) the newer version is shown next
 * to the form and the user's edits stay in the form: saving again puts them over the newer version, or the
 * user takes the newer values over. Deleting asks for confirmation; a refusal (409: something still hangs
 * under it) is shown as the server words it.
 */
export function SteeringItemEditor({
  id,
  title,
  what,
  initial,
  version: initialVersion,
  fields,
  save,
  remove,
  loadCurrent,
  onDeleted,
  children,
}: {
  id: string;
  title: string;
  /** The item in words, e.g. "Doel 1 Langer gezond", for the confirmations. */
  what: string;
  initial: Values;
  version: number;
  fields: (values: Values) => FieldSpec[];
  /** Sends the change with If-Match; returns the new version. */
  save: (values: Values, version: number) => Promise<number>;
  remove: (version: number) => Promise<void>;
  /** Fetches the item as it is now; null when it no longer exists. */
  loadCurrent: () => Promise<CurrentItem | null>;
  onDeleted: (message: string) => void;
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const e = t.steering.edit;
  const [values, setValues] = useState<Values>(initial);
  const [version, setVersion] = useState(initialVersion);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [newer, setNewer] = useState<CurrentItem | null>(null);
  const specs = fields(values);

  const fail = async (error: unknown) => {
    if (error instanceof FormProblems) {
      setErrors(error.fields);
      setGeneral(error.general);
    } else if (error instanceof ApiError && error.status === 412) {
      const current = await loadCurrent().catch(() => null);
      setErrors({});
      if (current) {
        setNewer(current);
        setVersion(current.version);
        setGeneral([e.conflictTitle]);
      } else setGeneral([e.goneMeanwhile]);
    } else if (error instanceof ApiError && error.status === 404) {
      setErrors({});
      setGeneral([e.goneMeanwhile]);
    } else {
      const ids = Object.fromEntries(specs.map((f) => [f.name, f.id]));
      const result = formErrorsFrom(error, t, lang, ids);
      setErrors(result.fields);
      setGeneral(result.general);
    }
    setFocusKey((k) => k + 1);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    try {
      const next = await save(values, version);
      setVersion(next);
      setNewer(null);
      setErrors({});
      setGeneral([]);
      setDone(e.saved(what));
    } catch (error: unknown) {
      await fail(error);
    } finally {
      setBusy(false);
    }
  };

  const onDelete = async () => {
    setBusy(true);
    setDone(null);
    try {
      await remove(version);
      onDeleted(e.deleted(what));
    } catch (error: unknown) {
      setConfirming(false);
      await fail(error);
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
      <Heading level={3} id={`${id}-heading`}>
        {title}
      </Heading>
      <ErrorSummary items={items} focusKey={focusKey} />
      {newer ? (
        <Alert type="warning" labelledBy={`${id}-conflict-heading`}>
          <Heading level={4} id={`${id}-conflict-heading`}>
            {e.conflictTitle}
          </Heading>
          <Paragraph>{e.conflictText(newer.version)}</Paragraph>
          <DataList
            items={newer.shown.map((x, i) => ({ key: String(i), label: x.label, value: x.value || '—' }))}
          />
          <div className="grip-button-group utrecht-button-group">
            <Button
              onClick={() => {
                setValues(newer.values);
                setNewer(null);
                setGeneral([]);
              }}
            >
              {e.takeNewer}
            </Button>
          </div>
        </Alert>
      ) : null}
      <form className="grip-form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
        <FieldInputs specs={specs} values={values} errors={errors} set={set} />
        <div className="grip-button-group utrecht-button-group">
          <Button type="submit" appearance="primary-action" disabled={busy}>
            {e.save}
          </Button>
          {confirming ? null : (
            <Button onClick={() => setConfirming(true)} disabled={busy}>
              {e.delete}
            </Button>
          )}
        </div>
      </form>
      {confirming ? (
        <Alert type="warning" labelledBy={`${id}-confirm-text`}>
          <Paragraph id={`${id}-confirm-text`}>{e.confirmDelete(what)}</Paragraph>
          <div className="grip-button-group utrecht-button-group">
            <Button appearance="primary-action" onClick={() => void onDelete()} disabled={busy} autoFocus>
              {e.confirmYes}
            </Button>
            <Button onClick={() => setConfirming(false)}>{e.cancel}</Button>
          </div>
        </Alert>
      ) : null}
      {children}
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

/** A small "delete" with its own confirmation, for a target or a realisation in a list. */
export function SteeringConfirmDelete({
  label,
  question,
  onConfirm,
}: {
  label: string;
  question: string;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useI18n();
  const e = t.steering.edit;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!confirming)
    return (
      <Button appearance="subtle" onClick={() => setConfirming(true)}>
        {label}
      </Button>
    );
  return (
    <span className="grip-button-group utrecht-button-group" role="group" aria-label={question}>
      <span>{question}</span>
      <Button
        appearance="primary-action"
        disabled={busy}
        autoFocus
        onClick={() => {
          setBusy(true);
          void onConfirm().finally(() => {
            setBusy(false);
            setConfirming(false);
          });
        }}
      >
        {e.confirmYes}
      </Button>
      <Button onClick={() => setConfirming(false)}>{e.cancel}</Button>
    </span>
  );
}
