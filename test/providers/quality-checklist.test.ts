/**
 * Pure rules of issue 6 points 1–2: the barrièremodel checklist before contracting, periods of tariffs
 * and contracted products, and what a contract costs under each funding variant.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amountCents } from '../../src/providers/funding.ts';
import {
  evaluateChecklist,
  PRE_CONTRACT_CHECKLIST,
  type RecordedCheck,
} from '../../src/providers/quality-checklist.ts';
import { firstOverlap, periodsOverlap, periodWithin } from '../../src/services/periods.ts';

const met = (
  item: RecordedCheck['item'],
  outcome: RecordedCheck['outcome'] = 'voldaan',
  checkedDate = '2026-01-10',
): RecordedCheck => ({
  item,
  phase: 'voor-contractering',
  outcome,
  checkedDate,
  recordedAt: `${checkedDate}T10:00:00.000Z`,
});
const ALWAYS = PRE_CONTRACT_CHECKLIST.filter((r) => r.requiredWhen === 'always').map((r) => r.item);

describe('barrièremodel checklist', () => {
  test('nothing checked: every required item is missing and blocks', () => {
    const { lines, complete } = evaluateChecklist([], { jeugdwet: false });
    assert.equal(complete, false);
    assert.deepEqual(
      lines.filter((l) => l.blocks).map((l) => l.item),
      ALWAYS,
    );
    assert.ok(lines.every((l) => l.state === 'ontbreekt'));
    assert.equal(lines.find((l) => l.item === 'skj-big-registratie')!.required, false);
  });

  test('all required items met: complete; SKJ/BIG is required only with Jeugdwet products', () => {
    const checks = ALWAYS.map((i) => met(i));
    assert.equal(evaluateChecklist(checks, { jeugdwet: false }).complete, true);
    const youth = evaluateChecklist(checks, { jeugdwet: true });
    assert.equal(youth.complete, false);
    assert.deepEqual(
      youth.lines.filter((l) => l.blocks).map((l) => [l.item, l.state]),
      [['skj-big-registratie', 'ontbreekt']],
    );
    assert.equal(
      evaluateChecklist([...checks, met('skj-big-registratie')], { jeugdwet: true }).complete,
      true,
    );
  });

  test('the most recent check of an item counts; open and failed block; n.v.t. only where allowed', () => {
    const base = ALWAYS.filter((i) => i !== 'vog-bestuurders' && i !== 'jaarrekening').map((i) => met(i));
    const failedThenMet = [
      ...base,
      met('vog-bestuurders', 'niet-voldaan', '2026-01-01'),
      met('vog-bestuurders', 'voldaan', '2026-02-01'),
      met('jaarrekening', 'niet-van-toepassing'),
    ];
    assert.equal(evaluateChecklist(failedThenMet, { jeugdwet: false }).complete, true);
    const metThenFailed = [
      ...base,
      met('vog-bestuurders', 'voldaan', '2026-01-01'),
      met('vog-bestuurders', 'niet-voldaan', '2026-02-01'),
      met('jaarrekening'),
    ];
    const r = evaluateChecklist(metThenFailed, { jeugdwet: false });
    assert.deepEqual(
      r.lines.filter((l) => l.blocks).map((l) => [l.item, l.state]),
      [['vog-bestuurders', 'niet-voldaan']],
    );
    const notApplicable = [
      ...base,
      met('vog-bestuurders', 'niet-van-toepassing'),
      met('jaarrekening', 'open'),
    ];
    assert.deepEqual(
      evaluateChecklist(notApplicable, { jeugdwet: false })
        .lines.filter((l) => l.blocks)
        .map((l) => [l.item, l.state]),
      [
        ['vog-bestuurders', 'niet-van-toepassing'],
        ['jaarrekening', 'open'],
      ],
    );
    // Same day: the later recording counts. Checks during the contract do not count.
    const sameDay: RecordedCheck[] = [
      ...ALWAYS.map((i) => met(i)),
      { ...met('klachtenregeling', 'niet-voldaan'), recordedAt: '2026-01-10T11:00:00.000Z' },
      { ...met('kvk-uittreksel', 'niet-voldaan'), phase: 'tijdens-contract' },
    ];
    assert.deepEqual(
      evaluateChecklist(sameDay, { jeugdwet: false })
        .lines.filter((l) => l.blocks)
        .map((l) => l.item),
      ['klachtenregeling'],
    );
  });
});

describe('periods', () => {
  test('overlap with inclusive ends and open ends', () => {
    assert.equal(
      periodsOverlap({ from: '2026-01-01', until: '2026-12-31' }, { from: '2026-12-31', until: null }),
      true,
    );
    assert.equal(
      periodsOverlap({ from: '2026-01-01', until: '2026-12-31' }, { from: '2027-01-01', until: null }),
      false,
    );
    assert.equal(
      periodsOverlap({ from: '2026-01-01', until: null }, { from: '2020-01-01', until: '2025-12-31' }),
      false,
    );
    assert.equal(
      periodsOverlap({ from: '2026-01-01', until: null }, { from: '2030-01-01', until: null }),
      true,
    );
    const others = [{ id: 'a', from: '2026-01-01', until: '2026-06-30' }];
    assert.equal(firstOverlap({ from: '2026-03-01', until: null }, others)?.id, 'a');
    assert.equal(firstOverlap({ from: '2026-03-01', until: null }, others, 'a'), undefined);
  });
  test('within', () => {
    assert.equal(
      periodWithin({ from: '2026-02-01', until: '2026-03-01' }, { from: '2026-01-01', until: null }),
      true,
    );
    assert.equal(
      periodWithin({ from: '2026-02-01', until: null }, { from: '2026-01-01', until: '2026-12-31' }),
      false,
    );
    assert.equal(
      periodWithin({ from: '2025-12-31', until: '2026-03-01' }, { from: '2026-01-01', until: null }),
      false,
    );
  });
});

describe('funding variants', () => {
  test('inspanningsgericht: price × quantity; outputgericht: per trajectory; taakgericht: lump sum per month', () => {
    assert.equal(amountCents({ variant: 'inspanningsgericht', tariffCents: 3_350, quantity: 2.5 }), 8_375);
    assert.equal(amountCents({ variant: 'outputgericht', tariffCents: 365_000, trajectories: 2 }), 730_000);
    assert.equal(
      amountCents({ variant: 'taakgericht', lumpSumCentsPerMonth: 1_250_000, months: 12 }),
      15_000_000,
    );
    assert.throws(
      () => amountCents({ variant: 'outputgericht', tariffCents: 1, trajectories: 1.5 }),
      RangeError,
    );
    assert.throws(
      () => amountCents({ variant: 'inspanningsgericht', tariffCents: -1, quantity: 1 }),
      RangeError,
    );
  });
});
