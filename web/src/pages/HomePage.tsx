import type { Role } from '../api.ts';
import {
  CASEWORK_ROLES,
  CATALOGUE_NAV_ROLES,
  CONTROLLER_ROLES,
  DASHBOARD_ROLES,
  INTAKE_ROLES,
  NOT_YET_BUILT,
  PERSON_EDIT_ROLES,
  PRIVACY_ROLES,
  PROVIDER_PORTAL_ROLES,
  PROVIDERS_NAV_ROLES,
  QUESTIONNAIRE_ROLES,
  REPORT_ROLES,
  RESIDENT_ROLES,
  USER_ADMIN_ROLES,
} from '../access.ts';
import { Alert } from '../components/Alert.tsx';
import { DataList } from '../components/DataList.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { roleText } from '../format.ts';
import { usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import { RouterLink } from '../router.tsx';
import { useCurrentSession, useSession } from '../session.tsx';

type TaskKey = keyof Messages['home']['tasks'];

/** The tasks on the home page; each goes to a page that exists and that the role may use. */
const TASKS: { key: TaskKey; path: string; roles: Role[] }[] = [
  { key: 'worklist', path: '/werklijst', roles: INTAKE_ROLES },
  { key: 'plans', path: '/plannen', roles: CASEWORK_ROLES },
  { key: 'newQuestion', path: '/hulpvragen/nieuw', roles: INTAKE_ROLES },
  { key: 'searchPerson', path: '/inwoners', roles: CASEWORK_ROLES },
  { key: 'newPerson', path: '/inwoners/nieuw', roles: PERSON_EDIT_ROLES },
  { key: 'users', path: '/gebruikers', roles: USER_ADMIN_ROLES },
  { key: 'newUser', path: '/gebruikers/nieuw', roles: USER_ADMIN_ROLES },
  { key: 'questionnaires', path: '/vragenlijsten', roles: QUESTIONNAIRE_ROLES },
  { key: 'steering', path: '/sturing', roles: CONTROLLER_ROLES },
  { key: 'dashboard', path: '/dashboard', roles: DASHBOARD_ROLES },
  { key: 'catalogue', path: '/catalogus', roles: CATALOGUE_NAV_ROLES },
  { key: 'providers', path: '/aanbieders', roles: [...PROVIDERS_NAV_ROLES, ...CASEWORK_ROLES] },
  { key: 'voorzieningen', path: '/voorzieningen', roles: CASEWORK_ROLES },
  { key: 'report', path: '/rapportage/hulpvragen', roles: REPORT_ROLES },
  { key: 'fraud', path: '/fraude', roles: CONTROLLER_ROLES },
  { key: 'costs', path: '/kosten', roles: CONTROLLER_ROLES },
  { key: 'providerPortal', path: '/aanbieder', roles: PROVIDER_PORTAL_ROLES },
  { key: 'processingLog', path: '/verwerkingslog', roles: PRIVACY_ROLES },
  { key: 'breakGlass', path: '/doorbraken', roles: PRIVACY_ROLES },
  { key: 'myPlan', path: '/mijn-plan', roles: RESIDENT_ROLES },
  { key: 'myQuestions', path: '/mijn-hulpvragen', roles: RESIDENT_ROLES },
];

function TaskCard({ path, title, text }: { path: string; title: string; text: string }) {
  return (
    <li className="grip-task">
      <RouterLink to={path} className="grip-task__link">
        <span className="grip-task__title">
          {title}
          <svg
            viewBox="0 0 24 24"
            width="24"
            height="24"
            aria-hidden="true"
            focusable="false"
            className="grip-task__arrow"
          >
            <path d="M5 12h13M13 6.5 18.5 12 13 17.5" />
          </svg>
        </span>
        <span className="grip-task__text">{text}</span>
      </RouterLink>
    </li>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const session = useCurrentSession();
  const { hasRole, municipalityName } = useSession();
  usePageTitle(t.home.title);

  const tasks = TASKS.filter((task) => hasRole(...task.roles));
  const waiting = NOT_YET_BUILT.filter((role) => hasRole(role));
  const municipality = municipalityName(session.municipalityCode);

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{t.home.greeting(session.displayName)}</PageTitle>
        <Paragraph lead>{t.home.context(municipality)}</Paragraph>
      </div>

      {session.roles.length === 0 ? (
        <Alert type="warning">
          <Paragraph>{t.home.noRoles}</Paragraph>
        </Alert>
      ) : null}

      {tasks.length > 0 ? (
        <section aria-labelledby="tasks-heading" className="grip-section">
          <Heading level={2} id="tasks-heading">
            {t.home.tasksHeading}
          </Heading>
          <ul className="grip-task-list">
            {tasks.map((task) => (
              <TaskCard
                key={task.key}
                path={task.path}
                title={t.home.tasks[task.key].title}
                text={t.home.tasks[task.key].text}
              />
            ))}
          </ul>
        </section>
      ) : null}

      {waiting.length > 0 ? (
        <section aria-labelledby="not-yet-heading" className="grip-section">
          <Heading level={2} id="not-yet-heading">
            {t.home.notYet.heading}
          </Heading>
          {waiting.map((role) => (
            <Alert key={role} type="info">
              <Heading level={3} appearance={4}>
                {t.roles[role]}
              </Heading>
              <Paragraph>{t.home.notYet[role as 'beleidsadviseur' | 'aanbieder']}</Paragraph>
            </Alert>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="account-heading" className="grip-section">
        <Heading level={2} id="account-heading">
          {t.home.accountHeading}
        </Heading>
        <DataList
          items={[
            { key: 'name', label: t.home.accountName, value: session.displayName },
            { key: 'username', label: t.home.accountUsername, value: session.username },
            { key: 'municipality', label: t.home.accountMunicipality, value: municipality },
            {
              key: 'roles',
              label: t.home.accountRoles,
              value:
                session.roles.length === 0 ? (
                  t.common.empty
                ) : (
                  <ul className="grip-plain-list">
                    {session.roles.map((assignment, index) => (
                      <li key={`${assignment.role}-${index}`}>{roleText(assignment, t)}</li>
                    ))}
                  </ul>
                ),
            },
            {
              key: 'method',
              label: t.home.accountMethod,
              value: session.authMethod === 'oidc' ? t.home.methodOidc : t.home.methodLocal,
            },
          ]}
        />
      </section>
    </div>
  );
}
