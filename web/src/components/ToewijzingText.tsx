import { CHANGE_REASON_CODES, endReasonsFor, formatEuro } from '../decisions-api.ts';
import type { Lang } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';

/** Shared wording of beschikkingen, toewijzingen and declarations: volumes, code lists, money. */

/** "3 uren per week", or "—" without a volume. */
export function amountText(
  t: Messages,
  volume: number | null,
  unitCode: string | null,
  frequencyCode: string | null,
): string {
  if (volume === null) return t.common.empty;
  const c = t.decisionCodes;
  return t.beschikking.amountText(
    volume,
    unitCode ? (c.unit[unitCode] ?? unitCode) : '',
    frequencyCode ? (c.frequency[frequencyCode] ?? frequencyCode) : '',
  );
}

export const lawName = (t: Messages, lawCode: string) => t.decisionCodes.law[lawCode] ?? lawCode;

export function endReasonName(t: Messages, lawCode: string, code: string | null): string {
  if (!code) return t.common.empty;
  const list = lawCode === 'jeugdwet' ? t.decisionCodes.endReasonJw : t.decisionCodes.endReasonWmo;
  return t.decisionCodes.codeAndName(code, list[code]);
}

export const changeReasonName = (t: Messages, code: string | null) =>
  code ? t.decisionCodes.codeAndName(code, t.decisionCodes.changeReason[code]) : t.common.empty;

/** Select options: "Kies…" first, then each code with its meaning. */
export function endReasonOptions(t: Messages, lawCode: string) {
  return [
    { value: '', label: t.decisionCodes.choose },
    ...endReasonsFor(lawCode).map((code) => ({ value: code, label: endReasonName(t, lawCode, code) })),
  ];
}

export function changeReasonOptions(t: Messages) {
  return [
    { value: '', label: t.decisionCodes.choose },
    ...CHANGE_REASON_CODES.map((code) => ({ value: code, label: changeReasonName(t, code) })),
  ];
}

export const money = (cents: number | null, lang: Lang, empty = '—') =>
  cents === null ? empty : formatEuro(cents, lang);
