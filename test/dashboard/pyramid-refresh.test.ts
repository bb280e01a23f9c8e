import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateMunicipality } from '../../src/generator/generate.ts';
import { inTenantTransaction } from '../../src/platform/db/tenant-transaction.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { pyramidMaintainers, pyramidView } from '../../src/dashboard/pyramid/pyramid-view.ts';
import { overlapView } from '../../src/dashboard/overlap/overlap-view.ts';
import { effectsMaintainers, effectsView } from '../../src/dashboard/effects/effects-view.ts';
import { wijkDnaView } from '../../src/dashboard/wijk-dna/wijk-dna-view.ts';
import {
  DashboardFiltersSchema,
  type ChangeSet,
  type DashboardView,
} from '../../src/dashboard/view-model.ts';
import { findDefinition } from '../../src/steering/indicator-definitions.ts';
import { createTestDatabase, DB_KIND, type TestDatabase } from '../helpers/test-app.ts';

/**
 * The mix summaries (pyramid, overlap, effects, wijk-DNA): an incremental refresh for the changed persons and
 * households leaves them exactly as a full rebuild; pyramid figures equal independent SQL over the raw rows;
 * every view answers under every filter it takes.
 */
const MC = 'GM0164';
const TABLES = [
  [
    'dash_mix_support',
    'year, person_id, household_id, layer, source, law_code, service_id, provider_id, wijk_code, buurt_code, age_group, months',
  ],
  ['dash_mix_question', '*'],
  [
    'dash_mix_domain_score',
    'person_id, measurement, assessed_on, life_domain_code, score, baseline_score, law_code, wijk_code, buurt_code, age_group',
  ],
  ['dash_mix_youth_referral', '*'],
  ['dash_mix_evaluation', '*'],
] as const;
const MAINTAINERS = [...pyramidMaintainers, ...effectsMaintainers];

