/**
 * Backup and restore of the embedded database (PGlite in `<dataDir>/pgdata`). A backup is the gzipped
 * tarball of the PostgreSQL data directory that PGlite itself writes (`dumpDataDir`) and reads back
 * (`loadDataDir`). On PostgreSQL (DATABASE_URL) use pg_dump/pg_restore instead.
 *
 * Both directions write next to their target first and rename at the end, so an interrupted or failed
 * run never leaves a half-written backup file or a half-restored data directory behind.
 */
import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { openPglite } from './database.ts';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { readMigrations } from './migrate.ts';

/** A failure the operator can act on; the message says what happened and what to do. */
export class BackupError extends Error {}

/** Sub-directory of the data directory that holds the PGlite database (see openPglite). */
export const PGDATA = 'pgdata';

export interface BackupInfo {
  file: string;
  /** Size of the backup file. */
  bytes: number;
  /** Number of files and directories in the tarball. */
  entries: number;
  /** Uncompressed size of the files in the tarball. */
  dataBytes: number;
  /** PostgreSQL major version of the data directory (the contents of PG_VERSION). */
  postgresVersion: string;
}

export interface BackupResult extends BackupInfo {
  dataDir: string;
  migrations: number;
  latestMigration: string | null;
}

export interface RestoreResult {
  dataDir: string;
  from: BackupInfo;
  /** Where the previous contents of the data directory went (restore with force only). */
  movedAside: string | undefined;
  migrations: number;
  latestMigration: string | null;
  /** Migrations this version of Grip has and the backup does not: applied at the next start. */
  pendingMigrations: string[];
  /** Migrations in the backup this version of Grip does not know: the backup comes from a newer Grip. */
  unknownMigrations: string[];
  counts: { municipalities: number | null; users: number | null; persons: number | null };
}

/** `2026-05-01T09-30-00Z`: a UTC time stamp that is safe in file names and sorts in time order. */
export function fileTimestamp(now = new Date()): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

export function defaultBackupFile(now = new Date(), dir = 'backups'): string {
  return path.resolve(dir, `grip-${fileTimestamp(now)}.tar.gz`);
}

export function hasEmbeddedDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, PGDATA, 'PG_VERSION'));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function lockHolderPid(dataDir: string): number | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(path.join(dataDir, 'grip.lock'), 'utf8')) as { pid?: unknown };
    return typeof holder.pid === 'number' ? holder.pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the data-directory lock, turning "another process has it" into advice for the operator. */
function lockForMaintenance(dataDir: string, what: string): DataDirLock {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const pid = lockHolderPid(dataDir);
    throw new BackupError(
      `Grip is running on the data directory ${dataDir}${pid ? ` (pid ${pid})` : ''}. ` +
        `Stop Grip first, then ${what}, and start Grip again.`,
      { cause: error },
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Checking a backup file: a gzip stream holding a tar archive with a PostgreSQL data directory.

function readOctal(field: Buffer): number {
  // Large sizes use the base-256 form: the high bit of the first byte is set.
  if (field[0]! & 0x80) {
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return Number.NaN;
  return parseInt(text, 8);
}

function readString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.toString('utf8', 0, end === -1 ? field.length : end);
}

/** Walks the headers of a tar stream without unpacking it. */
class TarScanner {
  entries = 0;
  dataBytes = 0;
  postgresVersion: string | undefined;
  ended = false;
  private header = Buffer.alloc(0);
  private skip = 0;
  private collect: Buffer[] | undefined;
  private collectLeft = 0;

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.ended) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - offset);
        if (this.collect && this.collectLeft > 0) {
          const take = Math.min(n, this.collectLeft);
          this.collect.push(chunk.subarray(offset, offset + take));
          this.collectLeft -= take;
          if (this.collectLeft === 0) {
            this.postgresVersion = Buffer.concat(this.collect).toString('utf8').trim();
            this.collect = undefined;
          }
        }
        this.skip -= n;
        offset += n;
        continue;
      }
      const take = Math.min(512 - this.header.length, chunk.length - offset);
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (this.header.length === 512) this.readHeader();
    }
  }

  private readHeader(): void {
    const h = this.header;
    this.header = Buffer.alloc(0);
    if (h.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    const stored = readOctal(h.subarray(148, 156));
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
    if (stored !== sum) throw new Error('it is not a tar archive (bad header checksum)');
    const size = readOctal(h.subarray(124, 136));
    if (!Number.isFinite(size) || size < 0) throw new Error('it is not a tar archive (bad entry size)');
    const prefix = h.toString('latin1', 257, 262) === 'ustar' ? readString(h.subarray(345, 500)) : '';
    const name = (prefix ? `${prefix}/` : '') + readString(h.subarray(0, 100));
    const type = String.fromCharCode(h[156]!);
    const isFile = type === '0' || type === '\0';
    this.entries++;
    if (isFile) this.dataBytes += size;
    this.skip = Math.ceil(size / 512) * 512;
    if (isFile && name.replace(/^(\.?\/)+/, '') === 'PG_VERSION' && size > 0 && size < 64) {
      this.collect = [];
      this.collectLeft = size;
    }
  }

  /** True when the stream stopped in the middle of an entry. */
  get truncated(): boolean {
    return !this.ended && (this.skip > 0 || this.header.length > 0);
  }
}

