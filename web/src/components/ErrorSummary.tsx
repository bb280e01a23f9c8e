import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Alert } from './Alert.tsx';

export interface SummaryItem {
  /** id of the field to jump to; null for a message about the whole form. */
  fieldId: string | null;
  message: string;
}

/**
 * The list of problems above a form. It takes focus when it appears (after a failed submit), so keyboard
 * and screen reader users land on it; each item is a link to its field.
 */
export function ErrorSummary({ items, focusKey }: { items: SummaryItem[]; focusKey: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // focusKey changes on every submit, so the summary is focused again after each failed attempt.
  }, [focusKey]);

  if (items.length === 0) return null;

  const jump = (fieldId: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: 'center' });
    field.focus();
  };

  return (
    <Alert type="error" ref={ref} tabIndex={-1} labelledBy={headingId}>
      <h2 className="utrecht-heading-3" id={headingId}>
        {t.common.errorSummaryTitle}
      </h2>
      <p className="utrecht-paragraph">{t.common.errorSummaryIntro}</p>
      <ul className="utrecht-unordered-list grip-error-list">
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? 'form'}-${index}`} className="utrecht-unordered-list__item">
            {item.fieldId ? (
              <a
                className="utrecht-link utrecht-link--html-a"
                href={`#${item.fieldId}`}
                onClick={jump(item.fieldId)}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
