import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { BREDE_INTAKE_DEFINITION } from '../../src/intake/broad-intake-definition.ts';
import { addDays } from '../../src/intake/legal-clocks.ts';
import { localDate } from '../../src/intake/local-date.ts';
import { LIFE_DOMAIN_CODES } from '../../src/intake/questionnaire-definition.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { newResident, rowCounts, serviceId, vindplaatsId } from './intake-test-helpers.ts';

/**
 * The broad intake (start, save with If-Match, complete with life-domain scores, a version retired
 * mid-intake), triage (each outcome and its rules), meldingen (aanvraag, suspensions), the team worklist
 * and the algemene voorzieningen nearest the resident; bad input everywhere leaves nothing written.
 */

const scores = Object.fromEntries(LIFE_DOMAIN_CODES.map((code, i) => [code, (i % 5) + 1]));
const fullAnswers = {
  hulpvraag: 'Sinds mijn operatie lukt het huishouden niet meer.',
  onderwerpen: ['huishouden', 'mobiliteit'],
  zelf: 'een-beetje',
  zelfToelichting: 'Ik kan nog zelf koken.',
  netwerk: 'beperkt',
  mantelzorger: true,
  mantelzorgBelasting: 'soms-zwaar',
  woonsituatie: 'alleen',
  spoed: false,
  leefgebieden: scores,
};

