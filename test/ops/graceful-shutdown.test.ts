import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { syntheticBsn } from '../../src/demo/demo-seed.ts';
import { killAllGripProcesses, login, makeTempDir, spawnGrip } from '../helpers/grip-process.ts';

const dirs: string[] = [];
after(async () => {
  await killAllGripProcesses();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('graceful shutdown', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal}: exits 0 within seconds, releases the lock, and a restart has the data`, async () => {
      const dataDir = makeTempDir('shutdown');
      dirs.push(dataDir);
      const grip = await spawnGrip({ dataDir });
      const session = await login(grip.url);
      const created = await session.request('POST', '/api/v1/persons', {
        bsn: syntheticBsn(signal === 'SIGTERM' ? 1100 : 1101),
        givenNames: 'Stella',
        familyName: 'Stop',
        birthDate: '1975-02-03',
      });
      assert.equal(created.status, 201, await created.clone().text());
      const person = (await created.json()) as { id: string };

      const started = performance.now();
      const exit = await grip.stop(signal, 15_000);
      const ms = performance.now() - started;
      assert.deepEqual(exit, { code: 0, signal: null }, grip.output());
      assert.ok(ms < 5_000, `stopping took ${Math.round(ms)} ms`);
      assert.ok(!fs.existsSync(path.join(dataDir, 'grip.lock')), 'the lock file is removed');

      const again = await spawnGrip({ dataDir });
      const session2 = await login(again.url);
      const read = await session2.request('GET', `/api/v1/persons/${person.id}`);
      assert.equal(read.status, 200);
      assert.equal(((await read.json()) as { familyName: string }).familyName, 'Stop');
      assert.equal((await again.stop()).code, 0);
    });
  }

  test('SIGTERM during requests: requests in flight are answered or refused, never left hanging', async (t) => {
    const dataDir = makeTempDir('shutdown-busy');
    dirs.push(dataDir);
    const grip = await spawnGrip({ dataDir });
    const session = await login(grip.url);
    const requests = Array.from({ length: 10 }, (_, i) =>
      session
        .request('POST', '/api/v1/persons', {
          bsn: syntheticBsn(1110 + i),
          givenNames: 'Bezig',
          familyName: `Busy ${i}`,
          birthDate: '1980-01-01',
        })
        .then(
          async (response) => ({ status: response.status, body: (await response.json()) as { id?: string } }),
          () => ({ status: 0, body: {} as { id?: string } }),
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const exit = await grip.stop('SIGTERM', 15_000);
    assert.equal(exit.code, 0, grip.output());
    const results = await Promise.all(requests);
    const acknowledged = results.filter((r) => r.status === 201).map((r) => r.body.id!);
    const statuses = results.map((r) => r.status);
    t.diagnostic(`statuses of the requests around the SIGTERM (0: connection closed): ${statuses.join(' ')}`);
    assert.ok(
      statuses.every((s) => s === 201 || s === 503 || s === 0),
      `unexpected answers while stopping: ${statuses.join(' ')}`,
    );

    const again = await spawnGrip({ dataDir });
    const session2 = await login(again.url);
    for (const id of acknowledged) {
      const read = await session2.request('GET', `/api/v1/persons/${id}`);
      assert.equal(read.status, 200, `acknowledged person ${id} is missing after a graceful stop`);
    }
    assert.equal((await again.stop()).code, 0);
  });
});
