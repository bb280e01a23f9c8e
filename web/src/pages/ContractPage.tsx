import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import {
  catalogueApi,
  CONTRACT_MANAGER_ROLES,
  parseEuros,
  type Contract,
  type Service,
} from '../catalogue-api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { DataList } from '../components/DataList.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import {
  ConflictNotice,
  problemErrors,
  readDate,
  StatusMessage,
  useFormErrors,
  useMoney,
  usePeriod,
} from '../components/ServiceShared.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { TariffPeriodEditForm } from '../components/TariffPeriodEditForm.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { takeFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

type Target = 'actief' | 'opgeschort' | 'beeindigd';
const PRODUCT_FIELDS = {
  serviceId: 'product-service',
  validFromDate: 'product-from',
  validUntilDate: 'product-until',
  tariffCents: 'product-tariff',
};

/**
 * One contract: its products and tariffs, and the status. Activating is refused by the server while the
 * provider's checklist has open items; the page then lists the server's reasons and links to the checklist.
 */
export function ContractPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const c = t.catContract;
  const { hasRole } = useSession();
  const manager = hasRole(...CONTRACT_MANAGER_ROLES);
  const money = useMoney();
  const period = usePeriod();
  const [contract, setContract] = useState<Contract | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(() => takeFlash(`/contracten/${id}`));
  const [conflict, setConflict] = useState(false);
  const [refusal, setRefusal] = useState<{ detail: string; reasons: string[] } | null>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [services, setServices] = useState<Service[]>([]);
  const [product, setProduct] = useState({ serviceId: '', from: '', until: '', tariff: '' });
  const [productBusy, setProductBusy] = useState(false);
  const [editingProductId, setEditingProductId] = useState<string | null>(null);
  const errors = useFormErrors(Object.values(PRODUCT_FIELDS));
  usePageTitle(contract ? c.title(contract.reference) : t.catProviders.title);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const { data } = await catalogueApi.getContract(id, signal);
      setContract(data);
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

  useEffect(() => {
    if (!manager) return;
    catalogueApi
      .listServices({ kind: 'maatwerk' })
      .then(({ data }) => setServices(data.items))
      .catch(() => setServices([]));
  }, [manager]);

  useEffect(() => {
    if (refusal) refusalRef.current?.focus();
  }, [refusal]);

  if (!contract)
    return (
      <PendingPage
        back={{ to: '/aanbieders', text: t.catProviders.back }}
        title={t.catProviders.title}
        error={loadError}
      />
    );

  const editingProduct = contract.products.find((p) => p.id === editingProductId) ?? null;

  const changeStatus = async (status: Target) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setRefusal(null);
    try {
      const { data } = await catalogueApi.setContractStatus(contract.id, contract.version, status);
      setContract(data);
      setConflict(false);
      setMessage(c.statusChanged(t.catCodes.contractStatuses[data.status]!));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await load();
        setConflict(true);
      } else if (error instanceof ApiError && error.detail) {
        setRefusal({ detail: error.detail[lang], reasons: error.fields.map((f) => f[lang]) });
      } else setRefusal({ detail: errorText(error, t, lang), reasons: [] });
    } finally {
      setBusy(false);
    }
  };

  const addProduct = async (event: FormEvent) => {
    event.preventDefault();
    if (productBusy) return;
    setMessage(null);
    const found: Record<string, string> = {};
    if (!product.serviceId) found['product-service'] = t.catForm.required;
    const from = readDate(product.from, t, true);
    const until = readDate(product.until, t, false);
    if (from.error) found['product-from'] = from.error;
    if (until.error) found['product-until'] = until.error;
    const cents = parseEuros(product.tariff);
    if (cents === null) found['product-tariff'] = t.catForm.euroInvalid;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    errors.clear();
    setProductBusy(true);
    try {
      await catalogueApi.addContractProduct(contract.id, {
        serviceId: product.serviceId,
        validFromDate: from.value!,
        validUntilDate: until.value,
        tariffCents: cents!,
      });
      await load();
      setProduct({ serviceId: '', from: '', until: '', tariff: '' });
      setMessage(c.productAdded);
    } catch (error) {
      errors.show(problemErrors(error, t, lang, PRODUCT_FIELDS));
    } finally {
      setProductBusy(false);
    }
  };

  const actions: { status: Target; label: string }[] =
    contract.status === 'in-voorbereiding'
      ? [
          { status: 'actief', label: c.activate },
          { status: 'beeindigd', label: c.end },
        ]
      : contract.status === 'actief'
        ? [
            { status: 'opgeschort', label: c.suspend },
            { status: 'beeindigd', label: c.end },
          ]
        : contract.status === 'opgeschort'
          ? [
              { status: 'actief', label: c.resume },
              { status: 'beeindigd', label: c.end },
            ]
          : [];

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to={`/aanbieders/${contract.providerId}`} className="grip-back-link">
          {c.back(contract.providerName)}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{c.title(contract.reference)}</PageTitle>
        <Paragraph>
          <StatusBadge
            status={
              contract.status === 'actief'
                ? 'active'
                : contract.status === 'beeindigd'
                  ? 'inactive'
                  : 'warning'
            }
          >
            {t.catCodes.contractStatuses[contract.status]}
          </StatusBadge>
        </Paragraph>
      </div>
      <StatusMessage message={message} />
      <ConflictNotice show={conflict} />

      <section className="grip-section" aria-labelledby="contract-details-heading">
        <Heading level={2} id="contract-details-heading">
          {c.details}
        </Heading>
        <DataList
          items={[
            {
              key: 'provider',
              label: c.provider,
              value: <Link to={`/aanbieders/${contract.providerId}`}>{contract.providerName}</Link>,
            },
            { key: 'lot', label: c.lot, value: contract.lot },
            {
              key: 'period',
              label: c.period,
              value: period(contract.validFromDate, contract.validUntilDate),
            },
            { key: 'funding', label: c.funding, value: t.catCodes.funding[contract.fundingVariant] },
            { key: 'how', label: c.fundingHow, value: contract.fundingDescription[lang] },
            ...(contract.lumpSumCentsPerMonth !== null
              ? [{ key: 'lump', label: c.lumpSum, value: money(contract.lumpSumCentsPerMonth) }]
              : []),
            { key: 'region', label: c.region, value: contract.regionCode ?? t.common.empty },
          ]}
        />
      </section>

      {manager ? (
        <section className="grip-section" aria-labelledby="contract-status-heading">
          <Heading level={2} id="contract-status-heading">
            {c.statusHeading}
          </Heading>
          {contract.status === 'beeindigd' ? (
            <Paragraph>{c.ended}</Paragraph>
          ) : (
            <>
              <Paragraph>{c.activateHint}</Paragraph>
              {refusal ? (
                <Alert type="error" ref={refusalRef} tabIndex={-1} labelledBy="refusal-heading">
                  <Heading level={3} appearance={4} id="refusal-heading">
                    {refusal.detail}
                  </Heading>
                  {refusal.reasons.length > 0 ? (
                    <ul className="utrecht-unordered-list">
                      {refusal.reasons.map((reason) => (
                        <li key={reason} className="utrecht-unordered-list__item">
                          {reason}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <Paragraph>
                    <Link to={`/aanbieders/${contract.providerId}#quality-heading`}>{c.checklistLink}</Link>
                  </Paragraph>
                </Alert>
              ) : null}
              <ButtonGroup>
                {actions.map((a) => (
                  <Button
                    key={a.status}
                    appearance={a.status === 'actief' ? 'primary-action' : 'secondary-action'}
                    busy={busy}
                    onClick={() => void changeStatus(a.status)}
                  >
                    {a.label}
                  </Button>
                ))}
              </ButtonGroup>
            </>
          )}
        </section>
      ) : null}

      <section className="grip-section" aria-labelledby="products-heading">
        <Heading level={2} id="products-heading">
          {c.productsHeading}
        </Heading>
        {contract.products.length === 0 ? (
          <Paragraph>{c.productsNone}</Paragraph>
        ) : (
          <Table caption={c.productsCaption} hideCaption>
            <TableHead>
              <HeaderCell>{c.colService}</HeaderCell>
              <HeaderCell>{c.colPeriod}</HeaderCell>
              <HeaderCell>{c.colTariff}</HeaderCell>
              <HeaderCell>{c.colUnit}</HeaderCell>
              {manager ? <HeaderCell>{c.colProductActions}</HeaderCell> : null}
            </TableHead>
            <TableBody>
              {contract.products.map((p) => (
                <Row key={p.id}>
                  <RowHeaderCell>
                    <Link to={`/catalogus/${p.serviceId}`}>{p.serviceName}</Link> ({p.serviceCode})
                  </RowHeaderCell>
                  <Cell>{period(p.validFromDate, p.validUntilDate)}</Cell>
                  <Cell className="grip-nowrap">{money(p.tariffCents)}</Cell>
                  <Cell>{`${p.unitCode} ${t.catCodes.units[p.unitCode] ?? ''}`.trim()}</Cell>
                  {manager ? (
                    <Cell>
                      <Button
                        appearance="subtle"
                        aria-expanded={editingProductId === p.id}
                        onClick={() => {
                          setMessage(null);
                          setEditingProductId(p.id);
                        }}
                      >
                        {c.editProduct(p.serviceName)}
                      </Button>
                    </Cell>
                  ) : null}
                </Row>
              ))}
            </TableBody>
          </Table>
        )}
        {manager && editingProduct ? (
          <TariffPeriodEditForm
            key={editingProduct.id}
            idPrefix="product-edit"
            heading={c.editProductHeading(editingProduct.serviceName)}
            current={editingProduct}
            amountLabel={`${c.colTariff} (${t.catCodes.units[editingProduct.unitCode] ?? editingProduct.unitCode})`}
            save={async (body, version) => {
              await catalogueApi.updateContractProduct(editingProduct.id, version, body);
            }}
            onSaved={async () => {
              setEditingProductId(null);
              await load();
              setMessage(c.productUpdated);
            }}
            onConflict={() => load()}
            onCancel={() => setEditingProductId(null)}
          />
        ) : null}
        {manager && contract.status !== 'beeindigd' ? (
          <div className="grip-panel grip-panel--subtle">
            <Heading level={3} className="grip-panel__title">
              {c.addProduct}
            </Heading>
            <ErrorSummary items={errors.items} focusKey={errors.attempt} />
            <form className="grip-form grip-form--grid" noValidate onSubmit={addProduct}>
              <SelectField
                id="product-service"
                label={c.service}
                value={product.serviceId}
                onChange={(e) => setProduct({ ...product, serviceId: e.target.value })}
                options={[
                  { value: '', label: c.chooseService },
                  ...services.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` })),
                ]}
                error={errors.fields['product-service']}
              />
              <TextField
                id="product-from"
                label={c.productFrom}
                description={t.common.dateHint}
                autoComplete="off"
                className="grip-input--date"
                value={product.from}
                onChange={(e) => setProduct({ ...product, from: e.target.value })}
                error={errors.fields['product-from']}
              />
              <TextField
                id="product-until"
                label={c.productUntil}
                description={t.catForm.dateHintOpen}
                optional
                autoComplete="off"
                className="grip-input--date"
                value={product.until}
                onChange={(e) => setProduct({ ...product, until: e.target.value })}
                error={errors.fields['product-until']}
              />
              <TextField
                id="product-tariff"
                label={c.productTariff}
                description={t.catForm.euroHint}
                inputMode="decimal"
                autoComplete="off"
                value={product.tariff}
                onChange={(e) => setProduct({ ...product, tariff: e.target.value })}
                error={errors.fields['product-tariff']}
              />
              <ButtonGroup>
                <Button type="submit" appearance="primary-action" busy={productBusy}>
                  {productBusy ? t.catForm.adding : c.addProduct}
                </Button>
              </ButtonGroup>
            </form>
          </div>
        ) : null}
      </section>
    </div>
  );
}
