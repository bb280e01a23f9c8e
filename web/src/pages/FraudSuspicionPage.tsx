import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { catalogueApi, FRAUD_STATUSES, type FraudStatus, type FraudSuspicion } from '../catalogue-api.ts';
import { DataList } from '../components/DataList.tsx';
import { FollowUpForm, FollowUpList } from '../components/IncidentFollowUp.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** One suspicion of fraud with its investigation and follow-up (controller). */
export function FraudSuspicionPage({ id }: { id: string }) {
  const { t, lang, formatDate } = useI18n();
  const c = t.catFraud;
  const [item, setItem] = useState<FraudSuspicion | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  usePageTitle(item ? c.title1(item.providerName) : c.title);

  const load = useCallback(async () => {
    const { data } = await catalogueApi.getFraud(id);
    setItem(data);
  }, [id]);

  useEffect(() => {
    load().catch((error: unknown) =>
      setLoadError(
        error instanceof ApiError && error.status === 404 ? c.notFound : errorText(error, t, lang),
      ),
    );
  }, [load]);

  if (!item) return <PendingPage back={{ to: '/fraude', text: c.back }} title={c.title} error={loadError} />;
  const closed = item.status === 'ongegrond' || item.status === 'afgesloten';
  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/fraude" className="grip-back-link">
          {c.back}
        </Link>
      </Paragraph>
      <PageTitle>{c.title1(item.providerName)}</PageTitle>
      <section className="grip-section" aria-labelledby="fraud-details-heading">
        <Heading level={2} id="fraud-details-heading">
          {c.details}
        </Heading>
        <DataList
          items={[
            {
              key: 'provider',
              label: c.colProvider,
              value: <Link to={`/aanbieders/${item.providerId}`}>{item.providerName}</Link>,
            },
            { key: 'reported', label: c.colReported, value: formatDate(item.reportedDate) },
            { key: 'source', label: c.source, value: t.catCodes.fraudSources[item.source] },
            { key: 'status', label: c.colStatus, value: t.catCodes.fraudStatuses[item.status] },
            { key: 'summary', label: c.summary, value: item.summary },
            { key: 'by', label: c.reportedBy, value: item.reportedBy ?? t.common.empty },
            ...(item.closedDate
              ? [{ key: 'closed', label: c.closed, value: formatDate(item.closedDate) }]
              : []),
          ]}
        />
      </section>
      <section className="grip-section" aria-labelledby="fraud-actions-heading">
        <Heading level={2} id="fraud-actions-heading">
          {c.actionsHeading}
        </Heading>
        <FollowUpList actions={item.actions ?? []} statusLabels={t.catCodes.fraudStatuses} />
        {closed ? null : (
          <FollowUpForm
            idPrefix="fraud-action"
            statuses={FRAUD_STATUSES}
            statusLabels={t.catCodes.fraudStatuses}
            currentStatus={item.status}
            onSave={async (body) => {
              const { data } = await catalogueApi.followUpFraud(item.id, item.version, {
                ...body,
                status: body.status as FraudStatus,
              });
              setItem(data);
            }}
            onConflict={load}
          />
        )}
      </section>
    </div>
  );
}
