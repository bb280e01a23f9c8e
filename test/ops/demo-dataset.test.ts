/**
 * A fresh start in demo mode fills the demo municipality with generated residents once; the next start
 * finds them and starts at once. (Size kept small here; `npm start` uses 81,000 inhabitants.)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { killAllGripProcesses, login, makeTempDir, spawnGrip } from '../helpers/grip-process.ts';

const dirs: string[] = [];
after(async () => {
  await killAllGripProcesses();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('the generated demo municipality is loaded on the first start only', async () => {
  const dataDir = makeTempDir('grip-demo-dataset-');
  dirs.push(dataDir);
  const env = { GRIP_DEMO_INHABITANTS: '3000', GRIP_DEMO_YEARS: '1' };
  const first = await spawnGrip({ dataDir, env, timeoutMs: 120_000 });
  assert.match(first.output(), /Synthetische demo-gemeente geladen: [\d.]+ rijen/);
  const session = await login(first.url);
  const persons = await session.request('GET', '/api/v1/persons?pageSize=1');
  assert.equal(persons.status, 200);
  const { total } = (await persons.json()) as { total: number };
  assert.ok(total > 300, `the demo municipality has generated residents (${total})`);
  assert.equal((await first.stop()).code, 0);

  const second = await spawnGrip({ dataDir, env, timeoutMs: 60_000 });
  assert.doesNotMatch(second.output(), /demo-gemeente wordt gevuld/i);
  const again = await (await login(second.url)).request('GET', '/api/v1/persons?pageSize=1');
  assert.equal(((await again.json()) as { total: number }).total, total);
  assert.equal((await second.stop()).code, 0);
});
