/**
 * Generates a Hengelo-sized municipality (81,000 inhabitants, two years) and checks every calibration
 * target of the seed documents (DESIGN.md §5, src/generator/model.ts CALIBRATION) with SQL on the data
 * as written, and that the truth file says exactly what the database holds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateMunicipality, type GenerateResult } from '../../src/generator/generate.ts';
import { CALIBRATION } from '../../src/generator/model.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-app.ts';

const M = 'GM0164';
const YEAR = 2025; // the last full calendar year of a period ending 2026-10
const FROM = `${YEAR}-01-01`;
const TO = `${YEAR}-12-31`;

let t: TestDatabase;
let result: GenerateResult;
type Truth = Record<string, Record<string, number>> & { derived: Record<string, Record<string, number>> };
let truth: Truth;

const one = async <T>(query: ReturnType<typeof sql<T>>): Promise<T> =>
  (await query.execute(t.database.db)).rows[0]!;
const all = async <T>(query: ReturnType<typeof sql<T>>): Promise<T[]> =>
  (await query.execute(t.database.db)).rows;

function within(actual: number, target: number, relative: number, what: string) {
  assert.ok(
    Math.abs(actual - target) <= target * relative,
    `${what}: ${actual} is not within ${relative * 100}% of ${target}`,
  );
}
function between(actual: number, min: number, max: number, what: string) {
  assert.ok(actual >= min && actual <= max, `${what}: ${actual} is not between ${min} and ${max}`);
}

before(async () => {
  t = await createTestDatabase();
  await migrate(t.database);
  result = await generateMunicipality(t.database, {
    municipality: M,
    inhabitants: CALIBRATION.inhabitants,
    years: 2,
    seed: 42,
    until: '2026-10',
  });
  truth = result.truth as Truth;
});
after(() => t?.close());

describe('synthetic Hengelo matches the seed documents', () => {
  test('unique Wmo clients in a year ≈ 6,626 (±10%)', async () => {
    const { n } = await one(sql<{ n: number }>`SELECT count(DISTINCT person_id)::int AS n FROM toewijzing
      WHERE municipality_code = ${M} AND law_code = 'wmo' AND start_date <= ${TO} AND end_date >= ${FROM}`);
    within(
      n,
      CALIBRATION.wmoUniqueClientsPerYear.target,
      CALIBRATION.wmoUniqueClientsPerYear.tolerance,
      'Wmo clients',
    );
    assert.equal(n, truth.uniqueClients![`wmo|${YEAR}`]);
  });

  test('meldingen a month: Wmo 300–400, youth and income about 100 each, with a seasonal dip in summer', async () => {
    const rows = await all(sql<{ law: string; month: string; n: number }>`
      SELECT law_code AS law, to_char(melded_on, 'YYYY-MM') AS month, count(*)::int AS n FROM melding
      WHERE municipality_code = ${M} AND melded_on BETWEEN ${FROM} AND ${TO} GROUP BY 1, 2`);
    const mean = (law: string) => rows.filter((r) => r.law === law).reduce((s, r) => s + r.n, 0) / 12;
    between(
      mean('wmo'),
      CALIBRATION.wmoMeldingenPerMonth.min,
      CALIBRATION.wmoMeldingenPerMonth.max,
      'Wmo meldingen a month',
    );
    within(mean('jeugdwet'), 100, CALIBRATION.youthMeldingenPerMonth.tolerance, 'youth meldingen a month');
    within(
      mean('participatiewet'),
      100,
      CALIBRATION.incomeMeldingenPerMonth.tolerance,
      'income meldingen a month',
    );
    const wmo = (month: string) => rows.find((r) => r.law === 'wmo' && r.month === `${YEAR}-${month}`)!.n;
    assert.ok(wmo('08') < mean('wmo') * 0.92, `August (${wmo('08')}) is quieter than the average month`);
    for (const r of rows)
      assert.equal(r.n, truth.meldingen![`${r.law}|${r.month}`], `truth for ${r.law} ${r.month}`);
  });

  test('Zorgloket: ~1,100 contacts a month, 80% by phone, 60%+ information and advice, 80%+ about the Wmo', async () => {
    const r = await one(sql<{ total: number; phone: number; info: number; wmo: number }>`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE q.channel = 'telefoon')::int AS phone,
        count(*) FILTER (WHERE t.outcome = 'informatie-advies')::int AS info,
        count(*) FILTER (WHERE q.main_law_code = 'wmo')::int AS wmo
      FROM help_question q
      JOIN vindplaats v ON v.municipality_code = q.municipality_code AND v.id = q.vindplaats_id AND v.kind = 'zorgloket'
      JOIN triage t ON t.municipality_code = q.municipality_code AND t.help_question_id = q.id
      WHERE q.municipality_code = ${M} AND q.received_at >= ${FROM}::date AND q.received_at < ${`${YEAR + 1}-01-01`}::date`);
    within(
      r.total / 12,
      CALIBRATION.zorgloketContactsPerMonth.target,
      CALIBRATION.zorgloketContactsPerMonth.tolerance,
      'contacts a month',
    );
    within(
      r.phone / r.total,
      CALIBRATION.zorgloketPhoneShare.target,
      CALIBRATION.zorgloketPhoneShare.tolerance / 0.8,
      'phone share',
    );
    between(
      r.info / r.total,
      CALIBRATION.zorgloketInformationShare.min,
      CALIBRATION.zorgloketInformationShare.max,
      'information share',
    );
    between(
      r.wmo / r.total,
      CALIBRATION.zorgloketWmoShare.min,
      CALIBRATION.zorgloketWmoShare.max,
      'Wmo share',
    );
    assert.equal(r.total, truth.zorgloket![`total|${YEAR}`]);
    assert.equal(r.phone, truth.zorgloket![`channel|telefoon|${YEAR}`]);
  });

  test('youth-care referrers: GP 43%, gemeente 33%, youth doctor 7%, medical specialist 7%, GI 10% (±5 points)', async () => {
    const rows = await all(sql<{
      code: string;
      n: number;
    }>`SELECT referrer_type_code AS code, count(*)::int AS n
      FROM toewijzing WHERE municipality_code = ${M} AND law_code = 'jeugdwet' AND start_date BETWEEN ${FROM} AND ${TO} GROUP BY 1`);
    const total = rows.reduce((s, r) => s + r.n, 0);
    const share = (code: string) => (rows.find((r) => r.code === code)?.n ?? 0) / total;
    const expected = { '02': 0.43, '01': 0.33, '03': 0.07, '05': 0.07, '04': 0.1 };
    for (const [code, target] of Object.entries(expected)) {
      assert.ok(
        Math.abs(share(code) - target) <= CALIBRATION.youthReferrerTolerancePoints,
        `referrer ${code}: ${share(code).toFixed(3)} vs ${target}`,
      );
      assert.equal(rows.find((r) => r.code === code)?.n ?? 0, truth.youthReferrals![`${code}|${YEAR}`] ?? 0);
    }
  });

  test('youth care for about 12.6% of under-18s', async () => {
    const r = await one(sql<{ in_care: number; under18: number }>`
      SELECT (SELECT count(DISTINCT t.person_id) FROM toewijzing t JOIN person p ON p.municipality_code = t.municipality_code AND p.id = t.person_id
              WHERE t.municipality_code = ${M} AND t.law_code = 'jeugdwet' AND t.start_date <= ${TO} AND t.end_date >= ${FROM}
                AND p.birth_date <= ${FROM}::date AND p.birth_date > (${FROM}::date - interval '18 years'))::int AS in_care,
             (SELECT sum(inhabitants) FROM population_count WHERE municipality_code = ${M} AND year = ${YEAR} AND age < 18)::int AS under18`);
    within(
      r.in_care / r.under18,
      CALIBRATION.youthCareShareOfUnder18.target,
      CALIBRATION.youthCareShareOfUnder18.tolerance / 0.126,
      'youth-care share',
    );
    assert.equal(
      Math.round((r.in_care / r.under18) * 10_000) / 10_000,
      truth.derived[YEAR]!.youthCareShareOfUnder18,
    );
  });

  test('40–60% of households with a service use more than one', async () => {
    const r = await one(sql<{ any: number; multi: number }>`
      WITH services AS (
        SELECT hm.household_id, t.service_id FROM toewijzing t
          JOIN household_member hm ON hm.municipality_code = t.municipality_code AND hm.person_id = t.person_id
          WHERE t.municipality_code = ${M} AND t.start_date <= ${TO} AND t.end_date >= ${FROM}
        UNION
        SELECT hm.household_id, bp.service_id FROM beschikking_product bp
          JOIN beschikking b ON b.municipality_code = bp.municipality_code AND b.id = bp.beschikking_id
          JOIN household_member hm ON hm.municipality_code = b.municipality_code AND hm.person_id = b.person_id
          JOIN service s ON s.municipality_code = bp.municipality_code AND s.id = bp.service_id AND s.code = 'PW-LO'
          WHERE bp.municipality_code = ${M} AND bp.outcome = 'toegekend' AND bp.start_date <= ${TO} AND bp.end_date >= ${FROM}
        UNION
        SELECT q.household_id, tr.referred_service_id FROM triage tr
          JOIN help_question q ON q.municipality_code = tr.municipality_code AND q.id = tr.help_question_id
          WHERE tr.municipality_code = ${M} AND tr.referred_service_id IS NOT NULL AND q.household_id IS NOT NULL
            AND q.received_at >= ${FROM}::date AND q.received_at < ${`${YEAR + 1}-01-01`}::date)
      SELECT count(*)::int AS any, count(*) FILTER (WHERE n >= 2)::int AS multi
      FROM (SELECT household_id, count(DISTINCT service_id) AS n FROM services GROUP BY 1) h`);
    between(
      r.multi / r.any,
      CALIBRATION.householdsWithMoreThanOneService.min,
      CALIBRATION.householdsWithMoreThanOneService.max,
      'households with more than one service',
    );
    assert.equal(r.any, truth.householdServices![`any|${YEAR}`]);
    assert.equal(r.multi, truth.householdServices![`multi|${YEAR}`]);
  });

  test('about 300 providers contracted, about 50 active', async () => {
    const r = await one(sql<{ contracted: number; active: number }>`
      SELECT (SELECT count(DISTINCT provider_id) FROM contract WHERE municipality_code = ${M} AND valid_from <= ${TO} AND (valid_until IS NULL OR valid_until >= ${FROM}))::int AS contracted,
             (SELECT count(DISTINCT provider_id) FROM toewijzing WHERE municipality_code = ${M} AND start_date <= ${TO} AND end_date >= ${FROM})::int AS active`);
    within(
      r.contracted,
      CALIBRATION.providersContracted.target,
      CALIBRATION.providersContracted.tolerance,
      'contracted providers',
    );
    within(
      r.active,
      CALIBRATION.providersActive.target,
      CALIBRATION.providersActive.tolerance,
      'active providers',
    );
    assert.equal(r.active, truth.derived[YEAR]!.providersActive);
  });

  test('real-life shape: durations differ by service, the 18-/18+ transition happens, wijken differ', async () => {
    type Durations = Record<string, { stillOpenAfter: Record<string, { share: number }> }>;
    const open12 = (service: string) =>
      (truth.durations as unknown as Durations)[service]!.stillOpenAfter['12']!.share;
    assert.ok(
      open12('WMO-HO') > open12('JW-AMB') + 0.2,
      `household help runs longer than ambulant youth care (${open12('WMO-HO')} vs ${open12('JW-AMB')} still open after a year)`,
    );
    assert.ok(open12('WMO-KV') < 0.1, 'short stays end within a year');
    const transition = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM toewijzing y
      WHERE y.municipality_code = ${M} AND y.law_code = 'jeugdwet' AND y.end_reason_code = '39'
        AND EXISTS (SELECT 1 FROM toewijzing w WHERE w.municipality_code = y.municipality_code AND w.person_id = y.person_id
                    AND w.law_code = 'wmo' AND w.start_date > y.end_date)`);
    assert.ok(transition.n > 0, 'some youth move on to Wmo support at 18');
    const wijken = await all(sql<{ wijk: string; rate: number }>`
      WITH clients AS (
        SELECT b.wijk_code, count(DISTINCT t.person_id) AS n FROM toewijzing t
        JOIN household_member hm ON hm.municipality_code = t.municipality_code AND hm.person_id = t.person_id
        JOIN household h ON h.municipality_code = hm.municipality_code AND h.id = hm.household_id
        JOIN address a ON a.municipality_code = h.municipality_code AND a.id = h.address_id
        JOIN buurt b ON b.municipality_code = a.municipality_code AND b.code = a.buurt_code
        WHERE t.municipality_code = ${M} AND t.law_code = 'jeugdwet' AND t.start_date <= ${TO} AND t.end_date >= ${FROM}
        GROUP BY 1),
      people AS (
        SELECT b.wijk_code, sum(p.inhabitants) AS n FROM population_count p
        JOIN buurt b ON b.municipality_code = p.municipality_code AND b.code = p.buurt_code
        WHERE p.municipality_code = ${M} AND p.year = ${YEAR} AND p.age < 18 GROUP BY 1)
      SELECT people.wijk_code AS wijk, (clients.n::float / people.n) AS rate FROM people JOIN clients USING (wijk_code) WHERE people.n >= 200`);
    const rates = wijken.map((w) => w.rate);
    assert.ok(
      Math.max(...rates) / Math.min(...rates) > 1.3,
      `youth-care rates differ between wijken (${rates.map((r) => r.toFixed(3)).join(', ')})`,
    );
  });

  test('every resident is plainly synthetic: flagged, with 11-proef BSNs from the 99 range', async () => {
    const r = await one(sql<{ total: number; bad: number }>`SELECT count(*)::int AS total,
      count(*) FILTER (WHERE NOT is_synthetic OR bsn NOT LIKE '99%' OR NOT bsn_is_valid(bsn))::int AS bad
      FROM person WHERE municipality_code = ${M}`);
    assert.ok(r.total > 10_000);
    assert.equal(r.bad, 0);
  });

  test('the truth file counts exactly the rows written', async () => {
    const rows = truth.rows!;
    for (const table of [
      'person',
      'toewijzing',
      'declaration_line',
      'help_question',
      'life_domain_score',
      'declaration',
    ]) {
      const { n } = await one(
        sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE municipality_code = ${M}`,
      );
      assert.equal(n, rows[table], table);
    }
    const { cents } = await one(sql<{
      cents: string;
    }>`SELECT coalesce(sum(amount_cents), 0)::text AS cents FROM declaration_line
      WHERE municipality_code = ${M} AND status = 'geaccepteerd'`);
    const truthCents = Object.values(truth.costsCents!).reduce((a, b) => a + b, 0);
    assert.equal(Number(cents), truthCents);
  });
});
