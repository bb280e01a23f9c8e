import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { CareDeliverySection } from '../components/CareDeliverySection.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { ToewijzingChangeForm, ToewijzingEndForm } from '../components/ToewijzingChangeForms.tsx';
import { ToewijzingDetails } from '../components/ToewijzingDetails.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { DECISION_ROLES, decisionsApi, PROVIDER_ROLES, type Toewijzing } from '../decisions-api.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

/**
 * One allocation. Caseworkers change or end it (with a reason code of the standard); provider staff —
 * who only reach their own — report the start and stop of care.
 */
export function ToewijzingPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const w = t.toewijzing;
  const { hasRole } = useSession();
  const isProvider = hasRole(...PROVIDER_ROLES);
  const isCaseworker = hasRole(...DECISION_ROLES);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [toewijzing, setToewijzing] = useState<Toewijzing | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; type: 'ok' | 'warning' } | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const [backTo, setBackTo] = useState<string | null>(null);

  usePageTitle(toewijzing ? w.title(toewijzing.toewijzingNumber) : w.titleFallback);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const { data } = await decisionsApi.toewijzing(id, signal);
        setToewijzing(data);
        return data;
      } catch (error) {
        if (signal?.aborted) return null;
        const { t, lang } = texts.current;
        setLoadError(
          error instanceof ApiError && error.status === 404
            ? t.toewijzing.notFound
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

  // The caseworker's way back is the beschikking the allocation came from.
  useEffect(() => {
    if (isProvider || !toewijzing?.beschikkingProductId) return;
    const controller = new AbortController();
    decisionsApi.beschikkingen(toewijzing.client.personId, controller.signal).then(
      ({ data }) => {
        const found = data.items.find((b) =>
          b.products.some((p) => p.id === toewijzing.beschikkingProductId),
        );
        if (found) setBackTo(`/beschikkingen/${encodeURIComponent(found.id)}`);
      },
      () => {},
    );
    return () => controller.abort();
  }, [isProvider, toewijzing?.beschikkingProductId, toewijzing?.client.personId]);

  const show = (text: string, type: 'ok' | 'warning' = 'ok') => {
    setMessage({ text, type });
    window.requestAnimationFrame(() => messageRef.current?.focus());
  };
  const done = (updated: Toewijzing, text: string) => {
    setToewijzing(updated);
    show(text);
  };
  const stale = async () => {
    await load();
    show(w.stale, 'warning');
  };

  const back = isProvider
    ? { to: '/aanbieder', text: w.backToPortal }
    : backTo
      ? { to: backTo, text: w.backToBeschikking }
      : { to: '/werklijst', text: t.helpQuestion.back };

  if (!toewijzing) return <PendingPage back={back} title={w.titleFallback} error={loadError} />;
  const closed = toewijzing.status === 'beeindigd' || toewijzing.status === 'ingetrokken';

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to={back.to} className="grip-back-link">
          {back.text}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{w.title(toewijzing.toewijzingNumber)}</PageTitle>
        <Paragraph className="grip-badge-line">
          <StatusBadge status={closed ? 'inactive' : 'active'}>
            {w.statuses[toewijzing.status] ?? toewijzing.status}
          </StatusBadge>
          <span>{toewijzing.serviceName}</span>
        </Paragraph>
      </div>

      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type={message.type} ref={messageRef} tabIndex={-1}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <section className="grip-section" aria-labelledby="details-heading">
        <Heading level={2} id="details-heading" className="grip-visually-hidden">
          {w.titleFallback}
        </Heading>
        <ToewijzingDetails toewijzing={toewijzing} />
      </section>

      {isProvider ? <CareDeliverySection toewijzing={toewijzing} onDone={done} /> : null}

      {isCaseworker ? (
        closed ? (
          <Paragraph>{w.closed}</Paragraph>
        ) : (
          <section className="grip-section" aria-labelledby="manage-heading">
            <Heading level={2} id="manage-heading">
              {w.manageHeading}
            </Heading>
            <div className="grip-columns">
              <ToewijzingChangeForm
                key={`c${toewijzing.version}`}
                toewijzing={toewijzing}
                onDone={done}
                onStale={stale}
              />
              <ToewijzingEndForm
                key={`e${toewijzing.version}`}
                toewijzing={toewijzing}
                onDone={done}
                onStale={stale}
              />
            </div>
          </section>
        )
      ) : null}
    </div>
  );
}
