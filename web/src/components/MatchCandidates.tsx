import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { addressText, type MatchCandidate } from '../intake-api.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';
import { DataList } from './DataList.tsx';
import { StatusBadge, type BadgeStatus } from './StatusBadge.tsx';
import { Heading, Paragraph } from './Typography.tsx';

const BADGE: Record<MatchCandidate['match'], BadgeStatus> = {
  bsn: 'success',
  likely: 'warning',
  possible: 'neutral',
};

/**
 * Known residents that match what was searched or typed: the duplicate warning. Each shows the household's
 * open questions and plan, so a new question joins the household instead of starting a second file.
 */
export function MatchCandidates({
  candidates,
  onChoose,
  chosen,
  warnAlways,
}: {
  candidates: MatchCandidate[];
  onChoose?(candidate: MatchCandidate): void;
  chosen?: boolean;
  warnAlways?: boolean;
}) {
  const { t, lang, formatDate } = useI18n();
  const m = t.match;
  const headingId = useId();
  const lookalike = warnAlways || candidates.some((c) => c.match !== 'bsn');
  return (
    <div className="grip-stack grip-stack--tight">
      {lookalike && !chosen ? (
        <Alert type="warning" labelledBy={headingId}>
          <Heading level={3} appearance={4} id={headingId}>
            {m.warningTitle}
          </Heading>
          <Paragraph>{m.warningText}</Paragraph>
        </Alert>
      ) : null}
      <ul className="grip-plain-list grip-candidates">
        {candidates.map((candidate) => (
          <li
            key={candidate.personId}
            className={chosen ? 'grip-candidate grip-candidate--chosen' : 'grip-candidate'}
          >
            <div className="grip-candidate__head">
              <Heading level={4} className="grip-candidate__name">
                {candidate.name}
              </Heading>
              <StatusBadge status={BADGE[candidate.match]}>{m.kinds[candidate.match]}</StatusBadge>
            </div>
            {candidate.reason ? <Paragraph small>{candidate.reason[lang]}</Paragraph> : null}
            <DataList
              items={[
                { key: 'birthDate', label: t.person.birthDate, value: formatDate(candidate.birthDate) },
                { key: 'address', label: m.address, value: addressText(candidate.address) ?? t.common.empty },
                { key: 'open', label: m.openQuestions, value: m.openCount(candidate.openQuestions) },
                { key: 'plan', label: m.plan, value: candidate.planId ? m.hasPlan : m.noPlan },
              ]}
            />
            {onChoose ? (
              <div>
                <Button appearance="primary-action" onClick={() => onChoose(candidate)}>
                  {m.choose(candidate.name)}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
