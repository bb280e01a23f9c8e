import { todayIso } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { DueState } from '../intake-api.ts';
import { StatusBadge, type BadgeStatus } from './StatusBadge.tsx';

const DUE_BADGE: Record<DueState, BadgeStatus> = {
  'op-tijd': 'success',
  bijna: 'warning',
  'te-laat': 'danger',
};

function daysUntil(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${todayIso()}T00:00:00Z`)) / 86_400_000);
}

/** "Te laat · 3 dagen te laat": the state in words, never by colour alone. */
export function DueBadge({
  state,
  dueDate,
  daysLeft,
}: {
  state: DueState;
  dueDate?: string | null;
  daysLeft?: number | null;
}) {
  const { t } = useI18n();
  const days = daysLeft ?? (dueDate ? daysUntil(dueDate) : null);
  return (
    <span className="grip-due">
      <StatusBadge status={DUE_BADGE[state]}>
        <span className="grip-badge__icon" aria-hidden="true">
          {state === 'te-laat' ? '!' : state === 'bijna' ? '◷' : '✓'}
        </span>
        {t.labels.dueStates[state] ?? state}
      </StatusBadge>
      {days !== null ? <span className="grip-due__days">{t.worklist.days(days)}</span> : null}
    </span>
  );
}

/** The urgent flag of a help question, with its reason when known. */
export function UrgentBadge({ reason }: { reason?: string | null }) {
  const { t } = useI18n();
  return (
    <StatusBadge status="danger">
      <span className="grip-badge__icon" aria-hidden="true">
        !
      </span>
      {reason
        ? `${t.helpQuestion.urgent}: ${t.labels.urgentReasons[reason] ?? reason}`
        : t.helpQuestion.urgent}
    </StatusBadge>
  );
}
