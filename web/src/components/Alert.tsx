import type { ReactNode, Ref } from 'react';

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

interface AlertProps {
  type?: AlertType;
  /** "alert" interrupts a screen reader, "status" waits; leave out for text that is there from the start. */
  role?: 'alert' | 'status';
  children: ReactNode;
  id?: string;
  tabIndex?: number;
  labelledBy?: string;
  ref?: Ref<HTMLDivElement>;
}

/** NL Design System alert (utrecht-alert) with an icon that is only decoration. */
export function Alert({ type = 'info', role, children, id, tabIndex, labelledBy, ref }: AlertProps) {
  return (
    <div
      ref={ref}
      id={id}
      tabIndex={tabIndex}
      role={role ?? (labelledBy ? 'group' : undefined)}
      aria-labelledby={labelledBy}
      className={`utrecht-alert utrecht-alert--${type} grip-alert`}
    >
      <div className="utrecht-alert__icon grip-alert__icon" aria-hidden="true">
        <AlertIcon type={type} />
      </div>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message grip-alert__message">{children}</div>
      </div>
    </div>
  );
}

function AlertIcon({ type }: { type: AlertType }) {
  const common = {
    width: 24,
    height: 24,
    viewBox: '0 0 24 24',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 2,
  };
  if (type === 'ok') {
    return (
      <svg {...common} focusable="false">
        <circle cx="12" cy="12" r="10" />
        <path d="m7.5 12.5 3 3 6-6.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  if (type === 'error' || type === 'warning') {
    return (
      <svg {...common} focusable="false">
        <path d="M12 2.8 22 20.5H2z" strokeLinejoin="round" />
        <path d="M12 9.5v5" strokeLinecap="round" />
        <circle cx="12" cy="17.5" r="0.6" fill="currentColor" />
      </svg>
    );
  }
  return (
    <svg {...common} focusable="false">
      <circle cx="12" cy="12" r="10" />
      <path d="M12 11v6" strokeLinecap="round" />
      <circle cx="12" cy="7.5" r="0.6" fill="currentColor" />
    </svg>
  );
}
