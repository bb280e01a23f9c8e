import { useEffect, type ReactNode } from 'react';
import type { Role } from './api.ts';
import { CASEWORK_ROLES, PERSON_EDIT_ROLES, PRIVACY_ROLES, USER_ADMIN_ROLES } from './access.ts';
import { Layout } from './components/Layout.tsx';
import { Paragraph } from './components/Typography.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { ForbiddenPage } from './pages/ForbiddenPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PersonDetailPage } from './pages/PersonDetailPage.tsx';
import { PersonNewPage } from './pages/PersonNewPage.tsx';
import { PersonsPage } from './pages/PersonsPage.tsx';
import { ProcessingLogPage } from './pages/ProcessingLogPage.tsx';
import { UserEditPage } from './pages/UserEditPage.tsx';
import { UserNewPage } from './pages/UserNewPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { matchPath, navigate, safeReturnPath, useLocation, withQuery } from './router.tsx';
import { useSession } from './session.tsx';

interface RouteDef {
  path: string;
  roles: Role[] | 'all';
  render(params: Record<string, string>): ReactNode;
}

/** The pages for logged-in users, most specific first. Paths are Dutch, like the rest of the app. */
const ROUTES: RouteDef[] = [
  { path: '/', roles: 'all', render: () => <HomePage /> },
  { path: '/inwoners', roles: CASEWORK_ROLES, render: () => <PersonsPage /> },
  { path: '/inwoners/nieuw', roles: PERSON_EDIT_ROLES, render: () => <PersonNewPage /> },
  { path: '/inwoners/:id', roles: CASEWORK_ROLES, render: (p) => <PersonDetailPage key={p.id} id={p.id!} /> },
  { path: '/gebruikers', roles: USER_ADMIN_ROLES, render: () => <UsersPage /> },
  { path: '/gebruikers/nieuw', roles: USER_ADMIN_ROLES, render: () => <UserNewPage /> },
  { path: '/gebruikers/:id', roles: USER_ADMIN_ROLES, render: (p) => <UserEditPage key={p.id} id={p.id!} /> },
  { path: '/verwerkingslog', roles: PRIVACY_ROLES, render: () => <ProcessingLogPage /> },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Loading() {
  const { t } = useI18n();
  return (
    <div role="status" className="grip-loading">
      <Paragraph>{t.common.loading}</Paragraph>
    </div>
  );
}

function resolve(pathname: string, hasRole: (...roles: Role[]) => boolean): ReactNode {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.roles !== 'all' && !hasRole(...route.roles)) return <ForbiddenPage />;
    return route.render(params);
  }
  return <NotFoundPage />;
}

export function App() {
  const { state, hasRole } = useSession();
  const location = useLocation();
  const { pathname, search } = location;

  let content: ReactNode;
  if (state.status === 'loading') {
    content = <Loading />;
  } else if (pathname === '/inloggen') {
    content =
      state.status === 'authenticated' ? (
        <Redirect to={safeReturnPath(location.query.get('terug'))} />
      ) : (
        <LoginPage />
      );
  } else if (state.status === 'anonymous') {
    const back = pathname === '/' && !search ? undefined : `${pathname}${search}`;
    content = (
      <Redirect to={withQuery('/inloggen', { terug: state.reason === 'logged-out' ? undefined : back })} />
    );
  } else {
    content = resolve(pathname, hasRole);
  }
  return <Layout>{content}</Layout>;
}
