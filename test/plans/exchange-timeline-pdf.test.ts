/**
 * The household's timeline (every event in order, never another household's) and the plan as a PDF in
 * plain Dutch, read back as text: names, goals, actions, help, scores, the next conversation, the version
 * and the agreement — with Dutch characters that the standard fonts must not choke on.
 */
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { localDate } from '../../src/intake/local-date.ts';
import { dutchDate } from '../../src/plans/plan-pdf.ts';
import { startOfLocalDay } from '../../src/plans/timeline-repository.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { addDays, householdWithPlan, linkResident, userId, type PlanFixture } from './exchange-helpers.ts';

/** The text a PDF made by pdf-lib shows: its content streams inflated, every `<hex> Tj` decoded as WinAnsi. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const decoder = new TextDecoder('windows-1252');
  const lines: string[] = [];
  const streams = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streams.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      lines.push(decoder.decode(Buffer.from(op[1]!, 'hex')));
    }
    streams.lastIndex = end;
  }
  return lines.join('\n');
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('plan timeline and PDF', () => {
  let grip: TestApp;
  let toegang: Client;
  let regisseur: Client;
  let inwoner: Client;
  let plan: PlanFixture;
  let other: PlanFixture;
  const today = localDate();

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    regisseur = await grip.login('regisseur');
    inwoner = await grip.login('inwoner');
    plan = await householdWithPlan(grip, toegang, 800, {
      givenNames: 'Zoë Łukasz',
      familyName: "D'Hondt-Ørsted",
    });
    other = await householdWithPlan(grip, toegang, 801);
    await linkResident(grip, plan.personId);

    const db = grip.database.db;
    const mc = 'GM0164';
    const service = await db
      .selectFrom('service')
      .select('id')
      .where('municipality_code', '=', mc)
      .where('kind', '=', 'maatwerk')
      .where('law_code', '=', 'wmo')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const provider = await db
      .insertInto('provider')
      .values({ municipality_code: mc, name: 'Thuiszorg Twente' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const contract = await db
      .insertInto('contract')
      .values({
        municipality_code: mc,
        provider_id: provider.id,
        reference: 'C-TEST-1',
        lot: 'Wmo begeleiding',
        funding_variant: 'outputgericht',
        valid_from: '2020-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [fixture, n] of [
      [plan, 1],
      [other, 2],
    ] as const) {
      const beschikking = await db
        .insertInto('beschikking')
        .values({
          municipality_code: mc,
          reference: `BS-2026-00000${n}`,
          person_id: fixture.personId,
          law_code: 'wmo',
          decided_on: addDays(today, 1),
          outcome: 'toegekend',
          legal_grounds: 'Wmo 2015 art. 2.3.5',
          objection_deadline: addDays(today, 43),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const product = await db
        .insertInto('beschikking_product')
        .values({
          municipality_code: mc,
          beschikking_id: beschikking.id,
          service_id: service.id,
          outcome: 'toegekend',
          start_date: addDays(today, 2),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('toewijzing')
        .values({
          municipality_code: mc,
          toewijzing_number: 1000 + n,
          beschikking_product_id: product.id,
          person_id: fixture.personId,
          provider_id: provider.id,
          contract_id: contract.id,
          service_id: service.id,
          law_code: 'wmo',
          start_date: addDays(today, 2),
          end_date: addDays(today, 40),
          commitment_cents: 0,
          status: 'beeindigd',
          end_reason_code: '01',
        })
        .execute();
      await db
        .insertInto('signal')
        .values({
          municipality_code: mc,
          kind: 'huurachterstand',
          source: 'Woningcorporatie',
          received_on: addDays(today, -30),
          household_id: fixture.householdId,
          status: 'contact-gelegd',
        })
        .execute();
    }
  });
  after(() => grip.close());

  test("the timeline shows the household's events in order, and none of another household", async () => {
    assert.equal(
      (await toegang.post(`/api/v1/plans/${plan.planId}/messages`, { body: 'Welkom bij uw plan' }))
        .statusCode,
      201,
    );
    const upload = await toegang.request('POST', `/api/v1/plans/${plan.planId}/documents`, {
      body: Buffer.from('Verslag van het gesprek'),
      headers: { 'content-type': 'text/plain', 'x-file-name': 'verslag.txt' },
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const agreed = await inwoner.post('/api/v1/portal/plan/versions/1/agreement', { agreement: 'akkoord' });
    assert.equal(agreed.statusCode, 200, agreed.body);
    // The other household has a message too.
    await toegang.post(`/api/v1/plans/${other.planId}/messages`, { body: 'Ander huishouden' });

    const response = await regisseur.get(`/api/v1/plans/${plan.planId}/timeline`);
    assert.equal(response.statusCode, 200, response.body);
    const items = response.json().items as {
      at: string;
      allDay: boolean;
      kind: string;
      title: { nl: string; en: string };
      detail: string | null;
      link: string | null;
    }[];
    assert.deepEqual(
      items.map((i) => i.kind),
      [
        'signaal',
        'hulpvraag',
        'triage',
        'plan-versie',
        'bericht',
        'document',
        'plan-akkoord',
        'melding',
        'startmeting',
        'beschikking',
        'toewijzing-start',
        'toewijzing-einde',
        'evaluatie-gepland',
      ],
    );
    const byKind = (kind: string) => items.find((i) => i.kind === kind)!;
    assert.equal(byKind('beschikking').title.nl, 'Beschikking BS-2026-000001: toegekend');
    assert.equal(byKind('beschikking').at, startOfLocalDay(addDays(today, 1)));
    assert.equal(byKind('beschikking').allDay, true);
    assert.equal(byKind('bericht').detail, 'Welkom bij uw plan');
    assert.equal(byKind('document').title.nl, 'Document verslag.txt');
    assert.equal(byKind('toewijzing-start').detail?.endsWith('(Thuiszorg Twente)'), true);
    assert.equal(byKind('plan-akkoord').link, `/plannen/${plan.planId}`);
    for (const item of items) {
      assert.ok(!Number.isNaN(Date.parse(item.at)), item.at);
      assert.ok(item.title.nl && item.title.en);
    }
    const text = JSON.stringify(items);
    assert.ok(!text.includes(other.planId), "another household's plan never appears");
    assert.ok(!text.includes('BS-2026-000002') && !text.includes('Ander huishouden'));

    // Not involved: refused.
    const wijkteam = await grip.login('wijkteam-medewerker');
    const refused = await wijkteam.get(`/api/v1/plans/${plan.planId}/timeline`);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'plan-not-involved');
  });

  test('the PDF tells the plan in plain Dutch, with Dutch characters intact', async () => {
    // An emoji in a goal cannot be shown by the standard fonts: it becomes "?", and the PDF is still made.
    await grip.database.db
      .insertInto('plan_goal')
      .values({
        municipality_code: 'GM0164',
        plan_id: plan.planId,
        description: 'Elke week één keer sporten 💪 met de buurvrouw',
        owner_kind: 'netwerk',
        target_date: addDays(today, 90),
        status: 'open',
        position: 1,
      })
      .execute();
    const response = await regisseur.get(`/api/v1/plans/${plan.planId}/pdf`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(
      String(response.headers['content-disposition']),
      /^attachment; filename="plan-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const pdf = response.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = flat(pdfText(pdf));
    for (const expected of [
      'Ons plan',
      "Zoë Lukasz D'Hondt-Ørsted",
      'Kees Kind800, 10 jaar (kind)',
      'Uw regisseur is Rachida Regisseur (demo).',
      "De contactpersoon van uw huishouden is Zoë Lukasz D'Hondt-Ørsted.",
      'Doel 1: Ik wil mijn rekeningen weer op tijd betalen, zónder stress over “de post” (€ 50 per week sparen)',
      "Wie werkt eraan: Zoë Lukasz D'Hondt-Ørsted",
      `Klaar op: ${dutchDate(addDays(today, 120))} (nog bezig)`,
      'Wat we doen: Samen met de schuldhulpmaatje een overzicht maken van alle rekeningen',
      'Hulp: ',
      'Doel 2: Elke week één keer sporten ? met de buurvrouw',
      'Wie werkt eraan: uw netwerk: familie, vrienden of buren',
      `Financiën: 2 (gemeten op ${dutchDate(today)})`,
      `We bespreken het plan weer met u op ${dutchDate(addDays(today, 60))}.`,
      'Versie 1',
      'U bent akkoord met deze versie van het plan.',
      'Pagina 1 van',
    ]) {
      assert.ok(text.includes(expected), `PDF lacks "${expected}":\n${text}`);
    }
    assert.ok(!text.includes('Kind801'), "nothing of another household's plan");

    // The resident gets the same PDF in the portal; professionals not involved do not.
    const portal = await inwoner.get('/api/v1/portal/plan/pdf');
    assert.equal(portal.statusCode, 200);
    assert.equal(portal.headers['content-type'], 'application/pdf');
    assert.ok(flat(pdfText(portal.rawPayload)).includes('Uw regisseur is Rachida Regisseur (demo).'));
    const wijkteam = await grip.login('wijkteam-medewerker');
    assert.equal((await wijkteam.get(`/api/v1/plans/${plan.planId}/pdf`)).statusCode, 403);
    // Reading the PDF is in the processing log with the participants.
    const entry = await grip.database.db
      .selectFrom('processing_log')
      .select(['subject_ids', 'actor_user_id'])
      .where('action', '=', 'plan-pdf.read')
      .where('outcome', '=', 'success')
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_user_id, await userId(grip, 'regisseur@hengelo.demo'));
    assert.deepEqual([...entry.subject_ids].sort(), [plan.personId, plan.childId].sort());
  });
});
