import { sql } from 'kysely';
import { requestFullRefresh } from '../dashboard/refresh.ts';
import type { Role } from '../access/roles.ts';
import { seedAreas, vindplaatsenFor } from '../areas/areas-seed.ts';
import { BREDE_INTAKE_DEFINITION, BREDE_INTAKE_NAME } from '../intake/broad-intake-definition.ts';
import { seedCatalogue } from '../services/catalogue-seed.ts';
import { seedDecisionsDemo } from './decisions-demo.ts';
import { seedPlanDemo } from './plan-demo.ts';
import { seedSteeringDemo } from './steering-demo.ts';
import { hashPassword } from '../identity/passwords.ts';
import type { Database, Tx } from '../platform/db/database.ts';

/**
 * The minimal demo tenants and demo accounts (demo mode only). Everything here is synthetic: the
 * residents' BSNs are from the test range (they start with 99, pass the 11-proef and belong to nobody).
 */
export const DEMO_MUNICIPALITIES = [
  { code: 'GM0164', name: 'Hengelo', slug: 'hengelo' },
  { code: 'GM0153', name: 'Enschede', slug: 'enschede' },
] as const;

export const DEMO_ROLES: { role: Role; user: string; name: string }[] = [
  { role: 'toegang-medewerker', user: 'toegang', name: 'Tamara Toegang (demo)' },
  { role: 'wijkteam-medewerker', user: 'wijkteam', name: 'Willem Wijkteam (demo)' },
  { role: 'regisseur', user: 'regisseur', name: 'Rachida Regisseur (demo)' },
  { role: 'beleidsadviseur', user: 'beleid', name: 'Bas Beleid (demo)' },
  { role: 'functioneel-beheerder', user: 'beheer', name: 'Femke Beheer (demo)' },
  { role: 'privacy-officer', user: 'privacy', name: 'Pieter Privacy (demo)' },
  { role: 'aanbieder', user: 'aanbieder', name: 'Anna Aanbieder (demo)' },
  { role: 'inwoner', user: 'inwoner', name: 'Ingrid Inwoner (demo)' },
];

/** Demo password of a demo user: the user name followed by "-demo-2026" (shown at start-up). */
export const demoPassword = (user: string) => `${user}-demo-2026`;
export const demoUsername = (user: string, slug: string) => `${user}@${slug}.demo`;

const DEMO_RESIDENTS = [
  { bsn: '999990019', givenNames: 'Jan', familyName: 'Jansen', birthDate: '1948-03-12' },
  { bsn: '999990020', givenNames: 'Fatima', familyName: 'El Amrani', birthDate: '1985-07-30' },
  { bsn: '999990032', givenNames: 'Sem', familyName: 'de Vries', birthDate: '2009-11-02' },
];

export interface SeedResult {
  created: boolean;
  logins: { municipality: string; role: Role; username: string; password: string }[];
}

