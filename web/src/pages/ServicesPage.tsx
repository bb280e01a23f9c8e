import { useEffect, useState } from 'react';
import { catalogueApi, CATALOGUE_ADMIN_ROLES, LAWS, SERVICE_KINDS, type Service } from '../catalogue-api.ts';
import { Alert } from '../components/Alert.tsx';
import { ButtonLink } from '../components/Button.tsx';
import { SelectField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { codeOptions } from '../components/ServiceShared.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { takeFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import { useSession } from '../session.tsx';

/** The catalogue: every service with filters on law, kind and active; the functioneel beheerder adds one. */
export function ServicesPage() {
  const { t, lang } = useI18n();
  const c = t.catalogue;
  usePageTitle(c.title);
  const { hasRole } = useSession();
  const { query } = useLocation();
  const filters = {
    lawCode: query.get('wet') ?? '',
    kind: query.get('soort') ?? '',
    active: query.get('status') ?? 'true',
  };
  const [items, setItems] = useState<Service[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message] = useState(() => takeFlash('/catalogus'));

  useEffect(() => {
    const controller = new AbortController();
    setItems(null);
    catalogueApi
      .listServices(filters, controller.signal)
      .then(({ data }) => setItems(data.items))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [filters.lawCode, filters.kind, filters.active]);

  const setFilter = (name: 'wet' | 'soort' | 'status', value: string) =>
    navigate(
      withQuery('/catalogus', {
        wet: name === 'wet' ? value : filters.lawCode,
        soort: name === 'soort' ? value : filters.kind,
        status: name === 'status' ? value : filters.active === 'true' ? '' : filters.active,
      }),
      { replace: true },
    );

  const any = { value: '', label: t.catCodes.any };
  return (
    <div className="grip-stack">
      <div className="grip-page-intro">
        <div>
          <PageTitle>{c.title}</PageTitle>
          <Paragraph lead>{c.intro}</Paragraph>
        </div>
        {hasRole(...CATALOGUE_ADMIN_ROLES) ? (
          <div>
            <ButtonLink to="/catalogus/nieuw" appearance="primary-action">
              {c.add}
            </ButtonLink>
          </div>
        ) : null}
      </div>
      {message ? (
        <Alert type="ok" role="status">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}
      <section className="grip-section" aria-label={c.filters}>
        <form className="grip-form grip-form--grid" role="search" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            id="filter-law"
            label={c.filterLaw}
            optional
            value={filters.lawCode}
            onChange={(e) => setFilter('wet', e.target.value)}
            options={[any, ...codeOptions(LAWS, t.catCodes.laws)]}
          />
          <SelectField
            id="filter-kind"
            label={c.filterKind}
            optional
            value={filters.kind}
            onChange={(e) => setFilter('soort', e.target.value)}
            options={[any, ...codeOptions(SERVICE_KINDS, t.catCodes.kinds)]}
          />
          <SelectField
            id="filter-active"
            label={c.filterActive}
            optional
            value={filters.active}
            onChange={(e) => setFilter('status', e.target.value)}
            options={[
              { value: 'true', label: c.activeOnly },
              { value: 'false', label: c.inactiveOnly },
              { value: 'all', label: c.all },
            ]}
          />
        </form>
      </section>
      {error ? (
        <Alert type="error">
          <Paragraph>{errorText(error, t, lang)}</Paragraph>
        </Alert>
      ) : null}
      <div role="status" className="grip-live-region">
        <Paragraph>
          {items === null
            ? error
              ? ''
              : t.common.loading
            : items.length === 0
              ? c.none
              : c.count(items.length)}
        </Paragraph>
      </div>
      {items && items.length > 0 ? (
        <Table caption={c.tableCaption} hideCaption>
          <TableHead>
            <HeaderCell>{c.colName}</HeaderCell>
            <HeaderCell>{c.colCode}</HeaderCell>
            <HeaderCell>{c.colLaw}</HeaderCell>
            <HeaderCell>{c.colKind}</HeaderCell>
            <HeaderCell>{c.colProduct}</HeaderCell>
            <HeaderCell>{c.colStatus}</HeaderCell>
          </TableHead>
          <TableBody>
            {items.map((s) => (
              <Row key={s.id}>
                <RowHeaderCell>
                  <Link to={`/catalogus/${s.id}`}>{s.name}</Link>
                </RowHeaderCell>
                <Cell className="grip-nowrap">{s.code}</Cell>
                <Cell>{t.catCodes.laws[s.lawCode] ?? s.lawCode}</Cell>
                <Cell>{t.catCodes.kinds[s.kind]}</Cell>
                <Cell className="grip-nowrap">
                  {[s.productCategoryCode, s.productCode].filter(Boolean).join(' / ') || t.common.empty}
                </Cell>
                <Cell>
                  {s.active ? (
                    <StatusBadge status="active">{c.active}</StatusBadge>
                  ) : (
                    <StatusBadge status="inactive">{c.inactive}</StatusBadge>
                  )}
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
