import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { RouterLink } from '../router.tsx';

/** A link to a page inside the app (utrecht-link). */
export function Link({
  to,
  children,
  className,
  ...rest
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode }) {
  return (
    <RouterLink
      to={to}
      className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')}
      {...rest}
    >
      {children}
    </RouterLink>
  );
}

/** A link that leaves the app (a full page load), e.g. the OpenID Connect log-in or the API docs. */
export function PlainLink({ href, children, className, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      href={href}
      className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')}
      {...rest}
    >
      {children}
    </a>
  );
}
