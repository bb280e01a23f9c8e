/**
 * `npm run generate -- --municipality GM0164 --inhabitants 81000 --years 10 --seed 42 [--until 2026-10]
 * [--truth FILE] [--data-dir DIR] [--json]`: fills one municipality with synthetic data, on the embedded
 * database in DIR (default GRIP_DATA_DIR or ./data) or on PostgreSQL when DATABASE_URL is set.
 * Prints a summary (or one JSON line with --json, for the benchmark). Exit codes: 0 done, 1 failed,
 * 64 wrong options.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataDirLockedError, lockDataDir, type DataDirLock } from '../platform/db/data-dir-lock.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { generateMunicipality, GeneratorInputError } from './generate.ts';

const USAGE = `Usage: npm run generate -- --municipality GM0164 --inhabitants 81000 --years 10 --seed 42
                            [--until YYYY-MM] [--truth FILE] [--data-dir DIR] [--json]
Fills one municipality (GM0164 Hengelo or GM0153 Enschede) with synthetic residents and their support.
The same options give the same data. --until is the last month (default: last month).`;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

const { values } = (() => {
  try {
    return parseArgs({
      strict: true,
      allowPositionals: false,
      options: {
        municipality: { type: 'string' },
        inhabitants: { type: 'string' },
        years: { type: 'string' },
        seed: { type: 'string' },
        until: { type: 'string' },
        truth: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`, 64);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const number = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.replaceAll('_', '')))
    fail(`--${name} must be a whole number, not "${value}"\n\n${USAGE}`, 64);
  return Number(value.replaceAll('_', ''));
};
const options = {
  municipality: values.municipality ?? 'GM0164',
  inhabitants: number('inhabitants', values.inhabitants, 81_000),
  years: number('years', values.years, 3),
  seed: number('seed', values.seed, 42),
  until: values.until,
  truthFile: values.truth ? path.resolve(values.truth) : undefined,
};

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(values['data-dir'] ?? process.env.GRIP_DATA_DIR ?? 'data');
let lock: DataDirLock | undefined;
try {
  if (!databaseUrl) lock = lockDataDir(dataDir);
} catch (error) {
  if (error instanceof DataDirLockedError) fail(`${error.message} Stop Grip before generating data.`, 1);
  throw error;
}
const database = await openDatabase({
  databaseUrl,
  dataDir,
  appRole: process.env.GRIP_DB_APP_ROLE || 'grip_app',
});
try {
  await migrate(database);
  const result = await generateMunicipality(database, {
    ...options,
    onProgress: values.json
      ? undefined
      : (p) =>
          console.error(
            `  ${p.inhabitants.toLocaleString('nl-NL')} inwoners, ${p.rows.toLocaleString('nl-NL')} rijen`,
          ),
  });
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  if (values.json) {
    console.log(
      JSON.stringify({
        database: database.kind,
        ...options,
        rows: result.rows,
        seconds: result.seconds,
        rowsPerSecond: Math.round(result.rows / result.seconds),
        phases: result.phases,
        firstDay: result.firstDay,
        lastDay: result.lastDay,
        peakRssBytes,
        rowsByTable: result.rowsByTable,
      }),
    );
  } else {
    console.log(
      `${options.municipality}: ${result.rows.toLocaleString('nl-NL')} rijen in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.rows / result.seconds).toLocaleString('nl-NL')} rijen/s, piekgeheugen ${Math.round(peakRssBytes / 1048576)} MB), ` +
        `periode ${result.firstDay} t/m ${result.lastDay}, ${result.households.toLocaleString('nl-NL')} huishoudens gesimuleerd.` +
        (options.truthFile ? `\nWaarheidsbestand: ${options.truthFile}` : ''),
    );
  }
} catch (error) {
  if (error instanceof GeneratorInputError) fail(`${error.message}\n\n${USAGE}`, 64);
  throw error;
} finally {
  await database.close();
  lock?.release();
}
