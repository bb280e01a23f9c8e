import { useEffect, type ReactNode } from 'react';
import type { Role } from './api.ts';
import {
  CASEWORK_ROLES,
  INTAKE_ROLES,
  PERSON_EDIT_ROLES,
  PRIVACY_ROLES,
  QUESTIONNAIRE_ROLES,
  REPORT_ROLES,
  RESIDENT_ROLES,
  USER_ADMIN_ROLES,
} from './access.ts';
import { Layout } from './components/Layout.tsx';
import { Paragraph } from './components/Typography.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { BreakGlassPage } from './pages/BreakGlassPage.tsx';
import { ForbiddenPage } from './pages/ForbiddenPage.tsx';
import { HelpQuestionNewPage } from './pages/HelpQuestionNewPage.tsx';
import { HelpQuestionPage } from './pages/HelpQuestionPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MyHelpQuestionsPage } from './pages/MyHelpQuestionsPage.tsx';
import { MyPlanPage } from './pages/MyPlanPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OnlineIntakePage, OnlineIntakeSentPage } from './pages/OnlineIntakePage.tsx';
import { PersonDetailPage } from './pages/PersonDetailPage.tsx';
import { PersonNewPage } from './pages/PersonNewPage.tsx';
import { PersonsPage } from './pages/PersonsPage.tsx';
import { PlanPage } from './pages/PlanPage.tsx';
import { PlansPage } from './pages/PlansPage.tsx';
import { ProcessingLogPage } from './pages/ProcessingLogPage.tsx';
import { QuestionnairesPage } from './pages/QuestionnairesPage.tsx';
import { QuestionnaireVersionPage } from './pages/QuestionnaireVersionPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { UserEditPage } from './pages/UserEditPage.tsx';
import { UserNewPage } from './pages/UserNewPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { WorklistPage } from './pages/WorklistPage.tsx';
import { matchPath, navigate, safeReturnPath, useLocation, withQuery } from './router.tsx';
import { useSession } from './session.tsx';
import {
  CATALOGUE_ADMIN_ROLES,
  CATALOGUE_READ_ROLES,
  COSTS_ROLES,
  FRAUD_REGISTER_ROLES,
  PROVIDER_READ_ROLES,
} from './catalogue-api.ts';
import { ContractPage } from './pages/ContractPage.tsx';
import { CostsPage } from './pages/CostsPage.tsx';
import { FraudPage } from './pages/FraudPage.tsx';
import { FraudSuspicionPage } from './pages/FraudSuspicionPage.tsx';
import { ProviderAdminPage } from './pages/ProviderAdminPage.tsx';
import { ProvidersAdminPage } from './pages/ProvidersAdminPage.tsx';
import { ServiceNewPage } from './pages/ServiceNewPage.tsx';
import { ServicePage } from './pages/ServicePage.tsx';
import { ServicesPage } from './pages/ServicesPage.tsx';
import { VoorzieningenMapPage } from './pages/VoorzieningenMapPage.tsx';
import { ALLOCATION_READER_ROLES, DECISION_ROLES, PROVIDER_ROLES } from './decisions-api.ts';
import { BeschikkingNewPage } from './pages/BeschikkingNewPage.tsx';
import { BeschikkingPage } from './pages/BeschikkingPage.tsx';
import { ProviderDeclarationNewPage } from './pages/ProviderDeclarationNewPage.tsx';
import { ProviderDeclarationPage } from './pages/ProviderDeclarationPage.tsx';
import { ProviderPortalPage } from './pages/ProviderPortalPage.tsx';
import { ToewijzingPage } from './pages/ToewijzingPage.tsx';
import { STEERING_ROLES } from './steering-api.ts';
import { PROGRESS_REPORT_PATH, SteeringProgressReportPage } from './pages/SteeringProgressReportPage.tsx';
import { BUDGET_PATH, SteeringBudgetPage } from './pages/SteeringBudgetPage.tsx';
import { STEERING_PATH, SteeringPage } from './pages/SteeringPage.tsx';
import { STEERING_EDIT_PATH, SteeringEditPage } from './pages/SteeringEditPage.tsx';
import { DASHBOARD_POLICY_ROLES, DASHBOARD_ROLES } from './access.ts';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { DashboardDefinitionsPage } from './pages/DashboardDefinitionsPage.tsx';
import { DashboardRegionPage } from './pages/DashboardRegionPage.tsx';
import { DashboardAlertsPage } from './pages/DashboardAlertsPage.tsx';

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
  { path: '/werklijst', roles: INTAKE_ROLES, render: () => <WorklistPage /> },
  { path: '/hulpvragen/nieuw', roles: INTAKE_ROLES, render: () => <HelpQuestionNewPage /> },
  { path: '/hulpvragen/:id', roles: INTAKE_ROLES, render: (p) => <HelpQuestionPage key={p.id} id={p.id!} /> },
  { path: '/plannen/:id', roles: CASEWORK_ROLES, render: (p) => <PlanPage key={p.id} id={p.id!} /> },
  { path: '/vragenlijsten', roles: QUESTIONNAIRE_ROLES, render: () => <QuestionnairesPage /> },
  {
    path: '/vragenlijsten/versies/:id',
    roles: QUESTIONNAIRE_ROLES,
    render: (p) => <QuestionnaireVersionPage key={p.id} id={p.id!} />,
  },
  { path: '/rapportage/hulpvragen', roles: REPORT_ROLES, render: () => <ReportPage /> },
  { path: '/mijn-hulpvragen', roles: RESIDENT_ROLES, render: () => <MyHelpQuestionsPage /> },
  { path: '/plannen', roles: CASEWORK_ROLES, render: () => <PlansPage /> },
  { path: '/mijn-plan', roles: RESIDENT_ROLES, render: () => <MyPlanPage /> },
  { path: '/doorbraken', roles: PRIVACY_ROLES, render: () => <BreakGlassPage /> },
  // Beschikkingen, toewijzingen and the provider's portal (issue 6).
  {
    path: '/hulpvragen/:id/beschikking',
    roles: DECISION_ROLES,
    render: (p) => <BeschikkingNewPage key={p.id} helpQuestionId={p.id!} />,
  },
  {
    path: '/beschikkingen/:id',
    roles: DECISION_ROLES,
    render: (p) => <BeschikkingPage key={p.id} id={p.id!} />,
  },
  {
    path: '/toewijzingen/:id',
    roles: ALLOCATION_READER_ROLES,
    render: (p) => <ToewijzingPage key={p.id} id={p.id!} />,
  },
  { path: '/aanbieder', roles: PROVIDER_ROLES, render: () => <ProviderPortalPage /> },
  {
    path: '/aanbieder/declaraties/nieuw',
    roles: PROVIDER_ROLES,
    render: () => <ProviderDeclarationNewPage />,
  },
  {
    path: '/aanbieder/declaraties/:id',
    roles: PROVIDER_ROLES,
    render: (p) => <ProviderDeclarationPage key={p.id} id={p.id!} />,
  },
  // Issue 6: catalogue, providers and contracts, fraud register, costs (helper H9).
  { path: '/catalogus', roles: CATALOGUE_READ_ROLES, render: () => <ServicesPage /> },
  { path: '/catalogus/nieuw', roles: CATALOGUE_ADMIN_ROLES, render: () => <ServiceNewPage /> },
  {
    path: '/catalogus/:id',
    roles: CATALOGUE_READ_ROLES,
    render: (p) => <ServicePage key={p.id} id={p.id!} />,
  },
  { path: '/aanbieders', roles: PROVIDER_READ_ROLES, render: () => <ProvidersAdminPage /> },
  {
    path: '/aanbieders/:id',
    roles: PROVIDER_READ_ROLES,
    render: (p) => <ProviderAdminPage key={p.id} id={p.id!} />,
  },
  {
    path: '/contracten/:id',
    roles: PROVIDER_READ_ROLES,
    render: (p) => <ContractPage key={p.id} id={p.id!} />,
  },
  { path: '/fraude', roles: FRAUD_REGISTER_ROLES, render: () => <FraudPage /> },
  {
    path: '/fraude/:id',
    roles: FRAUD_REGISTER_ROLES,
    render: (p) => <FraudSuspicionPage key={p.id} id={p.id!} />,
  },
  { path: '/kosten', roles: COSTS_ROLES, render: () => <CostsPage /> },
  { path: STEERING_PATH, roles: STEERING_ROLES, render: () => <SteeringPage /> },
  { path: STEERING_EDIT_PATH, roles: STEERING_ROLES, render: () => <SteeringEditPage /> },
  { path: BUDGET_PATH, roles: STEERING_ROLES, render: () => <SteeringBudgetPage /> },
  { path: PROGRESS_REPORT_PATH, roles: STEERING_ROLES, render: () => <SteeringProgressReportPage /> },
  // Issue 8: the dashboard sociaal domein (helper W).
  { path: '/dashboard', roles: DASHBOARD_ROLES, render: () => <DashboardPage slug="volumes" /> },
  { path: '/dashboard/definities', roles: DASHBOARD_ROLES, render: () => <DashboardDefinitionsPage /> },
  { path: '/dashboard/regio', roles: DASHBOARD_POLICY_ROLES, render: () => <DashboardRegionPage /> },
  { path: '/dashboard/signalen', roles: DASHBOARD_POLICY_ROLES, render: () => <DashboardAlertsPage /> },
  { path: '/dashboard/:view', roles: DASHBOARD_ROLES, render: (p) => <DashboardPage slug={p.view!} /> },
];

