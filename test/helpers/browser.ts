/**
 * A real browser on a real Grip for the web tests: a build of the web app of its own, a server on a free
 * port with the demo data (in-memory PGlite, or PostgreSQL with TEST_DATABASE_URL), headless Chromium
 * through playwright-core, and axe-core checks (WCAG 2.0/2.1 A and AA) at 1280 and 320 pixels.
 *
 * GRIP_SCREENSHOTS=1 writes screenshots to docs/screenshots/; GRIP_CHROMIUM names another Chromium;
 * GRIP_TEST_DEBUG=1 prints every failed API answer the browser gets.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import type { Role } from '../../src/access/roles.ts';
import { DEMO_ROLES, demoPassword, demoUsername, seedDemo } from '../../src/demo/demo-seed.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { buildApp, type BuiltApp } from '../../src/platform/http/app.ts';
import { createTestDatabase, testConfig, type TestDatabase } from './test-app.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.GRIP_CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = process.env.GRIP_SCREENSHOTS === '1';
export const SCREENSHOT_DIR = path.join(ROOT, 'docs/screenshots');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const MUNICIPALITY = { code: 'GM0164', slug: 'hengelo' };
export const ENSCHEDE = { code: 'GM0153', slug: 'enschede' };
/** A demo municipality: its CBS code and the slug in its demo user names. */
export type DemoMunicipality = typeof MUNICIPALITY;
const DAY_MS = 86_400_000;

/** No Chromium: the browser tests skip, except on CI (CI set), where that is an error. */
export const chromiumMissing = !fs.existsSync(CHROMIUM);
export const skipReason = chromiumMissing
  ? `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set GRIP_CHROMIUM`
  : false;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Today in the Netherlands, plus `days`, as YYYY-MM-DD. */
export function dutchDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD as typed in a date field: 17-05-1990. */
export const dayMonthYear = (iso: string) => iso.split('-').reverse().join('-');

