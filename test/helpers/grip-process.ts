/**
 * Runs Grip as a real process (`node src/main.ts`), for tests of what only a process shows: the
 * data-directory lock, signals, crashes, start-up in production mode. Every process started here is
 * killed by killAllGripProcesses() (call it in an after() hook) and, as a last resort, when the test
 * process exits.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Variables that would change the mode or database of a spawned Grip; tests set them explicitly. */
const INHERITED_TO_DROP = [
  'DATABASE_URL',
  'GRIP_MODE',
  'NODE_ENV',
  'GRIP_SESSION_SECRET',
  'GRIP_DATA_DIR',
  'GRIP_PORT',
  'PORT',
  'GRIP_OIDC_ISSUER',
  'NODE_TEST_CONTEXT',
];

export function gripEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_TO_DROP) delete env[name];
  Object.assign(env, {
    GRIP_LOG_LEVEL: 'warn',
    // The generated demo municipality takes tens of seconds; process tests that need it ask for it.
    GRIP_DEMO_INHABITANTS: '0',
    GRIP_RATE_LIMIT_PER_MINUTE: '100000',
    GRIP_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  });
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `grip-${prefix}-`));
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GripProcess {
  url: string;
  port: number;
  child: ChildProcess;
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
}

const running = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Kills every Grip process this helper started that still runs, and waits for them to exit. */
export async function killAllGripProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

function spawnTracked(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<Exit>;
} {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, output: () => output, exited };
}

export async function waitForReady(url: string, isAlive: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('process exited');
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}

/**
 * Starts Grip on `dataDir` (embedded database, demo mode unless `env` says otherwise) and resolves
 * once GET /health/ready answers 200. Rejects, with the process output, when it exits or times out.
 */
export async function spawnGrip(
  options: { dataDir?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<GripProcess & { startupMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const { child, output, exited } = spawnTracked(
    gripEnv({
      ...(options.dataDir ? { GRIP_DATA_DIR: options.dataDir } : {}),
      GRIP_PORT: String(port),
      ...options.env,
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  try {
    await waitForReady(url, () => !hasExited, options.timeoutMs ?? 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    const exit = await exited;
    throw new Error(
      `Grip did not become ready (${(error as Error).message}; exit code ${exit.code}, signal ${exit.signal}). Output:\n${output()}`,
    );
  }
  const startupMs = performance.now() - started;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<Exit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return { url, port, child, pid: child.pid!, output, exited, stop, startupMs };
}

/** Starts Grip and waits for it to exit by itself (for starts that must fail); SIGKILL after `timeoutMs`. */
export async function runGripUntilExit(
  options: { dataDir?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<Exit & { output: string }> {
  const port = await freePort();
  const { child, output, exited } = spawnTracked(
    gripEnv({
      ...(options.dataDir ? { GRIP_DATA_DIR: options.dataDir } : {}),
      GRIP_PORT: String(port),
      ...options.env,
    }),
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    const exit = await exited;
    return { ...exit, output: output() };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `node src/cli.ts ...args` to completion. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['src/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: gripEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** A logged-in API caller against a real Grip process (session cookie + CSRF token, like the web app). */
export interface ApiSession {
  cookie: string;
  csrfToken: string;
  request(method: string, urlPath: string, body?: unknown): Promise<Response>;
}

export async function login(
  url: string,
  username = 'toegang@hengelo.demo',
  password = 'toegang-demo-2026',
  municipalityCode = 'GM0164',
): Promise<ApiSession> {
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipalityCode, username, password }),
  });
  const body = (await response.json()) as { csrfToken?: string };
  if (response.status !== 201 || !body.csrfToken) {
    throw new Error(`login as ${username} failed: ${response.status} ${JSON.stringify(body)}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('grip_session='));
  if (!cookie) throw new Error('login answered without a grip_session cookie');
  const csrfToken = body.csrfToken;
  return {
    cookie,
    csrfToken,
    request(method, urlPath, body) {
      const headers: Record<string, string> = { cookie };
      if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
      if (body !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${url}${urlPath}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    },
  };
}
