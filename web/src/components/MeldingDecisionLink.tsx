import { ButtonLink } from './Button.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { Melding } from '../intake-api.ts';
import { useSession } from '../session.tsx';
import { DECISION_ROLES } from '../decisions-api.ts';

/**
 * On a melding: the way to its beschikking. While the melding is open (onderzoek or aanvraag) it reads
 * "Beschikking opstellen"; once decided, "Beschikking bekijken" (the same page shows the beschikking made
 * on it). Nothing for a withdrawn melding, or for a role that does not decide.
 */
export function MeldingDecisionLink({ melding }: { melding: Melding }) {
  const { t } = useI18n();
  const { hasRole } = useSession();
  if (melding.status === 'ingetrokken' || !hasRole(...DECISION_ROLES)) return null;
  const open = melding.status === 'onderzoek' || melding.status === 'aanvraag';
  return (
    <div className="grip-form__actions">
      <ButtonLink
        to={`/hulpvragen/${encodeURIComponent(melding.helpQuestionId)}/beschikking`}
        appearance={open ? 'primary-action' : 'secondary-action'}
      >
        {open ? t.meldingDecision.draft : t.meldingDecision.view}
      </ButtonLink>
    </div>
  );
}
