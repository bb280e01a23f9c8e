import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { decodePendingLogin, encodePendingLogin, safeReturnTo } from '../src/identity/oidc-state.ts';
import {
  authorizeAtProvider,
  Browser,
  freePorts,
  startOidcProvider,
  type TestProvider,
} from './helpers/oidc-provider.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * Log-in through OpenID Connect against a real provider (oidc-provider on a random port): authorization
 * code with PKCE, client_secret_basic, signed ID token with nonce. Grip listens on a real port too, and a
 * small cookie-keeping "browser" walks the redirects and the provider's log-in and consent pages.
 */

const CLIENT_ID = 'grip-test';
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const CALLBACK = '/auth/oidc/callback';

function oidcEnv(provider: TestProvider, port: number, extra: Record<string, string> = {}) {
  return {
    GRIP_OIDC_ISSUER: provider.issuer,
    GRIP_OIDC_CLIENT_ID: CLIENT_ID,
    GRIP_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    GRIP_PUBLIC_URL: `http://127.0.0.1:${port}`,
    GRIP_PORT: String(port),
    ...(process.env.OIDC_TEST_LOG ? { GRIP_LOG_LEVEL: 'info' } : {}),
    ...extra,
  };
}

describe('log-in through OpenID Connect', () => {
  let provider: TestProvider;
  /** Matches users on `sub`; sessions go idle after one minute. */
  let grip: TestApp;
  let gripUrl: string;
  /** Matches users on `preferred_username`, which this provider only releases from userinfo. */
  let claimGrip: TestApp;
  let claimUrl: string;
  /** Gives a first DigiD-style log-in a resident account, on the BSN in `preferred_username`. */
  let residentGrip: TestApp;
  let residentUrl: string;

  before(async () => {
    const [port, claimPort, residentPort] = (await freePorts(3)) as [number, number, number];
    gripUrl = `http://127.0.0.1:${port}`;
    claimUrl = `http://127.0.0.1:${claimPort}`;
    residentUrl = `http://127.0.0.1:${residentPort}`;
    provider = await startOidcProvider({
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          redirectUris: [`${gripUrl}${CALLBACK}`, `${claimUrl}${CALLBACK}`, `${residentUrl}${CALLBACK}`],
        },
      ],
      accounts: {
        'demo-toegang-hengelo': {
          email: 'toegang@hengelo.demo',
          email_verified: true,
          name: 'Tamara Toegang',
        },
        'demo-wijkteam-hengelo': { name: 'Willem Wijkteam' },
        'demo-beheer-hengelo': { name: 'Femke Beheer' },
        'demo-toegang-enschede': { name: 'Tamara Toegang' },
        'stranger-0001': { name: 'Someone Grip does not know' },
        'idp-7f3a9c': { name: 'Rachida Regisseur', preferred_username: 'demo-regisseur-hengelo' },
        'digid-fatima': { name: 'Fatima El Amrani', preferred_username: '999990020' },
        'digid-jan': { name: 'Jan Jansen', preferred_username: '999990019' },
        'digid-unknown': { name: 'Not known here', preferred_username: '111222333' },
        'digid-bad': { name: 'Bad BSN', preferred_username: '123456788' },
      },
    });
    grip = await createTestApp(oidcEnv(provider, port, { GRIP_SESSION_IDLE_MINUTES: '1' }));
    await grip.app.listen({ port, host: '127.0.0.1' });
    claimGrip = await createTestApp(
      oidcEnv(provider, claimPort, { GRIP_OIDC_SUBJECT_CLAIM: 'preferred_username' }),
    );
    await claimGrip.app.listen({ port: claimPort, host: '127.0.0.1' });
    residentGrip = await createTestApp(
      oidcEnv(provider, residentPort, { GRIP_OIDC_RESIDENT_BSN_CLAIM: 'preferred_username' }),
    );
    await residentGrip.app.listen({ port: residentPort, host: '127.0.0.1' });
  });

  after(async () => {
    await grip?.close();
    await claimGrip?.close();
    await residentGrip?.close();
    await provider?.close();
  });

  /** Starts a log-in at Grip in a fresh browser and returns where Grip sends it. */
  async function begin(base: string, returnTo?: string, browser = new Browser()) {
    const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    const response = await browser.request(`${base}/auth/oidc/login${query}`);
    assert.equal(response.status, 302);
    const authorizationUrl = response.headers.get('location') ?? '';
    assert.ok(
      authorizationUrl.startsWith(`${provider.issuer}/`),
      `redirects to the provider: ${authorizationUrl}`,
    );
    return { browser, authorizationUrl, setCookie: response.headers.getSetCookie() };
  }

  /** Calls Grip's callback and returns where Grip sends the browser next. */
  async function finish(browser: Browser, callbackUrl: string) {
    const response = await browser.request(callbackUrl);
    assert.equal(response.status, 302);
    return response.headers.get('location');
  }

  async function fullLogin(base: string, login: string, returnTo?: string) {
    const { browser, authorizationUrl } = await begin(base, returnTo);
    const callbackUrl = await authorizeAtProvider(browser, authorizationUrl, `${base}${CALLBACK}`, { login });
    return { browser, callbackUrl, location: await finish(browser, callbackUrl) };
  }

  async function sessionOf(browser: Browser, base: string) {
    const response = await browser.request(`${base}/api/v1/session`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function assertNoSession(browser: Browser, base: string) {
    assert.equal(browser.cookie(base, 'grip_session'), undefined, 'no session cookie');
    const session = await sessionOf(browser, base);
    assert.equal(session.status, 401);
    assert.equal(session.body.code, 'not-authenticated');
  }

  /** Replaces the signed pending-log-in cookie with a validly signed one, changed by `change`. */
  function tamperPendingLogin(
    app: TestApp,
    browser: Browser,
    base: string,
    change: (pending: NonNullable<ReturnType<typeof decodePendingLogin>>) => void,
  ) {
    const raw = decodeURIComponent(browser.cookie(base, 'grip_oidc') ?? '');
    const unsigned = app.app.unsignCookie(raw);
    assert.ok(unsigned.valid && unsigned.value, 'the pending log-in cookie is signed by Grip');
    const pending = decodePendingLogin(unsigned.value)!;
    assert.ok(pending);
    change(pending);
    browser.setCookie(base, 'grip_oidc', encodeURIComponent(app.app.signCookie(encodePendingLogin(pending))));
  }

  test('(a) a known subject ends with a Grip session whose roles come from Grip', async () => {
    const { browser, authorizationUrl, setCookie } = await begin(gripUrl, '/personen?tab=dossier');

    const authorization = new URL(authorizationUrl);
    const params = authorization.searchParams;
    assert.equal(params.get('response_type'), 'code');
    assert.equal(params.get('client_id'), CLIENT_ID);
    assert.equal(params.get('redirect_uri'), `${gripUrl}${CALLBACK}`);
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.match(params.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(params.get('scope')?.split(' ').sort(), ['email', 'openid', 'profile']);
    assert.ok(params.get('state') && params.get('nonce'));
    assert.ok(!authorizationUrl.includes('personen'), 'returnTo stays at Grip');

    const stateCookie = setCookie.find((c) => c.startsWith('grip_oidc='));
    assert.ok(stateCookie, 'a pending-log-in cookie is set');
    assert.match(stateCookie, /; HttpOnly/i);
    assert.match(stateCookie, /; SameSite=Lax/i);
    assert.match(stateCookie, /; Path=\/auth\/oidc/i);
    assert.match(stateCookie, /; Secure/i, '127.0.0.1 is a secure context');
    assert.ok(!stateCookie.includes(params.get('nonce')!), 'the cookie is not the bare nonce');

    const callbackUrl = await authorizeAtProvider(browser, authorizationUrl, `${gripUrl}${CALLBACK}`, {
      login: 'demo-toegang-hengelo',
    });
    assert.ok(new URL(callbackUrl).searchParams.get('code'), 'the provider issued a code');
    assert.equal(await finish(browser, callbackUrl), '/personen?tab=dossier');
    assert.equal(browser.cookie(gripUrl, 'grip_oidc'), undefined, 'the pending log-in is cleared');
    assert.ok(browser.cookie(gripUrl, 'grip_session'), 'a session cookie is set');

    const session = await sessionOf(browser, gripUrl);
    assert.equal(session.status, 200);
    assert.equal(session.body.authMethod, 'oidc');
    assert.equal(session.body.username, 'toegang@hengelo.demo');
    assert.equal(session.body.municipalityCode, 'GM0164');
    assert.deepEqual(
      (session.body.roles as { role: string }[]).map((r) => r.role),
      ['toegang-medewerker'],
    );

    // The same answer from the provider cannot be used twice: the pending log-in is gone.
    const replay = new Browser();
    assert.equal(await finish(replay, callbackUrl), '/inloggen?fout=oidc-state');
    await assertNoSession(replay, gripUrl);
  });

  test('(b) a state that does not match the pending log-in gives no session', async () => {
    const { browser, authorizationUrl } = await begin(gripUrl);
    const callbackUrl = await authorizeAtProvider(browser, authorizationUrl, `${gripUrl}${CALLBACK}`, {
      login: 'demo-toegang-hengelo',
    });
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', randomBytes(32).toString('base64url'));
    assert.equal(await finish(browser, forged.href), '/inloggen?fout=oidc-state');
    await assertNoSession(browser, gripUrl);

    // Without the pending-log-in cookie (another browser, or a forged link) the same holds.
    const { browser: first, authorizationUrl: url2 } = await begin(gripUrl);
    const callback2 = await authorizeAtProvider(first, url2, `${gripUrl}${CALLBACK}`, {
      login: 'demo-toegang-hengelo',
    });
    const other = new Browser();
    assert.equal(await finish(other, callback2), '/inloggen?fout=oidc-state');
    await assertNoSession(other, gripUrl);
  });

  test('(c) an ID token whose nonce differs from the pending log-in gives no session', async () => {
    const { browser, authorizationUrl } = await begin(gripUrl);
    tamperPendingLogin(grip, browser, gripUrl, (pending) => {
      pending.nonce = randomBytes(32).toString('base64url');
    });
    const callbackUrl = await authorizeAtProvider(browser, authorizationUrl, `${gripUrl}${CALLBACK}`, {
      login: 'demo-toegang-hengelo',
    });
    assert.equal(await finish(browser, callbackUrl), '/inloggen?fout=oidc-nonce');
    await assertNoSession(browser, gripUrl);
  });

  test('(d) a subject without an active user in the configured municipality gives no session', async () => {
    const unknown = await fullLogin(gripUrl, 'stranger-0001');
    assert.equal(unknown.location, '/inloggen?fout=oidc-onbekend');
    await assertNoSession(unknown.browser, gripUrl);

    // A user of another municipality does not log in to this one.
    const elsewhere = await fullLogin(gripUrl, 'demo-toegang-enschede');
    assert.equal(elsewhere.location, '/inloggen?fout=oidc-onbekend');
    await assertNoSession(elsewhere.browser, gripUrl);

    // A deactivated user cannot log in, whatever the identity provider says.
    await grip.database.db
      .updateTable('app_user')
      .set({ active: false })
      .where('municipality_code', '=', 'GM0164')
      .where('oidc_subject', '=', 'demo-beheer-hengelo')
      .execute();
    const inactive = await fullLogin(gripUrl, 'demo-beheer-hengelo');
    assert.equal(inactive.location, '/inloggen?fout=oidc-onbekend');
    await assertNoSession(inactive.browser, gripUrl);
  });

  test('(e) a user who cancels at the provider comes back without a session', async () => {
    const { browser, authorizationUrl } = await begin(gripUrl);
    const callbackUrl = await authorizeAtProvider(browser, authorizationUrl, `${gripUrl}${CALLBACK}`, {
      deny: true,
    });
    assert.equal(new URL(callbackUrl).searchParams.get('error'), 'access_denied');
    assert.equal(await finish(browser, callbackUrl), '/inloggen?fout=oidc-geweigerd');
    await assertNoSession(browser, gripUrl);
  });

  test('(f) an OIDC session ends after the idle time like any other', async () => {
    const { browser, location } = await fullLogin(gripUrl, 'demo-wijkteam-hengelo');
    assert.equal(location, '/');
    assert.equal((await sessionOf(browser, gripUrl)).status, 200);

    const token = browser.cookie(gripUrl, 'grip_session')!.split('.')[1]!;
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const moved = await grip.database.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 2 * 60_000) })
      .where('token_hash', '=', tokenHash)
      .where('auth_method', '=', 'oidc')
      .executeTakeFirst();
    assert.equal(Number(moved.numUpdatedRows), 1);

    const expired = await sessionOf(browser, gripUrl);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'session-expired');
  });

  test('(g) without GRIP_OIDC_ISSUER the routes answer 404 oidc-not-configured', async () => {
    const plain = await createTestApp();
    try {
      for (const url of ['/auth/oidc/login?returnTo=/', `${CALLBACK}?code=x&state=y`]) {
        const response = await plain.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 404, url);
        assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        assert.equal(response.json().code, 'oidc-not-configured');
        assert.equal(response.headers['set-cookie'], undefined);
      }
    } finally {
      await plain.close();
    }
  });

  test('(h) returnTo cannot send the user to another site', async () => {
    const { location } = await fullLogin(gripUrl, 'demo-toegang-hengelo', '//evil.example');
    assert.equal(location, '/');

    for (const evil of [
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\tevil',
      'personen',
      '/auth/oidc/login',
    ]) {
      assert.equal(safeReturnTo(evil), '/', evil);
    }
    assert.equal(safeReturnTo('/personen/123?tab=a#b'), '/personen/123?tab=a#b');
  });

  test('a new OIDC log-in replaces the session the browser already had', async () => {
    const { browser } = await fullLogin(gripUrl, 'demo-toegang-hengelo');
    const first = browser.cookie(gripUrl, 'grip_session')!;
    const hashOf = (cookie: string) => createHash('sha256').update(cookie.split('.')[1]!).digest('hex');
    const again = await begin(gripUrl, undefined, browser);
    const callbackUrl = await authorizeAtProvider(browser, again.authorizationUrl, `${gripUrl}${CALLBACK}`, {
      login: 'demo-toegang-hengelo',
    });
    assert.equal(await finish(browser, callbackUrl), '/');
    const second = browser.cookie(gripUrl, 'grip_session')!;
    assert.notEqual(second, first);
    const rows = await grip.database.db
      .selectFrom('user_session')
      .select('token_hash')
      .where('token_hash', 'in', [hashOf(first), hashOf(second)])
      .execute();
    assert.deepEqual(
      rows.map((r) => r.token_hash),
      [hashOf(second)],
    );
  });

  test('an unreachable identity provider sends the user back with oidc-storing', async () => {
    const [closedPort] = (await freePorts(1)) as [number];
    const offline = await createTestApp({
      GRIP_OIDC_ISSUER: `http://127.0.0.1:${closedPort}`,
      GRIP_OIDC_CLIENT_ID: CLIENT_ID,
      GRIP_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    });
    try {
      const response = await offline.app.inject({ method: 'GET', url: '/auth/oidc/login' });
      assert.equal(response.statusCode, 302);
      assert.equal(response.headers.location, '/inloggen?fout=oidc-storing');
      assert.equal(response.headers['set-cookie'], undefined, 'no pending log-in without a provider');
    } finally {
      await offline.close();
    }
  });

  test('a log-in that comes back after ten minutes is reported as expired', async () => {
    const { browser, authorizationUrl } = await begin(gripUrl);
    tamperPendingLogin(grip, browser, gripUrl, (pending) => {
      pending.issuedAt = Date.now() - 11 * 60_000;
    });
    const callbackUrl = await authorizeAtProvider(browser, authorizationUrl, `${gripUrl}${CALLBACK}`, {
      login: 'demo-toegang-hengelo',
    });
    assert.equal(await finish(browser, callbackUrl), '/inloggen?fout=oidc-verlopen');
    await assertNoSession(browser, gripUrl);
  });

  test('a pending-log-in cookie with a wrong signature counts as missing', async () => {
    const { browser, authorizationUrl } = await begin(gripUrl);
    const raw = decodeURIComponent(browser.cookie(gripUrl, 'grip_oidc')!);
    const value = raw.slice(0, raw.lastIndexOf('.'));
    browser.setCookie(gripUrl, 'grip_oidc', encodeURIComponent(`${value}.${'A'.repeat(43)}`));
    const callbackUrl = await authorizeAtProvider(browser, authorizationUrl, `${gripUrl}${CALLBACK}`, {
      login: 'demo-toegang-hengelo',
    });
    assert.equal(await finish(browser, callbackUrl), '/inloggen?fout=oidc-state');
    await assertNoSession(browser, gripUrl);
  });

  test('GRIP_OIDC_SUBJECT_CLAIM matches on another claim, fetched from userinfo when needed', async () => {
    const matched = await fullLogin(claimUrl, 'idp-7f3a9c');
    assert.equal(matched.location, '/');
    const session = await sessionOf(matched.browser, claimUrl);
    assert.equal(session.status, 200);
    assert.equal(session.body.username, 'regisseur@hengelo.demo');
    assert.deepEqual(
      (session.body.roles as { role: string }[]).map((r) => r.role),
      ['regisseur'],
    );

    // `sub` alone no longer identifies anyone in this configuration.
    const bySub = await fullLogin(claimUrl, 'demo-toegang-hengelo');
    assert.equal(bySub.location, '/inloggen?fout=oidc-onbekend');
    await assertNoSession(bySub.browser, claimUrl);
  });

  test('a first DigiD-style log-in gives a known resident an inwoner account for their own portal', async () => {
    const first = await fullLogin(residentUrl, 'digid-fatima');
    assert.equal(first.location, '/');
    const session = await sessionOf(first.browser, residentUrl);
    assert.equal(session.status, 200);
    assert.deepEqual(
      (session.body.roles as { role: string }[]).map((r) => r.role),
      ['inwoner'],
    );
    const portal = await first.browser.request(`${residentUrl}/api/v1/my/help-questions`);
    assert.equal(portal.status, 200);
    const again = await fullLogin(residentUrl, 'digid-fatima');
    assert.equal(again.location, '/');
    const accounts = await residentGrip.database.db
      .selectFrom('app_user')
      .innerJoin('person', (j) =>
        j
          .onRef('person.municipality_code', '=', 'app_user.municipality_code')
          .onRef('person.id', '=', 'app_user.person_id'),
      )
      .select(['app_user.oidc_subject'])
      .where('person.bsn', '=', '999990020')
      .execute();
    assert.deepEqual(
      accounts,
      [{ oidc_subject: 'digid-fatima' }],
      'one account, linked to her person record',
    );
    const logged = await residentGrip.database.db
      .selectFrom('processing_log')
      .select('action')
      .where('action', '=', 'resident-account.link')
      .execute();
    assert.equal(logged.length, 1, 'linking the account is in the processing log');

    // Jan's person record already has an account of another log-in; a BSN failing the 11-proef or not
    // known here gives no account.
    for (const login of ['digid-jan', 'digid-unknown', 'digid-bad']) {
      const refused = await fullLogin(residentUrl, login);
      assert.equal(refused.location, '/inloggen?fout=oidc-onbekend', login);
      await assertNoSession(refused.browser, residentUrl);
    }
  });
});
