import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allowedVolume,
  checkDeclarationLine,
  DeclarationChecker,
  type AllocationFacts,
  type DeclarationLineInput,
  type LineContext,
  type TariffFacts,
} from '../../src/decisions/declaration-checks.ts';

const allocation = (over: Partial<AllocationFacts> = {}): AllocationFacts => ({
  id: 'a1',
  toewijzingNumber: 1001,
  providerId: 'p1',
  status: 'actief',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  productCategoryCode: '02',
  productCode: '02A01',
  volume: 3,
  unitCode: '04',
  frequencyCode: '2',
  budgetCents: null,
  changeReasonCode: null,
  deliveries: [{ startDate: '2026-01-01', stopDate: null }],
  ...over,
});

const TARIFFS: TariffFacts[] = [
  { validFrom: '2025-01-01', validUntil: '2025-12-31', tariffCents: 6000, unitCode: '04' },
  { validFrom: '2026-01-01', validUntil: null, tariffCents: 6250, unitCode: '04' },
];

const line = (over: Partial<DeclarationLineInput> = {}): DeclarationLineInput => ({
  periodStart: '2026-03-01',
  periodEnd: '2026-03-31',
  volume: 12,
  unitCode: '04',
  tariffCents: 6250,
  amountCents: 12 * 6250,
  ...over,
});

const ctx = (over: Partial<LineContext> = {}): LineContext => ({
  allocation: allocation(),
  tariffs: TARIFFS,
  accepted: [],
  ...over,
});

function code(l: DeclarationLineInput, c: LineContext = ctx()) {
  const verdict = checkDeclarationLine(l, c);
  return verdict.status === 'geaccepteerd' ? 'ok' : `${verdict.code} ${verdict.check}`;
}

