/**
 * The fraud-suspicion register (issue 6 point 2): caseworkers and the controller report a suspicion; only
 * the controller (beleidsadviseur) reads the register and records the follow-up — with date, who, and the
 * status after it. Every access is in the processing log with its own purpose. Bad input writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PURPOSE_FRAUD } from '../../src/access/catalogue-actions.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const M = 'GM0164';

describe('fraud-suspicion register', () => {
  let grip: TestApp;
  let beleid: Client;
  let toegang: Client;
  let providerId: string;

  const count = async (table: 'fraud_suspicion' | 'fraud_suspicion_action') =>
    Number(
      (
        await grip.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('municipality_code', '=', M)
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    grip = await createTestApp();
    beleid = await grip.login('beleidsadviseur');
    toegang = await grip.login('toegang-medewerker');
    const provider = await beleid.post('/api/v1/providers', {
      name: 'Snelle Zorg BV',
      kvkNumber: '55555555',
    });
    assert.equal(provider.statusCode, 201, provider.body);
    providerId = provider.json().id;
  });
  after(() => grip.close());

  test('a caseworker reports; only the controller sees the register and follows up', async () => {
    const reported = await toegang.post('/api/v1/fraud-suspicions', {
      providerId,
      source: 'melding-client',
      summary: 'Cliënt zegt dat gedeclareerde uren niet zijn geleverd',
      reportedDate: '2026-03-01',
    });
    assert.equal(reported.statusCode, 201, reported.body);
    const suspicion = reported.json();
    assert.equal(suspicion.status, 'gemeld');
    assert.ok(suspicion.reportedBy);

    for (const role of [
      'toegang-medewerker',
      'functioneel-beheerder',
      'regisseur',
      'privacy-officer',
      'aanbieder',
    ] as const) {
      const client = await grip.login(role);
      assert.equal((await client.get('/api/v1/fraud-suspicions')).statusCode, 403, role);
      assert.equal((await client.get(`/api/v1/fraud-suspicions/${suspicion.id}`)).statusCode, 403, role);
    }
    assert.equal(
      (
        await (
          await grip.login('functioneel-beheerder')
        ).post('/api/v1/fraud-suspicions', { providerId, source: 'audit', summary: 'x' })
      ).statusCode,
      403,
    );

    const list = await beleid.get(`/api/v1/fraud-suspicions?providerId=${providerId}&open=true`);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json().items.map((s: { id: string }) => s.id),
      [suspicion.id],
    );

    const url = `/api/v1/fraud-suspicions/${suspicion.id}/actions`;
    const investigate = await beleid.post(
      url,
      { actionDate: '2026-03-05', description: 'Dossieronderzoek gestart', status: 'in-onderzoek' },
      { 'if-match': '"1"' },
    );
    assert.equal(investigate.statusCode, 201, investigate.body);
    assert.equal(investigate.headers.etag, '"2"');
    const measure = await beleid.post(
      url,
      { actionDate: '2026-04-01', description: 'Terugvordering van 40 uur', status: 'maatregel' },
      { 'if-match': '"2"' },
    );
    const close = await beleid.post(
      url,
      { actionDate: '2026-05-01', description: 'Terugbetaald; afgesloten', status: 'afgesloten' },
      { 'if-match': '"3"' },
    );
    assert.equal(measure.statusCode, 201);
    assert.equal(close.statusCode, 201, close.body);
    const done = close.json();
    assert.equal(done.status, 'afgesloten');
    assert.equal(done.closedDate, '2026-05-01');
    assert.equal(done.followUp, 'Terugbetaald; afgesloten');
    assert.deepEqual(
      done.actions.map((a: { actionDate: string; statusAfter: string; recordedBy: string }) => [
        a.actionDate,
        a.statusAfter,
        typeof a.recordedBy,
      ]),
      [
        ['2026-03-05', 'in-onderzoek', 'string'],
        ['2026-04-01', 'maatregel', 'string'],
        ['2026-05-01', 'afgesloten', 'string'],
      ],
    );
    const closed = (await beleid.get(`/api/v1/fraud-suspicions?providerId=${providerId}&open=false`)).json();
    assert.equal(closed.items.length, 1);
    assert.equal(
      (
        await toegang.post(
          url,
          { actionDate: '2026-05-02', description: 'x', status: 'gemeld' },
          { 'if-match': '"4"' },
        )
      ).statusCode,
      403,
    );

    // Every access is logged with the register's purpose and the suspicion as subject.
    const log = await grip.database.db
      .selectFrom('processing_log')
      .select(['action', 'purpose', 'subject_type', 'subject_ids', 'outcome'])
      .where('municipality_code', '=', M)
      .where('action', 'like', 'fraud-suspicion.%')
      .execute();
    const ok = log.filter((l) => l.outcome === 'success');
    assert.ok(ok.length >= 5);
    assert.ok(ok.every((l) => l.purpose === PURPOSE_FRAUD && l.subject_type === 'fraud-suspicion'));
    assert.ok(ok.some((l) => l.action === 'fraud-suspicion.read' || l.action === 'fraud-suspicion.list'));
    assert.ok(ok.every((l) => (l.subject_ids as string[]).includes(suspicion.id)));
    assert.ok(
      log.some((l) => l.outcome === 'denied'),
      'refused attempts are logged too',
    );
  });

  test('bad input is refused and writes nothing', async () => {
    const before = await count('fraud_suspicion');
    for (const body of [
      { providerId: '00000000-0000-4000-8000-000000000000', source: 'audit', summary: 'x' },
      { providerId, source: 'roddel', summary: 'x' },
      { providerId, source: 'audit', summary: '' },
      { providerId, source: 'audit', summary: 'x', reportedDate: '2999-01-01' },
      { providerId, source: 'audit', summary: 'x', status: 'maatregel' },
    ]) {
      const response = await beleid.post('/api/v1/fraud-suspicions', body);
      assert.equal(response.statusCode, 400, `${JSON.stringify(body)}: ${response.body}`);
    }
    assert.equal(await count('fraud_suspicion'), before);

    const created = (
      await beleid.post('/api/v1/fraud-suspicions', {
        providerId,
        source: 'declaratiecontrole',
        summary: 'Dubbele declaraties',
        reportedDate: '2026-06-01',
      })
    ).json();
    const url = `/api/v1/fraud-suspicions/${created.id}/actions`;
    const actions = await count('fraud_suspicion_action');
    const cases: [Record<string, unknown>, Record<string, string>, number][] = [
      [{ actionDate: '2026-06-02', description: 'x', status: 'in-onderzoek' }, {}, 428],
      [{ actionDate: '2026-06-02', description: 'x', status: 'in-onderzoek' }, { 'if-match': '"9"' }, 412],
      [{ actionDate: '2026-05-01', description: 'x', status: 'in-onderzoek' }, { 'if-match': '"1"' }, 400],
      [{ actionDate: '2999-05-01', description: 'x', status: 'in-onderzoek' }, { 'if-match': '"1"' }, 400],
      [{ actionDate: '2026-06-02', description: 'x', status: 'vergeten' }, { 'if-match': '"1"' }, 400],
    ];
    for (const [body, headers, status] of cases) {
      const response = await beleid.post(url, body, headers);
      assert.equal(response.statusCode, status, `${JSON.stringify(body)}: ${response.body}`);
    }
    assert.equal(await count('fraud_suspicion_action'), actions);
    assert.equal((await beleid.get(`/api/v1/fraud-suspicions/${created.id}`)).json().version, 1);
    assert.equal(
      (await beleid.get('/api/v1/fraud-suspicions/00000000-0000-4000-8000-000000000000')).statusCode,
      404,
    );
  });
});
