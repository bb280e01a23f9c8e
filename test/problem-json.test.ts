import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { syntheticBsn } from '../src/demo/demo-seed.ts';
import { countRows, createTestApp, DB_KIND, type TestApp } from './helpers/test-app.ts';

/** Bad input gets a clear problem+json answer in Dutch and English, with per-field details, and writes nothing. */
describe(`problem+json errors (${DB_KIND})`, () => {
  let grip: TestApp;
  before(async () => {
    grip = await createTestApp();
  });
  after(() => grip.close());

  const valid = () => ({
    bsn: syntheticBsn(700),
    givenNames: 'Aysel',
    familyName: 'Kaya',
    birthDate: '1990-01-01',
  });

  async function send(body: string, contentType = 'application/json', extra: Record<string, string> = {}) {
    const client = await grip.login('toegang-medewerker');
    return grip.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: {
        cookie: client.cookie!,
        'x-csrf-token': client.csrfToken!,
        'content-type': contentType,
        ...extra,
      },
      payload: body,
    });
  }

  interface ProblemBody {
    [key: string]: any;
    nl: { title: string; detail: string };
    en: { title: string; detail: string };
    invalidParams: { name: string; code: string; reason: string; nl: string; en: string }[];
  }

  function assertProblem(
    response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    status: number,
    code: string,
  ) {
    assert.equal(response.statusCode, status);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    const body = response.json() as ProblemBody;
    assert.equal(body.status, status);
    assert.equal(body.code, code);
    for (const key of ['type', 'title', 'detail', 'instance']) assert.ok(body[key], `${key} present`);
    assert.ok(body.nl.title && body.nl.detail && body.en.title && body.en.detail, 'Dutch and English text');
    assert.notEqual(body.nl.detail, body.en.detail);
    return body;
  }

  test('malformed JSON', async () => {
    const before = await countRows(grip.database, 'person');
    assertProblem(await send('{"bsn": "12'), 400, 'malformed-json');
    assert.equal(await countRows(grip.database, 'person'), before);
  });

  test('empty body where JSON is expected', async () => {
    assertProblem(await send(''), 400, 'empty-body');
  });

  test('unknown fields, wrong types and missing fields, each named', async () => {
    const before = await countRows(grip.database, 'person');
    const body = assertProblem(
      await send(
        JSON.stringify({ ...valid(), familyName: 42, givenNames: undefined, favouriteColour: 'blauw' }),
      ),
      400,
      'invalid-input',
    );
    const byName = Object.fromEntries(body.invalidParams.map((p) => [p.name, p]));
    assert.equal(byName.favouriteColour?.code, 'unknown-field');
    assert.equal(byName.familyName?.code, 'invalid-type');
    assert.equal(byName.givenNames?.code, 'required');
    assert.equal(byName.givenNames?.nl, 'Dit veld is verplicht.');
    assert.equal(byName.givenNames?.en, 'This field is required.');
    assert.equal(await countRows(grip.database, 'person'), before);
  });

  test('a BSN that fails the 11-proef and an impossible date', async () => {
    const body = assertProblem(
      await send(JSON.stringify({ ...valid(), bsn: '123456789', birthDate: '2023-02-30' })),
      400,
      'invalid-input',
    );
    const bsn = body.invalidParams.find((p) => p.name === 'bsn');
    assert.match(bsn!.nl, /11-proef/);
    assert.match(bsn!.en, /eleven test/);
    assert.ok(body.invalidParams.some((p) => p.name === 'birthDate'));
  });

  test('English when asked for', async () => {
    const body = assertProblem(
      await send('{', 'application/json', { 'accept-language': 'en-GB,en;q=0.9' }),
      400,
      'malformed-json',
    );
    assert.equal(body.title, 'Invalid input');
    const dutch = assertProblem(
      await send('{', 'application/json', { 'accept-language': 'nl-NL' }),
      400,
      'malformed-json',
    );
    assert.equal(dutch.title, 'Ongeldige invoer');
  });

  test('wrong content type and oversize body', async () => {
    assertProblem(await send('bsn=1', 'application/x-www-form-urlencoded'), 415, 'unsupported-media-type');
    const huge = JSON.stringify({ ...valid(), givenNames: 'x'.repeat(grip.config.bodyLimitBytes + 10) });
    assertProblem(await send(huge), 413, 'body-too-large');
  });

  test('bad path and query parameters', async () => {
    const client = await grip.login('toegang-medewerker');
    const badId = assertProblem(await client.get('/api/v1/persons/42'), 400, 'invalid-input');
    assert.equal(badId.invalidParams[0]!.name, 'path.personId');
    const badQuery = assertProblem(
      await client.get('/api/v1/persons?pageSize=1000&page=0'),
      400,
      'invalid-input',
    );
    assert.deepEqual(badQuery.invalidParams.map((p) => p.name).sort(), ['query.page', 'query.pageSize']);
  });

  test('unknown API path and a duplicate BSN', async () => {
    assertProblem(await grip.anonymous().get('/api/v1/does-not-exist'), 404, 'not-found');
    const client = await grip.login('toegang-medewerker');
    const first = await client.post('/api/v1/persons', valid());
    assert.equal(first.statusCode, 201, first.body);
    const before = await countRows(grip.database, 'person');
    assertProblem(await client.post('/api/v1/persons', valid()), 409, 'already-exists');
    assert.equal(await countRows(grip.database, 'person'), before);
  });

  test('user creation: a weak password and an unknown team are refused, nothing written', async () => {
    const beheer = await grip.login('functioneel-beheerder');
    const before = await countRows(grip.database, 'app_user');
    const weak = await beheer.post('/api/v1/users', {
      username: 'nieuw',
      displayName: 'Nieuw',
      password: 'kort',
      roles: [],
    });
    assertProblem(weak, 400, 'invalid-input');
    const team = await beheer.post('/api/v1/users', {
      username: 'nieuw',
      displayName: 'Nieuw',
      password: 'een-lang-genoeg-wachtwoord',
      roles: [{ role: 'regisseur', teamId: '00000000-0000-4000-8000-000000000000' }],
    });
    const body = assertProblem(team, 400, 'invalid-input');
    assert.equal(body.invalidParams[0]!.code, 'unknown-team');
    const role = await beheer.post('/api/v1/users', {
      username: 'nieuw',
      displayName: 'Nieuw',
      password: 'een-lang-genoeg-wachtwoord',
      roles: [{ role: 'koning' }],
    });
    assertProblem(role, 400, 'invalid-input');
    assert.equal(await countRows(grip.database, 'app_user'), before);
  });

  test('user changes: unknown fields, bad roles and a bad e-mail are refused, the version stays', async () => {
    const beheer = await grip.login('functioneel-beheerder');
    const user = (await beheer.get('/api/v1/users')).json().items[0];
    const response = await beheer.patch(
      `/api/v1/users/${user.id}`,
      {
        active: 'ja',
        email: 'geen-adres',
        roles: [{ role: 'regisseur', wijkCode: 'Hengelo-Noord' }],
        colour: 'x',
      },
      { 'if-match': `"${user.version}"` },
    );
    const body = assertProblem(response, 400, 'invalid-input');
    assert.deepEqual(body.invalidParams.map((p: { name: string }) => p.name).sort(), [
      'active',
      'colour',
      'email',
      'roles.0.wijkCode',
    ]);
    const after = (await beheer.get('/api/v1/users'))
      .json()
      .items.find((u: { id: string }) => u.id === user.id);
    assert.equal(after.version, user.version);
    assert.deepEqual(after.roles, user.roles);
  });

  test('log-in with a malformed body gets a problem, not a session', async () => {
    for (const body of [
      { username: 'toegang@hengelo.demo' },
      { username: '', password: 'x' },
      { username: 'a', password: 'b', remember: true },
      { municipalityCode: 'Hengelo', username: 'a', password: 'b' },
    ]) {
      const response = await grip.anonymous().post('/api/v1/session', body);
      assertProblem(response, 400, 'invalid-input');
      assert.equal(response.cookies.length, 0);
    }
  });
});
