import { useState, type FormEvent } from 'react';
import { api, ApiError, type RoleAssignment } from '../api.ts';
import { Button, ButtonGroup, ButtonLink } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { ChoiceField, Fieldset, TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { ProviderField } from '../components/ProviderField.tsx';
import { RolesFieldset } from '../components/RolesFieldset.tsx';
import { PageTitle, Paragraph } from '../components/Typography.tsx';
import { setFlash } from '../flash.ts';
import { formErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';

const FIELD_ORDER = [
  'displayName',
  'username',
  'email',
  'method-password',
  'password',
  'oidcSubject',
  'roles',
  'providerId',
];
const API_FIELDS = {
  displayName: 'displayName',
  username: 'username',
  email: 'email',
  password: 'password',
  oidcSubject: 'oidcSubject',
  roles: 'roles',
  providerId: 'providerId',
};
const MIN_PASSWORD = 12;

export function UserNewPage() {
  const { t, lang } = useI18n();
  usePageTitle(t.user.newTitle);
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [method, setMethod] = useState<'password' | 'oidc'>('password');
  const [password, setPassword] = useState('');
  const [oidcSubject, setOidcSubject] = useState('');
  const [roles, setRoles] = useState<RoleAssignment[]>([]);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!displayName.trim()) found.displayName = t.user.displayNameRequired;
    if (!username.trim()) found.username = t.user.usernameRequired;
    if (method === 'password' && !password) found.password = t.user.passwordRequired;
    else if (method === 'password' && password.length < MIN_PASSWORD)
      found.password = t.user.passwordTooShort;
    if (method === 'oidc' && !oidcSubject.trim()) found.oidcSubject = t.user.oidcSubjectRequired;
    if (roles.some((r) => r.role === 'aanbieder') && !providerId) found.providerId = t.user.providerRequired;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await api.createUser({
        displayName: displayName.trim(),
        username: username.trim().toLowerCase(),
        email: email.trim() || null,
        ...(method === 'password' ? { password } : { oidcSubject: oidcSubject.trim() }),
        roles,
        providerId: roles.some((r) => r.role === 'aanbieder') ? providerId : null,
      });
      setFlash('/gebruikers', t.user.created);
      navigate('/gebruikers');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setErrors({ username: t.user.usernameExists });
      } else {
        const shown = formErrorsFrom(error, t, lang, API_FIELDS);
        setErrors(shown.fields);
        setGeneral(shown.general);
      }
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  return (
    <div className="grip-stack grip-narrow">
      <Paragraph>
        <Link to="/gebruikers" className="grip-back-link">
          {t.user.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{t.user.newTitle}</PageTitle>
        <Paragraph lead>{t.user.newIntro}</Paragraph>
      </div>
      <ErrorSummary items={summaryItems(FIELD_ORDER, errors, general)} focusKey={attempt} />
      <form className="grip-form" noValidate onSubmit={submit}>
        <TextField
          id="displayName"
          label={t.user.displayName}
          description={t.user.displayNameHint}
          autoComplete="off"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={errors.displayName}
        />
        <TextField
          id="username"
          label={t.user.username}
          description={t.user.usernameHint}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={errors.username}
        />
        <TextField
          id="email"
          type="email"
          label={t.user.email}
          optional
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
        />
        <Fieldset id="method" legend={t.user.method}>
          <ChoiceField
            type="radio"
            id="method-password"
            name="method"
            label={t.user.methodPassword}
            checked={method === 'password'}
            onChange={() => setMethod('password')}
          />
          <ChoiceField
            type="radio"
            id="method-oidc"
            name="method"
            label={t.user.methodOidc}
            checked={method === 'oidc'}
            onChange={() => setMethod('oidc')}
          />
        </Fieldset>
        {method === 'password' ? (
          <TextField
            id="password"
            type="password"
            label={t.user.password}
            description={t.user.passwordHint}
            autoComplete="new-password"
            minLength={MIN_PASSWORD}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
          />
        ) : (
          <TextField
            id="oidcSubject"
            label={t.user.oidcSubject}
            description={t.user.oidcSubjectHint}
            autoComplete="off"
            spellCheck={false}
            value={oidcSubject}
            onChange={(e) => setOidcSubject(e.target.value)}
            error={errors.oidcSubject}
          />
        )}
        <RolesFieldset value={roles} onChange={setRoles} error={errors.roles} />
        <ProviderField roles={roles} value={providerId} onChange={setProviderId} error={errors.providerId} />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : t.user.submitNew}
          </Button>
          <ButtonLink to="/gebruikers" appearance="subtle">
            {t.common.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </div>
  );
}
