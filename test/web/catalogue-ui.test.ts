/**
 * The catalogue, provider, contract, fraud, costs and map screens (issue 6) in a real browser (headless
 * Chromium through playwright-core) on a real Grip server with the demo data (in-memory PGlite, or
 * PostgreSQL with TEST_DATABASE_URL):
 *
 * - a functioneel beheerder adds a service and a tariff to it; an overlapping tariff is refused with the
 *   server's explanation at the field;
 * - a contract cannot be activated while a quality check before contracting is open (the server's list is
 *   shown), and can once that check has passed;
 * - the costs page shows small cells as the server gives them ("minder dan 10", "verborgen");
 * - the public map page lists the nearest algemene voorzieningen, with a numbered SVG map;
 * - every screen passes axe-core (WCAG 2.0/2.1 A and AA) at 1280 and 320 pixels.
 *
 * GRIP_SCREENSHOTS=1 writes screenshots to docs/screenshots/catalogue-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { providerWithContract, serviceByCode } from '../decisions/decision-fixtures.ts';
import {
  BrowserHarness,
  dayMonthYear,
  dutchDay,
  MUNICIPALITY,
  settle,
  skipReason,
} from '../helpers/browser.ts';
import type { TestApp } from '../helpers/test-app.ts';

const MC = MUNICIPALITY.code;
const h = new BrowserHarness('catalogue');

/** 12 youth clients on JW-AMB and 3 on JW-GGZ in March–April 2020: the GGZ cells are too small to show. */
async function seedCosts() {
  const grip = { database: h.db.database } as unknown as TestApp;
  const db = h.db.database.db;
  const { providerId, contractId } = await providerWithContract(
    grip,
    71,
    [
      { code: 'JW-AMB', tariffCents: 9150 },
      { code: 'JW-GGZ', tariffCents: 120_000 },
    ],
    { validFrom: '2019-01-01', validUntil: '2021-12-31' },
  );
  let number = 91_000_000;
  for (const [code, n] of [
    ['JW-AMB', 12],
    ['JW-GGZ', 3],
  ] as const) {
    const service = await serviceByCode(grip, code);
    for (let i = 0; i < n; i++) {
      const person = await db
        .insertInto('person')
        .values({
          municipality_code: MC,
          given_names: 'Kind',
          family_name: `Kosten${number}`,
          birth_date: '2012-01-01',
          is_synthetic: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('toewijzing')
        .values({
          municipality_code: MC,
          toewijzing_number: ++number,
          referrer_type_code: '02',
          person_id: person.id,
          provider_id: providerId,
          contract_id: contractId,
          service_id: service.id,
          law_code: 'jeugdwet',
          start_date: '2020-03-01',
          end_date: '2020-04-30',
          commitment_cents: 61_000,
          status: 'beeindigd',
          end_reason_code: '31',
        })
        .execute();
    }
  }
}

async function text(page: Page, selector: string) {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ');
}

describe('catalogue screens in the browser', { skip: skipReason, timeout: 600_000 }, () => {
  before(async () => {
    await h.start();
    await seedCosts();
  });
  after(() => h.stop());

  test('a functioneel beheerder adds a service and a tariff; an overlapping tariff is refused', async (t) => {
    const context = await h.context('functioneel-beheerder');
    const page = await h.page(context);
    await h.open(page, '/catalogus');
    assert.match(await text(page, 'main'), /Huishoudelijke ondersteuning/);
    await h.checkBoth(t, page, 'catalogue list', 'catalogue-list');

    await page.selectOption('#filter-law', 'jeugdwet');
    await settle(page);
    assert.doesNotMatch(await text(page, 'table'), /Huishoudelijke ondersteuning/);
    assert.match(await text(page, 'table'), /JW-AMB/);

    await h.open(page, '/catalogus/nieuw');
    await h.checkBoth(t, page, 'new service');
    // Empty form: the summary names the missing fields, nothing is sent.
    await page.click('button[type="submit"]');
    assert.match(await text(page, '.utrecht-alert--error'), /Vul dit veld in/);
    await page.fill('#service-code', 'PW-H9');
    await page.fill('#service-name', 'Training H9');
    await page.selectOption('#service-lawCode', 'participatiewet');
    await page.fill('#service-unitCode', '04');
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/catalogus\/[0-9a-f-]{36}$/);
    await settle(page);
    assert.match(await text(page, 'h1'), /Training H9/);
    assert.match(await text(page, '[role="status"]'), /toegevoegd/);

    await page.fill('#tariff-from', '01-01-2030');
    await page.fill('#tariff-until', '31-12-2030');
    await page.fill('#tariff-amount', '45,50');
    await page.click('#tariffs-heading ~ div form button[type="submit"]');
    await page.getByText('Het tarief is toegevoegd.').waitFor();
    assert.match(await text(page, 'section[aria-labelledby="tariffs-heading"] table'), /€\s?45,50/);

    await page.fill('#tariff-from', '01-06-2030');
    await page.fill('#tariff-amount', '50');
    await page.click('#tariffs-heading ~ div form button[type="submit"]');
    const summary = page.locator('section[aria-labelledby="tariffs-heading"] .utrecht-alert--error');
    await summary.waitFor();
    assert.match(await summary.innerText(), /overlapt met het tarief vanaf 2030-01-01/i);
    assert.equal(await page.locator('#tariff-from[aria-invalid="true"]').count(), 1);
    assert.equal(await page.locator('section[aria-labelledby="tariffs-heading"] tbody tr').count(), 1);
    await h.checkBoth(t, page, 'service with refused tariff', 'catalogue-service');

    // End the old tariff first, as the refusal says: open it, give an end date. An end before the start is
    // refused at the field; a colleague's change in between is a conflict that keeps what was typed.
    const serviceId = page.url().split('/').pop()!;
    const tariffs = page.locator('section[aria-labelledby="tariffs-heading"]');
    await tariffs.locator('button:has-text("Wijzig het tarief vanaf")').click();
    assert.equal(await page.evaluate('document.activeElement.id'), 'tariff-edit-from');
    await h.checkBoth(t, page, 'tariff being changed', 'catalogue-tariff-edit');
    await page.fill('#tariff-edit-until', '31-12-2029');
    await page.click('form[aria-labelledby="tariff-edit-heading"] button[type="submit"]');
    await page.locator('#tariff-edit-until[aria-invalid="true"]').waitFor();

    const colleague = await h.api('functioneel-beheerder');
    const saved = (await (await colleague('GET', `/api/v1/services/${serviceId}`)).json()) as {
      tariffs: { id: string; version: number }[];
    };
    const [tariff] = saved.tariffs;
    const changed = await colleague(
      'PUT',
      `/api/v1/services/${serviceId}/tariffs/${tariff!.id}`,
      { validFromDate: '2030-01-01', validUntilDate: '2030-12-31', tariffCents: 4600 },
      { 'if-match': `"${tariff!.version}"` },
    );
    assert.equal(changed.status, 200, await changed.text());
    await page.fill('#tariff-edit-until', '31-05-2030');
    await page.click('form[aria-labelledby="tariff-edit-heading"] button[type="submit"]');
    await page.getByText('Iemand anders heeft dit intussen gewijzigd').waitFor();
    // The newer version is shown (waited for: the table may still be re-rendering).
    await page
      .locator('section[aria-labelledby="tariffs-heading"] table', { hasText: /€\s?46,00/ })
      .waitFor();
    assert.equal(await page.inputValue('#tariff-edit-until'), '31-05-2030', 'what was typed is kept');
    await page.click('form[aria-labelledby="tariff-edit-heading"] button[type="submit"]');
    await page.getByText('Het tarief is gewijzigd.').waitFor();
    assert.match(await text(page, 'section[aria-labelledby="tariffs-heading"] table'), /31 mei 2030/);

    await page.fill('#tariff-from', '01-06-2030');
    await page.fill('#tariff-amount', '50');
    await page.click('#tariffs-heading ~ div form button[type="submit"]');
    await page.getByText('Het tarief is toegevoegd.').waitFor();
    assert.equal(await tariffs.locator('tbody tr').count(), 2);

    // A location added by a colleague gets a new capacity in the browser.
    const { items: buurten } = (await (await colleague('GET', '/api/v1/buurten')).json()) as {
      items: { code: string }[];
    };
    const added = await colleague('POST', `/api/v1/services/${serviceId}/locations`, {
      name: 'Buurthuis H9',
      buurtCode: buurten[0]!.code,
      streetAddress: null,
      capacity: 12,
      capacityUnit: 'plaatsen',
      openingHours: null,
    });
    assert.equal(added.status, 201, await added.text());
    await h.open(page, `/catalogus/${serviceId}`);
    const locations = page.locator('section[aria-labelledby="locations-heading"]');
    await locations.locator('button:has-text("Wijzig Buurthuis H9")').click();
    assert.equal(await page.inputValue('#location-capacity'), '12');
    await page.fill('#location-capacity', 'twintig');
    await page.click('#locations-heading ~ div form button[type="submit"]');
    await page.locator('#location-capacity[aria-invalid="true"]').waitFor();
    await page.fill('#location-capacity', '20');
    await page.click('#locations-heading ~ div form button[type="submit"]');
    await page.getByText('De locatie is gewijzigd.').waitFor();
    assert.match(await text(page, 'section[aria-labelledby="locations-heading"] table'), /\b20\b/);
    await h.checkBoth(t, page, 'service after changes');
    await context.close();
  });

  test('a contract cannot become active while a quality check is open, and can after it passes', async (t) => {
    const context = await h.context('functioneel-beheerder');
    const page = await h.page(context);
    await h.open(page, '/aanbieders');
    await h.checkBoth(t, page, 'providers');
    await page.fill('#provider-name', 'Zorg H9 BV');
    await page.fill('#provider-kvk', '12345678');
    await page.fill('#provider-agb', '87654321');
    await page.click('section[aria-labelledby="add-provider-heading"] button[type="submit"]');
    await page.waitForURL(/\/aanbieders\/[0-9a-f-]{36}$/);
    await settle(page);
    const providerId = page.url().split('/').pop()!;

    // Six items met through the API (a colleague), the complaints procedure recorded as open in the browser.
    const api = await h.api('functioneel-beheerder');
    for (const item of [
      'kvk-uittreksel',
      'ubo-eigendom',
      'vog-bestuurders',
      'verklaring-belastingdienst',
      'jaarrekening',
      'kwaliteitskeurmerk',
      'meldcode-huiselijk-geweld',
    ]) {
      const response = await api('POST', `/api/v1/providers/${providerId}/quality-checks`, {
        phase: 'voor-contractering',
        item,
        outcome: 'voldaan',
        checkedDate: dutchDay(-2),
      });
      assert.equal(response.status, 201, await response.text());
    }
    await h.open(page, `/aanbieders/${providerId}`);
    await page.selectOption('#check-item', 'klachtenregeling');
    await page.selectOption('#check-outcome', 'open');
    await page.fill('#check-date', dayMonthYear(dutchDay(-1)));
    await page.click('section[aria-labelledby="quality-heading"] form button[type="submit"]');
    await page.getByText('De toets is vastgelegd.').waitFor();
    assert.match(
      await text(page, 'section[aria-labelledby="quality-heading"]'),
      /1 onderdeel is nog niet rond/,
    );
    await h.checkBoth(t, page, 'provider with checklist', 'catalogue-provider');

    await page.click('summary:has-text("Contract opstellen")');
    await page.fill('#contract-reference', 'H9-2026-01');
    await page.fill('#contract-lot', 'Perceel Huishoudelijke ondersteuning');
    await page.fill('#contract-from', dayMonthYear(dutchDay(-30)));
    await page.click('details:has(#contract-reference) button[type="submit"]');
    await page.waitForURL(/\/contracten\/[0-9a-f-]{36}$/);
    await settle(page);
    const contractUrl = new URL(page.url()).pathname;
    await page.selectOption('#product-service', { label: 'Huishoudelijke ondersteuning (WMO-HO)' });
    await page.fill('#product-from', dayMonthYear(dutchDay(-30)));
    await page.fill('#product-tariff', '33,50');
    await page.click('#products-heading ~ div form button[type="submit"]');
    await page.getByText('Het product is toegevoegd.').waitFor();
    // The contracted tariff is corrected before activation.
    await page.click('button:has-text("Wijzig het tarief van Huishoudelijke ondersteuning")');
    assert.equal(await page.inputValue('#product-edit-amount'), '33,50');
    await page.fill('#product-edit-amount', '34,25');
    await page.click('form[aria-labelledby="product-edit-heading"] button[type="submit"]');
    await page.getByText('Het tarief van het product is gewijzigd.').waitFor();
    assert.match(await text(page, 'section[aria-labelledby="products-heading"] table'), /€\s?34,25/);
    await h.checkBoth(t, page, 'contract product changed', 'catalogue-contract-product');

    await page.click('button:has-text("Contract activeren")');
    const refusal = page.locator('section[aria-labelledby="contract-status-heading"] .utrecht-alert--error');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /kwaliteitstoets/);
    assert.match(await refusal.innerText(), /Klachtenregeling/);
    assert.match(await text(page, 'h1 + p'), /In voorbereiding/);
    await h.checkBoth(t, page, 'contract refused', 'catalogue-contract-refused');

    await h.open(page, `/aanbieders/${providerId}`);
    await page.selectOption('#check-item', 'klachtenregeling');
    await page.selectOption('#check-outcome', 'voldaan');
    await page.fill('#check-date', dayMonthYear(dutchDay(0)));
    await page.click('section[aria-labelledby="quality-heading"] form button[type="submit"]');
    await page.getByText('De toets is rond').waitFor();

    await h.open(page, contractUrl);
    await page.click('button:has-text("Contract activeren")');
    await page.getByText('De status is nu: Actief.').waitFor();
    assert.match(await text(page, 'h1 + p'), /Actief/);
    await h.checkBoth(t, page, 'contract active');

    // A caseworker reads the provider and may report an incident or a fraud suspicion, not see the checklist.
    const caseworker = await h.context('wijkteam-medewerker');
    const cwPage = await h.page(caseworker);
    await h.open(cwPage, `/aanbieders/${providerId}`);
    assert.equal(await cwPage.locator('#quality-heading').count(), 0);
    await cwPage.click('summary:has-text("Fraudesignaal melden")');
    await cwPage.fill('#fraud-summary', 'Declaraties voor uren die niet geleverd lijken.');
    await cwPage.click('details:has(#fraud-summary) button[type="submit"]');
    await cwPage.getByText('Het signaal is gemeld bij de controller.').waitFor();
    await h.checkBoth(t, cwPage, 'provider for a caseworker');
    await caseworker.close();
    await context.close();
  });

  test('the controller follows up a fraud suspicion and sees suppressed cost cells', async (t) => {
    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, '/fraude');
    assert.match(await text(page, 'table'), /Zorg H9 BV/);
    await h.checkBoth(t, page, 'fraud register', 'catalogue-fraud');
    await page.click('table a');
    await settle(page);
    await page.fill('#fraud-action-description', 'Dossiers opgevraagd bij de aanbieder.');
    await page.selectOption('#fraud-action-status', 'in-onderzoek');
    await page.click('section[aria-labelledby="fraud-actions-heading"] button[type="submit"]');
    await page.getByText('De opvolging is vastgelegd.').waitFor();
    assert.match(
      await text(page, 'section[aria-labelledby="fraud-actions-heading"] table'),
      /Dossiers opgevraagd/,
    );
    await h.checkBoth(t, page, 'fraud suspicion');

    await h.open(page, '/kosten?indeling=service&van=2020-03&tot=2020-04');
    const table = await text(page, 'table');
    assert.match(table, /Ambulante/i);
    assert.match(table, /minder dan 10/);
    assert.match(table, /verborgen/);
    assert.match(table, /\b12\b/);
    assert.match(await text(page, 'main'), /minder dan 10 cliënten/);
    await h.checkBoth(t, page, 'costs', 'catalogue-costs');

    // A wrong month is refused before anything is asked.
    await page.fill('#costs-from', '2020-13');
    await page.click('button:has-text("Toon kosten")');
    assert.match(await text(page, '.utrecht-alert--error'), /jaar-maand/);
    await context.close();
  });

  test('residents find the nearest algemene voorzieningen without logging in, as a list and a map', async (t) => {
    const wijk = await h.db.database.db
      .selectFrom('wijk')
      .select(['code', 'name'])
      .where('municipality_code', '=', MC)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const context = await h.context(null);
    const page = await h.page(context);
    await h.open(page, `/voorzieningen?gemeente=${MC}&wijk=${wijk.code}`);
    const list = page.locator('#near-list > li');
    assert.ok((await list.count()) > 0, 'services are listed');
    assert.match(await list.first().innerText(), /In uw wijk/);
    assert.match(await text(page, '[role="status"]'), /algemene voorzieningen? gevonden/);
    assert.ok((await page.locator('svg.grip-map__svg circle').count()) > 0, 'the map shows the locations');
    await h.checkBoth(t, page, 'map (public)', 'catalogue-map-public');

    // A wrong postcode is caught in the form.
    await page.fill('#near-postcode', '12');
    await page.click('button:has-text("Zoeken")');
    assert.match(await text(page, '.utrecht-alert--error'), /postcode/i);
    await context.close();

    const staff = await h.context('toegang-medewerker');
    const staffPage = await h.page(staff);
    await h.open(staffPage, `/voorzieningen?wijk=${wijk.code}`);
    assert.ok(
      (await staffPage.locator('svg.grip-map__svg path').count()) > 0,
      'logged in, the wijken are drawn',
    );
    assert.equal(await staffPage.locator('#near-wijk').inputValue(), wijk.code);
    await h.checkBoth(t, staffPage, 'map (caseworker)', 'catalogue-map');
    await staff.close();
  });

  test('no script errors or CSP complaints', () => {
    assert.deepEqual(h.problems, []);
    assert.ok(h.checks >= 20, `${h.checks} axe checks ran`);
  });
});
