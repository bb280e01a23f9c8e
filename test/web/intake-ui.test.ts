/**
 * The intake screens in a real browser (headless Chromium through playwright-core) on a real Grip server
 * (in-memory PGlite, or PostgreSQL with TEST_DATABASE_URL, with the demo data):
 *
 * - every new screen passes axe-core (WCAG 2.0/2.1 A and AA) at 1280 and 320 pixels and does not scroll
 *   sideways at 320;
 * - the resident's online form can be completed with the keyboard alone;
 * - end to end: a resident asks for help online (resumes after a reload; a lost answer to "send" and a retry
 *   make one question, not two) → a toegang-medewerker finds it in the worklist, reads the resident's
 *   intake, triages it to a Wmo melding → the worklist shows the investigation deadline, 6 weeks after the
 *   melding; a wijkteam professional registers a new question for the same person by name, birth date and
 *   address, gets the duplicate warning, and the question joins the same household; the professional does
 *   the broad intake (conditional questions, the 1–5 grid, a colleague saving in between), completes it and
 *   refers to the nearest algemene voorziening; the resident sees both questions in the portal.
 *
 * GRIP_SCREENSHOTS=1 writes screenshots of each screen at 1280 and 320 px to docs/screenshots/.
 * Without Chromium the test is skipped, except on CI (CI set), where that is an error.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
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

const dutchLong = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

/** A BSN in the 9999xxxxx test range that passes the 11-proef (the n-th one from `start`). */
function testBsn(n: number, start = 99997000): string {
  let found = -1;
  for (let base = start; ; base++) {
    const digits = String(base);
    const sum = [...digits].reduce((total, d, i) => total + Number(d) * (9 - i), 0);
    const check = sum % 11;
    if (check <= 9 && ++found === n) return `${digits}${check}`;
  }
}

if (chromiumMissing && process.env.CI) {
  test('intake web: Chromium is required on CI', () => {
    assert.fail(
      `Chromium was not found at ${CHROMIUM}. Install it (apt-get install chromium) or set GRIP_CHROMIUM.`,
    );
  });
} else {
  test(
    'intake web: online form, worklist, help question, broad intake, triage, questionnaires, report, portal',
    {
      skip: skipReason,
      timeout: 900_000,
    },
    async (t) => {
      const b = new BrowserHarness('intake');
      await b.start();
      try {
        await run(t, b);
      } finally {
        await b.stop();
      }
    },
  );
}

/** Jan Jansen (demo resident, BSN 999990019) asks for help online; the demo inwoner account is his. */
const JAN = {
  givenNames: 'Jan',
  familyName: 'Jansen',
  birthDate: '12-03-1948',
  bsn: '999990019',
  postcode: '7551 DR',
  houseNumber: '12',
  street: 'Marktstraat',
  city: 'Hengelo',
  phone: '074 123 45 67',
};

async function fillAboutYou(page: Page, who: typeof JAN) {
  await page.fill('#over-u-givenNames', who.givenNames);
  await page.fill('#over-u-familyName', who.familyName);
  await page.fill('#over-u-birthDate', who.birthDate);
  await page.fill('#over-u-bsn', who.bsn);
  await page.fill('#over-u-postcode', who.postcode);
  await page.fill('#over-u-houseNumber', who.houseNumber);
  await page.fill('#over-u-street', who.street);
  await page.fill('#over-u-city', who.city);
  await page.fill('#over-u-phone', who.phone);
}

/** Every life domain of the grid: a score (`prefix-leefgebieden-<domain>-<score>`). */
async function fillGrid(page: Page, prefix: string, score = 3) {
  const radios = page.locator(`input[type="radio"][id^="${prefix}-leefgebieden-"][id$="-${score}"]`);
  const count = await radios.count();
  assert.equal(count, 13, 'the grid asks all 13 life domains');
  for (let i = 0; i < count; i++) await radios.nth(i).check();
}

