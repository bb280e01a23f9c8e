import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { DEMO_SESSION_SECRET } from '../../src/platform/config.ts';
import {
  killAllGripProcesses,
  login,
  makeTempDir,
  runGripUntilExit,
  spawnGrip,
} from '../helpers/grip-process.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const GOOD_SECRET = randomBytes(32).toString('hex');

const dirs: string[] = [];
const databases: string[] = [];

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

after(async () => {
  await killAllGripProcesses();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  for (const name of databases) {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch((error: unknown) =>
      console.error(`could not drop ${name}: ${(error as Error).message}`),
    );
  }
});

function tempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  dirs.push(dir);
  return dir;
}

describe('production mode', () => {
  test('refuses to start without GRIP_SESSION_SECRET', async () => {
    const dataDir = tempDir('prod-nosecret');
    const result = await runGripUntilExit({ dataDir, env: { GRIP_MODE: 'production' }, timeoutMs: 30_000 });
    assert.equal(result.signal, null);
    assert.notEqual(result.code, 0);
    assert.match(result.output, /GRIP_SESSION_SECRET/);
    assert.deepEqual(fs.readdirSync(dataDir), [], 'nothing is created before the configuration is checked');
  });

  test('refuses the demo secret and a short secret', async () => {
    for (const secret of [DEMO_SESSION_SECRET, 'too-short']) {
      const result = await runGripUntilExit({
        dataDir: tempDir('prod-badsecret'),
        env: { GRIP_MODE: 'production', GRIP_SESSION_SECRET: secret },
        timeoutMs: 30_000,
      });
      assert.notEqual(result.code, 0);
      assert.match(result.output, /GRIP_SESSION_SECRET/);
    }
    // NODE_ENV=production alone also means production mode.
    const viaNodeEnv = await runGripUntilExit({
      dataDir: tempDir('prod-nodeenv'),
      env: { NODE_ENV: 'production' },
      timeoutMs: 30_000,
    });
    assert.notEqual(viaNodeEnv.code, 0);
    assert.match(viaNodeEnv.output, /GRIP_SESSION_SECRET/);
  });

  test('starts on a fresh PostgreSQL database without any demo data', async (t) => {
    const name = `grip_prod_${Date.now()}_${randomBytes(4).toString('hex')}`;
    try {
      await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    } catch (error) {
      const reason = `PostgreSQL is not reachable at ${ADMIN_URL} (${(error as Error).message})`;
      if (process.env.CI) throw new Error(`${reason}; CI must run this test`, { cause: error });
      t.skip(`${reason}; set TEST_DATABASE_URL or start PostgreSQL to run this test`);
      return;
    }
    databases.push(name);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;

    const grip = await spawnGrip({
      env: { GRIP_MODE: 'production', GRIP_SESSION_SECRET: GOOD_SECRET, DATABASE_URL: url.toString() },
    });
    const ready = await fetch(`${grip.url}/health/ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ok', database: 'postgres' });

    const denied = await fetch(`${grip.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        municipalityCode: 'GM0164',
        username: 'toegang@hengelo.demo',
        password: 'toegang-demo-2026',
      }),
    });
    assert.equal(denied.status, 401, 'demo accounts must not exist in production');

    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const counts = await client
      .query<{ users: number; municipalities: number; persons: number; migrations: number }>(
        `SELECT (SELECT count(*) FROM app_user)::int AS users,
                (SELECT count(*) FROM municipality)::int AS municipalities,
                (SELECT count(*) FROM person)::int AS persons,
                (SELECT count(*) FROM schema_migrations)::int AS migrations`,
      )
      .then((result) => result.rows[0]!)
      .finally(() => client.end());
    assert.equal(counts.users, 0);
    assert.equal(counts.municipalities, 0);
    assert.equal(counts.persons, 0);
    assert.ok(counts.migrations > 0, 'the migrations were applied');

    assert.equal((await grip.stop()).code, 0);
  });

  test('demo mode on the embedded database has the demo accounts', async () => {
    const dataDir = tempDir('demo');
    const grip = await spawnGrip({ dataDir });
    assert.match(grip.output(), /demo-modus/);
    const session = await login(grip.url, 'toegang@hengelo.demo', 'toegang-demo-2026');
    const me = await session.request('GET', '/api/v1/session');
    assert.equal(me.status, 200);
    assert.ok(fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION')));
    assert.equal((await grip.stop()).code, 0);
  });
});
