import { useEffect } from 'react';
import { ApiError, type FieldProblem } from './api.ts';
import type { SummaryItem } from './components/ErrorSummary.tsx';
import type { Lang } from './i18n/i18n.tsx';
import type { Messages } from './i18n/nl.ts';

/** Sets document.title to "Page - Grip" (WCAG 2.4.2). */
export function usePageTitle(title: string, suffix = 'Grip'): void {
  useEffect(() => {
    document.title = title ? `${title} - ${suffix}` : suffix;
  }, [title, suffix]);
}

/** The message of an API error in the user's language, or a general message when the server gave none. */
export function errorText(error: unknown, t: Messages, lang: Lang): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t.common.networkError;
    if (error.status === 403) return t.common.forbidden;
    if (error.detail && error.status < 500) return error.detail[lang];
  }
  return t.common.unexpectedError;
}

export type FieldErrors = Record<string, string>;

/**
 * Splits the invalidParams of a 400 answer over the form's fields. `fieldIds` maps API field names (such as
 * "bsn" or "roles") to input ids; "roles.0.role" belongs to "roles". Problems about unknown fields are
 * returned as general messages.
 */
export function fieldErrorsFrom(
  problems: FieldProblem[],
  lang: Lang,
  fieldIds: Record<string, string>,
): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const problem of problems) {
    const key = Object.keys(fieldIds).find(
      (name) => problem.name === name || problem.name.startsWith(`${name}.`),
    );
    const message = problem[lang];
    if (key) {
      const id = fieldIds[key]!;
      if (!fields[id]) fields[id] = message;
    } else {
      general.push(message);
    }
  }
  return { fields, general };
}

/**
 * What a form shows for a failed API call: per-field reasons where the API named a field of this form,
 * otherwise one general message.
 */
export function formErrorsFrom(
  error: unknown,
  t: Messages,
  lang: Lang,
  fieldIds: Record<string, string>,
): { fields: FieldErrors; general: string[] } {
  if (error instanceof ApiError && error.fields.length > 0)
    return fieldErrorsFrom(error.fields, lang, fieldIds);
  return { fields: {}, general: [errorText(error, t, lang)] };
}

/** Summary items in the order of the form's fields, then the general messages. */
export function summaryItems(
  fieldOrder: string[],
  fields: FieldErrors,
  general: string[] = [],
): SummaryItem[] {
  return [
    ...fieldOrder.filter((id) => fields[id]).map((id) => ({ fieldId: id, message: fields[id]! })),
    ...general.map((message) => ({ fieldId: null, message })),
  ];
}
