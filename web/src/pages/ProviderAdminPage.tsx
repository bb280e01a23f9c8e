import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import {
  catalogueApi,
  CONTRACT_MANAGER_ROLES,
  FRAUD_REPORT_ROLES,
  INCIDENT_REPORT_ROLES,
  type ProviderDetail,
} from '../catalogue-api.ts';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { ContractNewForm } from '../components/ContractNewForm.tsx';
import {
  ContractProviderFields,
  providerDraft,
  providerInput,
  PROVIDER_FIELD_IDS,
  PROVIDER_FIELD_ORDER,
  type ProviderDraft,
} from '../components/ContractProviderFields.tsx';
import { DataList } from '../components/DataList.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { FraudReportForm } from '../components/FraudReportForm.tsx';
import { IncidentSection } from '../components/IncidentSection.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { QualityCheckSection } from '../components/QualityCheckSection.tsx';
import {
  ConflictNotice,
  problemErrors,
  StatusMessage,
  useFormErrors,
  usePeriod,
} from '../components/ServiceShared.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { takeFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

/** One provider for the municipality: details, contracts, the quality checklist, incidents, a fraud report. */
export function ProviderAdminPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const c = t.catProviders;
  const { hasRole } = useSession();
  const manager = hasRole(...CONTRACT_MANAGER_ROLES);
  const period = usePeriod();
  const [provider, setProvider] = useState<ProviderDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(() => takeFlash(`/aanbieders/${id}`));
  const [draft, setDraft] = useState<ProviderDraft>(providerDraft(null));
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(PROVIDER_FIELD_ORDER);
  usePageTitle(provider?.name ?? c.title);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const { data } = await catalogueApi.getProvider(id, signal);
      setProvider(data);
      setDraft(providerDraft(data));
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return;
      setLoadError(
        error instanceof ApiError && error.status === 404 ? c.notFound : errorText(error, t, lang),
      );
    });
    return () => controller.abort();
  }, [load]);

  if (!provider)
    return <PendingPage back={{ to: '/aanbieders', text: c.back }} title={c.title} error={loadError} />;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const input = providerInput(draft, t);
    if ('fields' in input) return errors.show({ fields: input.fields, general: [] });
    errors.clear();
    setBusy(true);
    try {
      await catalogueApi.updateProvider(provider.id, provider.version, input);
      await load();
      setConflict(false);
      setMessage(t.catForm.saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await load();
        setConflict(true);
      } else errors.show(problemErrors(error, t, lang, PROVIDER_FIELD_IDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/aanbieders" className="grip-back-link">
          {c.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{provider.name}</PageTitle>
        {provider.isSynthetic ? (
          <Paragraph>
            <StatusBadge status="neutral">{c.synthetic}</StatusBadge>
          </Paragraph>
        ) : null}
      </div>
      <StatusMessage message={message} />

      <section className="grip-section" aria-labelledby="provider-details-heading">
        <Heading level={2} id="provider-details-heading">
          {c.details}
        </Heading>
        <DataList
          items={[
            { key: 'kvk', label: c.kvk, value: provider.kvkNumber ?? t.common.empty },
            { key: 'agb', label: c.agb, value: provider.agbCode ?? t.common.empty },
            { key: 'city', label: c.city, value: provider.city ?? t.common.empty },
          ]}
        />
      </section>

      <section className="grip-section" aria-labelledby="contracts-heading">
        <Heading level={2} id="contracts-heading">
          {c.contractsHeading}
        </Heading>
        {provider.contracts.length === 0 ? (
          <Paragraph>{c.contractsNone}</Paragraph>
        ) : (
          <Table caption={c.contractsCaption} hideCaption>
            <TableHead>
              <HeaderCell>{c.colReference}</HeaderCell>
              <HeaderCell>{c.colLot}</HeaderCell>
              <HeaderCell>{c.colFunding}</HeaderCell>
              <HeaderCell>{c.colPeriod}</HeaderCell>
              <HeaderCell>{c.colStatus}</HeaderCell>
            </TableHead>
            <TableBody>
              {provider.contracts.map((contract) => (
                <Row key={contract.id}>
                  <RowHeaderCell>
                    <Link to={`/contracten/${contract.id}`}>{contract.reference}</Link>
                  </RowHeaderCell>
                  <Cell>{contract.lot}</Cell>
                  <Cell>{t.catCodes.fundingShort[contract.fundingVariant]}</Cell>
                  <Cell>{period(contract.validFromDate, contract.validUntilDate)}</Cell>
                  <Cell>{t.catCodes.contractStatuses[contract.status]}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        )}
        {manager ? (
          <details className="grip-details">
            <summary className="grip-details__summary">{t.catContract.newHeading}</summary>
            <div className="grip-details__body">
              <ContractNewForm providerId={provider.id} />
            </div>
          </details>
        ) : null}
      </section>

      <section className="grip-section" aria-labelledby="provider-services-heading">
        <Heading level={2} id="provider-services-heading">
          {c.servicesHeading}
        </Heading>
        {provider.services.length === 0 ? (
          <Paragraph>{c.servicesNone}</Paragraph>
        ) : (
          <ul className="grip-plain-list">
            {provider.services.map((s) => (
              <li key={s.serviceId}>
                <Link to={`/catalogus/${s.serviceId}`}>{s.name}</Link> ({s.code},{' '}
                {t.catCodes.laws[s.lawCode] ?? s.lawCode})
              </li>
            ))}
          </ul>
        )}
      </section>

      {manager ? <QualityCheckSection providerId={provider.id} /> : null}
      {hasRole(...INCIDENT_REPORT_ROLES) ? (
        <IncidentSection providerId={provider.id} canList={manager} />
      ) : null}
      {hasRole(...FRAUD_REPORT_ROLES) ? (
        <section className="grip-section" aria-labelledby="fraud-report-heading">
          <Heading level={2} id="fraud-report-heading">
            {t.catFraud.reportHeading}
          </Heading>
          <FraudReportForm providerId={provider.id} />
        </section>
      ) : null}

      {manager ? (
        <section className="grip-panel" aria-labelledby="provider-edit-heading">
          <Heading level={2} id="provider-edit-heading" className="grip-panel__title">
            {c.edit}
          </Heading>
          <ConflictNotice show={conflict} />
          <ErrorSummary items={errors.items} focusKey={errors.attempt} />
          <form className="grip-form grip-form--grid" noValidate onSubmit={save}>
            <ContractProviderFields draft={draft} onChange={setDraft} errors={errors.fields} />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {busy ? t.common.saving : t.common.save}
              </Button>
            </ButtonGroup>
          </form>
        </section>
      ) : null}
    </div>
  );
}
