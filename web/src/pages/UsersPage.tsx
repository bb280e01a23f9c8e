import { useEffect, useState } from 'react';
import { api, type User } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { ButtonLink } from '../components/Button.tsx';
import { TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { takeFlash } from '../flash.ts';
import { roleText } from '../format.ts';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';

export function UserStatus({ user, t }: { user: User; t: Messages }) {
  return (
    <span className="grip-badges">
      {user.active ? (
        <StatusBadge status="active">{t.users.active}</StatusBadge>
      ) : (
        <StatusBadge status="inactive">{t.users.inactive}</StatusBadge>
      )}
      {user.locked ? <StatusBadge status="danger">{t.users.locked}</StatusBadge> : null}
      {user.isDemo ? <StatusBadge status="neutral">{t.users.demo}</StatusBadge> : null}
    </span>
  );
}

export function UsersPage() {
  const { t, lang } = useI18n();
  usePageTitle(t.users.title);
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [filter, setFilter] = useState('');
  const [message] = useState(() => takeFlash('/gebruikers'));

  useEffect(() => {
    const controller = new AbortController();
    api
      .listUsers(controller.signal)
      .then(({ data }) => setUsers(data.items))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error);
      });
    return () => controller.abort();
  }, []);

  const needle = filter.trim().toLowerCase();
  const shown = (users ?? []).filter(
    (user) => !needle || user.displayName.toLowerCase().includes(needle) || user.username.includes(needle),
  );

  return (
    <div className="grip-stack">
      <div className="grip-page-intro">
        <div>
          <PageTitle>{t.users.title}</PageTitle>
          <Paragraph lead>{t.users.intro}</Paragraph>
        </div>
        <div>
          <ButtonLink to="/gebruikers/nieuw" appearance="primary-action">
            {t.users.add}
          </ButtonLink>
        </div>
      </div>

      {message ? (
        <Alert type="ok" role="status">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}

      {loadError ? (
        <Alert type="error">
          <Paragraph>{errorText(loadError, t, lang)}</Paragraph>
        </Alert>
      ) : users === null ? (
        <div role="status">
          <Paragraph>{t.common.loading}</Paragraph>
        </div>
      ) : (
        <section className="grip-section" aria-label={t.users.tableCaption}>
          <div className="grip-filter" role="search">
            <TextField
              id="filter"
              type="search"
              label={t.users.filter}
              optional
              autoComplete="off"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <div role="status" className="grip-live-region">
            <Paragraph>
              {shown.length === 0 ? t.users.none : t.users.count(shown.length, users.length)}
            </Paragraph>
          </div>
          {shown.length > 0 ? (
            <Table caption={t.users.tableCaption} hideCaption>
              <TableHead>
                <HeaderCell>{t.users.colName}</HeaderCell>
                <HeaderCell>{t.users.colUsername}</HeaderCell>
                <HeaderCell>{t.users.colRoles}</HeaderCell>
                <HeaderCell>{t.users.colStatus}</HeaderCell>
              </TableHead>
              <TableBody>
                {shown.map((user) => (
                  <Row key={user.id}>
                    <RowHeaderCell>
                      <Link to={`/gebruikers/${user.id}`}>{user.displayName}</Link>
                    </RowHeaderCell>
                    <Cell className="grip-nowrap">{user.username}</Cell>
                    <Cell>
                      {user.roles.length === 0 ? (
                        t.users.noRoles
                      ) : (
                        <ul className="grip-plain-list">
                          {user.roles.map((assignment, index) => (
                            <li key={`${assignment.role}-${index}`}>{roleText(assignment, t)}</li>
                          ))}
                        </ul>
                      )}
                    </Cell>
                    <Cell>
                      <UserStatus user={user} t={t} />
                    </Cell>
                  </Row>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </section>
      )}
    </div>
  );
}
