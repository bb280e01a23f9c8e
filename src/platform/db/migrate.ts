import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, sql } from 'kysely';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** Tables the application role may read and add to, but never change or delete from. */
export const APPEND_ONLY_TABLES = ['processing_log'] as const;

/**
 * Shared catalogues (national code lists, no municipality_code): the application role may only read them.
 * A test checks that every table without municipality_code is listed here.
 */
export const CATALOGUE_TABLES = [
  'municipality',
  'law',
  'product_category',
  'istandaard_code',
  'life_domain',
  'bbv_taakveld',
  'cbs_area',
  'region',
  'region_member',
] as const;

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export class MigrationError extends Error {}

/**
 * Applies every pending migration, each in its own transaction, then (re)grants the application role.
 * On PostgreSQL an advisory lock keeps two starting instances from migrating at once.
 */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(database.db);

  const applied: string[] = [];
  for (const migration of readMigrations()) {
    const ran = await withScriptTransaction(database, async (t) => {
      await t.query('SELECT pg_advisory_xact_lock(4711)');
      const existing = await t.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      if (existing[0]) {
        if (existing[0].checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied. Never edit an applied migration; add a new one.`,
          );
        }
        return false;
      }
      await t.exec(migration.sql);
      await t.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  await grantApplicationRole(database);
  return { applied };
}

interface ScriptTransaction {
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements (simple query protocol). */
  exec(text: string): Promise<void>;
}

/** A transaction that can also run multi-statement scripts, on PGlite and on PostgreSQL alike. */
function withScriptTransaction<T>(
  database: Database,
  work: (t: ScriptTransaction) => Promise<T>,
): Promise<T> {
  if (database.pglite) {
    return database.pglite.transaction((t) =>
      work({
        query: async <R>(text: string, params: unknown[] = []) => (await t.query<R>(text, params)).rows,
        exec: async (text) => {
          await t.exec(text);
        },
      }),
    );
  }
  return database.db.transaction().execute((tx) =>
    work({
      query: async <R>(text: string, params: unknown[] = []) =>
        (await tx.executeQuery<R>(CompiledQuery.raw(text, params))).rows,
      exec: async (text) => {
        await tx.executeQuery(CompiledQuery.raw(text));
      },
    }),
  );
}

async function grantApplicationRole(database: Database): Promise<void> {
  const role = sql.id(database.appRole);
  await database.db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(4712)`.execute(tx);
    const exists = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${database.appRole}`.execute(tx);
    if (exists.rows[0]?.n === 0) {
      try {
        await sql`CREATE ROLE ${role} NOLOGIN`.execute(tx);
      } catch (error) {
        throw new MigrationError(
          `Could not create the database role "${database.appRole}" (${(error as Error).message}). ` +
            'Ask the database administrator to create it (CREATE ROLE ... NOLOGIN) and grant it to the user in DATABASE_URL.',
        );
      }
    }
    const member = await sql<{
      ok: boolean;
    }>`SELECT pg_has_role(current_user, ${database.appRole}, 'MEMBER') AS ok`.execute(tx);
    if (!member.rows[0]?.ok) await sql`GRANT ${role} TO CURRENT_USER`.execute(tx);
    await sql`GRANT USAGE ON SCHEMA public TO ${role}`.execute(tx);
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`.execute(tx);
    await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`.execute(tx);
    await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${role}`.execute(tx);
    for (const table of CATALOGUE_TABLES) {
      await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${sql.table(table)} FROM ${role}`.execute(tx);
    }
    for (const table of APPEND_ONLY_TABLES) {
      await sql`REVOKE UPDATE, DELETE, TRUNCATE ON ${sql.table(table)} FROM ${role}`.execute(tx);
    }
  });
}
