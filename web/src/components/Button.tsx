import type { ComponentProps, ReactNode } from 'react';
import { RouterLink } from '../router.tsx';

export type ButtonAppearance = 'primary-action' | 'secondary-action' | 'subtle';

type ButtonProps = ComponentProps<'button'> & { appearance?: ButtonAppearance; busy?: boolean };

/** NL Design System button (utrecht-button). Type "button" unless told otherwise. */
export function Button({
  appearance = 'secondary-action',
  busy,
  className,
  type,
  disabled,
  ...rest
}: ButtonProps) {
  const classes = ['utrecht-button', `utrecht-button--${appearance}`];
  if (type === 'submit') classes.push('utrecht-button--submit');
  if (busy) classes.push('utrecht-button--busy');
  if (disabled) classes.push('utrecht-button--disabled');
  if (className) classes.push(className);
  return (
    <button
      type={type ?? 'button'}
      className={classes.join(' ')}
      disabled={disabled}
      aria-busy={busy || undefined}
      {...rest}
    />
  );
}

/** A link that looks like a button: for going to another page, never for an action. */
export function ButtonLink({
  to,
  appearance = 'secondary-action',
  children,
}: {
  to: string;
  appearance?: ButtonAppearance;
  children: ReactNode;
}) {
  return (
    <RouterLink
      to={to}
      className={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${appearance}`}
    >
      {children}
    </RouterLink>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="utrecht-button-group grip-button-group">{children}</div>;
}
