/**
 * The steering screens (issue 7) in a real browser (headless Chromium through playwright-core) on a real
 * Grip server with the demo data (in-memory PGlite, or PostgreSQL with TEST_DATABASE_URL):
 *
 * - a beleidsadviseur imports a budget file with bad rows: every problem is shown with its line number
 *   and nothing is imported;
 * - then imports Enschede's programme 3.1 by theme for 2015 (CSV): the totals show lasten 183.905 and
 *   baten 4.987 (× € 1.000), exactly as published;
 * - opens the progress report of 2015 from the budget page: goals with indicator status (in words, not
 *   only colour), interventions by status, budget against realisation, and a PDF and XLSX to download;
 * - creates an external and a computed indicator from the edit screen (field errors first), edits a goal,
 *   has a delete refused (409), meets a 412 on a theme (newer version shown, the edit kept) and deletes an
 *   intervention after confirming;
 * - every screen passes axe-core (WCAG 2.0/2.1 A and AA) at 1280 and 320 pixels.
 *
 * GRIP_SCREENSHOTS=1 writes screenshots to docs/screenshots/steering-*.png.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BrowserHarness, MUNICIPALITY, ROOT, settle, skipReason } from '../helpers/browser.ts';

const MC = MUNICIPALITY.code;
const h = new BrowserHarness('steering');
const FIXTURES = path.join(ROOT, 'test/steering/fixtures');

describe('steering screens in the browser', { skip: skipReason, timeout: 600_000 }, () => {
  let programmeId: string;

  before(async () => {
    await h.start();
    const api = await h.api('beleidsadviseur');
    const created = await api('POST', '/api/v1/steering/programmes', {
      code: 'T3.1',
      name: 'Maatschappelijke ondersteuning (test)',
      firstYear: 2014,
      lastYear: 2018,
    });
    assert.equal(created.status, 201, await created.clone().text());
    programmeId = ((await created.json()) as { id: string }).id;
    // A goal with an indicator and an intervention, so the report has all three parts.
    const db = h.db.database.db;
    const goal = await db
      .insertInto('societal_goal')
      .values({
        municipality_code: MC,
        programme_id: programmeId,
        code: 'D1',
        name: 'Inwoners wonen langer zelfstandig thuis',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const indicator = await db
      .insertInto('indicator')
      .values({
        municipality_code: MC,
        code: 'T-EENZAAM',
        name: 'Inwoners die zich eenzaam voelen',
        kind: 'effect',
        unit: 'percentage',
        source_kind: 'extern',
        source_name: 'GGD Gezondheidsmonitor',
        frequency: 'jaar',
        direction: 'lager-is-beter',
        societal_goal_id: goal.id,
        baseline_year: 2014,
        baseline_value: 40,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('indicator_target')
      .values({ municipality_code: MC, indicator_id: indicator.id, year: 2015, target_value: 35 })
      .execute();
    await db
      .insertInto('indicator_realisation')
      .values({
        municipality_code: MC,
        indicator_id: indicator.id,
        period_start: '2015-01-01',
        period_end: '2015-12-31',
        value: 38,
        source: 'GGD Gezondheidsmonitor 2015',
      })
      .execute();
    const theme = await db
      .insertInto('theme')
      .values({
        municipality_code: MC,
        programme_id: programmeId,
        societal_goal_id: goal.id,
        code: 'BK',
        name: 'Versterken burgerkracht',
        bbv_taakveld_code: '6.1',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('intervention')
      .values({
        municipality_code: MC,
        theme_id: theme.id,
        name: 'Buurtkamers in elke wijk',
        owner: 'Team Welzijn',
        starts_on: '2015-01-01',
        ends_on: '2015-12-31',
        status: 'afgerond',
        expected_result: 'Tien buurtkamers open.',
        achieved_result: 'Negen buurtkamers open, de tiende in 2016.',
      })
      .execute();
  });
  after(() => h.stop());

  test('a beleidsadviseur imports a budget file and opens the progress report', async (t) => {
    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, `/sturing/begroting?programma=${programmeId}`);
    assert.equal(await page.locator('h1').textContent(), 'Begroting');
    await page.getByText('Voor dit programma zijn nog geen begrotingscijfers vastgelegd.').waitFor();
    await h.checkBoth(t, page, 'budget (empty)', 'steering-budget-empty');

    // A file with bad rows: every problem with its line number, focus on the summary, nothing written.
    await page.setInputFiles('#budgetFile', path.join(FIXTURES, 'bad-rows.csv'));
    await page.getByRole('button', { name: 'Importeren' }).click();
    const summary = page.locator('.utrecht-alert', { hasText: 'Er is niets geïmporteerd' }).first();
    await summary.waitFor();
    const text = (await page.locator('[tabindex="-1"]').filter({ hasText: 'Regel' }).first().textContent())!;
    assert.match(text, /Regel 3/, text);
    assert.match(text, /Regel 4/, text);
    assert.ok(
      await page.evaluate("document.activeElement?.textContent?.includes('Regel 3') === true"),
      'the error summary has focus',
    );
    await page.getByText('Voor dit programma zijn nog geen begrotingscijfers vastgelegd.').waitFor();
    const budget = await (
      await h.api('beleidsadviseur')
    )('GET', `/api/v1/steering/programmes/${programmeId}/budget`);
    assert.deepEqual(((await budget.json()) as { lines: unknown[] }).lines, [], 'nothing half-imported');
    await h.checkBoth(t, page, 'budget import errors', 'steering-budget-errors');

    // Enschede 3.1 by theme, 2015: the published totals.
    await page.setInputFiles('#budgetFile', path.join(FIXTURES, 'enschede-3.1-thema-2015.csv'));
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByText('enschede-3.1-thema-2015.csv is geïmporteerd').waitFor();
    await settle(page);
    const row = page.locator('tr', { hasText: '2015 Begroting' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 3), ['183.905', '4.987', '178.918']);
    await h.checkBoth(t, page, 'budget imported', 'steering-budget');

    // The progress report of 2015, from the budget page.
    await page.getByRole('link', { name: 'Voortgangsrapportage 2015' }).click();
    await settle(page);
    await page
      .getByRole('heading', { name: 'Programma T3.1 Maatschappelijke ondersteuning (test), 2015' })
      .waitFor();
    await page.getByRole('heading', { name: 'Wat wilden we bereiken?' }).waitFor();
    await page.getByText('Niet op koers', { exact: true }).waitFor();
    await page.getByText('Negen buurtkamers open, de tiende in 2016.').waitFor();
    const total = page.locator('tr', { hasText: 'Totaal lasten' });
    assert.equal((await total.locator('td').first().textContent())!, '183.905');
    await h.checkBoth(t, page, 'progress report', 'steering-progress-report');

    for (const [name, type] of [
      ['Download als PDF (voor de raad)', 'application/pdf'],
      ['Download als Excel (XLSX)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const href = (await page.getByRole('link', { name }).getAttribute('href'))!;
      const response = await context.request.get(`${h.base}${href}`);
      assert.equal(response.status(), 200, name);
      assert.equal(response.headers()['content-type'], type, name);
    }
    await context.close();
  });

  test('the steering page: goals, themes, interventions, and indicator tiles on or off track', async (t) => {
    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, `/sturing?programma=${programmeId}`);
    await page.getByRole('heading', { name: 'T3.1 Maatschappelijke ondersteuning (test)' }).waitFor();
    const tile = page.locator('.grip-steering-tile', { hasText: 'Inwoners die zich eenzaam voelen' });
    assert.equal(await tile.locator('.utrecht-status-badge').textContent(), 'Niet op koers');
    assert.match((await tile.textContent())!, /Laatste meting: 38% \(2015\)/);
    await page.getByRole('heading', { name: 'Doel D1: Inwoners wonen langer zelfstandig thuis' }).waitFor();
    const row = page.locator('tr', { hasText: 'Buurtkamers in elke wijk' });
    assert.match((await row.textContent())!, /Afgerond/);
    await h.checkBoth(t, page, 'steering page', 'steering-programme');
    await context.close();
  });

  test('the progress report in English, and a year typed wrongly', async (t) => {
    const context = await h.context('beleidsadviseur', 'en');
    const page = await h.page(context);
    await h.open(page, `/sturing/voortgangsrapportage?programma=${programmeId}`);
    await page.locator('#year').fill('15');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByText('Enter a four-digit year between 2000 and 2100.').first().waitFor();
    await page.locator('#year').fill('2015');
    await page.getByRole('button', { name: 'Show report' }).click();
    await settle(page);
    await page.getByRole('heading', { name: 'What did it cost?' }).waitFor();
    await page.getByText('Off track', { exact: true }).waitFor();
    await h.checkBoth(t, page, 'progress report (English)');
    await context.close();
  });

  test('a beleidsadviseur adds and finishes an intervention and enters indicator figures', async (t) => {
    const api = await h.api('beleidsadviseur');
    const detail = async () =>
      (await (await api('GET', `/api/v1/steering/programmes/${programmeId}`)).json()) as {
        goals: { id: string }[];
        interventions: {
          name: string;
          status: string;
          achievedResult: string | null;
          budgetCents: number | null;
        }[];
      };
    // A computed indicator on the same goal: it takes a target but no typed measurement.
    const computed = await api('POST', '/api/v1/steering/indicators', {
      code: 'T-WMO',
      name: 'Unieke Wmo-cliënten',
      kind: 'prestatie',
      sourceKind: 'berekend',
      definitionCode: 'wmo-unieke-clienten',
      definitionVersion: 1,
      frequency: 'jaar',
      societalGoalId: (await detail()).goals[0]!.id,
    });
    assert.equal(computed.status, 201, await computed.clone().text());

    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, `/sturing?programma=${programmeId}`);
    await page.getByRole('link', { name: 'Programma bewerken' }).click();
    await settle(page);
    assert.equal(await page.locator('h1').textContent(), 'Sturing bewerken');
    await page.getByRole('heading', { name: 'Nieuwe interventie' }).waitFor();
    await h.checkBoth(t, page, 'steering edit', 'steering-edit');

    // Nothing filled in: the server's reasons at the fields, focus on the summary, nothing written.
    const before = (await detail()).interventions.length;
    await page.getByRole('button', { name: 'Interventie toevoegen' }).click();
    await page.locator('#intervention-name-error').waitFor();
    await page.locator('#intervention-theme-error').waitFor();
    assert.ok(
      await page.evaluate("document.activeElement?.getAttribute('tabindex') === '-1'"),
      'the error summary has focus',
    );
    assert.equal((await detail()).interventions.length, before, 'nothing written');

    await page.locator('#intervention-theme').selectOption({ label: 'BK Versterken burgerkracht' });
    await page.locator('#intervention-name').fill('Mantelzorgcafé');
    await page.locator('#intervention-owner').fill('Team Welzijn');
    await page.locator('#intervention-starts').fill('01-01-2016');
    await page.locator('#intervention-budget').fill('12.500');
    await page.getByRole('button', { name: 'Interventie toevoegen' }).click();
    await page.getByText('Interventie Mantelzorgcafé is toegevoegd.').waitFor();
    const added = (await detail()).interventions.find((v) => v.name === 'Mantelzorgcafé')!;
    assert.equal(added.status, 'gepland');
    assert.equal(added.budgetCents, 1_250_000);

    // gepland → gestart, then afgerond: refused without the achieved result, accepted with one.
    const changeStatus = async (status: string) => {
      await page
        .locator('#status-intervention')
        .selectOption({ label: 'Mantelzorgcafé (' + (status === 'Gestart' ? 'Gepland' : 'Gestart') + ')' });
      await page.locator('#status-new').selectOption({ label: status });
    };
    await changeStatus('Gestart');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await page.getByText('De status van Mantelzorgcafé is nu: Gestart.').waitFor();
    await settle(page);
    await changeStatus('Afgerond');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    const fieldError = page.locator('#status-achieved-error');
    await fieldError.waitFor();
    assert.match((await fieldError.textContent())!, /behaalde resultaat/);
    assert.equal((await detail()).interventions.find((v) => v.name === 'Mantelzorgcafé')!.status, 'gestart');
    await h.checkBoth(t, page, 'steering edit (status refused)');
    await page.locator('#status-achieved').fill('Elke maand een café met gemiddeld twintig mantelzorgers.');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await page.getByText('De status van Mantelzorgcafé is nu: Afgerond.').waitFor();
    const finished = (await detail()).interventions.find((v) => v.name === 'Mantelzorgcafé')!;
    assert.equal(finished.status, 'afgerond');
    assert.equal(finished.achievedResult, 'Elke maand een café met gemiddeld twintig mantelzorgers.');

    // An external indicator: a target for 2016 and a measurement.
    await page
      .locator('#indicator-choice')
      .selectOption({ label: 'T-EENZAAM Inwoners die zich eenzaam voelen' });
    await page.locator('#target-year').fill('2016');
    await page.locator('#target-value').fill('34');
    await page.getByRole('button', { name: 'Streefwaarde opslaan' }).click();
    await page.getByText('De streefwaarde voor 2016 is opgeslagen.').waitFor();
    await page.locator('#realisation-start').fill('01-01-2016');
    await page.locator('#realisation-end').fill('31-12-2016');
    await page.locator('#realisation-value').fill('36,5');
    await page.locator('#realisation-source').fill('GGD Gezondheidsmonitor 2016');
    await page.getByRole('button', { name: 'Meting toevoegen' }).click();
    await page.getByText('De meting is toegevoegd.').waitFor();
    const indicators = (await (
      await api('GET', `/api/v1/steering/indicators?programmeId=${programmeId}`)
    ).json()) as {
      items: {
        code: string;
        targets: { year: number; value: number }[];
        realisations: { periodEnd: string; value: number; status: string }[];
      }[];
    };
    const eenzaam = indicators.items.find((i) => i.code === 'T-EENZAAM')!;
    assert.deepEqual(
      eenzaam.targets.find((x) => x.year === 2016),
      { year: 2016, value: 34 },
    );
    const r2016 = eenzaam.realisations.find((r) => r.periodEnd === '2016-12-31')!;
    assert.equal(r2016.value, 36.5);
    assert.equal(r2016.status, 'niet-op-koers');
    await h.checkBoth(t, page, 'steering edit (indicator)');

    // The computed indicator says so and offers no measurement form.
    await page.locator('#indicator-choice').selectOption({ label: 'T-WMO Unieke Wmo-cliënten' });
    await page.getByText('Deze indicator wordt door Grip berekend').waitFor();
    assert.equal(await page.locator('#realisation-value').count(), 0);
    await context.close();
  });

  test('a beleidsadviseur creates indicators, edits a goal, meets a 412 and deletes an intervention', async (t) => {
    const api = await h.api('beleidsadviseur');
    type Detail = {
      version: number;
      goals: { id: string; code: string; desiredSituation: string; version: number }[];
      themes: { id: string; code: string; name: string; taakveld: string | null; version: number }[];
      interventions: { id: string; name: string }[];
    };
    const detail = async () =>
      (await (await api('GET', `/api/v1/steering/programmes/${programmeId}`)).json()) as Detail;
    const indicatorsNow = async () =>
      (
        (await (await api('GET', `/api/v1/steering/indicators?programmeId=${programmeId}`)).json()) as {
          items: {
            code: string;
            unit: string | null;
            sourceKind: string;
            sourceName: string | null;
            definition: { code: string } | null;
            direction: string;
            baseline: { year: number; value: number } | null;
            societalGoalId: string | null;
          }[];
        }
      ).items;
    const goalId = (await detail()).goals[0]!.id;
    const extra = await api('POST', `/api/v1/steering/programmes/${programmeId}/interventions`, {
      themeId: (await detail()).themes.find((x) => x.code === 'BK')!.id,
      name: 'Pilot die niet doorgaat',
      owner: 'Team Welzijn',
    });
    assert.equal(extra.status, 201, await extra.clone().text());

    const context = await h.context('beleidsadviseur');
    const page = await h.page(context);
    await h.open(page, `/sturing/bewerken?programma=${programmeId}`);
    await page.getByRole('heading', { name: 'Nieuwe indicator' }).waitFor();

    // A new external indicator: nothing filled in, then a percentage above 100, then right.
    const add = page.getByRole('button', { name: 'Indicator toevoegen' });
    await add.click();
    await page.locator('#ni-code-error').waitFor();
    await page.locator('#ni-source-name-error').waitFor();
    assert.ok(
      await page.evaluate("document.activeElement?.getAttribute('tabindex') === '-1'"),
      'the error summary has focus',
    );
    await page.locator('#ni-code').fill('T-MANTEL');
    await page.locator('#ni-name').fill('Mantelzorgers die zich zwaar belast voelen');
    await page.locator('#ni-source-name').fill('Mantelzorgpanel');
    await page.locator('#ni-unit').selectOption('percentage');
    await page.locator('#ni-direction').selectOption('lager-is-beter');
    await page.locator('#ni-baseline-year').fill('2015');
    await page.locator('#ni-baseline-value').fill('120');
    await page.locator('#ni-goal').selectOption(goalId);
    await add.click();
    const high = page.locator('#ni-baseline-value-error');
    await high.waitFor();
    assert.match((await high.textContent())!, /tussen 0 en 100/);
    assert.equal(
      (await indicatorsNow()).some((i) => i.code === 'T-MANTEL'),
      false,
      'nothing written',
    );
    await h.checkBoth(t, page, 'steering edit (new indicator refused)');
    await page.locator('#ni-baseline-value').fill('14,5');
    await add.click();
    await page
      .getByText('Indicator T-MANTEL Mantelzorgers die zich zwaar belast voelen is toegevoegd.')
      .waitFor();
    const mantel = (await indicatorsNow()).find((i) => i.code === 'T-MANTEL')!;
    assert.deepEqual(
      [mantel.unit, mantel.sourceKind, mantel.sourceName, mantel.direction, mantel.societalGoalId],
      ['percentage', 'extern', 'Mantelzorgpanel', 'lager-is-beter', goalId],
    );
    assert.deepEqual(mantel.baseline, { year: 2015, value: 14.5 });

    // A computed indicator: a definition must be chosen; unit and direction come from it.
    await settle(page);
    await page.locator('#ni-source-kind').selectOption('berekend');
    await page.locator('#ni-code').fill('T-TERMIJN');
    await page.locator('#ni-name').fill('Beschikkingen op tijd');
    await page.locator('#ni-goal').selectOption(goalId);
    await add.click();
    await page.locator('#ni-definition-error').waitFor();
    await page.locator('#ni-definition').selectOption('beschikkingen-binnen-termijn@1');
    await add.click();
    await page.getByText('Indicator T-TERMIJN Beschikkingen op tijd is toegevoegd.').waitFor();
    const termijn = (await indicatorsNow()).find((i) => i.code === 'T-TERMIJN')!;
    assert.equal(termijn.definition?.code, 'beschikkingen-binnen-termijn');
    assert.equal(termijn.unit, 'percentage');
    assert.equal(termijn.sourceName, null);

    // Edit a goal: its SOLL.
    await settle(page);
    const item = page.locator('#maintain-item');
    await item.selectOption({ label: 'Doel D1 Inwoners wonen langer zelfstandig thuis' });
    await page.locator('#g-desired').fill('Negen op de tien ouderen wonen zelfstandig thuis.');
    const save = page.getByRole('button', { name: 'Wijzigingen opslaan' });
    await save.click();
    await page.getByText('Doel D1 Inwoners wonen langer zelfstandig thuis is opgeslagen.').waitFor();
    assert.equal(
      (await detail()).goals[0]!.desiredSituation,
      'Negen op de tien ouderen wonen zelfstandig thuis.',
    );

    // A delete that is refused: the goal still has a theme, interventions and indicators.
    await page.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await page
      .getByText('Weet u zeker dat u Doel D1 Inwoners wonen langer zelfstandig thuis wilt verwijderen?')
      .waitFor();
    await h.checkBoth(t, page, 'steering edit (confirm delete)');
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await page
      .getByText(
        /kan niet worden verwijderd: er hangen nog 1 thema, \d+ interventies en \d+ indicatoren onder/,
      )
      .first()
      .waitFor();
    assert.equal((await detail()).goals.length, 1);

    // A theme someone else changes meanwhile: 412, the newer version shown, the user's edit kept.
    await item.selectOption({ label: 'Thema BK Versterken burgerkracht' });
    await page.locator('#t-taakveld').fill('6.2');
    const theme = (await detail()).themes.find((x) => x.code === 'BK')!;
    const meanwhile = await api(
      'PATCH',
      `/api/v1/steering/themes/${theme.id}`,
      { name: 'Burgerkracht versterken' },
      { 'if-match': `"${theme.version}"` },
    );
    assert.equal(meanwhile.status, 200, await meanwhile.clone().text());
    await save.click();
    const conflict = page
      .locator('.utrecht-alert', { hasText: 'Iemand anders heeft dit intussen gewijzigd' })
      .last();
    await conflict.getByText('Burgerkracht versterken').waitFor();
    assert.match((await conflict.textContent())!, new RegExp(`versie ${theme.version + 1}`));
    assert.equal(await page.locator('#t-taakveld').inputValue(), '6.2', 'the edit is kept');
    await h.checkBoth(t, page, 'steering edit (412 conflict)', 'steering-edit-conflict');
    await page.getByRole('button', { name: 'Nieuwe gegevens overnemen' }).click();
    assert.equal(await page.locator('#t-name').inputValue(), 'Burgerkracht versterken');
    await page.locator('#t-taakveld').fill('6.2');
    await save.click();
    await page.getByText(/Thema BK .* is opgeslagen\./).waitFor();
    const changed = (await detail()).themes.find((x) => x.code === 'BK')!;
    assert.deepEqual(
      [changed.name, changed.taakveld, changed.version],
      ['Burgerkracht versterken', '6.2', theme.version + 2],
    );

    // Delete an intervention, after confirming.
    await settle(page);
    await item.selectOption({ label: 'Interventie Pilot die niet doorgaat' });
    await page.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await page.getByRole('button', { name: 'Annuleren' }).click();
    assert.ok(
      (await detail()).interventions.some((x) => x.name === 'Pilot die niet doorgaat'),
      'cancelled',
    );
    await page.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await page.getByText('Interventie Pilot die niet doorgaat is verwijderd.').waitFor();
    assert.equal(
      (await detail()).interventions.some((x) => x.name === 'Pilot die niet doorgaat'),
      false,
    );
    await h.checkBoth(t, page, 'steering edit (deleted)');

    // Change an indicator: another source and a baseline above 100 refused at its field.
    await item.selectOption({ label: 'Indicator T-MANTEL Mantelzorgers die zich zwaar belast voelen' });
    await page.locator('#ei-source-name').fill('Mantelzorgmonitor');
    await page.locator('#ei-baseline-value').fill('101');
    await save.click();
    await page.locator('#ei-baseline-value-error').waitFor();
    await page.locator('#ei-baseline-value').fill('15');
    await save.click();
    await page
      .getByText('Indicator T-MANTEL Mantelzorgers die zich zwaar belast voelen is opgeslagen.')
      .waitFor();
    const edited = (await indicatorsNow()).find((i) => i.code === 'T-MANTEL')!;
    assert.deepEqual([edited.sourceName, edited.baseline], ['Mantelzorgmonitor', { year: 2015, value: 15 }]);

    // Delete a recorded target, after confirming.
    await settle(page);
    await page
      .locator('#indicator-choice')
      .selectOption({ label: 'T-EENZAAM Inwoners die zich eenzaam voelen' });
    await page.getByRole('button', { name: 'Streefwaarde 2015 verwijderen' }).click();
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await page.getByText('Verwijderd.', { exact: true }).waitFor();
    const eenzaam = (await (
      await api('GET', `/api/v1/steering/indicators?programmeId=${programmeId}`)
    ).json()) as { items: { code: string; targets: { year: number }[] }[] };
    assert.equal(
      eenzaam.items.find((i) => i.code === 'T-EENZAAM')!.targets.some((x) => x.year === 2015),
      false,
    );
    await context.close();
  });

  test('a new programme with a goal and a theme, in English', async (t) => {
    const context = await h.context('beleidsadviseur', 'en');
    const page = await h.page(context);
    await h.open(page, '/sturing/bewerken');
    assert.equal(await page.locator('h1').textContent(), 'Edit steering');
    await page.locator('#programme-code').fill('T9');
    await page.locator('#programme-name').fill('Werk en inkomen (test)');
    await page.locator('#programme-first').fill('2024');
    await page.locator('#programme-last').fill('2022');
    await page.getByRole('button', { name: 'Add programme' }).click();
    await page.getByText('The last year lies before the first year.').first().waitFor();
    assert.equal(await page.locator('#programme-last').getAttribute('aria-invalid'), 'true');
    await page.locator('#programme-last').fill('2027');
    await page.getByRole('button', { name: 'Add programme' }).click();
    await page.getByRole('heading', { name: 'New societal goal' }).waitFor();
    assert.match(page.url(), /programma=[0-9a-f-]{36}/);
    await page.locator('#goal-code').fill('W1');
    await page.locator('#goal-name').fill('Meer inwoners hebben betaald werk');
    await page.locator('#goal-current').fill('Vier op de tien bijstandsgerechtigden zoeken werk.');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await page.getByText('Goal W1 Meer inwoners hebben betaald werk has been added.').waitFor();
    await settle(page);
    await page.locator('#theme-code').fill('RE');
    await page.locator('#theme-name').fill('Re-integratie');
    await page.locator('#theme-goal').selectOption({ label: 'W1 Meer inwoners hebben betaald werk' });
    await page.locator('#theme-taakveld').fill('zes');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await page.locator('#theme-taakveld-error').waitFor();
    await page.locator('#theme-taakveld').fill('6.3');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await page.getByText('Theme RE Re-integratie has been added.').waitFor();
    await h.checkBoth(t, page, 'steering edit (English)');
    const programmeIdNew = new URL(page.url()).searchParams.get('programma')!;
    const api = await h.api('beleidsadviseur');
    const detail = (await (await api('GET', `/api/v1/steering/programmes/${programmeIdNew}`)).json()) as {
      code: string;
      goals: { id: string; code: string; currentSituation: string }[];
      themes: { code: string; societalGoalId: string; taakveld: string }[];
    };
    assert.equal(detail.code, 'T9');
    assert.equal(detail.goals[0]!.currentSituation, 'Vier op de tien bijstandsgerechtigden zoeken werk.');
    assert.deepEqual(
      detail.themes.map((x) => [x.code, x.societalGoalId, x.taakveld]),
      [['RE', detail.goals[0]!.id, '6.3']],
    );
    await context.close();
  });

  test('no script errors or CSP complaints', () => {
    assert.deepEqual(h.problems, []);
  });
});
