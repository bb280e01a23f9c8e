import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql, type LogEvent, type Transaction } from 'kysely';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** Role the application switches to inside every request transaction (row-level security applies). */
  appRole: string;
  /** PGlite only: the embedded instance, for backups. */
  pglite?: PGlite;
  /** PostgreSQL only: the connection pool under `db`, for work Kysely cannot do (COPY). */
  pgPool?: pg.Pool;
  close(): Promise<void>;
}

export type Tx = Transaction<DB>;

// Dates stay as ISO strings (YYYY-MM-DD) rather than JS Dates shifted by the local time zone.
pg.types.setTypeParser(1082, (value: string) => value);

export class DatabaseOpenError extends Error {}

/**
 * Slow-statement log for maintainers: with GRIP_SLOW_QUERY_MS=n every statement that takes n ms or more is
 * written to stderr with its time and the first 300 characters of its SQL (never its parameters, which may
 * hold personal data).
 */
function slowQueryLog(): ((event: LogEvent) => void) | undefined {
  const threshold = Number(process.env.GRIP_SLOW_QUERY_MS);
  if (!process.env.GRIP_SLOW_QUERY_MS || !Number.isFinite(threshold)) return undefined;
  return (event) => {
    if (event.queryDurationMillis < threshold) return;
    const text = event.query.sql.replace(/\s+/g, ' ').slice(0, 300);
    process.stderr.write(
      `[slow ${event.queryDurationMillis.toFixed(1)} ms${event.level === 'error' ? ', failed' : ''}] ${text}\n`,
    );
  };
}

/** Opens the embedded database in `dataDir/pgdata`, or in memory when `dataDir` is null (tests). */
export async function openPglite(dataDir: string | null, appRole: string): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pgDir = dataDir ? path.join(dataDir, 'pgdata') : 'memory://';
  let instance: PGlite;
  try {
    instance = await PGlite.create(pgDir, {
      parsers: { 1082: (value: string) => value },
    });
    await instance.query('SELECT 1');
  } catch (error) {
    throw new DatabaseOpenError(
      `The embedded database in ${pgDir} could not be opened (${(error as Error).message}). ` +
        'It may be damaged by a crash or a full disk. Restore the latest backup with ' +
        '`npm run restore -- --from <backup.tar.gz> --force` (moves the damaged directory aside), ' +
        'or move the directory aside yourself to start empty.',
      { cause: error },
    );
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: instance }), log: slowQueryLog() });
  return {
    kind: 'pglite',
    db,
    appRole,
    pglite: instance,
    async close() {
      await db.destroy();
      if (!instance.closed) await instance.close();
    },
  };
}

export async function openPostgres(url: string, appRole: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: slowQueryLog() });
  await sql`SELECT 1`.execute(db);
  return {
    kind: 'postgres',
    db,
    appRole,
    pgPool: pool,
    async close() {
      await db.destroy();
    },
  };
}

export function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  appRole: string;
}): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.appRole)
    : openPglite(options.dataDir, options.appRole);
}
