import type { FigureTable } from '../../dashboard-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../Link.tsx';
import { Cell, HeaderCell, RowHeaderCell, Table, TableBody } from '../Table.tsx';
import { measureText, isHidden, pick } from './figures.ts';

/**
 * A figure table as an HTML table: the accessible alternative of its chart and exactly what the exports
 * hold. Group rows (a wijk above its buurten) and the total are marked; a hidden cell reads '<10' or 'x'
 * with an explanation for screen readers; a row that drills down is a link.
 */
export function FigureTableView({
  table,
  drillHref,
}: {
  table: FigureTable;
  drillHref: ((key: string) => string) | null;
}) {
  const { t, lang } = useI18n();
  const d = t.dashboard;
  const cells = (values: Record<string, FigureTable['rows'][number]['values'][string]>) =>
    table.measures.map((m) => {
      const cell = values[m.code];
      return (
        <Cell key={m.code} className={`grip-number${isHidden(cell) ? ' grip-dash-hidden' : ''}`}>
          {measureText(cell, m, lang)}
          {isHidden(cell) ? (
            <span className="grip-visually-hidden">
              {' '}
              ({cell === '<10' ? d.hiddenSmall : d.hiddenSecondary})
            </span>
          ) : null}
        </Cell>
      );
    });
  const groups = new Map((table.groups ?? []).map((g) => [g.key, g]));
  const ordered: { kind: 'group' | 'row'; key: string }[] = [];
  const seenGroups = new Set<string>();
  for (const row of table.rows) {
    if (row.group && groups.has(row.group) && !seenGroups.has(row.group)) {
      seenGroups.add(row.group);
      ordered.push({ kind: 'group', key: row.group });
    }
    ordered.push({ kind: 'row', key: row.key });
  }
  const rowsByKey = new Map(table.rows.map((r) => [r.key, r]));
  return (
    <Table caption={pick(table.title, lang)}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <HeaderCell>{pick(table.dimension.label, lang)}</HeaderCell>
          {table.measures.map((m) => (
            <HeaderCell key={m.code} className="grip-number">
              {pick(m.label, lang)}
            </HeaderCell>
          ))}
        </tr>
      </thead>
      <TableBody>
        {ordered.map((item) => {
          if (item.kind === 'group') {
            const group = groups.get(item.key)!;
            return (
              <tr key={`group-${item.key}`} className="utrecht-table__row grip-dash-group-row">
                <RowHeaderCell>{pick(group.label, lang)}</RowHeaderCell>
                {cells(group.values)}
              </tr>
            );
          }
          const row = rowsByKey.get(item.key)!;
          const href = drillHref ? drillHref(row.key) : null;
          const label = pick(row.label, lang);
          return (
            <tr key={row.key} className="utrecht-table__row">
              <RowHeaderCell className={row.group && groups.has(row.group) ? 'grip-dash-indent' : undefined}>
                {href ? (
                  <Link to={href} aria-label={d.drillTo(label)}>
                    {label}
                  </Link>
                ) : (
                  label
                )}
              </RowHeaderCell>
              {cells(row.values)}
            </tr>
          );
        })}
        {table.total ? (
          <tr className="utrecht-table__row grip-dash-total-row">
            <RowHeaderCell>{d.total}</RowHeaderCell>
            {cells(table.total)}
          </tr>
        ) : null}
      </TableBody>
    </Table>
  );
}