describe('declaration line checks', () => {
  test('a line inside the allocation at the contract tariff is accepted', () => {
    assert.equal(code(line()), 'ok');
  });

  test('every rejection has a four-digit retourcode and a reason in Dutch and English', () => {
    const verdict = checkDeclarationLine(line({ tariffCents: 7000, amountCents: 12 * 7000 }), ctx());
    assert.equal(verdict.status, 'afgewezen');
    if (verdict.status !== 'afgewezen') return;
    assert.match(verdict.code, /^[0-9]{4}$/);
    assert.match(verdict.reason.nl, /contracttarief/);
    assert.match(verdict.reason.en, /contracted tariff/);
  });

  test('unknown allocation: 9338', () => {
    assert.equal(code(line(), ctx({ allocation: undefined })), '9338 unknown-allocation');
  });

  test('withdrawn allocation: 9384', () => {
    assert.equal(
      code(line(), ctx({ allocation: allocation({ status: 'ingetrokken' }) })),
      '9384 allocation-withdrawn',
    );
    assert.equal(
      code(line(), ctx({ allocation: allocation({ changeReasonCode: '13' }) })),
      '9384 allocation-withdrawn',
    );
  });

  test('period before the allocation starts: 9307; running past its end: 9308', () => {
    assert.equal(
      code(line({ periodStart: '2025-12-01', periodEnd: '2025-12-31' })),
      '9307 start-outside-allocation',
    );
    const ended = allocation({ status: 'beeindigd', endDate: '2026-03-15' });
    const verdict = checkDeclarationLine(line(), ctx({ allocation: ended }));
    assert.equal(verdict.status === 'afgewezen' && verdict.code, '9308');
    assert.match(verdict.status === 'afgewezen' ? verdict.reason.nl : '', /beëindigd per 2026-03-15/);
    assert.equal(
      code(line({ periodStart: '2026-04-01', periodEnd: '2026-04-30' }), ctx({ allocation: ended })),
      '9307 start-outside-allocation',
    );
  });

  test('an open-ended allocation accepts any later period', () => {
    assert.equal(
      code(
        line({ periodStart: '2030-03-01', periodEnd: '2030-03-31' }),
        ctx({ allocation: allocation({ endDate: null }) }),
      ),
      'ok',
    );
  });

  test('end before start: rejected', () => {
    assert.equal(code(line({ periodStart: '2026-03-31', periodEnd: '2026-03-01' })), '9308 period-invalid');
  });

  test('line outside the declaration period: 9319', () => {
    const c = ctx({ declarationPeriod: { start: '2026-02-01', end: '2026-02-28' } });
    assert.equal(code(line(), c), '9319 outside-declaration-period');
    assert.equal(code(line({ periodStart: '2026-02-01', periodEnd: '2026-02-28' }), c), 'ok');
  });

  test('care delivery: no start reported is 9069, before start 9307, after stop 9308', () => {
    assert.equal(code(line(), ctx({ allocation: allocation({ deliveries: [] }) })), '9069 no-delivery-start');
    assert.equal(
      code(
        line(),
        ctx({ allocation: allocation({ deliveries: [{ startDate: '2026-03-10', stopDate: null }] }) }),
      ),
      '9307 outside-delivery',
    );
    assert.equal(
      code(
        line(),
        ctx({
          allocation: allocation({ deliveries: [{ startDate: '2026-01-05', stopDate: '2026-03-20' }] }),
        }),
      ),
      '9308 outside-delivery',
    );
    // Without delivery facts the check is skipped.
    assert.equal(code(line(), ctx({ allocation: allocation({ deliveries: undefined }) })), 'ok');
  });

  test('product category, product code and unit must match the allocation', () => {
    assert.equal(code(line({ productCategoryCode: '03' })), '9339 product-category');
    assert.equal(code(line({ productCode: '02A02' })), '9340 product-code');
    assert.equal(code(line({ productCategoryCode: '02', productCode: '02A01' })), 'ok');
    assert.equal(code(line({ unitCode: '01', tariffCents: 100, amountCents: 1200 })), '9341 unit');
  });

  test('tariff per the contract and period: 0611', () => {
    assert.equal(code(line({ tariffCents: 6000, amountCents: 72000 })), '0611 tariff');
    // The 2025 tariff applies to a 2025 line.
    const a = allocation({ startDate: '2025-01-01', deliveries: undefined });
    assert.equal(
      code(
        line({ periodStart: '2025-11-01', periodEnd: '2025-11-30', tariffCents: 6000, amountCents: 72000 }),
        ctx({ allocation: a, tariffs: TARIFFS }),
      ),
      'ok',
    );
    // No contracted tariff at all for the product.
    assert.equal(code(line(), ctx({ tariffs: [] })), '0611 tariff');
  });

  test('amount must be volume x tariff, except for unit 83 (euro)', () => {
    assert.equal(code(line({ amountCents: 12 * 6250 + 1 })), '9346 amount');
    const euro = allocation({ unitCode: '83', volume: 50_000, frequencyCode: '6' });
    const euroTariffs: TariffFacts[] = [
      { validFrom: '2026-01-01', validUntil: null, tariffCents: 1, unitCode: '83' },
    ];
    assert.equal(
      code(
        line({ unitCode: '83', volume: 1000, tariffCents: 1, amountCents: 1000 }),
        ctx({ allocation: euro, tariffs: euroTariffs }),
      ),
      'ok',
    );
  });

  test('double declaration: an overlapping accepted line is 9361, a repeated reference 8021', () => {
    const accepted = [{ periodStart: '2026-03-15', periodEnd: '2026-03-31', volume: 6, amountCents: 37500 }];
    assert.equal(code(line(), ctx({ accepted })), '9361 double-declaration');
    assert.equal(code(line({ periodStart: '2026-04-01', periodEnd: '2026-04-30' }), ctx({ accepted })), 'ok');
    const withRef = [
      { ...accepted[0]!, periodStart: '2026-02-01', periodEnd: '2026-02-28', reference: 'R1' },
    ];
    assert.equal(code(line({ reference: 'R1' }), ctx({ accepted: withRef })), '8021 duplicate-reference');
  });

  test('volume within what was granted for the period: 9321', () => {
    // 3 hours a week over March (31 days) → at most ceil(3 × 31 / 7) = 14.
    assert.equal(allowedVolume(allocation(), '2026-03-01', '2026-03-31'), 14);
    assert.equal(code(line({ volume: 14, amountCents: 14 * 6250 })), 'ok');
    assert.equal(code(line({ volume: 15, amountCents: 15 * 6250 })), '9321 volume');
    // Per day and per month.
    assert.equal(
      allowedVolume(allocation({ frequencyCode: '1', volume: 2 }), '2026-03-01', '2026-03-10'),
      20,
    );
    assert.equal(
      allowedVolume(allocation({ frequencyCode: '4', volume: 8 }), '2026-03-20', '2026-04-05'),
      16,
    );
    assert.equal(
      allowedVolume(
        allocation({ volume: null, unitCode: null, frequencyCode: null }),
        '2026-03-01',
        '2026-03-31',
      ),
      null,
    );
  });

  test('total volume (frequency 6) counts earlier accepted lines: 9322', () => {
    const a = allocation({ volume: 20, frequencyCode: '6' });
    const accepted = [{ periodStart: '2026-01-01', periodEnd: '2026-02-28', volume: 10, amountCents: 62500 }];
    assert.equal(code(line({ volume: 10, amountCents: 62500 }), ctx({ allocation: a, accepted })), 'ok');
    assert.equal(
      code(line({ volume: 11, amountCents: 11 * 6250 }), ctx({ allocation: a, accepted })),
      '9322 volume-total',
    );
  });

  test('budget: the sum of accepted amounts may not exceed it (9369)', () => {
    const a = allocation({ budgetCents: 100_000, volume: null, unitCode: null, frequencyCode: null });
    const accepted = [
      { periodStart: '2026-01-01', periodEnd: '2026-01-31', volume: 12, amountCents: 75_000 },
    ];
    assert.equal(code(line({ volume: 4, amountCents: 25_000 }), ctx({ allocation: a, accepted })), 'ok');
    assert.equal(code(line(), ctx({ allocation: a, accepted })), '9369 budget');
  });

  test('the batch checker catches a line repeated within one file and keeps allocations apart', () => {
    const a = allocation();
    const b = allocation({ id: 'a2', toewijzingNumber: 1002 });
    const checker = new DeclarationChecker(
      {
        allocations: new Map([
          [1001, a],
          [1002, b],
        ]),
        tariffs: new Map([
          ['a1', TARIFFS],
          ['a2', TARIFFS],
        ]),
        accepted: new Map(),
      },
      { start: '2026-03-01', end: '2026-03-31' },
    );
    const results = [
      checker.check({ ...line(), toewijzingNumber: 1001 }),
      checker.check({ ...line(), toewijzingNumber: 1001 }),
      checker.check({ ...line(), toewijzingNumber: 1002 }),
      checker.check({ ...line(), toewijzingNumber: 9999 }),
    ].map((v) => (v.status === 'geaccepteerd' ? 'ok' : v.code));
    assert.deepEqual(results, ['ok', '9361', 'ok', '9338']);
    assert.equal(checker.facts.accepted.get('a1')!.length, 1);
  });

  test('the batch checker is fast enough for a large month (100,000 lines)', () => {
    const allocations = new Map<number, AllocationFacts>();
    const tariffs = new Map<string, TariffFacts[]>();
    for (let i = 1; i <= 50_000; i++) {
      allocations.set(i, allocation({ id: `a${i}`, toewijzingNumber: i }));
      tariffs.set(`a${i}`, TARIFFS);
    }
    const checker = new DeclarationChecker({ allocations, tariffs, accepted: new Map() });
    const started = performance.now();
    let accepted = 0;
    for (let i = 0; i < 100_000; i++) {
      const n = (i % 50_000) + 1;
      const month = i < 50_000 ? '03' : '04';
      const end = month === '03' ? '31' : '30';
      const v = checker.check({
        ...line({ periodStart: `2026-${month}-01`, periodEnd: `2026-${month}-${end}` }),
        toewijzingNumber: n,
      });
      if (v.status === 'geaccepteerd') accepted++;
    }
    const ms = performance.now() - started;
    assert.equal(accepted, 100_000);
    assert.ok(ms < 5000, `took ${ms} ms`);
  });
});
