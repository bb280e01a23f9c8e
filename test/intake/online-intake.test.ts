import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The resident's own online intake, without an account: drafts resumable with a secret token, saved with
 * If-Match, validated against the draft's own questionnaire version; a submission becomes a help question
 * with its intake, once, whatever the network does.
 */

const SCORES = {
  financien: 3,
  'werk-opleiding': 4,
  tijdsbesteding: 3,
  huisvesting: 4,
  'huiselijke-relaties': 4,
  'geestelijke-gezondheid': 3,
  'lichamelijke-gezondheid': 2,
  middelengebruik: 5,
  'basale-adl': 3,
  'instrumentele-adl': 2,
  'sociaal-netwerk': 3,
  'maatschappelijke-participatie': 3,
  justitie: 5,
};

const ANSWERS = {
  hulpvraag: 'Sinds mijn heupoperatie lukt het huishouden niet meer.',
  onderwerpen: ['huishouden', 'mobiliteit'],
  zelf: 'een-beetje',
  zelfToelichting: 'Koken lukt nog wel.',
  netwerk: 'beperkt',
  mantelzorger: true,
  mantelzorgBelasting: 'soms-zwaar',
  woonsituatie: 'alleen',
  spoed: false,
  leefgebieden: SCORES,
  contactVoorkeur: 'telefoon',
};

const CONTACT = {
  givenNames: 'Anna',
  familyName: 'Bakker',
  birthDate: '1950-05-05',
  phone: '06-1234 5678',
  email: 'anna.bakker@example.org',
  address: { street: 'Deldenerstraat', houseNumber: 12, postcode: '7551 ab', city: 'Hengelo' },
};

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

