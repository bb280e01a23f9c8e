/**
 * The web UI in a real browser: every page is checked with axe-core (WCAG 2.0/2.1 A and AA) at 1280 and
 * 320 pixels wide, must not scroll sideways at 320, and the main path works by keyboard alone. Runs a real
 * Grip server (in-memory PGlite with the demo data) and headless Chromium through playwright-core.
 *
 * GRIP_SCREENSHOTS=1 also writes screenshots to docs/screenshots/. GRIP_CHROMIUM overrides the browser path.
 * Without Chromium the test is skipped, except on CI (CI set), where that is an error.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { DEMO_ROLES, demoPassword } from '../../src/demo/demo-seed.ts';
import {
  BrowserHarness,
  CHROMIUM,
  chromiumMissing,
  MUNICIPALITY,
  settle,
  skipReason,
} from '../helpers/browser.ts';

const WIDTHS = [1280, 320] as const;

interface FocusInfo {
  id: string;
  tag: string;
  text: string;
  outlineStyle: string;
  outlineWidth: number;
}

/** Synthetic BSNs in the 9999xxxxx test range that pass the 11-proef. */
function testBsns(count: number, start = 99996000): string[] {
  const out: string[] = [];
  for (let base = start; out.length < count; base++) {
    const digits = String(base);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
    const check = sum % 11;
    if (check <= 9) out.push(`${digits}${check}`);
  }
  return out;
}

if (chromiumMissing && process.env.CI) {
  test('web UI: Chromium is required on CI', () => {
    assert.fail(
      `Chromium was not found at ${CHROMIUM}. Install it (apt-get install chromium) or point GRIP_CHROMIUM at it.`,
    );
  });
} else {
  test(
    'web UI: accessibility (axe-core), 320px layout and keyboard use',
    { skip: skipReason, timeout: 600_000 },
    async (t) => {
      const h = new BrowserHarness('ui');
      await h.start();
      try {
        await runAll(t, h);
      } finally {
        await h.stop();
      }
    },
  );
}

