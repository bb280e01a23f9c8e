import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { seedDemo, syntheticBsn } from '../../src/demo/demo-seed.ts';
import { backupDataDir, BackupError, inspectBackup, restoreDataDir } from '../../src/platform/db/backup.ts';
import { openPglite, type Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { makeTempDir, runCli } from '../helpers/grip-process.ts';

async function snapshot(database: Database) {
  const rows = async (text: string) => (await database.pglite!.query<Record<string, unknown>>(text)).rows;
  return {
    migrations: await rows('SELECT version, name, checksum FROM schema_migrations ORDER BY version'),
    municipalities: await rows('SELECT code, name FROM municipality ORDER BY code'),
    users: await rows('SELECT municipality_code, id, username, password_hash FROM app_user ORDER BY 1, 3'),
    roles: await rows('SELECT municipality_code, user_id, role FROM role_assignment ORDER BY 1, 2, 3'),
    persons: await rows(
      'SELECT municipality_code, id, bsn, given_names, family_name, birth_date::text AS birth_date FROM person ORDER BY 1, 3',
    ),
  };
}

async function snapshotOf(dataDir: string) {
  const database = await openPglite(dataDir, 'grip_app');
  try {
    return await snapshot(database);
  } finally {
    await database.close();
  }
}

/** Entries of `dir` whose names show a failed run left something behind. */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => /\.restoring-|\.partial-/.test(name));
}

