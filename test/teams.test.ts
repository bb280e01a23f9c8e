import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

describe('teams', () => {
  let grip: TestApp;
  before(async () => {
    grip = await createTestApp();
  });
  after(() => grip.close());

  test("the municipality's teams by name, filtered by kind; Enschede's are not listed", async () => {
    const client = await grip.login('toegang-medewerker');
    const all = await client.get('/api/v1/teams');
    assert.equal(all.statusCode, 200, all.body);
    const items = all.json().items as { id: string; name: string; kind: string }[];
    assert.ok(items.length >= 2);
    assert.deepEqual(
      items.map((t) => t.name),
      [...items.map((t) => t.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const enschede = await grip.database.db
      .selectFrom('team')
      .select('id')
      .where('municipality_code', '=', 'GM0153')
      .execute();
    assert.ok(enschede.length > 0);
    for (const team of enschede) assert.ok(!items.some((t) => t.id === team.id));

    const wijkteams = (await client.get('/api/v1/teams?kind=wijkteam')).json().items as { kind: string }[];
    assert.ok(wijkteams.length > 0 && wijkteams.every((t) => t.kind === 'wijkteam'));
  });

  test('an unknown kind or parameter is refused with problem+json', async () => {
    const client = await grip.login('toegang-medewerker');
    const wrongKind = await client.get('/api/v1/teams?kind=voetbal');
    assert.equal(wrongKind.statusCode, 400);
    assert.match(wrongKind.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(wrongKind.json().invalidParams[0].name, 'query.kind');
    const unknown = await client.get('/api/v1/teams?colour=red');
    assert.equal(unknown.statusCode, 400);
    const anonymous = await grip.app.inject({ method: 'GET', url: '/api/v1/teams' });
    assert.equal(anonymous.statusCode, 401);
  });

  test('colleagues with a casework role, by name with their teams; a caseworker may read them, others not', async () => {
    const caseworker = await grip.login('wijkteam-medewerker');
    const all = await caseworker.get('/api/v1/colleagues');
    assert.equal(all.statusCode, 200, all.body);
    const items = all.json().items as { userId: string; name: string; roles: string[]; teams: string[] }[];
    assert.ok(items.length >= 3);
    assert.ok(
      items.every((c) =>
        c.roles.some((r) => ['toegang-medewerker', 'wijkteam-medewerker', 'regisseur'].includes(r)),
      ),
    );
    assert.ok(!items.some((c) => c.roles.includes('privacy-officer') && c.roles.length === 1));
    const regisseurs = (await caseworker.get('/api/v1/colleagues?role=regisseur')).json().items as {
      roles: string[];
    }[];
    assert.ok(regisseurs.length > 0 && regisseurs.every((c) => c.roles.includes('regisseur')));
    assert.equal((await caseworker.get('/api/v1/colleagues?role=privacy-officer')).statusCode, 400);
    assert.equal((await (await grip.login('inwoner')).get('/api/v1/colleagues')).statusCode, 403);
  });
});
