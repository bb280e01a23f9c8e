import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDays,
  clockState,
  computeClocks,
  daysBetween,
  runningClock,
  type ClockInput,
} from '../../src/intake/legal-clocks.ts';

/** The legal clocks of a melding, per law, with suspensions, leap years and month ends (pure). */

const clocks = (input: Partial<ClockInput> & Pick<ClockInput, 'lawCode' | 'meldedOn'>) =>
  computeClocks({ aanvraagOn: null, suspensions: [], today: '2030-01-01', ...input });

describe('legal clocks', () => {
  test('Wmo: investigation 6 weeks after the melding; decision 2 weeks after the aanvraag', () => {
    assert.deepEqual(clocks({ lawCode: 'wmo', meldedOn: '2025-03-03' }), {
      investigationDueOn: '2025-04-14',
      decisionDueOn: null,
      suspendedDays: 0,
    });
    assert.deepEqual(clocks({ lawCode: 'wmo', meldedOn: '2025-03-03', aanvraagOn: '2025-04-10' }), {
      investigationDueOn: '2025-04-14',
      decisionDueOn: '2025-04-24',
      suspendedDays: 0,
    });
  });

  test('Jeugdwet and Participatiewet: decision 8 weeks after the melding', () => {
    for (const lawCode of ['jeugdwet', 'participatiewet'] as const) {
      assert.deepEqual(clocks({ lawCode, meldedOn: '2025-03-03' }), {
        investigationDueOn: null,
        decisionDueOn: '2025-04-28',
        suspendedDays: 0,
      });
    }
  });

  test('schuldhulp: first conversation within 4 weeks (Wgs art. 4)', () => {
    assert.equal(clocks({ lawCode: 'schuldhulp', meldedOn: '2025-03-03' }).investigationDueOn, '2025-03-31');
  });

  test('leap years and month ends', () => {
    // 2024 is a leap year: 29 February is one of the 42 days.
    assert.equal(clocks({ lawCode: 'wmo', meldedOn: '2024-02-20' }).investigationDueOn, '2024-04-02');
    assert.equal(clocks({ lawCode: 'wmo', meldedOn: '2025-02-20' }).investigationDueOn, '2025-04-03');
    assert.equal(clocks({ lawCode: 'jeugdwet', meldedOn: '2023-12-31' }).decisionDueOn, '2024-02-25');
    assert.equal(clocks({ lawCode: 'wmo', meldedOn: '2025-01-31' }).investigationDueOn, '2025-03-14');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2100-02-28', 1), '2100-03-01'); // not a leap year
    assert.equal(addDays('2000-02-28', 1), '2000-02-29'); // a leap year
    assert.equal(daysBetween('2024-12-31', '2025-01-01'), 1);
    assert.throws(() => addDays('2025-02-30', 1), RangeError);
  });

  test('a suspension (both ends counted) moves the due date of the clock that runs', () => {
    const suspended = clocks({
      lawCode: 'wmo',
      meldedOn: '2025-03-03',
      suspensions: [{ fromDate: '2025-03-10', untilDate: '2025-03-16' }],
    });
    assert.equal(suspended.investigationDueOn, '2025-04-21');
    assert.equal(suspended.suspendedDays, 7);
    // Days before the aanvraag stop the investigation clock, days from the aanvraag on the decision clock.
    const both = clocks({
      lawCode: 'wmo',
      meldedOn: '2025-03-03',
      aanvraagOn: '2025-04-01',
      suspensions: [
        { fromDate: '2025-03-30', untilDate: '2025-04-02' },
        { fromDate: '2025-04-05', untilDate: '2025-04-05' },
      ],
    });
    assert.equal(both.investigationDueOn, '2025-04-16'); // 30 and 31 March
    assert.equal(both.decisionDueOn, '2025-04-18'); // 1, 2 and 5 April
    assert.equal(both.suspendedDays, 5);
    const jeugd = clocks({
      lawCode: 'jeugdwet',
      meldedOn: '2025-03-03',
      suspensions: [{ fromDate: '2025-03-03', untilDate: '2025-03-03' }],
    });
    assert.equal(jeugd.decisionDueOn, '2025-04-29');
  });

  test('a suspension that has not ended counts up to today', () => {
    const open = clocks({
      lawCode: 'participatiewet',
      meldedOn: '2025-03-03',
      suspensions: [{ fromDate: '2025-03-10', untilDate: null }],
      today: '2025-03-12',
    });
    assert.equal(open.suspendedDays, 3);
    assert.equal(open.decisionDueOn, '2025-05-01');
    // Days before the melding never count.
    const early = clocks({
      lawCode: 'wmo',
      meldedOn: '2025-03-03',
      suspensions: [{ fromDate: '2025-02-25', untilDate: '2025-03-04' }],
    });
    assert.equal(early.suspendedDays, 2);
  });

  test('running clock and state: op-tijd, bijna within 7 days, te-laat after the due date', () => {
    assert.deepEqual(runningClock(clocks({ lawCode: 'wmo', meldedOn: '2025-03-03' })), {
      clock: 'onderzoek',
      dueDate: '2025-04-14',
    });
    assert.deepEqual(
      runningClock(clocks({ lawCode: 'wmo', meldedOn: '2025-03-03', aanvraagOn: '2025-03-20' })),
      { clock: 'beslissing', dueDate: '2025-04-03' },
    );
    assert.equal(clockState('2025-04-14', '2025-04-06'), 'op-tijd');
    assert.equal(clockState('2025-04-14', '2025-04-07'), 'bijna');
    assert.equal(clockState('2025-04-14', '2025-04-14'), 'bijna');
    assert.equal(clockState('2025-04-14', '2025-04-15'), 'te-laat');
  });
});
