import { useId, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from 'react';

/**
 * A table in a container that scrolls sideways on a narrow screen. The container can be focused and
 * scrolled by keyboard and is named after the caption.
 */
export function Table({
  caption,
  children,
  hideCaption,
}: {
  caption: string;
  children: ReactNode;
  hideCaption?: boolean;
}) {
  const captionId = useId();
  return (
    <div
      className="utrecht-table-container utrecht-table-container--overflow-inline grip-table-container"
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
    >
      <table className="utrecht-table utrecht-table--html-table">
        <caption
          id={captionId}
          className={`utrecht-table__caption${hideCaption ? ' grip-visually-hidden' : ''}`}
        >
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="utrecht-table__header">
      <tr className="utrecht-table__row">{children}</tr>
    </thead>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="utrecht-table__body">{children}</tbody>;
}

export function Row({ children }: { children: ReactNode }) {
  return <tr className="utrecht-table__row">{children}</tr>;
}

export function HeaderCell({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={['utrecht-table__header-cell', className].filter(Boolean).join(' ')}
      {...rest}
    />
  );
}

export function RowHeaderCell({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="row"
      className={['utrecht-table__header-cell', 'grip-row-header', className].filter(Boolean).join(' ')}
      {...rest}
    />
  );
}

export function Cell({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={['utrecht-table__cell', className].filter(Boolean).join(' ')} {...rest} />;
}