describe('online intake (public)', () => {
  let grip: TestApp;
  const send = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> =>
    grip.app.inject({
      method,
      url,
      headers: options.headers ?? {},
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });

  async function newDraft(municipalityCode = 'GM0164') {
    const response = await send('POST', '/api/v1/online-intake/drafts', { body: { municipalityCode } });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    return {
      id: body.draftId as string,
      token: body.resumeToken as string,
      body,
      etag: response.headers.etag,
    };
  }

  const draftUrl = (id: string) => `/api/v1/online-intake/drafts/${id}`;
  const save = (draft: { id: string; token: string }, etag: string, body: unknown) =>
    send('PUT', draftUrl(draft.id), { body, headers: { 'x-resume-token': draft.token, 'if-match': etag } });
  const submit = (draft: { id: string; token: string }, key: string | undefined) =>
    send('POST', `${draftUrl(draft.id)}/submit`, {
      headers: { 'x-resume-token': draft.token, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    });

  async function count(table: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
      grip.database.db,
    );
    return rows[0]!.n;
  }
  const snapshot = async () => ({
    drafts: await count('online_intake_draft'),
    questions: await count('help_question'),
    intakes: await count('intake'),
    persons: await count('person'),
    scores: await count('life_domain_score'),
  });

  before(async () => {
    grip = await createTestApp();
  });
  after(() => grip.close());

  test('the published questionnaire of a municipality; unknown or malformed municipalities refused', async () => {
    const response = await send('GET', '/api/v1/online-intake/questionnaire?municipality=GM0164');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.municipalityName, 'Hengelo');
    assert.ok(body.definition.questions.some((q: any) => q.id === 'hulpvraag'));
    assert.equal(
      (await send('GET', '/api/v1/online-intake/questionnaire?municipality=GM9999')).statusCode,
      404,
    );
    for (const query of ['', '?municipality=Hengelo', '?municipality=GM0164&extra=1']) {
      const bad = await send('GET', `/api/v1/online-intake/questionnaire${query}`);
      assert.equal(bad.statusCode, 400, query);
      assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    }
  });

  test('a new draft: token shown once, only its SHA-256 stored, 30 days to live, on the current version', async () => {
    const draft = await newDraft();
    assert.match(draft.token, /^GM0164\.[A-Za-z0-9_-]{43}$/);
    assert.equal(draft.etag, '"1"');
    assert.deepEqual(draft.body.answers, {});
    assert.equal(draft.body.submittedReference, null);
    assert.ok(draft.body.version.definition.questions.length > 5);
    const row = await grip.database.db
      .selectFrom('online_intake_draft')
      .selectAll()
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    const secret = draft.token.split('.')[1]!;
    assert.equal(row.token_hash, createHash('sha256').update(secret).digest('hex'));
    assert.ok(!JSON.stringify(row).includes(secret));
    const days = (row.expires_at.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
    const resumed = await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': draft.token } });
    assert.equal(resumed.statusCode, 200);
    assert.ok(!resumed.body.includes(draft.token), 'the token is never shown again');
  });

  test('bad requests for a new draft write nothing', async () => {
    const before = await snapshot();
    for (const body of [
      {},
      { municipalityCode: 'GM9999' },
      { municipalityCode: 164 },
      { municipalityCode: 'GM0164', x: 1 },
    ]) {
      const response = await send('POST', '/api/v1/online-intake/drafts', { body });
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.ok(response.json().invalidParams.every((p: any) => p.nl && p.en));
    }
    const notJson = await grip.app.inject({
      method: 'POST',
      url: '/api/v1/online-intake/drafts',
      headers: { 'content-type': 'text/plain' },
      payload: 'GM0164',
    });
    assert.equal(notJson.statusCode, 400);
    assert.deepEqual(await snapshot(), before);
  });

  test('a wrong, expired or malformed token gets the same 404 as a draft that does not exist', async () => {
    const draft = await newDraft();
    const other = await newDraft();
    const enschede = await newDraft('GM0153');
    const secret = draft.token.split('.')[1]!;
    const failedBefore = await grip.database.db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('outcome', '=', 'error')
      .where('actor_user_id', 'is', null)
      .where('action', 'like', 'online-intake-draft.%')
      .executeTakeFirstOrThrow();
    const answers: Response[] = [
      await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': other.token } }),
      await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': `GM0153.${secret}` } }),
      await send('GET', draftUrl(enschede.id), {
        headers: { 'x-resume-token': `GM0164.${enschede.token.split('.')[1]}` },
      }),
      await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': 'GM0164.short' } }),
      await send('GET', draftUrl('00000000-0000-4000-8000-000000000000'), {
        headers: { 'x-resume-token': draft.token },
      }),
      await save({ id: draft.id, token: other.token }, '"1"', { answers: {}, contact: {} }),
      await submit({ id: draft.id, token: other.token }, 'a-key-of-sixteen-chars'),
    ];
    await grip.database.db
      .updateTable('online_intake_draft')
      .set({ created_at: new Date(Date.now() - 40 * 86_400_000), expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', draft.id)
      .execute();
    answers.push(await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': draft.token } }));
    for (const response of answers) {
      assert.equal(response.statusCode, 404, response.body);
      assert.equal(response.json().detail, answers[0]!.json().detail);
    }
    // Every attempt with a wrong token is in the processing log of the municipality the token names (who
    // tries someone else's draft is worth knowing); a token too malformed to name one is refused before.
    const failedAfter = await grip.database.db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('outcome', '=', 'error')
      .where('actor_user_id', 'is', null)
      .where('action', 'like', 'online-intake-draft.%')
      .executeTakeFirstOrThrow();
    const malformed = 1; // 'GM0164.short'
    assert.equal(Number(failedAfter.n) - Number(failedBefore.n), answers.length - malformed);
    const missing = await send('GET', draftUrl(other.id));
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().invalidParams[0].name, 'header.x-resume-token');
    // Starting a new draft removes the expired one.
    await newDraft();
    const gone = await grip.database.db
      .selectFrom('online_intake_draft')
      .select('id')
      .where('id', '=', draft.id)
      .execute();
    assert.deepEqual(gone, []);
  });

  test('saving: If-Match required, two tabs detected, the expiry moves on', async () => {
    const draft = await newDraft();
    await grip.database.db
      .updateTable('online_intake_draft')
      .set({ expires_at: new Date(Date.now() + 86_400_000) })
      .where('id', '=', draft.id)
      .execute();
    const first = await save(draft, '"1"', {
      answers: { hulpvraag: 'Hulp bij het huishouden.' },
      contact: { givenNames: 'Anna' },
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers.etag, '"2"');
    assert.equal(first.json().answers.hulpvraag, 'Hulp bij het huishouden.');
    assert.ok(new Date(first.json().expiresAt).getTime() > Date.now() + 29 * 86_400_000);
    // The resident's own details, saved without an account: logged with the draft as subject and no user.
    const logged = await grip.database.db
      .selectFrom('processing_log')
      .selectAll()
      .where('action', '=', 'online-intake-draft.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(logged.actor_user_id, null);
    assert.equal(logged.subject_type, 'online_intake_draft');
    assert.deepEqual(logged.subject_ids, [draft.id]);
    assert.equal(logged.purpose, 'hulpvraag-inwoner');
    const otherTab = await save(draft, '"1"', { answers: { hulpvraag: 'Iets anders.' }, contact: {} });
    assert.equal(otherTab.statusCode, 412);
    assert.equal(otherTab.headers.etag, '"2"');
    // The refused attempt is in the processing log too, with its status and no user.
    const refused = await grip.database.db
      .selectFrom('processing_log')
      .selectAll()
      .where('action', '=', 'online-intake-draft.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [
        refused.outcome,
        refused.http_status,
        refused.actor_user_id,
        refused.subject_ids,
        refused.municipality_code,
      ],
      ['error', 412, null, [draft.id], 'GM0164'],
    );
    const noVersion = await send('PUT', draftUrl(draft.id), {
      body: { answers: {}, contact: {} },
      headers: { 'x-resume-token': draft.token },
    });
    assert.equal(noVersion.statusCode, 428);
    const resumed = await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': draft.token } });
    assert.equal(resumed.headers.etag, '"2"');
    assert.equal(resumed.json().answers.hulpvraag, 'Hulp bij het huishouden.');
    assert.equal(resumed.json().contact.givenNames, 'Anna');
  });

  test('wrong answers and contact details are refused field by field, and nothing is saved', async () => {
    const draft = await newDraft();
    const cases: [unknown, string][] = [
      [{ answers: { bestaatNiet: 'x' }, contact: {} }, 'answers.bestaatNiet'],
      [{ answers: { hulpvraag: 12 }, contact: {} }, 'answers.hulpvraag'],
      [{ answers: { hulpvraag: 'x'.repeat(4001) }, contact: {} }, 'answers.hulpvraag'],
      [{ answers: { zelf: 'nee', zelfToelichting: 'Niets.' }, contact: {} }, 'answers.zelfToelichting'],
      [{ answers: { onderwerpen: ['ruimtevaart'] }, contact: {} }, 'answers.onderwerpen'],
      [{ answers: { leefgebieden: { financien: 6 } }, contact: {} }, 'answers.leefgebieden.financien'],
      [{ answers: {}, contact: { bsn: '123456789' } }, 'contact.bsn'],
      [{ answers: {}, contact: { birthDate: '2999-01-01' } }, 'contact.birthDate'],
      [{ answers: {}, contact: { birthDate: '1990-02-30' } }, 'contact.birthDate'],
      [{ answers: {}, contact: { address: { postcode: '0551AB' } } }, 'contact.address.postcode'],
      [{ answers: {}, contact: { address: { postcode: '7551 SS' } } }, 'contact.address.postcode'],
      [{ answers: {}, contact: { address: { houseNumber: '12' } } }, 'contact.address.houseNumber'],
      [{ answers: {}, contact: { phone: '12345' } }, 'contact.phone'],
      [{ answers: {}, contact: { email: 'anna@' } }, 'contact.email'],
      [{ answers: {}, contact: { givenNames: 'x'.repeat(201) } }, 'contact.givenNames'],
      [{ answers: {}, contact: { iban: 'NL00BANK0123456789' } }, 'contact.iban'],
      [{ answers: {}, contact: {}, extra: true }, 'extra'],
      [{ answers: {} }, 'contact'],
      [{ answers: [], contact: {} }, 'answers'],
    ];
    for (const [body, field] of cases) {
      const response = await save(draft, '"1"', body);
      assert.equal(response.statusCode, 400, `${JSON.stringify(body).slice(0, 80)}: ${response.body}`);
      const params = response.json().invalidParams as { name: string; nl: string; en: string }[];
      assert.ok(
        params.some((p) => p.name === field),
        `${field}: ${JSON.stringify(params)}`,
      );
      assert.ok(params.every((p) => p.nl && p.en && p.nl !== p.en));
    }
    const resumed = await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': draft.token } });
    assert.equal(resumed.headers.etag, '"1"');
    assert.deepEqual(resumed.json().answers, {});
    const huge = await save(draft, '"1"', {
      answers: { hulpvraag: 'x'.repeat(grip.config.bodyLimitBytes) },
      contact: {},
    });
    assert.equal(huge.statusCode, 413);
  });

  test('a draft keeps its questionnaire version when a newer one is published', async () => {
    const draft = await newDraft();
    const v1 = draft.body.version;
    const definition = {
      questions: [
        ...v1.definition.questions,
        {
          id: 'huisdieren',
          type: 'boolean',
          required: true,
          label: { nl: 'Heeft u huisdieren?', en: 'Do you have pets?' },
        },
      ],
    };
    const next = await grip.database.db
      .selectFrom('questionnaire_version')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('municipality_code', '=', 'GM0164')
      .where('questionnaire_id', '=', v1.questionnaireId)
      .executeTakeFirstOrThrow();
    await grip.database.db
      .updateTable('questionnaire_version')
      .set({ status: 'vervallen' })
      .where('municipality_code', '=', 'GM0164')
      .where('status', '=', 'gepubliceerd')
      .execute();
    const v2 = await grip.database.db
      .insertInto('questionnaire_version')
      .values({
        municipality_code: 'GM0164',
        questionnaire_id: v1.questionnaireId,
        version: Number(next.v) + 1,
        status: 'gepubliceerd',
        definition: JSON.stringify(definition),
        published_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const resumed = (
        await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': draft.token } })
      ).json();
      assert.equal(resumed.version.id, v1.id);
      const newer = await save(draft, '"1"', { answers: { huisdieren: true }, contact: {} });
      assert.equal(newer.statusCode, 400);
      assert.equal(newer.json().invalidParams[0].code, 'unknown-question');
      const saved = await save(draft, '"1"', { answers: ANSWERS, contact: CONTACT });
      assert.equal(saved.statusCode, 200, saved.body);
      const submitted = await submit(draft, 'version-test-key-0001');
      assert.equal(submitted.statusCode, 201, submitted.body);
      const intake = await grip.database.db
        .selectFrom('intake as i')
        .innerJoin('help_question as q', (j) => j.onRef('q.id', '=', 'i.help_question_id'))
        .select('i.questionnaire_version_id')
        .where('q.reference', '=', submitted.json().reference)
        .executeTakeFirstOrThrow();
      assert.equal(intake.questionnaire_version_id, v1.id);
      const fresh = await newDraft();
      assert.equal(fresh.body.version.id, v2.id);
    } finally {
      await grip.database.db
        .updateTable('questionnaire_version')
        .set({ status: 'gepubliceerd' })
        .where('id', '=', v1.id)
        .execute();
      await grip.database.db
        .updateTable('questionnaire_version')
        .set({ status: 'vervallen' })
        .where('id', '=', v2.id)
        .execute();
    }
  });

  test('submitting: Idempotency-Key required, incomplete drafts refused and nothing written', async () => {
    const draft = await newDraft();
    const before = await snapshot();
    const noKey = await submit(draft, undefined);
    assert.equal(noKey.statusCode, 400);
    assert.equal(noKey.json().invalidParams[0].name, 'header.idempotency-key');
    for (const key of ['short', 'has spaces in it, sixteen+', 'x'.repeat(101), 'ключ-ключ-ключ-ключ']) {
      const bad = await submit(draft, key);
      assert.equal(bad.statusCode, 400, key);
    }
    const empty = await submit(draft, 'incomplete-draft-key-01');
    assert.equal(empty.statusCode, 400);
    const names = empty.json().invalidParams.map((p: any) => p.name);
    for (const name of [
      'answers.hulpvraag',
      'answers.onderwerpen',
      'contact.givenNames',
      'contact.address',
      'contact.phone',
    ])
      assert.ok(names.includes(name), `${name} in ${names}`);
    const partial = await save(draft, '"1"', {
      answers: ANSWERS,
      contact: { ...CONTACT, phone: null, email: null, address: { street: 'Deldenerstraat' } },
    });
    assert.equal(partial.statusCode, 200, partial.body);
    const stillIncomplete = await submit(draft, 'incomplete-draft-key-02');
    assert.equal(stillIncomplete.statusCode, 400);
    assert.deepEqual(
      stillIncomplete
        .json()
        .invalidParams.map((p: any) => p.name)
        .sort(),
      ['contact.address.city', 'contact.address.houseNumber', 'contact.address.postcode', 'contact.phone'],
    );
    const after = await snapshot();
    assert.deepEqual({ ...after, drafts: before.drafts }, before);
  });

  test('a complete draft becomes one help question with its intake; the same key again gives the same reference', async () => {
    const draft = await newDraft();
    // Somebody Grip does not know yet (Anna Bakker was registered by an earlier test).
    const contact = { ...CONTACT, givenNames: 'Bea', familyName: 'Smit', email: 'bea.smit@example.org' };
    assert.equal((await save(draft, '"1"', { answers: ANSWERS, contact })).statusCode, 200);
    const before = await snapshot();
    const logBefore = await count('processing_log');
    const key = 'f3b2c1d0-aaaa-4bbb-8ccc-0123456789ab';
    const first = await submit(draft, key);
    assert.equal(first.statusCode, 201, first.body);
    const { reference } = first.json();
    assert.match(reference, /^HV-\d{4}-\d{6,8}$/);

    const question = await grip.database.db
      .selectFrom('help_question as q')
      .innerJoin('vindplaats as v', (j) =>
        j.onRef('v.municipality_code', '=', 'q.municipality_code').onRef('v.id', '=', 'q.vindplaats_id'),
      )
      .innerJoin('person as p', (j) =>
        j.onRef('p.municipality_code', '=', 'q.municipality_code').onRef('p.id', '=', 'q.person_id'),
      )
      .select([
        'q.id',
        'q.channel',
        'v.kind',
        'q.question_types',
        'q.free_text',
        'q.referrer_kind',
        'q.registered_by',
        'q.idempotency_key',
        'q.household_id',
        'q.status',
        'p.given_names',
        'p.family_name',
        'p.birth_date',
        'p.phone',
        'p.email',
      ])
      .where('q.reference', '=', reference)
      .executeTakeFirstOrThrow();
    assert.equal(question.channel, 'online');
    assert.equal(question.kind, 'online');
    assert.deepEqual(question.question_types, ['huishouden', 'mobiliteit']);
    assert.equal(question.free_text, ANSWERS.hulpvraag);
    assert.equal(question.referrer_kind, 'zelf');
    assert.equal(question.registered_by, null);
    assert.equal(question.idempotency_key, key);
    assert.equal(question.status, 'open');
    assert.ok(question.household_id);
    assert.deepEqual(
      [question.given_names, question.family_name, question.birth_date, question.phone, question.email],
      ['Bea', 'Smit', '1950-05-05', '0612345678', 'bea.smit@example.org'],
    );
    const address = await sql<{ postcode: string }>`
      SELECT a.postcode FROM household h JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
      WHERE h.id = ${question.household_id}`.execute(grip.database.db);
    assert.equal(address.rows[0]!.postcode, '7551AB');

    const intake = await grip.database.db
      .selectFrom('intake')
      .selectAll()
      .where('help_question_id', '=', question.id)
      .executeTakeFirstOrThrow();
    assert.equal(intake.mode, 'online');
    assert.equal(intake.status, 'afgerond');
    assert.equal(intake.conducted_by, null);
    assert.deepEqual(intake.answers, ANSWERS);
    const scores = await grip.database.db
      .selectFrom('life_domain_score')
      .select(['life_domain_code', 'score'])
      .where('intake_id', '=', intake.id)
      .execute();
    assert.equal(scores.length, 13);
    assert.equal(scores.find((s) => s.life_domain_code === 'instrumentele-adl')!.score, 2);

    const draftRow = await grip.database.db
      .selectFrom('online_intake_draft')
      .selectAll()
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    assert.equal(draftRow.submitted_question_id, question.id);
    assert.deepEqual(draftRow.answers, {});
    assert.deepEqual(draftRow.contact, {}, 'what the resident typed is not kept twice');

    const log = await grip.database.db
      .selectFrom('processing_log')
      .selectAll()
      .where('action', '=', 'online-intake-draft.submit')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(log.actor_user_id, null);
    assert.equal(log.purpose, 'hulpvraag-inwoner');
    assert.equal(log.subject_type, 'person');
    assert.equal(log.outcome, 'success');
    assert.ok(log.subject_ids.length === 1);
    // The privacy officer finds it under the resident.
    const privacy = await grip.login('privacy-officer');
    const search = await privacy.get(`/api/v1/processing-log?subjectId=${log.subject_ids[0]}`);
    assert.equal(search.statusCode, 200, search.body);
    assert.ok(
      search
        .json()
        .items.some((e: any) => e.action === 'online-intake-draft.submit' && e.actorUserId === null),
    );

    const afterFirst = await snapshot();
    assert.equal(afterFirst.questions, before.questions + 1);
    assert.equal(afterFirst.intakes, before.intakes + 1);
    assert.equal(afterFirst.persons, before.persons + 1);
    assert.equal(afterFirst.scores, before.scores + 13);
    assert.ok((await count('processing_log')) > logBefore);

    const again = await submit(draft, key);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json(), { reference });
    const otherKey = await submit(draft, 'another-key-for-the-same-draft');
    assert.equal(otherKey.statusCode, 409);
    assert.equal(otherKey.json().code, 'already-submitted');
    assert.deepEqual(await snapshot(), afterFirst);

    const resumed = await send('GET', draftUrl(draft.id), { headers: { 'x-resume-token': draft.token } });
    assert.equal(resumed.json().submittedReference, reference);
    const change = await save(draft, resumed.headers.etag as string, { answers: ANSWERS, contact: CONTACT });
    assert.equal(change.statusCode, 409);
    assert.deepEqual(await snapshot(), afterFirst);
  });

  test("a professional's intake after the resident's own starts from the resident's answers; one is enough", async () => {
    const draft = await newDraft();
    const contact = { ...CONTACT, givenNames: 'Cor', familyName: 'Visser', email: 'cor.visser@example.org' };
    assert.equal((await save(draft, '"1"', { answers: ANSWERS, contact })).statusCode, 200);
    const submitted = await submit(draft, 'c0ffee00-1111-4222-8333-444455556666');
    assert.equal(submitted.statusCode, 201, submitted.body);
    const { id: questionId } = await grip.database.db
      .selectFrom('help_question')
      .select('id')
      .where('reference', '=', submitted.json().reference)
      .executeTakeFirstOrThrow();

    const consultant = await grip.login('toegang-medewerker');
    const started = await consultant.post(`/api/v1/help-questions/${questionId}/intake`, {
      mode: 'huisbezoek',
    });
    assert.equal(started.statusCode, 201, started.body);
    const intake = started.json();
    assert.equal(intake.mode, 'huisbezoek');
    assert.equal(intake.status, 'concept');
    assert.deepEqual(intake.answers, ANSWERS, "the conversation starts from the resident's own answers");

    const detail = (await consultant.get(`/api/v1/help-questions/${questionId}`)).json();
    assert.equal(detail.intake.id, intake.id, "the professional's intake is the question's intake");
    assert.equal(detail.residentIntake.mode, 'online');
    assert.equal(detail.residentIntake.status, 'afgerond');

    const second = await consultant.post(`/api/v1/help-questions/${questionId}/intake`, { mode: 'balie' });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'intake-exists');
    assert.equal(
      await grip.database.db
        .selectFrom('intake')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('help_question_id', '=', questionId)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
      2,
    );
  });

  test('a key already used for another draft is refused; a draft submitted twice at once gives one question', async () => {
    const a = await newDraft();
    const b = await newDraft();
    for (const d of [a, b])
      assert.equal((await save(d, '"1"', { answers: ANSWERS, contact: CONTACT })).statusCode, 200);
    const key = 'shared-key-0123456789';
    assert.equal((await submit(a, key)).statusCode, 201);
    const before = await snapshot();
    const reused = await submit(b, key);
    assert.equal(reused.statusCode, 409);
    assert.equal(reused.json().code, 'idempotency-key-used');
    assert.deepEqual(await snapshot(), before);

    const [x, y] = await Promise.all([
      submit(b, 'concurrent-key-0123456'),
      submit(b, 'concurrent-key-0123456'),
    ]);
    assert.deepEqual([x.statusCode, y.statusCode].sort(), [200, 201]);
    assert.equal(x.json().reference, y.json().reference);
    assert.equal((await snapshot()).questions, before.questions + 1);
  });

  test('a BSN that belongs to someone with another birth date is not revealed: the question is registered without it', async () => {
    const draft = await newDraft();
    const contact = {
      ...CONTACT,
      givenNames: 'Jan',
      familyName: 'Jansen',
      bsn: '999990019',
      birthDate: '1960-01-01',
    };
    assert.equal((await save(draft, '"1"', { answers: ANSWERS, contact })).statusCode, 200);
    const response = await submit(draft, 'bsn-mismatch-key-0001');
    assert.equal(response.statusCode, 201, response.body);
    const person = await sql<{ bsn: string | null; birth_date: string }>`
      SELECT p.bsn, p.birth_date::text AS birth_date FROM help_question q
      JOIN person p ON p.municipality_code = q.municipality_code AND p.id = q.person_id
      WHERE q.reference = ${response.json().reference}`.execute(grip.database.db);
    assert.deepEqual(person.rows[0], { bsn: null, birth_date: '1960-01-01' });
    // With the right birth date the known resident is found.
    const known = await newDraft();
    await save(known, '"1"', { answers: ANSWERS, contact: { ...contact, birthDate: '1948-03-12' } });
    const linked = await submit(known, 'bsn-match-key-000001');
    assert.equal(linked.statusCode, 201, linked.body);
    const jan = await sql<{ bsn: string }>`
      SELECT p.bsn FROM help_question q JOIN person p ON p.municipality_code = q.municipality_code AND p.id = q.person_id
      WHERE q.reference = ${linked.json().reference}`.execute(grip.database.db);
    assert.equal(jan.rows[0]!.bsn, '999990019');
  });

  test("Enschede's drafts and questions stay in Enschede", async () => {
    const draft = await newDraft('GM0153');
    assert.equal(
      (
        await save(draft, '"1"', {
          answers: ANSWERS,
          contact: { ...CONTACT, address: { ...CONTACT.address, city: 'Enschede', postcode: '7511 AA' } },
        })
      ).statusCode,
      200,
    );
    const response = await submit(draft, 'enschede-key-00000001');
    assert.equal(response.statusCode, 201, response.body);
    const row = await grip.database.db
      .selectFrom('help_question')
      .select('municipality_code')
      .where('idempotency_key', '=', 'enschede-key-00000001')
      .execute();
    assert.deepEqual(row, [{ municipality_code: 'GM0153' }]);
    const drafts = await grip.database.db
      .selectFrom('online_intake_draft')
      .select('municipality_code')
      .where('id', '=', draft.id)
      .execute();
    assert.deepEqual(drafts, [{ municipality_code: 'GM0153' }]);
  });
});