/** Pages anyone may use without logging in: the resident's own online form ("Hulp vragen"). */
function publicPage(pathname: string, query: URLSearchParams, defaultMunicipality: string | null): ReactNode {
  if (pathname === '/voorzieningen') {
    // Algemene voorzieningen near an address: public; logged in, the session's municipality is used.
    const named = (query.get('gemeente') ?? defaultMunicipality ?? '').toUpperCase();
    return <VoorzieningenMapPage municipality={/^GM\d{4}$/.test(named) ? named : null} />;
  }
  if (pathname !== '/aanmelden' && pathname !== '/aanmelden/verzonden') return null;
  const asked = query.get('gemeente');
  const municipality = (asked ?? defaultMunicipality ?? '').toUpperCase();
  if (!/^GM\d{4}$/.test(municipality)) return asked ? <NotFoundPage /> : <Loading />;
  return pathname === '/aanmelden' ? (
    <OnlineIntakePage key={municipality} municipality={municipality} />
  ) : (
    <OnlineIntakeSentPage municipality={municipality} />
  );
}

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
  const { state, hasRole, loginOptions } = useSession();
  const location = useLocation();
  const { pathname, search } = location;

  const publicContent = publicPage(pathname, location.query, loginOptions?.defaultMunicipality ?? null);
  let content: ReactNode;
  if (publicContent) {
    content = publicContent;
  } else if (state.status === 'loading') {
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
  const publicMunicipality = publicContent
    ? (location.query.get('gemeente') ?? loginOptions?.defaultMunicipality ?? null)?.toUpperCase()
    : null;
  return <Layout municipalityCode={publicMunicipality}>{content}</Layout>;
}
