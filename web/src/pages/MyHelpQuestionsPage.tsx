import { useEffect, useRef, useState } from 'react';
import { Alert } from '../components/Alert.tsx';
import { DataList } from '../components/DataList.tsx';
import { Link } from '../components/Link.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { intakeApi, type MyHelpQuestion } from '../intake-api.ts';
import { useSession } from '../session.tsx';

/** The resident's own help questions, in plain words: what they asked, when, how far it is, what came of it. */
export function MyHelpQuestionsPage() {
  const { t, lang, formatDate } = useI18n();
  const p = t.portal;
  usePageTitle(p.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { state } = useSession();
  const municipality = state.status === 'authenticated' ? state.session.municipalityCode : '';
  const [items, setItems] = useState<MyHelpQuestion[] | null>(null);
  const [message, setMessage] = useState<{ nl: string; en: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    intakeApi
      .myHelpQuestions(controller.signal)
      .then(({ data }) => {
        setItems(data.items);
        setMessage(data.message ?? null);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, []);

  return (
    <div className="grip-stack grip-narrow">
      <div>
        <PageTitle>{p.title}</PageTitle>
        <Paragraph lead>{p.intro}</Paragraph>
      </div>
      <div role="status" className="grip-live-region">
        {loadError ? (
          <Alert type="error">
            <Paragraph>{loadError}</Paragraph>
          </Alert>
        ) : items ? (
          items.length === 0 ? (
            <Alert type="info">
              <Paragraph>{message ? message[lang] : p.none}</Paragraph>
            </Alert>
          ) : (
            <Paragraph>{p.count(items.length)}</Paragraph>
          )
        ) : (
          <Paragraph>{t.common.loading}</Paragraph>
        )}
      </div>
      {items && items.length > 0 ? (
        <ul className="grip-plain-list grip-cards">
          {items.map((item) => {
            const open = item.status.code === 'open';
            return (
              <li key={item.id} className="grip-card">
                <div className="grip-card__head">
                  <Heading level={2} appearance={3} className="grip-card__title">
                    {p.questionOf(formatDate(item.receivedDate))}
                  </Heading>
                  <StatusBadge status={open ? 'active' : 'inactive'}>{item.status[lang]}</StatusBadge>
                </div>
                <DataList
                  items={[
                    { key: 'reference', label: p.reference, value: item.reference },
                    {
                      key: 'types',
                      label: p.about,
                      value: item.questionTypes.map((type) => type[lang]).join(', '),
                    },
                    {
                      key: 'outcome',
                      label: p.outcome,
                      value: item.outcome ? item.outcome[lang] : p.noOutcome,
                    },
                    { key: 'next', label: p.nextStep, value: item.nextStep[lang] },
                    ...(item.dueDate
                      ? [{ key: 'due', label: p.dueDate, value: formatDate(item.dueDate) }]
                      : []),
                  ]}
                />
              </li>
            );
          })}
        </ul>
      ) : null}
      <Paragraph>
        {p.newQuestion}{' '}
        <Link to={`/aanmelden?gemeente=${encodeURIComponent(municipality)}`}>{p.newQuestionLink}</Link>
      </Paragraph>
    </div>
  );
}
