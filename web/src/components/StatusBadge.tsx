import type { ReactNode } from 'react';

export type BadgeStatus = 'active' | 'inactive' | 'danger' | 'warning' | 'neutral' | 'success';

export function StatusBadge({ status, children }: { status: BadgeStatus; children: ReactNode }) {
  return (
    <span className={`utrecht-status-badge utrecht-status-badge--${status} grip-badge`}>{children}</span>
  );
}
