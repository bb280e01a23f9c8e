/**
 * Beschikking, toewijzing and the provider's portal in a real browser (headless Chromium through
 * playwright-core) on a real Grip server with the demo data — what "done" means for the web part of
 * issue 6:
 *
 * a consultant opens the beschikking screen of a Wmo melding in onderzoek → an empty submit is refused
 * with an error summary (nothing saved) → grants hulp bij het huishouden (3 uur per week) and refuses
 * begeleiding individueel with its own grounds → the beschikking shows "Gedeeltelijk toegekend", the
 * objection term and a decision letter (PDF) → allocates the granted product to the demo provider "Zorg
 * Thuis Twente (demo)" (the only provider offered is one with an active contract) → a second, overlapping
 * allocation is refused with the server's message → the provider logs in, sees the allocation in the
 * portal, a start of care before the allocation is refused, then reports the start → submits a
 * declaration with one line at the contract tariff for a week (accepted) and one at another tariff (rejected,
 * retourcode 0611) → the rejection reason is shown.
 *
 * Every screen passes axe-core at 1280 and 320 px. GRIP_SCREENSHOTS=1 writes docs/screenshots/decisions-*.png.
 * Without Chromium the test skips, except with CI set.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { seedDecisionsDemo } from '../../src/demo/decisions-demo.ts';
import { tariffInYear } from '../../src/services/catalogue.ts';
import {
  BrowserHarness,
  CHROMIUM,
  chromiumMissing,
  dayMonthYear,
  dutchDay,
  MUNICIPALITY,
  settle,
  skipReason,
} from '../helpers/browser.ts';
import { newResident, vindplaatsId } from '../intake/intake-test-helpers.ts';

if (chromiumMissing && process.env.CI) {
  test('decisions web: Chromium is required on CI', () => {
    assert.fail(
      `Chromium was not found at ${CHROMIUM}. Install it (apt-get install chromium) or set GRIP_CHROMIUM.`,
    );
  });
} else {
  test(
    'decisions web: beschikking → toewijzing → provider starts care → declaration accepted and rejected',
    { skip: skipReason, timeout: 600_000 },
    async (t) => {
      const b = new BrowserHarness('decisions');
      await b.start();
      try {
        await run(t, b);
      } finally {
        await b.stop();
      }
    },
  );
}

const PROVIDER = 'Zorg Thuis Twente (demo)';

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `${response.url}: ${text}`);
  return JSON.parse(text) as T;
}

async function run(t: TestContext, b: BrowserHarness) {
  const db = b.db.database.db;
  // The demo provider with its contract and the aanbieder account linked to it (idempotent, also when
  // the demo seed already calls it).
  await db.transaction().execute((tx) => seedDecisionsDemo(tx, MUNICIPALITY.code));
  await db.transaction().execute((tx) => seedDecisionsDemo(tx, MUNICIPALITY.code));
  const providers = await db
    .selectFrom('provider')
    .select('id')
    .where('municipality_code', '=', MUNICIPALITY.code)
    .where('name', '=', PROVIDER)
    .execute();
  assert.equal(providers.length, 1, 'seeding twice makes one demo provider');

  const service = (code: string) =>
    db
      .selectFrom('service')
      .select(['id', 'name'])
      .where('municipality_code', '=', MUNICIPALITY.code)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
  const ho = await service('WMO-HO');
  const bgi = await service('WMO-BGI');

  // A resident with a Wmo melding in onderzoek, made the way the intake makes it.
  const toegang = await b.api('toegang-medewerker');
  const zorgloket = await vindplaatsId(b.db.database, MUNICIPALITY.code, 'zorgloket');
  const question = await json<{ id: string; personId: string }>(
    await toegang('POST', '/api/v1/help-questions', {
      channel: 'telefoon',
      vindplaatsId: zorgloket,
      questionTypes: ['huishouden'],
      person: newResident(4301),
    }),
    201,
  );
  await json(
    await toegang('POST', `/api/v1/help-questions/${question.id}/triage`, {
      outcome: 'melding',
      lawCode: 'wmo',
      homeVisitDate: dutchDay(0),
    }),
    201,
  );

  const today = dutchDay(0);
  const grantEnd = dutchDay(90);
  let beschikkingPath = '';

  // 1. The consultant's beschikking.
  const consultant = await b.context('toegang-medewerker');
  const page = await b.page(consultant);
  await t.test('the beschikking: empty submit refused, then a grant and a refusal', async (st) => {
    await b.open(page, `/hulpvragen/${question.id}`);
    const link = page.getByRole('link', { name: 'Beschikking opstellen' });
    if (await link.count()) await link.click();
    else await b.open(page, `/hulpvragen/${question.id}/beschikking`);
    await settle(page);
    await page.getByRole('heading', { level: 1, name: /^Beschikking opstellen/ }).waitFor();
    await b.checkBoth(st, page, 'beschikking form', 'decisions-beschikking-form');

    await page.getByRole('button', { name: 'Beschikking vastleggen' }).click();
    const summary = page.locator('.utrecht-alert--error');
    await summary.waitFor();
    assert.ok(await summary.getByRole('link', { name: 'Vul de wettelijke grondslag in.' }).isVisible());
    assert.ok(await summary.getByRole('link', { name: 'Kies een voorziening.' }).isVisible());
    assert.ok(await summary.getByRole('link', { name: 'Vul de motivering in.' }).isVisible());
    assert.equal(
      await page.evaluate(
        "document.activeElement !== null && document.activeElement.classList.contains('utrecht-alert--error')",
      ),
      true,
      'the summary has focus',
    );
    await b.checkBoth(st, page, 'beschikking form with errors', 'decisions-beschikking-errors');
    const none = await db
      .selectFrom('beschikking')
      .select('id')
      .where('person_id', '=', question.personId)
      .execute();
    assert.equal(none.length, 0, 'nothing saved');

    await page.fill(
      '#legalGrounds',
      'Wmo 2015 art. 2.3.5; Verordening maatschappelijke ondersteuning art. 8',
    );
    await page.selectOption('#product-0-serviceId', ho.id);
    await page.fill('#product-0-grounds', 'U kunt uw huis niet zelf schoonhouden. Daarom krijgt u hulp.');
    await page.fill('#product-0-startDate', dayMonthYear(today));
    await page.fill('#product-0-endDate', dayMonthYear(grantEnd));
    await page.fill('#product-0-volume', '3');
    await page.getByRole('button', { name: 'Product toevoegen' }).click();
    await page.selectOption('#product-1-serviceId', bgi.id);
    await page.getByLabel('Afwijzen').nth(1).check();
    await page.fill('#product-1-grounds', 'Uw netwerk helpt u al bij het plannen van de week.');
    await page.getByRole('button', { name: 'Beschikking vastleggen' }).click();

    await page.getByRole('heading', { level: 1, name: /^Beschikking BS-/ }).waitFor();
    await settle(page);
    beschikkingPath = new URL(page.url()).pathname;
    await page.getByText(/Beschikking BS-\S+ is vastgelegd\./).waitFor();
    assert.ok(await page.getByText('Gedeeltelijk toegekend').first().isVisible());
    assert.ok(await page.getByText(/bezwaar maken \(zes weken na de besluitdatum/).isVisible());
    assert.ok(await page.getByText('Uw netwerk helpt u al bij het plannen van de week.').isVisible());
    assert.ok(await page.getByText('Afgewezen: voor dit product volgt geen toewijzing.').isVisible());

    const letter = page.getByRole('link', { name: /Download de brief bij beschikking/ });
    const href = (await letter.getAttribute('href'))!;
    const pdf = await consultant.request.get(`${b.base}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await b.checkBoth(st, page, 'beschikking', 'decisions-beschikking');
  });

  // 2. The toewijzing to the contracted provider; an overlapping second one is refused.
  await t.test('the toewijzing: only contracted providers, overlap refused with the reason', async (st) => {
    const select = page.locator(`select[id$="-contractId"]`);
    const option = select.locator('option', { hasText: PROVIDER });
    await option.waitFor({ state: 'attached' });
    const offered = await select.locator('option').allTextContents();
    assert.ok(
      offered.slice(1).every((text) => text.includes('contract')),
      `only contracts are offered: ${offered.join(' | ')}`,
    );
    await select.selectOption({ label: (await option.textContent())! });
    await page.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    await page
      .getByText(new RegExp(`Toewijzing \\d+ aan ${PROVIDER.replace(/[()]/g, '\\$&')} is vastgelegd\\.`))
      .waitFor();
    await settle(page);
    assert.equal(await page.getByRole('link', { name: /^Toewijzing \d+$/ }).count(), 1);
    await b.checkBoth(st, page, 'beschikking with toewijzing', 'decisions-toewijzing');

    // The same product again for an overlapping period.
    await select.locator('option', { hasText: PROVIDER }).waitFor({ state: 'attached' });
    await select.selectOption({
      label: (await select.locator('option', { hasText: PROVIDER }).textContent())!,
    });
    await page.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    const refusal = page.locator('.utrecht-alert--error', { hasText: /overlappende periode/ });
    await refusal.waitFor();
    await b.checkBoth(st, page, 'toewijzing overlap refused', 'decisions-toewijzing-overlap');
    const rows = await db
      .selectFrom('toewijzing')
      .select(['id', 'toewijzing_number'])
      .where('person_id', '=', question.personId)
      .execute();
    assert.equal(rows.length, 1, 'the overlapping allocation was not saved');

    await page.getByRole('link', { name: /^Toewijzing \d+$/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Toewijzing \d+$/ }).waitFor();
    await settle(page);
    assert.ok(await page.getByText(PROVIDER).first().isVisible());
    assert.ok(await page.getByRole('heading', { name: 'Toewijzing beëindigen' }).isVisible());
    await b.checkBoth(st, page, 'toewijzing (consultant)', 'decisions-toewijzing-detail');

    // A change needs a reason, and may not run beyond the beschikking: refused, nothing changed.
    await page.getByRole('button', { name: 'Wijziging vastleggen' }).click();
    await page.locator('#change-reasonCode-error', { hasText: 'Kies een reden.' }).waitFor();
    await page.selectOption('#change-reasonCode', '04');
    await page.fill('#change-endDate', dayMonthYear(dutchDay(120)));
    await page.getByRole('button', { name: 'Wijziging vastleggen' }).click();
    await page.locator('#change-endDate-error', { hasText: /nieuw besluit nodig/ }).waitFor();
    await b.checkBoth(st, page, 'toewijzing change refused');
    const unchanged = await db
      .selectFrom('toewijzing')
      .select(['end_date', 'version'])
      .where('person_id', '=', question.personId)
      .executeTakeFirstOrThrow();
    assert.equal(unchanged.version, 1, 'the refused change changed nothing');
  });

  // 3. The provider's portal: start of care, a declaration with an accepted and a rejected line.
  const aanbieder = await b.context('aanbieder');
  const portal = await b.page(aanbieder);
  await t.test('the provider reports the start of care', async (st) => {
    await b.open(portal, '/aanbieder');
    await portal.getByRole('heading', { level: 1, name: 'Aanbiedersportaal' }).waitFor();
    const links = portal.getByRole('link', { name: /^Toewijzing \d+$/ });
    assert.equal(await links.count(), 1, 'the provider sees its one allocation');
    assert.ok(await portal.getByText('nog niet gestart').isVisible());
    await b.checkBoth(st, portal, 'provider portal', 'decisions-portal');

    await links.first().click();
    await portal.getByRole('heading', { name: 'Start van de zorg melden' }).waitFor();
    await settle(portal);
    assert.equal(await portal.getByRole('heading', { name: 'Toewijzing beëindigen' }).count(), 0);
    await b.checkBoth(st, portal, 'toewijzing (provider)', 'decisions-provider-allocation');

    // Before the allocation starts: refused with the server's reason on the field.
    await portal.fill('#delivery-startDate', dayMonthYear(dutchDay(-5)));
    await portal.getByRole('button', { name: 'Start melden' }).click();
    await portal.locator('#delivery-startDate-error', { hasText: /binnen de toewijzing/ }).waitFor();

    await portal.fill('#delivery-startDate', dayMonthYear(today));
    await portal.getByRole('button', { name: 'Start melden' }).click();
    await portal.getByText('De start van de zorg is gemeld.').waitFor();
    await portal.getByRole('heading', { name: 'Stop van de zorg melden' }).waitFor();
    await b.checkBoth(st, portal, 'care started', 'decisions-care-started');
  });

  await t.test('a declaration: one line accepted, one rejected with its reason', async (st) => {
    await b.open(portal, '/aanbieder/declaraties/nieuw');
    await portal.getByRole('heading', { level: 1, name: 'Nieuwe declaratie' }).waitFor();
    await b.checkBoth(st, portal, 'declaration form', 'decisions-declaration-form');

    await portal.getByRole('button', { name: 'Declaratie indienen' }).click();
    const summary = portal.locator('.utrecht-alert--error');
    await summary.waitFor();
    assert.ok(await summary.getByRole('link', { name: /declaratienummer/ }).isVisible());
    assert.ok(await summary.getByRole('link', { name: 'Kies een toewijzing.' }).isVisible());

    const tariff = tariffInYear(3_350, Number(today.slice(0, 4)));
    const euro = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
    const allocationValue = await portal
      .locator('#line-0-toewijzingNumber option')
      .nth(1)
      .getAttribute('value');
    await portal.fill('#declarationNumber', 'E2E-0001');
    await portal.fill('#periodStartDate', dayMonthYear(today));
    await portal.fill('#periodEndDate', dayMonthYear(dutchDay(13)));
    await portal.selectOption('#line-0-toewijzingNumber', allocationValue!);
    await portal.fill('#line-0-periodStartDate', dayMonthYear(today));
    await portal.fill('#line-0-periodEndDate', dayMonthYear(dutchDay(6)));
    await portal.fill('#line-0-volume', '3');
    await portal.fill('#line-0-tariffCents', euro(tariff));
    await portal.getByRole('button', { name: 'Regel toevoegen' }).click();
    await portal.selectOption('#line-1-toewijzingNumber', allocationValue!);
    await portal.fill('#line-1-periodStartDate', dayMonthYear(dutchDay(7)));
    await portal.fill('#line-1-periodEndDate', dayMonthYear(dutchDay(7)));
    await portal.fill('#line-1-volume', '1');
    await portal.fill('#line-1-tariffCents', '40,00');
    await portal.getByRole('button', { name: 'Declaratie indienen' }).click();

    await portal.getByRole('heading', { level: 1, name: 'Declaratie E2E-0001' }).waitFor();
    await settle(portal);
    await portal.getByText('Declaratie E2E-0001 is ingediend en gecontroleerd.').waitFor();
    assert.ok(await portal.getByText('1 regel goedgekeurd, 1 regel afgewezen.').isVisible());
    const table = portal.getByRole('table', { name: 'Regels van deze declaratie met de uitkomst' });
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match((await rows.nth(0).textContent())!, /Goedgekeurd/);
    const rejected = (await rows.nth(1).textContent())!;
    assert.match(rejected, /Afgewezen/);
    assert.match(rejected, /niet het contracttarief/);
    assert.match(rejected, /retourcode 0611/);
    await b.checkBoth(st, portal, 'declaration result', 'decisions-declaration-result');

    await b.open(portal, '/aanbieder');
    assert.ok(await portal.getByRole('link', { name: 'Declaratie E2E-0001' }).isVisible());
    assert.ok(await portal.getByText(/^gestart /).isVisible());
  });

  await t.test('the portal in English', async (st) => {
    const english = await b.page(await b.context('aanbieder', 'en'));
    await b.open(english, '/aanbieder');
    await english.getByRole('heading', { level: 1, name: 'Provider portal' }).waitFor();
    await english.getByRole('link', { name: 'Declaration E2E-0001' }).click();
    await english.getByRole('heading', { level: 1, name: 'Declaration E2E-0001' }).waitFor();
    await settle(english);
    assert.ok(await english.getByText('1 line accepted, 1 line rejected.').isVisible());
    assert.ok(await english.getByText(/return code 0611/).isVisible());
    await b.checkBoth(st, english, 'declaration result (English)');
  });

  await t.test('provider staff cannot open the consultant screens', async () => {
    await b.open(portal, beschikkingPath);
    assert.equal(await portal.getByRole('link', { name: /Download de brief/ }).count(), 0);
  });

  assert.deepEqual(b.problems, [], 'no script errors or CSP complaints');
}
