import { CATALOGUE_ACTIONS } from './catalogue-actions.ts';
import { DASHBOARD_ACTIONS } from './dashboard-actions.ts';
import { DECISION_ACTIONS } from './decision-actions.ts';
import { ISTANDAARD_ACTIONS } from './istandaard-actions.ts';
import { PLAN_ACTIONS } from './plan-actions.ts';
import { PLAN_EXCHANGE_ACTIONS } from './plan-exchange-actions.ts';
import { STEERING_ACTIONS } from './steering-actions.ts';
import { STEERING_REPORT_ACTIONS } from './steering-report-actions.ts';
import type { Role } from './roles.ts';
import {
  CASEWORK,
  GROUND_ACCOUNTS,
  GROUND_CASEWORK,
  GROUND_OWN_ACCESS,
  GROUND_OWN_APPLICATION,
  GROUND_SUPERVISION,
  PURPOSE_ACCOUNTS,
  PURPOSE_CASEWORK,
  PURPOSE_OWN_ACCESS,
  PURPOSE_OWN_APPLICATION,
  PURPOSE_SUPERVISION,
} from './purposes.ts';

/**
 * THE permission table. Every route declares one of these actions (config.action); a route with an
 * unknown or missing action fails at start-up, and test/permission-matrix.test.ts calls every route as
 * every role against this table.
 *
 * `allow`: 'public' (no log-in), 'authenticated' (any role), or the roles that may perform it.
 * `personalData`: the action reads or writes personal data, so it is written to the processing log
 *   with `purpose` and `legalGround`.
 */
export interface ActionRule {
  allow: 'public' | 'authenticated' | readonly Role[];
  personalData: boolean;
  purpose?: string;
  legalGround?: string;
  /** Public actions only: resolve the caller's session anyway (others skip the lookup). */
  readsSession?: boolean;
  description: string;
}

