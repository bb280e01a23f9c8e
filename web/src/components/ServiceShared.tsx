/**
 * Small pieces the catalogue, provider, contract, fraud and costs screens share: form state with an error
 * summary, the server's refusal (409) shown with its reasons, amounts and periods, and the "someone else
 * changed this" notice after a 412.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { formatCents } from '../catalogue-api.ts';
import { parseDateInput } from '../format.ts';
import { fieldErrorsFrom, errorText, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n, type Lang } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import { Alert } from './Alert.tsx';
import type { SummaryItem } from './ErrorSummary.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/**
 * What a form shows for a failed call: field reasons where the API named a field of this form; for a
 * refusal (409) the server's explanation first, then its reasons that belong to no field (for example the
 * open items of a checklist). An overlap names the period it clashes with in the explanation, so that
 * explanation is also shown at the field.
 */
export function problemErrors(
  error: unknown,
  t: Messages,
  lang: Lang,
  fieldIds: Record<string, string>,
): { fields: FieldErrors; general: string[] } {
  if (!(error instanceof ApiError)) return { fields: {}, general: [errorText(error, t, lang)] };
  const split = fieldErrorsFrom(error.fields, lang, fieldIds);
  if (error.status === 409 && error.detail) {
    if (error.code.endsWith('-overlap')) {
      for (const key of Object.keys(split.fields)) split.fields[key] = error.detail[lang];
      return split;
    }
    return { fields: split.fields, general: [error.detail[lang], ...split.general] };
  }
  if (error.fields.length > 0) return split;
  return { fields: {}, general: [errorText(error, t, lang)] };
}

/** Errors of one form: per field, general, and a counter that moves focus to the summary on each failure. */
export function useFormErrors(fieldOrder: string[]) {
  const [fields, setFields] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  return {
    fields,
    items: summaryItems(fieldOrder, fields, general) as SummaryItem[],
    attempt,
    clear() {
      setFields({});
      setGeneral([]);
    },
    show(next: { fields: FieldErrors; general: string[] }) {
      setFields(next.fields);
      setGeneral(next.general);
      setAttempt((n) => n + 1);
    },
  };
}

/** A typed date (day-month-year) that may be empty when not required. */
export function readDate(
  text: string,
  t: Messages,
  required: boolean,
): { value: string | null; error?: string } {
  if (!text.trim()) return required ? { value: null, error: t.catForm.dateRequired } : { value: null };
  const iso = parseDateInput(text);
  return iso ? { value: iso } : { value: null, error: t.catForm.dateInvalid };
}

export function useMoney() {
  const { lang } = useI18n();
  return (cents: number | null | undefined) =>
    cents === null || cents === undefined ? '' : formatCents(cents, lang);
}

/** "1 januari 2026 t/m 31 december 2026" or "vanaf 1 januari 2026". */
export function usePeriod() {
  const { t, formatDate } = useI18n();
  return (from: string, until: string | null) =>
    t.catForm.period(formatDate(from), until ? formatDate(until) : null);
}

/** A polite message after a successful action, in a live region that is always in the page. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className="grip-live-region">
      {message ? (
        <Alert type="ok">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}
    </div>
  );
}

/** After a 412: what is saved now; takes focus so the user notices. */
export function ConflictNotice({ show, children }: { show: boolean; children?: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show]);
  if (!show) return null;
  return (
    <Alert type="warning" ref={ref} tabIndex={-1} labelledBy="conflict-heading">
      <Heading level={3} appearance={4} id="conflict-heading">
        {t.catForm.conflictTitle}
      </Heading>
      <Paragraph>{t.catForm.conflictText}</Paragraph>
      {children}
    </Alert>
  );
}

export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 412;

/** Options of a select from a code list, with the texts of the user's language. */
export function codeOptions(codes: readonly string[], labels: Record<string, string>) {
  return codes.map((code) => ({ value: code, label: labels[code] ?? code }));
}
