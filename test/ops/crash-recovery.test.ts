/**
 * "A test kills the process during writes and checks that a restart comes up with every acknowledged
 * write of a completed request or a clear recovery message, never a silent corrupt state."
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { syntheticBsn } from '../../src/demo/demo-seed.ts';
import {
  killAllGripProcesses,
  login,
  makeTempDir,
  runCli,
  runGripUntilExit,
  spawnGrip,
  type ApiSession,
  type GripProcess,
} from '../helpers/grip-process.ts';

const dirs: string[] = [];
after(async () => {
  await killAllGripProcesses();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The message openPglite gives when the embedded database cannot be opened (DatabaseOpenError). */
const RECOVERY_MESSAGE = /could not be opened.*Restore the latest backup/s;

interface Round {
  /** Kill once this many writes of the round have been acknowledged... */
  killAfter: number;
  /** ...this many milliseconds later (null: at once, inside the handler of that acknowledgement). */
  delayMs: () => number | null;
  /** Number of clients writing at the same time. */
  writers: number;
}

const ROUNDS: Round[] = [
  { killAfter: 40, delayMs: () => 1, writers: 1 },
  { killAfter: 25, delayMs: () => null, writers: 4 },
  { killAfter: 60, delayMs: () => Math.floor(Math.random() * 15), writers: 6 },
];

let nextBsn = 3000;

/** Writes persons until killed; returns nothing, records every 201 in `acknowledged`. */
async function writeUntilKilled(
  grip: GripProcess,
  session: ApiSession,
  round: Round,
  acknowledged: Map<string, string>,
): Promise<{ acknowledgedThisRound: number; attempted: number; unexpected: string[] }> {
  let count = 0;
  let attempted = 0;
  let killScheduled = false;
  const unexpected: string[] = [];
  const kill = () => grip.child.kill('SIGKILL');
  const writer = async (w: number) => {
    for (;;) {
      if (grip.child.exitCode !== null || grip.child.signalCode !== null) return;
      const bsn = syntheticBsn(nextBsn++);
      attempted++;
      let response: Response;
      let body: { id?: string; bsn?: string };
      try {
        response = await session.request('POST', '/api/v1/persons', {
          bsn,
          givenNames: `Schrijver ${w}`,
          familyName: 'Crash',
          birthDate: '1999-09-09',
        });
        body = (await response.json()) as typeof body;
      } catch {
        return; // the connection died with the process: not acknowledged
      }
      if (response.status !== 201) {
        unexpected.push(`${response.status} ${JSON.stringify(body)}`);
        return;
      }
      assert.equal(body.bsn, bsn);
      acknowledged.set(body.id!, bsn);
      count++;
      if (count >= round.killAfter && !killScheduled) {
        killScheduled = true;
        const delay = round.delayMs();
        if (delay === null) kill();
        else setTimeout(kill, delay);
      }
    }
  };
  await Promise.all(Array.from({ length: round.writers }, (_, w) => writer(w)));
  const exit = await grip.exited;
  assert.equal(
    exit.signal,
    'SIGKILL',
    `the process was expected to be killed, not to exit: ${grip.output()}`,
  );
  return { acknowledgedThisRound: count, attempted, unexpected };
}

async function verifyAcknowledged(session: ApiSession, acknowledged: Map<string, string>): Promise<void> {
  const missing: string[] = [];
  for (const [id, bsn] of acknowledged) {
    const response = await session.request('GET', `/api/v1/persons/${id}`);
    if (response.status !== 200) {
      missing.push(`${id} (${response.status})`);
      await response.body?.cancel();
      continue;
    }
    const person = (await response.json()) as { bsn: string; familyName: string };
    assert.equal(person.bsn, bsn, `person ${id} came back with another BSN`);
  }
  assert.deepEqual(
    missing,
    [],
    `${missing.length} of ${acknowledged.size} acknowledged writes are missing after a restart`,
  );
}

