import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ROLES } from '../src/access/roles.ts';
import { inTenantTransaction } from '../src/platform/db/tenant-transaction.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * A user of one municipality gets nothing of another's through any route: every route is called by every
 * role of Enschede (GM0153) with the ids, BSNs and names of Hengelo (GM0164), and no answer may contain
 * any of them. Row-level security is checked underneath as a second line.
 */
describe('tenancy', () => {
  let grip: TestApp;
  const hengelo = {
    personIds: [] as string[],
    bsns: [] as string[],
    userIds: [] as string[],
    usernames: [] as string[],
  };

  before(async () => {
    grip = await createTestApp();
    const persons = await grip.database.db
      .selectFrom('person')
      .select(['id', 'bsn'])
      .where('municipality_code', '=', 'GM0164')
      .execute();
    const users = await grip.database.db
      .selectFrom('app_user')
      .select(['id', 'username'])
      .where('municipality_code', '=', 'GM0164')
      .execute();
    hengelo.personIds = persons.map((p) => p.id);
    hengelo.bsns = persons.flatMap((p) => (p.bsn ? [p.bsn] : []));
    hengelo.userIds = users.map((u) => u.id);
    hengelo.usernames = users.map((u) => u.username);
    assert.ok(hengelo.personIds.length > 0 && hengelo.userIds.length > 0);
    // Hengelo's log has entries too, which Enschede's privacy officer must not see.
    const toegang = await grip.login('toegang-medewerker', 'GM0164');
    assert.equal((await toegang.get(`/api/v1/persons/${hengelo.personIds[0]}`)).statusCode, 200);
  });
  after(() => grip.close());

  test('no route answers an Enschede user with Hengelo data', async () => {
    const secrets = [...hengelo.personIds, ...hengelo.bsns, ...hengelo.userIds, ...hengelo.usernames];
    const leaks: string[] = [];
    let calls = 0;
    for (const role of ROLES) {
      const client = await grip.login(role, 'GM0153');
      for (const route of grip.routes) {
        if (route.action === 'session.delete') continue;
        const ids = route.url.includes(':personId')
          ? hengelo.personIds
          : route.url.includes(':userId')
            ? hengelo.userIds
            : [''];
        for (const id of ids) {
          const url = route.url.replace(/:(\w+)/, id).replace('/*', '/inwoners');
          const variants: { url: string; body?: unknown; headers?: Record<string, string> }[] = [];
          if (route.url === '/api/v1/persons/_search') {
            for (const bsn of hengelo.bsns) variants.push({ url, body: { bsn } });
          } else if (route.method === 'PATCH') {
            variants.push({
              url,
              body: route.url.includes('persons') ? { givenNames: 'Overgenomen' } : { active: false },
              headers: { 'if-match': '"1"' },
            });
          } else if (route.url === '/api/v1/processing-log') {
            variants.push({ url });
            for (const personId of hengelo.personIds) variants.push({ url: `${url}?subjectId=${personId}` });
          } else if (route.url === '/api/v1/persons' && route.method === 'GET') {
            variants.push({ url: `${url}?familyName=J` }, { url });
          } else {
            variants.push({ url, body: route.method === 'POST' ? {} : undefined });
          }
          for (const variant of variants) {
            const response = await client.request(route.method as 'GET', variant.url, {
              body: variant.body,
              headers: variant.headers,
            });
            calls++;
            for (const secret of secrets) {
              if (response.body.includes(secret)) {
                leaks.push(`${route.method} ${variant.url} as ${role}@GM0153 revealed ${secret}`);
              }
            }
            // A PATCH of a Hengelo person or user is refused or not found; routes without such an id
            // (called with an empty one) may also refuse the request itself.
            if (route.method === 'PATCH' && id !== '')
              assert.ok([403, 404].includes(response.statusCode), `${variant.url}: ${response.statusCode}`);
          }
        }
      }
    }
    assert.deepEqual(leaks, []);
    assert.ok(calls > 100, `only ${calls} calls`);
    // And nothing of Hengelo's changed.
    const changed = await grip.database.db
      .selectFrom('person')
      .select('id')
      .where('municipality_code', '=', 'GM0164')
      .where('version', '>', 1)
      .execute();
    assert.equal(changed.length, 0);
    const deactivated = await grip.database.db
      .selectFrom('app_user')
      .select('id')
      .where('municipality_code', '=', 'GM0164')
      .where('active', '=', false)
      .execute();
    assert.equal(deactivated.length, 0);
  });

  test('lists show only the own municipality', async () => {
    const toegang = await grip.login('toegang-medewerker', 'GM0153');
    const persons = (await toegang.get('/api/v1/persons?pageSize=100')).json() as {
      items: { id: string }[];
      total: number;
    };
    const own = await grip.database.db
      .selectFrom('person')
      .select('id')
      .where('municipality_code', '=', 'GM0153')
      .execute();
    assert.equal(persons.total, own.length);
    assert.deepEqual(new Set(persons.items.map((p) => p.id)), new Set(own.map((p) => p.id)));
    const beheer = await grip.login('functioneel-beheerder', 'GM0153');
    const users = (await beheer.get('/api/v1/users')).json() as { items: { username: string }[] };
    assert.ok(users.items.length > 0);
    assert.ok(users.items.every((u) => u.username.endsWith('@enschede.demo')));
    const privacy = await grip.login('privacy-officer', 'GM0153');
    const log = (await privacy.get('/api/v1/processing-log?limit=500')).json() as {
      items: { actorUserId: string }[];
    };
    assert.ok(log.items.every((entry) => !hengelo.userIds.includes(entry.actorUserId)));
  });

  test('row-level security confines the application role to one municipality', async () => {
    await inTenantTransaction(grip.database, 'GM0153', async (tx) => {
      const rows = await sql<{ municipality_code: string }>`SELECT municipality_code FROM person`.execute(tx);
      assert.ok(rows.rows.length > 0);
      assert.ok(rows.rows.every((r) => r.municipality_code === 'GM0153'));
      const logRows = await sql<{
        municipality_code: string;
      }>`SELECT municipality_code FROM processing_log`.execute(tx);
      assert.ok(logRows.rows.every((r) => r.municipality_code === 'GM0153'));
    });
    await assert.rejects(
      inTenantTransaction(grip.database, 'GM0153', (tx) =>
        sql`INSERT INTO person (municipality_code, bsn, given_names, family_name, birth_date)
            VALUES ('GM0164', '999990044', 'X', 'Y', '2000-01-01')`.execute(tx),
      ),
      /row-level security/,
    );
    const updated = await inTenantTransaction(grip.database, 'GM0153', (tx) =>
      sql`UPDATE person SET given_names = 'X' WHERE municipality_code = 'GM0164'`.execute(tx),
    );
    assert.equal(Number(updated.numAffectedRows ?? 0), 0);
  });
});
