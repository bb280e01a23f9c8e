/**
 * The plan list, the resident's plan and the break-the-glass review in a real browser (headless Chromium
 * through playwright-core) on a real Grip server (in-memory PGlite, or PostgreSQL with TEST_DATABASE_URL,
 * with the demo data):
 *
 * - /plannen, /mijn-plan (with and without a plan) and /doorbraken pass axe-core (WCAG 2.0/2.1 A and AA)
 *   at 1280 and 320 pixels, have one h1 and a page title, and do not scroll sideways at 320;
 * - the resident (Jan Jansen, the demo inwoner) sees the goal the regisseur wrote, agrees with the newest
 *   version of the household plan on /mijn-plan with the keyboard alone, with a note (the version records
 *   "akkoord"), sends a message (the regisseur is notified) and adds a document;
 * - a professional who is not involved breaks the glass; the privacy officer sees who, why and which plan
 *   on /doorbraken, writes a review note, and the broken glass moves to the reviewed ones.
 *
 * GRIP_SCREENSHOTS=1 writes screenshots of each screen at 1280 and 320 px to docs/screenshots/plan-*.png.
 * Without Chromium the test is skipped, except on CI (CI set), where that is an error.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { sql } from 'kysely';
import {
  BrowserHarness,
  chromiumMissing,
  CHROMIUM,
  dutchDay,
  ENSCHEDE,
  MUNICIPALITY as HENGELO,
  skipReason,
} from '../helpers/browser.ts';
const JAN_BSN = '999990019';

if (chromiumMissing && process.env.CI) {
  test('plan portal web: Chromium is required on CI', () => {
    assert.fail(
      `Chromium was not found at ${CHROMIUM}. Install it (apt-get install chromium) or set GRIP_CHROMIUM.`,
    );
  });
} else {
  test(
    'plan portal web: plan list and worklist, the resident agrees with their plan, break-the-glass review',
    {
      skip: skipReason,
      timeout: 600_000,
    },
    async (t) => {
      const b = new BrowserHarness('plan-portal');
      await b.start();
      try {
        await run(t, b);
        assert.deepEqual(b.problems, [], 'no script errors and no CSP violations');
      } finally {
        await b.stop();
      }
    },
  );
}

/**
 * Jan Jansen's household gets a plan the way it does in real life: a toegang-medewerker registers his
 * question and triages it to a Wmo melding, which opens the plan (version 1, agreement open). The demo
 * regisseur directs it and an evaluation is planned in five days.
 */
