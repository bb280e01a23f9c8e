import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  killAllGripProcesses,
  makeTempDir,
  runCli,
  runGripUntilExit,
  spawnGrip,
} from '../helpers/grip-process.ts';

const dirs: string[] = [];
after(async () => {
  await killAllGripProcesses();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  dirs.push(dir);
  return dir;
}

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  const pid = Number(result.stdout);
  assert.ok(Number.isInteger(pid) && pid > 0);
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, `pid ${pid} was expected to be dead`);
  return pid;
}

describe('one Grip process per data directory', () => {
  test('a second process on the same directory exits with a message naming the first', async () => {
    const dataDir = tempDir('lock');
    const first = await spawnGrip({ dataDir });
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'grip.lock'), 'utf8')) as { pid: number };
    assert.equal(lock.pid, first.pid);

    const second = await runGripUntilExit({ dataDir, timeoutMs: 30_000 });
    assert.notEqual(second.code, 0, second.output);
    assert.equal(second.signal, null, 'it exits by itself, it is not killed');
    assert.match(second.output, new RegExp(`pid ${first.pid}`));
    assert.match(second.output, /data directory/);

    // The first one is not disturbed and keeps its lock.
    const ready = await fetch(`${first.url}/health/ready`);
    assert.equal(ready.status, 200);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dataDir, 'grip.lock'), 'utf8')).pid, first.pid);

    // Maintenance commands refuse while Grip runs, and say to stop Grip first.
    const backupFile = path.join(dataDir, '..', `${path.basename(dataDir)}-backup.tar.gz`);
    dirs.push(backupFile);
    const backup = runCli(['backup', '--data-dir', dataDir, '--out', backupFile]);
    assert.equal(backup.status, 1);
    assert.match(
      backup.stderr,
      new RegExp(`Grip is running on the data directory .*pid ${first.pid}.*Stop Grip first`, 's'),
    );
    assert.ok(!fs.existsSync(backupFile));
    const migrate = runCli(['migrate', '--data-dir', dataDir]);
    assert.equal(migrate.status, 1);
    assert.match(migrate.stderr, new RegExp(`pid ${first.pid}`));

    const exit = await first.stop();
    assert.equal(exit.code, 0, first.output());
  });

  test('a stale lock file of a process that no longer runs does not prevent a start', async () => {
    const dataDir = tempDir('stale');
    const pid = deadPid();
    fs.writeFileSync(
      path.join(dataDir, 'grip.lock'),
      JSON.stringify({ pid, startedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const grip = await spawnGrip({ dataDir });
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'grip.lock'), 'utf8')) as { pid: number };
    assert.equal(lock.pid, grip.pid, 'the lock is taken over');
    assert.equal((await grip.stop()).code, 0);
    assert.ok(!fs.existsSync(path.join(dataDir, 'grip.lock')));
  });

  test('an unreadable lock file does not prevent a start either', async () => {
    const dataDir = tempDir('garbled');
    fs.writeFileSync(path.join(dataDir, 'grip.lock'), '{"pid": 12');
    const grip = await spawnGrip({ dataDir });
    assert.equal((await grip.stop()).code, 0);
  });
});
