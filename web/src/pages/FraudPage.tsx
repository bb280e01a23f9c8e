import { useEffect, useState } from 'react';
import { catalogueApi, FRAUD_STATUSES, type FraudSuspicion } from '../catalogue-api.ts';
import { Alert } from '../components/Alert.tsx';
import { SelectField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { codeOptions } from '../components/ServiceShared.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';

/** The register of fraud suspicions (controller only), with status and latest follow-up. */
export function FraudPage() {
  const { t, lang, formatDate } = useI18n();
  const c = t.catFraud;
  usePageTitle(c.title);
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const open = query.get('open') ?? 'true';
  const [items, setItems] = useState<FraudSuspicion[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setItems(null);
    catalogueApi
      .listFraud(
        { status: status || undefined, open: open === 'true' || open === 'false' ? open : undefined },
        controller.signal,
      )
      .then(({ data }) => setItems(data.items))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [status, open]);

  const any = { value: '', label: t.catCodes.any };
  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{c.title}</PageTitle>
        <Paragraph lead>{c.intro}</Paragraph>
      </div>
      <form className="grip-form grip-form--grid" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="fraud-filter-open"
          label={c.filterOpen}
          optional
          value={open}
          onChange={(e) =>
            navigate(withQuery('/fraude', { status, open: e.target.value || 'alle' }), { replace: true })
          }
          options={[
            { value: 'true', label: c.openOnly },
            { value: 'false', label: c.closedOnly },
            { value: 'alle', label: t.catCodes.any },
          ]}
        />
        <SelectField
          id="fraud-filter-status"
          label={c.filterStatus}
          optional
          value={status}
          onChange={(e) =>
            navigate(withQuery('/fraude', { status: e.target.value, open }), { replace: true })
          }
          options={[any, ...codeOptions(FRAUD_STATUSES, t.catCodes.fraudStatuses)]}
        />
      </form>
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
        <Table caption={c.caption} hideCaption>
          <TableHead>
            <HeaderCell>{c.colReported}</HeaderCell>
            <HeaderCell>{c.colProvider}</HeaderCell>
            <HeaderCell>{c.colSource}</HeaderCell>
            <HeaderCell>{c.colStatus}</HeaderCell>
            <HeaderCell>{c.colFollowUp}</HeaderCell>
          </TableHead>
          <TableBody>
            {items.map((f) => (
              <Row key={f.id}>
                <RowHeaderCell className="grip-nowrap">
                  <Link to={`/fraude/${f.id}`}>{c.open(formatDate(f.reportedDate))}</Link>
                </RowHeaderCell>
                <Cell>{f.providerName}</Cell>
                <Cell>{t.catCodes.fraudSources[f.source]}</Cell>
                <Cell>{t.catCodes.fraudStatuses[f.status]}</Cell>
                <Cell>{f.followUp || t.common.empty}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
