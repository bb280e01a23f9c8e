import { ensureDemoDataset } from '../demo/demo-dataset.ts';
import { seedDemo } from '../demo/demo-seed.ts';
import {
  drainPendingAtStartup,
  setBackgroundRefreshDatabase,
  settleBackgroundRefresh,
} from '../dashboard/refresh.ts';
import type { GripConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { lockDataDir, type DataDirLock } from './db/data-dir-lock.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './http/app.ts';

export interface RunningGrip {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Grip: lock the data directory (embedded database), open and migrate the database, load the
 * demo tenant in demo mode, listen, and stop cleanly on SIGTERM/SIGINT.
 */
export async function startGrip(
  config: GripConfig,
  options: { printBanner?: boolean } = {},
): Promise<RunningGrip> {
  let lock: DataDirLock | undefined;
  if (!config.databaseUrl) lock = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      appRole: config.dbAppRole,
    });
    const { applied } = await migrate(database);
    const seed = config.mode === 'demo' ? await seedDemo(database) : undefined;
    const dataset =
      config.mode === 'demo' && config.demoDataset
        ? await ensureDemoDataset(database, config.defaultMunicipality, config.demoDataset, (message) =>
            console.error(message),
          )
        : undefined;
    const built = await buildApp({ config, database });
    const address = await built.app.listen({ host: config.host, port: config.port });
    // Dashboard summaries: take in what was recorded while no process refreshed them, then keep up.
    setBackgroundRefreshDatabase(database);
    drainPendingAtStartup(database).catch((error: unknown) =>
      built.app.log.error({ err: error }, 'dashboard refresh at start-up failed'),
    );
    const port = Number(new URL(address).port);
    const url = `http://localhost:${port}`;

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        built.beginShutdown();
        setBackgroundRefreshDatabase(null);
        await settleBackgroundRefresh();
        await built.app.close();
        await database.close();
        lock?.release();
      })());
    const onSignal = (signal: string) => {
      built.app.log.info({ signal }, 'shutting down');
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);

    if (options.printBanner) {
      const lines = [
        '',
        `Grip draait op ${url}  (${config.mode === 'demo' ? 'demo-modus' : 'productie'}, database: ${database.kind}${
          database.kind === 'pglite' ? ` in ${config.dataDir}` : ''
        })`,
        `API: ${url}/api-docs  ·  OpenAPI: ${url}/api/v1/openapi.json`,
        applied.length ? `Migraties toegepast: ${applied.join(', ')}` : 'Database is bij.',
      ];
      if (seed) {
        lines.push('', 'Demo-accounts (alleen in demo-modus; alle gegevens zijn synthetisch):');
        for (const login of seed.logins.filter((l) => l.municipality === config.defaultMunicipality)) {
          lines.push(`  ${login.role.padEnd(22)} ${login.username.padEnd(30)} ${login.password}`);
        }
        lines.push(`  (Enschede, GM0153: dezelfde namen met @enschede.demo)`);
      }
      if (dataset?.status === 'generated') {
        lines.push(
          '',
          `Synthetische demo-gemeente geladen: ${dataset.rows.toLocaleString('nl-NL')} rijen (${dataset.firstDay} t/m ${dataset.lastDay}) in ${dataset.seconds.toFixed(0)} s.`,
        );
      } else if (dataset?.status === 'incomplete') {
        lines.push(
          '',
          'Let op: het vullen van de demo-gemeente is eerder afgebroken. Zet de datamap opzij en start opnieuw voor een volledige demo.',
        );
      }
      if (database.kind === 'pglite') {
        lines.push(
          '',
          'Let op: de ingebouwde database is voor proef en demo. Een gemeente draait in productie op PostgreSQL (DATABASE_URL).',
        );
      }
      console.log(lines.join('\n') + '\n');
    }
    return { url, stop };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
