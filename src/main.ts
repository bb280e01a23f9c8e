import { ConfigError, loadConfig } from './platform/config.ts';
import { startGrip } from './platform/server.ts';

try {
  const config = loadConfig();
  await startGrip(config, { printBanner: true });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Grip cannot start: ${error.message}`);
    process.exit(78);
  }
  console.error(`Grip cannot start: ${(error as Error).message}`);
  process.exit(1);
}