describe('crash recovery of the embedded database', () => {
  test('kill -9 during writes: a restart has every acknowledged write, or says how to recover', async (t) => {
    const dataDir = makeTempDir('crash');
    dirs.push(dataDir);
    const acknowledged = new Map<string, string>();
    let attemptedTotal = 0;

    let grip = await spawnGrip({ dataDir });
    for (const [index, round] of ROUNDS.entries()) {
      const session = await login(grip.url);
      const result = await writeUntilKilled(grip, session, round, acknowledged);
      attemptedTotal += result.attempted;
      assert.deepEqual(result.unexpected, [], 'writes before the kill must all succeed');
      assert.ok(result.acknowledgedThisRound >= round.killAfter);
      t.diagnostic(
        `round ${index + 1}: ${round.writers} writer(s), killed after ${result.acknowledgedThisRound} acknowledged ` +
          `of ${result.attempted} attempted writes; ${acknowledged.size} acknowledged in total`,
      );

      // Restart on the same directory: either it comes up with every acknowledged write, or it refuses
      // with the recovery message. Anything else (a silent start with rows missing) fails here.
      try {
        grip = await spawnGrip({ dataDir, timeoutMs: 60_000 });
      } catch (error) {
        const output = (error as Error).message;
        assert.match(
          output,
          RECOVERY_MESSAGE,
          `restart after round ${index + 1} failed without a recovery message`,
        );
        t.diagnostic(`round ${index + 1}: the restart refused with the recovery message (accepted outcome)`);
        return;
      }
      const lock = JSON.parse(fs.readFileSync(`${dataDir}/grip.lock`, 'utf8')) as { pid: number };
      assert.equal(lock.pid, grip.pid, 'the stale lock of the killed process was taken over');
      const verifier = await login(grip.url);
      await verifyAcknowledged(verifier, acknowledged);

      // No write appears twice and no write appears that was never sent.
      const list = await verifier.request('GET', '/api/v1/persons?familyName=Crash&pageSize=1');
      const { total } = (await list.json()) as { total: number };
      assert.ok(
        total >= acknowledged.size && total <= attemptedTotal,
        `${total} persons stored; ${acknowledged.size} acknowledged, ${attemptedTotal} attempted`,
      );
      t.diagnostic(
        `restart ${index + 1}: ${total} stored (acknowledged ${acknowledged.size}, attempted ${attemptedTotal})`,
      );
    }
    assert.equal((await grip.stop()).code, 0);
  });

  test('a damaged data directory: the start refuses with the recovery message, and a restore recovers', async () => {
    const root = makeTempDir('damaged');
    dirs.push(root);
    const dataDir = path.join(root, 'data');
    const grip = await spawnGrip({ dataDir });
    const session = await login(grip.url);
    const created = await session.request('POST', '/api/v1/persons', {
      bsn: syntheticBsn(2900),
      givenNames: 'Rita',
      familyName: 'Restore',
      birthDate: '1960-06-06',
    });
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    assert.equal((await grip.stop()).code, 0);

    const backupFile = path.join(root, 'backups', 'before-damage.tar.gz');
    const backup = runCli(['backup', '--data-dir', dataDir, '--out', backupFile]);
    assert.equal(backup.status, 0, backup.stderr);

    // Damage the control file, as a crash on a broken disk could.
    fs.writeFileSync(path.join(dataDir, 'pgdata', 'global', 'pg_control'), Buffer.alloc(8192));
    const refused = await runGripUntilExit({ dataDir, timeoutMs: 60_000 });
    assert.equal(refused.signal, null, 'it stops by itself rather than hang');
    assert.equal(refused.code, 1, refused.output);
    assert.match(refused.output, RECOVERY_MESSAGE);
    assert.ok(!fs.existsSync(path.join(dataDir, 'grip.lock')), 'the failed start releases the lock');

    const restore = runCli(['restore', '--from', backupFile, '--data-dir', dataDir, '--force']);
    assert.equal(restore.status, 0, restore.stderr);
    const movedAside = fs.readdirSync(root).filter((name) => name.startsWith('data.before-restore-'));
    assert.equal(movedAside.length, 1, 'the damaged directory is kept aside for inspection');

    const again = await spawnGrip({ dataDir });
    const read = await (await login(again.url)).request('GET', `/api/v1/persons/${id}`);
    assert.equal(read.status, 200);
    assert.equal((await again.stop()).code, 0);
  });
});
