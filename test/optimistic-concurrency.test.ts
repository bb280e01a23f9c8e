import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { syntheticBsn } from '../src/demo/demo-seed.ts';
import { createTestApp, DB_KIND, type TestApp } from './helpers/test-app.ts';

describe(`concurrent edits: ETag and If-Match (${DB_KIND})`, () => {
  let grip: TestApp;
  before(async () => {
    grip = await createTestApp();
  });
  after(() => grip.close());

  test('the second save with a stale ETag gets 412 with the newer version, nothing overwritten', async () => {
    const first = await grip.login('toegang-medewerker');
    const second = await grip.login('wijkteam-medewerker');
    const created = await first.post('/api/v1/persons', {
      bsn: syntheticBsn(950),
      givenNames: 'Noor',
      familyName: 'Bakker',
      birthDate: '1980-02-02',
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers.etag, '"1"');
    const id = created.json().id;
    assert.equal(created.headers.location, `/api/v1/persons/${id}`);

    const read = await second.get(`/api/v1/persons/${id}`);
    assert.equal(read.headers.etag, '"1"');

    const save1 = await first.patch(
      `/api/v1/persons/${id}`,
      { familyName: 'Bakker-de Wit' },
      { 'if-match': '"1"' },
    );
    assert.equal(save1.statusCode, 200, save1.body);
    assert.equal(save1.headers.etag, '"2"');

    const save2 = await second.patch(
      `/api/v1/persons/${id}`,
      { familyName: 'Bakkers' },
      { 'if-match': read.headers.etag as string },
    );
    assert.equal(save2.statusCode, 412);
    assert.equal(save2.json().code, 'version-conflict');
    assert.equal(save2.headers.etag, '"2"');
    assert.match(save2.json().nl.detail, /versie 2/);

    const now = (await second.get(`/api/v1/persons/${id}`)).json();
    assert.equal(now.familyName, 'Bakker-de Wit');
    assert.equal(now.version, 2);
  });

  test('a change without If-Match is refused with 428; a malformed one with 400', async () => {
    const client = await grip.login('toegang-medewerker');
    const list = (await client.get('/api/v1/persons?pageSize=1')).json();
    const id = list.items[0].id;
    const missing = await client.patch(`/api/v1/persons/${id}`, { givenNames: 'X' });
    assert.equal(missing.statusCode, 428);
    assert.equal(missing.json().code, 'if-match-required');
    const malformed = await client.patch(
      `/api/v1/persons/${id}`,
      { givenNames: 'X' },
      { 'if-match': 'versie een' },
    );
    assert.equal(malformed.statusCode, 400);
    const unchanged = (await client.get(`/api/v1/persons/${id}`)).json();
    assert.notEqual(unchanged.givenNames, 'X');
  });

  test('an invalid change leaves the version as it was', async () => {
    const client = await grip.login('toegang-medewerker');
    const person = (await client.get('/api/v1/persons?pageSize=1')).json().items[0];
    const response = await client.patch(
      `/api/v1/persons/${person.id}`,
      { birthDate: '2999-01-01', bsn: '999990019' },
      { 'if-match': `"${person.version}"` },
    );
    assert.equal(response.statusCode, 400);
    const names = response
      .json()
      .invalidParams.map((p: { name: string }) => p.name)
      .sort();
    assert.deepEqual(names, ['birthDate', 'bsn']);
    assert.equal((await client.get(`/api/v1/persons/${person.id}`)).json().version, person.version);
  });
});
