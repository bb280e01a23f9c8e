/**
 * The dashboard sociaal domein (issue 8) in a real browser (headless Chromium through playwright-core) on a
 * real Grip server (in-memory PGlite, or PostgreSQL with TEST_DATABASE_URL) with a generated municipality
 * (Hengelo, 4,000 inhabitants, two years; the generator ends with a full refresh of the summaries):
 *
 * - a beleidsadviseur opens every view: each has its figures with a chart (SVG) and a table, the
 *   suppression rule once, and the CSV, XLSX and council PDF links;
 * - filters by law (the address carries the filter, the server answers for it);
 * - drills city → wijk → buurt on the map, with breadcrumbs back;
 * - finds a hidden cell shown as '<10' (and never a small number) in a buurt;
 * - downloads the CSV of a view and exports a chart as SVG and PNG;
 * - opens the definitions from a figure; uses the English UI;
 * - every screen passes axe-core (WCAG 2.0/2.1 A and AA) at 1280 and 320 pixels.
 *
 * GRIP_SCREENSHOTS=1 writes screenshots to docs/screenshots/dashboard-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { BrowserHarness, SCREENSHOT_DIR, SCREENSHOTS, settle, skipReason } from '../helpers/browser.ts';

const h = new BrowserHarness('dashboard');

const VIEWS = [
  { slug: 'volumes', code: 'volumes', title: 'Volumes' },
  { slug: 'duur', code: 'durations', title: 'Duur' },
  { slug: 'geld', code: 'money', title: 'Geld' },
  { slug: 'piramide', code: 'pyramid', title: 'Piramide' },
  { slug: 'overlap', code: 'overlap', title: 'Overlap' },
  { slug: 'effecten', code: 'effects', title: 'Effecten' },
  { slug: 'wijk-dna', code: 'wijk-dna', title: 'Wijk-DNA' },
];

type Cell = number | '<10' | 'x' | null;
interface ViewAnswer {
  filters: Record<string, string>;
  tables: {
    code: string;
    chart: string;
    mapLevel?: string;
    drillFilter?: string;
    measures: { code: string; kind: string }[];
    rows: { key: string; values: Record<string, Cell> }[];
  }[];
}

/** The figures of the page, once loaded. */
async function figures(page: Page) {
  await settle(page);
  return page.locator('.grip-dash-figure');
}

