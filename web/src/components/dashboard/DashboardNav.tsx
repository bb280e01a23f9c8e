import type { Role } from '../../api.ts';
import { DASHBOARD_POLICY_ROLES, type DashboardFilters, type FilterOptions } from '../../dashboard-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { RouterLink, useLocation } from '../../router.tsx';
import { useCurrentSession, useSession } from '../../session.tsx';
import { pathWith } from './FilterBar.tsx';

export const DASHBOARD_PATH = '/dashboard';

/** The views in the dashboard's order: Dutch path segment → API view code. */
export const DASHBOARD_VIEWS = [
  { slug: 'volumes', code: 'volumes' },
  { slug: 'duur', code: 'durations' },
  { slug: 'geld', code: 'money' },
  { slug: 'piramide', code: 'pyramid' },
  { slug: 'overlap', code: 'overlap' },
  { slug: 'effecten', code: 'effects' },
  { slug: 'wijk-dna', code: 'wijk-dna' },
] as const;
export type DashboardViewCode = (typeof DASHBOARD_VIEWS)[number]['code'];

export const viewPath = (slug: string) => `${DASHBOARD_PATH}/${slug}`;

const PAGES: { slug: string; key: 'definitions' | 'region' | 'alerts'; roles: Role[] | null }[] = [
  { slug: 'definities', key: 'definitions', roles: null },
  { slug: 'regio', key: 'region', roles: DASHBOARD_POLICY_ROLES },
  { slug: 'signalen', key: 'alerts', roles: DASHBOARD_POLICY_ROLES },
];

/**
 * The dashboard's sub-navigation: a link per view (the filters travel along, so switching views keeps the
 * selection), then definitions, region and alerts. The current page is marked with aria-current.
 */
export function DashboardNav({ filters }: { filters: DashboardFilters }) {
  const { t } = useI18n();
  const d = t.dashboard;
  const { pathname } = useLocation();
  const { hasRole } = useSession();
  const current = pathname === DASHBOARD_PATH ? viewPath(DASHBOARD_VIEWS[0].slug) : pathname;
  return (
    <nav className="grip-dash-nav" aria-label={d.navLabel}>
      <ul className="grip-dash-nav__list">
        {DASHBOARD_VIEWS.map((v) => (
          <li key={v.slug}>
            <RouterLink
              to={pathWith(viewPath(v.slug), filters)}
              className="grip-dash-nav__link"
              aria-current={current === viewPath(v.slug) ? 'page' : undefined}
            >
              {d.views[v.code]}
            </RouterLink>
          </li>
        ))}
        {PAGES.filter((p) => !p.roles || hasRole(...p.roles)).map((p) => (
          <li key={p.slug} className="grip-dash-nav__extra">
            <RouterLink
              to={viewPath(p.slug)}
              className="grip-dash-nav__link"
              aria-current={current === viewPath(p.slug) ? 'page' : undefined}
            >
              {d.pages[p.key]}
            </RouterLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** City → wijk → buurt, each step a link that widens the selection again. */
export function Breadcrumbs({
  path,
  filters,
  options,
}: {
  path: string;
  filters: DashboardFilters;
  options: FilterOptions | null;
}) {
  const { t } = useI18n();
  const { municipalityName } = useSession();
  const code = useCurrentSession().municipalityCode;
  const wijkName = options?.wijken.find((w) => w.code === filters.wijk)?.name ?? filters.wijk;
  const buurtName = options?.buurten.find((b) => b.code === filters.buurt)?.name ?? filters.buurt;
  const steps: { text: string; to: string | null }[] = [
    {
      text: municipalityName(code),
      to:
        filters.wijk || filters.buurt
          ? pathWith(path, { ...filters, wijk: undefined, buurt: undefined })
          : null,
    },
  ];
  if (filters.wijk)
    steps.push({
      text: wijkName ?? '',
      to: filters.buurt ? pathWith(path, { ...filters, buurt: undefined }) : null,
    });
  if (filters.buurt) steps.push({ text: buurtName ?? '', to: null });
  return (
    <nav className="grip-dash-crumbs" aria-label={t.dashboard.crumbsLabel}>
      <ol className="grip-dash-crumbs__list">
        {steps.map((step, i) => (
          <li key={i}>
            {step.to ? (
              <RouterLink to={step.to} className="utrecht-link utrecht-link--html-a">
                {step.text}
              </RouterLink>
            ) : (
              <span aria-current="location">{step.text}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
