import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, DEMO_SESSION_SECRET, loadConfig } from '../src/platform/config.ts';
import { isValidBsn } from '../src/residents/bsn.ts';
import { syntheticBsn } from '../src/demo/demo-seed.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { sql } from 'kysely';
import { Writable } from 'node:stream';

describe('configuration', () => {
  test('demo mode by default, production with DATABASE_URL or NODE_ENV=production', () => {
    assert.equal(loadConfig({}).mode, 'demo');
    assert.equal(loadConfig({}).port, 8080);
    assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://x/y' }), /GRIP_SESSION_SECRET is required/);
    assert.equal(
      loadConfig({ DATABASE_URL: 'postgres://x/y', GRIP_SESSION_SECRET: 'k'.repeat(40) }).mode,
      'production',
    );
    assert.equal(
      loadConfig({ NODE_ENV: 'production', GRIP_SESSION_SECRET: 'k'.repeat(40) }).mode,
      'production',
    );
  });

  test('production refuses the demo secret and short secrets', () => {
    assert.throws(
      () => loadConfig({ GRIP_MODE: 'production', GRIP_SESSION_SECRET: DEMO_SESSION_SECRET }),
      /demo default/,
    );
    assert.throws(() => loadConfig({ GRIP_MODE: 'production', GRIP_SESSION_SECRET: 'kort' }), /at least 32/);
  });

  test('bad values are refused by name', () => {
    assert.throws(() => loadConfig({ GRIP_PORT: 'tachtig' }), ConfigError);
    assert.throws(() => loadConfig({ GRIP_MODE: 'test' }), /GRIP_MODE/);
    assert.throws(() => loadConfig({ GRIP_DEFAULT_MUNICIPALITY: 'Hengelo' }), /CBS code/);
    assert.throws(() => loadConfig({ GRIP_OIDC_ISSUER: 'https://idp.example' }), /CLIENT_ID/);
    const client = { GRIP_OIDC_CLIENT_ID: 'grip', GRIP_OIDC_CLIENT_SECRET: 's' };
    assert.throws(() => loadConfig({ GRIP_OIDC_ISSUER: 'http://idp.example', ...client }), /https/);
    assert.throws(() => loadConfig({ GRIP_OIDC_ISSUER: 'geen url', ...client }), /https/);
    assert.equal(loadConfig({ GRIP_OIDC_ISSUER: 'http://127.0.0.1:9000', ...client }).oidc?.clientId, 'grip');
    assert.throws(() => loadConfig({ GRIP_DB_APP_ROLE: 'drop table' }), /identifier/);
  });
});

describe('BSN 11-proef', () => {
  test('agrees between TypeScript and the database', async () => {
    const grip = await createTestApp();
    try {
      const samples = [
        '111222333',
        '123456782',
        '123456789',
        '000000000',
        '999990019',
        syntheticBsn(3),
        '12345678',
      ];
      for (const bsn of samples) {
        const db = await sql<{ ok: boolean }>`SELECT bsn_is_valid(${bsn}) AS ok`.execute(grip.database.db);
        assert.equal(db.rows[0]!.ok, isValidBsn(bsn), bsn);
      }
      assert.equal(isValidBsn('111222333'), true);
      assert.equal(isValidBsn('123456789'), false);
    } finally {
      await grip.close();
    }
  });
});

describe('HTTP platform', () => {
  let grip: TestApp;
  before(async () => {
    grip = await createTestApp();
  });
  after(() => grip.close());

  test('health probes', async () => {
    const live = await grip.anonymous().get('/health/live');
    assert.equal(live.statusCode, 200);
    const ready = await grip.anonymous().get('/health/ready');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ok');
    grip.beginShutdown();
    const stopping = await grip.anonymous().get('/health/ready');
    assert.equal(stopping.statusCode, 503);
  });

  test('security headers, API-Version and no caching of API answers', async () => {
    const response = await grip.anonymous().get('/api/v1/municipalities');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['api-version'], '0.1.0');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
  });

  test('HSTS behind TLS', async () => {
    const tls = await createTestApp({ GRIP_PUBLIC_URL: 'https://grip.hengelo.example' });
    try {
      const response = await tls.anonymous().get('/api/v1/municipalities');
      assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
    } finally {
      await tls.close();
    }
  });

  test('log lines carry no personal data', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await createTestApp({ GRIP_LOG_LEVEL: 'info' }, { logStream });
    try {
      const client = await logged.login('toegang-medewerker');
      await client.post('/api/v1/persons/_search', { bsn: '999990019' });
      await client.get('/api/v1/persons?familyName=Jansen');
    } finally {
      await logged.close();
    }
    const text = lines.join('');
    assert.match(text, /"route":"\/api\/v1\/persons"/);
    for (const secret of ['999990019', 'Jansen', 'toegang-demo-2026', 'grip_session=']) {
      assert.ok(!text.includes(secret), `log contains ${secret}`);
    }
  });
});
