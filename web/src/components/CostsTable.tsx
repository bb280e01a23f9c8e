import type { CostCell, Costs } from '../catalogue-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMoney } from './ServiceShared.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';

/**
 * The cells of the costs answer as one table: month, group, funding variant, clients, commitments,
 * realisation and lump sums. A suppressed cell says so in words ("minder dan 10", "verborgen").
 */
export function CostsTable({ costs }: { costs: Costs }) {
  const { t, lang } = useI18n();
  const c = t.catCosts;
  const money = useMoney();
  const monthFormat = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const monthText = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
  const label = (cell: CostCell) =>
    cell.key === 'niet-toe-te-rekenen'
      ? c.unattributed
      : cell.key === 'onbekend'
        ? c.unknownWijk
        : costs.groupBy === 'law'
          ? (t.catCodes.laws[cell.key] ?? cell.label)
          : cell.label;
  const sorted = [...costs.cells].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      label(a).localeCompare(label(b), 'nl') ||
      a.fundingVariant.localeCompare(b.fundingVariant),
  );
  const amount = (cell: CostCell, cents: number | null) => (cell.suppressed ? c.hidden : money(cents ?? 0));
  return (
    <Table caption={c.caption}>
      <TableHead>
        <HeaderCell>{c.colMonth}</HeaderCell>
        <HeaderCell>{t.catCodes.costGroups[costs.groupBy]}</HeaderCell>
        <HeaderCell>{c.colFunding}</HeaderCell>
        <HeaderCell className="grip-number">{c.colClients}</HeaderCell>
        <HeaderCell className="grip-number">{c.colCommitment}</HeaderCell>
        <HeaderCell className="grip-number">{c.colRealisation}</HeaderCell>
        <HeaderCell className="grip-number">{c.colLumpSum}</HeaderCell>
      </TableHead>
      <TableBody>
        {sorted.map((cell) => (
          <Row key={`${cell.month}|${cell.key}|${cell.fundingVariant}`}>
            <Cell className="grip-nowrap">{monthText(cell.month)}</Cell>
            <RowHeaderCell>{label(cell)}</RowHeaderCell>
            <Cell>{t.catCodes.fundingShort[cell.fundingVariant]}</Cell>
            <Cell className="grip-number">
              {cell.suppressed ? c.fewerThan(costs.threshold) : (cell.clients ?? t.common.empty)}
            </Cell>
            <Cell className="grip-number grip-nowrap">{amount(cell, cell.commitmentCents)}</Cell>
            <Cell className="grip-number grip-nowrap">{amount(cell, cell.realisationCents)}</Cell>
            <Cell className="grip-number grip-nowrap">{amount(cell, cell.lumpSumCents)}</Cell>
          </Row>
        ))}
        <Row>
          <RowHeaderCell colSpan={4}>{c.total}</RowHeaderCell>
          <Cell className="grip-number grip-nowrap">{money(costs.totals.commitmentCents)}</Cell>
          <Cell className="grip-number grip-nowrap">{money(costs.totals.realisationCents)}</Cell>
          <Cell className="grip-number grip-nowrap">{money(costs.totals.lumpSumCents)}</Cell>
        </Row>
      </TableBody>
    </Table>
  );
}
