/** The 18-jaar-overgang and the date arithmetic under it (pure). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addMonths,
  ageOn,
  birthdayAt,
  eighteenTransitions,
  type AllocationFact,
} from '../../src/plans/transitions.ts';

const youth = (over: Partial<AllocationFact> = {}): AllocationFact => ({
  id: 't1',
  lawCode: 'jeugdwet',
  status: 'actief',
  startDate: '2024-01-01',
  endDate: null,
  ...over,
});

describe('18-jaar-overgang', () => {
  test('age and birthdays, 29 February turns a year older on 1 March in other years', () => {
    assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
    assert.equal(ageOn('2008-02-29', '2026-03-01'), 18);
    assert.equal(ageOn('2008-02-29', '2028-02-29'), 20);
    assert.equal(ageOn('2000-06-15', '2018-06-14'), 17);
    assert.equal(ageOn('2000-06-15', '2018-06-15'), 18);
    assert.equal(birthdayAt('2008-02-29', 18), '2026-03-01');
    assert.equal(birthdayAt('2010-02-29'.replace('2010', '2012'), 18), '2030-03-01');
    assert.equal(birthdayAt('2004-02-29', 20), '2024-02-29');
    assert.equal(birthdayAt('2007-12-31', 18), '2025-12-31');
  });

  test('adding months stays in the month', () => {
    assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
    assert.equal(addMonths('2027-08-31', 6), '2028-02-29');
    assert.equal(addMonths('2026-01-15', 6), '2026-07-15');
    assert.equal(addMonths('2026-09-30', 6), '2027-03-30');
  });

  test('participants with active Jeugdwet care who turn 18 within six months, soonest first', () => {
    const today = '2026-01-10';
    const people = [
      { personId: 'a', name: 'Later', birthDate: '2008-07-10', allocations: [youth()] },
      { personId: 'b', name: 'Leap', birthDate: '2008-02-29', allocations: [youth({ id: 't2' })] },
      { personId: 'c', name: 'Too late', birthDate: '2008-07-11', allocations: [youth()] },
      { personId: 'd', name: 'Already 18', birthDate: '2008-01-09', allocations: [youth()] },
      { personId: 'e', name: 'Today', birthDate: '2008-01-10', allocations: [youth({ id: 't5' })] },
      {
        personId: 'f',
        name: 'Ended care',
        birthDate: '2008-03-01',
        allocations: [youth({ endDate: '2026-01-10' })],
      },
      {
        personId: 'g',
        name: 'Stopped',
        birthDate: '2008-03-01',
        allocations: [youth({ status: 'beeindigd' })],
      },
      { personId: 'h', name: 'Wmo only', birthDate: '2008-03-01', allocations: [youth({ lawCode: 'wmo' })] },
      {
        personId: 'i',
        name: 'Not yet started',
        birthDate: '2008-03-01',
        allocations: [youth({ startDate: '2026-02-01' })],
      },
      {
        personId: 'j',
        name: 'Ends later',
        birthDate: '2008-04-01',
        allocations: [youth({ id: 't9', endDate: '2026-12-31' })],
      },
    ];
    const found = eighteenTransitions(people, today);
    assert.deepEqual(
      found.map((f) => [f.personId, f.eighteenOn, f.toewijzingen.map((t) => t.id)]),
      [
        ['e', '2026-01-10', ['t5']],
        ['b', '2026-03-01', ['t2']],
        ['j', '2026-04-01', ['t9']],
        ['a', '2026-07-10', ['t1']],
      ],
    );
  });

  test('29 February: on 1 March in a year without it, at the edge of the horizon; a leap-year birthday stays', () => {
    const found = eighteenTransitions(
      [{ personId: 'x', name: 'X', birthDate: '2010-02-29'.replace('2010', '2012'), allocations: [youth()] }],
      '2029-12-01',
    );
    assert.equal(found[0]?.eighteenOn, '2030-03-01');
    const leap = eighteenTransitions(
      [{ personId: 'y', name: 'Y', birthDate: '2016-02-29', allocations: [youth()] }],
      '2033-08-31',
    );
    assert.equal(leap.length, 0, 'horizon 2034-02-28 ends before 1 March');
    const leap2 = eighteenTransitions(
      [{ personId: 'y', name: 'Y', birthDate: '2016-02-29', allocations: [youth()] }],
      '2033-09-01',
    );
    assert.equal(leap2[0]?.eighteenOn, '2034-03-01');
    const inLeapYear = eighteenTransitions(
      [{ personId: 'z', name: 'Z', birthDate: '2010-02-28', allocations: [youth()] }],
      '2027-12-01',
    );
    assert.equal(inLeapYear[0]?.eighteenOn, '2028-02-28');
  });
});
