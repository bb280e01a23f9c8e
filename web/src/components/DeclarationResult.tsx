import type { Declaration, UnknownLine } from '../decisions-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Alert } from './Alert.tsx';
import { DataList } from './DataList.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { lawName, money } from './ToewijzingText.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/**
 * Lines that named no allocation of the provider are not stored (there is nothing to link them to), so
 * only the answer to the submit has them: kept here in memory for the page that shows the result.
 */
let pendingUnknown: { id: string; lines: UnknownLine[] } | null = null;

export function rememberUnknownLines(declarationId: string, lines: UnknownLine[]): void {
  pendingUnknown = lines.length > 0 ? { id: declarationId, lines } : null;
}

export function takeUnknownLines(declarationId: string): UnknownLine[] {
  if (!pendingUnknown || pendingUnknown.id !== declarationId) return [];
  const { lines } = pendingUnknown;
  pendingUnknown = null;
  return lines;
}

/** A declaration with, per line, accepted or rejected — and for a rejection the reason and return code. */
export function DeclarationResult({
  declaration: d,
  unknownLines,
}: {
  declaration: Declaration;
  unknownLines: UnknownLine[];
}) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const p = t.provider;
  const accepted = d.lines.filter((l) => l.status === 'geaccepteerd').length;
  const rejected = d.lines.length - accepted + unknownLines.length;
  return (
    <>
      <DataList
        items={[
          { key: 'number', label: p.declarationNumber, value: d.declarationNumber },
          { key: 'law', label: p.lawLabel, value: lawName(t, d.lawCode) },
          {
            key: 'period',
            label: p.periodLabel,
            value: t.beschikking.periodText(formatDate(d.periodStartDate), formatDate(d.periodEndDate)),
          },
          { key: 'submitted', label: p.submittedAt, value: formatDateTime(d.submittedAt) },
          { key: 'total', label: p.total, value: money(d.totalCents, lang) },
          { key: 'accepted', label: p.accepted, value: money(d.acceptedCents, lang) },
        ]}
      />
      <Alert type={rejected > 0 ? 'warning' : 'ok'}>
        <Paragraph>{p.resultSummary(accepted, rejected)}</Paragraph>
      </Alert>
      {d.lines.length > 0 ? (
        <Table caption={p.linesCaption}>
          <TableHead>
            <HeaderCell>{p.lineColumn}</HeaderCell>
            <HeaderCell>{p.allocation}</HeaderCell>
            <HeaderCell>{p.periodLabel}</HeaderCell>
            <HeaderCell>{p.volume}</HeaderCell>
            <HeaderCell>{p.tariff}</HeaderCell>
            <HeaderCell>{p.amountLabel}</HeaderCell>
            <HeaderCell>{p.lineStatus}</HeaderCell>
            <HeaderCell>{p.rejectionReason}</HeaderCell>
          </TableHead>
          <TableBody>
            {d.lines.map((l, i) => (
              <Row key={l.id}>
                <RowHeaderCell>{i + 1}</RowHeaderCell>
                <Cell>{l.toewijzingNumber}</Cell>
                <Cell>
                  {t.beschikking.periodText(formatDate(l.periodStartDate), formatDate(l.periodEndDate))}
                </Cell>
                <Cell>
                  {l.volume} {t.decisionCodes.unit[l.unitCode] ?? l.unitCode}
                </Cell>
                <Cell>{money(l.tariffCents, lang)}</Cell>
                <Cell>{money(l.amountCents, lang)}</Cell>
                <Cell>
                  <StatusBadge status={l.status === 'geaccepteerd' ? 'success' : 'danger'}>
                    {p.lineStatuses[l.status] ?? l.status}
                  </StatusBadge>
                </Cell>
                <Cell>
                  {l.status === 'afgewezen' && l.rejectionReason
                    ? p.rejectionText(l.rejectionCode ?? '', l.rejectionReason)
                    : t.common.empty}
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {unknownLines.length > 0 ? (
        <section className="grip-section" aria-labelledby="unknown-heading">
          <Heading level={2} appearance={3} id="unknown-heading">
            {p.unknownHeading}
          </Heading>
          <Paragraph>{p.unknownIntro}</Paragraph>
          <ul className="utrecht-unordered-list">
            {unknownLines.map((u) => (
              <li key={u.index} className="utrecht-unordered-list__item">
                {p.unknownLine(u.index, u.toewijzingNumber, u.reason[lang], u.rejectionCode)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
