/**
 * The plan's exchange between professionals and the resident: messages (read state, notifications to
 * every other party, the processing log), documents (raw upload with type, size, name and content
 * checks; download as an attachment) and notifications.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { localDate } from '../../src/intake/local-date.ts';
import {
  addDays,
  householdWithPlan,
  linkResident,
  settleNotifications,
  userId,
  type PlanFixture,
} from './exchange-helpers.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

async function count(grip: TestApp, table: 'plan_message' | 'plan_document' | 'notification') {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    grip.database.db,
  );
  return rows[0]!.n;
}

describe('plan exchange: messages, documents, notifications', () => {
  let grip: TestApp;
  let toegang: Client;
  let regisseur: Client;
  let wijkteam: Client;
  let inwoner: Client;
  let plan: PlanFixture;

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    regisseur = await grip.login('regisseur');
    wijkteam = await grip.login('wijkteam-medewerker');
    inwoner = await grip.login('inwoner');
    plan = await householdWithPlan(grip, toegang, 700);
    await linkResident(grip, plan.personId);
    await settleNotifications(grip, [toegang, regisseur, wijkteam, inwoner]);
  });
  after(() => grip.close());

  const upload = (client: Client, url: string, body: Buffer, type: string, name?: string) =>
    client.request('POST', url, {
      body,
      headers: { 'content-type': type, ...(name === undefined ? {} : { 'x-file-name': name }) },
    });

  test('a message notifies every other party; listing marks it read; notifications are read one by one', async () => {
    const sent = await toegang.post(`/api/v1/plans/${plan.planId}/messages`, {
      body: 'Goedemorgen, hoe gaat het?',
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const message = sent.json();
    assert.equal(message.author.kind, 'professional');
    assert.equal(message.author.name, 'Tamara Toegang (demo)');
    assert.equal(message.read, true, 'own message counts as read');

    // The regisseur and the resident (adult participant) are told; the author and outsiders are not.
    const forRegisseur = (await regisseur.get('/api/v1/notifications')).json();
    assert.equal(forRegisseur.unreadCount, 1);
    assert.equal(forRegisseur.items[0].kind, 'bericht');
    assert.equal(forRegisseur.items[0].planId, plan.planId);
    assert.equal(forRegisseur.items[0].link, `/plannen/${plan.planId}`);
    assert.match(forRegisseur.items[0].title.nl, /Tamara Toegang/);
    const forResident = (await inwoner.get('/api/v1/notifications')).json();
    assert.equal(forResident.unreadCount, 1);
    assert.equal(forResident.items[0].link, '/mijn-plan');
    assert.equal((await toegang.get('/api/v1/notifications')).json().unreadCount, 0);
    assert.equal((await wijkteam.get('/api/v1/notifications')).json().unreadCount, 0);

    // The resident answers in the portal: the two professionals are told.
    const reply = await inwoner.post('/api/v1/portal/plan/messages', {
      body: 'Het gaat beter, dank u wel! Groetjes, Zoë',
    });
    assert.equal(reply.statusCode, 201, reply.body);
    assert.equal(reply.json().author.kind, 'inwoner');
    assert.equal((await toegang.get('/api/v1/notifications')).json().unreadCount, 1);
    assert.equal((await regisseur.get('/api/v1/notifications')).json().unreadCount, 2);

    // The regisseur's plan list counts them as unread messages of the plan.
    const unreadOf = async () =>
      (await regisseur.get('/api/v1/plans?mine=true'))
        .json()
        .items.find((p: { id: string; unreadMessages: number }) => p.id === plan.planId)
        .unreadMessages as number;
    assert.equal(await unreadOf(), 2);

    // The regisseur lists the messages: both unread before, read after.
    const first = (await regisseur.get(`/api/v1/plans/${plan.planId}/messages`)).json();
    assert.deepEqual(
      first.items.map((m: { body: string; read: boolean }) => [m.body.slice(0, 11), m.read]),
      [
        ['Goedemorgen', false],
        ['Het gaat be', false],
      ],
    );
    assert.equal(first.unread, 2);
    const again = (await regisseur.get(`/api/v1/plans/${plan.planId}/messages`)).json();
    assert.equal(again.unread, 0);
    assert.equal(await unreadOf(), 0);
    // The resident's list: the professional's message was unread, their own is read.
    const portal = (await inwoner.get('/api/v1/portal/plan/messages')).json();
    assert.deepEqual(
      portal.items.map((m: { read: boolean }) => m.read),
      [false, true],
    );

    // Reading a notification marks it read, once; someone else's is not found.
    const list = (await regisseur.get('/api/v1/notifications')).json();
    const target = list.items[0].id as string;
    const read = await regisseur.post(`/api/v1/notifications/${target}/read`, {});
    assert.equal(read.statusCode, 200, read.body);
    assert.ok(read.json().readAt);
    const twice = await regisseur.post(`/api/v1/notifications/${target}/read`);
    assert.equal(twice.statusCode, 200, twice.body);
    assert.equal(twice.json().readAt, read.json().readAt);
    assert.equal((await regisseur.get('/api/v1/notifications')).json().unreadCount, 1);
    assert.equal((await regisseur.get('/api/v1/notifications?unread=true')).json().items.length, 1);
    assert.equal((await toegang.post(`/api/v1/notifications/${target}/read`, {})).statusCode, 404);
  });

  test('every read of a message list or a document is in the processing log with the participants', async () => {
    const last = await grip.database.db
      .selectFrom('processing_log')
      .select(sql<string>`coalesce(max(id), 0)::text`.as('id'))
      .executeTakeFirstOrThrow();
    await regisseur.get(`/api/v1/plans/${plan.planId}/messages`);
    await inwoner.get('/api/v1/portal/plan/messages');
    const doc = await upload(
      toegang,
      `/api/v1/plans/${plan.planId}/documents`,
      PDF,
      'application/pdf',
      'brief.pdf',
    );
    await regisseur.get(`/api/v1/documents/${doc.json().id}`);
    const fresh = await grip.database.db
      .selectFrom('processing_log')
      .select(['action', 'subject_ids', 'outcome', 'actor_user_id'])
      .where('action', 'in', ['plan-message.list', 'portal-plan-message.list', 'plan-document.read'])
      .where(sql<boolean>`id > ${last.id}::bigint`)
      .execute();
    assert.deepEqual(fresh.map((e) => e.action).sort(), [
      'plan-document.read',
      'plan-message.list',
      'portal-plan-message.list',
    ]);
    for (const e of fresh) {
      assert.equal(e.outcome, 'success');
      assert.deepEqual([...e.subject_ids].sort(), [plan.personId, plan.childId].sort());
    }
  });

  test('bad messages are refused and write nothing', async () => {
    const messages = await count(grip, 'plan_message');
    const other = await householdWithPlan(grip, toegang, 701);
    const foreignDoc = await upload(
      toegang,
      `/api/v1/plans/${other.planId}/documents`,
      PNG,
      'image/png',
      'foto.png',
    );
    assert.equal(foreignDoc.statusCode, 201, foreignDoc.body);
    const afterSetup = {
      messages: await count(grip, 'plan_message'),
      notifications: await count(grip, 'notification'),
    };
    assert.equal(afterSetup.messages, messages);
    for (const [body, param] of [
      [{ body: '' }, 'body'],
      [{ body: '   ' }, 'body'],
      [{ body: 'x'.repeat(4001) }, 'body'],
      [{ body: 'hallo', extra: 1 }, 'extra'],
      [{ body: 'hallo', documentId: 'not-a-uuid' }, 'documentId'],
      [{ body: 'hallo', documentId: foreignDoc.json().id }, 'documentId'],
    ] as const) {
      const response = await toegang.post(`/api/v1/plans/${plan.planId}/messages`, body);
      assert.equal(response.statusCode, 400, `${JSON.stringify(body).slice(0, 60)}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.ok(
        (response.json().invalidParams as { name: string }[]).some((p) => p.name === param),
        response.body,
      );
      const portal = await inwoner.post('/api/v1/portal/plan/messages', body);
      assert.equal(portal.statusCode, 400, portal.body);
    }
    assert.equal(await count(grip, 'plan_message'), afterSetup.messages);
    assert.equal(await count(grip, 'notification'), afterSetup.notifications);

    // A message of exactly 4000 characters is fine, and may refer to a document of the plan.
    const own = await upload(
      toegang,
      `/api/v1/plans/${plan.planId}/documents`,
      PDF,
      'application/pdf',
      'x.pdf',
    );
    const long = await toegang.post(`/api/v1/plans/${plan.planId}/messages`, {
      body: 'é'.repeat(4000),
      documentId: own.json().id,
    });
    assert.equal(long.statusCode, 201, long.body);
    assert.equal(long.json().document.fileName, 'x.pdf');

    // Professionals not involved are refused; so is an unknown plan.
    const notInvolved = await wijkteam.post(`/api/v1/plans/${plan.planId}/messages`, { body: 'hallo' });
    assert.equal(notInvolved.statusCode, 403);
    assert.equal(notInvolved.json().code, 'plan-not-involved');
    assert.equal((await wijkteam.get(`/api/v1/plans/${plan.planId}/messages`)).statusCode, 403);
    const unknown = await toegang.post('/api/v1/plans/00000000-0000-4000-8000-000000000001/messages', {
      body: 'x',
    });
    assert.equal(unknown.statusCode, 404);
  });

  test('documents: upload with checks, list, download as an attachment', async () => {
    const url = `/api/v1/plans/${plan.planId}/documents`;
    const before = await count(grip, 'plan_document');
    const stored = await upload(
      toegang,
      url,
      PNG,
      'image/png',
      encodeURIComponent('../../etc/Foto van de brief ë.png'),
    );
    assert.equal(stored.statusCode, 201, stored.body);
    const doc = stored.json();
    assert.equal(doc.fileName, 'Foto van de brief ë.png');
    assert.equal(doc.contentType, 'image/png');
    assert.equal(doc.size, PNG.length);
    assert.equal(doc.sha256, createHash('sha256').update(PNG).digest('hex'));
    assert.equal(doc.uploadedBy, 'Tamara Toegang (demo)');
    const row = await grip.database.db
      .selectFrom('plan_document')
      .select(['household_id', 'plan_id'])
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { household_id: plan.householdId, plan_id: plan.planId });
    // The resident and the regisseur were told.
    const notices = (await inwoner.get('/api/v1/notifications')).json();
    assert.equal(notices.items[0].kind, 'document');

    const download = await regisseur.get(`/api/v1/documents/${doc.id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(
      String(download.headers['content-disposition']),
      /^attachment; filename="Foto van de brief e.png"; filename\*=UTF-8''Foto%20van%20de%20brief%20%C3%AB.png$/,
    );
    assert.deepEqual(download.rawPayload, PNG);

    const text = await upload(
      toegang,
      url,
      Buffer.from('Afspraken: één keer per week bellen.\n'),
      'text/plain; charset=utf-8',
      'afspraken.txt',
    );
    assert.equal(text.statusCode, 201, text.body);
    const listed = (await regisseur.get(url)).json();
    assert.ok(listed.items.some((d: { id: string }) => d.id === doc.id));
    assert.equal(listed.items[0].fileName, 'afspraken.txt', 'newest first');
    const inPortal = (await inwoner.get('/api/v1/portal/plan/documents')).json();
    assert.equal(inPortal.items.length, listed.items.length);
    const portalDownload = await inwoner.get(`/api/v1/portal/documents/${text.json().id}`);
    assert.equal(portalDownload.statusCode, 200);
    assert.equal(portalDownload.headers['content-type'], 'text/plain; charset=utf-8');

    // The resident uploads too.
    const fromResident = await upload(
      inwoner,
      '/api/v1/portal/plan/documents',
      PDF,
      'application/pdf',
      'loonstrook.pdf',
    );
    assert.equal(fromResident.statusCode, 201, fromResident.body);
    assert.equal(fromResident.json().uploadedAs, 'inwoner');

    const afterGood = await count(grip, 'plan_document');
    assert.equal(afterGood, before + 3);
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('[Content_Types].xml word/document.xml'),
    ]);
    for (const [body, type, name, status, code] of [
      [PDF, 'application/zip', 'a.zip', 415, 'document-type-not-allowed'],
      [PDF, 'application/json', 'a.json', 415, 'document-type-not-allowed'],
      [PNG, 'application/pdf', 'nep.pdf', 415, 'document-content-mismatch'],
      [PDF, 'image/jpeg', 'nep.jpg', 415, 'document-content-mismatch'],
      [Buffer.from([0x61, 0x00, 0x62]), 'text/plain', 'nul.txt', 415, 'document-content-mismatch'],
      [Buffer.from([0xc3, 0x28]), 'text/plain', 'utf8.txt', 415, 'document-content-mismatch'],
      [docx, 'application/vnd.oasis.opendocument.text', 'nep.odt', 415, 'document-content-mismatch'],
      [Buffer.alloc(0), 'application/pdf', 'leeg.pdf', 400, 'invalid-input'],
      [PDF, 'application/pdf', undefined, 400, 'invalid-input'],
      [PDF, 'application/pdf', '../..', 400, 'invalid-input'],
      [Buffer.alloc(10 * 1024 * 1024 + 1, 0x25), 'application/pdf', 'groot.pdf', 413, 'document-too-large'],
    ] as const) {
      const response = await upload(toegang, url, body, type, name);
      assert.equal(response.statusCode, status, `${type} ${name}: ${response.body}`);
      assert.equal(response.json().code, code, response.body);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    }
    const okDocx = await upload(
      toegang,
      url,
      docx,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'plan.docx',
    );
    assert.equal(okDocx.statusCode, 201, okDocx.body);
    assert.equal(await count(grip, 'plan_document'), afterGood + 1, 'refused uploads wrote nothing');

    // Not involved: refused, nothing stored; a document of another plan is not the resident's.
    assert.equal((await upload(wijkteam, url, PDF, 'application/pdf', 'a.pdf')).statusCode, 403);
    assert.equal((await wijkteam.get(`/api/v1/documents/${doc.id}`)).statusCode, 403);
    assert.equal((await wijkteam.get(url)).statusCode, 403);
    const other = await householdWithPlan(grip, toegang, 702);
    const foreign = await upload(
      toegang,
      `/api/v1/plans/${other.planId}/documents`,
      PDF,
      'application/pdf',
      'a.pdf',
    );
    assert.equal((await inwoner.get(`/api/v1/portal/documents/${foreign.json().id}`)).statusCode, 404);
    assert.equal(
      (await regisseur.get('/api/v1/documents/00000000-0000-4000-8000-000000000002')).statusCode,
      404,
    );
  });

  test("an evaluation due within 14 days or overdue is told to the plan's regisseur once", async () => {
    const due = await householdWithPlan(grip, toegang, 703);
    const today = localDate();
    for (const plannedOn of [addDays(today, 7), addDays(today, -3), addDays(today, 30)]) {
      await grip.database.db
        .insertInto('plan_evaluation')
        .values({
          municipality_code: 'GM0164',
          plan_id: due.planId,
          kind: 'evaluatie',
          planned_on: plannedOn,
        })
        .execute();
    }
    const list = async () =>
      (
        (await regisseur.get('/api/v1/notifications')).json().items as {
          kind: string;
          planId: string;
          title: { nl: string };
        }[]
      )
        .filter((n) => n.kind === 'evaluatie' && n.planId === due.planId)
        .map((n) => n.title.nl)
        .sort();
    const [dd, mm, yyyy] = [
      Number(addDays(today, 7).slice(8)),
      Number(addDays(today, 7).slice(5, 7)),
      addDays(today, 7).slice(0, 4),
    ];
    const past = addDays(today, -3);
    assert.deepEqual(await list(), [
      `Een evaluatie staat gepland op ${dd}-${mm}-${yyyy}.`,
      `Een evaluatie van ${Number(past.slice(8))}-${Number(past.slice(5, 7))}-${past.slice(0, 4)} is nog niet gehouden.`,
    ]);
    assert.equal((await list()).length, 2, 'told once');
    assert.equal(
      ((await toegang.get('/api/v1/notifications')).json().items as { kind: string }[]).filter(
        (n) => n.kind === 'evaluatie',
      ).length,
      0,
      'only the regisseur',
    );
  });

  test('the resident of a child participant, or without a link, gets no plan; notifications skip minors', async () => {
    await linkResident(grip, plan.childId);
    const response = await inwoner.get('/api/v1/portal/plan/messages');
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().code, 'no-plan');
    const before = await count(grip, 'notification');
    await regisseur.post(`/api/v1/plans/${plan.planId}/messages`, { body: 'Alleen voor de volwassenen' });
    // Only toegang is told: the resident account is now the child's and minors are not notified.
    assert.equal(await count(grip, 'notification'), before + 1);
    const toegangId = await userId(grip, 'toegang@hengelo.demo');
    const newest = await grip.database.db
      .selectFrom('notification')
      .select('recipient_user_id')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(newest.recipient_user_id, toegangId);
    await linkResident(grip, null);
    assert.equal((await inwoner.get('/api/v1/portal/plan/messages')).statusCode, 404);
    await linkResident(grip, plan.personId);
  });
});
