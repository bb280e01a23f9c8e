/** Comparing two versions of a plan (pure, no HTTP) and reading old snapshots back. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffPlans } from '../../src/plans/plan-diff.ts';
import { readSnapshot, type PlanSnapshot } from '../../src/plans/plan-snapshot.ts';

const goal = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  description: `Doel ${id}`,
  lifeDomainCode: null,
  ownerKind: 'inwoner' as const,
  ownerPersonId: null,
  ownerProfessionalId: null,
  targetDate: '2026-12-31',
  status: 'open' as const,
  actions: [],
  services: [],
  ...over,
});

const base: PlanSnapshot = {
  status: 'concept',
  team: null,
  regisseur: null,
  contactPerson: null,
  participants: [{ personId: 'p1', name: 'Anna', role: 'hoofdbewoner' }],
  professionals: [
    {
      id: 'pro1',
      userId: null,
      name: 'Jamal',
      organisation: 'Jeugdzorg',
      expertise: 'Jeugdhulp',
      involvedFrom: '2026-01-01',
      involvedUntil: null,
    },
  ],
  goals: [
    goal('g1', {
      actions: [
        { id: 'a1', description: 'Bellen', ownerKind: 'inwoner', status: 'open', dueOn: null, doneOn: null },
      ],
      services: [
        {
          serviceId: 's1',
          code: 'HH',
          name: 'Huishoudelijke hulp',
          kind: 'maatwerk',
          lawCode: 'wmo',
          toewijzingId: null,
        },
      ],
    }),
    goal('g2'),
  ],
};

describe('plan diff', () => {
  test('the same plan has no differences', () => {
    const diff = diffPlans(1, base, 1, base);
    assert.equal(diff.status, null);
    assert.equal(diff.regisseur, null);
    assert.deepEqual(diff.goals, { added: [], removed: [], changed: [] });
    assert.deepEqual(diff.actions, { added: [], removed: [], changed: [] });
    assert.deepEqual(diff.services, { added: [], removed: [], changed: [] });
    assert.deepEqual(diff.professionals, { added: [], removed: [], changed: [] });
  });

  test('goals, actions, services, professionals, status and regisseur: added, removed, changed per field', () => {
    const next: PlanSnapshot = {
      ...base,
      status: 'actief',
      regisseur: { userId: 'u1', name: 'Rachida' },
      professionals: [{ ...base.professionals[0]!, involvedUntil: '2026-06-30' }],
      goals: [
        goal('g1', {
          status: 'behaald',
          targetDate: '2026-10-01',
          actions: [
            {
              id: 'a1',
              description: 'Bellen',
              ownerKind: 'inwoner',
              status: 'gedaan',
              dueOn: null,
              doneOn: '2026-02-01',
            },
            {
              id: 'a2',
              description: 'Formulier',
              ownerKind: 'netwerk',
              status: 'open',
              dueOn: null,
              doneOn: null,
            },
          ],
          services: [
            {
              serviceId: 's1',
              code: 'HH',
              name: 'Huishoudelijke hulp',
              kind: 'maatwerk',
              lawCode: 'wmo',
              toewijzingId: 't1',
            },
          ],
        }),
        goal('g3', {
          services: [
            {
              serviceId: 's2',
              code: 'BV',
              name: 'Buurthuis',
              kind: 'algemeen',
              lawCode: 'wmo',
              toewijzingId: null,
            },
          ],
        }),
      ],
    };
    const diff = diffPlans(1, base, 2, next);
    assert.deepEqual(diff.status, { from: 'concept', to: 'actief' });
    assert.deepEqual(diff.regisseur, { from: null, to: { userId: 'u1', name: 'Rachida' } });
    assert.deepEqual(diff.goals.added, [{ id: 'g3', description: 'Doel g3' }]);
    assert.deepEqual(diff.goals.removed, [{ id: 'g2', description: 'Doel g2' }]);
    assert.deepEqual(diff.goals.changed, [
      {
        id: 'g1',
        description: 'Doel g1',
        changes: [
          { field: 'targetDate', from: '2026-12-31', to: '2026-10-01' },
          { field: 'status', from: 'open', to: 'behaald' },
        ],
      },
    ]);
    assert.deepEqual(diff.actions.added, [{ goalId: 'g1', id: 'a2', description: 'Formulier' }]);
    assert.deepEqual(diff.actions.changed[0]!.changes, [
      { field: 'status', from: 'open', to: 'gedaan' },
      { field: 'doneOn', from: null, to: '2026-02-01' },
    ]);
    assert.deepEqual(diff.services.added, [{ goalId: 'g3', serviceId: 's2', code: 'BV', name: 'Buurthuis' }]);
    assert.deepEqual(diff.services.changed[0]!.changes, [{ field: 'toewijzingId', from: null, to: 't1' }]);
    assert.deepEqual(diff.professionals.changed, [
      { id: 'pro1', name: 'Jamal', changes: [{ field: 'involvedUntil', from: null, to: '2026-06-30' }] },
    ]);
    const back = diffPlans(2, next, 1, base);
    assert.deepEqual(back.goals.added, [{ id: 'g2', description: 'Doel g2' }]);
    assert.deepEqual(back.actions.removed, [{ goalId: 'g1', id: 'a2', description: 'Formulier' }]);
  });

  test('the first version written at the hand-off (participant ids, no goals) reads back as an empty plan', () => {
    const first = readSnapshot({ participants: ['p1'], goals: [], reden: 'Plan geopend na melding' });
    assert.deepEqual(first.participants, [{ personId: 'p1', name: null, role: null }]);
    const diff = diffPlans(1, first, 2, base);
    assert.equal(diff.goals.added.length, 2);
    assert.equal(diff.participants.added.length, 0);
    assert.deepEqual(readSnapshot(null).goals, []);
  });
});
