import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { DataList } from '../components/DataList.tsx';
import { Link, PlainLink } from '../components/Link.tsx';
import { PendingPage } from '../components/LoadingOrError.tsx';
import { StatusBadge, type BadgeStatus } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { ToewijzingForm } from '../components/ToewijzingForm.tsx';
import { amountText, lawName } from '../components/ToewijzingText.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import {
  decisionsApi,
  type Beschikking,
  type BeschikkingProduct,
  type Toewijzing,
} from '../decisions-api.ts';
import { takeFlash } from '../flash.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';

const OUTCOME_BADGE: Record<string, BadgeStatus> = {
  toegekend: 'success',
  'gedeeltelijk-toegekend': 'warning',
  afgewezen: 'danger',
};

/**
 * One beschikking: the decision as a whole, per product granted or refused with its grounds, period and
 * volume, the objection term, the decision letter (PDF) — and for each granted product its allocations
 * and the form to allocate it to a contracted provider.
 */
export function BeschikkingPage({ id }: { id: string }) {
  const { t, lang, formatDate } = useI18n();
  const b = t.beschikking;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const path = `/beschikkingen/${encodeURIComponent(id)}`;
  const [beschikking, setBeschikking] = useState<Beschikking | null>(null);
  const [allocations, setAllocations] = useState<Toewijzing[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(() => takeFlash(path));
  const messageRef = useRef<HTMLDivElement>(null);

  usePageTitle(beschikking ? b.title(beschikking.reference) : b.titleFallback);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const { data } = await decisionsApi.beschikking(id, signal);
        const list = await decisionsApi.toewijzingen({ personId: data.personId, limit: 500 }, signal);
        setBeschikking(data);
        setAllocations(list.data.items);
      } catch (error) {
        if (signal?.aborted) return;
        const { t, lang } = texts.current;
        setLoadError(
          error instanceof ApiError && error.status === 404
            ? t.beschikking.notFound
            : errorText(error, t, lang),
        );
      }
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (!beschikking) {
    return (
      <PendingPage
        back={{ to: '/werklijst', text: t.helpQuestion.back }}
        title={b.titleFallback}
        error={loadError}
      />
    );
  }

  const allocated = async (created: Toewijzing) => {
    await load();
    setMessage(t.toewijzing.created(created.toewijzingNumber, created.providerName));
    window.requestAnimationFrame(() => messageRef.current?.focus());
  };

  const period = (p: BeschikkingProduct) =>
    p.startDate && p.endDate ? b.periodText(formatDate(p.startDate), formatDate(p.endDate)) : t.common.empty;

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to={`/inwoners/${encodeURIComponent(beschikking.personId)}`} className="grip-back-link">
          {b.backToPerson}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{b.title(beschikking.reference)}</PageTitle>
        <Paragraph className="grip-badge-line">
          <StatusBadge status={OUTCOME_BADGE[beschikking.outcome] ?? 'neutral'}>
            {b.outcomes[beschikking.outcome] ?? beschikking.outcome}
          </StatusBadge>
        </Paragraph>
      </div>

      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok" ref={messageRef} tabIndex={-1}>
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <div className="grip-columns">
        <section className="grip-section" aria-labelledby="summary-heading">
          <Heading level={2} id="summary-heading">
            {b.summary}
          </Heading>
          <DataList
            items={[
              { key: 'reference', label: b.reference, value: beschikking.reference },
              { key: 'law', label: b.law, value: lawName(t, beschikking.lawCode) },
              { key: 'decided', label: b.decidedDate, value: formatDate(beschikking.decidedDate) },
              {
                key: 'outcome',
                label: b.wholeOutcome,
                value: b.outcomes[beschikking.outcome] ?? beschikking.outcome,
              },
              { key: 'grounds', label: b.legalGrounds, value: beschikking.legalGrounds },
              {
                key: 'objection',
                label: b.objectionDeadline,
                value: formatDate(beschikking.objectionDeadlineDate),
              },
            ]}
          />
          <Paragraph>{b.objectionText(formatDate(beschikking.objectionDeadlineDate))}</Paragraph>
        </section>
        <section className="grip-section" aria-labelledby="letter-heading">
          <Heading level={2} id="letter-heading">
            {b.letter}
          </Heading>
          <Paragraph>{b.letterIntro}</Paragraph>
          <Paragraph>
            <PlainLink href={decisionsApi.letterUrl(beschikking.id)} download>
              {b.letterLink(beschikking.reference)}
            </PlainLink>
          </Paragraph>
        </section>
      </div>

      <section className="grip-section" aria-labelledby="products-heading">
        <Heading level={2} id="products-heading">
          {b.productsHeading}
        </Heading>
        {beschikking.products.map((p) => {
          const own = allocations.filter((a) => a.beschikkingProductId === p.id);
          const headingId = `product-${p.id}-heading`;
          return (
            <section key={p.id} className="grip-panel grip-panel--subtle" aria-labelledby={headingId}>
              <Heading level={3} appearance={4} id={headingId} className="grip-panel__title">
                {p.serviceName}
              </Heading>
              <Paragraph className="grip-badge-line">
                <StatusBadge status={p.outcome === 'toegekend' ? 'success' : 'danger'}>
                  {b.productOutcomes[p.outcome] ?? p.outcome}
                </StatusBadge>
              </Paragraph>
              <DataList
                items={[
                  { key: 'grounds', label: b.grounds, value: p.grounds },
                  ...(p.outcome === 'toegekend'
                    ? [
                        { key: 'period', label: b.period, value: period(p) },
                        {
                          key: 'amount',
                          label: b.amount,
                          value: amountText(t, p.volume, p.unitCode, p.frequencyCode),
                        },
                      ]
                    : []),
                  ...(p.productCode
                    ? [
                        {
                          key: 'code',
                          label: b.productCode,
                          value: `${p.productCategoryCode ?? ''} ${p.productCode}`.trim(),
                        },
                      ]
                    : []),
                ]}
              />
              {p.outcome === 'afgewezen' ? (
                <Paragraph>{b.refusedNoAllocation}</Paragraph>
              ) : (
                <>
                  {own.length === 0 ? (
                    <Paragraph>{b.noAllocations}</Paragraph>
                  ) : (
                    <Table caption={b.allocationsHeading(p.serviceName)}>
                      <TableHead>
                        <HeaderCell>{t.toewijzing.number}</HeaderCell>
                        <HeaderCell>{t.toewijzing.providerName}</HeaderCell>
                        <HeaderCell>{t.toewijzing.period}</HeaderCell>
                        <HeaderCell>{t.toewijzing.amount}</HeaderCell>
                        <HeaderCell>{t.toewijzing.status}</HeaderCell>
                      </TableHead>
                      <TableBody>
                        {own.map((a) => (
                          <Row key={a.id}>
                            <RowHeaderCell>
                              <Link to={`/toewijzingen/${encodeURIComponent(a.id)}`}>
                                {t.toewijzing.title(a.toewijzingNumber)}
                              </Link>
                            </RowHeaderCell>
                            <Cell>{a.providerName}</Cell>
                            <Cell>
                              {a.endDate
                                ? b.periodText(formatDate(a.startDate), formatDate(a.endDate))
                                : t.toewijzing.periodOpen(formatDate(a.startDate))}
                            </Cell>
                            <Cell>{amountText(t, a.volume, a.unitCode, a.frequencyCode)}</Cell>
                            <Cell>{t.toewijzing.statuses[a.status] ?? a.status}</Cell>
                          </Row>
                        ))}
                      </TableBody>
                    </Table>
                  )}
                  <ToewijzingForm product={p} onCreated={allocated} />
                </>
              )}
            </section>
          );
        })}
      </section>
    </div>
  );
}
