import { useEffect, useRef, type ReactNode } from 'react';
import { NAV_ITEMS } from '../access.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, RouterLink, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { Button } from './Button.tsx';
import { PlainLink } from './Link.tsx';
import { Notifications } from './Notifications.tsx';

function Logo({ municipality }: { municipality: string | null }) {
  const { t } = useI18n();
  return (
    <RouterLink to="/" className="grip-logo">
      <svg
        className="grip-logo__mark"
        viewBox="0 0 32 32"
        width="40"
        height="40"
        aria-hidden="true"
        focusable="false"
      >
        <rect width="32" height="32" rx="6" />
        <path d="M22.5 11.2A7.5 7.5 0 1 0 23.5 17h-7" />
      </svg>
      <span className="grip-logo__text">
        <span className="grip-logo__name">{t.app.name}</span>
        <span className="grip-logo__sub">
          {municipality ? t.app.municipality(municipality) : t.app.tagline}
        </span>
      </span>
      <span className="grip-visually-hidden">, {t.layout.homeLink}</span>
    </RouterLink>
  );
}

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Button
      appearance="subtle"
      className="grip-language"
      lang={t.layout.otherLanguageCode}
      onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}
    >
      <svg
        viewBox="0 0 24 24"
        width="20"
        height="20"
        aria-hidden="true"
        focusable="false"
        className="grip-icon"
      >
        <circle cx="12" cy="12" r="9.25" />
        <path d="M2.75 12h18.5M12 2.75c2.6 2.6 3.8 5.8 3.8 9.25S14.6 18.65 12 21.25M12 2.75C9.4 5.35 8.2 8.55 8.2 12s1.2 6.65 3.8 9.25" />
      </svg>
      {t.layout.otherLanguage}
    </Button>
  );
}

function MainNav() {
  const { t } = useI18n();
  const { hasRole } = useSession();
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => item.roles === 'all' || hasRole(...item.roles));
  return (
    <nav className="utrecht-nav-bar grip-nav" aria-label={t.layout.mainNav}>
      <div className="utrecht-nav-bar__content grip-nav__content">
        <ul className="utrecht-nav-list grip-nav__list">
          {items.map((item) => {
            const exact = pathname === item.path;
            const inSection = item.path !== '/' && pathname.startsWith(`${item.path}/`);
            return (
              <li key={item.key} className="utrecht-nav-list__item">
                <RouterLink
                  to={item.path}
                  className="utrecht-nav-list__link grip-nav__link"
                  aria-current={exact ? 'page' : inSection ? 'true' : undefined}
                >
                  {t.nav[item.key]}
                </RouterLink>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

function Footer() {
  const { t } = useI18n();
  return (
    <footer className="utrecht-page-footer grip-footer">
      <div className="utrecht-page-footer__content grip-footer__content">
        <div className="grip-footer__about">
          <h2 className="utrecht-heading-4 grip-footer__heading">{t.layout.footerHeading}</h2>
          <p className="utrecht-paragraph">{t.layout.footerText}</p>
          <p className="utrecht-paragraph">{t.layout.footerPrivacy}</p>
        </div>
        <div className="grip-footer__links">
          <h2 className="utrecht-heading-4 grip-footer__heading">{t.layout.footerLinks}</h2>
          <ul className="utrecht-link-list utrecht-link-list--html-ul grip-footer__list">
            <li className="utrecht-link-list__item">
              <PlainLink href="/api-docs" className="utrecht-link-list__link">
                {t.layout.apiDocs}
              </PlainLink>
            </li>
            <li className="utrecht-link-list__item">{t.layout.licence}</li>
          </ul>
        </div>
      </div>
    </footer>
  );
}

/**
 * The frame of every page: skip link, header (banner) with language switch and log-out, the navigation
 * for the user's roles, main and footer. `municipalityCode` names the municipality in the header on public
 * pages (the resident's online form), where nobody is logged in. Moves focus to the page heading after each
 * navigation, so screen reader and keyboard users start at the new content.
 */
export function Layout({
  children,
  municipalityCode,
}: {
  children: ReactNode;
  municipalityCode?: string | null;
}) {
  const { t } = useI18n();
  const { state, logout, municipalityName } = useSession();
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const frame = window.requestAnimationFrame(() => {
      const heading = document.getElementById('page-title');
      if (heading) heading.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    });
    return () => window.cancelAnimationFrame(frame);
  }, [pathname]);

  const session = state.status === 'authenticated' ? state.session : null;

  const handleLogout = async () => {
    await logout();
    navigate('/inloggen', { replace: true });
  };

  return (
    <div className="grip-app">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        {t.layout.skipLink}
      </a>
      <header className="utrecht-page-header grip-header">
        <div className="utrecht-page-header__content grip-header__content">
          <Logo
            municipality={
              session
                ? municipalityName(session.municipalityCode)
                : municipalityCode
                  ? municipalityName(municipalityCode)
                  : null
            }
          />
          <div className="grip-header__tools">
            {session ? <Notifications /> : null}
            <LanguageSwitch />
            {session ? (
              <div className="grip-user">
                <p className="grip-user__name">
                  <span className="grip-user__label">{t.layout.loggedInAs}</span>{' '}
                  <strong>{session.displayName}</strong>
                </p>
                <Button appearance="secondary-action" onClick={handleLogout}>
                  {t.layout.logout}
                </Button>
              </div>
            ) : null}
          </div>
        </div>
      </header>
      {session ? <MainNav /> : <div className="grip-nav-placeholder" />}
      <main id="main" tabIndex={-1} className="utrecht-page-body grip-main">
        <div className="utrecht-page-body__content grip-main__content">{children}</div>
      </main>
      <Footer />
    </div>
  );
}