/**
 * Checks that `file` is a complete gzip-compressed tarball of a PostgreSQL data directory (every tar
 * header checksum, the gzip CRC and a PG_VERSION file). Reads the file as a stream; unpacks nothing.
 */
export async function inspectBackup(file: string): Promise<BackupInfo> {
  const resolved = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = await fsp.stat(resolved);
  } catch {
    throw new BackupError(`Backup file not found: ${resolved}`);
  }
  if (!stat.isFile()) throw new BackupError(`Not a file: ${resolved}`);
  const notABackup = (why: string) =>
    new BackupError(
      `${resolved} is not a usable Grip backup: ${why}. A Grip backup is a .tar.gz file written by \`npm run backup\`.`,
    );
  const magic = Buffer.alloc(2);
  const handle = await fsp.open(resolved, 'r');
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw notABackup('it is not a gzip file');

  const scanner = new TarScanner();
  try {
    await pipeline(
      fs.createReadStream(resolved),
      zlib.createGunzip(),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) scanner.push(chunk);
      },
    );
  } catch (error) {
    const message = (error as Error).message;
    throw notABackup(
      message.startsWith('it is') ? message : `the gzip data is damaged or cut off (${message})`,
    );
  }
  if (scanner.truncated) throw notABackup('the tar archive is cut off');
  if (scanner.entries === 0) throw notABackup('the archive is empty');
  if (!scanner.postgresVersion) throw notABackup('it holds no PostgreSQL data directory (no PG_VERSION)');
  return {
    file: resolved,
    bytes: stat.size,
    entries: scanner.entries,
    dataBytes: scanner.dataBytes,
    postgresVersion: scanner.postgresVersion,
  };
}

// ---------------------------------------------------------------------------------------------------
// Backup

async function fsyncPath(target: string, flags: string): Promise<void> {
  try {
    const handle = await fsp.open(target, flags);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directories cannot be opened for fsync on every platform; the rename is still atomic.
  }
}

/**
 * Writes a backup of the embedded database in `dataDir` to `out`. Takes the data-directory lock, so it
 * refuses while Grip runs on the directory. The file appears only once it is complete and checked.
 */