const CORE_ACTIONS = {
  'health.read': { allow: 'public', personalData: false, description: 'Liveness and readiness probes' },
  'web.read': {
    allow: 'public',
    personalData: false,
    description: 'The web application (HTML, scripts, styles)',
  },
  'api-docs.read': {
    allow: 'public',
    personalData: false,
    description: 'OpenAPI document and API docs page',
  },
  'municipality.list': { allow: 'public', personalData: false, description: 'Municipalities on this server' },
  'login-options.read': {
    allow: 'public',
    personalData: false,
    description: 'How one can log in here (OpenID Connect or not, default municipality)',
  },
  'session.create': { allow: 'public', personalData: false, description: 'Log in with a local account' },
  'session.read': { allow: 'authenticated', personalData: false, description: 'Who am I, which roles' },
  'session.delete': { allow: 'authenticated', personalData: false, description: 'Log out' },
  'oidc.start': { allow: 'public', personalData: false, description: 'Start an OpenID Connect log-in' },
  'oidc.callback': {
    allow: 'public',
    personalData: false,
    readsSession: true,
    description: 'Finish an OpenID Connect log-in (replaces a session the browser already had)',
  },

  'wijk.list': {
    allow: 'authenticated',
    personalData: false,
    description: "The municipality's wijken, with or without their boundaries",
  },
  'wijk.read': {
    allow: 'authenticated',
    personalData: false,
    description: 'One wijk with its boundary and buurten',
  },
  'buurt.list': { allow: 'authenticated', personalData: false, description: "The municipality's buurten" },
  'colleague.list': {
    allow: CASEWORK,
    personalData: false,
    description: 'Colleagues with a casework role, by name and team (staff directory, no account details)',
  },
  'team.list': {
    allow: 'authenticated',
    personalData: false,
    description: "The municipality's teams (toegang, wijkteams, ...)",
  },
  'vindplaats.list': {
    allow: 'authenticated',
    personalData: false,
    description: 'Places where help questions arise (Zorgloket, wijkteams, GPs, schools, ...)',
  },

  'person.list': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'List residents known to the social domain',
  },
  'person.search': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Find a resident by BSN or by name and birth date',
  },
  'person.read': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Read one resident',
  },
  'person.create': {
    allow: ['toegang-medewerker', 'wijkteam-medewerker'],
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Register a resident',
  },
  'person.update': {
    allow: ['toegang-medewerker', 'wijkteam-medewerker'],
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Correct a resident',
  },

  'user.list': {
    allow: ['functioneel-beheerder'],
    personalData: true,
    purpose: PURPOSE_ACCOUNTS,
    legalGround: GROUND_ACCOUNTS,
    description: 'List user accounts and their roles',
  },
  'user.create': {
    allow: ['functioneel-beheerder'],
    personalData: true,
    purpose: PURPOSE_ACCOUNTS,
    legalGround: GROUND_ACCOUNTS,
    description: 'Create a user account',
  },
  'user.update': {
    allow: ['functioneel-beheerder'],
    personalData: true,
    purpose: PURPOSE_ACCOUNTS,
    legalGround: GROUND_ACCOUNTS,
    description: 'Change a user account, its roles, or unlock it',
  },

  'processing-log.search': {
    allow: ['privacy-officer'],
    personalData: true,
    purpose: PURPOSE_SUPERVISION,
    legalGround: GROUND_SUPERVISION,
    description: 'Search the processing log',
  },

  // Intake, staff side (integrale toegang): the questionnaire, help questions, the broad intake, triage,
  // meldingen with their legal clocks, and the team worklist.
  'questionnaire.list': {
    allow: ['functioneel-beheerder'],
    personalData: false,
    description: 'Questionnaires with their versions',
  },
  'questionnaire.read-current': {
    allow: [...CASEWORK, 'functioneel-beheerder'],
    personalData: false,
    description: 'The published questionnaire version new intakes use',
  },
  'questionnaire-version.read': {
    allow: [...CASEWORK, 'functioneel-beheerder'],
    personalData: false,
    description: 'One questionnaire version with its definition',
  },
  'questionnaire-version.create': {
    allow: ['functioneel-beheerder'],
    personalData: false,
    description: 'New draft version of a questionnaire',
  },
  'questionnaire-version.update': {
    allow: ['functioneel-beheerder'],
    personalData: false,
    description: "Change a draft version's definition",
  },
  'questionnaire-version.publish': {
    allow: ['functioneel-beheerder'],
    personalData: false,
    description: 'Publish a draft version (the one published before is retired for new intakes)',
  },
  'household.match': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Find the resident and household a question is about (duplicate warning)',
  },
  'help-question.create': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Register a help question (and the resident and household when new)',
  },
  'help-question.list': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'List help questions',
  },
  'help-question.read': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'One help question with resident, household, intake, triage and melding',
  },
  'intake.start': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Start the broad intake of a help question on the current questionnaire version',
  },
  'intake.read': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Read a broad intake with its answers',
  },
  'intake.update': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Save answers of a broad intake (draft)',
  },
  'intake.complete': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Complete a broad intake: all required answers, life-domain scores stored',
  },
  'triage.create': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Decide the outcome of a help question (advice, referral, melding, urgent)',
  },
  'home-visit.record': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Record that the home visit planned at triage was held',
  },
  'algemene-voorziening.list': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: "Algemene voorzieningen, nearest the resident's buurt first",
  },
  'melding.aanvraag': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Record the aanvraag of a melding (starts the Wmo decision clock)',
  },
  'melding.suspend': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'Stop the legal clock of a melding',
  },
  'melding.resume': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: 'End a suspension of the legal clock of a melding',
  },
  'worklist.read': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description: "A team's open questions and meldingen with their due dates",
  },

  // The resident's own online intake (no log-in: the resume token is the key), the resident portal and the
  // registration report.
  'online-intake-questionnaire.read': {
    allow: 'public',
    personalData: false,
    description: "The published questionnaire of a municipality, for the resident's online form",
  },
  'online-intake-draft.create': {
    allow: 'public',
    personalData: false,
    description: 'Start an online intake: an empty draft and its resume token (shown once)',
  },
  'online-intake-draft.read': {
    allow: 'public',
    personalData: true,
    purpose: PURPOSE_OWN_APPLICATION,
    legalGround: GROUND_OWN_APPLICATION,
    description: 'Resume an online intake with its resume token',
  },
  'online-intake-draft.update': {
    allow: 'public',
    personalData: true,
    purpose: PURPOSE_OWN_APPLICATION,
    legalGround: GROUND_OWN_APPLICATION,
    description: 'Save the answers and contact details of an online intake',
  },
  'online-intake-draft.submit': {
    allow: 'public',
    personalData: true,
    purpose: PURPOSE_OWN_APPLICATION,
    legalGround: GROUND_OWN_APPLICATION,
    description: 'Submit an online intake: it becomes a help question with its intake',
  },
  'my-help-question.list': {
    allow: ['inwoner'],
    personalData: true,
    purpose: PURPOSE_OWN_ACCESS,
    legalGround: GROUND_OWN_ACCESS,
    description: "The resident's own help questions (the person linked to the account)",
  },
  'help-question-report.read': {
    allow: ['beleidsadviseur', 'toegang-medewerker'],
    personalData: false,
    description:
      'Registration report: help questions by type, vindplaats, channel, triage outcome or wijk, small counts suppressed',
  },
} as const satisfies Record<string, ActionRule>;

/** The whole table: the core actions and those of each context (one file per context). */
export const ACTIONS = {
  ...CORE_ACTIONS,
  ...PLAN_ACTIONS,
  ...PLAN_EXCHANGE_ACTIONS,
  ...CATALOGUE_ACTIONS,
  ...DECISION_ACTIONS,
  ...ISTANDAARD_ACTIONS,
  ...STEERING_ACTIONS,
  ...STEERING_REPORT_ACTIONS,
  ...DASHBOARD_ACTIONS,
} as const satisfies Record<string, ActionRule>;

export type ActionName = keyof typeof ACTIONS;

export function isActionName(value: unknown): value is ActionName {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value);
}

export function actionRule(action: ActionName): ActionRule {
  return ACTIONS[action];
}

/** The roles (of those given) that may perform the action; empty when none may. */
export function rolesAllowed(action: ActionName, roles: readonly Role[]): Role[] {
  const { allow } = ACTIONS[action] as ActionRule;
  if (allow === 'public' || allow === 'authenticated') return [...roles];
  return roles.filter((role) => allow.includes(role));
}
