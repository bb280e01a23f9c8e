import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../components/FormField.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, safeReturnPath, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';

const MUNICIPALITY_KEY = 'grip.municipality';

function rememberedMunicipality(): string {
  try {
    return window.localStorage.getItem(MUNICIPALITY_KEY) ?? '';
  } catch {
    return '';
  }
}

export function LoginPage() {
  const { t, lang } = useI18n();
  const { municipalities, loginOptions, loggedIn, state, municipalityName } = useSession();
  const location = useLocation();
  usePageTitle(t.login.title);

  const returnTo = safeReturnPath(location.query.get('terug'));
  // Only a known-looking code is shown, so the address cannot put arbitrary text on the page.
  const rawOidcError = location.query.get('fout');
  const oidcError = rawOidcError
    ? /^oidc-[a-z-]{1,30}$/.test(rawOidcError)
      ? rawOidcError
      : 'oidc-mislukt'
    : null;
  const reason = state.status === 'anonymous' ? state.reason : null;

  const [municipality, setMunicipality] = useState(rememberedMunicipality);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ title: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const chooseMunicipality = municipalities.length > 1;
  // The user's last choice on this device, else the installation's default municipality.
  const preferred = municipality || loginOptions?.defaultMunicipality || '';
  const knownMunicipality = municipalities.some((m) => m.code === preferred) ? preferred : '';
  const oidcFor = chooseMunicipality && loginOptions?.oidcMunicipality ? loginOptions.oidcMunicipality : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const found: FieldErrors = {};
    if (chooseMunicipality && !knownMunicipality) found.municipality = t.login.municipalityRequired;
    if (!username.trim()) found.username = t.login.usernameRequired;
    if (!password) found.password = t.login.passwordRequired;
    setErrors(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0) return;

    setBusy(true);
    try {
      const code = chooseMunicipality ? knownMunicipality : municipalities[0]?.code;
      const { data } = await api.login({
        ...(code ? { municipalityCode: code } : {}),
        username: username.trim(),
        password,
      });
      try {
        if (code) window.localStorage.setItem(MUNICIPALITY_KEY, code);
      } catch {
        // Not remembered; that is fine.
      }
      loggedIn(data);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setPassword('');
      setFailure({
        title: t.login.failedTitle,
        text:
          error instanceof ApiError && error.status === 400
            ? t.login.usernameRequired
            : errorText(error, t, lang),
      });
      setBusy(false);
    }
  };

  const oidcHref = `/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;
  const notice =
    reason === 'session-expired'
      ? { type: 'warning' as const, text: t.login.sessionExpired }
      : reason === 'logged-out'
        ? { type: 'ok' as const, text: t.login.loggedOut }
        : reason === 'login-required' || location.query.get('terug')
          ? { type: 'info' as const, text: t.login.loginRequired }
          : null;

  return (
    <div className="grip-login">
      <div>
        <PageTitle>{t.login.title}</PageTitle>
        <Paragraph lead>{t.login.intro}</Paragraph>
      </div>

      {oidcError ? (
        <Alert type="error">
          <Paragraph>{t.login.oidcErrors[oidcError] ?? t.login.oidcErrors.default}</Paragraph>
          <Paragraph small>{t.login.oidcErrorCode(oidcError)}</Paragraph>
        </Alert>
      ) : notice && !failure ? (
        <Alert type={notice.type} role="status">
          <Paragraph>{notice.text}</Paragraph>
        </Alert>
      ) : null}

      <div role="alert" className="grip-live-region">
        {failure ? (
          <Alert type="error">
            <Heading level={2} appearance={3}>
              {failure.title}
            </Heading>
            <Paragraph>{failure.text}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <div className={`grip-login__panels${loginOptions?.oidc ? ' grip-login__panels--two' : ''}`}>
        <section className="grip-panel" aria-labelledby="login-local">
          <Heading level={2} appearance={3} id="login-local" className="grip-panel__title">
            {t.login.localHeading}
          </Heading>
          <ErrorSummary
            items={summaryItems(['municipality', 'username', 'password'], errors)}
            focusKey={attempt}
          />
          <form className="grip-form" noValidate onSubmit={submit}>
            {chooseMunicipality ? (
              <SelectField
                id="municipality"
                label={t.login.municipality}
                value={knownMunicipality}
                onChange={(e) => setMunicipality(e.target.value)}
                error={errors.municipality}
                options={[
                  { value: '', label: t.login.chooseMunicipality },
                  ...municipalities.map((m) => ({ value: m.code, label: m.name })),
                ]}
              />
            ) : null}
            <TextField
              id="username"
              label={t.login.username}
              description={t.login.usernameHint}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              error={errors.username}
            />
            <TextField
              id="password"
              type="password"
              label={t.login.password}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errors.password}
            />
            <div className="grip-form__actions">
              <Button type="submit" appearance="primary-action" busy={busy}>
                {busy ? t.login.submitting : t.login.submit}
              </Button>
            </div>
          </form>
        </section>

        {loginOptions?.oidc ? (
          <section className="grip-panel grip-panel--subtle" aria-labelledby="login-oidc">
            <Heading level={2} appearance={3} id="login-oidc" className="grip-panel__title">
              {t.login.oidcHeading}
            </Heading>
            <Paragraph>{t.login.oidcText}</Paragraph>
            {oidcFor ? <Paragraph>{t.login.oidcFor(municipalityName(oidcFor))}</Paragraph> : null}
            <a
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              href={oidcHref}
            >
              {t.login.oidcLink}
            </a>
          </section>
        ) : null}
      </div>
    </div>
  );
}
