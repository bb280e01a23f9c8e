import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import type { Role } from '../../src/access/roles.ts';
import {
  DEMO_MUNICIPALITIES,
  DEMO_ROLES,
  demoPassword,
  demoUsername,
  seedDemo,
} from '../../src/demo/demo-seed.ts';
import { loadConfig, type GripConfig } from '../../src/platform/config.ts';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { buildApp, type BuiltApp } from '../../src/platform/http/app.ts';

/**
 * Test databases: PGlite in memory by default; with TEST_DATABASE_URL (a PostgreSQL server) each test
 * file gets a database of its own, created here and dropped by close().
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const DB_KIND = TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDatabase {
  database: Database;
  /** Connection string of the per-test database on PostgreSQL; undefined on PGlite. */
  url: string | undefined;
  close(): Promise<void>;
}

export async function createTestDatabase(appRole = 'grip_app'): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const database = await openPglite(null, appRole);
    return { database, url: undefined, close: () => database.close() };
  }
  const name = `grip_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), appRole, 5);
  return {
    database,
    url: url.toString(),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      // Let connections that are still closing go first, so FORCE does not cut them off mid-close.
      for (let i = 0; i < 40; i++) {
        const { rows } = await dropper.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): GripConfig {
  return loadConfig({
    GRIP_MODE: 'demo',
    GRIP_LOG_LEVEL: 'silent',
    GRIP_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    GRIP_RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  });
}

export interface TestApp extends BuiltApp {
  config: GripConfig;
  database: Database;
  login(role: Role, municipalityCode?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export async function createTestApp(
  overrides: Record<string, string> = {},
  options: { logStream?: Writable } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  await migrate(testDb.database);
  await seedDemo(testDb.database);
  const config = testConfig(overrides);
  const built = await buildApp({ config, database: testDb.database }, options);
  const sessions = new Map<string, Client>();
  return {
    ...built,
    config,
    database: testDb.database,
    anonymous: () => new Client(built, undefined, undefined),
    async login(role, municipalityCode = 'GM0164') {
      const key = `${municipalityCode}:${role}`;
      const cached = sessions.get(key);
      if (cached) return cached;
      const m = DEMO_MUNICIPALITIES.find((x) => x.code === municipalityCode)!;
      const demo = DEMO_ROLES.find((r) => r.role === role)!;
      const response = await built.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: {
          municipalityCode,
          username: demoUsername(demo.user, m.slug),
          password: demoPassword(demo.user),
        },
      });
      if (response.statusCode !== 201) throw new Error(`login as ${role} failed: ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'grip_session')!;
      const client = new Client(built, `grip_session=${cookie.value}`, response.json().csrfToken as string);
      sessions.set(key, client);
      return client;
    },
    async close() {
      await built.app.close();
      await testDb.close();
    },
  };
}

/** A logged-in (or anonymous) caller that sends the session cookie and CSRF token like the web app. */
export class Client {
  private readonly built: BuiltApp;
  readonly cookie: string | undefined;
  readonly csrfToken: string | undefined;
  constructor(built: BuiltApp, cookie: string | undefined, csrfToken: string | undefined) {
    this.built = built;
    this.cookie = cookie;
    this.csrfToken = csrfToken;
  }

  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.csrf !== false && method !== 'GET')
      headers['x-csrf-token'] = this.csrfToken;
    return this.built.app.inject({
      method,
      url,
      headers,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, { headers });
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, { body, headers });
  }
  patch(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, { body, headers });
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, { headers });
  }
}

export async function countRows(database: Database, table: 'processing_log' | 'person' | 'app_user') {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    database.db,
  );
  return result.rows[0]!.n;
}
