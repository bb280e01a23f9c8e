import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { BeschikkingForm } from '../components/BeschikkingForm.tsx';
import { DataList } from '../components/DataList.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { lawName } from '../components/ToewijzingText.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { decisionsApi, type Beschikking, type CatalogueService } from '../decisions-api.ts';
import { setFlash } from '../flash.ts';
import { fullName } from '../format.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { intakeApi, type HelpQuestionDetail } from '../intake-api.ts';
import { navigate } from '../router.tsx';

/**
 * The beschikking on the melding of a help question. While the melding is open: the form. Once decided:
 * a link to the beschikking made on it.
 */
export function BeschikkingNewPage({ helpQuestionId }: { helpQuestionId: string }) {
  const { t, lang, formatDate } = useI18n();
  const b = t.beschikking;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [question, setQuestion] = useState<HelpQuestionDetail | null>(null);
  const [services, setServices] = useState<CatalogueService[] | null>(null);
  const [existing, setExisting] = useState<Beschikking | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const back = `/hulpvragen/${encodeURIComponent(helpQuestionId)}`;

  const name = question?.person ? fullName(question.person) : null;
  usePageTitle(name ? b.newTitleFor(name) : b.newTitle);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    (async () => {
      try {
        const { data } = await intakeApi.helpQuestion(helpQuestionId, signal);
        setQuestion(data);
        const melding = data.melding;
        if (!melding) return;
        if (melding.status === 'onderzoek' || melding.status === 'aanvraag') {
          const list = await decisionsApi.services(melding.lawCode, signal);
          setServices(list.data.items.filter((s) => s.active && s.kind === 'maatwerk'));
        } else if (melding.status === 'besloten') {
          const list = await decisionsApi.beschikkingen(melding.personId, signal);
          setExisting(list.data.items.find((x) => x.meldingId === melding.id) ?? null);
        }
      } catch (error) {
        if (signal.aborted) return;
        const { t, lang } = texts.current;
        setLoadError(
          error instanceof ApiError && error.status === 404
            ? t.beschikking.helpQuestionNotFound
            : errorText(error, t, lang),
        );
      }
    })();
    return () => controller.abort();
  }, [helpQuestionId]);

  if (!question || loadError) {
    return <PendingPage back={{ to: back, text: b.back }} title={b.newTitle} error={loadError} />;
  }
  const melding = question.melding;
  const open = melding && (melding.status === 'onderzoek' || melding.status === 'aanvraag');

  return (
    <div className="grip-stack grip-narrow">
      <Paragraph>
        <Link to={back} className="grip-back-link">
          {b.back}
        </Link>
      </Paragraph>
      <PageTitle>{name ? b.newTitleFor(name) : b.newTitle}</PageTitle>
      {!melding ? (
        <Alert type="warning">
          <Paragraph>{b.noMelding}</Paragraph>
        </Alert>
      ) : (
        <>
          <DataList
            items={[
              { key: 'reference', label: b.melding, value: question.reference },
              { key: 'law', label: b.law, value: lawName(t, melding.lawCode) },
              { key: 'melded', label: b.meldedDate, value: formatDate(melding.meldedDate) },
            ]}
          />
          {open ? (
            <>
              <Paragraph>{b.intro}</Paragraph>
              {services === null ? (
                <div role="status">
                  <Paragraph>{t.common.loading}</Paragraph>
                </div>
              ) : services.length === 0 ? (
                <Alert type="warning">
                  <Paragraph>{b.noServices}</Paragraph>
                </Alert>
              ) : (
                <BeschikkingForm
                  meldingId={melding.id}
                  services={services}
                  onCreated={(created) => {
                    const path = `/beschikkingen/${encodeURIComponent(created.id)}`;
                    setFlash(path, b.created(created.reference));
                    navigate(path);
                  }}
                />
              )}
            </>
          ) : existing ? (
            <Alert type="info">
              <Paragraph>{b.alreadyDecided(existing.reference)}</Paragraph>
              <Paragraph>
                <Link to={`/beschikkingen/${encodeURIComponent(existing.id)}`}>
                  {b.title(existing.reference)}
                </Link>
              </Paragraph>
            </Alert>
          ) : (
            <Alert type="warning">
              <Paragraph>{b.meldingClosed}</Paragraph>
            </Alert>
          )}
        </>
      )}
    </div>
  );
}
