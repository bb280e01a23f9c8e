/**
 * The plan itself: reading it (by id, by household, my list), changing the whole plan with If-Match (two
 * professionals saving the same version: the second is refused and nothing is overwritten), every kind of
 * bad input refused with nothing written, versions with their snapshots, comparing versions, and the
 * resident's agreement with the newest version only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localDate } from '../../src/intake/local-date.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { testBsn } from '../intake/intake-test-helpers.ts';
import {
  addChild,
  daysFrom,
  openPlan,
  planCounts,
  put,
  serviceByLaw,
  userIdOf,
  youthAllocation,
} from './plan-test-helpers.ts';

describe('the plan: read, change with If-Match, versions and agreement', () => {
  let grip: TestApp;
  let toegang: Client;
  let regisseur: Client;
  let planId: string;
  let householdId: string;
  let personId: string;
  let childId: string;
  let regisseurId: string;
  let toegangProfessionalId: string;
  let wmoAlgemeen: string;
  let jeugdMaatwerk: string;
  let allocationId: string;
  const today = localDate();

  before(async () => {
    grip = await createTestApp();
    toegang = await grip.login('toegang-medewerker');
    regisseur = await grip.login('regisseur');
    ({ planId, householdId, personId } = await openPlan(grip, toegang, 300));
    childId = await addChild(grip, planId, householdId, testBsn(301), '2012-03-04');
    regisseurId = await userIdOf(grip, 'regisseur');
    wmoAlgemeen = await serviceByLaw(grip, 'algemeen', 'wmo');
    jeugdMaatwerk = await serviceByLaw(grip, 'maatwerk', 'jeugdwet');
    allocationId = await youthAllocation(grip, childId, jeugdMaatwerk, { startDate: '2024-01-01' });
  });
  after(() => grip.close());

  function goodBody(current: { professionals: { id: string }[] }) {
    return {
      reason: 'Eerste plan besproken aan de keukentafel',
      status: 'actief',
      regisseurUserId: regisseurId,
      contactPersonId: personId,
      professionals: [
        ...current.professionals.map((p) => ({ ...(p as object) })),
        {
          name: 'Jamal Jeugdcoach',
          organisation: 'Jeugdzorg Twente',
          expertise: 'Ambulante jeugdhulp',
          involvedFrom: today,
        },
      ].map((p) => {
        const { userId, id, name, organisation, expertise, involvedFrom, involvedUntil } = p as Record<
          string,
          unknown
        >;
        return Object.fromEntries(
          Object.entries({ id, userId, name, organisation, expertise, involvedFrom, involvedUntil }).filter(
            ([, v]) => v !== undefined,
          ),
        );
      }),
      goals: [
        {
          description: 'Ik kan zelf mijn huishouden doen',
          lifeDomainCode: 'instrumentele-adl',
          ownerKind: 'inwoner',
          ownerPersonId: personId,
          targetDate: daysFrom(today, 90),
          actions: [
            {
              description: 'Hulp bij het huishouden aanvragen',
              ownerKind: 'inwoner',
              dueOn: daysFrom(today, 14),
            },
          ],
          services: [{ serviceId: wmoAlgemeen }],
        },
        {
          description: 'Kim gaat weer graag naar school',
          ownerKind: 'netwerk',
          targetDate: daysFrom(today, 180),
          actions: [],
          services: [{ serviceId: jeugdMaatwerk }],
        },
      ],
    };
  }

  test('the involved professional reads the plan by id, by household and in their list; ETag is the version', async () => {
    const byId = await toegang.get(`/api/v1/plans/${planId}`);
    assert.equal(byId.statusCode, 200, byId.body);
    assert.equal(byId.headers.etag, '"1"');
    const plan = byId.json();
    assert.equal(plan.access, 'betrokken');
    assert.equal(plan.status, 'concept');
    assert.equal(plan.version, 1);
    assert.deepEqual(
      plan.participants.map((p: { personId: string }) => p.personId).sort(),
      [personId, childId].sort(),
    );
    const child = plan.participants.find((p: { personId: string }) => p.personId === childId);
    assert.equal(child.role, 'kind');
    assert.equal(child.birthDate, '2012-03-04');
    assert.equal(typeof child.age, 'number');
    assert.equal(plan.professionals.length, 1);
    toegangProfessionalId = plan.professionals[0].id;
    assert.equal(plan.versions.length, 1);
    assert.equal(plan.versions[0].agreement, 'open');

    const byHousehold = await toegang.get(`/api/v1/households/${householdId}/plan`);
    assert.equal(byHousehold.statusCode, 200, byHousehold.body);
    assert.equal(byHousehold.json().id, planId);
    const none = await toegang.get(`/api/v1/households/00000000-0000-4000-8000-000000000000/plan`);
    assert.equal(none.statusCode, 404);

    const list = await toegang.get('/api/v1/plans?mine=true');
    assert.equal(list.statusCode, 200, list.body);
    const item = list.json().items.find((i: { id: string }) => i.id === planId);
    assert.ok(item, 'my plan is in my list');
    assert.match(item.address, /Marktstraat/);
    assert.equal(item.participants.length, 2);
  });

  test('PUT without If-Match is 428; a good change makes version 2 with a snapshot, links the allocation', async () => {
    const current = (await toegang.get(`/api/v1/plans/${planId}`)).json();
    const before = await planCounts(grip);
    const missing = await put(toegang, planId, goodBody(current));
    assert.equal(missing.statusCode, 428, missing.body);
    assert.deepEqual(await planCounts(grip), before);

    const saved = await put(toegang, planId, goodBody(current), 1);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.headers.etag, '"2"');
    const plan = saved.json();
    assert.equal(plan.version, 2);
    assert.equal(plan.status, 'actief');
    assert.deepEqual(plan.regisseur, { userId: regisseurId, name: 'Rachida Regisseur (demo)' });
    assert.equal(plan.contactPerson.personId, personId);
    assert.equal(plan.professionals.length, 2);
    assert.ok(
      plan.professionals.some((p: { organisation: string }) => p.organisation === 'Jeugdzorg Twente'),
    );
    assert.equal(plan.goals.length, 2);
    assert.equal(plan.goals[0].description, 'Ik kan zelf mijn huishouden doen');
    assert.equal(plan.goals[0].actions[0].status, 'open');
    assert.equal(plan.goals[0].services[0].kind, 'algemeen');
    assert.equal(plan.goals[0].services[0].lawCode, 'wmo');
    assert.equal(plan.goals[0].services[0].toewijzingId, null);
    assert.equal(plan.goals[1].services[0].kind, 'maatwerk');
    assert.equal(plan.goals[1].services[0].lawCode, 'jeugdwet');
    assert.equal(plan.goals[1].services[0].toewijzingId, allocationId, 'the running allocation is linked');
    assert.deepEqual(
      plan.versions.map((v: { version: number; reason: string }) => [v.version, v.reason]),
      [
        [1, plan.versions[0].reason],
        [2, 'Eerste plan besproken aan de keukentafel'],
      ],
    );
    const version = await grip.database.db
      .selectFrom('plan_version')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('version', '=', 2)
      .executeTakeFirstOrThrow();
    assert.equal(version.agreement, 'open');
    assert.equal(version.created_by, await userIdOf(grip, 'toegang-medewerker'));
    const snapshot = version.snapshot as { goals: { description: string }[]; status: string };
    assert.equal(snapshot.status, 'actief');
    assert.equal(snapshot.goals.length, 2);

    // The regisseur now opens it as regisseur.
    const asRegisseur = await regisseur.get(`/api/v1/plans/${planId}`);
    assert.equal(asRegisseur.statusCode, 200, asRegisseur.body);
    assert.equal(asRegisseur.json().access, 'regisseur');
  });

  test('two professionals save the same version: the second gets 412 with the current plan, nothing overwritten', async () => {
    const seenByRegisseur = (await regisseur.get(`/api/v1/plans/${planId}`)).json();
    const seenByToegang = (await toegang.get(`/api/v1/plans/${planId}`)).json();
    assert.equal(seenByRegisseur.version, 2);
    const edit = (plan: typeof seenByRegisseur, description: string, reason: string) => ({
      reason,
      professionals: plan.professionals.map((p: Record<string, unknown>) => ({
        id: p.id,
        userId: p.userId,
        name: p.name,
        organisation: p.organisation,
        expertise: p.expertise,
        involvedFrom: p.involvedFrom,
        involvedUntil: p.involvedUntil,
      })),
      goals: plan.goals.map(
        (
          g: Record<string, unknown> & {
            actions: Record<string, unknown>[];
            services: Record<string, unknown>[];
          },
          i: number,
        ) => ({
          id: g.id,
          description: i === 0 ? description : g.description,
          lifeDomainCode: g.lifeDomainCode,
          ownerKind: g.ownerKind,
          ownerPersonId: g.ownerPersonId,
          ownerProfessionalId: g.ownerProfessionalId,
          targetDate: g.targetDate,
          status: g.status,
          actions: g.actions.map((a) => ({
            id: a.id,
            description: a.description,
            ownerKind: a.ownerKind,
            dueOn: a.dueOn,
          })),
          services: g.services.map((s) => ({ serviceId: s.serviceId, toewijzingId: s.toewijzingId })),
        }),
      ),
    });
    const first = await put(
      regisseur,
      planId,
      edit(seenByRegisseur, 'Ik doe mijn huishouden met wat hulp', 'Doel aangescherpt'),
      2,
    );
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers.etag, '"3"');
    const before = await planCounts(grip);
    const second = await put(toegang, planId, edit(seenByToegang, 'Iets heel anders', 'Mijn wijziging'), 2);
    assert.equal(second.statusCode, 412, second.body);
    assert.equal(second.headers.etag, '"3"');
    assert.equal(second.json().code, 'version-conflict');
    assert.equal(second.json().current.version, 3);
    assert.equal(second.json().current.goals[0].description, 'Ik doe mijn huishouden met wat hulp');
    assert.deepEqual(await planCounts(grip), before, 'nothing written');
    const now = (await regisseur.get(`/api/v1/plans/${planId}`)).json();
    assert.equal(now.goals[0].description, 'Ik doe mijn huishouden met wat hulp');
    assert.equal(now.version, 3);
  });

  test('bad input is refused per field and nothing is half-written', async () => {
    const current = (await regisseur.get(`/api/v1/plans/${planId}`)).json();
    const v = current.version;
    const base = () => ({
      reason: 'Poging',
      professionals: current.professionals.map((p: Record<string, unknown>) => ({
        id: p.id,
        name: p.name,
        organisation: p.organisation,
        expertise: p.expertise,
        involvedFrom: p.involvedFrom,
      })),
      goals: [] as Record<string, unknown>[],
    });
    const newGoal = (extra: Record<string, unknown>) => ({
      description: 'Nieuw doel',
      ownerKind: 'inwoner',
      targetDate: daysFrom(today, 30),
      ...extra,
    });
    const otherMunicipalityService = await serviceByLaw(grip, 'algemeen', 'wmo', 'GM0153');
    const beleidId = await userIdOf(grip, 'beleidsadviseur');
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'goal target date in the past',
        { ...base(), goals: [newGoal({ targetDate: daysFrom(today, -1) })] },
        'goals.0.targetDate',
      ],
      [
        'owner person not a participant',
        { ...base(), goals: [newGoal({ ownerPersonId: '00000000-0000-4000-8000-000000000001' })] },
        'goals.0.ownerPersonId',
      ],
      [
        'owner professional not in the plan',
        {
          ...base(),
          goals: [
            newGoal({
              ownerKind: 'professional',
              ownerProfessionalId: '00000000-0000-4000-8000-000000000002',
            }),
          ],
        },
        'goals.0.ownerProfessionalId',
      ],
      [
        'unknown service',
        {
          ...base(),
          goals: [newGoal({ services: [{ serviceId: '00000000-0000-4000-8000-000000000003' }] })],
        },
        'goals.0.services.0.serviceId',
      ],
      [
        'service of another municipality',
        { ...base(), goals: [newGoal({ services: [{ serviceId: otherMunicipalityService }] })] },
        'goals.0.services.0.serviceId',
      ],
      [
        'unknown life domain',
        { ...base(), goals: [newGoal({ lifeDomainCode: 'sterrenkunde' })] },
        'goals.0.lifeDomainCode',
      ],
      ['empty reason', { ...base(), reason: '   ' }, 'reason'],
      ['regisseur without a casework role', { ...base(), regisseurUserId: beleidId }, 'regisseurUserId'],
      [
        'text over its limit',
        { ...base(), goals: [newGoal({ description: 'x'.repeat(2001) })] },
        'goals.0.description',
      ],
      [
        'unknown goal id',
        { ...base(), goals: [newGoal({ id: '00000000-0000-4000-8000-000000000004' })] },
        'goals.0.id',
      ],
      [
        'contact person not a participant',
        { ...base(), contactPersonId: '00000000-0000-4000-8000-000000000005' },
        'contactPersonId',
      ],
    ];
    const before = await planCounts(grip);
    for (const [what, body, name] of cases) {
      const response = await put(regisseur, planId, body, v);
      assert.equal(response.statusCode, 400, `${what}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      const params = response.json().invalidParams as { name: string; nl: string; en: string }[];
      assert.ok(
        params.some((p) => p.name === name && p.nl && p.en),
        `${what}: expected ${name} in ${JSON.stringify(params)}`,
      );
    }
    assert.deepEqual(await planCounts(grip), before, 'nothing written');
    const after = (await regisseur.get(`/api/v1/plans/${planId}`)).json();
    assert.equal(after.version, v);
    assert.equal(after.goals.length, 2);
  });

  test('a version is read back; two versions are compared; the professional owner of a goal', async () => {
    const v2 = await toegang.get(`/api/v1/plans/${planId}/versions/2`);
    assert.equal(v2.statusCode, 200, v2.body);
    assert.equal(v2.json().snapshot.goals.length, 2);
    assert.equal((await toegang.get(`/api/v1/plans/${planId}/versions/99`)).statusCode, 404);

    const compare = await toegang.get(`/api/v1/plans/${planId}/versions/compare?from=1&to=3`);
    assert.equal(compare.statusCode, 200, compare.body);
    const diff = compare.json();
    assert.equal(diff.goals.added.length, 2);
    assert.deepEqual(diff.status, { from: null, to: 'actief' });
    assert.equal(diff.regisseur.to.userId, regisseurId);
    assert.equal(diff.professionals.added.length, 2);
    assert.equal(diff.services.added.length, 2);
    const small = (await toegang.get(`/api/v1/plans/${planId}/versions/compare?from=2&to=3`)).json();
    assert.equal(small.goals.changed.length, 1);
    assert.deepEqual(small.goals.changed[0].changes, [
      {
        field: 'description',
        from: 'Ik kan zelf mijn huishouden doen',
        to: 'Ik doe mijn huishouden met wat hulp',
      },
    ]);
    const unknown = await toegang.get(`/api/v1/plans/${planId}/versions/compare?from=1&to=42`);
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().invalidParams[0].name, 'to');
    void toegangProfessionalId;
  });

  test("the resident's agreement is recorded on the newest version only, once", async () => {
    const older = await toegang.post(`/api/v1/plans/${planId}/versions/2/agreement`, {
      agreement: 'akkoord',
    });
    assert.equal(older.statusCode, 409, older.body);
    assert.equal(older.json().code, 'version-not-newest');
    const bad = await toegang.post(`/api/v1/plans/${planId}/versions/3/agreement`, {
      agreement: 'misschien',
    });
    assert.equal(bad.statusCode, 400);
    const ok = await toegang.post(`/api/v1/plans/${planId}/versions/3/agreement`, {
      agreement: 'akkoord',
      note: 'Mevrouw is het eens met het plan',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().agreement, 'akkoord');
    assert.equal(ok.json().agreementNote, 'Mevrouw is het eens met het plan');
    assert.ok(ok.json().agreementRecordedAt);
    const again = await toegang.post(`/api/v1/plans/${planId}/versions/3/agreement`, {
      agreement: 'niet-akkoord',
    });
    assert.equal(again.statusCode, 409);
    const plan = (await toegang.get(`/api/v1/plans/${planId}`)).json();
    assert.equal(plan.versions.at(-1).agreement, 'akkoord');
    assert.equal(plan.version, 3, 'recording agreement does not change the plan');
  });
});