describe('backup and restore of the embedded database', () => {
  let root: string;
  let source: string;
  let backupFile: string;
  let expected: Awaited<ReturnType<typeof snapshot>>;
  let extraPersonId: string;
  const garbage: Record<string, string> = {};

  before(async () => {
    root = makeTempDir('backup');
    source = path.join(root, 'source');
    const database = await openPglite(source, 'grip_app');
    try {
      await migrate(database);
      await seedDemo(database);
      const inserted = await database.pglite!.query<{ id: string }>(
        `INSERT INTO person (municipality_code, bsn, given_names, family_name, birth_date)
         VALUES ('GM0164', $1, 'Bea', 'Back-up', '1990-04-01') RETURNING id`,
        [syntheticBsn(1000)],
      );
      extraPersonId = inserted.rows[0]!.id;
      expected = await snapshot(database);
    } finally {
      await database.close();
    }
    backupFile = path.join(root, 'backups', 'first.tar.gz');

    // Files that are not backups, each wrong in a different way.
    const g = path.join(root, 'garbage');
    fs.mkdirSync(g);
    garbage.text = path.join(g, 'text.tar.gz');
    fs.writeFileSync(garbage.text, 'this is not a backup\n');
    garbage.gzippedText = path.join(g, 'gzipped-text.tar.gz');
    fs.writeFileSync(garbage.gzippedText, zlib.gzipSync(Buffer.from('hello '.repeat(500))));
    garbage.empty = path.join(g, 'empty.tar.gz');
    fs.writeFileSync(garbage.empty, '');
    // A real tarball with a PG_VERSION file but no database around it.
    const fake = path.join(g, 'fake-pgdata');
    fs.mkdirSync(fake);
    fs.writeFileSync(path.join(fake, 'PG_VERSION'), '18\n');
    fs.writeFileSync(path.join(fake, 'postgresql.conf'), '# nothing\n');
    garbage.fakeDataDir = path.join(g, 'fake.tar.gz');
    const tar = spawnSync('tar', ['-czf', garbage.fakeDataDir, '-C', fake, '.'], { encoding: 'utf8' });
    assert.equal(tar.status, 0, tar.stderr);
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('backs up and restores into a fresh directory with the same rows', async () => {
    const backup = await backupDataDir({ dataDir: source, out: backupFile });
    assert.equal(backup.file, backupFile);
    assert.equal(backup.bytes, fs.statSync(backupFile).size);
    assert.ok(backup.bytes > 100_000, `a backup of ${backup.bytes} bytes is suspiciously small`);
    assert.equal(backup.migrations, expected.migrations.length);
    assert.deepEqual(fs.readdirSync(path.dirname(backupFile)), ['first.tar.gz'], 'no partial files are left');
    assert.ok(!fs.existsSync(path.join(source, 'grip.lock')), 'the data-directory lock is released');

    const target = path.join(root, 'restored');
    const restored = await restoreDataDir({ from: backupFile, dataDir: target });
    assert.equal(restored.dataDir, target);
    assert.equal(restored.movedAside, undefined);
    assert.deepEqual(restored.pendingMigrations, []);
    assert.deepEqual(restored.unknownMigrations, []);
    assert.deepEqual(restored.counts, {
      municipalities: expected.municipalities.length,
      users: expected.users.length,
      persons: expected.persons.length,
    });
    assert.deepEqual(leftovers(root), []);

    const actual = await snapshotOf(target);
    assert.deepEqual(actual, expected);
    assert.equal(actual.municipalities.length, 2);
    assert.ok(actual.users.some((u) => u.username === 'toegang@hengelo.demo'));
    assert.ok(actual.persons.some((p) => p.id === extraPersonId && p.bsn === syntheticBsn(1000)));

    // The source is unchanged by the backup.
    assert.deepEqual(await snapshotOf(source), expected);
  });

  test('inspectBackup accepts a backup and names what is wrong with anything else', async () => {
    if (!fs.existsSync(backupFile)) await backupDataDir({ dataDir: source, out: backupFile });
    const info = await inspectBackup(backupFile);
    assert.match(info.postgresVersion, /^\d+$/);
    assert.ok(info.entries > 100 && info.dataBytes > info.bytes);

    await assert.rejects(inspectBackup(garbage.text!), /not a gzip file/);
    await assert.rejects(inspectBackup(garbage.empty!), /not a gzip file/);
    await assert.rejects(inspectBackup(garbage.gzippedText!), /not a tar archive/);
    await assert.rejects(inspectBackup(path.join(root, 'missing.tar.gz')), /Backup file not found/);
    const truncated = path.join(root, 'garbage', 'truncated.tar.gz');
    fs.writeFileSync(truncated, fs.readFileSync(backupFile).subarray(0, 200_000));
    await assert.rejects(inspectBackup(truncated), /damaged or cut off/);
  });

  test('restoring a file that is not a usable backup fails clearly and writes nothing', async () => {
    const truncated = path.join(root, 'garbage', 'truncated-2.tar.gz');
    if (!fs.existsSync(backupFile)) await backupDataDir({ dataDir: source, out: backupFile });
    fs.writeFileSync(truncated, fs.readFileSync(backupFile).subarray(0, 300_000));
    const cases: [string, RegExp][] = [
      [garbage.text!, /not a gzip file/],
      [garbage.gzippedText!, /not a tar archive/],
      [garbage.empty!, /not a gzip file/],
      [truncated, /damaged or cut off/],
      [garbage.fakeDataDir!, /could not be loaded as a database/],
      [path.join(root, 'no-such-file.tar.gz'), /Backup file not found/],
    ];
    const parent = path.join(root, 'failed-restores');
    fs.mkdirSync(parent);
    for (const [file, message] of cases) {
      const absent = path.join(parent, `absent-${path.basename(file)}`);
      await assert.rejects(
        restoreDataDir({ from: file, dataDir: absent }),
        (error: Error) => error instanceof BackupError && message.test(error.message),
        `restore of ${path.basename(file)} must fail with ${message}`,
      );
      assert.ok(!fs.existsSync(absent), `${absent} must not be created`);

      // An existing empty directory stays exactly as it was, also with --force.
      const empty = path.join(parent, `empty-${path.basename(file)}`);
      fs.mkdirSync(empty);
      await assert.rejects(restoreDataDir({ from: file, dataDir: empty, force: true }), BackupError);
      assert.deepEqual(fs.readdirSync(empty), []);
    }
    assert.deepEqual(leftovers(parent), []);
  });

  test('refuses to replace a non-empty directory unless forced, and then moves it aside', async () => {
    if (!fs.existsSync(backupFile)) await backupDataDir({ dataDir: source, out: backupFile });
    const target = path.join(root, 'occupied');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'precious');

    await assert.rejects(restoreDataDir({ from: backupFile, dataDir: target }), /is not empty.*--force/s);
    assert.deepEqual(fs.readdirSync(target), ['keep.txt']);

    const now = new Date('2026-05-01T09:30:00Z');
    const result = await restoreDataDir({ from: backupFile, dataDir: target, force: true, now });
    assert.equal(result.movedAside, `${target}.before-restore-2026-05-01T09-30-00Z`);
    assert.deepEqual(
      fs.readdirSync(result.movedAside),
      ['keep.txt'],
      'the old contents are kept, without our lock',
    );
    assert.deepEqual(fs.readdirSync(target), ['pgdata']);
    assert.deepEqual(await snapshotOf(target), expected);

    // A second forced restore in the same second does not clobber the first copy set aside.
    const again = await restoreDataDir({ from: backupFile, dataDir: target, force: true, now });
    assert.equal(again.movedAside, `${target}.before-restore-2026-05-01T09-30-00Z-2`);
    assert.deepEqual(fs.readdirSync(again.movedAside), ['pgdata']);
  });

  test('refuses while another process holds the data directory', async () => {
    if (!fs.existsSync(backupFile)) await backupDataDir({ dataDir: source, out: backupFile });
    // The parent of this test process is alive, so its pid in the lock file counts as a running Grip.
    const lockFile = path.join(source, 'grip.lock');
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, startedAt: new Date().toISOString() }));
    try {
      const out = path.join(root, 'backups', 'while-locked.tar.gz');
      await assert.rejects(
        backupDataDir({ dataDir: source, out }),
        new RegExp(`Grip is running on the data directory .*\\(pid ${process.ppid}\\).*Stop Grip first`, 's'),
      );
      assert.ok(!fs.existsSync(out));
      await assert.rejects(
        restoreDataDir({ from: backupFile, dataDir: source, force: true }),
        /Grip is running on the data directory.*Stop Grip first/s,
      );
      assert.ok(fs.existsSync(path.join(source, 'pgdata', 'PG_VERSION')), 'the data directory is untouched');
      assert.deepEqual(leftovers(root), []);
    } finally {
      fs.rmSync(lockFile, { force: true });
    }
  });

  test('backup refuses a directory without a database and an existing output file', async () => {
    const empty = path.join(root, 'no-database');
    await assert.rejects(
      backupDataDir({ dataDir: empty, out: path.join(root, 'x.tar.gz') }),
      /There is no embedded database in/,
    );
    assert.ok(!fs.existsSync(empty), 'backup does not create a data directory');
    if (!fs.existsSync(backupFile)) await backupDataDir({ dataDir: source, out: backupFile });
    const before = fs.statSync(backupFile).mtimeMs;
    await assert.rejects(backupDataDir({ dataDir: source, out: backupFile }), /already exists.*--force/s);
    assert.equal(fs.statSync(backupFile).mtimeMs, before);
    const replaced = await backupDataDir({ dataDir: source, out: backupFile, overwrite: true });
    assert.equal(replaced.file, backupFile);
    assert.deepEqual(leftovers(path.dirname(backupFile)), []);
  });

  test('the CLI backs up and restores, and rejects bad input with a non-zero exit', async () => {
    const file = path.join(root, 'cli', 'grip.tar.gz');
    const backup = runCli(['backup', '--data-dir', source, '--out', file]);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /Backup written: .*grip\.tar\.gz \(\d/);

    const target = path.join(root, 'cli', 'restored');
    const restore = runCli(['restore', '--from', file, '--data-dir', target]);
    assert.equal(restore.status, 0, restore.stderr);
    assert.match(restore.stdout, new RegExp(`Restored .* into ${target}`));
    assert.match(
      restore.stdout,
      new RegExp(`municipalities: 2, users: ${expected.users.length}, persons: ${expected.persons.length}`),
    );
    assert.deepEqual(await snapshotOf(target), expected);

    const again = runCli(['restore', '--from', file, '--data-dir', target]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /is not empty/);

    const bad = path.join(root, 'cli', 'bad-target');
    const fromGarbage = runCli(['restore', '--from', garbage.gzippedText!, '--data-dir', bad]);
    assert.equal(fromGarbage.status, 1);
    assert.match(fromGarbage.stderr, /is not a usable Grip backup/);
    assert.ok(!fs.existsSync(bad));

    const postgres = runCli(['backup'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    assert.equal(postgres.status, 2);
    assert.match(postgres.stderr, /pg_dump/);
    const postgresRestore = runCli(['restore', '--from', file], { DATABASE_URL: 'postgres://x@127.0.0.1/y' });
    assert.equal(postgresRestore.status, 2);
    assert.match(postgresRestore.stderr, /pg_restore/);

    for (const args of [['frobnicate'], ['backup', '--bogus'], ['restore'], ['migrate', '--from', file]]) {
      const result = runCli(args);
      assert.equal(result.status, 64, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /Usage:/);
    }
    const help = runCli(['help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /backup .*restore .*migrate/s);
    assert.deepEqual(leftovers(path.join(root, 'cli')), []);
  });

  test('the CLI migrate command creates and migrates a data directory', () => {
    const dir = path.join(root, 'migrate-only');
    const first = runCli(['migrate', '--data-dir', dir]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /Applied to new embedded database .*0001_/);
    const second = runCli(['migrate'], { GRIP_DATA_DIR: dir });
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /Nothing to apply/);
    assert.ok(!fs.existsSync(path.join(dir, 'grip.lock')));
  });
});