describe(`mix summaries: incremental refresh and raw SQL (${DB_KIND})`, () => {
  let testDb: TestDatabase;

  const refresh = (changes: ChangeSet) =>
    inTenantTransaction(testDb.database, MC, async (tx) => {
      for (const m of MAINTAINERS) await m.refresh(tx, MC, changes);
    });
  const full: ChangeSet = { full: true, personIds: [], householdIds: [], months: [] };
  const snapshot = async () => {
    const result: Record<string, string[]> = {};
    for (const [table, columns] of TABLES) {
      const { rows } = await sql<Record<string, unknown>>`SELECT ${sql.raw(columns)} FROM ${sql.table(table)}
        WHERE municipality_code = ${MC}`.execute(testDb.database.db);
      result[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return result;
  };

  before(async () => {
    testDb = await createTestDatabase();
    await migrate(testDb.database);
    await generateMunicipality(testDb.database, {
      municipality: MC,
      inhabitants: 4_000,
      years: 2,
      seed: 5,
      until: '2025-12',
    });
    await refresh(full);
  });
  after(async () => {
    await testDb.database.close().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await testDb.close().catch(() => undefined);
  });

  const load = (view: DashboardView, filters: Record<string, string>) =>
    inTenantTransaction(testDb.database, MC, (tx) =>
      view.load(tx, { municipalityCode: MC, language: 'nl', filters: DashboardFiltersSchema.parse(filters) }),
    );

  test('pyramid layers per year equal distinct persons counted in SQL over the raw rows', async () => {
    for (const year of [2024, 2025]) {
      const start = `${year}-01-01`;
      const end = `${year}-12-31`;
      const { rows } = await sql<{ algemeen: number; maatwerk: number }>`
        SELECT
          (SELECT count(DISTINCT q.person_id) FROM help_question q JOIN triage t
             ON t.municipality_code = q.municipality_code AND t.help_question_id = q.id
           WHERE q.municipality_code = ${MC} AND t.referred_service_id IS NOT NULL AND q.person_id IS NOT NULL
             AND (q.received_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN ${start}::date AND ${end}::date)::int AS algemeen,
          (SELECT count(DISTINCT person_id) FROM (
             SELECT t.person_id FROM toewijzing t WHERE t.municipality_code = ${MC} AND t.status <> 'ingetrokken'
               AND t.start_date <= ${end}::date AND (t.end_date IS NULL OR t.end_date >= ${start}::date)
             UNION ALL
             SELECT b.person_id FROM beschikking_product bp JOIN beschikking b
               ON b.municipality_code = bp.municipality_code AND b.id = bp.beschikking_id
             WHERE bp.municipality_code = ${MC} AND bp.outcome = 'toegekend' AND bp.start_date <= ${end}::date
               AND (bp.end_date IS NULL OR bp.end_date >= ${start}::date)
               AND NOT EXISTS (SELECT 1 FROM toewijzing t WHERE t.municipality_code = bp.municipality_code
                 AND t.beschikking_product_id = bp.id)) x)::int AS maatwerk`.execute(testDb.database.db);
      const { tables } = await load(pyramidView, { from: `${year}-01`, to: `${year}-12` });
      const layers = tables.find((t) => t.code === 'pyramid-layers')!;
      assert.equal(layers.rows.find((r) => r.key === 'algemeen')!.values.persons, rows[0]!.algemeen);
      assert.equal(layers.rows.find((r) => r.key === 'maatwerk')!.values.persons, rows[0]!.maatwerk);
      assert.ok(
        rows[0]!.maatwerk > 50 && rows[0]!.algemeen > 10,
        'the municipality has clients in both layers',
      );
      const map = tables.find((t) => t.code === 'pyramid-by-area')!;
      const sum = map.rows.reduce((s, r) => s + (r.values.maatwerk ?? 0), 0);
      assert.equal(sum, rows[0]!.maatwerk, 'every person lives in one wijk in the generated data');
    }
  });

  test('every view answers under every filter, and a filter narrows', async () => {
    const { rows: some } = await sql<{
      wijk_code: string;
      buurt_code: string;
      service_id: string;
      provider_id: string;
    }>`
      SELECT wijk_code, buurt_code, service_id, provider_id FROM dash_mix_support
      WHERE municipality_code = ${MC} AND provider_id IS NOT NULL AND wijk_code IS NOT NULL LIMIT 1`.execute(
      testDb.database.db,
    );
    const s = some[0]!;
    const filterSets: Record<string, string>[] = [
      { from: '2024-01', to: '2025-12' },
      { from: '2025-03', to: '2025-05' },
      { from: '2025-01', to: '2025-12', law: 'jeugdwet' },
      { from: '2025-01', to: '2025-12', wijk: s.wijk_code },
      { from: '2025-01', to: '2025-12', wijk: s.wijk_code, buurt: s.buurt_code },
      { from: '2025-01', to: '2025-12', service: s.service_id, provider: s.provider_id },
      { from: '2025-01', to: '2025-12', ageGroup: '0-17' },
    ];
    for (const view of [pyramidView, overlapView, effectsView, wijkDnaView]) {
      for (const filters of filterSets) {
        const { tables } = await load(view, filters);
        assert.ok(tables.length >= 2, `${view.code} ${JSON.stringify(filters)}`);
        for (const t of tables) {
          assert.ok(t.chart, `${t.code} has a chart`);
          for (const r of t.rows)
            for (const m of t.measures) assert.ok(m.code in r.values, `${t.code} ${r.key} ${m.code}`);
        }
      }
    }
    const all = await load(overlapView, { from: '2025-01', to: '2025-12' });
    const youth = await load(overlapView, { from: '2025-01', to: '2025-12', law: 'jeugdwet' });
    const total = (d: typeof all) =>
      d.tables.find((t) => t.code === 'overlap-law-combinations')!.total!.households!;
    assert.ok(total(youth) > 0 && total(youth) < total(all));
    assert.ok(
      youth.tables
        .find((t) => t.code === 'overlap-law-combinations')!
        .rows.every((r) => r.key.split('+').includes('jeugdwet')),
    );
  });

  test('effects and wijk-DNA figures equal independent SQL over the raw rows', async () => {
    const db = testDb.database.db;
    const { tables: effects } = await load(effectsView, { from: '2025-01', to: '2025-12' });
    const { tables: dna } = await load(wijkDnaView, { from: '2025-01', to: '2025-12' });
    const inYear = sql`(q.received_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'`;
    const sources = await sql<{ kind: string; n: number }>`
      SELECT v.kind, count(*)::int AS n FROM help_question q JOIN vindplaats v
        ON v.municipality_code = q.municipality_code AND v.id = q.vindplaats_id
      WHERE q.municipality_code = ${MC} AND ${inYear} GROUP BY v.kind`.execute(db);
    const sourceTable = effects.find((t) => t.code === 'effects-sources')!;
    for (const r of sources.rows)
      assert.equal(sourceTable.rows.find((x) => x.key === r.kind)!.values.questions, r.n, r.kind);
    const evaluations = await sql<{ n: number; mean: number }>`
      SELECT count(*)::int AS n, round(avg(satisfaction), 1)::float8 AS mean FROM plan_evaluation
      WHERE municipality_code = ${MC} AND held_on BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'`.execute(
      db,
    );
    const satisfaction = effects.find((t) => t.code === 'effects-satisfaction')!;
    assert.equal(satisfaction.total!.evaluations, evaluations.rows[0]!.n);
    assert.equal(satisfaction.total!.meanSatisfaction, evaluations.rows[0]!.mean);
    assert.ok(evaluations.rows[0]!.n > 0);
    // Change on one life domain: per person the latest evaluation score in 2025 minus the latest intake
    // score on or before it.
    const change = await sql<{ n: number; mean: number | null }>`
      WITH e AS (
        SELECT DISTINCT ON (l.person_id) l.person_id, l.assessed_on, l.score FROM life_domain_score l
        WHERE l.municipality_code = ${MC} AND l.life_domain_code = 'financien' AND l.plan_evaluation_id IS NOT NULL
          AND l.assessed_on BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'
          AND EXISTS (SELECT 1 FROM life_domain_score b WHERE b.municipality_code = l.municipality_code
            AND b.person_id = l.person_id AND b.life_domain_code = 'financien' AND b.intake_id IS NOT NULL
            AND b.assessed_on <= l.assessed_on)
        ORDER BY l.person_id, l.assessed_on DESC, l.id DESC)
      SELECT count(*)::int AS n, round(avg(e.score - (SELECT b.score FROM life_domain_score b
          WHERE b.municipality_code = ${MC} AND b.person_id = e.person_id AND b.life_domain_code = 'financien'
            AND b.intake_id IS NOT NULL AND b.assessed_on <= e.assessed_on
          ORDER BY b.assessed_on DESC, b.id DESC LIMIT 1)), 2)::float8 AS mean FROM e`.execute(db);
    const finance = effects
      .find((t) => t.code === 'effects-domain-change')!
      .rows.find((r) => r.key === 'financien')!;
    assert.equal(finance.values.persons, change.rows[0]!.n);
    assert.equal(finance.values.meanChange, change.rows[0]!.mean);
    // Wijk-DNA: questions by the household's wijk and algemene-voorziening locations per wijk.
    const questions = await sql<{ wijk: string; n: number }>`
      SELECT b.wijk_code AS wijk, count(*)::int AS n FROM help_question q
      JOIN household h ON h.municipality_code = q.municipality_code AND h.id = q.household_id
      JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
      JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
      WHERE q.municipality_code = ${MC} AND ${inYear} GROUP BY b.wijk_code`.execute(db);
    const locations = await sql<{ wijk: string; n: number }>`
      SELECT b.wijk_code AS wijk, count(*)::int AS n FROM service_location l
      JOIN service s ON s.municipality_code = l.municipality_code AND s.id = l.service_id
      JOIN buurt b ON b.municipality_code = l.municipality_code AND b.code = l.buurt_code
      WHERE l.municipality_code = ${MC} AND s.kind = 'algemeen' AND s.active GROUP BY b.wijk_code`.execute(
      db,
    );
    const map = dna.find((t) => t.code === 'wijk-dna-map')!;
    for (const row of map.rows) {
      assert.equal(row.values.questions, questions.rows.find((r) => r.wijk === row.key)?.n ?? 0, row.key);
      assert.equal(row.values.locations, locations.rows.find((r) => r.wijk === row.key)?.n ?? 0, row.key);
    }
    const pyramid = (await load(pyramidView, { from: '2025-01', to: '2025-12' })).tables.find(
      (t) => t.code === 'pyramid-by-area',
    )!;
    for (const row of map.rows)
      assert.equal(row.values.clients, pyramid.rows.find((r) => r.key === row.key)!.values.clients, row.key);
  });

  test('indicator tiles: the value of the year, its target and whether it is on track', async () => {
    const db = testDb.database.db;
    await sql`INSERT INTO indicator (municipality_code, code, name, kind, unit, source_kind, source_name, frequency, direction)
      VALUES (${MC}, 'tevredenheid', 'Tevredenheid over de toegang', 'effect', 'score', 'extern', 'Cliëntervaringsonderzoek', 'jaar', 'hoger-is-beter')`.execute(
      db,
    );
    await sql`INSERT INTO indicator (municipality_code, code, name, kind, unit, source_kind, definition_code, definition_version, frequency, direction)
      VALUES (${MC}, 'jeugdhulp', 'Jeugdigen met jeugdhulp', 'effect', 'percentage', 'berekend', 'jeugdhulp-onder-18', 1, 'jaar', 'lager-is-beter')`.execute(
      db,
    );
    await sql`INSERT INTO indicator_target (municipality_code, indicator_id, year, target_value)
      SELECT ${MC}, id, 2025, CASE code WHEN 'tevredenheid' THEN 7 ELSE 5 END FROM indicator WHERE municipality_code = ${MC}`.execute(
      db,
    );
    await sql`INSERT INTO indicator_realisation (municipality_code, indicator_id, period_start, period_end, value, source)
      SELECT ${MC}, id, DATE '2025-01-01', DATE '2025-12-31', 7.4, 'CEO 2025' FROM indicator
      WHERE municipality_code = ${MC} AND code = 'tevredenheid'`.execute(db);
    const { tables } = await load(effectsView, { from: '2025-01', to: '2025-12' });
    const published = tables.find((t) => t.code === 'effects-indicators-published')!;
    assert.deepEqual(published.rows.find((r) => r.key === 'tevredenheid')!.values, {
      value: 7.4,
      target: 7,
      onTrack: 1,
    });
    const computed = tables.find((t) => t.code === 'effects-indicators-computed')!;
    const expected = await inTenantTransaction(testDb.database, MC, (tx) =>
      findDefinition('jeugdhulp-onder-18', 1)!.compute(tx, MC, 2025),
    );
    assert.ok(expected.value !== null && expected.denominator! > 100);
    assert.deepEqual(computed.rows.find((r) => r.key === 'jeugdhulp')!.values, {
      basis: expected.denominator,
      value: expected.value,
      target: 5,
      onTrack: expected.value! <= 5 ? 1 : 0,
    });
    assert.equal(computed.measures.find((m) => m.code === 'value')!.basisMeasure, 'basis');
  });

  test('an incremental refresh for the changed persons and households equals a full rebuild', async () => {
    const db = testDb.database.db;
    const changedPersons = new Set<string>();
    const changedHouseholds = new Set<string>();
    // A toewijzing withdrawn, another one's end moved.
    const allocations = await sql<{ id: string; person_id: string }>`
      SELECT id, person_id FROM toewijzing WHERE municipality_code = ${MC} ORDER BY id LIMIT 2`.execute(db);
    await sql`UPDATE toewijzing SET status = 'ingetrokken' WHERE municipality_code = ${MC} AND id = ${allocations.rows[0]!.id}`.execute(
      db,
    );
    await sql`UPDATE toewijzing SET end_date = start_date + 400 WHERE municipality_code = ${MC} AND id = ${allocations.rows[1]!.id}`.execute(
      db,
    );
    for (const r of allocations.rows) changedPersons.add(r.person_id);
    // A referral undone at triage.
    const referral = await sql<{ id: string; person_id: string }>`
      SELECT q.id, q.person_id FROM help_question q JOIN triage t ON t.municipality_code = q.municipality_code
        AND t.help_question_id = q.id
      WHERE q.municipality_code = ${MC} AND t.referred_service_id IS NOT NULL AND q.person_id IS NOT NULL
      ORDER BY q.id LIMIT 1`.execute(db);
    await sql`UPDATE triage SET outcome = 'informatie-advies', referred_service_id = NULL
      WHERE municipality_code = ${MC} AND help_question_id = ${referral.rows[0]!.id}`.execute(db);
    changedPersons.add(referral.rows[0]!.person_id);
    // A household moves to an address in another wijk.
    const moved = await sql<{ household_id: string; address_id: string }>`
      SELECT s.household_id, (SELECT a2.id FROM address a2 JOIN buurt b2 ON b2.municipality_code = a2.municipality_code
          AND b2.code = a2.buurt_code WHERE a2.municipality_code = ${MC} AND b2.wijk_code <> s.wijk_code LIMIT 1) AS address_id
      FROM dash_mix_support s WHERE s.municipality_code = ${MC} AND s.household_id IS NOT NULL
      ORDER BY s.household_id LIMIT 1`.execute(db);
    await sql`UPDATE household SET address_id = ${moved.rows[0]!.address_id}
      WHERE municipality_code = ${MC} AND id = ${moved.rows[0]!.household_id}`.execute(db);
    changedHouseholds.add(moved.rows[0]!.household_id);
    // A life-domain score at an evaluation and an intake corrected, an evaluation's mark changed.
    const scores = await sql<{ id: string; person_id: string }>`
      (SELECT id::text, person_id FROM life_domain_score WHERE municipality_code = ${MC} AND plan_evaluation_id IS NOT NULL ORDER BY id LIMIT 1)
      UNION ALL
      (SELECT id::text, person_id FROM life_domain_score WHERE municipality_code = ${MC} AND intake_id IS NOT NULL ORDER BY id LIMIT 1)`.execute(
      db,
    );
    for (const r of scores.rows) {
      await sql`UPDATE life_domain_score SET score = 6 - score WHERE municipality_code = ${MC} AND id = ${r.id}::bigint`.execute(
        db,
      );
      changedPersons.add(r.person_id);
    }
    const evaluation = await sql<{ id: string; household_id: string }>`
      SELECT e.id, p.household_id FROM plan_evaluation e JOIN household_plan p ON p.municipality_code = e.municipality_code
        AND p.id = e.plan_id WHERE e.municipality_code = ${MC} AND e.held_on IS NOT NULL ORDER BY e.id LIMIT 1`.execute(
      db,
    );
    await sql`UPDATE plan_evaluation SET satisfaction = 1 WHERE municipality_code = ${MC} AND id = ${evaluation.rows[0]!.id}`.execute(
      db,
    );
    changedHouseholds.add(evaluation.rows[0]!.household_id);

    const before = await snapshot();
    await refresh({
      full: false,
      personIds: [...changedPersons],
      householdIds: [...changedHouseholds],
      months: [],
    });
    const incremental = await snapshot();
    assert.notDeepEqual(incremental, before, 'the changes reach the summaries');
    await refresh(full);
    const rebuilt = await snapshot();
    for (const [table] of TABLES) assert.deepEqual(incremental[table], rebuilt[table], table);
  });

  test('what the change triggers record is enough: refreshing from dash_change equals a full rebuild', async () => {
    const db = testDb.database.db;
    await sql`DELETE FROM dash_change WHERE municipality_code = ${MC}`.execute(db);
    // An anonymous question, a birth date corrected (age group), an address moved to another buurt, an
    // intake score removed, an evaluation outcome changed.
    const zorgloket = await sql<{
      id: string;
    }>`SELECT id FROM vindplaats WHERE municipality_code = ${MC} AND kind = 'zorgloket'`.execute(db);
    await sql`INSERT INTO help_question (municipality_code, reference, received_at, channel, vindplaats_id, question_types, status)
      VALUES (${MC}, 'HV-2025-9999999', '2025-05-06T10:00:00+02:00', 'telefoon', ${zorgloket.rows[0]!.id}, ARRAY['wonen'], 'open')`.execute(
      db,
    );
    await sql`UPDATE person SET birth_date = birth_date - 3650 WHERE municipality_code = ${MC}
      AND id = (SELECT person_id FROM dash_mix_support WHERE municipality_code = ${MC} ORDER BY person_id LIMIT 1 OFFSET 3)`.execute(
      db,
    );
    await sql`UPDATE address SET buurt_code = (SELECT code FROM buurt WHERE municipality_code = ${MC} ORDER BY code DESC LIMIT 1)
      WHERE municipality_code = ${MC} AND id = (SELECT h.address_id FROM household h JOIN dash_mix_support s
        ON s.municipality_code = h.municipality_code AND s.household_id = h.id WHERE h.municipality_code = ${MC}
        ORDER BY h.id DESC LIMIT 1)`.execute(db);
    await sql`DELETE FROM life_domain_score WHERE municipality_code = ${MC}
      AND id = (SELECT id FROM life_domain_score WHERE municipality_code = ${MC} AND intake_id IS NOT NULL ORDER BY id DESC LIMIT 1)`.execute(
      db,
    );
    await sql`UPDATE plan_evaluation SET outcome = 'bijstellen' WHERE municipality_code = ${MC}
      AND id = (SELECT id FROM plan_evaluation WHERE municipality_code = ${MC} AND held_on IS NOT NULL ORDER BY id DESC LIMIT 1)`.execute(
      db,
    );
    const { rows } = await sql<{ kind: string; key: string }>`
      SELECT DISTINCT kind, key FROM dash_change WHERE municipality_code = ${MC}`.execute(db);
    const pick = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.key);
    assert.ok(!rows.some((r) => r.kind === 'full'));
    const before = await snapshot();
    await refresh({
      full: false,
      personIds: pick('person'),
      householdIds: pick('household'),
      months: pick('month'),
    });
    const incremental = await snapshot();
    assert.notDeepEqual(incremental, before);
    await refresh(full);
    const rebuilt = await snapshot();
    for (const [table] of TABLES) assert.deepEqual(incremental[table], rebuilt[table], table);
  });
});