export async function backupDataDir(options: {
  dataDir: string;
  out: string;
  /** Replace `out` when it exists (otherwise refuse). */
  overwrite?: boolean;
}): Promise<BackupResult> {
  const dataDir = path.resolve(options.dataDir);
  const out = path.resolve(options.out);
  if (!hasEmbeddedDatabase(dataDir)) {
    throw new BackupError(
      `There is no embedded database in ${dataDir} (expected ${path.join(dataDir, PGDATA)}). ` +
        'Pass --data-dir or set GRIP_DATA_DIR to the directory Grip runs on.',
    );
  }
  if (out === dataDir || out.startsWith(dataDir + path.sep)) {
    throw new BackupError(`Write the backup outside the data directory ${dataDir}.`);
  }
  if (!options.overwrite && fs.existsSync(out)) {
    throw new BackupError(`${out} already exists. Choose another --out, or pass --force to replace it.`);
  }

  const lock = lockForMaintenance(dataDir, 'make the backup');
  let blob: Blob;
  let migrations = 0;
  let latestMigration: string | null = null;
  try {
    const database = await openPglite(dataDir, 'grip_app');
    try {
      const pglite = database.pglite!;
      const applied = await pglite
        .query<{ n: number; latest: string | null }>(
          `SELECT count(*)::int AS n, (SELECT name FROM schema_migrations ORDER BY version DESC LIMIT 1) AS latest
             FROM schema_migrations`,
        )
        .catch(() => undefined);
      migrations = applied?.rows[0]?.n ?? 0;
      latestMigration = applied?.rows[0]?.latest ?? null;
      // Write everything to the data files so the copy does not depend on replaying the WAL.
      await pglite.exec('CHECKPOINT');
      blob = await pglite.dumpDataDir('gzip');
    } finally {
      await database.close();
    }
  } finally {
    lock.release();
  }

  await fsp.mkdir(path.dirname(out), { recursive: true });
  const partial = path.join(
    path.dirname(out),
    `.${path.basename(out)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    await fsp.writeFile(partial, new Uint8Array(await blob.arrayBuffer()), { flag: 'wx' });
    await fsyncPath(partial, 'r+');
    const info = await inspectBackup(partial);
    if (options.overwrite) {
      await fsp.rename(partial, out);
    } else {
      // link() fails when `out` appeared in the meantime: never replace a file silently.
      try {
        await fsp.link(partial, out);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new BackupError(
            `${out} already exists. Choose another --out, or pass --force to replace it.`,
          );
        }
        throw error;
      }
      await fsp.rm(partial, { force: true });
    }
    await fsyncPath(path.dirname(out), 'r');
    return { ...info, file: out, dataDir, migrations, latestMigration };
  } catch (error) {
    await fsp.rm(partial, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Restore

function freeSibling(base: string): string {
  if (!fs.existsSync(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}

async function countRows(pglite: PGlite, table: string): Promise<number | null> {
  try {
    const result = await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return result.rows[0]?.n ?? 0;
  } catch {
    return null;
  }
}

/**
 * Restores a backup into `dataDir`. The backup is unpacked and opened in a sibling directory first;
 * only when it opens and holds a Grip database does it take the place of `dataDir`. A data directory
 * that is not empty is only replaced with `force`, and then moved aside (never deleted).
 */
export async function restoreDataDir(options: {
  from: string;
  dataDir: string;
  force?: boolean;
  now?: Date;
}): Promise<RestoreResult> {
  const dataDir = path.resolve(options.dataDir);
  const stamp = fileTimestamp(options.now);
  const info = await inspectBackup(options.from);

  let existing: string[] | undefined;
  if (fs.existsSync(dataDir)) {
    if (!fs.statSync(dataDir).isDirectory())
      throw new BackupError(`${dataDir} exists and is not a directory.`);
    existing = fs.readdirSync(dataDir);
  }
  const occupied = existing !== undefined && existing.length > 0;
  if (occupied && !options.force) {
    throw new BackupError(
      `The data directory ${dataDir} is not empty. Restore into a new directory (--data-dir), or pass --force ` +
        `to move the current contents aside to ${dataDir}.before-restore-${stamp} and restore in its place.`,
    );
  }

  // Hold the lock of an existing directory, so Grip cannot start on it while it is being replaced.
  let lock: DataDirLock | undefined = existing ? lockForMaintenance(dataDir, 'restore') : undefined;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const staging = `${dataDir}.restoring-${stamp}-${process.pid}`;
  let movedAside: string | undefined;
  let keepStaging = false;
  try {
    fs.mkdirSync(staging);
    let result: Omit<RestoreResult, 'dataDir' | 'from' | 'movedAside'>;
    let pglite: PGlite | undefined;
    try {
      try {
        pglite = await PGlite.create({
          dataDir: path.join(staging, PGDATA),
          loadDataDir: await fs.openAsBlob(info.file),
        });
        await pglite.query('SELECT 1');
      } catch (error) {
        throw new BackupError(
          `${info.file} could not be loaded as a database (${(error as Error).message}). ` +
            'The file may be damaged or not come from Grip; try an earlier backup.',
          { cause: error },
        );
      }
      let versions: { version: number; name: string }[];
      try {
        versions = (
          await pglite.query<{ version: number; name: string }>(
            'SELECT version, name FROM schema_migrations ORDER BY version',
          )
        ).rows;
      } catch (error) {
        throw new BackupError(
          `${info.file} holds a database, but not a Grip database (no schema_migrations table).`,
          {
            cause: error,
          },
        );
      }
      if (versions.length === 0) {
        throw new BackupError(
          `${info.file} holds a Grip database without any migration applied; nothing to restore.`,
        );
      }
      const known = readMigrations();
      const inBackup = new Set(versions.map((v) => v.version));
      const knownVersions = new Set(known.map((m) => m.version));
      result = {
        migrations: versions.length,
        latestMigration: versions.at(-1)!.name,
        pendingMigrations: known.filter((m) => !inBackup.has(m.version)).map((m) => m.name),
        unknownMigrations: versions.filter((v) => !knownVersions.has(v.version)).map((v) => v.name),
        counts: {
          municipalities: await countRows(pglite, 'municipality'),
          users: await countRows(pglite, 'app_user'),
          persons: await countRows(pglite, 'person'),
        },
      };
    } finally {
      if (pglite && !pglite.closed) await pglite.close();
    }

    // Swap the restored directory in.
    if (occupied) {
      movedAside = freeSibling(`${dataDir}.before-restore-${stamp}`);
      fs.renameSync(dataDir, movedAside);
      fs.rmSync(path.join(movedAside, 'grip.lock'), { force: true }); // our own lock, moved along
    } else if (existing) {
      fs.rmSync(path.join(dataDir, 'grip.lock'), { force: true });
      fs.rmdirSync(dataDir);
    }
    lock = undefined; // the lock file went with the old directory
    try {
      fs.renameSync(staging, dataDir);
    } catch (error) {
      keepStaging = true;
      throw new BackupError(
        `The backup was restored into ${staging}, but could not be moved to ${dataDir} ` +
          `(${(error as Error).message}).` +
          (movedAside ? ` The previous contents are in ${movedAside}.` : '') +
          ` Move ${staging} to ${dataDir} yourself, or point GRIP_DATA_DIR at it.`,
        { cause: error },
      );
    }
    await fsyncPath(path.dirname(dataDir), 'r');
    return { dataDir, from: info, movedAside, ...result };
  } catch (error) {
    if (!keepStaging) fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    lock?.release();
  }
}
