import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { DataList } from '../components/DataList.tsx';
import { UrgentBadge } from '../components/IntakeBadges.tsx';
import { HomeVisitForm } from '../components/HomeVisitForm.tsx';
import { IntakeSection } from '../components/IntakeSection.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { MeldingSection } from '../components/MeldingSection.tsx';
import { ResidentIntakeDetails } from '../components/ResidentIntakeDetails.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { TriageSection } from '../components/TriageSection.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { takeFlash } from '../flash.ts';
import { ageOn, fullName } from '../format.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { addressText, intakeApi, type HelpQuestionDetail } from '../intake-api.ts';

/**
 * One help question: what was asked, by whom, the resident and household, the broad intake, the triage
 * and — for a melding — its legal deadlines.
 */
export function HelpQuestionPage({ id }: { id: string }) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const h = t.helpQuestion;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [question, setQuestion] = useState<HelpQuestionDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(() => takeFlash(`/hulpvragen/${id}`));
  const messageRef = useRef<HTMLDivElement>(null);

  usePageTitle(question ? h.title(question.reference) : h.titleFallback);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const { data } = await intakeApi.helpQuestion(id, signal);
        setQuestion(data);
        return data;
      } catch (error) {
        if (signal?.aborted) return null;
        const { t, lang } = texts.current;
        setLoadError(
          error instanceof ApiError && error.status === 404
            ? t.helpQuestion.notFound
            : errorText(error, t, lang),
        );
        return null;
      }
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  /**
   * After a change further down: read the question again and show the message. The form that was used may
   * be gone now, so focus moves to the message (otherwise it would fall back to the top of the page).
   */
  const changed = useCallback(
    async (text: string) => {
      await load();
      setMessage(text);
      window.requestAnimationFrame(() => messageRef.current?.focus());
    },
    [load],
  );

  if (!question) {
    return (
      <PendingPage back={{ to: '/werklijst', text: h.back }} title={h.titleFallback} error={loadError} />
    );
  }

  const { person, household, triage } = question;
  const urgent = triage?.outcome === 'urgent';

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/werklijst" className="grip-back-link">
          {h.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{h.title(question.reference)}</PageTitle>
        <Paragraph className="grip-badge-line">
          <StatusBadge status={question.status === 'open' ? 'active' : 'inactive'}>
            {t.labels.questionStatus[question.status] ?? question.status}
          </StatusBadge>
          {urgent ? <UrgentBadge reason={triage.urgentReason} /> : null}
          <span>{h.received(formatDateTime(question.receivedAt))}</span>
        </Paragraph>
      </div>
      {urgent ? (
        <Alert type="error" labelledBy="urgent-heading">
          <Heading level={2} appearance={4} id="urgent-heading">
            {h.urgentTitle}
          </Heading>
          <Paragraph>
            {h.urgentText(t.labels.urgentReasons[triage.urgentReason ?? ''] ?? triage.urgentReason ?? '')}
          </Paragraph>
        </Alert>
      ) : null}

      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok" ref={messageRef} tabIndex={-1}>
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <div className="grip-columns">
        <section className="grip-section" aria-labelledby="question-heading">
          <Heading level={2} id="question-heading">
            {h.questionHeading}
          </Heading>
          <DataList
            items={[
              {
                key: 'types',
                label: h.types,
                value: question.questionTypes.map((type) => t.labels.questionTypes[type] ?? type).join(', '),
              },
              {
                key: 'channel',
                label: h.channel,
                value: t.labels.channels[question.channel] ?? question.channel,
              },
              { key: 'vindplaats', label: h.vindplaats, value: question.vindplaats.name },
              {
                key: 'referrer',
                label: h.referrer,
                value: question.referrerKind
                  ? [
                      t.labels.referrers[question.referrerKind] ?? question.referrerKind,
                      question.referrerName,
                    ]
                      .filter(Boolean)
                      .join(', ')
                  : t.common.empty,
              },
              {
                key: 'law',
                label: h.law,
                value: question.mainLawCode
                  ? (t.labels.laws[question.mainLawCode] ?? question.mainLawCode)
                  : t.common.empty,
              },
              {
                key: 'freeText',
                label: h.freeText,
                value: question.freeText ? (
                  <span className="grip-pre">{question.freeText}</span>
                ) : (
                  t.common.empty
                ),
              },
              ...(question.relatedQuestionId
                ? [
                    {
                      key: 'related',
                      label: h.related,
                      value: <Link to={`/hulpvragen/${question.relatedQuestionId}`}>{h.relatedLink}</Link>,
                    },
                  ]
                : []),
              ...(question.closedAt
                ? [{ key: 'closed', label: h.closedAt, value: formatDateTime(question.closedAt) }]
                : []),
            ]}
          />
        </section>

        <section className="grip-section" aria-labelledby="person-heading">
          <Heading level={2} id="person-heading">
            {h.personHeading}
          </Heading>
          {person ? (
            <DataList
              items={[
                {
                  key: 'name',
                  label: h.name,
                  value: <Link to={`/inwoners/${person.id}`}>{fullName(person)}</Link>,
                },
                {
                  key: 'birthDate',
                  label: t.person.birthDate,
                  value: `${formatDate(person.birthDate)} (${t.person.age(ageOn(person.birthDate))})`,
                },
                { key: 'bsn', label: t.person.bsn, value: person.bsn ?? t.common.empty },
                {
                  key: 'address',
                  label: h.address,
                  value: addressText(household?.address) ?? t.common.empty,
                },
                {
                  key: 'members',
                  label: h.members,
                  value:
                    household && household.members.length > 0 ? (
                      <ul className="grip-plain-list">
                        {household.members.map((member) => (
                          <li key={member.personId}>
                            {member.personId === person.id ? (
                              member.name
                            ) : (
                              <Link to={`/inwoners/${member.personId}`}>{member.name}</Link>
                            )}{' '}
                            <span className="grip-muted">
                              ({t.labels.memberRoles[member.role] ?? member.role},{' '}
                              {t.person.age(ageOn(member.birthDate))})
                            </span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      h.noHousehold
                    ),
                },
                {
                  key: 'plan',
                  label: h.plan,
                  value: question.householdPlanId ? (
                    <Link to={`/plannen/${question.householdPlanId}`}>{h.planLink}</Link>
                  ) : (
                    h.noPlan
                  ),
                },
              ]}
            />
          ) : (
            <Paragraph>{h.anonymous}</Paragraph>
          )}
        </section>
      </div>

      <IntakeSection question={question} onChanged={changed} />
      {question.residentIntake ? <ResidentIntakeDetails intake={question.residentIntake} /> : null}
      <TriageSection question={question} onChanged={changed} />
      <HomeVisitForm question={question} onChanged={changed} />
      {question.melding ? <MeldingSection melding={question.melding} onChanged={changed} /> : null}
    </div>
  );
}
