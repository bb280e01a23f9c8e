import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { catalogueApi, CATALOGUE_ADMIN_ROLES, type ServiceDetail } from '../catalogue-api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { DataList } from '../components/DataList.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { LocationSection } from '../components/LocationSection.tsx';
import { ServiceForm } from '../components/ServiceForm.tsx';
import { ConflictNotice, StatusMessage, useMoney, usePeriod } from '../components/ServiceShared.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { TariffSection } from '../components/TariffSection.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { takeFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

/** One service: its details, tariffs by period, locations by wijk and contracted providers. */
export function ServicePage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const c = t.catalogue;
  const { hasRole } = useSession();
  const canEdit = hasRole(...CATALOGUE_ADMIN_ROLES);
  const money = useMoney();
  const period = usePeriod();
  const [service, setService] = useState<ServiceDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(() => takeFlash(`/catalogus/${id}`));
  const [conflict, setConflict] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [activeError, setActiveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(service?.name ?? c.title);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const { data } = await catalogueApi.getService(id, signal);
      setService(data);
      return data;
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

  if (!service)
    return <PendingPage back={{ to: '/catalogus', text: c.back }} title={c.title} error={loadError} />;

  const reload = async () => {
    await load();
  };

  const toggleActive = async () => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setActiveError(null);
    try {
      const { data } = await catalogueApi.setServiceActive(service.id, service.version, !service.active);
      await load();
      setConflict(false);
      setMessage(data.active ? c.activated : c.deactivated);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await load();
        setConflict(true);
      } else setActiveError(errorText(error, t, lang));
    } finally {
      setBusy(false);
    }
  };

  const unit = service.unitCode
    ? `${service.unitCode} ${t.catCodes.units[service.unitCode] ?? ''}`.trim()
    : null;
  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/catalogus" className="grip-back-link">
          {c.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{service.name}</PageTitle>
        <Paragraph>
          <span className="grip-badges">
            {service.active ? (
              <StatusBadge status="active">{c.active}</StatusBadge>
            ) : (
              <StatusBadge status="inactive">{c.inactive}</StatusBadge>
            )}
            <StatusBadge status="neutral">{t.catCodes.kinds[service.kind]}</StatusBadge>
          </span>
        </Paragraph>
      </div>
      <StatusMessage message={message} />
      <ConflictNotice show={conflict} />

      <section className="grip-section" aria-labelledby="details-heading">
        <Heading level={2} id="details-heading">
          {c.details}
        </Heading>
        <DataList
          items={[
            { key: 'code', label: c.code, value: service.code },
            { key: 'law', label: c.law, value: t.catCodes.laws[service.lawCode] ?? service.lawCode },
            { key: 'delivery', label: c.delivery, value: t.catCodes.deliveries[service.delivery] },
            {
              key: 'product',
              label: c.productCategory,
              value:
                [service.productCategoryCode, service.productCategoryName, service.productCode]
                  .filter(Boolean)
                  .join(' – ') || t.common.empty,
            },
            { key: 'unit', label: c.unit, value: unit ?? t.common.empty },
            { key: 'frequency', label: c.frequency, value: service.frequencyCode ?? t.common.empty },
            {
              key: 'funding',
              label: c.fundingVariant,
              value: service.fundingVariant ? t.catCodes.funding[service.fundingVariant] : t.common.empty,
            },
            {
              key: 'target',
              label: c.targetGroup,
              value:
                [service.targetGroup, t.catMap.ages(service.minAge, service.maxAge)]
                  .filter(Boolean)
                  .join(' – ') || t.common.empty,
            },
            { key: 'description', label: c.description, value: service.description || t.common.empty },
          ]}
        />
      </section>

      {canEdit ? (
        <section className="grip-section" aria-labelledby="status-heading">
          <Heading level={2} id="status-heading">
            {c.status}
          </Heading>
          <Paragraph>{c.deactivateHint}</Paragraph>
          {activeError ? (
            <Alert type="error" role="alert">
              <Paragraph>{activeError}</Paragraph>
            </Alert>
          ) : null}
          <ButtonGroup>
            <Button onClick={() => void toggleActive()} busy={busy}>
              {service.active ? c.deactivate : c.activate}
            </Button>
          </ButtonGroup>
        </section>
      ) : null}

      <TariffSection
        serviceId={service.id}
        unitCode={service.unitCode}
        tariffs={service.tariffs}
        canEdit={canEdit && service.active}
        onChanged={reload}
      />
      <LocationSection
        serviceId={service.id}
        locations={service.locations}
        canEdit={canEdit}
        onChanged={reload}
      />

      <section className="grip-section" aria-labelledby="providers-heading">
        <Heading level={2} id="providers-heading">
          {c.providersHeading}
        </Heading>
        {service.providers.length === 0 ? (
          <Paragraph>{c.providersNone}</Paragraph>
        ) : (
          <Table caption={c.providersCaption} hideCaption>
            <TableHead>
              <HeaderCell>{c.colProvider}</HeaderCell>
              <HeaderCell>{c.colContract}</HeaderCell>
              <HeaderCell>{c.colPeriod}</HeaderCell>
              <HeaderCell>{c.colTariff}</HeaderCell>
            </TableHead>
            <TableBody>
              {service.providers.map((p) => (
                <Row key={`${p.contractId}`}>
                  <RowHeaderCell>
                    {hasRole(
                      'functioneel-beheerder',
                      'beleidsadviseur',
                      'toegang-medewerker',
                      'wijkteam-medewerker',
                      'regisseur',
                    ) ? (
                      <Link to={`/aanbieders/${p.providerId}`}>{p.providerName}</Link>
                    ) : (
                      p.providerName
                    )}
                  </RowHeaderCell>
                  <Cell>
                    {p.contractReference} ({t.catCodes.contractStatuses[p.contractStatus] ?? p.contractStatus}
                    )
                  </Cell>
                  <Cell>{period(p.validFromDate, p.validUntilDate)}</Cell>
                  <Cell className="grip-nowrap">{money(p.tariffCents)}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      {canEdit ? (
        <section className="grip-panel" aria-labelledby="edit-heading">
          <Heading level={2} id="edit-heading" className="grip-panel__title">
            {c.edit}
          </Heading>
          <ServiceForm
            key={formKey}
            service={service}
            submitLabel={t.common.save}
            onSubmit={async (input) => {
              const { code: _code, ...body } = input;
              try {
                await catalogueApi.updateService(service.id, service.version, body);
                await load();
                setConflict(false);
                setFormKey((k) => k + 1);
                setMessage(t.catForm.saved);
              } catch (error) {
                if (error instanceof ApiError && error.status === 412) {
                  await load();
                  setFormKey((k) => k + 1);
                  setConflict(true);
                  return;
                }
                throw error;
              }
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