export async function seedDemo(database: Database): Promise<SeedResult> {
  const { db } = database;
  const logins: SeedResult['logins'] = [];
  let created = false;
  const hashes = new Map<string, string>();
  const existing = new Set((await db.selectFrom('municipality').select('code').execute()).map((m) => m.code));
  if (DEMO_MUNICIPALITIES.some((m) => !existing.has(m.code))) {
    for (const r of DEMO_ROLES) hashes.set(r.user, await hashPassword(demoPassword(r.user)));
  }

  for (const m of DEMO_MUNICIPALITIES) {
    for (const r of DEMO_ROLES) {
      logins.push({
        municipality: m.code,
        role: r.role,
        username: demoUsername(r.user, m.slug),
        password: demoPassword(r.user),
      });
    }
    await db.transaction().execute(async (tx) => {
      const exists = await tx
        .selectFrom('municipality')
        .select('code')
        .where('code', '=', m.code)
        .executeTakeFirst();
      if (exists) {
        // Existing demo data from before areas and the catalogue existed gets them now (idempotent).
        await seedAreas(tx, m.code);
        await seedCatalogue(tx, m.code);
        await seedIntakeDemo(tx, m);
        await seedPlanDemo(tx, m.code);
        await seedDecisionsDemo(tx, m.code);
        await seedSteeringDemo(tx, m.code);
        return;
      }
      created = true;
      await tx.insertInto('municipality').values({ code: m.code, name: m.name }).execute();
      await seedAreas(tx, m.code);
      await seedCatalogue(tx, m.code);
      const team = await tx
        .insertInto('team')
        .values({ municipality_code: m.code, name: `Toegangsteam ${m.name}`, kind: 'toegang' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const r of DEMO_ROLES) {
        const user = await tx
          .insertInto('app_user')
          .values({
            municipality_code: m.code,
            username: demoUsername(r.user, m.slug),
            display_name: r.name,
            email: null,
            password_hash: hashes.get(r.user)!,
            oidc_subject: `demo-${r.user}-${m.slug}`,
            is_demo: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('role_assignment')
          .values({
            municipality_code: m.code,
            user_id: user.id,
            role: r.role,
            team_id: r.role === 'toegang-medewerker' ? team.id : null,
            wijk_code: null,
          })
          .execute();
      }
      for (const [i, p] of DEMO_RESIDENTS.entries()) {
        // Each municipality gets its own synthetic BSNs so the two demo tenants share no resident.
        const bsn = m.code === 'GM0164' ? p.bsn : syntheticBsn(500 + i);
        await tx
          .insertInto('person')
          .values({
            municipality_code: m.code,
            bsn,
            given_names: p.givenNames,
            family_name_prefix: null,
            family_name: p.familyName,
            birth_date: p.birthDate,
            is_synthetic: true,
          })
          .execute();
      }
      await seedIntakeDemo(tx, m);
      await seedPlanDemo(tx, m.code);
      await seedDecisionsDemo(tx, m.code);
      await seedSteeringDemo(tx, m.code);
    });
  }
  if (created) await sql`ANALYZE`.execute(db);
  // The dashboard summaries are rebuilt from scratch at the next refresh (start-up or first view).
  for (const m of DEMO_MUNICIPALITIES) if (!existing.has(m.code)) await requestFullRefresh(db, m.code);
  return { created, logins };
}

/**
 * The intake side of a demo municipality (idempotent): the "Brede intake" questionnaire with version 1
 * published; the Zorgloket and the online form on the toegang team's worklist; a demo wijkteam for the
 * first wijkteam vindplaats, with the wijkteam worker in it and the regisseur in the toegang team (the
 * worklist defaults to the caller's team); and the demo resident account linked to Jan Jansen.
 */
async function seedIntakeDemo(tx: Tx, m: (typeof DEMO_MUNICIPALITIES)[number]): Promise<void> {
  const toegang = await tx
    .selectFrom('team')
    .where('municipality_code', '=', m.code)
    .where('name', '=', `Toegangsteam ${m.name}`)
    .select('id')
    .executeTakeFirst();
  if (!toegang) return;

  const places = vindplaatsenFor(m.code);
  const firstWijkteam = places.find((p) => p.kind === 'wijkteam');
  let wijkteamId: string | null = null;
  if (firstWijkteam) {
    const name = `${firstWijkteam.name} (demo)`;
    await tx
      .insertInto('team')
      .values({ municipality_code: m.code, name, kind: 'wijkteam' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const team = await tx
      .selectFrom('team')
      .where('municipality_code', '=', m.code)
      .where('name', '=', name)
      .select('id')
      .executeTakeFirstOrThrow();
    wijkteamId = team.id;
    await tx
      .updateTable('vindplaats')
      .set({ team_id: team.id })
      .where('municipality_code', '=', m.code)
      .where('id', '=', firstWijkteam.id)
      .where('team_id', 'is', null)
      .execute();
  }
  await tx
    .updateTable('vindplaats')
    .set({ team_id: toegang.id })
    .where('municipality_code', '=', m.code)
    .where('kind', 'in', ['zorgloket', 'online'])
    .where('team_id', 'is', null)
    .execute();

  const scopes: [string, string | null][] = [
    ['wijkteam', wijkteamId],
    ['regisseur', toegang.id],
  ];
  for (const [user, teamId] of scopes) {
    if (!teamId) continue;
    await tx
      .updateTable('role_assignment')
      .set({ team_id: teamId })
      .where('municipality_code', '=', m.code)
      .where('team_id', 'is', null)
      .where('user_id', 'in', (eb) =>
        eb
          .selectFrom('app_user')
          .where('municipality_code', '=', m.code)
          .where('username', '=', demoUsername(user, m.slug))
          .select('id'),
      )
      .execute();
  }

  const questionnaire = await tx
    .selectFrom('questionnaire')
    .where('municipality_code', '=', m.code)
    .where('name', '=', BREDE_INTAKE_NAME)
    .select('id')
    .executeTakeFirst();
  if (!questionnaire) {
    const created = await tx
      .insertInto('questionnaire')
      .values({ municipality_code: m.code, name: BREDE_INTAKE_NAME })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('questionnaire_version')
      .values({
        municipality_code: m.code,
        questionnaire_id: created.id,
        version: 1,
        status: 'gepubliceerd',
        definition: JSON.stringify(BREDE_INTAKE_DEFINITION),
        published_at: new Date(),
      })
      .execute();
  }

  const jan = DEMO_RESIDENTS[0]!;
  await tx
    .updateTable('app_user')
    .set((eb) => ({
      person_id: eb
        .selectFrom('person')
        .where('municipality_code', '=', m.code)
        .where('given_names', '=', jan.givenNames)
        .where('family_name', '=', jan.familyName)
        .where('birth_date', '=', jan.birthDate)
        .select('id')
        .limit(1),
    }))
    .where('municipality_code', '=', m.code)
    .where('username', '=', demoUsername('inwoner', m.slug))
    .where('person_id', 'is', null)
    .execute();
}

/** The n-th BSN in the test range 9999xxxxx that passes the 11-proef. */
export function syntheticBsn(n: number): string {
  let found = -1;
  for (let candidate = 999_900_000; candidate < 1_000_000_000; candidate++) {
    const digits = String(candidate);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
    sum -= Number(digits[8]);
    if (sum % 11 === 0 && ++found === n) return digits;
  }
  throw new Error('test range exhausted');
}
