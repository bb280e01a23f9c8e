/**
 * The household plan in a real browser (headless Chromium through playwright-core) on a real Grip server
 * with the demo data — what "done" means for the issue "Eén huishouden, één plan":
 *
 * a toegang professional triages Jan Jansen's help question to a Wmo melding → opens the household's plan
 * from the help question → adds goals in the resident's words with an action → links a Wmo service and a
 * Jeugdwet service → saves with a reason (a missing reason is refused first, nothing saved) → a colleague
 * saves in between and the 412 shows "iemand anders heeft het plan gewijzigd" with the user's edits kept →
 * records an evaluation with scores (the chart and its table appear) → saves another version with a
 * reason → compares versions → sends a message and uploads a document (a wrong type is refused before
 * upload) → someone not involved gets the break-the-glass form → the resident (demo inwoner, Jan) agrees
 * in the portal at /mijn-plan → the PDF from the page's link holds the goals.
 *
 * Every plan screen passes axe-core at 1280 and 320 px. GRIP_SCREENSHOTS=1 writes
 * docs/screenshots/plan-*.png. Without Chromium the test skips, except with CI set.
 */
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import {
  BrowserHarness,
  CHROMIUM,
  chromiumMissing,
  dayMonthYear,
  dutchDay,
  settle,
  skipReason,
  type ApiClient,
} from '../helpers/browser.ts';

if (chromiumMissing && process.env.CI) {
  test('plan web: Chromium is required on CI', () => {
    assert.fail(
      `Chromium was not found at ${CHROMIUM}. Install it (apt-get install chromium) or set GRIP_CHROMIUM.`,
    );
  });
} else {
  test(
    'plan web: triage → plan → goals, services, scores, versions, conflict, break the glass, agreement, PDF',
    { skip: skipReason, timeout: 900_000 },
    async (t) => {
      const b = new BrowserHarness('plan');
      await b.start();
      try {
        await run(t, b);
      } finally {
        await b.stop();
      }
    },
  );
}

/** Jan Jansen, the demo resident whose account is the demo inwoner. */
const JAN = {
  bsn: '999990019',
  givenNames: 'Jan',
  familyName: 'Jansen',
  birthDate: '1948-03-12',
  address: { street: 'Marktstraat', houseNumber: 12, postcode: '7551DR', city: 'Hengelo' },
};

const GOAL_1 = 'Zelf boodschappen doen met de buurvrouw';
const GOAL_2 = 'Rust in huis voor de kleinzoon';
const GOAL_2_EDITED = 'Rust in huis voor de kleinzoon als hij logeert';

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `${response.url}: ${text}`);
  return JSON.parse(text) as T;
}

/** The text of a PDF made with pdf-lib and the standard fonts: hex strings before Tj in the (deflated) streams. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let match = streams.exec(raw); match; match = streams.exec(raw)) {
    const bytes = Buffer.from(match[1]!, 'latin1');
    let content: string;
    try {
      content = zlib.inflateSync(bytes).toString('latin1');
    } catch {
      content = match[1]!;
    }
    for (const hex of content.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj/g))
      parts.push(Buffer.from(hex[1]!.replace(/\s/g, ''), 'hex').toString('latin1'));
    for (const literal of content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) parts.push(literal[1]!);
  }
  return parts.join('\n');
}

/** The PUT body for the plan as it is (a colleague saving in another session). */
function wholePlan(plan: Record<string, any>, reason: string) {
  return {
    reason,
    professionals: plan.professionals.map((p: any) => ({
      id: p.id,
      userId: p.userId,
      name: p.name,
      organisation: p.organisation,
      expertise: p.expertise,
      involvedFrom: p.involvedFrom,
      involvedUntil: p.involvedUntil,
    })),
    goals: plan.goals.map((g: any) => ({
      id: g.id,
      description: g.description,
      lifeDomainCode: g.lifeDomainCode,
      ownerKind: g.ownerKind,
      ownerPersonId: g.ownerPersonId,
      ownerProfessionalId: g.ownerProfessionalId,
      targetDate: g.targetDate,
      status: g.status,
      actions: g.actions.map((a: any) => ({
        id: a.id,
        description: a.description,
        ownerKind: a.ownerKind,
        status: a.status,
        dueOn: a.dueOn,
        doneOn: a.doneOn,
      })),
      services: g.services.map((s: any) => ({ serviceId: s.serviceId, toewijzingId: s.toewijzingId })),
    })),
  };
}

