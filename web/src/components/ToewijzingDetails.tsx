import type { Toewijzing } from '../decisions-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DataList } from './DataList.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { amountText, changeReasonName, endReasonName, lawName, money } from './ToewijzingText.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/** An allocation as the 301 message has it: client, provider, product, period, volume, budget; and its changes. */
export function ToewijzingDetails({ toewijzing: a }: { toewijzing: Toewijzing }) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const w = t.toewijzing;
  const period = a.endDate
    ? t.beschikking.periodText(formatDate(a.startDate), formatDate(a.endDate))
    : w.periodOpen(formatDate(a.startDate));
  return (
    <>
      <DataList
        items={[
          { key: 'number', label: w.number, value: String(a.toewijzingNumber) },
          { key: 'client', label: w.client, value: a.client.name },
          ...(a.client.bsn ? [{ key: 'bsn', label: w.bsn, value: a.client.bsn }] : []),
          { key: 'birth', label: w.birthDate, value: formatDate(a.client.birthDate) },
          { key: 'provider', label: w.providerName, value: a.providerName },
          { key: 'product', label: w.product, value: a.serviceName },
          {
            key: 'code',
            label: w.productCode,
            value: a.productCode ? `${a.productCategoryCode ?? ''} ${a.productCode}`.trim() : t.common.empty,
          },
          { key: 'law', label: w.law, value: lawName(t, a.lawCode) },
          { key: 'period', label: w.period, value: period },
          { key: 'amount', label: w.amount, value: amountText(t, a.volume, a.unitCode, a.frequencyCode) },
          { key: 'budget', label: w.budgetLabel, value: money(a.budgetCents, lang, t.common.empty) },
          { key: 'commitment', label: w.commitment, value: money(a.commitmentCents, lang) },
          { key: 'status', label: w.status, value: w.statuses[a.status] ?? a.status },
          ...(a.endReasonCode
            ? [{ key: 'end', label: w.endReason, value: endReasonName(t, a.lawCode, a.endReasonCode) }]
            : []),
          ...(a.changeReasonCode
            ? [{ key: 'change', label: w.changeReasonLabel, value: changeReasonName(t, a.changeReasonCode) }]
            : []),
        ]}
      />
      <Heading level={2} appearance={3}>
        {w.changesHeading}
      </Heading>
      {a.changes.length === 0 ? (
        <Paragraph>{w.noChanges}</Paragraph>
      ) : (
        <Table caption={w.changesCaption} hideCaption>
          <TableHead>
            <HeaderCell>{w.changedAt}</HeaderCell>
            <HeaderCell>{w.kind}</HeaderCell>
            <HeaderCell>{w.reason}</HeaderCell>
            <HeaderCell>{w.previous}</HeaderCell>
          </TableHead>
          <TableBody>
            {a.changes.map((c, i) => (
              <Row key={`${c.changedAt}-${i}`}>
                <RowHeaderCell>{formatDateTime(c.changedAt)}</RowHeaderCell>
                <Cell>{w.changeKinds[c.kind] ?? c.kind}</Cell>
                <Cell>
                  {c.kind === 'beeindigd'
                    ? endReasonName(t, a.lawCode, c.reasonCode)
                    : changeReasonName(t, c.reasonCode)}
                </Cell>
                <Cell>
                  {w.previousText(
                    c.previousEndDate ? formatDate(c.previousEndDate) : null,
                    c.previousVolume,
                    c.previousBudgetCents !== null ? money(c.previousBudgetCents, lang) : null,
                  )}
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
