/**
 * Builds the web app (web/) into web/dist with Vite. Skips the build when web/dist is newer than every
 * source file, so `npm start` stays fast. `--force` always builds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');
export const WEB_DIR = path.join(ROOT, 'web');
export const DIST_DIR = path.join(WEB_DIR, 'dist');

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** Time web/dist was built, or 0 when it is missing. */
function builtAt(): number {
  const index = path.join(DIST_DIR, 'index.html');
  return fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
}

export function webIsUpToDate(): boolean {
  const sources = Math.max(
    newestChange(WEB_DIR),
    fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs,
    fs.statSync(import.meta.filename).mtimeMs,
  );
  return builtAt() > sources;
}

export async function buildWeb(options: { force?: boolean } = {}): Promise<'built' | 'up-to-date'> {
  if (!options.force && webIsUpToDate()) return 'up-to-date';
  await build({ configFile: path.join(WEB_DIR, 'vite.config.ts'), root: WEB_DIR, logLevel: 'warn' });
  return 'built';
}

if (import.meta.main) {
  const started = performance.now();
  try {
    const result = await buildWeb({ force: process.argv.includes('--force') });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      result === 'built'
        ? `web: built web/dist in ${seconds} s`
        : 'web: web/dist is up to date (use --force to rebuild)',
    );
  } catch (error) {
    console.error('web: build failed');
    console.error(error);
    process.exit(1);
  }
}
