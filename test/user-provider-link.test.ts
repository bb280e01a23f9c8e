import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

/** An aanbieder account works for one care provider of its municipality; other accounts for none. */
describe('user accounts of care providers', () => {
  let grip: TestApp;
  let providerId = '';
  let otherMunicipalityProvider = '';
  before(async () => {
    grip = await createTestApp();
    const insert = (municipalityCode: string, name: string, agb: string) =>
      grip.database.db
        .insertInto('provider')
        .values({ municipality_code: municipalityCode, name, agb_code: agb, is_synthetic: true })
        .returning('id')
        .executeTakeFirstOrThrow();
    providerId = (await insert('GM0164', 'Thuiszorg Test (synthetisch)', '98765432')).id;
    otherMunicipalityProvider = (await insert('GM0153', 'Zorg Enschede (synthetisch)', '98765433')).id;
  });
  after(() => grip.close());

  const newUser = (extra: Record<string, unknown>) => ({
    username: `aanbieder-${Math.random().toString(36).slice(2, 8)}@test.example`,
    displayName: 'Medewerker aanbieder',
    password: 'een-lang-genoeg-wachtwoord',
    ...extra,
  });

  test('created with its provider; read back; the link follows the role', async () => {
    const admin = await grip.login('functioneel-beheerder');
    const created = await admin.post(
      '/api/v1/users',
      newUser({ roles: [{ role: 'aanbieder' }], providerId }),
    );
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().providerId, providerId);
    // Dropping the aanbieder role drops the provider with it.
    const changed = await admin.patch(
      `/api/v1/users/${created.json().id}`,
      { roles: [{ role: 'toegang-medewerker' }] },
      { 'if-match': created.headers.etag as string },
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().providerId, null);
  });

  test('refused without a provider, with one for another role, or with another municipality’s', async () => {
    const admin = await grip.login('functioneel-beheerder');
    const count = async () =>
      Number(
        (
          await grip.database.db
            .selectFrom('app_user')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ roles: [{ role: 'aanbieder' }] }, 'required'],
      [{ roles: [{ role: 'regisseur' }], providerId }, 'not-a-provider'],
      [{ roles: [{ role: 'aanbieder' }], providerId: otherMunicipalityProvider }, 'unknown-provider'],
      [{ roles: [{ role: 'aanbieder' }], providerId: 'not-a-uuid' }, 'invalid_format'],
    ];
    for (const [extra, code] of cases) {
      const response = await admin.post('/api/v1/users', newUser(extra));
      assert.equal(response.statusCode, 400, response.body);
      const problem = response.json();
      assert.equal(problem.invalidParams[0].name, 'providerId');
      if (code !== 'invalid_format') assert.equal(problem.invalidParams[0].code, code);
    }
    assert.equal(await count(), before, 'nothing written');
  });
});