async function runAll(t: TestContext, h: BrowserHarness) {
  // --- Log-in page: Dutch, English, and with field errors ------------------------------------------
  {
    const context = await h.context(null);
    const page = await h.page(context);
    await h.open(page, '/inloggen');
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    await h.checkBoth(t, page, 'login');
    await page.setViewportSize({ width: 320, height: 900 });
    await h.screenshot(page, 'login-320');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.locator('.utrecht-alert[tabindex="-1"]').waitFor();
    assert.equal(await page.locator('#username').getAttribute('aria-invalid'), 'true');
    await h.checkBoth(t, page, 'login with field errors');

    // Wrong password: the message is in the role="alert" region.
    await page.selectOption('#municipality', MUNICIPALITY.code);
    await page.fill('#username', 'toegang@hengelo.demo');
    await page.fill('#password', 'not-the-password');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.locator('[role="alert"] .utrecht-alert').waitFor();
    assert.match(await page.locator('[role="alert"]').innerText(), /klopt niet/);
    await h.checkBoth(t, page, 'login failed');

    // The organisation-account link is only there when the server has OpenID Connect configured.
    assert.equal(await page.getByRole('link', { name: 'Inloggen met uw organisatie-account' }).count(), 0);
    await page.route('**/api/v1/login-options', (route) =>
      route.fulfill({ json: { defaultMunicipality: 'GM0164', oidc: true, oidcMunicipality: 'GM0164' } }),
    );
    await h.open(page, '/inloggen');
    const oidcLink = page.getByRole('link', { name: 'Inloggen met uw organisatie-account' });
    assert.equal(await oidcLink.getAttribute('href'), '/auth/oidc/login?returnTo=%2F');
    assert.equal(
      await page.locator('#municipality').inputValue(),
      'GM0164',
      'the default municipality is chosen',
    );
    await h.checkBoth(t, page, 'login with OpenID Connect available', 'login-nl');
    await page.unroute('**/api/v1/login-options');

    // An OpenID Connect callback error arrives as ?fout=<code>.
    await h.open(page, '/inloggen?fout=oidc-onbekend');
    assert.match(await page.locator('main').innerText(), /niet gekoppeld/);
    await h.checkBoth(t, page, 'login with OIDC error');
    await context.close();

    const english = await h.context(null, 'en');
    const enPage = await h.page(english);
    await h.open(enPage, '/inloggen');
    assert.equal(await enPage.getAttribute('html', 'lang'), 'en');
    assert.equal(await enPage.locator('h1').innerText(), 'Log in');
    await h.checkBoth(t, enPage, 'login (English)', 'login-en');
    await english.close();
  }

  // --- Home page of every role --------------------------------------------------------------------
  for (const { role } of DEMO_ROLES) {
    const context = await h.context(role);
    const page = await h.page(context);
    await h.open(page, '/');
    assert.match(await page.locator('h1').innerText(), /^Welkom, /);
    const navLinks = await page.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts();
    const expected = ['Start'];
    const casework = ['toegang-medewerker', 'wijkteam-medewerker', 'regisseur'].includes(role);
    if (casework) expected.push('Werklijst', 'Plannen', 'Inwoners', 'Dashboard');
    if (role === 'functioneel-beheerder')
      expected.push('Vragenlijsten', 'Gebruikers', 'Dashboard', 'Catalogus', 'Aanbieders');
    if (role === 'beleidsadviseur') expected.push('Sturing', 'Dashboard', 'Catalogus', 'Aanbieders');
    if (role === 'toegang-medewerker' || role === 'beleidsadviseur') expected.push('Rapportage');
    if (role === 'beleidsadviseur') expected.push('Fraudesignalen', 'Kosten');
    if (role === 'aanbieder') expected.push('Aanbiedersportaal');
    if (role === 'privacy-officer') expected.push('Dashboard', 'Verwerkingslog', 'Doorbraken');
    if (role === 'inwoner') expected.push('Mijn hulpvragen', 'Mijn plan');
    assert.deepEqual(navLinks, expected, `navigation of ${role}`);
    const screenshot =
      role === 'toegang-medewerker'
        ? 'home-toegang'
        : role === 'privacy-officer'
          ? 'home-privacy-officer'
          : undefined;
    await h.checkBoth(t, page, `home (${role})`, screenshot);
    await context.close();
  }
  {
    const context = await h.context('toegang-medewerker', 'en');
    const page = await h.page(context);
    await h.open(page, '/');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.locator('h1').innerText(), /^Welcome, /);
    await h.checkBoth(t, page, 'home (English)');
    // The switch in the header goes back to Dutch and is remembered.
    await page.getByRole('button', { name: 'Nederlands' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    await page.reload();
    await settle(page);
    assert.match(await page.locator('h1').innerText(), /^Welkom, /);
    await context.close();
  }

  // --- Residents ----------------------------------------------------------------------------------
  {
    const context = await h.context('toegang-medewerker');
    const page = await h.page(context);
    await h.open(page, '/inwoners');
    await h.checkBoth(t, page, 'inwoners (search forms)');
    await page.fill('#familyName', 'j');
    await page.getByRole('button', { name: 'Zoeken' }).nth(1).click();
    await page.waitForURL(/achternaam=j/);
    await settle(page);
    await page.locator('table').waitFor();
    assert.match(await page.locator('table').innerText(), /Jan Jansen/);
    await h.checkBoth(t, page, 'inwoners (results)', 'inwoners');

    // BSN search goes by POST and opens the resident; the BSN never appears in the address.
    await h.open(page, '/inwoners');
    await page.fill('#bsn', '999990020');
    await page.getByRole('button', { name: 'Zoeken' }).first().click();
    await page.waitForURL(/\/inwoners\/[0-9a-f-]{36}$/);
    await settle(page);
    assert.equal(await page.locator('h1').innerText(), 'Fatima El Amrani');
    assert.doesNotMatch(page.url(), /999990020/);
    await h.checkBoth(t, page, 'inwoner detail', 'inwoner-detail');
    const personId = page.url().split('/').pop()!;

    // Someone else changes the resident while this user is editing: a 412 is shown as a conflict.
    await page.getByRole('button', { name: 'Gegevens wijzigen' }).click();
    await page.fill('#givenNames', 'Fatima Zahra');
    const other = await h.api('wijkteam-medewerker');
    const current = await other('GET', `/api/v1/persons/${personId}`);
    const etag = current.headers.get('etag')!;
    const changed = await other(
      'PATCH',
      `/api/v1/persons/${personId}`,
      { familyNamePrefix: null, birthDate: '1985-07-31' },
      {
        'if-match': etag,
      },
    );
    assert.equal(changed.status, 200);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Iemand anders heeft deze inwoner intussen gewijzigd').waitFor();
    assert.match(await page.locator('.utrecht-alert--warning table').innerText(), /Fatima Zahra/);
    await h.checkBoth(t, page, 'inwoner edit with version conflict', 'inwoner-conflict');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De wijziging is opgeslagen.').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Fatima Zahra El Amrani');
    assert.match(await page.locator('dl').innerText(), /31 juli 1985/, "the other user's change is kept");

    // Paging: 23 residents with the same family name give two pages of 20.
    const writer = await h.api('toegang-medewerker');
    for (const [i, bsn] of testBsns(23).entries()) {
      const created = await writer('POST', '/api/v1/persons', {
        bsn,
        givenNames: `Kim ${String(i + 1).padStart(2, '0')}`,
        familyName: 'Paginatest',
        birthDate: '2001-02-03',
      });
      assert.equal(created.status, 201, await created.text());
    }
    await h.open(page, '/inwoners?achternaam=Paginatest');
    assert.match(await page.locator('main').innerText(), /23 inwoners gevonden/);
    assert.equal(await page.locator('tbody tr').count(), 20);
    await page
      .getByRole('navigation', { name: 'Paginanummering' })
      .getByRole('link', { name: /Volgende/ })
      .click();
    await page.waitForURL(/pagina=2/);
    // The URL changes before the second page has loaded: wait for its pagination line, then count.
    await page.locator('.grip-pagination', { hasText: 'Pagina 2 van 2' }).waitFor();
    await settle(page);
    assert.equal(await page.locator('tbody tr').count(), 3);
    assert.match(await page.locator('.grip-pagination').innerText(), /Pagina 2 van 2/);
    await h.checkBoth(t, page, 'inwoners (page 2 of 2)');

    // Registering: field errors from the form itself, then from the API (the 11-proef).
    await h.open(page, '/inwoners/nieuw');
    await h.checkBoth(t, page, 'inwoner nieuw');
    await page.getByRole('button', { name: 'Inwoner inschrijven' }).click();
    await page.locator('.utrecht-alert[tabindex="-1"]').waitFor();
    assert.ok(await page.evaluate("document.activeElement.classList.contains('utrecht-alert')"));
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 4);
    await h.checkBoth(t, page, 'inwoner nieuw with field errors', 'inwoner-nieuw-fouten');
    await page.fill('#bsn', '123456789');
    await page.fill('#givenNames', 'Test');
    await page.fill('#familyName', 'Persoon');
    await page.fill('#birthDate', '17-05-1990');
    await page.getByRole('button', { name: 'Inwoner inschrijven' }).click();
    await page.locator('#bsn-error').waitFor();
    assert.match(await page.locator('#bsn-error').innerText(), /11-proef/);
    await h.checkBoth(t, page, 'inwoner nieuw with API error');
    await page.fill('#bsn', '999990044');
    await page.getByRole('button', { name: 'Inwoner inschrijven' }).click();
    await page.getByText('De inwoner is ingeschreven.').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Test Persoon');

    // Pages this role may not use, and pages that do not exist.
    await h.open(page, '/gebruikers');
    assert.equal(await page.locator('h1').innerText(), 'Geen toegang');
    await h.checkBoth(t, page, 'geen toegang');
    await h.open(page, '/deze-pagina-bestaat-niet');
    assert.equal(await page.locator('h1').innerText(), 'Pagina niet gevonden');
    await h.checkBoth(t, page, '404');
    await context.close();
  }

  // --- Users (functioneel beheerder) ----------------------------------------------------------------
  {
    // Lock the demo resident's account with wrong passwords, so the unlock path can be used.
    for (let i = 0; i < 5; i++) {
      await fetch(`${h.base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          municipalityCode: MUNICIPALITY.code,
          username: 'inwoner@hengelo.demo',
          password: 'wrong',
        }),
      });
    }
    const context = await h.context('functioneel-beheerder');
    const page = await h.page(context);
    await h.open(page, '/gebruikers');
    assert.match(await page.locator('table').innerText(), /Geblokkeerd/);
    await h.checkBoth(t, page, 'gebruikers', 'gebruikers');

    await page.getByRole('link', { name: 'Ingrid Inwoner (demo)' }).click();
    await settle(page);
    assert.equal(await page.locator('h1').innerText(), 'Ingrid Inwoner (demo)');
    await h.checkBoth(t, page, 'gebruiker wijzigen', 'gebruiker-wijzigen');
    await page.getByRole('button', { name: 'Blokkade opheffen' }).click();
    await page.getByText('De blokkade is opgeheven.').waitFor();
    await page.getByLabel('Beleidsadviseur / controller').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();

    await h.open(page, '/gebruikers/nieuw');
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.locator('.utrecht-alert[tabindex="-1"]').waitFor();
    await h.checkBoth(t, page, 'gebruiker nieuw with field errors');
    await page.fill('#displayName', 'Nina Nieuw');
    await page.fill('#username', 'nina@hengelo.demo');
    await page.fill('#password', 'een-lang-wachtwoord-2026');
    await page.getByLabel('Regisseur').check();
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.getByText('De gebruiker is toegevoegd.').waitFor();
    assert.match(await page.locator('table').innerText(), /Nina Nieuw/);
    await context.close();
  }

  // --- Processing log (privacy officer) ---------------------------------------------------------------
  {
    const context = await h.context('privacy-officer');
    const page = await h.page(context);
    await h.open(page, '/verwerkingslog');
    await page.locator('table').waitFor();
    assert.match(await page.locator('table').innerText(), /Inwoner bekeken/);
    await h.checkBoth(t, page, 'verwerkingslog', 'verwerkingslog');
    await page.selectOption('#action', 'person.update');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/handeling=person.update/);
    await settle(page);
    assert.match(await page.locator('table').innerText(), /Inwoner gewijzigd/);
    assert.doesNotMatch(await page.locator('table').innerText(), /Inwoner bekeken/);
    await page.fill('#subjectId', 'geen-id');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.locator('#subjectId-error').waitFor();
    await h.checkBoth(t, page, 'verwerkingslog with filter error');
    await context.close();
  }

  // --- Session expiry: the API answers 401 and the app returns to the log-in page -----------------------
  {
    const context = await h.context('regisseur');
    const page = await h.page(context);
    await h.open(page, '/');
    await context.clearCookies();
    await page.getByRole('link', { name: 'Inwoners' }).first().click();
    // The first API call after the session is gone answers 401 — the page's own, or the notifications'
    // check after the navigation — and the app returns to the log-in page.
    await page.waitForURL(/\/inloggen\?terug=/);
    await settle(page);
    assert.match(await page.locator('main').innerText(), /Log in om deze pagina te bekijken/);
    await context.close();
  }

  // --- Keyboard only --------------------------------------------------------------------------------
  await t.test('keyboard only: log in, skip link, navigation, visible focus', async () => {
    const context = await h.context(null);
    const page = await h.page(context);
    await h.open(page, '/inloggen');

    const focused = async () =>
      (await page.evaluate(`(() => {
        const el = document.activeElement;
        if (!el) return null;
        const style = getComputedStyle(el);
        return {
          id: el.id,
          tag: el.tagName.toLowerCase(),
          text: (el.textContent || '').trim(),
          outlineStyle: style.outlineStyle,
          outlineWidth: Number.parseFloat(style.outlineWidth),
        };
      })()`)) as FocusInfo | null;
    const tabTo = async (
      match: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean,
      what: string,
    ) => {
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        if (f && match(f)) return f;
      }
      assert.fail(`could not reach ${what} with Tab`);
    };

    const skip = await tabTo((f) => f.tag === 'a', 'the skip link');
    assert.match(skip.text, /Direct naar de inhoud/);
    assert.notEqual(skip.outlineStyle, 'none', 'focus on the skip link is visible');
    assert.ok(skip.outlineWidth >= 2, `focus outline is at least 2px (is ${skip.outlineWidth}px)`);
    const skipBox = await page.locator('.utrecht-skip-link').boundingBox();
    assert.ok(skipBox && skipBox.y >= 0 && skipBox.height > 0, 'the skip link is on screen when focused');

    const select = await tabTo((f) => f.id === 'municipality', 'the municipality field');
    assert.notEqual(select.outlineStyle, 'none');
    await page.keyboard.type('Hengelo');
    await tabTo((f) => f.id === 'username', 'the username field');
    await page.keyboard.type('toegang@hengelo.demo');
    await tabTo((f) => f.id === 'password', 'the password field');
    await page.keyboard.type(demoPassword('toegang'));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${h.base}/`);
    await settle(page);
    assert.match(await page.locator('h1').innerText(), /^Welkom, Tamara/);
    assert.equal((await focused())?.id, 'page-title', 'focus moves to the page heading after navigation');

    // From the top of the page: skip link, then on to the "Inwoners" link in the main navigation.
    await h.open(page, '/');
    await page.keyboard.press('Tab');
    assert.match((await focused())?.text ?? '', /Direct naar de inhoud/);
    await page.keyboard.press('Enter');
    assert.equal((await focused())?.id, 'main', 'the skip link moves focus to main');

    await h.open(page, '/');
    const navLink = await tabTo((f) => f.tag === 'a' && f.text === 'Inwoners', 'the Inwoners link');
    assert.notEqual(navLink.outlineStyle, 'none', 'focus on the navigation link is visible');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${h.base}/inwoners`);
    await settle(page);
    assert.equal(await page.locator('h1').innerText(), 'Inwoners');
    assert.equal((await focused())?.id, 'page-title');

    // Search by BSN with the keyboard.
    await tabTo((f) => f.id === 'bsn', 'the BSN field');
    await page.keyboard.type('999990019');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inwoners\/[0-9a-f-]{36}$/);
    await settle(page);
    assert.equal(await page.locator('h1').innerText(), 'Jan Jansen');
    await context.close();
  });

  await t.test('no script errors or Content-Security-Policy violations in the browser', () => {
    assert.deepEqual(h.problems, []);
  });
  t.diagnostic(`axe-core checks passed: ${h.checks} (page states x widths ${WIDTHS.join(' and ')})`);
}