describe('intake, triage, meldingen and worklist', () => {
  let grip: TestApp;
  let toegang: Client;
  let zorgloket: string;
  let serial = 200;

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    zorgloket = await vindplaatsId(grip.database, 'GM0164', 'zorgloket');
  });
  after(() => grip.close());

  async function question(body: Record<string, unknown> = {}) {
    const response = await toegang.post('/api/v1/help-questions', {
      channel: 'balie',
      vindplaatsId: zorgloket,
      questionTypes: ['huishouden'],
      person: newResident(serial++),
      ...body,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; personId: string; householdId: string; reference: string };
  }

  async function startIntake(questionId: string) {
    const response = await toegang.post(`/api/v1/help-questions/${questionId}/intake`, { mode: 'balie' });
    assert.equal(response.statusCode, 201, response.body);
    return { intake: response.json(), etag: String(response.headers.etag) };
  }

  const save = (intakeId: string, body: unknown, etag?: string) =>
    toegang.request('PUT', `/api/v1/intakes/${intakeId}`, {
      body,
      headers: etag ? { 'if-match': etag } : {},
    });
  const completeIntake = (intakeId: string, etag?: string) =>
    toegang.post(`/api/v1/intakes/${intakeId}/complete`, {}, etag ? { 'if-match': etag } : {});

  test('start, save and complete: answers checked against the version, scores stored for the resident', async () => {
    const q = await question();
    const scoresBefore = (await rowCounts(grip.database)).life_domain_score;
    const { intake, etag } = await startIntake(q.id);
    assert.equal(intake.status, 'concept');
    assert.equal(intake.questionnaireVersion, 1);
    assert.equal(etag, '"1"');
    assert.ok(!intake.applicableQuestionIds.includes('mantelzorger'));
    const again = await toegang.post(`/api/v1/help-questions/${q.id}/intake`, { mode: 'telefoon' });
    assert.equal(again.statusCode, 409);

    const saved = await save(
      intake.id,
      { answers: { hulpvraag: 'Hulp', netwerk: 'ja' }, ownStrength: 'Koken' },
      etag,
    );
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.headers.etag, '"2"');
    assert.ok(saved.json().applicableQuestionIds.includes('mantelzorger'));
    assert.equal(saved.json().ownStrength, 'Koken');
    // A save with the old ETag is refused: someone else saved in between.
    const stale = await save(intake.id, { answers: { hulpvraag: 'Anders' } }, etag);
    assert.equal(stale.statusCode, 412);
    assert.equal((await save(intake.id, { answers: {} })).statusCode, 428);

    const incomplete = await completeIntake(intake.id, '"2"');
    assert.equal(incomplete.statusCode, 400);
    const missing = incomplete
      .json()
      .invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`);
    assert.ok(missing.includes('answers.mantelzorger:required'), missing.join(' '));
    assert.ok(missing.includes('answers.leefgebieden:required'));
    assert.equal((await rowCounts(grip.database)).life_domain_score, scoresBefore, 'no scores yet');

    const full = await save(
      intake.id,
      { answers: fullAnswers, networkStrength: 'Dochter, 1x per week' },
      '"2"',
    );
    assert.equal(full.statusCode, 200, full.body);
    const done = await completeIntake(intake.id, String(full.headers.etag));
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().status, 'afgerond');
    assert.ok(done.json().completedAt);
    assert.equal(done.json().lifeDomainScores.length, 13);
    const stored = await grip.database.db
      .selectFrom('life_domain_score')
      .where('intake_id', '=', intake.id)
      .select(['person_id', 'life_domain_code', 'score', 'assessed_on'])
      .execute();
    assert.equal(stored.length, 13);
    assert.ok(stored.every((s) => s.person_id === q.personId && s.assessed_on === localDate()));
    assert.equal(stored.find((s) => s.life_domain_code === 'financien')!.score, 1);

    // Completed: no more saves or completion.
    assert.equal(
      (await save(intake.id, { answers: fullAnswers }, String(done.headers.etag))).statusCode,
      409,
    );
    assert.equal((await completeIntake(intake.id, String(done.headers.etag))).statusCode, 409);
    const read = await toegang.get(`/api/v1/intakes/${intake.id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().status, 'afgerond');
    const detail = (await toegang.get(`/api/v1/help-questions/${q.id}`)).json();
    assert.equal(detail.intake.id, intake.id);
  });

  test('wrong answers on save: unknown question, not applicable, wrong type, oversized text, unknown field', async () => {
    const q = await question();
    const { intake, etag } = await startIntake(q.id);
    const before = await rowCounts(grip.database);
    const cases: { name: string; body: unknown; param: string; code: string }[] = [
      {
        name: 'unknown question',
        body: { answers: { kleur: 'blauw' } },
        param: 'answers.kleur',
        code: 'unknown-question',
      },
      {
        name: 'not applicable by showIf',
        body: { answers: { netwerk: 'nee', mantelzorger: true } },
        param: 'answers.mantelzorger',
        code: 'not-applicable',
      },
      {
        name: 'wrong type',
        body: { answers: { spoed: 'nee' } },
        param: 'answers.spoed',
        code: 'invalid-type',
      },
      {
        name: 'text over 4000',
        body: { answers: { hulpvraag: 'x'.repeat(4001) } },
        param: 'answers.hulpvraag',
        code: 'too-big',
      },
      {
        name: 'score out of range',
        body: { answers: { leefgebieden: { financien: 6 } } },
        param: 'answers.leefgebieden.financien',
        code: 'too-big',
      },
      {
        name: 'unknown option',
        body: { answers: { zelf: 'soms' } },
        param: 'answers.zelf',
        code: 'invalid-value',
      },
      { name: 'unknown field', body: { answers: {}, notes: 'x' }, param: 'notes', code: 'unknown-field' },
      {
        name: 'oversized own strength',
        body: { answers: {}, ownStrength: 'x'.repeat(4001) },
        param: 'ownStrength',
        code: 'too-big',
      },
      { name: 'answers not an object', body: { answers: ['x'] }, param: 'answers', code: 'invalid-type' },
    ];
    for (const c of cases) {
      const response = await save(intake.id, c.body, etag);
      assert.equal(response.statusCode, 400, `${c.name}: ${response.body}`);
      const found = response.json().invalidParams.find((p: { name: string }) => p.name === c.param);
      assert.ok(found, `${c.name}: ${response.body}`);
      assert.equal(found.code, c.code, c.name);
      assert.ok(found.nl && found.en, c.name);
    }
    assert.deepEqual(await rowCounts(grip.database), before);
    const unchanged = (await toegang.get(`/api/v1/intakes/${intake.id}`)).json();
    assert.equal(unchanged.version, 1);
    assert.deepEqual(unchanged.answers, {});
  });

  test('a version retired mid-intake: the intake completes on its own version; new intakes use the new one', async () => {
    const q = await question();
    const { intake } = await startIntake(q.id);
    const beheer = await grip.login('functioneel-beheerder');
    const questionnaireId = (await beheer.get('/api/v1/questionnaires'))
      .json()
      .items.find((x: { name: string }) => x.name === 'Brede intake').id;
    // Version 2 drops "spoed" and adds a required question.
    const definition = {
      questions: [
        ...BREDE_INTAKE_DEFINITION.questions.filter((x) => x.id !== 'spoed'),
        { id: 'huisdieren', type: 'boolean', required: true, label: { nl: 'Huisdieren?', en: 'Pets?' } },
      ],
    };
    const draft = await beheer.post(`/api/v1/questionnaires/${questionnaireId}/versions`, { definition });
    assert.equal(draft.statusCode, 201, draft.body);
    const published = await beheer.post(`/api/v1/questionnaire-versions/${draft.json().id}/publish`, {});
    assert.equal(published.statusCode, 200, published.body);

    // The running intake keeps version 1: "spoed" is still a question, "huisdieren" is not.
    const saved = await save(intake.id, { answers: fullAnswers }, '"1"');
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().questionnaireVersion, 1);
    const wrong = await save(intake.id, { answers: { ...fullAnswers, huisdieren: true } }, '"2"');
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().invalidParams[0].code, 'unknown-question');
    const done = await completeIntake(intake.id, '"2"');
    assert.equal(done.statusCode, 200, done.body);

    const next = await startIntake((await question()).id);
    assert.equal(next.intake.questionnaireVersion, 2);
    assert.equal(next.intake.questionnaireVersionId, draft.json().id);
  });

  test('intake bad input: other municipality, anonymous question, unknown mode, closed question', async () => {
    const before = await rowCounts(grip.database);
    const enschede = await grip.login('toegang-medewerker', 'GM0153');
    const q = await question();
    const mid = await rowCounts(grip.database);
    assert.equal(
      (await enschede.post(`/api/v1/help-questions/${q.id}/intake`, { mode: 'balie' })).statusCode,
      404,
    );
    const mode = await toegang.post(`/api/v1/help-questions/${q.id}/intake`, { mode: 'café' });
    assert.equal(mode.statusCode, 400);
    assert.equal(mode.json().invalidParams[0].name, 'mode');
    const extra = await toegang.post(`/api/v1/help-questions/${q.id}/intake`, { mode: 'balie', version: 3 });
    assert.equal(extra.statusCode, 400);
    const anonymous = (
      await toegang.post('/api/v1/help-questions', {
        channel: 'telefoon',
        vindplaatsId: zorgloket,
        questionTypes: ['inkomen'],
        person: null,
      })
    ).json();
    const noPerson = await toegang.post(`/api/v1/help-questions/${anonymous.id}/intake`, {
      mode: 'telefoon',
    });
    assert.equal(noPerson.statusCode, 409);
    assert.equal(noPerson.json().code, 'person-required');
    const after = await rowCounts(grip.database);
    assert.equal(after.intake, mid.intake);
    assert.equal(after.help_question, before.help_question + 2);
    const { intake } = await startIntake(q.id);
    assert.equal((await enschede.get(`/api/v1/intakes/${intake.id}`)).statusCode, 404);
    const complete404 = await enschede.post(
      `/api/v1/intakes/${intake.id}/complete`,
      {},
      { 'if-match': '"1"' },
    );
    assert.equal(complete404.statusCode, 404);
    assert.equal((await completeIntake(intake.id, '"7"')).statusCode, 412);
    assert.equal((await completeIntake(intake.id)).statusCode, 428);
    assert.equal(
      (await toegang.post(`/api/v1/intakes/${intake.id}/complete`, { now: true }, { 'if-match': '"1"' }))
        .statusCode,
      400,
    );
    assert.equal((await toegang.get(`/api/v1/intakes/${intake.id}`)).json().status, 'concept');
    assert.equal(
      (
        await enschede.request('PUT', `/api/v1/intakes/${intake.id}`, {
          body: { answers: {} },
          headers: { 'if-match': '"1"' },
        })
      ).statusCode,
      404,
    );
  });

  test('triage: advice and referral close the question; a referral needs an algemene voorziening of this municipality', async () => {
    const info = await question({ person: null, questionTypes: ['inkomen'] });
    const advice = await toegang.post(`/api/v1/help-questions/${info.id}/triage`, {
      outcome: 'informatie-advies',
    });
    assert.equal(advice.statusCode, 201, advice.body);
    assert.equal(advice.json().questionStatus, 'afgesloten');
    assert.equal(advice.json().melding, null);
    const twice = await toegang.post(`/api/v1/help-questions/${info.id}/triage`, {
      outcome: 'informatie-advies',
    });
    assert.equal(twice.statusCode, 409);

    const q = await question();
    const before = await rowCounts(grip.database);
    const maatwerk = await serviceId(grip.database, 'GM0164', 'maatwerk');
    const otherAlgemeen = await serviceId(grip.database, 'GM0153', 'algemeen');
    const bad: { name: string; body: Record<string, unknown>; param: string; code: string }[] = [
      {
        name: 'no service',
        body: { outcome: 'verwijzing-algemene-voorziening' },
        param: 'referredServiceId',
        code: 'required',
      },
      {
        name: 'a maatwerkvoorziening',
        body: { outcome: 'verwijzing-algemene-voorziening', referredServiceId: maatwerk },
        param: 'referredServiceId',
        code: 'not-algemeen',
      },
      {
        name: "another municipality's service",
        body: { outcome: 'verwijzing-algemene-voorziening', referredServiceId: otherAlgemeen },
        param: 'referredServiceId',
        code: 'unknown-service',
      },
      {
        name: 'melding without law',
        body: { outcome: 'melding', homeVisitDate: localDate() },
        param: 'lawCode',
        code: 'required',
      },
      {
        name: 'first melding without home visit',
        body: { outcome: 'melding', lawCode: 'wmo' },
        param: 'homeVisitDate',
        code: 'required',
      },
      {
        name: 'home visit in the past',
        body: { outcome: 'melding', lawCode: 'wmo', homeVisitDate: '2020-01-01' },
        param: 'homeVisitDate',
        code: 'out-of-range',
      },
      {
        name: 'impossible date',
        body: { outcome: 'melding', lawCode: 'wmo', homeVisitDate: '2025-02-30' },
        param: 'homeVisitDate',
        code: 'invalid-format',
      },
      { name: 'urgent without reason', body: { outcome: 'urgent' }, param: 'urgentReason', code: 'required' },
      { name: 'unknown outcome', body: { outcome: 'doorsturen' }, param: 'outcome', code: 'invalid-value' },
      {
        name: 'unknown law',
        body: { outcome: 'melding', lawCode: 'awbz' },
        param: 'lawCode',
        code: 'invalid-value',
      },
      {
        name: 'field of another outcome',
        body: { outcome: 'informatie-advies', urgentReason: 'dakloosheid' },
        param: 'urgentReason',
        code: 'not-for-outcome',
      },
      {
        name: 'unknown field',
        body: { outcome: 'informatie-advies', note: 'x' },
        param: 'note',
        code: 'unknown-field',
      },
    ];
    for (const c of bad) {
      const response = await toegang.post(`/api/v1/help-questions/${q.id}/triage`, c.body);
      assert.equal(response.statusCode, 400, `${c.name}: ${response.body}`);
      const found = response.json().invalidParams.find((p: { name: string }) => p.name === c.param);
      assert.ok(found, `${c.name}: ${response.body}`);
      assert.equal(found.code, c.code, c.name);
    }
    assert.deepEqual(await rowCounts(grip.database), before);
    const enschede = await grip.login('toegang-medewerker', 'GM0153');
    assert.equal(
      (await enschede.post(`/api/v1/help-questions/${q.id}/triage`, { outcome: 'informatie-advies' }))
        .statusCode,
      404,
    );

    const algemeen = await serviceId(grip.database, 'GM0164', 'algemeen');
    const referral = await toegang.post(`/api/v1/help-questions/${q.id}/triage`, {
      outcome: 'verwijzing-algemene-voorziening',
      referredServiceId: algemeen,
    });
    assert.equal(referral.statusCode, 201, referral.body);
    assert.equal(referral.json().questionStatus, 'afgesloten');
    assert.equal(referral.json().triage.referredServiceId, algemeen);
  });

  test('triage melding: legal clocks, home visit; aanvraag and suspensions move the due dates', async () => {
    const q = await question();
    const today = localDate();
    const visit = addDays(today, 3);
    const response = await toegang.post(`/api/v1/help-questions/${q.id}/triage`, {
      outcome: 'melding',
      lawCode: 'wmo',
      homeVisitDate: visit,
    });
    assert.equal(response.statusCode, 201, response.body);
    const { melding, triage, questionStatus } = response.json();
    assert.equal(questionStatus, 'open');
    assert.equal(triage.homeVisitDate, visit);
    assert.equal(melding.meldedDate, today);
    assert.equal(melding.investigationDueDate, addDays(today, 42));
    assert.equal(melding.decisionDueDate, null);
    assert.equal(melding.clock, 'onderzoek');
    assert.equal(melding.state, 'op-tijd');
    const stored = await grip.database.db
      .selectFrom('triage')
      .where('help_question_id', '=', q.id)
      .select('home_visit_planned_on')
      .executeTakeFirstOrThrow();
    assert.equal(stored.home_visit_planned_on, visit);

    // A second melding of the same resident (another question) needs no home visit.
    const second = await toegang.post('/api/v1/help-questions', {
      channel: 'telefoon',
      vindplaatsId: zorgloket,
      questionTypes: ['schulden'],
      person: { personId: q.personId },
    });
    const debt = await toegang.post(`/api/v1/help-questions/${second.json().id}/triage`, {
      outcome: 'melding',
      lawCode: 'schuldhulp',
    });
    assert.equal(debt.statusCode, 201, debt.body);
    assert.equal(debt.json().melding.investigationDueDate, addDays(today, 28));

    // Suspension from today: the clock stands still; ending it today moves the due date one day.
    const before = await rowCounts(grip.database);
    const suspensionBad = [
      { body: { fromDate: addDays(today, 1), reason: 'wacht-op-advies' }, param: 'fromDate' },
      { body: { fromDate: addDays(today, -1), reason: 'wacht-op-advies' }, param: 'fromDate' },
      { body: { fromDate: today, reason: 'vakantie' }, param: 'reason' },
      { body: { fromDate: '2025-02-30', reason: 'wacht-op-advies' }, param: 'fromDate' },
      { body: { fromDate: today, reason: 'wacht-op-advies', untilDate: today }, param: 'untilDate' },
    ];
    for (const c of suspensionBad) {
      const r = await toegang.post(`/api/v1/meldingen/${melding.id}/suspensions`, c.body);
      assert.equal(r.statusCode, 400, r.body);
      assert.ok(
        r.json().invalidParams.some((p: { name: string }) => p.name === c.param),
        r.body,
      );
    }
    assert.deepEqual(await rowCounts(grip.database), before);
    const suspended = await toegang.post(`/api/v1/meldingen/${melding.id}/suspensions`, {
      fromDate: today,
      reason: 'wacht-op-gegevens-inwoner',
    });
    assert.equal(suspended.statusCode, 201, suspended.body);
    assert.equal(suspended.json().suspendedDays, 1);
    assert.equal(suspended.json().investigationDueDate, addDays(today, 43));
    const open = suspended.json().suspensions[0];
    assert.equal(open.untilDate, null);
    assert.equal(
      (
        await toegang.post(`/api/v1/meldingen/${melding.id}/suspensions`, {
          fromDate: today,
          reason: 'wacht-op-advies',
        })
      ).statusCode,
      409,
    );
    const endBad = await toegang.post(`/api/v1/meldingen/${melding.id}/suspensions/${open.id}/end`, {
      untilDate: addDays(today, -1),
    });
    assert.equal(endBad.statusCode, 400);
    const ended = await toegang.post(`/api/v1/meldingen/${melding.id}/suspensions/${open.id}/end`, {
      untilDate: today,
    });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().suspensions[0].untilDate, today);
    assert.equal(ended.json().investigationDueDate, addDays(today, 43));
    assert.equal(
      (await toegang.post(`/api/v1/meldingen/${melding.id}/suspensions/${open.id}/end`, { untilDate: today }))
        .statusCode,
      409,
    );
    const unknownSuspension = await toegang.post(
      `/api/v1/meldingen/${melding.id}/suspensions/00000000-0000-4000-8000-000000000000/end`,
      { untilDate: today },
    );
    assert.equal(unknownSuspension.statusCode, 404);
    const row = await grip.database.db
      .selectFrom('melding')
      .where('id', '=', melding.id)
      .select(['investigation_due_on', 'suspended_days'])
      .executeTakeFirstOrThrow();
    assert.equal(row.investigation_due_on, addDays(today, 43));
    assert.equal(row.suspended_days, 1);

    // Aanvraag: the Wmo decision clock of 2 weeks starts.
    const badAanvraag = await toegang.post(`/api/v1/meldingen/${melding.id}/aanvraag`, {
      aanvraagDate: addDays(today, -1),
    });
    assert.equal(badAanvraag.statusCode, 400);
    const impossible = await toegang.post(`/api/v1/meldingen/${melding.id}/aanvraag`, {
      aanvraagDate: '2025-13-01',
    });
    assert.equal(impossible.statusCode, 400);
    const aanvraag = await toegang.post(`/api/v1/meldingen/${melding.id}/aanvraag`, { aanvraagDate: today });
    assert.equal(aanvraag.statusCode, 200, aanvraag.body);
    assert.equal(aanvraag.json().status, 'aanvraag');
    assert.equal(aanvraag.json().clock, 'beslissing');
    // The suspension day lies on the aanvraag day, so it now stops the decision clock instead.
    assert.equal(aanvraag.json().decisionDueDate, addDays(today, 15));
    assert.equal(
      (await toegang.post(`/api/v1/meldingen/${melding.id}/aanvraag`, { aanvraagDate: today })).statusCode,
      409,
    );

    const enschede = await grip.login('toegang-medewerker', 'GM0153');
    assert.equal(
      (await enschede.post(`/api/v1/meldingen/${melding.id}/aanvraag`, { aanvraagDate: today })).statusCode,
      404,
    );
    assert.equal(
      (
        await enschede.post(`/api/v1/meldingen/${melding.id}/suspensions`, {
          fromDate: today,
          reason: 'wacht-op-advies',
        })
      ).statusCode,
      404,
    );
    const detail = (await toegang.get(`/api/v1/help-questions/${q.id}`)).json();
    assert.equal(detail.melding.id, melding.id);
    assert.equal(detail.triage.outcome, 'melding');
  });

  test("urgent shows as a flag; the worklist has due dates, states and the caller's team by default", async () => {
    const urgentQuestion = await question();
    const urgent = await toegang.post(`/api/v1/help-questions/${urgentQuestion.id}/triage`, {
      outcome: 'urgent',
      urgentReason: 'onveilige-situatie',
    });
    assert.equal(urgent.statusCode, 201, urgent.body);
    assert.equal(urgent.json().questionStatus, 'open');

    // A melding made 40 days ago (bijna) and one 50 days ago (te-laat), set back in the database.
    const near = await question();
    const late = await question({ person: { personId: near.personId } });
    for (const [q, days] of [
      [near, 40],
      [late, 50],
    ] as const) {
      const r = await toegang.post(`/api/v1/help-questions/${q.id}/triage`, {
        outcome: 'melding',
        lawCode: 'wmo',
        homeVisitDate: localDate(),
      });
      assert.equal(r.statusCode, 201, r.body);
      const melded = addDays(localDate(), -days);
      await sql`UPDATE melding SET melded_on = ${melded}::date, investigation_due_on = ${addDays(melded, 42)}::date
        WHERE id = ${r.json().melding.id}`.execute(grip.database.db);
    }

    const worklist = await toegang.get('/api/v1/worklist?pageSize=500');
    assert.equal(worklist.statusCode, 200, worklist.body);
    const body = worklist.json();
    assert.match(body.teamName, /^Toegangsteam/);
    const items = body.items as {
      helpQuestionId: string;
      kind: string;
      state: string | null;
      dueDate: string | null;
      daysLeft: number | null;
      urgentReason: string | null;
    }[];
    const nearItem = items.find((i) => i.helpQuestionId === near.id)!;
    const lateItem = items.find((i) => i.helpQuestionId === late.id)!;
    assert.equal(nearItem.kind, 'melding');
    assert.equal(nearItem.state, 'bijna');
    assert.equal(nearItem.daysLeft, 2);
    assert.equal(lateItem.state, 'te-laat');
    assert.equal(lateItem.daysLeft, -8);
    assert.equal(
      items.find((i) => i.helpQuestionId === urgentQuestion.id)!.urgentReason,
      'onveilige-situatie',
    );
    // Sorted by due date, those without one last.
    const due = items.map((i) => i.dueDate ?? '9999-12-31');
    assert.deepEqual(due, [...due].sort());
    assert.equal(items[0]!.helpQuestionId, late.id);
    assert.ok(body.totals.teLaat >= 1 && body.totals.bijna >= 1 && body.totals.urgent >= 1);
    // Closed questions are not on it.
    assert.ok(items.every((i) => i.kind === 'melding' || i.dueDate === null));

    // The wijkteam worker's default team is the demo wijkteam; another team by id; bad team ids refused.
    const wijkteam = await grip.login('wijkteam-medewerker');
    const theirs = await wijkteam.get('/api/v1/worklist');
    assert.equal(theirs.statusCode, 200, theirs.body);
    assert.match(theirs.json().teamName, /^Wijkteam/);
    const byId = await wijkteam.get(`/api/v1/worklist?teamId=${body.teamId}`);
    assert.equal(byId.json().teamId, body.teamId);
    const enschedeTeam = (
      await grip.database.db
        .selectFrom('team')
        .where('municipality_code', '=', 'GM0153')
        .select('id')
        .executeTakeFirstOrThrow()
    ).id;
    const foreign = await toegang.get(`/api/v1/worklist?teamId=${enschedeTeam}`);
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.json().invalidParams[0].code, 'unknown-team');
    assert.equal((await toegang.get('/api/v1/worklist?teamId=abc')).statusCode, 400);
    assert.equal((await toegang.get('/api/v1/worklist?sort=due')).statusCode, 400);
    assert.equal((await (await grip.login('beleidsadviseur')).get('/api/v1/worklist')).statusCode, 403);
  });

  test("algemene voorzieningen: those in the resident's wijk first, then by distance between buurt centroids", async () => {
    const all = await toegang.get('/api/v1/services/algemene-voorzieningen');
    assert.equal(all.statusCode, 200, all.body);
    assert.equal(all.json().origin, null);
    assert.ok(all.json().items.length > 0);
    assert.ok(all.json().items.every((s: { inResidentWijk: boolean }) => !s.inResidentWijk));

    // A resident in a buurt of the last wijk of Hengelo.
    const buurt = await grip.database.db
      .selectFrom('buurt')
      .where('municipality_code', '=', 'GM0164')
      .select(['code', 'wijk_code'])
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    const q = await question({
      person: newResident(serial++, {
        address: {
          street: 'Oosterstraat',
          houseNumber: 3,
          postcode: '7555AA',
          city: 'Hengelo',
          buurtCode: buurt.code,
        },
      }),
    });
    const near = await toegang.get(`/api/v1/services/algemene-voorzieningen?nearPersonId=${q.personId}`);
    assert.equal(near.statusCode, 200, near.body);
    const body = near.json();
    assert.deepEqual(body.origin, { buurtCode: buurt.code, wijkCode: buurt.wijk_code });
    const items = body.items as {
      inResidentWijk: boolean;
      nearestDistanceKm: number | null;
      locations: { wijkCode: string; inResidentWijk: boolean; distanceKm: number | null }[];
    }[];
    const firstOutside = items.findIndex((s) => !s.inResidentWijk);
    assert.ok(firstOutside > 0, 'services with a location in the wijk come first');
    assert.ok(items.slice(firstOutside).every((s) => !s.inResidentWijk));
    const outside = items.slice(firstOutside).map((s) => s.nearestDistanceKm ?? Infinity);
    assert.deepEqual(
      outside,
      [...outside].sort((a, b) => a - b),
    );
    assert.ok(items[0]!.locations[0]!.inResidentWijk);
    assert.ok(items[0]!.locations[0]!.distanceKm! < 3);

    const enschedePerson = (
      await grip.database.db
        .selectFrom('person')
        .where('municipality_code', '=', 'GM0153')
        .select('id')
        .executeTakeFirstOrThrow()
    ).id;
    const foreign = await toegang.get(
      `/api/v1/services/algemene-voorzieningen?nearPersonId=${enschedePerson}`,
    );
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.json().invalidParams[0].name, 'query.nearPersonId');
    assert.equal(
      (await toegang.get('/api/v1/services/algemene-voorzieningen?nearPersonId=x')).statusCode,
      400,
    );
    assert.equal((await toegang.get('/api/v1/services/algemene-voorzieningen?law=wmo')).statusCode, 400);
  });
});
