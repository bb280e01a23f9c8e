/**
 * Operations commands: `node src/cli.ts <command>` (or `npm run grip -- <command>`, `npm run backup`,
 * `npm run restore -- --from <file>`). The logic lives in src/platform/db; this file parses arguments,
 * prints results and chooses the exit code.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from './platform/config.ts';
import {
  backupDataDir,
  BackupError,
  defaultBackupFile,
  formatBytes,
  hasEmbeddedDatabase,
  restoreDataDir,
} from './platform/db/backup.ts';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './platform/db/data-dir-lock.ts';
import { DatabaseOpenError, openDatabase } from './platform/db/database.ts';
import { migrate, MigrationError } from './platform/db/migrate.ts';

const EXIT_FAILED = 1;
const EXIT_USE_POSTGRES_TOOLS = 2;
const EXIT_USAGE = 64;

const USAGE = `Usage: node src/cli.ts <command> [options]   (npm run grip -- <command> [options])

Commands
  backup   [--out FILE] [--data-dir DIR] [--force]
           Write a backup of the embedded database to FILE (default backups/grip-<time>.tar.gz).
           Grip must be stopped. --force replaces an existing FILE.
  restore  --from FILE [--data-dir DIR] [--force]
           Restore a backup into DIR. DIR must be absent or empty; with --force a non-empty DIR is
           moved aside to DIR.before-restore-<time> (nothing is deleted). Grip must be stopped.
  migrate  [--data-dir DIR]
           Apply pending database migrations and exit (Grip also does this when it starts).
  help     Show this text.

DIR defaults to GRIP_DATA_DIR, or ./data. With DATABASE_URL set, migrate works on PostgreSQL;
backup and restore are for the embedded database only (use pg_dump/pg_restore on PostgreSQL).

Exit codes: 0 done, 1 failed (see the message), 2 not for PostgreSQL, 64 wrong command or options.`;

const POSTGRES_ADVICE = `Grip is configured for PostgreSQL (DATABASE_URL is set). \`backup\` and \`restore\` are for the
embedded database only. On PostgreSQL use its own tools, for example:
  pg_dump --format=custom --file=grip-$(date +%Y%m%d).dump "$DATABASE_URL"
  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" grip-YYYYMMDD.dump
(or your provider's backups). Unset DATABASE_URL to back up an embedded data directory.`;

class UsageError extends Error {}

interface Options {
  out?: string;
  from?: string;
  'data-dir'?: string;
  force?: boolean;
  help?: boolean;
}

const ALLOWED: Record<string, (keyof Options)[]> = {
  backup: ['out', 'data-dir', 'force'],
  restore: ['from', 'data-dir', 'force'],
  migrate: ['data-dir'],
  help: [],
};

function parse(args: string[]): { command: string; options: Options } {
  const [command = 'help', ...rest] = args;
  if (command === '--help' || command === '-h') return { command: 'help', options: {} };
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(`Unknown command "${command}".`);
  let values: Options;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        from: { type: 'string' },
        'data-dir': { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { command: 'help', options: {} };
  for (const key of Object.keys(values) as (keyof Options)[]) {
    if (!allowed.includes(key)) throw new UsageError(`Option --${key} does not apply to "${command}".`);
  }
  for (const key of ['out', 'from', 'data-dir'] as const) {
    if (values[key] === '') throw new UsageError(`Option --${key} needs a value.`);
  }
  return { command, options: values };
}

function dataDirOf(options: Options): string {
  return path.resolve(options['data-dir'] ?? (process.env.GRIP_DATA_DIR || 'data'));
}

function appRole(): string {
  const role = process.env.GRIP_DB_APP_ROLE || 'grip_app';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role))
    throw new ConfigError('GRIP_DB_APP_ROLE must be a lower-case SQL identifier');
  return role;
}

async function backup(options: Options): Promise<number> {
  if (process.env.DATABASE_URL) {
    console.error(POSTGRES_ADVICE);
    return EXIT_USE_POSTGRES_TOOLS;
  }
  const result = await backupDataDir({
    dataDir: dataDirOf(options),
    out: options.out ?? defaultBackupFile(),
    overwrite: options.force ?? false,
  });
  console.log(
    [
      `Backup written: ${result.file} (${formatBytes(result.bytes)}; ${formatBytes(result.dataBytes)} unpacked)`,
      `  from ${result.dataDir}, PostgreSQL ${result.postgresVersion}, ` +
        `${result.migrations} migration(s)${result.latestMigration ? `, latest ${result.latestMigration}` : ''}`,
      `  restore with: npm run restore -- --from ${result.file} --data-dir <new directory>`,
    ].join('\n'),
  );
  return 0;
}

async function restore(options: Options): Promise<number> {
  if (process.env.DATABASE_URL) {
    console.error(POSTGRES_ADVICE);
    return EXIT_USE_POSTGRES_TOOLS;
  }
  if (!options.from)
    throw new UsageError('restore needs --from FILE (a .tar.gz written by `npm run backup`).');
  const result = await restoreDataDir({
    from: options.from,
    dataDir: dataDirOf(options),
    force: options.force ?? false,
  });
  const count = (n: number | null) => (n === null ? '-' : String(n));
  const lines = [
    `Restored ${result.from.file} into ${result.dataDir}`,
    `  PostgreSQL ${result.from.postgresVersion}, ${result.migrations} migration(s), latest ${result.latestMigration}`,
    `  municipalities: ${count(result.counts.municipalities)}, users: ${count(result.counts.users)}, ` +
      `persons: ${count(result.counts.persons)}`,
  ];
  if (result.movedAside)
    lines.push(`  the previous contents of the data directory are in ${result.movedAside}`);
  if (result.pendingMigrations.length) {
    lines.push(
      `  Grip applies ${result.pendingMigrations.length} newer migration(s) when it starts on this directory`,
    );
  }
  if (result.unknownMigrations.length) {
    lines.push(
      `  WARNING: the backup has migrations this version of Grip does not know (${result.unknownMigrations.join(', ')}); ` +
        'it was made by a newer Grip. Run that version on it.',
    );
  }
  lines.push(`  start Grip on it with GRIP_DATA_DIR=${result.dataDir}`);
  console.log(lines.join('\n'));
  return 0;
}

async function runMigrations(options: Options): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = dataDirOf(options);
  let lock: DataDirLock | undefined;
  if (!databaseUrl) {
    try {
      lock = lockDataDir(dataDir);
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      throw new BackupError(
        `${error.message} (A running Grip has already applied its migrations at start-up.)`,
      );
    }
  }
  try {
    const created = !databaseUrl && !hasEmbeddedDatabase(dataDir);
    const database = await openDatabase({ databaseUrl, dataDir, appRole: appRole() });
    try {
      const { applied } = await migrate(database);
      const where = databaseUrl
        ? 'PostgreSQL (DATABASE_URL)'
        : `${created ? 'new ' : ''}embedded database in ${dataDir}`;
      console.log(
        applied.length
          ? `Applied to ${where}: ${applied.join(', ')}`
          : `Nothing to apply; ${where} is up to date.`,
      );
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
  return 0;
}

async function main(args: string[]): Promise<number> {
  let command = 'help';
  try {
    const parsed = parse(args);
    command = parsed.command;
    switch (parsed.command) {
      case 'backup':
        return await backup(parsed.options);
      case 'restore':
        return await restore(parsed.options);
      case 'migrate':
        return await runMigrations(parsed.options);
      default:
        console.log(USAGE);
        return 0;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`grip: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (
      error instanceof BackupError ||
      error instanceof ConfigError ||
      error instanceof DatabaseOpenError ||
      error instanceof DataDirLockedError ||
      error instanceof MigrationError
    ) {
      console.error(`grip ${command}: ${error.message}`);
      return EXIT_FAILED;
    }
    console.error(`grip ${command} failed unexpectedly:`, error);
    return EXIT_FAILED;
  }
}

process.exitCode = await main(process.argv.slice(2));
