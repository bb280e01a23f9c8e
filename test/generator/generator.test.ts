/**
 * The generator: the same options give the same data, bad options are refused with a clear message and
 * leave nothing behind, and the foreign keys of a bulk load are verified.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  generateMunicipality,
  GeneratorInputError,
  type GenerateOptions,
} from '../../src/generator/generate.ts';
import { syntheticBsnFromCounter } from '../../src/generator/ids.ts';
import { isValidBsn } from '../../src/residents/bsn.ts';
import { parseDefinition, validateAnswers, type Answers } from '../../src/intake/questionnaire-definition.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { ForeignKeyViolationError, verifyForeignKeys } from '../../src/platform/db/verify-foreign-keys.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-app.ts';

const SMALL: GenerateOptions = {
  municipality: 'GM0164',
  inhabitants: 4_000,
  years: 1,
  seed: 7,
  until: '2026-06',
};

async function fresh(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  await migrate(t.database);
  return t;
}

/** A digest of what was generated: identical data gives an identical digest. */
async function digest(t: TestDatabase): Promise<string> {
  const { rows } = await sql<{ d: string }>`SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', id, bsn, given_names, family_name, birth_date, sex, death_date), ';' ORDER BY id) FROM person),
      (SELECT string_agg(concat_ws(',', id, person_id, provider_id, service_id, start_date, end_date, volume, status, end_reason_code), ';' ORDER BY id) FROM toewijzing),
      (SELECT string_agg(concat_ws(',', declaration_id, toewijzing_id, period_start, volume, amount_cents, status), ';' ORDER BY id) FROM declaration_line),
      (SELECT string_agg(concat_ws(',', id, reference, received_at, channel, question_types::text), ';' ORDER BY id) FROM help_question),
      (SELECT string_agg(concat_ws(',', year, buurt_code, age, sex, inhabitants), ';' ORDER BY year, buurt_code, age, sex) FROM population_count)
    )) AS d`.execute(t.database.db);
  return rows[0]!.d;
}

describe('the same seed gives the same municipality', () => {
  const dbs: TestDatabase[] = [];
  after(() => Promise.all(dbs.map((d) => d.close())));

  test('two runs with the same options write identical data and truth; another seed differs', async () => {
    const [a, b, c] = [await fresh(), await fresh(), await fresh()];
    dbs.push(a, b, c);
    const ra = await generateMunicipality(a.database, SMALL);
    const rb = await generateMunicipality(b.database, SMALL);
    await generateMunicipality(c.database, { ...SMALL, seed: 8 });
    assert.ok(ra.rows > 10_000, `a small municipality still has ${ra.rows} rows`);
    assert.equal(await digest(a), await digest(b));
    assert.deepEqual(ra.truth, rb.truth);
    assert.notEqual(await digest(a), await digest(c));
    const dataset = await sql<{
      n: number;
      rows: string;
    }>`SELECT count(*)::int AS n, max(row_count)::text AS rows
      FROM synthetic_dataset WHERE finished_at IS NOT NULL`.execute(a.database.db);
    assert.equal(dataset.rows[0]!.n, 1);
    assert.equal(Number(dataset.rows[0]!.rows), ra.rows);
  });

  test('every generated intake answers its own questionnaire version completely and validly', async () => {
    const { rows } = await sql<{ answers: Answers; definition: unknown; version: number }>`
      SELECT i.answers, v.definition, v.version FROM intake i
      JOIN questionnaire_version v ON v.municipality_code = i.municipality_code AND v.id = i.questionnaire_version_id`.execute(
      dbs[0]!.database.db,
    );
    assert.ok(rows.length > 50, `${rows.length} intakes`);
    assert.deepEqual([...new Set(rows.map((r) => r.version))].sort(), [1, 2], 'intakes on both versions');
    for (const row of rows) {
      const definition = parseDefinition(row.definition);
      assert.ok(definition, 'the stored definition follows the questionnaire format');
      assert.deepEqual(validateAnswers(definition, row.answers, { complete: true }), []);
    }
  });
});

describe('bad options are refused and leave nothing behind', () => {
  let t: TestDatabase;
  before(async () => {
    t = await fresh();
  });
  after(() => t.close());

  const cases: [string, Partial<GenerateOptions>, RegExp][] = [
    ['malformed municipality code', { municipality: 'Hengelo' }, /CBS code/],
    ['municipality without boundaries', { municipality: 'GM0141' }, /No wijk and buurt boundaries/],
    ['too few inhabitants', { inhabitants: 10 }, /inhabitants/],
    ['fractional years', { years: 1.5 }, /years/],
    ['negative seed', { seed: -1 }, /seed/],
    ['malformed last month', { until: '2026-13' }, /YYYY-MM/],
  ];
  for (const [name, change, message] of cases) {
    test(name, async () => {
      await assert.rejects(generateMunicipality(t.database, { ...SMALL, ...change }), (error: Error) => {
        assert.ok(error instanceof GeneratorInputError, `${error.name}: ${error.message}`);
        assert.match(error.message, message);
        return true;
      });
      const { rows } = await sql<{
        n: number;
      }>`SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM synthetic_dataset) + (SELECT count(*) FROM service) AS n`.execute(
        t.database.db,
      );
      assert.equal(Number(rows[0]!.n), 0);
    });
  }

  test('a municipality that already has help questions is not filled again', async () => {
    await generateMunicipality(t.database, SMALL);
    const before = await digest(t);
    await assert.rejects(generateMunicipality(t.database, SMALL), /already holds help questions/);
    assert.equal(await digest(t), before);
  });

  test('the command line explains wrong options and exits 64', () => {
    const run = spawnSync(process.execPath, ['src/generator/cli.ts', '--inhabitants', 'many'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 64);
    assert.match(run.stderr, /--inhabitants must be a whole number/);
    const unknown = spawnSync(process.execPath, ['src/generator/cli.ts', '--colour', 'blue'], {
      encoding: 'utf8',
    });
    assert.equal(unknown.status, 64);
    assert.match(unknown.stderr, /Usage: npm run generate/);
  });
});

describe('synthetic BSNs and foreign-key verification', () => {
  test('synthetic BSNs start with 99, pass the 11-proef and never repeat', () => {
    const source = syntheticBsnFromCounter(0);
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const bsn = source.next();
      assert.ok(bsn.startsWith('99') && isValidBsn(bsn), bsn);
      assert.ok(!seen.has(bsn));
      seen.add(bsn);
    }
  });

  test('a row loaded without its parent is caught by verifyForeignKeys', async () => {
    const t = await fresh();
    try {
      const db = t.database.db;
      await sql`INSERT INTO municipality (code, name) VALUES ('GM0164', 'Hengelo')`.execute(db);
      await verifyForeignKeys(db, ['household_member'], 'GM0164');
      await db.transaction().execute(async (tx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(tx);
        await sql`INSERT INTO household_member (municipality_code, household_id, person_id, member_role, valid_from)
          VALUES ('GM0164', gen_random_uuid(), gen_random_uuid(), 'kind', '2020-01-01')`.execute(tx);
      });
      await assert.rejects(verifyForeignKeys(db, ['household_member'], 'GM0164'), ForeignKeyViolationError);
    } finally {
      await t.close();
    }
  });
});
