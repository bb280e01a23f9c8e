import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type RoleAssignment, type User } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { DataList } from '../components/DataList.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { ChoiceField, TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { ProviderField } from '../components/ProviderField.tsx';
import { RolesFieldset } from '../components/RolesFieldset.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { roleText } from '../format.ts';
import { errorText, formErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useCurrentSession } from '../session.tsx';
import { UserStatus } from './UsersPage.tsx';

interface Draft {
  displayName: string;
  email: string;
  active: boolean;
  roles: RoleAssignment[];
  providerId: string | null;
}

const FIELD_ORDER = ['displayName', 'email', 'active', 'roles', 'providerId'];
const API_FIELDS = {
  displayName: 'displayName',
  email: 'email',
  active: 'active',
  roles: 'roles',
  providerId: 'providerId',
};

const draftOf = (user: User): Draft => ({
  displayName: user.displayName,
  email: user.email ?? '',
  active: user.active,
  roles: user.roles,
  providerId: user.providerId,
});

const roleKey = (roles: RoleAssignment[]) =>
  roles
    .map((r) => `${r.role}|${r.teamId ?? ''}|${r.wijkCode ?? ''}`)
    .sort()
    .join(',');

/** No GET /users/{id} exists (yet), so the user is taken from the list; its version is the ETag. */
async function fetchUser(id: string, signal?: AbortSignal): Promise<User | null> {
  const { data } = await api.listUsers(signal);
  return data.items.find((user) => user.id === id) ?? null;
}