async function run(t: TestContext, b: BrowserHarness) {
  const investigationDue = dutchDay(42);
  let janReference = '';

  // --- The resident's online form (end to end, part 1) --------------------------------------------------
  await t.test('online form: step by step, resumable, one question even after a lost answer', async (st) => {
    const context = await b.context(null);
    const page = await b.page(context);
    await b.open(page, `/aanmelden?gemeente=${MUNICIPALITY.code}`);
    assert.equal(await page.locator('h1').innerText(), 'Hulp vragen bij gemeente Hengelo');
    assert.match(await page.title(), /^Stap 1 van 4: Over u - Hulp vragen - Grip$/);
    await b.checkBoth(st, page, 'aanmelden: over u', 'aanmelden-1-over-u');

    // Nothing filled in: the error summary on top links to the fields.
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    const summary = page.locator('.utrecht-alert[tabindex="-1"]');
    await summary.waitFor();
    assert.ok(
      await page.evaluate("document.activeElement.classList.contains('utrecht-alert')"),
      'focus on summary',
    );
    assert.match(await summary.innerText(), /Vul de voornamen in/);
    assert.match(await summary.innerText(), /Vul een telefoonnummer of een e-mailadres in/);
    await summary.getByRole('link', { name: 'Vul de voornamen in.' }).click();
    assert.equal(await page.evaluate('document.activeElement.id'), 'over-u-givenNames');
    await b.checkBoth(st, page, 'aanmelden: over u, fouten', 'aanmelden-1-fouten');

    // Wrong formats are caught in the browser already.
    await fillAboutYou(page, { ...JAN, bsn: '123456789', postcode: '7551', phone: '12' });
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.locator('#over-u-bsn-error').waitFor();
    assert.match(await page.locator('#over-u-postcode-error').innerText(), /4 cijfers en 2 letters/);
    assert.match(await page.locator('#over-u-phone-error').innerText(), /10 cijfers/);

    await fillAboutYou(page, JAN);
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByText('Uw antwoorden zijn bewaard.').waitFor();
    assert.equal(await page.locator('#step-heading').innerText(), 'Uw vraag');
    assert.equal(await page.evaluate('document.activeElement.id'), 'step-heading', 'focus on the new step');
    const stored = JSON.parse(
      (await page.evaluate(`localStorage.getItem('grip.aanmelden.${MUNICIPALITY.code}')`)) as string,
    ) as { draftId: string; resumeToken: string; idempotencyKey: string };
    assert.match(stored.idempotencyKey, /^[A-Za-z0-9_-]{16,100}$/);
    assert.ok(stored.resumeToken.length > 20, 'the resume token is kept in the browser');

    await page.fill(
      '#vraag-hulpvraag',
      'Ik kan het huishouden niet meer alleen. Boodschappen doen lukt ook niet meer.',
    );
    await page.getByLabel('Het huishouden doen').check();
    await page.getByLabel('Vervoer en bewegen').check();
    await b.checkBoth(st, page, 'aanmelden: uw vraag', 'aanmelden-2-uw-vraag');
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.locator('#step-heading', { hasText: 'Uw situatie' }).waitFor();

    // Close and come back: the answers are still there.
    await page.reload();
    await settle(page);
    await page.getByText('Welkom terug.').waitFor();
    assert.equal(await page.locator('#step-heading').innerText(), 'Uw situatie');
    await page.getByRole('button', { name: /Uw vraag/ }).click();
    assert.match(await page.locator('#vraag-hulpvraag').inputValue(), /huishouden niet meer alleen/);
    assert.ok(await page.getByLabel('Vervoer en bewegen').isChecked());
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.locator('#step-heading', { hasText: 'Uw situatie' }).waitFor();

    // Conditional questions appear only when they apply.
    assert.equal(await page.locator('#vraag-zelfToelichting').count(), 0);
    await page.locator('#vraag-zelf-een-beetje').check();
    await page.fill('#vraag-zelfToelichting', 'Koken lukt nog wel.');
    await page.locator('#vraag-netwerk-beperkt').check();
    await page.fill('#vraag-netwerkToelichting', 'Mijn dochter komt in het weekend.');
    assert.equal(await page.locator('#vraag-mantelzorgBelasting').count(), 0);
    await page.locator('#vraag-mantelzorger-ja').check();
    await page.locator('#vraag-mantelzorgBelasting-soms-zwaar').check();
    await page.locator('#vraag-woonsituatie-alleen').check();
    await page.locator('#vraag-woning-huur-corporatie').check();
    await page.locator('#vraag-spoed-nee').check();
    await fillGrid(page, 'vraag', 3);
    await page.locator('#vraag-leefgebieden-instrumentele-adl-2').check();
    await page.locator('#vraag-contactVoorkeur-telefoon').check();
    await b.checkBoth(st, page, 'aanmelden: uw situatie', 'aanmelden-3-uw-situatie');
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.locator('#step-heading', { hasText: 'Controleren en versturen' }).waitFor();
    const check = await page.locator('main').innerText();
    assert.match(check, /Marktstraat 12, 7551 DR Hengelo/);
    assert.match(check, /Het huishouden doen, Vervoer en bewegen/);
    assert.match(check, /Instrumentele ADL \(huishouden\): 2/);
    await b.checkBoth(st, page, 'aanmelden: controleren', 'aanmelden-4-controleren');

    // The first answer to "send" is lost on the way back; sending again gives the same question.
    let submits = 0;
    await page.route('**/api/v1/online-intake/drafts/*/submit', async (route) => {
      submits++;
      const response = await route.fetch();
      if (submits === 1) await route.abort('connectionreset');
      else await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByText('Grip is nu niet bereikbaar').waitFor();
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForURL(/\/aanmelden\/verzonden/);
    await settle(page);
    assert.equal(submits, 2);
    assert.equal(await page.locator('h1').innerText(), 'Uw vraag is verstuurd');
    janReference = await page.locator('.grip-reference').innerText();
    assert.match(janReference, /^HV-\d{4}-\d{6,8}$/);
    assert.equal(
      await page.evaluate(`localStorage.getItem('grip.aanmelden.${MUNICIPALITY.code}')`),
      null,
      'the draft is forgotten once sent',
    );
    await b.checkBoth(st, page, 'aanmelden: verzonden', 'aanmelden-5-verzonden');

    const staff = await b.api('toegang-medewerker');
    const list = (await (await staff('GET', '/api/v1/help-questions?status=open&pageSize=100')).json()) as {
      items: { reference: string; personName: string | null }[];
    };
    assert.equal(
      list.items.filter((q) => q.personName === 'Jan Jansen').length,
      1,
      'one question, not two, after the retry',
    );
    await context.close();
  });

  await t.test('online form in English', async (st) => {
    const context = await b.context(null, 'en');
    const page = await b.page(context);
    await b.open(page, `/aanmelden?gemeente=${MUNICIPALITY.code}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h1').innerText(), 'Ask the municipality of Hengelo for help');
    await b.checkBoth(st, page, 'aanmelden (English)', 'aanmelden-en');
    await context.close();
  });

  // --- Keyboard only ----------------------------------------------------------------------------------
  await t.test('online form: completed with the keyboard alone', async () => {
    const context = await b.context(null);
    const page = await b.page(context);
    await b.open(page, `/aanmelden?gemeente=${MUNICIPALITY.code}`);
    const active = async () =>
      (await page.evaluate(`(() => {
        const el = document.activeElement;
        const style = el ? getComputedStyle(el) : null;
        return el ? { id: el.id, tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
          text: (el.textContent || '').trim(), outline: style.outlineStyle, checked: !!el.checked } : null;
      })()`)) as {
        id: string;
        tag: string;
        type: string;
        name: string;
        text: string;
        outline: string;
        checked: boolean;
      };
    const tabTo = async (
      match: (a: Awaited<ReturnType<typeof active>>) => boolean,
      what: string,
      max = 80,
    ) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const a = await active();
        if (a && match(a)) return a;
      }
      assert.fail(`could not reach ${what} with Tab`);
    };
    const typeInto = async (id: string, text: string) => {
      const a = await tabTo((x) => x.id === id, `#${id}`);
      assert.notEqual(a.outline, 'none', `focus on #${id} is visible`);
      await page.keyboard.type(text);
    };
    /** Tab into a radio group, then choose with Space and the arrow keys. */
    const choose = async (name: string, value: string) => {
      await tabTo((x) => x.type === 'radio' && x.name === name, `the group ${name}`);
      if (!(await active()).checked) await page.keyboard.press('Space');
      for (let i = 0; i < 10 && (await active()).id !== `${name}-${value}`; i++)
        await page.keyboard.press('ArrowDown');
      assert.equal((await active()).id, `${name}-${value}`);
    };
    const next = async (heading: string) => {
      await tabTo((x) => x.tag === 'button' && x.text === 'Volgende stap', 'Volgende stap');
      await page.keyboard.press('Enter');
      await page.locator('#step-heading', { hasText: heading }).waitFor();
      assert.equal((await active()).id, 'step-heading');
    };

    await typeInto('over-u-givenNames', 'Kim');
    await typeInto('over-u-familyName', 'Toetsenbord');
    await typeInto('over-u-birthDate', '02-02-1990');
    await typeInto('over-u-bsn', testBsn(1));
    await typeInto('over-u-postcode', '7553 AB');
    await typeInto('over-u-houseNumber', '5');
    await typeInto('over-u-street', 'Lange Wemen');
    await typeInto('over-u-city', 'Hengelo');
    await typeInto('over-u-email', 'kim@voorbeeld.nl');
    await next('Uw vraag');

    await typeInto('vraag-hulpvraag', 'Ik heb schulden en weet niet waar ik moet beginnen.');
    await tabTo((x) => x.id === 'vraag-onderwerpen-schulden', 'the Schulden checkbox');
    await page.keyboard.press('Space');
    await next('Uw situatie');

    await choose('vraag-zelf', 'nee');
    await choose('vraag-netwerk', 'nee');
    await choose('vraag-woonsituatie', 'alleen');
    await choose('vraag-spoed', 'nee');
    for (let i = 0; i < 13; i++) {
      // Each life domain is a group of its own: Tab into it, Space picks score 1, one arrow makes it 2.
      await tabTo(
        (x) => x.type === 'radio' && x.name.startsWith('vraag-leefgebieden-'),
        `life domain ${i + 1}`,
        10,
      );
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
    }
    await next('Controleren en versturen');
    assert.match(await page.locator('main').innerText(), /Schulden/);
    await tabTo((x) => x.tag === 'button' && x.text === 'Versturen', 'Versturen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/aanmelden\/verzonden/);
    await settle(page);
    assert.match(await page.locator('.grip-reference').innerText(), /^HV-/);
    await context.close();
  });

  // --- Toegang: worklist, the question, triage to a Wmo melding (end to end, part 2) ------------------------
  let janQuestionId = '';
  await t.test(
    'toegang: worklist → question → triage to a Wmo melding → deadline on the worklist',
    async (st) => {
      const context = await b.context('toegang-medewerker');
      const page = await b.page(context);
      await b.open(page, '/');
      const nav = await page.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts();
      assert.deepEqual(nav, ['Start', 'Werklijst', 'Plannen', 'Inwoners', 'Dashboard', 'Rapportage']);
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Werklijst' })
        .click();
      await settle(page);
      const row = page.locator('tbody tr', { hasText: janReference });
      assert.match(await row.innerText(), /Jan Jansen/);
      assert.match(await row.innerText(), /Nog geen wettelijke termijn/);
      await b.checkBoth(st, page, 'werklijst', 'werklijst');

      await row.getByRole('link', { name: janReference }).click();
      await settle(page);
      janQuestionId = page.url().split('/').pop()!;
      assert.equal(await page.locator('h1').innerText(), `Hulpvraag ${janReference}`);
      const main = await page.locator('main').innerText();
      assert.match(main, /Marktstraat 12, 7551 DR Hengelo/);
      assert.match(main, /Online/);
      // The resident's own answers are the completed broad intake of this question.
      assert.match(await page.locator('section[aria-labelledby="intake-heading"]').innerText(), /Afgerond/);
      assert.match(
        await page.locator('section[aria-labelledby="intake-heading"]').innerText(),
        /Mijn dochter komt/,
      );
      await b.checkBoth(st, page, 'hulpvraag (online, voor triage)', 'hulpvraag-triage');

      // The consultant calls the resident back: the broad intake with a professional starts from the
      // resident's own answers, which stay visible as the resident sent them.
      await page.selectOption('#intake-mode', 'telefoon');
      await page.getByRole('button', { name: 'Gesprek beginnen' }).click();
      await page
        .getByText('Het gesprek is begonnen. De antwoorden van de inwoner staan al ingevuld.')
        .waitFor();
      assert.match(await page.inputValue('#intake-hulpvraag'), /huishouden niet meer alleen/);
      await page.fill('#intake-ownStrength', 'Kookt zelf; de dochter doet de boodschappen.');
      await b.checkBoth(st, page, 'brede intake na de eigen aanvraag', 'brede-intake-na-online');
      await page.getByRole('button', { name: 'Intake afronden' }).click();
      await page.getByText(/De scores per leefgebied zijn vastgelegd/).waitFor();
      const conversation = await page.locator('section[aria-labelledby="intake-heading"]').innerText();
      assert.match(conversation, /Telefoon/);
      assert.match(conversation, /de dochter doet de boodschappen/);
      await page.locator('section[aria-labelledby="resident-intake-heading"] summary').click();
      assert.match(
        await page.locator('section[aria-labelledby="resident-intake-heading"]').innerText(),
        /Mijn dochter komt/,
      );

      // Triage: a Wmo melding; the first melding of the resident needs a home visit.
      await page.getByLabel('Melding (onderzoek)').check();
      await page.getByRole('button', { name: 'Triage vastleggen' }).click();
      await page.locator('#lawCode-error').waitFor();
      await page.selectOption('#lawCode', 'wmo');
      await page.getByRole('button', { name: 'Triage vastleggen' }).click();
      await page.locator('#homeVisitDate-error').waitFor();
      await b.checkBoth(st, page, 'triage met fout van de API', 'hulpvraag-triage-fout');
      await page.fill('#homeVisitDate', dayMonthYear(dutchDay(7)));
      await page.getByRole('button', { name: 'Triage vastleggen' }).click();
      await page.getByText('De triage is vastgelegd: melding (onderzoek).').waitFor();
      const melding = await page.locator('section[aria-labelledby="melding-heading"]').innerText();
      assert.match(melding, /Melding Wmo 2015/);
      assert.match(melding, new RegExp(`Onderzoek uiterlijk klaar\\s+${dutchLong(investigationDue)}`));
      assert.match(melding, /Op tijd/);
      await b.checkBoth(st, page, 'hulpvraag met melding', 'hulpvraag-melding');
      // The melding opened the household's plan.
      assert.match(
        (await page.getByRole('link', { name: 'Plan van het huishouden' }).getAttribute('href')) ?? '',
        /^\/plannen\/[0-9a-f-]{36}$/,
      );

      // The home visit, once held: not in the future, then recorded.
      await page.fill('#heldDate', dayMonthYear(dutchDay(1)));
      await page.getByRole('button', { name: 'Huisbezoek vastleggen' }).click();
      await page.locator('#heldDate-error').waitFor();
      await b.checkBoth(st, page, 'huisbezoek vastleggen (fout)', 'huisbezoek-fout');
      await page.fill('#heldDate', dayMonthYear(dutchDay(0)));
      await page.getByRole('button', { name: 'Huisbezoek vastleggen' }).click();
      await page.getByText(`Het huisbezoek van ${dutchLong(dutchDay(0))} is vastgelegd.`).waitFor();
      assert.match(
        await page.locator('section[aria-labelledby="triage-heading"]').innerText(),
        new RegExp(`Huisbezoek gehouden op\\s+${dutchLong(dutchDay(0))}`),
      );
      assert.equal(await page.locator('#heldDate').count(), 0, 'recorded once');

      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Werklijst' })
        .click();
      await settle(page);
      const after = await page.locator('tbody tr', { hasText: janReference }).innerText();
      assert.match(after, /Melding Wmo 2015/);
      assert.match(after, /Termijn: onderzoek/);
      assert.match(
        after,
        new RegExp(dutchLong(investigationDue)),
        'the investigation is due 6 weeks after the melding',
      );
      assert.match(after, /Op tijd/);
      assert.match(after, /nog 42 dagen/);

      // The worklist filter lives in the address.
      await page.selectOption('#state', 'te-laat');
      await page.getByRole('button', { name: 'Filteren' }).click();
      await page.waitForURL(/termijn=te-laat/);
      await settle(page);
      assert.equal(await page.locator('tbody tr', { hasText: janReference }).count(), 0);

      // Another team's worklist: a wijkteam's, chosen from the teams.
      const teams = await page.locator('#team option').allInnerTexts();
      assert.ok(teams.some((name) => /toegang/i.test(name)) && teams.some((name) => /wijkteam/i.test(name)));
      const wijkteam = teams.find((name) => /wijkteam/i.test(name))!;
      await page.selectOption('#team', { label: wijkteam });
      await page.selectOption('#state', '');
      await page.getByRole('button', { name: 'Filteren' }).click();
      await page.waitForURL(/team=/);
      await settle(page);
      assert.ok(
        (await page.locator('main').innerText()).includes(`De open hulpvragen en meldingen van ${wijkteam}`),
      );
      assert.equal(await page.locator('tbody tr', { hasText: janReference }).count(), 0);
      await b.checkBoth(st, page, 'werklijst van een wijkteam', 'werklijst-wijkteam');
      await context.close();
    },
  );

  await t.test('staff screens in English', async (st) => {
    const context = await b.context('toegang-medewerker', 'en');
    const page = await b.page(context);
    await b.open(page, '/werklijst');
    assert.equal(await page.locator('h1').innerText(), 'Worklist');
    assert.match(await page.locator('tbody').innerText(), /Melding Wmo 2015 \(social support\)/);
    await b.checkBoth(st, page, 'worklist (English)');
    await b.open(page, `/hulpvragen/${janQuestionId}`);
    assert.equal(await page.locator('h1').innerText(), `Help question ${janReference}`);
    assert.match(await page.locator('main').innerText(), /Investigation due/);
    await b.checkBoth(st, page, 'help question (English)', 'hulpvraag-en');
    await context.close();
  });

  // --- Wijkteam: a new question for the same person, the duplicate warning, the broad intake ------------
  await t.test(
    'wijkteam: register by name, birth date and address → duplicate warning → same household',
    async (st) => {
      const context = await b.context('wijkteam-medewerker');
      const page = await b.page(context);
      await b.open(page, '/hulpvragen/nieuw');
      await b.checkBoth(st, page, 'hulpvraag registreren', 'hulpvraag-nieuw');

      // Nothing chosen: the summary names what is missing.
      await page.getByRole('button', { name: 'Hulpvraag registreren' }).click();
      await page.locator('.utrecht-alert[tabindex="-1"]').first().waitFor();
      assert.match(await page.locator('main').innerText(), /Kies een inwoner, registreer een nieuwe inwoner/);
      await b.checkBoth(st, page, 'hulpvraag registreren met fouten', 'hulpvraag-nieuw-fouten');

      await page.fill('#match-familyName', 'jansen');
      await page.fill('#match-birthDate', JAN.birthDate);
      await page.fill('#match-postcode', '7551dr');
      await page.fill('#match-houseNumber', JAN.houseNumber);
      await page.getByRole('button', { name: 'Zoek op naam en adres' }).click();
      await page.getByText('Lijkt op een bekende inwoner', { exact: true }).first().waitFor();
      const candidate = page.locator('.grip-candidate', { hasText: 'Jan Jansen' });
      assert.match(await candidate.innerText(), /Marktstraat 12, 7551 DR Hengelo/);
      assert.match(await candidate.innerText(), /1 open hulpvraag/);
      await b.checkBoth(st, page, 'hulpvraag registreren: dubbel-waarschuwing', 'hulpvraag-nieuw-match');
      await candidate.getByRole('button', { name: 'Kies Jan Jansen' }).click();
      await page.getByRole('heading', { name: 'Gekozen inwoner' }).waitFor();

      type Option = { value: string; text: string };
      const vindplaats = await page.locator('#vindplaatsId').evaluate((select) =>
        Array.from((select as unknown as { options: ArrayLike<Option> }).options, (o): Option => ({
          value: o.value,
          text: o.text,
        })),
      );
      const wijkteam = vindplaats.find((o) => /wijkteam/i.test(o.text));
      assert.ok(wijkteam, 'a wijkteam vindplaats is offered');
      await page.selectOption('#vindplaatsId', wijkteam.value);
      await page.selectOption('#channel', 'huisbezoek');
      await page.selectOption('#referrerKind', 'huisarts');
      await page.fill('#referrerName', 'Huisartsenpraktijk De Es');
      await page.getByLabel('Eenzaamheid').check();
      await page.fill('#freeText', 'Meneer zit veel alleen thuis sinds zijn vrouw is overleden.');
      await page.getByRole('button', { name: 'Hulpvraag registreren' }).click();
      await page.waitForURL(/\/hulpvragen\/[0-9a-f-]{36}$/);
      await settle(page);
      const flash = await page.locator('[role="status"] .utrecht-alert').innerText();
      assert.match(flash, /geregistreerd met kenmerk HV-/);
      assert.match(flash, /al een open hulpvraag: de vragen zijn aan elkaar gekoppeld/);
      const related = page.getByRole('link', { name: 'Eerdere open hulpvraag van het huishouden' });
      assert.equal(
        await related.getAttribute('href'),
        `/hulpvragen/${janQuestionId}`,
        'linked to the online question',
      );
      assert.match(
        await page.locator('section[aria-labelledby="person-heading"]').innerText(),
        /Marktstraat 12/,
      );
      const colleague = await b.api('wijkteam-medewerker');
      const read = async (id: string) =>
        (await (await colleague('GET', `/api/v1/help-questions/${id}`)).json()) as {
          personId: string;
          householdId: string;
          relatedQuestionId: string | null;
        };
      const online = await read(janQuestionId);
      const registered = await read(page.url().split('/').pop()!);
      assert.equal(registered.personId, online.personId, 'the same person');
      assert.equal(registered.householdId, online.householdId, 'the same household');
      assert.equal(registered.relatedQuestionId, janQuestionId);
      await b.checkBoth(st, page, 'hulpvraag (nieuw, gekoppeld)', 'hulpvraag-gekoppeld');

      // The broad intake: start, answer (conditional questions, the grid), save as draft.
      await page.selectOption('#intake-mode', 'huisbezoek');
      await page.getByRole('button', { name: 'Brede intake starten' }).click();
      await page.getByText('De brede intake is gestart.').waitFor();
      await page.fill('#intake-hulpvraag', 'Eenzaam; wil graag onder de mensen komen.');
      await page.locator('#intake-onderwerpen-eenzaamheid').check();
      await page.locator('#intake-zelf-ja').check();
      await page.fill('#intake-zelfToelichting', 'Kan zelf fietsen naar het buurthuis.');
      await page.locator('#intake-netwerk-nee').check();
      assert.equal(
        await page.locator('#intake-mantelzorger').count(),
        0,
        'mantelzorg only when there is a network',
      );
      await page.locator('#intake-woonsituatie-alleen').check();
      await page.fill('#intake-ownStrength', 'Fietst, kookt zelf.');
      await page.getByRole('button', { name: 'Opslaan als concept' }).click();
      await page.getByText('De intake is opgeslagen als concept.').waitFor();
      await b.checkBoth(st, page, 'brede intake (concept)', 'brede-intake');

      // A colleague saves the same intake in between: this user is told, and nothing is overwritten silently.
      const questionId = page.url().split('/').pop()!;
      const detail = (await (await colleague('GET', `/api/v1/help-questions/${questionId}`)).json()) as {
        intake: { id: string; version: number; answers: Record<string, unknown> };
      };
      const saved = await colleague(
        'PUT',
        `/api/v1/intakes/${detail.intake.id}`,
        { answers: { ...detail.intake.answers, woning: 'koop' } },
        { 'if-match': `"${detail.intake.version}"` },
      );
      assert.equal(saved.status, 200, await saved.text());
      await page.locator('#intake-spoed-nee').check();
      await page.getByRole('button', { name: 'Opslaan als concept' }).click();
      await page.getByText('Iemand anders heeft deze intake intussen opgeslagen').waitFor();
      assert.match(
        await page.locator('.utrecht-alert--warning').innerText(),
        /Wat voor woning heeft u\?: Koophuis/,
      );
      await b.checkBoth(st, page, 'brede intake: iemand anders sloeg op', 'brede-intake-conflict');
      await page.getByRole('button', { name: 'Opgeslagen antwoorden laden' }).click();
      assert.ok(await page.locator('#intake-woning-koop').isChecked(), "the colleague's answer is loaded");
      assert.ok(!(await page.locator('#intake-spoed-nee').isChecked()));

      // Completing checks required questions (the grid), then stores the scores.
      await page.locator('#intake-spoed-nee').check();
      await page.getByRole('button', { name: 'Intake afronden' }).click();
      await page.locator('#intake-leefgebieden-error').waitFor();
      await fillGrid(page, 'intake', 4);
      await page.locator('#intake-leefgebieden-sociaal-netwerk-1').check();
      await page.getByRole('button', { name: 'Intake afronden' }).click();
      await page.getByText(/De scores per leefgebied zijn vastgelegd/).waitFor();
      assert.match(
        await page.locator('section[aria-labelledby="intake-heading"]').innerText(),
        /Sociaal netwerk: 1/,
      );

      // Referral to an algemene voorziening, the nearest first.
      await page.getByLabel('Verwijzing naar een algemene voorziening').check();
      await page.locator('#referredServiceId input[type="radio"]').first().waitFor();
      const options = await page.locator('#referredServiceId .grip-choice').allInnerTexts();
      assert.ok(options.length > 0, 'algemene voorzieningen are offered');
      await b.checkBoth(st, page, 'triage: verwijzing', 'triage-verwijzing');
      await page.locator('#referredServiceId input[type="radio"]').first().check();
      await page.getByRole('button', { name: 'Triage vastleggen' }).click();
      await page.getByText('De triage is vastgelegd: verwijzing naar een algemene voorziening.').waitFor();
      assert.match(await page.locator('h1 + p').innerText(), /Afgesloten/);
      await context.close();
    },
  );

  // --- Questionnaires (functioneel beheerder) ------------------------------------------------------------
  await t.test('questionnaires: versions, a draft, validation errors, publish', async (st) => {
    const context = await b.context('functioneel-beheerder');
    const page = await b.page(context);
    await b.open(page, '/vragenlijsten');
    assert.match(await page.locator('table').innerText(), /Versie 1\s+Gepubliceerd/);
    await b.checkBoth(st, page, 'vragenlijsten', 'vragenlijsten');
    await page.getByRole('link', { name: 'Versie 1' }).click();
    await settle(page);
    assert.equal(await page.locator('h1').innerText(), 'Brede intake, versie 1');
    assert.match(await page.locator('table').innerText(), /netwerk is Ja of Een beetje/);
    await b.checkBoth(st, page, 'vragenlijst versie (gepubliceerd)', 'vragenlijst-versie');

    await b.open(page, '/vragenlijsten');
    await page.getByRole('button', { name: 'Nieuwe conceptversie maken' }).click();
    await page.getByText('Conceptversie 2 is gemaakt').waitFor();
    const editor = page.locator('#definition');
    const json = JSON.parse(await editor.inputValue()) as { questions: Record<string, unknown>[] };
    json.questions.push({ id: 'nieuw', type: 'kleur', label: { nl: 'Nieuw', en: 'New' } });
    await editor.fill(JSON.stringify(json, null, 2));
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.locator('.utrecht-alert[tabindex="-1"]').waitFor();
    assert.match(await page.locator('.utrecht-alert[tabindex="-1"]').innerText(), /Vraag 15 \(nieuw\), type/);
    await b.checkBoth(st, page, 'vragenlijst concept met fouten', 'vragenlijst-concept-fouten');
    await editor.fill('{ "questions": [');
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.getByText('Dit is geen geldige JSON.').waitFor();

    json.questions.pop();
    json.questions.push({
      id: 'huisdier',
      type: 'boolean',
      label: { nl: 'Heeft u een huisdier?', en: 'Do you have a pet?' },
    });
    await editor.fill(JSON.stringify(json, null, 2));
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.getByText('De conceptversie is opgeslagen.').waitFor();
    assert.match(await page.locator('table').innerText(), /Heeft u een huisdier\?/);
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByRole('heading', { name: 'Versie 2 publiceren?' }).waitFor();
    await b.checkBoth(st, page, 'vragenlijst publiceren', 'vragenlijst-publiceren');
    await page.getByRole('button', { name: 'Ja, publiceren' }).click();
    await page.getByText('Versie 2 is gepubliceerd.').waitFor();
    await b.open(page, '/vragenlijsten');
    assert.match(await page.locator('table').innerText(), /Versie 1\s+Vervallen/);
    await context.close();
  });

  // --- Registration report ---------------------------------------------------------------------------
  await t.test('report: period and grouping, small counts as <10, exports', async (st) => {
    const context = await b.context('beleidsadviseur');
    const page = await b.page(context);
    await b.open(page, '/rapportage/hulpvragen');
    const table = await page.locator('table').innerText();
    assert.match(table, /Huishouden/);
    assert.match(table, /<10/);
    await b.checkBoth(st, page, 'rapportage', 'rapportage');
    await page.selectOption('#rows', 'channel');
    await page.selectOption('#columns', 'outcome');
    await page.getByRole('button', { name: 'Toon rapport' }).click();
    await page.waitForURL(/rijen=channel&kolommen=outcome/);
    await settle(page);
    assert.match(await page.locator('thead').innerText(), /Melding/);
    await b.checkBoth(st, page, 'rapportage kruistabel', 'rapportage-kruistabel');
    const csv = await page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
    const response = await context.request.get(`${b.base}${csv}`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /text\/csv/);
    const xlsx = await page.getByRole('link', { name: 'Download als Excel (XLSX)' }).getAttribute('href');
    assert.equal((await context.request.get(`${b.base}${xlsx}`)).status(), 200);

    await page.fill('#fromDate', '31-12-2026');
    await page.fill('#toDate', '01-01-2026');
    await page.getByRole('button', { name: 'Toon rapport' }).click();
    await page.locator('#toDate-error').waitFor();
    await context.close();
  });

  // --- The resident's portal ------------------------------------------------------------------------
  await t.test('portal: the resident sees their questions in plain words', async (st) => {
    const context = await b.context('inwoner');
    const page = await b.page(context);
    await b.open(page, '/');
    assert.deepEqual(await page.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts(), [
      'Start',
      'Mijn hulpvragen',
      'Mijn plan',
    ]);
    await b.open(page, '/mijn-hulpvragen');
    const main = await page.locator('main').innerText();
    assert.match(main, new RegExp(janReference));
    assert.match(main, /U heeft 2 vragen gesteld/);
    await b.checkBoth(st, page, 'mijn hulpvragen', 'mijn-hulpvragen');
    // Staff pages are not for residents.
    await b.open(page, '/werklijst');
    assert.equal(await page.locator('h1').innerText(), 'Geen toegang');
    await context.close();
  });

  await t.test('no script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(b.problems, []);
  });
  t.diagnostic(`axe-core checks passed: ${b.checks} (page states x widths 1280 and 320)`);
}
