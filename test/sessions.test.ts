import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { syntheticBsn } from '../src/demo/demo-seed.ts';
import { createTestApp, DB_KIND, type TestApp } from './helpers/test-app.ts';

const login = (grip: TestApp, username: string, password: string, municipalityCode = 'GM0164') =>
  grip.anonymous().post('/api/v1/session', { municipalityCode, username, password });

describe(`local log-in and sessions (${DB_KIND})`, () => {
  let grip: TestApp;
  before(async () => {
    grip = await createTestApp({ GRIP_LOGIN_MAX_ATTEMPTS: '3', GRIP_SESSION_IDLE_MINUTES: '30' });
  });
  after(() => grip.close());

  test('passwords are stored as argon2id hashes', async () => {
    const rows = await grip.database.db.selectFrom('app_user').select('password_hash').execute();
    assert.ok(rows.length > 0);
    for (const row of rows) assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test('a good log-in sets an httpOnly, Secure, SameSite session cookie and returns the roles', async () => {
    const response = await login(grip, 'Regisseur@Hengelo.demo', 'regisseur-demo-2026');
    assert.equal(response.statusCode, 201, response.body);
    const cookie = response.cookies.find((c) => c.name === 'grip_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.match(cookie.value, /^GM0164\./);
    const body = response.json();
    assert.deepEqual(
      body.roles.map((r: { role: string }) => r.role),
      ['regisseur'],
    );
    assert.ok(body.csrfToken.length >= 40);
    const stored = await grip.database.db.selectFrom('user_session').select('token_hash').execute();
    assert.ok(
      stored.every((s) => !cookie.value.includes(s.token_hash)),
      'only a hash of the token is stored',
    );
  });

  test('wrong password, unknown user and the wrong municipality all get the same 401', async () => {
    for (const [user, password, municipality] of [
      ['regisseur@hengelo.demo', 'fout-wachtwoord', 'GM0164'],
      ['niemand@hengelo.demo', 'regisseur-demo-2026', 'GM0164'],
      ['regisseur@hengelo.demo', 'regisseur-demo-2026', 'GM0153'],
    ] as const) {
      const response = await login(grip, user, password, municipality);
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().code, 'login-failed');
      assert.equal(response.cookies.length, 0);
    }
  });

  test('after too many failures the account is locked, even for the right password, until unlocked', async () => {
    for (let i = 0; i < 3; i++)
      assert.equal((await login(grip, 'wijkteam@hengelo.demo', 'fout')).statusCode, 401);
    const locked = await login(grip, 'wijkteam@hengelo.demo', 'wijkteam-demo-2026');
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.json().code, 'account-locked');
    assert.ok(Number(locked.headers['retry-after']) > 0);
    const beheer = await grip.login('functioneel-beheerder');
    const users = (await beheer.get('/api/v1/users')).json().items as {
      id: string;
      username: string;
      locked: boolean;
      version: number;
    }[];
    const wijkteam = users.find((u) => u.username === 'wijkteam@hengelo.demo')!;
    assert.equal(wijkteam.locked, true);
    const unlock = await beheer.patch(
      `/api/v1/users/${wijkteam.id}`,
      { unlock: true },
      { 'if-match': `"${wijkteam.version}"` },
    );
    assert.equal(unlock.statusCode, 200, unlock.body);
    assert.equal(unlock.json().locked, false);
    assert.equal((await login(grip, 'wijkteam@hengelo.demo', 'wijkteam-demo-2026')).statusCode, 201);
  });

  test('writes without the CSRF token are refused', async () => {
    const toegang = await grip.login('toegang-medewerker');
    const body = { bsn: syntheticBsn(801), givenNames: 'A', familyName: 'B', birthDate: '2001-01-01' };
    const missing = await toegang.request('POST', '/api/v1/persons', { body, csrf: false });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json().code, 'csrf-token-invalid');
    const wrong = await toegang.request('POST', '/api/v1/persons', {
      body,
      csrf: false,
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    assert.equal(wrong.statusCode, 403);
    const count = await grip.database.db
      .selectFrom('person')
      .select('id')
      .where('bsn', '=', body.bsn)
      .execute();
    assert.equal(count.length, 0);
  });

  test('an idle session expires, and so does one past its maximum age', async () => {
    const idle = await login(grip, 'beleid@hengelo.demo', 'beleid-demo-2026');
    const cookie = `grip_session=${idle.cookies[0]!.value}`;
    await grip.database.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('token_hash', 'in', grip.database.db.selectFrom('user_session').select('token_hash'))
      .where('csrf_token', '=', idle.json().csrfToken)
      .execute();
    const expired = await grip.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().code, 'session-expired');
    const again = await grip.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    assert.equal(again.json().code, 'not-authenticated', 'the expired session is gone');

    const old = await login(grip, 'beleid@hengelo.demo', 'beleid-demo-2026');
    await grip.database.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('csrf_token', '=', old.json().csrfToken)
      .execute();
    const response = await grip.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `grip_session=${old.cookies[0]!.value}` },
    });
    assert.equal(response.json().code, 'session-expired');
  });

  test('a deactivated user is logged out at once', async () => {
    const session = await login(grip, 'aanbieder@hengelo.demo', 'aanbieder-demo-2026');
    const cookie = `grip_session=${session.cookies[0]!.value}`;
    await grip.database.db
      .updateTable('app_user')
      .set({ active: false })
      .where('username', '=', 'aanbieder@hengelo.demo')
      .execute();
    const response = await grip.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    assert.equal(response.statusCode, 401);
    assert.equal((await login(grip, 'aanbieder@hengelo.demo', 'aanbieder-demo-2026')).statusCode, 401);
  });

  test('forged or malformed cookies are ignored', async () => {
    for (const value of ['GM0164.' + 'A'.repeat(43), 'garbage', 'GM0153.' + 'b'.repeat(43)]) {
      const response = await grip.app.inject({
        method: 'GET',
        url: '/api/v1/session',
        headers: { cookie: `grip_session=${value}` },
      });
      assert.equal(response.statusCode, 401);
    }
  });
});

describe('log-in rate limit', () => {
  let grip: TestApp;
  before(async () => {
    grip = await createTestApp({ GRIP_LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  after(() => grip.close());

  test('the log-in endpoint answers 429 problem+json after the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(grip, 'x@hengelo.demo', 'y')).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const limited = await login(grip, 'x@hengelo.demo', 'y');
    assert.match(String(limited.headers['content-type']), /problem\+json/);
    assert.equal(limited.json().code, 'too-many-requests');
  });
});
