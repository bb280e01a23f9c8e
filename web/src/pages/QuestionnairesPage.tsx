import { useEffect, useRef, useState } from 'react';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { Link } from '../components/Link.tsx';
import { StatusBadge, type BadgeStatus } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { setFlash, takeFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { intakeApi, type Questionnaire, type QuestionnaireVersionSummary } from '../intake-api.ts';
import { navigate } from '../router.tsx';

export const VERSION_BADGE: Record<QuestionnaireVersionSummary['status'], BadgeStatus> = {
  concept: 'warning',
  gepubliceerd: 'success',
  vervallen: 'inactive',
};

/** The questionnaires of the municipality with their versions; a functioneel beheerder makes a new draft here. */
export function QuestionnairesPage() {
  const { t, lang, formatDateTime } = useI18n();
  const q = t.questionnaires;
  usePageTitle(q.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [items, setItems] = useState<Questionnaire[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message] = useState(() => takeFlash('/vragenlijsten'));
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    intakeApi
      .questionnaires(controller.signal)
      .then(({ data }) => setItems(data.items))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, []);

  const newDraft = async (questionnaire: Questionnaire) => {
    if (busy) return;
    setBusy(questionnaire.id);
    setActionError(null);
    try {
      const { data } = await intakeApi.newDraftVersion(questionnaire.id);
      setFlash(`/vragenlijsten/versies/${data.id}`, q.draftCreated(data.version));
      navigate(`/vragenlijsten/versies/${data.id}`);
    } catch (error) {
      setActionError(errorText(error, t, lang));
      setBusy(null);
    }
  };

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{q.title}</PageTitle>
        <Paragraph lead>{q.intro}</Paragraph>
      </div>
      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok">
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
        {loadError ? (
          <Alert type="error">
            <Paragraph>{loadError}</Paragraph>
          </Alert>
        ) : items ? null : (
          <Paragraph>{t.common.loading}</Paragraph>
        )}
      </div>
      <div role="alert" className="grip-live-region">
        {actionError ? (
          <Alert type="error">
            <Paragraph>{actionError}</Paragraph>
          </Alert>
        ) : null}
      </div>
      {items?.length === 0 ? <Paragraph>{q.none}</Paragraph> : null}
      {items?.map((questionnaire) => {
        const versions = [...questionnaire.versions].sort((a, b) => b.version - a.version);
        const draft = versions.find((v) => v.status === 'concept');
        const headingId = `questionnaire-${questionnaire.id}`;
        return (
          <section key={questionnaire.id} className="grip-section" aria-labelledby={headingId}>
            <Heading level={2} id={headingId}>
              {questionnaire.name}
            </Heading>
            <Table caption={q.versionsCaption(questionnaire.name)} hideCaption>
              <TableHead>
                <HeaderCell>{q.colVersion}</HeaderCell>
                <HeaderCell>{q.colStatus}</HeaderCell>
                <HeaderCell>{q.colPublished}</HeaderCell>
              </TableHead>
              <TableBody>
                {versions.map((version) => (
                  <Row key={version.id}>
                    <RowHeaderCell>
                      <Link to={`/vragenlijsten/versies/${version.id}`}>
                        {q.versionLink(version.version)}
                      </Link>
                    </RowHeaderCell>
                    <Cell>
                      <StatusBadge status={VERSION_BADGE[version.status]}>
                        {t.labels.versionStatus[version.status] ?? version.status}
                      </StatusBadge>
                    </Cell>
                    <Cell>{version.publishedAt ? formatDateTime(version.publishedAt) : t.common.empty}</Cell>
                  </Row>
                ))}
              </TableBody>
            </Table>
            {draft ? (
              <Paragraph>
                {q.draftExists(draft.version)}{' '}
                <Link to={`/vragenlijsten/versies/${draft.id}`}>{q.openDraft(draft.version)}</Link>
              </Paragraph>
            ) : (
              <div>
                <Button
                  appearance="primary-action"
                  busy={busy === questionnaire.id}
                  onClick={() => void newDraft(questionnaire)}
                >
                  {q.newDraft}
                </Button>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
