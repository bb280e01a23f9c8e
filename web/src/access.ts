import type { Role } from './api.ts';

/**
 * Which roles see which part of the app. This mirrors the permission table of the API
 * (src/access/actions.ts); the API stays the one that decides.
 */
export const CASEWORK_ROLES: Role[] = ['toegang-medewerker', 'wijkteam-medewerker', 'regisseur'];
export const PERSON_EDIT_ROLES: Role[] = ['toegang-medewerker', 'wijkteam-medewerker'];
export const USER_ADMIN_ROLES: Role[] = ['functioneel-beheerder'];
export const PRIVACY_ROLES: Role[] = ['privacy-officer'];
/** Help questions, the broad intake, triage and the worklist (actions help-question.*, intake.*, worklist.read). */
export const INTAKE_ROLES: Role[] = CASEWORK_ROLES;
/** The questionnaire's versions (questionnaire.list, questionnaire-version.*). */
export const QUESTIONNAIRE_ROLES: Role[] = ['functioneel-beheerder'];
/** The registration report of help questions (help-question-report.read). */
export const REPORT_ROLES: Role[] = ['beleidsadviseur', 'toegang-medewerker'];
/** The resident portal (my-help-question.list). */
export const RESIDENT_ROLES: Role[] = ['inwoner'];

/** The catalogue of services (service.*): maintained by the functioneel beheerder, read by policy. */
export const CATALOGUE_NAV_ROLES: Role[] = ['functioneel-beheerder', 'beleidsadviseur'];
/** Providers, contracts and quality checks as a menu item (the casework roles reach them from services). */
export const PROVIDERS_NAV_ROLES: Role[] = ['functioneel-beheerder', 'beleidsadviseur'];
/** The fraud-suspicion register and the costs (fraud-suspicion.list, costs.read). */
export const CONTROLLER_ROLES: Role[] = ['beleidsadviseur'];
/** The care provider's own allocations, start and stop of care, declarations. */
export const PROVIDER_PORTAL_ROLES: Role[] = ['aanbieder'];

/** The dashboard sociaal domein (dashboard-views.list, dashboard-view.read: the steering readers). */
export const DASHBOARD_ROLES: Role[] = [
  'toegang-medewerker',
  'wijkteam-medewerker',
  'regisseur',
  'beleidsadviseur',
  'functioneel-beheerder',
  'privacy-officer',
];
/** Region comparison and alert rules on the dashboard (dashboard-region-view.read, dashboard-alert-rule.*). */
export const DASHBOARD_POLICY_ROLES: Role[] = ['beleidsadviseur'];

/** Roles whose part of Grip is not built yet: their home page says so. */
export const NOT_YET_BUILT: Role[] = [];

export type NavKey =
  | 'home'
  | 'worklist'
  | 'plans'
  | 'persons'
  | 'questionnaires'
  | 'users'
  | 'steering'
  | 'dashboard'
  | 'catalogue'
  | 'providers'
  | 'report'
  | 'fraud'
  | 'costs'
  | 'providerPortal'
  | 'processingLog'
  | 'breakGlass'
  | 'myQuestions'
  | 'myPlan';

export const NAV_ITEMS: { key: NavKey; path: string; roles: Role[] | 'all' }[] = [
  { key: 'home', path: '/', roles: 'all' },
  { key: 'worklist', path: '/werklijst', roles: INTAKE_ROLES },
  { key: 'plans', path: '/plannen', roles: CASEWORK_ROLES },
  { key: 'persons', path: '/inwoners', roles: CASEWORK_ROLES },
  { key: 'questionnaires', path: '/vragenlijsten', roles: QUESTIONNAIRE_ROLES },
  { key: 'users', path: '/gebruikers', roles: USER_ADMIN_ROLES },
  { key: 'steering', path: '/sturing', roles: CONTROLLER_ROLES },
  { key: 'dashboard', path: '/dashboard', roles: DASHBOARD_ROLES },
  { key: 'catalogue', path: '/catalogus', roles: CATALOGUE_NAV_ROLES },
  { key: 'providers', path: '/aanbieders', roles: PROVIDERS_NAV_ROLES },
  { key: 'report', path: '/rapportage/hulpvragen', roles: REPORT_ROLES },
  { key: 'fraud', path: '/fraude', roles: CONTROLLER_ROLES },
  { key: 'costs', path: '/kosten', roles: CONTROLLER_ROLES },
  { key: 'providerPortal', path: '/aanbieder', roles: PROVIDER_PORTAL_ROLES },
  { key: 'processingLog', path: '/verwerkingslog', roles: PRIVACY_ROLES },
  { key: 'breakGlass', path: '/doorbraken', roles: PRIVACY_ROLES },
  { key: 'myQuestions', path: '/mijn-hulpvragen', roles: RESIDENT_ROLES },
  { key: 'myPlan', path: '/mijn-plan', roles: RESIDENT_ROLES },
];
