import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { inTenantTransaction } from '../src/platform/db/tenant-transaction.ts';
import { syntheticBsn } from '../src/demo/demo-seed.ts';
import { createTestApp, DB_KIND, type TestApp } from './helpers/test-app.ts';

interface Entry {
  actorUserId: string;
  actorRole: string;
  action: string;
  purpose: string;
  legalGround: string;
  subjectIds: string[];
  outcome: string;
  occurredAt: string;
  httpStatus: number | null;
}

describe(`processing log (${DB_KIND})`, () => {
  let grip: TestApp;
  let personId: string;
  const bsn = syntheticBsn(900);
  before(async () => {
    grip = await createTestApp();
    const toegang = await grip.login('toegang-medewerker');
    const created = await toegang.post('/api/v1/persons', {
      bsn,
      givenNames: 'Geheime Voornaam',
      familyName: 'Vertrouwelijk',
      birthDate: '1970-05-05',
    });
    assert.equal(created.statusCode, 201, created.body);
    personId = created.json().id;
  });
  after(() => grip.close());

  async function search(query: string): Promise<Entry[]> {
    const privacy = await grip.login('privacy-officer');
    const response = await privacy.get(`/api/v1/processing-log?${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().items as Entry[];
  }

  test('a read records actor, role, action, purpose, legal ground, subject, time and outcome', async () => {
    const regisseur = await grip.login('regisseur');
    const started = Date.now() - 1000;
    assert.equal((await regisseur.get(`/api/v1/persons/${personId}`)).statusCode, 200);
    const session = (await regisseur.get('/api/v1/session')).json();
    const entries = await search(`subjectId=${personId}&actorUserId=${session.userId}`);
    const read = entries.find((e) => e.action === 'person.read');
    assert.ok(read, 'read is logged');
    assert.equal(read.actorRole, 'regisseur');
    assert.equal(read.purpose, 'uitvoering-sociaal-domein');
    assert.match(read.legalGround, /Wmo 2015/);
    assert.deepEqual(read.subjectIds, [personId]);
    assert.equal(read.outcome, 'success');
    assert.ok(new Date(read.occurredAt).getTime() >= started);
  });

  test('writes, searches and lists are logged with their subjects', async () => {
    const toegang = await grip.login('toegang-medewerker');
    const found = await toegang.post('/api/v1/persons/_search', { bsn });
    assert.deepEqual(
      found.json().items.map((p: { id: string }) => p.id),
      [personId],
    );
    const listed = await toegang.get('/api/v1/persons?familyName=Vertrouw');
    assert.equal(listed.json().total, 1);
    const entries = await search(`subjectId=${personId}`);
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['person.create', 'person.search', 'person.list'])
      assert.ok(actions.has(action), action);
  });

  test('a denied attempt is logged as denied', async () => {
    const aanbieder = await grip.login('aanbieder');
    const response = await aanbieder.get(`/api/v1/persons/${personId}`);
    assert.equal(response.statusCode, 403);
    const session = (await aanbieder.get('/api/v1/session')).json();
    const entries = await search(`actorUserId=${session.userId}&outcome=denied`);
    assert.ok(entries.some((e) => e.action === 'person.read' && e.httpStatus === 403));
  });

  test('the privacy officer’s own searches are logged, and the search filters work', async () => {
    await search(`subjectId=${personId}`);
    const privacy = await grip.login('privacy-officer');
    const session = (await privacy.get('/api/v1/session')).json();
    const own = await search(`actorUserId=${session.userId}&action=processing-log.search`);
    assert.ok(own.length >= 1);
    assert.ok(own.every((e) => e.actorUserId === session.userId && e.action === 'processing-log.search'));
    const future = await search(`from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    assert.equal(future.length, 0);
    const page = (await privacy.get('/api/v1/processing-log?limit=2')).json();
    assert.equal(page.items.length, 2);
    assert.ok(page.nextBefore);
    const next = (await privacy.get(`/api/v1/processing-log?limit=2&before=${page.nextBefore}`)).json();
    assert.ok(next.items.every((e: { id: string }) => BigInt(e.id) < BigInt(page.nextBefore)));
  });

  test('bad search input gets a problem, not a silent empty answer', async () => {
    const privacy = await grip.login('privacy-officer');
    const response = await privacy.get(
      '/api/v1/processing-log?subjectId=not-a-uuid&limit=100000&colour=blue',
    );
    assert.equal(response.statusCode, 400);
    const names = response
      .json()
      .invalidParams.map((p: { name: string }) => p.name)
      .sort();
    assert.deepEqual(names, ['query.colour', 'query.limit', 'query.subjectId']);
  });

  test('free text and sensitive values never reach the log', async () => {
    const rows = await sql<{ row: string }>`SELECT row_to_json(p)::text AS row FROM processing_log p`.execute(
      grip.database.db,
    );
    const dump = rows.rows.map((r) => r.row).join('\n');
    assert.ok(dump.length > 0);
    for (const secret of [bsn, 'Geheime', 'Vertrouwelijk', '1970-05-05', 'Vertrouw']) {
      assert.ok(!dump.includes(secret), `log contains ${secret}`);
    }
  });

  test('append-only: the application role cannot change or delete entries, and neither can the owner', async () => {
    const update = inTenantTransaction(grip.database, 'GM0164', (tx) =>
      sql`UPDATE processing_log SET purpose = 'verdoezeld'`.execute(tx),
    );
    await assert.rejects(update, /permission denied/);
    const remove = inTenantTransaction(grip.database, 'GM0164', (tx) =>
      sql`DELETE FROM processing_log`.execute(tx),
    );
    await assert.rejects(remove, /permission denied/);
    const truncate = inTenantTransaction(grip.database, 'GM0164', (tx) =>
      sql`TRUNCATE processing_log`.execute(tx),
    );
    await assert.rejects(truncate, /permission denied/);
    // The migration owner is stopped by the trigger.
    await assert.rejects(
      sql`UPDATE processing_log SET purpose = 'x'`.execute(grip.database.db),
      /append-only/,
    );
    await assert.rejects(sql`DELETE FROM processing_log`.execute(grip.database.db), /append-only/);
    await assert.rejects(sql`TRUNCATE processing_log`.execute(grip.database.db), /append-only/);
    // Adding stays possible for the application role.
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM processing_log`.execute(
      grip.database.db,
    );
    await inTenantTransaction(grip.database, 'GM0164', (tx) =>
      sql`INSERT INTO processing_log (municipality_code, request_id, action, purpose, legal_ground, outcome)
          VALUES ('GM0164', 'test', 'test.action', 'test', 'test', 'success')`.execute(tx),
    );
    const afterCount = await sql<{ n: number }>`SELECT count(*)::int AS n FROM processing_log`.execute(
      grip.database.db,
    );
    assert.equal(afterCount.rows[0]!.n, before.rows[0]!.n + 1);
  });
});
