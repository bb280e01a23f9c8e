import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadCheckFacts } from '../../src/decisions/declaration-facts.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  addDays,
  counts,
  grantedProduct,
  linkAanbieder,
  MC,
  providerWithContract,
  type ProviderFixture,
} from './decision-fixtures.ts';

/**
 * Care delivery (start/stop) and declarations by provider staff, each line checked against its
 * allocation; provider staff see their own provider's allocations and declarations only.
 */

const TABLES = ['declaration', 'declaration_line', 'care_delivery'];

function monthOf(day: string) {
  const [y, m] = day.split('-').map(Number);
  const first = `${y}-${String(m).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
  return { first, last };
}

describe('care delivery and declarations', () => {
  let grip: TestApp;
  let toegang: Client;
  let aanbieder: Client;
  let a: ProviderFixture;
  let b: ProviderFixture;
  let allocationA: { id: string; toewijzingNumber: number; start: string };
  let allocationB: { id: string; toewijzingNumber: number };

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    aanbieder = await grip.login('aanbieder');
    a = await providerWithContract(grip, 11, [{ code: 'WMO-HO', tariffCents: 3350 }]);
    b = await providerWithContract(grip, 12, [{ code: 'WMO-HO', tariffCents: 3400 }]);
    await linkAanbieder(grip, a.providerId);
    const ga = await grantedProduct(grip, toegang, 301, { volume: 3 });
    const ta = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: ga.productId,
      contractId: a.contractId,
      startDate: ga.start,
      endDate: ga.end,
    });
    assert.equal(ta.statusCode, 201, ta.body);
    allocationA = { id: ta.json().id, toewijzingNumber: ta.json().toewijzingNumber, start: ga.start };
    const gb = await grantedProduct(grip, toegang, 302, { volume: 3 });
    const tb = await toegang.post('/api/v1/toewijzingen', {
      beschikkingProductId: gb.productId,
      contractId: b.contractId,
      startDate: gb.start,
      endDate: gb.end,
    });
    assert.equal(tb.statusCode, 201, tb.body);
    allocationB = { id: tb.json().id, toewijzingNumber: tb.json().toewijzingNumber };
  });
  after(() => grip.close());

  test("provider A does not see provider B's allocation: 404, not 403", async () => {
    const list = await aanbieder.get('/api/v1/toewijzingen');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().items.map((t: { id: string }) => t.id),
      [allocationA.id],
    );
    const other = await aanbieder.get(`/api/v1/toewijzingen?providerId=${b.providerId}`);
    assert.deepEqual(other.json().items, []);
    assert.equal((await aanbieder.get(`/api/v1/toewijzingen/${allocationA.id}`)).statusCode, 200);
    const read = await aanbieder.get(`/api/v1/toewijzingen/${allocationB.id}`);
    assert.equal(read.statusCode, 404);
    const start = await aanbieder.post(`/api/v1/toewijzingen/${allocationB.id}/delivery/start`, {
      startDate: allocationA.start,
    });
    assert.equal(start.statusCode, 404);
    // Caseworkers see both.
    assert.equal((await toegang.get(`/api/v1/toewijzingen/${allocationB.id}`)).statusCode, 200);
  });

  test('an unlinked provider account sees nothing and cannot declare', async () => {
    await linkAanbieder(grip, null);
    try {
      assert.deepEqual((await aanbieder.get('/api/v1/toewijzingen')).json().items, []);
      assert.equal((await aanbieder.get(`/api/v1/toewijzingen/${allocationA.id}`)).statusCode, 404);
      const declared = await aanbieder.post('/api/v1/declarations', {
        declarationNumber: 'X1',
        lawCode: 'wmo',
        periodStartDate: allocationA.start,
        periodEndDate: allocationA.start,
        lines: [
          {
            toewijzingNumber: allocationA.toewijzingNumber,
            periodStartDate: allocationA.start,
            periodEndDate: allocationA.start,
            volume: 1,
            unitCode: '04',
            tariffCents: 3350,
            amountCents: 3350,
          },
        ],
      });
      assert.equal(declared.statusCode, 409);
      assert.equal(declared.json().code, 'provider-link-missing');
    } finally {
      await linkAanbieder(grip, a.providerId);
    }
  });

  test('start and stop of care: own allocation, inside its period, with a listed reason', async () => {
    const url = `/api/v1/toewijzingen/${allocationA.id}/delivery`;
    const early = await aanbieder.post(`${url}/start`, { startDate: addDays(allocationA.start, -1) });
    assert.equal(early.statusCode, 400);
    const notStarted = await aanbieder.post(`${url}/stop`, { stopDate: allocationA.start, reasonCode: '19' });
    assert.equal(notStarted.statusCode, 409);
    const started = await aanbieder.post(`${url}/start`, { startDate: allocationA.start });
    assert.equal(started.statusCode, 200, started.body);
    assert.deepEqual(started.json().deliveries, [
      { startDate: allocationA.start, stopDate: null, stopReasonCode: null },
    ]);
    const twice = await aanbieder.post(`${url}/start`, { startDate: allocationA.start });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'delivery-already-started');
    const badReason = await aanbieder.post(`${url}/stop`, { stopDate: allocationA.start, reasonCode: '99' });
    assert.equal(badReason.statusCode, 400);
    // Caseworkers do not report delivery.
    assert.equal((await toegang.post(`${url}/start`, { startDate: allocationA.start })).statusCode, 403);
  });

  test('a declaration: accepted and rejected lines with the retourcode, booked once', async () => {
    const { first, last } = monthOf(allocationA.start);
    const line = {
      toewijzingNumber: allocationA.toewijzingNumber,
      periodStartDate: allocationA.start,
      periodEndDate: last,
      volume: 2,
      unitCode: '04',
      tariffCents: 3350,
      amountCents: 6700,
    };
    const before = await counts(grip, TABLES);
    const response = await aanbieder.post('/api/v1/declarations', {
      declarationNumber: 'D-0001',
      lawCode: 'wmo',
      periodStartDate: first,
      periodEndDate: last,
      lines: [
        line,
        { ...line, tariffCents: 3500, amountCents: 7000 }, // not the contract tariff
        line, // double
        { ...line, toewijzingNumber: allocationB.toewijzingNumber }, // provider B's
        { ...line, toewijzingNumber: 99_999_998 }, // unknown
        { ...line, volume: 50, amountCents: 50 * 3350 }, // more than granted
      ],
    });
    assert.equal(response.statusCode, 201, response.body);
    const d = response.json();
    assert.equal(d.declarationNumber, 'D-0001');
    assert.deepEqual(
      d.lines.map((l: { status: string; rejectionCode: string | null }) => l.rejectionCode ?? l.status),
      ['geaccepteerd', '0611', '9361', '9361'],
    );
    assert.match(d.lines[1].rejectionReason, /contracttarief/);
    assert.deepEqual(
      d.unknownLines.map((l: { index: number; rejectionCode: string }) => [l.index, l.rejectionCode]),
      [
        [3, '9338'],
        [4, '9338'],
      ],
    );
    assert.equal(d.acceptedCents, 6700);
    const after = await counts(grip, TABLES);
    assert.equal(after.declaration, before.declaration! + 1);
    assert.equal(after.declaration_line, before.declaration_line! + 4);

    // The same number again: refused, nothing booked.
    const again = await aanbieder.post('/api/v1/declarations', {
      declarationNumber: 'D-0001',
      lawCode: 'wmo',
      periodStartDate: first,
      periodEndDate: last,
      lines: [line],
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'declaration-number-taken');
    assert.deepEqual(await counts(grip, TABLES), after);

    // Read back, own only.
    const list = await aanbieder.get('/api/v1/declarations');
    assert.deepEqual(
      list.json().items.map((x: { id: string }) => x.id),
      [d.id],
    );
    const one = await aanbieder.get(`/api/v1/declarations/${d.id}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().lines.length, 4);
    const controller = await grip.login('beleidsadviseur');
    assert.equal((await controller.get(`/api/v1/declarations/${d.id}`)).statusCode, 200);
    await linkAanbieder(grip, b.providerId);
    try {
      assert.equal((await aanbieder.get(`/api/v1/declarations/${d.id}`)).statusCode, 404);
      assert.deepEqual((await aanbieder.get('/api/v1/declarations')).json().items, []);
    } finally {
      await linkAanbieder(grip, a.providerId);
    }
  });

  test('a line after the stop of care or the end of the allocation is rejected', async () => {
    const { last } = monthOf(allocationA.start);
    const next = addDays(last, 1);
    const nextLast = monthOf(next).last;
    const stop = await aanbieder.post(`/api/v1/toewijzingen/${allocationA.id}/delivery/stop`, {
      stopDate: last,
      reasonCode: '22',
    });
    assert.equal(stop.statusCode, 200, stop.body);
    const response = await aanbieder.post('/api/v1/declarations', {
      declarationNumber: 'D-0002',
      lawCode: 'wmo',
      periodStartDate: next,
      periodEndDate: nextLast,
      lines: [
        {
          toewijzingNumber: allocationA.toewijzingNumber,
          periodStartDate: next,
          periodEndDate: nextLast,
          volume: 2,
          unitCode: '04',
          tariffCents: 3350,
          amountCents: 6700,
        },
      ],
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().lines[0].rejectionCode, '9308');
    assert.equal(response.json().acceptedCents, 0);
  });

  test('bad input books nothing', async () => {
    const before = await counts(grip, TABLES);
    const line = {
      toewijzingNumber: allocationA.toewijzingNumber,
      periodStartDate: allocationA.start,
      periodEndDate: allocationA.start,
      volume: 1,
      unitCode: '04',
      tariffCents: 3350,
      amountCents: 3350,
    };
    const base = {
      declarationNumber: 'D-BAD',
      lawCode: 'wmo',
      periodStartDate: allocationA.start,
      periodEndDate: allocationA.start,
    };
    const cases: [unknown, number, string][] = [
      [{ ...base, lines: [] }, 400, 'no lines'],
      [{ ...base, lines: [line, { ...line, volume: -1 }] }, 400, 'one negative volume'],
      [{ ...base, lines: [{ ...line, unitCode: '4' }] }, 400, 'malformed unit'],
      [{ ...base, lines: [{ ...line, periodStartDate: '2026-02-30' }] }, 400, 'impossible date'],
      [{ ...base, lines: [{ ...line, extra: true }] }, 400, 'unknown field in a line'],
      [{ ...base, lawCode: 'participatiewet', lines: [line] }, 400, 'law without 323'],
      [{ ...base, declarationNumber: 'X'.repeat(13), lines: [line] }, 400, 'number too long'],
      [
        { ...base, periodEndDate: addDays(allocationA.start, -1), lines: [line] },
        400,
        'period ends before start',
      ],
    ];
    for (const [body, status, what] of cases) {
      const response = await aanbieder.post('/api/v1/declarations', body);
      assert.equal(response.statusCode, status, `${what}: ${response.body}`);
    }
    assert.deepEqual(await counts(grip, TABLES), before);
  });

  test('the facts loader reads a batch in a few queries and confines to the provider', async () => {
    const facts = await grip.database.db
      .transaction()
      .execute((tx) =>
        loadCheckFacts(tx, MC, a.providerId, [
          allocationA.toewijzingNumber,
          allocationB.toewijzingNumber,
          12345678,
        ]),
      );
    assert.deepEqual([...facts.allocations.keys()], [allocationA.toewijzingNumber]);
    const facts_ = facts.allocations.get(allocationA.toewijzingNumber)!;
    assert.equal(facts_.volume, 3);
    assert.equal(facts_.deliveries!.length, 1);
    assert.deepEqual(
      facts.tariffs.get(allocationA.id)!.map((t) => t.tariffCents),
      [3350],
    );
    assert.equal(facts.accepted.get(allocationA.id)!.length, 1);
  });
});
