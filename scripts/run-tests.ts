/**
 * Runs every test file with Node's test runner: on embedded PGlite always, and a second time on a
 * PostgreSQL server when TEST_DATABASE_URL is set (each test file then creates and drops a database of
 * its own). Pass name fragments to run a subset: `npm run test:unit -- permission`.
 * Ends with one summary line over all runs: "total: N passed, N failed, N skipped".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const filters = process.argv.slice(2);
const files = findTests('test')
  .sort()
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const postgresUrl = process.env.TEST_DATABASE_URL;
// The process-level operations tests (test/ops) start Grip on its embedded database whatever the
// run; on the PostgreSQL run only the production-mode one, which uses the server, is repeated.
const opsDir = `test${path.sep}ops${path.sep}`;
const postgresFiles = files.filter((f) => !f.includes(opsDir) || f.endsWith('production-mode.test.ts'));
const runs: { name: string; env: NodeJS.ProcessEnv; files: string[] }[] = [
  { name: 'PGlite', env: { ...process.env, TEST_DATABASE_URL: '' }, files },
  ...(postgresUrl
    ? [{ name: 'PostgreSQL', env: { ...process.env, TEST_DATABASE_URL: postgresUrl }, files: postgresFiles }]
    : []),
];

const totals = { pass: 0, fail: 0, skipped: 0 };
let exitCode = 0;
for (const run of runs) {
  console.log(`\n=== ${run.files.length} test files on ${run.name} ===`);
  const tap = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grip-tests-')), 'results.tap');
  const result = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...run.files,
    ],
    { stdio: 'inherit', env: run.env },
  );
  const report = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(report)?.[1] ?? 0);
  totals.pass += count('pass');
  totals.fail += count('fail');
  totals.skipped += count('skipped');
  if (result.status !== 0) exitCode = result.status ?? 1;
}
if (!postgresUrl) console.log('\n(TEST_DATABASE_URL not set: the PostgreSQL run was skipped.)');
console.log(`\ntotal: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