/** A screenshot of the first map on the page (GRIP_SCREENSHOTS=1), for the note. */
async function shootMap(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  const map = page.locator('.grip-dash-figure').filter({ has: page.locator('svg a.grip-dash-map__link') });
  await map.first().screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Every text shown in the tables of the page (also those behind a toggle). */
async function tableCells(page: Page): Promise<string[]> {
  return page
    .locator('.grip-dash-figure td')
    .evaluateAll((cells) => cells.map((c) => c.firstChild?.textContent ?? ''));
}

describe('dashboard in the browser', { skip: skipReason, timeout: 1_200_000 }, () => {
  before(async () => {
    await h.start();
    await generateMunicipality(h.db.database, {
      municipality: 'GM0164',
      inhabitants: 4_000,
      years: 2,
      seed: 8,
      until: '2026-06',
    });
  });
  after(async () => {
    await h.stop();
    assert.deepEqual(h.problems, [], 'no script errors or CSP complaints in any page');
  });

  test('a beleidsadviseur opens every view: charts, tables, the suppression rule, exports', async (t) => {
    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, '/');
    await page.getByRole('link', { name: /Dashboard sociaal domein/ }).click();
    await settle(page);
    assert.equal(await page.locator('h1').textContent(), 'Volumes');
    for (const view of VIEWS) {
      await t.test(view.title, async (st) => {
        await h.open(page, `/dashboard/${view.slug}`);
        assert.equal(await page.locator('h1').textContent(), view.title);
        const current = page.locator('nav[aria-label="Onderdelen van het dashboard"] a[aria-current="page"]');
        assert.equal(await current.textContent(), view.title);
        const alert = page.locator('[role="status"] .utrecht-alert');
        assert.equal(await alert.count(), 0, `no error: ${await alert.allTextContents()}`);
        const figs = await figures(page);
        assert.ok((await figs.count()) > 0, `${view.title} has figures`);
        // The suppression rule once per view, '<10' and 'x' explained.
        assert.equal(await page.locator('.grip-dash-about').count(), 1);
        assert.match((await page.locator('.grip-dash-about').textContent())!, /<10.*minder dan 10/s);
        for (const name of ['Download als CSV', 'Download als Excel (XLSX)', 'PDF voor de raad'])
          await page.getByRole('link', { name }).waitFor();
        // Every figure: a chart (SVG with a title) or tiles, a table, a definition link.
        for (let i = 0; i < (await figs.count()); i++) {
          const fig = figs.nth(i);
          const name = await fig.locator('h2').textContent();
          const charts = await fig.locator('svg.grip-dash-chart__svg').count();
          const tiles = await fig.locator('.grip-dash-tiles').count();
          const tables = await fig.locator('table').count();
          assert.ok(tables === 1, `${view.title} / ${name}: one table`);
          if (charts === 1)
            assert.ok((await fig.locator('svg.grip-dash-chart__svg > title').textContent())!.length > 0);
          else if (tiles === 0)
            assert.equal(await fig.locator('[data-table] details').count(), 0, `${name}: table only`);
          assert.ok(
            (await fig.locator('a[href^="/dashboard/definities#"]').count()) > 0,
            `${name}: definition link`,
          );
        }
        await h.checkBoth(st, page, `dashboard ${view.title}`, `dashboard-${view.slug}`);
      });
    }
    await context.close();
  });

  test('filter by law, drill city → wijk → buurt on the map, a hidden cell reads <10', async (t) => {
    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, '/dashboard/volumes');
    await page.locator('#filter-law').selectOption('wmo');
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await settle(page);
    assert.match(page.url(), /[?&]law=wmo/);
    assert.equal(await page.locator('#filter-law').inputValue(), 'wmo', 'the filter bar shows the filter');
    await figures(page);

    // City → wijk: a wijk on the map is a link that sets the wijk filter.
    await shootMap(page, 'dashboard-map-wijken');
    const wijkLinks = page.locator('svg a.grip-dash-map__link');
    assert.ok((await wijkLinks.count()) > 1, 'the map has a link per wijk');
    const wijkLabel = (await wijkLinks.first().getAttribute('aria-label'))!;
    await wijkLinks.first().click();
    await settle(page);
    const wijk = new URL(page.url()).searchParams.get('wijk');
    assert.match(wijk ?? '', /^WK\d{6}$/, `clicking ${wijkLabel} sets the wijk filter`);
    assert.match(page.url(), /[?&]law=wmo/, 'the law filter stays');
    const crumbs = page.locator('nav[aria-label="Gebied"] li');
    assert.equal(await crumbs.count(), 2);
    assert.equal(await crumbs.first().textContent(), 'Hengelo');
    await h.checkBoth(t, page, 'dashboard wijk', 'dashboard-wijk');
    await shootMap(page, 'dashboard-map-buurten');

    // Wijk → buurt: the same map now shows the wijk's buurten.
    // By keyboard this time: the areas are links.
    const buurtLinks = page.locator('svg a.grip-dash-map__link');
    await buurtLinks.first().waitFor();
    await buurtLinks.first().focus();
    assert.match(
      (await page.locator('.grip-dash-map__tip').textContent())!,
      /: (\d|<10|x)/,
      'focus shows the area and its value',
    );
    await page.keyboard.press('Enter');
    await settle(page);
    const buurt = new URL(page.url()).searchParams.get('buurt');
    assert.match(buurt ?? '', /^BU\d{8}$/, 'clicking a buurt sets the buurt filter');
    assert.equal(buurt!.slice(2, 8), wijk!.slice(2, 8), 'the buurt lies in the wijk');
    assert.equal(await crumbs.count(), 3);
    // Back to the city through the breadcrumbs.
    await crumbs.first().locator('a').click();
    await settle(page);
    assert.equal(new URL(page.url()).searchParams.get('wijk'), null);
    assert.equal(await crumbs.count(), 1);

    // A filter naming a wijk that does not exist: the server's reason, no figures.
    await h.open(page, '/dashboard/volumes?wijk=WK999999');
    await page.locator('[role="status"] .utrecht-alert').waitFor();
    assert.equal(await page.locator('.grip-dash-figure').count(), 0);

    // A hidden cell: find a filter state where the server hid a small count, then see '<10' on screen.
    const api = await h.api('beleidsadviseur');
    let found: { code: string; slug: string; query: string } | null = null;
    const options = (await (await api('GET', '/api/v1/dashboard/filter-options')).json()) as {
      buurten: { code: string; wijkCode: string }[];
    };
    for (const view of VIEWS.slice(0, 2)) {
      for (const b of options.buurten) {
        const query = `wijk=${b.wijkCode}&buurt=${b.code}`;
        const response = await api('GET', `/api/v1/dashboard/views/${view.code}?${query}`);
        if (response.status !== 200) continue;
        const answer = (await response.json()) as ViewAnswer;
        const cells = answer.tables.flatMap((tb) => tb.rows.flatMap((r) => Object.values(r.values)));
        for (const tb of answer.tables)
          for (const m of tb.measures.filter((x) => x.kind === 'persons' || x.kind === 'households'))
            for (const r of tb.rows) {
              const c = r.values[m.code];
              assert.ok(
                typeof c !== 'number' || c === 0 || c >= 10,
                `${tb.code}/${r.key}/${m.code}: ${c} is shown`,
              );
            }
        if (cells.includes('<10')) {
          found = { code: view.code, slug: view.slug, query };
          break;
        }
      }
      if (found) break;
    }
    assert.ok(found, 'some buurt has a count below 10');
    await h.open(page, `/dashboard/${found.slug}?${found.query}`);
    await figures(page);
    const shown = await tableCells(page);
    assert.ok(shown.includes('<10'), "a hidden cell reads '<10' in a table");
    await page.locator('.grip-dash-hidden').first().waitFor({ state: 'attached' });
    assert.match(
      (await page.locator('.grip-dash-hidden .grip-visually-hidden').first().textContent())!,
      /verborgen/,
      'screen readers hear why',
    );
    await h.checkBoth(t, page, 'dashboard buurt', 'dashboard-buurt');
    await context.close();
  });

  test('download the CSV of a view, export a chart as SVG and PNG', async () => {
    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, '/dashboard/volumes');
    await figures(page);

    for (const [name, type] of [
      ['Download als Excel (XLSX)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['PDF voor de raad', 'application/pdf'],
    ] as const) {
      const href = (await page.getByRole('link', { name }).getAttribute('href'))!;
      assert.match(href, /[?&]from=\d{4}-\d{2}&to=\d{4}-\d{2}/, `${name} carries the period shown`);
      const response = await context.request.get(`${h.base}${href}`);
      assert.equal(response.status(), 200, name);
      assert.equal(response.headers()['content-type'], type, name);
    }
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download als CSV' }).click(),
    ]);
    const csvText = fs.readFileSync((await csv.path())!, 'utf8');
    assert.ok(csvText.length > 100, 'the CSV has content');
    assert.match(csvText, /;/, 'semicolon-separated for Excel-NL');

    const first = page
      .locator('.grip-dash-figure')
      .filter({ has: page.locator('svg.grip-dash-chart__svg') })
      .first();
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      first.getByRole('button', { name: /^Grafiek als SVG/ }).click(),
    ]);
    assert.match(svg.suggestedFilename(), /^volumes-.+\.svg$/);
    const svgText = fs.readFileSync((await svg.path())!, 'utf8');
    assert.match(svgText, /^<\?xml/);
    assert.match(svgText, /<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svgText, /<title[^>]*>.+<\/title>/, 'the SVG keeps its title');
    assert.match(svgText, /<pattern id="hatch-/, 'and the hatch for hidden cells');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      first.getByRole('button', { name: /^Grafiek als PNG/ }).click(),
    ]);
    assert.match(png.suggestedFilename(), /^volumes-.+\.png$/);
    const pngBytes = fs.readFileSync((await png.path())!);
    assert.deepEqual([...pngBytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
    assert.ok(pngBytes.length > 2_000, 'with a chart in it');
    await context.close();
  });

  test('definitions from a figure; region and alerts pages; the English UI', async (t) => {
    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, '/dashboard/volumes');
    const link = (await figures(page)).first().locator('a[href^="/dashboard/definities#"]').first();
    const code = decodeURIComponent((await link.getAttribute('href'))!.split('#')[1]!);
    await link.click();
    await settle(page);
    assert.equal(await page.locator('h1').textContent(), 'Definities');
    const definition = page.locator(`[id="${code}"]`);
    await definition.waitFor();
    assert.match((await definition.textContent())!, /Versie/);
    assert.match((await definition.textContent())!, /Bron/);
    await definition.locator('a[href^="/dashboard/"]').first().waitFor();
    await h.checkBoth(t, page, 'dashboard definitions', 'dashboard-definities');

    // Alert rules: a limit out of range is refused per field and nothing is added; then add, change, remove.
    await h.open(page, '/dashboard/signalen');
    assert.equal(await page.locator('h1').textContent(), 'Signalen');
    await page.locator('#rule-threshold').fill('150');
    await page.getByRole('button', { name: 'Regel toevoegen' }).click();
    await page.locator('#rule-threshold-error').waitFor();
    await page.getByText('Er zijn nog geen signaalregels.').waitFor();
    await page.locator('#rule-threshold').fill('7,5');
    await page.locator('#rule-taakveld').fill('6.71');
    await page.getByRole('button', { name: 'Regel toevoegen' }).click();
    await page.getByText('De signaalregel is toegevoegd.').waitFor();
    const ruleRow = page.locator('tr', {
      hasText: 'Uitgaven meer dan 7,5% boven de begroting naar rato (taakveld 6.71)',
    });
    await ruleRow.waitFor();
    assert.match((await ruleRow.textContent())!, /Actief/);
    await h.checkBoth(t, page, 'dashboard alerts', 'dashboard-signalen');
    await ruleRow.getByRole('button', { name: /^Wijzigen/ }).click();
    await page.getByRole('heading', { name: 'Signaalregel wijzigen' }).waitFor();
    await page.locator('#rule-active').uncheck();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De signaalregel is gewijzigd.').waitFor();
    await page.locator('tr', { hasText: 'taakveld 6.71' }).getByText('Uit', { exact: true }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .locator('tr', { hasText: 'taakveld 6.71' })
      .getByRole('button', { name: /^Verwijderen/ })
      .click();
    await page.getByText('De signaalregel is verwijderd.').waitFor();
    await page.getByText('Er zijn nog geen signaalregels.').waitFor();
    // The region: the members on this Grip side by side and the region's total.
    await h.open(page, '/dashboard/regio');
    assert.equal(await page.locator('h1').textContent(), 'Regio');
    await page.getByText(/Vergeleken in Regio Twente: .*Hengelo/).waitFor();
    const regionTable = page.locator('table').first();
    const heads = await regionTable.locator('thead th').allTextContents();
    assert.ok(heads.includes('Hengelo') && heads.includes('Regio totaal'), `columns: ${heads.join(', ')}`);
    await h.checkBoth(t, page, 'dashboard region', 'dashboard-regio');
    await context.close();

    const english = await h.context('beleidsadviseur', 'en');
    const enPage = await h.page(english);
    await h.open(enPage, '/dashboard/geld');
    assert.equal(await enPage.locator('h1').textContent(), 'Money');
    await enPage.getByText('Social domain dashboard').first().waitFor();
    await enPage.getByRole('button', { name: 'Apply filters' }).waitFor();
    await enPage.getByRole('link', { name: 'PDF for the council' }).waitFor();
    await h.checkBoth(t, enPage, 'dashboard (English)', 'dashboard-en');
    await english.close();

    // Roles: a casework role reads the dashboard but has no region or alerts.
    const casework = await h.context('toegang-medewerker');
    const cwPage = await h.page(casework);
    await h.open(cwPage, '/dashboard/overlap');
    assert.equal(await cwPage.locator('h1').textContent(), 'Overlap');
    assert.equal(await cwPage.getByRole('link', { name: 'Signalen' }).count(), 0);
    await h.open(cwPage, '/dashboard/signalen');
    assert.equal(await cwPage.locator('h1').textContent(), 'Geen toegang');
    await casework.close();
  });
});