/** Waits until requests are done, the page has its heading, and no live region says "…" (loading). */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('#page-title').waitFor();
  const loading = `Array.from(document.querySelectorAll('[role="status"]')).some((el) => el.textContent.includes('\u2026'))`;
  for (let i = 0; i < 150; i++) {
    if (!(await page.evaluate(loading))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${page.url()} is still loading after 15 seconds`);
}

/** A fetch-based API client logged in as someone, outside the browser ("a colleague"); `userId` is theirs. */
export type ApiClient = ((
  method: string,
  urlPath: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>) & { userId: string };

export class BrowserHarness {
  base = '';
  browser!: Browser;
  built!: BuiltApp;
  db!: TestDatabase;
  webDir = '';
  axe = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  /** How many axe checks passed. */
  checks = 0;
  /** Script errors and Content-Security-Policy complaints seen in any page; a test asserts it stays empty. */
  problems: string[] = [];

  /** Names the temporary build directory. */
  readonly name: string;

  constructor(name = 'web') {
    this.name = name;
  }

  async start() {
    // A build of its own, so browser test files never race each other over web/dist.
    this.webDir = fs.mkdtempSync(path.join(os.tmpdir(), `grip-${this.name}-web-`));
    await build({
      configFile: path.join(ROOT, 'web/vite.config.ts'),
      root: path.join(ROOT, 'web'),
      logLevel: 'warn',
      build: { outDir: this.webDir, emptyOutDir: true },
    });
    this.db = await createTestDatabase();
    await migrate(this.db.database);
    await seedDemo(this.db.database);
    const config = testConfig({
      GRIP_PORT: '0',
      GRIP_PUBLIC_URL: 'http://127.0.0.1',
      GRIP_WEB_DIR: this.webDir,
    });
    this.built = await buildApp({ config, database: this.db.database });
    // Port 0: the system picks a free one at listen time, so parallel test files never race for a port.
    await this.built.app.listen({ port: 0, host: '127.0.0.1' });
    this.base = `http://127.0.0.1:${(this.built.app.server.address() as net.AddressInfo).port}`;
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--lang=nl-NL',
      ],
    });
  }

  async stop() {
    await this.browser?.close().catch(() => {});
    await this.built?.app.close().catch(() => {});
    await this.db?.close().catch(() => {});
    if (this.webDir) fs.rmSync(this.webDir, { recursive: true, force: true });
  }

  private credentials(role: Role, municipality: DemoMunicipality) {
    const user = DEMO_ROLES.find((r) => r.role === role)!.user;
    return {
      municipalityCode: municipality.code,
      username: demoUsername(user, municipality.slug),
      password: demoPassword(user),
    };
  }

  /** A browser context (Dutch unless told), logged in as the demo user of `role` (of Hengelo unless told). */
  async context(
    role: Role | null,
    lang: 'nl' | 'en' = 'nl',
    municipality: DemoMunicipality = MUNICIPALITY,
  ): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: lang === 'en' ? 'en-GB' : 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(15_000);
    // Like a visitor who chose English before; a later choice in the app is kept.
    if (lang === 'en')
      await context.addInitScript(
        "if (!localStorage.getItem('grip.lang')) localStorage.setItem('grip.lang', 'en')",
      );
    if (role) {
      const response = await context.request.post(`${this.base}/api/v1/session`, {
        data: this.credentials(role, municipality),
      });
      assert.equal(response.status(), 201, `log-in as ${role}: ${await response.text()}`);
    }
    return context;
  }

  async page(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => this.problems.push(`${page.url()}: script error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text()))
        this.problems.push(`${page.url()}: ${message.text()}`);
    });
    if (process.env.GRIP_TEST_DEBUG) {
      page.on('response', async (response) => {
        if (response.status() >= 400 && response.url().includes('/api/'))
          console.log(
            `${response.status()} ${response.request().method()} ${response.url()}: ${await response.text().catch(() => '')}`,
          );
      });
    }
    return page;
  }

  async open(page: Page, urlPath: string) {
    await page.goto(`${this.base}${urlPath}`);
    await settle(page);
  }

  /** axe-core, one h1, a page title, and no sideways scrolling at 320 px. */
  async check(t: TestContext, page: Page, name: string) {
    const width = page.viewportSize()!.width;
    await settle(page);
    await page.evaluate(this.axe);
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] }).then((r) => r.violations)`,
    )) as AxeViolation[];
    for (const v of violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical'))
      t.diagnostic(`${name} @ ${width}px: ${v.impact} ${v.id} (${v.nodes.length}x): ${v.help}`);
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map(
        (v) =>
          `${v.id}: ${v.help} — ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 5)
            .join(', ')}`,
      ),
      [],
      `${name} @ ${width}px: axe violations`,
    );
    assert.equal(await page.locator('h1').count(), 1, `${name} @ ${width}px: exactly one h1`);
    assert.match(await page.title(), /.+ - Grip$/, `${name}: the page title names the page`);
    if (width <= 320) {
      const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(scrollWidth <= 320, `${name} @ 320px scrolls sideways (scrollWidth ${scrollWidth})`);
    }
    this.checks++;
  }

  /** The page in its current state at 1280 and 320 px, with a screenshot of each when asked. */
  async checkBoth(t: TestContext, page: Page, name: string, screenshot?: string) {
    const original = page.viewportSize()!;
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: original.height });
      await t.test(`${name} @ ${width}px`, (st) => this.check(st, page, name));
      if (screenshot) await this.screenshot(page, `${screenshot}-${width}`);
    }
    await page.setViewportSize(original);
  }

  async screenshot(page: Page, name: string) {
    if (!SCREENSHOTS) return;
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await settle(page);
    // The whole page as one tall viewport, at most 2400 px tall at 1280 and 6000 px at 320.
    const original = page.viewportSize()!;
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    await page.setViewportSize({
      width: original.width,
      height: Math.min(height, original.width <= 320 ? 6000 : 2400),
    });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
    await page.setViewportSize(original);
  }

  /** The API as the demo user of `role` (of Hengelo unless told), outside the browser. */
  async api(role: Role, municipality: DemoMunicipality = MUNICIPALITY): Promise<ApiClient> {
    const login = await fetch(`${this.base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.credentials(role, municipality)),
    });
    assert.equal(login.status, 201, `log-in as ${role}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken, userId } = (await login.json()) as { csrfToken: string; userId: string };
    const call = (method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${this.base}${urlPath}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    return Object.assign(call, { userId });
  }
}