export function UserEditPage({ id }: { id: string }) {
  const { t, lang, formatDateTime } = useI18n();
  const session = useCurrentSession();
  const [user, setUser] = useState<User | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);

  usePageTitle(user ? user.displayName : t.users.title);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const found = await fetchUser(id, signal);
      if (!found) setMissing(true);
      setUser(found);
      return found;
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((found) => {
        if (found) setDraft(draftOf(found));
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error);
      });
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const back = (
    <Paragraph>
      <Link to="/gebruikers" className="grip-back-link">
        {t.user.back}
      </Link>
    </Paragraph>
  );

  if (!user || !draft) {
    return (
      <div className="grip-stack">
        {back}
        <PageTitle>{t.users.title}</PageTitle>
        {missing || loadError ? (
          <Alert type="error">
            <Paragraph>{missing ? t.user.notFound : errorText(loadError, t, lang)}</Paragraph>
          </Alert>
        ) : (
          <div role="status">
            <Paragraph>{t.common.loading}</Paragraph>
          </div>
        )}
      </div>
    );
  }

  const fail = (error: unknown) => {
    const shown = formErrorsFrom(error, t, lang, API_FIELDS);
    setErrors(shown.fields);
    setGeneral(shown.general);
    setAttempt((n) => n + 1);
  };

  const handleConflict = async () => {
    try {
      await load();
      setConflict(true);
    } catch (error) {
      fail(error);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const found: FieldErrors = {};
    if (!draft.displayName.trim()) found.displayName = t.user.displayNameRequired;
    const isProvider = draft.roles.some((r) => r.role === 'aanbieder');
    if (isProvider && !draft.providerId) found.providerId = t.user.providerRequired;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    const body: {
      displayName?: string;
      email?: string | null;
      active?: boolean;
      roles?: RoleAssignment[];
      providerId?: string | null;
    } = {};
    if (draft.displayName.trim() !== user.displayName) body.displayName = draft.displayName.trim();
    if ((draft.email.trim() || null) !== user.email) body.email = draft.email.trim() || null;
    if (draft.active !== user.active) body.active = draft.active;
    if (roleKey(draft.roles) !== roleKey(user.roles)) body.roles = draft.roles;
    const providerId = isProvider ? draft.providerId : null;
    if (providerId !== user.providerId) body.providerId = providerId;
    if (Object.keys(body).length === 0) {
      setConflict(false);
      setMessage(t.user.nothingChanged);
      return;
    }
    setBusy(true);
    try {
      const { data } = await api.updateUser(user.id, user.version, body);
      setUser(data);
      setDraft(draftOf(data));
      setConflict(false);
      setMessage(t.user.saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) await handleConflict();
      else fail(error);
    } finally {
      setBusy(false);
    }
  };

  const unlock = async () => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const { data } = await api.updateUser(user.id, user.version, { unlock: true });
      setUser(data);
      setMessage(t.user.unlocked);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) await handleConflict();
      else fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grip-stack">
      {back}
      <div>
        <PageTitle>{user.displayName}</PageTitle>
        {user.isDemo ? <Paragraph>{t.user.demoAccount}</Paragraph> : null}
        {user.id === session.userId ? <Paragraph>{t.user.ownAccount}</Paragraph> : null}
      </div>

      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok">
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby="status-heading" className="grip-section">
        <Heading level={2} id="status-heading">
          {t.user.statusHeading}
        </Heading>
        <DataList
          items={[
            {
              key: 'username',
              label: t.user.username,
              value: <span className="grip-break">{user.username}</span>,
            },
            { key: 'status', label: t.users.colStatus, value: <UserStatus user={user} t={t} /> },
            { key: 'updatedAt', label: t.person.updatedAt, value: formatDateTime(user.updatedAt) },
          ]}
        />
      </section>

      {user.locked ? (
        <section aria-labelledby="locked-heading">
          <Alert type="warning">
            <Heading level={2} appearance={4} id="locked-heading">
              {t.user.lockedHeading}
            </Heading>
            <Paragraph>{t.user.lockedText}</Paragraph>
            <ButtonGroup>
              <Button appearance="secondary-action" onClick={unlock} busy={busy}>
                {t.user.unlock}
              </Button>
            </ButtonGroup>
          </Alert>
        </section>
      ) : null}

      <section aria-labelledby="edit-heading" className="grip-panel grip-narrow">
        <Heading level={2} id="edit-heading" className="grip-panel__title">
          {t.user.editHeading}
        </Heading>
        {conflict ? (
          <Alert type="warning" ref={conflictRef} tabIndex={-1} labelledBy="conflict-heading">
            <Heading level={3} appearance={4} id="conflict-heading">
              {t.user.conflictTitle}
            </Heading>
            <Paragraph>{t.user.conflictText}</Paragraph>
            <Paragraph>
              <strong>{t.user.conflictSavedNow}</strong>
            </Paragraph>
            <DataList
              items={[
                { key: 'displayName', label: t.user.displayName, value: user.displayName },
                { key: 'email', label: t.user.email, value: user.email ?? t.common.empty },
                { key: 'active', label: t.user.activeLabel, value: user.active ? t.common.yes : t.common.no },
                {
                  key: 'roles',
                  label: t.user.roles,
                  value:
                    user.roles.length === 0
                      ? t.users.noRoles
                      : user.roles.map((r) => roleText(r, t)).join(', '),
                },
              ]}
            />
          </Alert>
        ) : null}
        <ErrorSummary items={summaryItems(FIELD_ORDER, errors, general)} focusKey={attempt} />
        <form className="grip-form" noValidate onSubmit={save}>
          <TextField
            id="displayName"
            label={t.user.displayName}
            description={t.user.displayNameHint}
            autoComplete="off"
            value={draft.displayName}
            onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
            error={errors.displayName}
          />
          <TextField
            id="email"
            type="email"
            label={t.user.email}
            optional
            autoComplete="off"
            value={draft.email}
            onChange={(e) => setDraft({ ...draft, email: e.target.value })}
            error={errors.email}
          />
          <ChoiceField
            id="active"
            label={t.user.activeLabel}
            description={t.user.activeHint}
            checked={draft.active}
            onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
            error={errors.active}
          />
          <RolesFieldset
            value={draft.roles}
            onChange={(roles) => setDraft({ ...draft, roles })}
            error={errors.roles}
          />
          <ProviderField
            roles={draft.roles}
            value={draft.providerId}
            onChange={(providerId) => setDraft({ ...draft, providerId })}
            error={errors.providerId}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action" busy={busy}>
              {busy ? t.common.saving : t.common.save}
            </Button>
          </ButtonGroup>
        </form>
      </section>
    </div>
  );
}
