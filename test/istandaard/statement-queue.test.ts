import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatementQueue } from '../../src/istandaard/statement-queue.ts';

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

test('statement queue: results arrive in order, never more than `depth` under way', async () => {
  const queue = new StatementQueue(2);
  const seen: number[] = [];
  let underWay = 0;
  let most = 0;
  for (let i = 0; i < 8; i++) {
    await queue.add(
      `s${i}`,
      async () => {
        underWay++;
        most = Math.max(most, underWay);
        const value = await later(8 - i, i);
        underWay--;
        return value;
      },
      (value) => seen.push(value),
    );
  }
  await queue.drain();
  assert.equal(most, 2);
  assert.deepEqual(new Set(seen), new Set([0, 1, 2, 3, 4, 5, 6, 7]));
});

test('statement queue: depth 1 waits for each statement before sending the next', async () => {
  const queue = new StatementQueue(1);
  const order: string[] = [];
  await queue.add('a', async () => {
    order.push('a start');
    await later(10, null);
    order.push('a done');
  });
  await queue.add('b', async () => {
    order.push('b start');
  });
  await queue.drain();
  assert.deepEqual(order, ['a start', 'a done', 'b start']);
});

test('statement queue: a failure is raised at the next add or at drain, and run returns the result', async () => {
  const queue = new StatementQueue(3);
  assert.equal(await queue.run('first', () => later(1, 42)), 42);
  await queue.add('broken', () => Promise.reject(new Error('statement failed')));
  await assert.rejects(queue.drain(), /statement failed/);
  await assert.rejects(
    queue.add('after', () => Promise.resolve(1)),
    /statement failed/,
  );
});

test('statement queue: statement times count from when the connection could start it', async () => {
  const times: [string, number][] = [];
  const queue = new StatementQueue(2, (label, ms) => times.push([label, ms]));
  const slow = later(200, null);
  await queue.add('slow', () => slow);
  // "quick" is sent while "slow" runs and is done right after it: the wait behind "slow" is not its time.
  await queue.add('quick', () => slow.then(() => null));
  await queue.drain();
  assert.deepEqual(
    times.map(([label]) => label),
    ['slow', 'quick'],
  );
  assert.ok(times[0]![1] >= 150, `slow counted ${times[0]![1]} ms`);
  assert.ok(times[1]![1] < times[0]![1] / 2, `quick counted ${times[1]![1]} ms`);
});