async function status(page: Page, text: string | RegExp) {
  await page.locator('[role="status"]', { hasText: text }).first().waitFor();
}

async function linkService(page: Page, goal: number, search: string) {
  await page.fill(`#goal-${goal}-service-search`, search);
  const picker = page
    .locator(`#goal-${goal}-service-search`)
    .locator('xpath=ancestor::div[contains(@class,"grip-plan-picker")]');
  const button = picker.getByRole('button', { name: /koppelen$/ }).first();
  await button.waitFor();
  const name = ((await button.textContent()) ?? '').replace(/ koppelen$/, '');
  await button.click();
  await page.fill(`#goal-${goal}-service-search`, '');
  return name;
}

async function run(t: TestContext, b: BrowserHarness) {
  const toegang: ApiClient = await b.api('toegang-medewerker');

  // Set-up that is not about plans, through the API: Jan's help question.
  const { items: vindplaatsen } = await json<{ items: { id: string }[] }>(
    await toegang('GET', '/api/v1/vindplaatsen'),
  );
  const question = await json<{ id: string; reference: string; personId: string; householdId: string }>(
    await toegang('POST', '/api/v1/help-questions', {
      channel: 'telefoon',
      vindplaatsId: vindplaatsen[0]!.id,
      questionTypes: ['huishouden', 'opvoeding'],
      mainLawCode: 'wmo',
      freeText: 'Jan redt het huishouden niet meer; zijn kleinzoon woont bij hem.',
      person: JAN,
    }),
    201,
  );

  const context = await b.context('toegang-medewerker');
  const page = await b.page(context);

  await t.test('the toegang professional triages the question to a Wmo melding in the browser', async () => {
    await b.open(page, `/hulpvragen/${question.id}`);
    await page.check('#outcome-melding');
    await page.selectOption('#lawCode', 'wmo');
    await page.fill('#homeVisitDate', dayMonthYear(dutchDay(3)));
    await page.locator('section[aria-labelledby="triage-heading"] button[type="submit"]').click();
    await status(page, /Melding|melding/);
    await settle(page);
  });

  const detail = await json<{ householdPlanId: string | null }>(
    await toegang('GET', `/api/v1/help-questions/${question.id}`),
  );
  assert.ok(detail.householdPlanId, 'the melding opened the household plan');
  const planId = detail.householdPlanId!;

  await t.test('opens the plan from the help question', async (st) => {
    const link = page.locator(`a[href="/plannen/${planId}"]`);
    if ((await link.count()) > 0) {
      await link.first().click();
      await settle(page);
    } else {
      st.diagnostic(
        'the help question page has no link to /plannen/{id} yet ("Plan van het huishouden" is text): opened by address',
      );
      await b.open(page, `/plannen/${planId}`);
    }
    assert.equal(new URL(page.url()).pathname, `/plannen/${planId}`);
    await page.getByRole('heading', { level: 1, name: /Plan van het huishouden van Jan Jansen/ }).waitFor();
    await b.checkBoth(st, page, 'plan (new)', 'plan-new');
  });

  let wmoService = '';
  let youthService = '';
  await t.test(
    'adds goals, an action and a Wmo and a Jeugdwet service; a missing reason saves nothing',
    async (st) => {
      await page.getByRole('button', { name: 'Doel toevoegen' }).click();
      await page.fill('#goal-0-description', GOAL_1);
      await page.selectOption('#goal-0-lifeDomainCode', 'instrumentele-adl');
      const janOption = page.locator('#goal-0-ownerPersonId option', { hasText: 'Jan Jansen' });
      await page.selectOption('#goal-0-ownerPersonId', (await janOption.getAttribute('value'))!);
      await page.fill('#goal-0-targetDate', dayMonthYear(dutchDay(90)));
      await page
        .locator('fieldset:has(#goal-0-description)')
        .getByRole('button', { name: 'Afspraak toevoegen' })
        .click();
      await page.fill('#goal-0-action-0-description', 'Jan vraagt de buurvrouw of ze op dinsdag meegaat');
      await page.fill('#goal-0-action-0-dueOn', dayMonthYear(dutchDay(14)));
      wmoService = await linkService(page, 0, 'Wmo');
      youthService = await linkService(page, 0, 'Jeugdwet');
      const goal0 = page.locator('fieldset:has(#goal-0-description)');
      await goal0.getByRole('button', { name: `${wmoService} loskoppelen` }).waitFor();
      await goal0.getByRole('button', { name: `${youthService} loskoppelen` }).waitFor();

      await page.getByRole('button', { name: 'Doel toevoegen' }).click();
      await page.fill('#goal-1-description', GOAL_2);
      await page.selectOption('#goal-1-ownerKind', 'netwerk');
      await page.fill('#goal-1-targetDate', dayMonthYear(dutchDay(-1)));

      // No reason, and a new goal with a date in the past: refused in the form, nothing sent.
      await page.getByRole('button', { name: 'Plan opslaan' }).click();
      const summary = page.locator('.utrecht-alert', { hasText: 'Er is iets niet goed ingevuld' });
      await summary.waitFor();
      assert.ok(await summary.getByRole('link', { name: 'Vul de reden van de wijziging in.' }).isVisible());
      assert.ok(await summary.getByRole('link', { name: /streefdatum van een nieuw doel/ }).isVisible());
      assert.equal(await page.evaluate("document.activeElement?.closest('.utrecht-alert') !== null"), true);
      const still = await json<{ version: number; goals: unknown[] }>(
        await toegang('GET', `/api/v1/plans/${planId}`),
      );
      assert.equal(still.goals.length, 0, 'nothing saved');
      await b.checkBoth(st, page, 'plan (errors)', 'plan-errors');

      await page.fill('#goal-1-targetDate', dayMonthYear(dutchDay(60)));
      // Appoint the regisseur from the colleagues with a casework role.
      const regisseurOption = (await page.locator('#regisseurUserId option').allInnerTexts()).find((o) =>
        /Regisseur \(demo\)/.test(o),
      );
      assert.ok(regisseurOption, 'the demo regisseur can be appointed');
      await page.selectOption('#regisseurUserId', { label: regisseurOption });
      await page.fill('#reason', 'Eerste afspraken met Jan gemaakt bij het huisbezoek');
      await page.getByRole('button', { name: 'Plan opslaan' }).click();
      await status(page, /opgeslagen als versie 2/);
      const saved = await json<{
        version: number;
        regisseur: { name: string } | null;
        goals: { description: string; services: { name: string; lawCode: string }[] }[];
      }>(await toegang('GET', `/api/v1/plans/${planId}`));
      assert.equal(saved.version, 2);
      assert.match(saved.regisseur?.name ?? '', /Regisseur \(demo\)/);
      assert.deepEqual(
        saved.goals.map((g) => g.description),
        [GOAL_1, GOAL_2],
      );
      assert.deepEqual(saved.goals[0]!.services.map((s) => s.lawCode).sort(), ['jeugdwet', 'wmo']);
    },
  );

  await t.test(
    'a colleague saves in between: 412 shows the newer version and keeps the edits',
    async (st) => {
      const current = await json<Record<string, any>>(await toegang('GET', `/api/v1/plans/${planId}`));
      await json(
        await toegang(
          'PUT',
          `/api/v1/plans/${planId}`,
          wholePlan(current, 'Collega heeft het telefoonnummer nagekeken'),
          {
            'if-match': `"${current.version}"`,
          },
        ),
      );
      await page.fill('#goal-1-description', GOAL_2_EDITED);
      await page.fill('#reason', 'Doel over de kleinzoon aangescherpt');
      await page.getByRole('button', { name: 'Plan opslaan' }).click();
      const conflict = page.locator('.utrecht-alert', { hasText: 'Iemand anders heeft het plan gewijzigd' });
      await conflict.waitFor();
      assert.match(
        (await conflict.textContent()) ?? '',
        /Versie 3.*Collega heeft het telefoonnummer nagekeken/,
      );
      assert.equal(await page.inputValue('#goal-1-description'), GOAL_2_EDITED, 'the edits are kept');
      await b.checkBoth(st, page, 'plan (conflict)', 'plan-conflict');
      await page.getByRole('button', { name: 'Plan opslaan' }).click();
      await status(page, /opgeslagen als versie 4/);
    },
  );

  await t.test('plans the next evaluation ahead: not in the past, then shown as planned', async () => {
    await page.fill('#plannedOn', dayMonthYear(dutchDay(-1)));
    await page.getByRole('button', { name: 'Evaluatie plannen' }).click();
    await page.locator('#plannedOn-error').waitFor();
    await page.fill('#plannedOn', dayMonthYear(dutchDay(14)));
    await page.getByRole('button', { name: 'Evaluatie plannen' }).click();
    await status(page, /De evaluatie is gepland op/);
    await settle(page);
    await page.getByText(/De volgende evaluatie is gepland op/).waitFor();
    const planned = await json<{ evaluations: { plannedOn: string; heldOn: string | null }[] }>(
      await toegang('GET', `/api/v1/plans/${planId}`),
    );
    assert.ok(planned.evaluations.some((e) => e.plannedOn === dutchDay(14) && e.heldOn === null));
  });

  await t.test('records an evaluation with scores; the chart and its table show them', async (st) => {
    await page.check('#outcome-bijstellen');
    await page.getByRole('button', { name: 'Evaluatie opslaan' }).click();
    await page.locator('.utrecht-alert', { hasText: 'Geef ten minste één score.' }).waitFor();
    const selects = page.locator('fieldset:has-text("Nieuwe scores van Jan Jansen") select');
    await selects.nth(0).selectOption('2');
    await selects.nth(9).selectOption('3');
    await page.fill('#satisfaction', '7');
    await page.fill('#notes', 'Jan is blij met de hulp van de buurvrouw.');
    await page.getByRole('button', { name: 'Evaluatie opslaan' }).click();
    await status(page, 'De evaluatie is opgeslagen.');
    await settle(page);
    const charts = page.locator('svg[role="img"]');
    assert.ok((await charts.count()) >= 1, 'a chart per scored life domain');
    const scores = await json<{ series: { measurements: { source: string }[] }[] }>(
      await toegang('GET', `/api/v1/plans/${planId}/scores`),
    );
    assert.ok(scores.series.some((s) => s.measurements.some((m) => m.source === 'evaluatie')));
    await page.getByText('Scores als tabel').first().click();
    await b.checkBoth(st, page, 'plan (scores)', 'plan-scores');
  });

  await t.test('saves another version with a reason and compares versions', async (st) => {
    await page.fill('#goal-0-targetDate', dayMonthYear(dutchDay(120)));
    await page.fill('#reason', 'Na de evaluatie: meer tijd voor de boodschappen');
    await page.getByRole('button', { name: 'Plan opslaan' }).click();
    await status(page, /opgeslagen als versie \d+/);
    await page.selectOption('#compare-from', '1');
    await page.getByRole('button', { name: 'Vergelijken' }).click();
    const result = page.locator('#compare-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', new RegExp(GOAL_1));
    await b.checkBoth(st, page, 'plan (versions)', 'plan-versions');
  });

  await t.test(
    'sends a message and uploads a document; a wrong type is refused before upload',
    async (st) => {
      await page.fill('#message-body', 'Jan, de afspraken staan in het plan. Wilt u ze lezen?');
      await page.getByRole('button', { name: 'Versturen' }).click();
      await status(page, 'Het bericht is verstuurd.');
      await page.setInputFiles('#document', {
        name: 'virus.exe',
        mimeType: 'application/x-msdownload',
        buffer: Buffer.from('MZ'),
      });
      await page.getByRole('button', { name: 'Uploaden' }).click();
      await page.locator('#document-error', { hasText: 'Dit soort bestand kan niet' }).waitFor();
      await page.setInputFiles('#document', {
        name: 'afspraken.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Afspraken met Jan\n'),
      });
      await page.getByRole('button', { name: 'Uploaden' }).click();
      await status(page, 'afspraken.txt is toegevoegd.');
      await b.checkBoth(st, page, 'plan (exchange)', 'plan-exchange');
    },
  );

  await t.test('in English through the language switch', async (st) => {
    await page.locator('button.grip-language').click();
    await page.getByRole('heading', { level: 1, name: /Household plan of Jan Jansen/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Goals and agreements' }).waitFor();
    await b.checkBoth(st, page, 'plan (English)', 'plan-english');
    await page.locator('button.grip-language').click();
    await page.getByRole('heading', { level: 1, name: /Plan van het huishouden van Jan Jansen/ }).waitFor();
  });

  await t.test('someone not involved gets the break-the-glass form, then the plan', async (st) => {
    const other = await b.context('wijkteam-medewerker');
    const otherPage = await b.page(other);
    await b.open(otherPage, `/plannen/${planId}`);
    await otherPage
      .getByRole('heading', { level: 2, name: 'U bent niet betrokken bij dit huishouden' })
      .waitFor();
    await b.checkBoth(st, otherPage, 'plan (break the glass)', 'plan-break-glass');
    await otherPage.fill('#break-glass-reason', 'Te kort');
    await otherPage.getByRole('button', { name: 'Plan openen in noodsituatie' }).click();
    await otherPage.locator('#break-glass-reason-error', { hasText: 'ten minste 20 tekens' }).waitFor();
    await otherPage.fill(
      '#break-glass-reason',
      'Politie belt: Jan is gevallen en de kleinzoon is alleen thuis.',
    );
    await otherPage.getByRole('button', { name: 'Plan openen in noodsituatie' }).click();
    await status(otherPage, /U heeft toegang tot dit plan tot/);
    await otherPage.locator('.utrecht-alert', { hasText: 'noodtoegang' }).first().waitFor();
    await other.close();
  });

  await t.test('the resident agrees in the portal (/mijn-plan)', async (st) => {
    const resident = await b.context('inwoner');
    const residentPage = await b.page(resident);
    await b.open(residentPage, '/mijn-plan');
    const agree = residentPage.locator('#agreement-akkoord');
    if ((await agree.count()) > 0) {
      await b.checkBoth(st, residentPage, 'my plan (portal)', 'plan-portal');
      await agree.check();
      await residentPage.locator('form:has(#agreement-akkoord) button[type="submit"]').click();
      // The thank-you notice appears only after the server has stored the answer.
      await residentPage
        .locator('.utrecht-alert--ok', { hasText: 'U heeft gezegd dat u het eens bent' })
        .waitFor();
      await settle(residentPage);
    } else {
      st.diagnostic('/mijn-plan has no agreement form (yet): agreed through the API');
      const api = await b.api('inwoner');
      const own = await json<{ versions: { version: number }[] }>(await api('GET', '/api/v1/portal/plan'));
      const newest = Math.max(...own.versions.map((v) => v.version));
      await json(
        await api('POST', `/api/v1/portal/plan/versions/${newest}/agreement`, { agreement: 'akkoord' }),
      );
    }
    await resident.close();
    const plan = await json<{ versions: { version: number; agreement: string }[] }>(
      await toegang('GET', `/api/v1/plans/${planId}`),
    );
    const newest = plan.versions.reduce((a, v) => (v.version > a.version ? v : a));
    assert.equal(newest.agreement, 'akkoord');
    await b.open(page, `/plannen/${planId}`);
    await page.locator('td', { hasText: 'Akkoord' }).first().waitFor();
  });

  await t.test('the PDF from the page holds the plan', async () => {
    const href = await page.locator('#plan-pdf-link').getAttribute('href');
    assert.equal(href, `/api/v1/plans/${planId}/pdf`);
    const response = await context.request.get(`${b.base}${href}`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /^application\/pdf/);
    const body = await response.body();
    assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(body).replace(/\s+/g, ' ');
    for (const expected of ['Jan Jansen', 'boodschappen', 'buurvrouw', 'kleinzoon'])
      assert.ok(text.includes(expected), `the PDF says "${expected}": ${text.slice(0, 400)}`);
  });

  await context.close();
  assert.deepEqual(b.problems, [], 'no script errors or CSP violations');
  assert.ok(b.checks >= 16, `axe checks run: ${b.checks}`);
}
