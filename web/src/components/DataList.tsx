import type { ReactNode } from 'react';

/** A list of label–value pairs (utrecht-data-list) on a <dl>. */
export function DataList({ items }: { items: { key: string; label: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className="utrecht-data-list grip-data-list">
      {items.map((item) => (
        <div key={item.key} className="utrecht-data-list__item grip-data-list__item">
          <dt className="utrecht-data-list__item-key">{item.label}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
