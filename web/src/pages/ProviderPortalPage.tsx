import { useEffect, useRef, useState } from 'react';
import { ButtonLink } from '../components/Button.tsx';
import { Link } from '../components/Link.tsx';
import { LoadingOrError } from '../components/LoadingOrError.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { amountText, money } from '../components/ToewijzingText.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { decisionsApi, type DeclarationSummary, type Toewijzing } from '../decisions-api.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The provider's portal (role aanbieder): their own organisation's allocations, with the state of care
 * on each, and their declarations with what was accepted. The server confines both lists to the provider
 * the account is linked to.
 */
export function ProviderPortalPage() {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const p = t.provider;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [allocations, setAllocations] = useState<Toewijzing[] | null>(null);
  const [declarations, setDeclarations] = useState<DeclarationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  usePageTitle(p.portalTitle);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    Promise.all([decisionsApi.toewijzingen({ limit: 500 }, signal), decisionsApi.declarations(signal)]).then(
      ([a, d]) => {
        setAllocations(a.data.items);
        setDeclarations(d.data.items);
      },
      (e: unknown) => {
        if (!signal.aborted) setError(errorText(e, texts.current.t, texts.current.lang));
      },
    );
    return () => controller.abort();
  }, []);

  const care = (a: Toewijzing) => {
    const last = a.deliveries.at(-1);
    if (!last) return p.deliveryNone;
    return last.stopDate
      ? p.deliveryStopped(formatDate(last.stopDate))
      : p.deliveryRunning(formatDate(last.startDate));
  };

  return (
    <div className="grip-stack">
      <div className="grip-page-intro">
        <div>
          <PageTitle>{p.portalTitle}</PageTitle>
          <Paragraph lead>{p.portalIntro}</Paragraph>
        </div>
        <ButtonLink to="/aanbieder/declaraties/nieuw" appearance="primary-action">
          {p.newDeclaration}
        </ButtonLink>
      </div>
      {allocations === null || declarations === null ? (
        <LoadingOrError error={error} />
      ) : (
        <>
          <section className="grip-section" aria-labelledby="allocations-heading">
            <Heading level={2} id="allocations-heading">
              {p.allocationsHeading}
            </Heading>
            {allocations.length === 0 ? (
              <Paragraph>{p.noAllocations}</Paragraph>
            ) : (
              <Table caption={p.allocationsCaption} hideCaption>
                <TableHead>
                  <HeaderCell>{p.number}</HeaderCell>
                  <HeaderCell>{p.client}</HeaderCell>
                  <HeaderCell>{p.product}</HeaderCell>
                  <HeaderCell>{p.period}</HeaderCell>
                  <HeaderCell>{p.amount}</HeaderCell>
                  <HeaderCell>{p.delivery}</HeaderCell>
                  <HeaderCell>{p.status}</HeaderCell>
                </TableHead>
                <TableBody>
                  {allocations.map((a) => (
                    <Row key={a.id}>
                      <RowHeaderCell>
                        <Link to={`/toewijzingen/${encodeURIComponent(a.id)}`}>
                          {p.openAllocation(a.toewijzingNumber)}
                        </Link>
                      </RowHeaderCell>
                      <Cell>{a.client.name}</Cell>
                      <Cell>{a.serviceName}</Cell>
                      <Cell>
                        {a.endDate
                          ? t.beschikking.periodText(formatDate(a.startDate), formatDate(a.endDate))
                          : t.toewijzing.periodOpen(formatDate(a.startDate))}
                      </Cell>
                      <Cell>{amountText(t, a.volume, a.unitCode, a.frequencyCode)}</Cell>
                      <Cell>{care(a)}</Cell>
                      <Cell>{t.toewijzing.statuses[a.status] ?? a.status}</Cell>
                    </Row>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
          <section className="grip-section" aria-labelledby="declarations-heading">
            <Heading level={2} id="declarations-heading">
              {p.declarationsHeading}
            </Heading>
            {declarations.length === 0 ? (
              <Paragraph>{p.noDeclarations}</Paragraph>
            ) : (
              <Table caption={p.declarationsCaption} hideCaption>
                <TableHead>
                  <HeaderCell>{p.declarationNumber}</HeaderCell>
                  <HeaderCell>{p.periodLabel}</HeaderCell>
                  <HeaderCell>{p.submittedAt}</HeaderCell>
                  <HeaderCell>{p.total}</HeaderCell>
                  <HeaderCell>{p.accepted}</HeaderCell>
                </TableHead>
                <TableBody>
                  {declarations.map((d) => (
                    <Row key={d.id}>
                      <RowHeaderCell>
                        <Link to={`/aanbieder/declaraties/${encodeURIComponent(d.id)}`}>
                          {p.openDeclaration(d.declarationNumber)}
                        </Link>
                      </RowHeaderCell>
                      <Cell>
                        {t.beschikking.periodText(formatDate(d.periodStartDate), formatDate(d.periodEndDate))}
                      </Cell>
                      <Cell>{formatDateTime(d.submittedAt)}</Cell>
                      <Cell>{money(d.totalCents, lang)}</Cell>
                      <Cell>{money(d.acceptedCents, lang)}</Cell>
                    </Row>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