async function janHasAPlan(b: BrowserHarness): Promise<{ planId: string }> {
  const db = b.db.database.db;
  const { rows: places } = await sql<{ id: string }>`SELECT id FROM vindplaats
    WHERE municipality_code = ${HENGELO.code} AND kind = 'zorgloket' ORDER BY name LIMIT 1`.execute(db);
  const toegang = await b.api('toegang-medewerker');
  const created = await toegang('POST', '/api/v1/help-questions', {
    channel: 'telefoon',
    vindplaatsId: places[0]!.id,
    questionTypes: ['huishouden'],
    // Jan's own details with his address: Grip finds him by BSN and gives him a household at the address.
    person: {
      bsn: JAN_BSN,
      givenNames: 'Jan',
      familyName: 'Jansen',
      birthDate: '1948-03-12',
      address: { street: 'Marktstraat', houseNumber: 12, postcode: '7551 DR', city: 'Hengelo' },
    },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const question = (await created.json()) as { id: string; personId: string; householdId: string | null };
  const { rows: jan } = await sql<{ id: string }>`SELECT id FROM person
    WHERE municipality_code = ${HENGELO.code} AND bsn = ${JAN_BSN}`.execute(db);
  assert.equal(question.personId, jan[0]!.id, 'the question is about the demo resident Jan Jansen');
  assert.ok(question.householdId, 'Jan lives in a household');
  const triage = await toegang('POST', `/api/v1/help-questions/${question.id}/triage`, {
    outcome: 'melding',
    lawCode: 'wmo',
    homeVisitDate: dutchDay(),
  });
  assert.equal(triage.status, 201, await triage.clone().text());
  const { householdPlan } = (await triage.json()) as { householdPlan: { planId: string } };

  const regisseur = await b.api('regisseur');
  await sql`UPDATE household_plan SET regisseur_user_id = ${regisseur.userId}
    WHERE municipality_code = ${HENGELO.code} AND id = ${householdPlan.planId}`.execute(db);
  // The regisseur writes the first goal with Jan: version 2, awaiting his agreement.
  const read = await regisseur('GET', `/api/v1/plans/${householdPlan.planId}`);
  assert.equal(read.status, 200, await read.clone().text());
  const { rows: services } = await sql<{ id: string }>`SELECT id FROM service
    WHERE municipality_code = ${HENGELO.code} AND kind = 'algemeen' AND active ORDER BY code LIMIT 1`.execute(
    db,
  );
  const saved = await regisseur(
    'PUT',
    `/api/v1/plans/${householdPlan.planId}`,
    {
      reason: 'Eerste doel besproken aan de keukentafel.',
      professionals: [],
      goals: [
        {
          description: 'Jan houdt zijn huis zelf schoon, met een beetje hulp.',
          ownerKind: 'inwoner',
          ownerPersonId: question.personId,
          targetDate: dutchDay(90),
          actions: [
            {
              description: 'Een schoonmaakhulp zoeken via de buurt.',
              ownerKind: 'netwerk',
              dueOn: dutchDay(30),
            },
          ],
          services: [{ serviceId: services[0]!.id }],
        },
      ],
    },
    { 'if-match': read.headers.get('etag')! },
  );
  assert.equal(saved.status, 200, await saved.clone().text());
  const evaluation = await regisseur('POST', `/api/v1/plans/${householdPlan.planId}/evaluations`, {
    plannedOn: dutchDay(5),
  });
  assert.equal(evaluation.status, 201, await evaluation.clone().text());
  return { planId: householdPlan.planId };
}

async function run(t: TestContext, b: BrowserHarness) {
  const { planId } = await janHasAPlan(b);

  await t.test('regisseur: my plans with the next evaluation, and the plan worklist', async (st) => {
    const context = await b.context('regisseur');
    const page = await b.page(context);
    await b.open(page, '/plannen');
    assert.equal(await page.locator('h1').innerText(), 'Plannen');
    const mine = page.locator('section[aria-labelledby="plans-mine-heading"]');
    await mine
      .getByRole('link', { name: /Plan van/ })
      .first()
      .waitFor();
    assert.match(await mine.innerText(), /Jan Jansen/);
    assert.match(await mine.innerText(), /Rachida Regisseur/);
    const evaluations = page.locator('section[aria-labelledby="plans-evaluations-heading"]');
    assert.match(await evaluations.innerText(), /Binnenkort: over 5 dagen/);
    assert.equal(
      await evaluations.getByRole('link').first().getAttribute('href'),
      `/plannen/${planId}`,
      'the worklist links to the plan',
    );
    await page.getByRole('heading', { name: '18-jaar-overgang' }).waitFor();
    await b.checkBoth(st, page, 'plannen', 'plan-list');
    await context.close();
  });

  await t.test('resident: the plan in plain words, agreed with the keyboard alone', async (st) => {
    const context = await b.context('inwoner');
    const page = await b.page(context);
    await b.open(page, '/mijn-plan');
    assert.equal(await page.locator('h1').innerText(), 'Mijn plan');
    await page.getByRole('heading', { name: 'Bent u het eens met het plan?' }).waitFor();
    assert.match(await page.locator('main').innerText(), /U heeft nog niet gezegd of u het eens bent\./);
    const main = await page.locator('main').innerText();
    assert.match(main, /Rachida Regisseur/);
    assert.match(main, /Jan houdt zijn huis zelf schoon/);
    assert.match(main, /Een schoonmaakhulp zoeken via de buurt\./);
    assert.match(main, /Dit is versie 2 van het plan/);
    await b.checkBoth(st, page, 'mijn plan', 'plan-mijn-plan');

    // Keyboard only: Tab from the top of the page to "Ja, ik ben het eens", Space, Tab to the note, type,
    // Tab to the button, Enter.
    await page.locator('#page-title').focus();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement?.id')) === 'agreement-akkoord';
    }
    assert.ok(reached, 'the first answer can be reached with Tab');
    await page.keyboard.press('Space');
    assert.ok(await page.locator('#agreement-akkoord').isChecked());
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate('document.activeElement?.id'),
      'agreement-note',
      'Tab goes on to the note',
    );
    await page.keyboard.type('Fijn dat er hulp komt bij het huishouden.');
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate('document.activeElement?.textContent'),
      'Antwoord versturen',
      'Tab goes on to the button',
    );
    await page.keyboard.press('Enter');
    await page.getByText('Dank u. U heeft gezegd dat u het eens bent met het plan.').waitFor();
    assert.ok(
      await page.evaluate(`document.activeElement?.contains(document.querySelector('.utrecht-alert--ok'))`),
      'focus moves to the confirmation',
    );
    await page.getByText('U bent het eens met het plan.').waitFor();

    const { rows } = await sql<{ agreement: string }>`SELECT agreement FROM plan_version
      WHERE municipality_code = ${HENGELO.code} AND plan_id = ${planId} ORDER BY version DESC LIMIT 1`.execute(
      b.db.database.db,
    );
    assert.equal(rows[0]!.agreement, 'akkoord', 'the newest version records the agreement');

    // A message to the regisseur: it shows in the list, and the regisseur gets a notification.
    await page.getByLabel('Uw bericht').fill('Kan de schoonmaakhulp op dinsdag komen?');
    await page.getByRole('button', { name: 'Bericht versturen' }).click();
    await page.getByText('Uw bericht is verstuurd.').waitFor();
    await page.getByText('Kan de schoonmaakhulp op dinsdag komen?').waitFor();
    const regisseur = await b.api('regisseur');
    const listed = await regisseur('GET', '/api/v1/notifications');
    assert.equal(listed.status, 200, await listed.clone().text());
    const notifications = (await listed.json()) as { items: { kind: string; readAt: string | null }[] };
    assert.ok(
      notifications.items.some((n) => n.kind === 'bericht' && !n.readAt),
      'the regisseur is notified of the message',
    );

    // A document for the plan: uploaded as it is, then listed with a link to download it.
    await page.getByLabel('Document toevoegen').setInputFiles({
      name: 'huurcontract.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Huurcontract Marktstraat 12'),
    });
    await page.getByRole('button', { name: 'Document versturen' }).click();
    await page.getByText('huurcontract.txt is toegevoegd.').waitFor();
    const download = page.getByRole('link', { name: 'huurcontract.txt' });
    assert.match((await download.getAttribute('href'))!, /^\/api\/v1\/portal\/documents\/[0-9a-f-]{36}$/);
    await b.checkBoth(st, page, 'mijn plan, akkoord', 'plan-mijn-plan-akkoord');

    // Nothing chosen: the error summary says so and links to the question.
    const again = await b.page(context);
    await b.open(again, '/mijn-plan');
    await again.getByRole('button', { name: 'Antwoord versturen' }).click();
    const summary = again.locator('.utrecht-alert[tabindex="-1"]');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Kies ja of nee\./);
    await context.close();
  });

  await t.test('resident without a plan: a friendly explanation', async (st) => {
    const context = await b.context('inwoner', 'nl', ENSCHEDE);
    const page = await b.page(context);
    await b.open(page, '/mijn-plan');
    await page.getByRole('heading', { name: 'U heeft nog geen plan' }).waitFor();
    assert.equal(
      await page.getByRole('link', { name: 'Bekijk uw hulpvragen' }).getAttribute('href'),
      '/mijn-hulpvragen',
    );
    await b.checkBoth(st, page, 'mijn plan, geen plan', 'plan-mijn-plan-geen');
    await context.close();
  });

  await t.test('privacy officer: reviews a broken glass', async (st) => {
    const wijkteam = await b.api('wijkteam-medewerker');
    const reason = 'Crisismelding buiten kantoortijd, de regisseur is niet bereikbaar.';
    const broken = await wijkteam('POST', `/api/v1/plans/${planId}/break-glass`, { reason });
    assert.equal(broken.status, 201, await broken.clone().text());

    const context = await b.context('privacy-officer');
    const page = await b.page(context);
    await b.open(page, '/doorbraken');
    assert.equal(await page.locator('h1').innerText(), 'Doorbraken');
    const open = page.locator('section[aria-labelledby="break-glass-open-heading"]');
    await open.getByText(reason).waitFor();
    assert.match(await open.innerText(), /Willem Wijkteam/);
    assert.match(await open.innerText(), /1 doorbraak te beoordelen\./);
    await b.checkBoth(st, page, 'doorbraken', 'plan-doorbraken');

    // An empty review is refused in the browser; a note is saved and the item moves to "Beoordeeld".
    await open.getByRole('button', { name: 'Beoordeling opslaan' }).click();
    await open.getByText('Schrijf uw oordeel.').waitFor();
    await open.getByLabel('Uw oordeel').fill('Terecht: er was een crisis en de regisseur was afwezig.');
    await open.getByRole('button', { name: 'Beoordeling opslaan' }).click();
    await page.getByText(/De doorbraak van Willem Wijkteam \(demo\) is beoordeeld\./).waitFor();
    await page.getByText('Er zijn geen doorbraken te beoordelen.').waitFor();
    const reviewed = page.locator('section[aria-labelledby="break-glass-reviewed-heading"]');
    assert.match(await reviewed.innerText(), /Terecht: er was een crisis/);
    assert.match(await reviewed.innerText(), /Pieter Privacy/);
    await b.checkBoth(st, page, 'doorbraken, beoordeeld', 'plan-doorbraken-beoordeeld');
    await context.close();
  });
}
