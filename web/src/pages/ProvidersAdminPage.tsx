import { useEffect, useState, type FormEvent } from 'react';
import { catalogueApi, CONTRACT_MANAGER_ROLES, type Provider } from '../catalogue-api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import {
  ContractProviderFields,
  providerDraft,
  providerInput,
  PROVIDER_FIELD_IDS,
  PROVIDER_FIELD_ORDER,
  type ProviderDraft,
} from '../components/ContractProviderFields.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { problemErrors, useFormErrors } from '../components/ServiceShared.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { setFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import { useSession } from '../session.tsx';

const PAGE_SIZE = 25;

/** Providers by name, KvK number or AGB code; contract managers register a new one. */
export function ProvidersAdminPage() {
  const { t, lang } = useI18n();
  const c = t.catProviders;
  usePageTitle(c.title);
  const { hasRole } = useSession();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const page = Math.max(1, Number(query.get('pagina') ?? '1') || 1);
  const [search, setSearch] = useState(q);
  const [result, setResult] = useState<{ items: Provider[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<ProviderDraft>(providerDraft(null));
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(PROVIDER_FIELD_ORDER);

  useEffect(() => {
    const controller = new AbortController();
    setResult(null);
    catalogueApi
      .listProviders({ q: q || undefined, page, pageSize: PAGE_SIZE }, controller.signal)
      .then(({ data }) => setResult(data))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [q, page]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const input = providerInput(draft, t);
    if ('fields' in input) return errors.show({ fields: input.fields, general: [] });
    errors.clear();
    setBusy(true);
    try {
      const { data } = await catalogueApi.createProvider(input);
      setFlash(`/aanbieders/${data.id}`, c.created);
      navigate(`/aanbieders/${data.id}`);
    } catch (e) {
      errors.show(problemErrors(e, t, lang, PROVIDER_FIELD_IDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{c.title}</PageTitle>
        <Paragraph lead>{c.intro}</Paragraph>
      </div>
      <form
        className="grip-form grip-filter"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(withQuery('/aanbieders', { q: search.trim() }));
        }}
      >
        <TextField
          id="provider-search"
          type="search"
          label={c.search}
          optional
          autoComplete="off"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <ButtonGroup>
          <Button type="submit">{c.searchButton}</Button>
        </ButtonGroup>
      </form>
      {error ? (
        <Alert type="error">
          <Paragraph>{errorText(error, t, lang)}</Paragraph>
        </Alert>
      ) : null}
      <div role="status" className="grip-live-region">
        <Paragraph>
          {result === null
            ? error
              ? ''
              : t.common.loading
            : result.total === 0
              ? c.none
              : c.count(result.total)}
        </Paragraph>
      </div>
      {result && result.items.length > 0 ? (
        <>
          <Table caption={c.caption} hideCaption>
            <TableHead>
              <HeaderCell>{c.colName}</HeaderCell>
              <HeaderCell>{c.colKvk}</HeaderCell>
              <HeaderCell>{c.colAgb}</HeaderCell>
              <HeaderCell>{c.colCity}</HeaderCell>
            </TableHead>
            <TableBody>
              {result.items.map((p) => (
                <Row key={p.id}>
                  <RowHeaderCell>
                    <Link to={`/aanbieders/${p.id}`}>{p.name}</Link>
                  </RowHeaderCell>
                  <Cell className="grip-nowrap">{p.kvkNumber ?? t.common.empty}</Cell>
                  <Cell className="grip-nowrap">{p.agbCode ?? t.common.empty}</Cell>
                  <Cell>{p.city ?? t.common.empty}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
          <Pagination
            page={page}
            pages={Math.ceil(result.total / PAGE_SIZE)}
            hrefFor={(n) => withQuery('/aanbieders', { q: q || undefined, pagina: n > 1 ? n : undefined })}
          />
        </>
      ) : null}
      {hasRole(...CONTRACT_MANAGER_ROLES) ? (
        <section className="grip-panel" aria-labelledby="add-provider-heading">
          <Heading level={2} id="add-provider-heading" className="grip-panel__title">
            {c.add}
          </Heading>
          <ErrorSummary items={errors.items} focusKey={errors.attempt} />
          <form className="grip-form grip-form--grid" noValidate onSubmit={create}>
            <ContractProviderFields draft={draft} onChange={setDraft} errors={errors.fields} />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action" busy={busy}>
                {busy ? t.catForm.adding : c.add}
              </Button>
            </ButtonGroup>
          </form>
        </section>
      ) : null}
    </div>
  );
}
