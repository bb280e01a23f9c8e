import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BREDE_INTAKE_DEFINITION } from '../../src/intake/broad-intake-definition.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { rowCounts } from './intake-test-helpers.ts';

/**
 * The questionnaire admin: the demo "Brede intake", drafts (a copy of the current version), changes with
 * If-Match, publication retiring the previous version, published versions frozen, and bad definitions.
 */

describe('questionnaire', () => {
  let grip: TestApp;
  let beheer: Client;
  let toegang: Client;
  let questionnaireId: string;

  before(async () => {
    grip = await createTestApp();
    beheer = await grip.login('functioneel-beheerder');
    toegang = await grip.login('toegang-medewerker');
  });
  after(() => grip.close());

  test('every demo municipality has "Brede intake" version 1 published; caseworkers read the current one', async () => {
    const list = await beheer.get('/api/v1/questionnaires');
    assert.equal(list.statusCode, 200, list.body);
    const brede = list.json().items.find((q: { name: string }) => q.name === 'Brede intake');
    assert.ok(brede);
    questionnaireId = brede.id;
    assert.equal(brede.versions.length, 1);
    assert.equal(brede.versions[0].status, 'gepubliceerd');
    const current = await toegang.get('/api/v1/questionnaires/current');
    assert.equal(current.statusCode, 200, current.body);
    assert.equal(current.json().version, 1);
    assert.deepEqual(current.json().definition, BREDE_INTAKE_DEFINITION);
    const enschede = await (
      await grip.login('wijkteam-medewerker', 'GM0153')
    ).get('/api/v1/questionnaires/current');
    assert.equal(enschede.statusCode, 200);
    assert.notEqual(enschede.json().id, current.json().id);
    // The list is for the functioneel beheerder; the resident and the provider read nothing here.
    assert.equal((await toegang.get('/api/v1/questionnaires')).statusCode, 403);
    assert.equal((await (await grip.login('inwoner')).get('/api/v1/questionnaires/current')).statusCode, 403);
  });

  test('a draft is a copy of the current version, changes with If-Match, and is published', async () => {
    const created = await beheer.post(`/api/v1/questionnaires/${questionnaireId}/versions`, {});
    assert.equal(created.statusCode, 201, created.body);
    const draft = created.json();
    assert.equal(draft.version, 2);
    assert.equal(draft.status, 'concept');
    assert.deepEqual(draft.definition, BREDE_INTAKE_DEFINITION);
    const etag = String(created.headers.etag);
    // One draft at a time.
    assert.equal(
      (await beheer.post(`/api/v1/questionnaires/${questionnaireId}/versions`, {})).statusCode,
      409,
    );

    const changed = {
      questions: [
        ...BREDE_INTAKE_DEFINITION.questions,
        { id: 'opmerking', type: 'text', maxLength: 500, label: { nl: 'Opmerking', en: 'Remark' } },
      ],
    };
    const put = (body: unknown, headers: Record<string, string>) =>
      beheer.request('PUT', `/api/v1/questionnaire-versions/${draft.id}`, { body, headers });
    assert.equal((await put({ definition: changed }, {})).statusCode, 428);
    assert.equal((await put({ definition: changed }, { 'if-match': '"3"' })).statusCode, 400);
    const saved = await put({ definition: changed }, { 'if-match': etag });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().definition.questions.length, BREDE_INTAKE_DEFINITION.questions.length + 1);
    const stale = await put({ definition: BREDE_INTAKE_DEFINITION }, { 'if-match': etag });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.headers.etag, saved.headers.etag);

    const published = await beheer.post(
      `/api/v1/questionnaire-versions/${draft.id}/publish`,
      {},
      {
        'if-match': String(saved.headers.etag),
      },
    );
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, 'gepubliceerd');
    const current = await toegang.get('/api/v1/questionnaires/current');
    assert.equal(current.json().id, draft.id);
    const versions = (await beheer.get('/api/v1/questionnaires'))
      .json()
      .items.find((q: { id: string }) => q.id === questionnaireId).versions;
    assert.deepEqual(
      versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`),
      ['1:vervallen', '2:gepubliceerd'],
    );

    // A published version never changes, is not published twice, and can still be read.
    const frozen = await put(
      { definition: BREDE_INTAKE_DEFINITION },
      { 'if-match': String(published.headers.etag) },
    );
    assert.equal(frozen.statusCode, 409);
    assert.equal(frozen.json().code, 'version-frozen');
    assert.equal(
      (await beheer.post(`/api/v1/questionnaire-versions/${draft.id}/publish`, {})).statusCode,
      409,
    );
    const old = await toegang.get(`/api/v1/questionnaire-versions/${versions[0].id}`);
    assert.equal(old.statusCode, 200);
    assert.equal(old.json().status, 'vervallen');
  });

  test('bad definitions are refused with the place of the problem, and nothing is written', async () => {
    const before = await rowCounts(grip.database);
    const label = { nl: 'Vraag', en: 'Question' };
    const cases: { name: string; definition: unknown; param: RegExp }[] = [
      { name: 'no questions', definition: { questions: [] }, param: /^definition\.questions$/ },
      {
        name: 'unknown type',
        definition: { questions: [{ id: 'a', type: 'tekst', label }] },
        param: /questions\.0/,
      },
      {
        name: 'duplicate id',
        definition: {
          questions: [
            { id: 'a', type: 'text', label },
            { id: 'a', type: 'boolean', label },
          ],
        },
        param: /questions\.1\.id/,
      },
      {
        name: 'showIf to a later question',
        definition: {
          questions: [
            { id: 'a', type: 'boolean', label, showIf: { question: 'b', equals: [true] } },
            { id: 'b', type: 'boolean', label },
          ],
        },
        param: /questions\.0\.showIf/,
      },
      {
        name: 'unknown field',
        definition: { questions: [{ id: 'a', type: 'text', label, verplicht: true }] },
        param: /questions\.0\.verplicht/,
      },
      {
        name: 'maxLength over 4000',
        definition: { questions: [{ id: 'a', type: 'text', label, maxLength: 5000 }] },
        param: /questions\.0\.maxLength/,
      },
      {
        name: 'missing English',
        definition: { questions: [{ id: 'a', type: 'text', label: { nl: 'x' } }] },
        param: /label\.en/,
      },
    ];
    for (const c of cases) {
      const response = await beheer.post(`/api/v1/questionnaires/${questionnaireId}/versions`, {
        definition: c.definition,
      });
      assert.equal(response.statusCode, 400, `${c.name}: ${response.body}`);
      const names = response.json().invalidParams.map((p: { name: string }) => p.name);
      assert.ok(
        names.some((n: string) => c.param.test(n)),
        `${c.name}: ${names.join(', ')}`,
      );
    }
    const unknownTop = await beheer.post(`/api/v1/questionnaires/${questionnaireId}/versions`, { naam: 'x' });
    assert.equal(unknownTop.statusCode, 400);
    const otherMunicipality = (
      await (await grip.login('functioneel-beheerder', 'GM0153')).get('/api/v1/questionnaires')
    ).json().items[0].id;
    const foreign = await beheer.post(`/api/v1/questionnaires/${otherMunicipality}/versions`, {});
    assert.equal(foreign.statusCode, 404);
    assert.equal((await beheer.get('/api/v1/questionnaire-versions/not-a-uuid')).statusCode, 400);
    assert.equal((await beheer.get('/api/v1/questionnaires?page=2')).statusCode, 400);
    // Another municipality's draft: not found, not changed, not published.
    const enschedeBeheer = await grip.login('functioneel-beheerder', 'GM0153');
    const foreignDraft = await enschedeBeheer.post(
      `/api/v1/questionnaires/${otherMunicipality}/versions`,
      {},
    );
    assert.equal(foreignDraft.statusCode, 201, foreignDraft.body);
    const afterDraft = await rowCounts(grip.database);
    const foreignPut = await beheer.request(
      'PUT',
      `/api/v1/questionnaire-versions/${foreignDraft.json().id}`,
      {
        body: { definition: BREDE_INTAKE_DEFINITION },
        headers: { 'if-match': String(foreignDraft.headers.etag) },
      },
    );
    assert.equal(foreignPut.statusCode, 404);
    const foreignPublish = await beheer.post(
      `/api/v1/questionnaire-versions/${foreignDraft.json().id}/publish`,
      {},
    );
    assert.equal(foreignPublish.statusCode, 404);
    const stillDraft = await enschedeBeheer.get(`/api/v1/questionnaire-versions/${foreignDraft.json().id}`);
    assert.equal(stillDraft.json().status, 'concept');
    assert.equal(stillDraft.headers.etag, foreignDraft.headers.etag);
    assert.deepEqual(await rowCounts(grip.database), afterDraft);
    // A bad definition on a draft changes nothing.
    const badPut = await enschedeBeheer.request(
      'PUT',
      `/api/v1/questionnaire-versions/${foreignDraft.json().id}`,
      {
        body: {
          definition: {
            questions: [{ id: 'a', type: 'number', min: 5, max: 1, label: { nl: 'a', en: 'a' } }],
          },
        },
        headers: { 'if-match': String(foreignDraft.headers.etag) },
      },
    );
    assert.equal(badPut.statusCode, 400);
    assert.equal(
      (await enschedeBeheer.get(`/api/v1/questionnaire-versions/${foreignDraft.json().id}`)).headers.etag,
      foreignDraft.headers.etag,
    );
    assert.equal(afterDraft.questionnaire_version, before.questionnaire_version + 1);
  });
});
