import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { CATALOGUE_TABLES, migrate } from '../src/platform/db/migrate.ts';
import { generateDbTypes, renderDbTypes, SCHEMA_TS_PATH } from '../scripts/db-types.ts';
import {
  DATA_MODEL_PATH,
  generateSchemaDocs,
  introspect,
  renderSchemaDocs,
  type TableInfo,
} from '../scripts/schema-docs.ts';
import { createTestDatabase, DB_KIND, type TestDatabase } from './helpers/test-app.ts';

/**
 * The conventions of docs/data-model.md, checked on the migrated database itself, so that every new
 * migration keeps to them: municipality-first keys, composite foreign keys, row-level security, read-only
 * catalogues, comments everywhere, and generated docs and types that match the schema. Then bad rows
 * sent straight to the database (as its owner, past the application) that it must refuse.
 */
describe(`schema conventions (${DB_KIND})`, () => {
  let testDb: TestDatabase;
  let db: Kysely<any>;
  let tables: TableInfo[];
  const catalogue = (name: string) => (CATALOGUE_TABLES as readonly string[]).includes(name);
  const tenantTables = () => tables.filter((t) => !catalogue(t.name) && t.name !== 'schema_migrations');
  const table = (name: string) => tables.find((t) => t.name === name)!;

  before(async () => {
    testDb = await createTestDatabase();
    await migrate(testDb.database);
    db = testDb.database.db;
    tables = await introspect(db);
  });
  after(() => testDb.close());

  test('every table in CATALOGUE_TABLES exists', () => {
    const missing = CATALOGUE_TABLES.filter((name) => !tables.some((t) => t.name === name));
    assert.deepEqual(missing, []);
  });

  test('every tenant table has municipality_code, as its first column', () => {
    const wrong = tenantTables()
      .filter((t) => t.columns[0]?.name !== 'municipality_code')
      .map((t) => `${t.name} starts with ${t.columns[0]?.name}`);
    assert.deepEqual(wrong, []);
    for (const t of tenantTables()) {
      const column = t.columns[0]!;
      assert.ok(column.notNull && column.type === 'text', `${t.name}.municipality_code is text NOT NULL`);
    }
  });

  test('municipality_code comes first in every primary key, unique constraint and unique index', () => {
    const wrong: string[] = [];
    for (const t of tenantTables()) {
      if (t.primaryKey[0] !== 'municipality_code') wrong.push(`${t.name}: primary key (${t.primaryKey})`);
      for (const u of t.uniques) {
        if (u.columns[0] !== 'municipality_code') wrong.push(`${t.name}: unique ${u.name} (${u.columns})`);
      }
      for (const i of t.indexes.filter((x) => x.unique)) {
        if (i.firstKey !== 'municipality_code') wrong.push(`${t.name}: unique index ${i.name} ${i.keys}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('row-level security with the tenant_isolation policy is on for every tenant table', () => {
    const wrong = tenantTables()
      .filter((t) => !t.rowLevelSecurity || !t.tenantPolicy)
      .map((t) => `${t.name}: rls ${t.rowLevelSecurity}, policy ${t.tenantPolicy}`);
    assert.deepEqual(wrong, []);
  });

  test('foreign keys between tenant tables start with municipality_code on both sides', () => {
    const wrong: string[] = [];
    for (const t of tenantTables()) {
      for (const fk of t.foreignKeys.filter((f) => !catalogue(f.refTable))) {
        if (fk.columns[0] !== 'municipality_code' || fk.refColumns[0] !== 'municipality_code') {
          wrong.push(`${t.name} (${fk.columns}) → ${fk.refTable} (${fk.refColumns})`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('no catalogue table references a tenant table', () => {
    const wrong = tables
      .filter((t) => catalogue(t.name))
      .flatMap((t) =>
        t.foreignKeys.filter((fk) => !catalogue(fk.refTable)).map((fk) => `${t.name} → ${fk.refTable}`),
      );
    assert.deepEqual(wrong, []);
  });

  test('id columns are uuid or bigint', () => {
    const wrong = tables.flatMap((t) =>
      t.columns
        .filter((c) => c.name === 'id' && c.type !== 'uuid' && c.type !== 'bigint')
        .map((c) => `${t.name}.id is ${c.type}`),
    );
    assert.deepEqual(wrong, []);
  });

  test('every table and every column has a comment', () => {
    const missing = tables.flatMap((t) => {
      const columns = t.columns.filter((c) => !c.comment).map((c) => c.name);
      if (t.comment && columns.length === 0) return [];
      return [`${t.name}${t.comment ? '' : ' (table)'}: ${columns.join(', ')}`];
    });
    const count = tables.reduce(
      (n, t) => n + (t.comment ? 0 : 1) + t.columns.filter((c) => !c.comment).length,
      0,
    );
    assert.ok(missing.length === 0, `${count} tables and columns have no COMMENT ON:\n${missing.join('\n')}`);
  });

  test('the application role may read the catalogues but not insert, update or delete', async () => {
    const denied: string[] = [];
    const allowed: string[] = [];
    for (const name of CATALOGUE_TABLES) {
      const first = sql.id(table(name).columns[0]!.name);
      const attempts = {
        select: sql`SELECT count(*) FROM ${sql.table(name)}`,
        insert: sql`INSERT INTO ${sql.table(name)} DEFAULT VALUES`,
        update: sql`UPDATE ${sql.table(name)} SET ${first} = ${first} WHERE false`,
        delete: sql`DELETE FROM ${sql.table(name)} WHERE false`,
      };
      for (const [verb, statement] of Object.entries(attempts)) {
        try {
          await db.transaction().execute(async (tx) => {
            await sql`SET LOCAL ROLE ${sql.id(testDb.database.appRole)}`.execute(tx);
            await statement.execute(tx);
          });
          allowed.push(`${verb} ${name}`);
        } catch (error) {
          assert.equal(
            (error as { code?: string }).code,
            '42501',
            `${verb} ${name}: ${(error as Error).message}`,
          );
          denied.push(`${verb} ${name}`);
        }
      }
    }
    assert.deepEqual(
      allowed,
      CATALOGUE_TABLES.map((name) => `select ${name}`),
    );
    assert.equal(denied.length, CATALOGUE_TABLES.length * 3);
  });

  test('docs/data-model.md is what `npm run docs:schema` writes now', async () => {
    const expected = await generateSchemaDocs();
    assert.ok(
      fs.readFileSync(DATA_MODEL_PATH, 'utf8') === expected,
      'docs/data-model.md is out of date: run `npm run docs:schema`',
    );
    // The same page, read from this test's own database (PostgreSQL on the second run).
    assert.equal(renderSchemaDocs(tables), expected);
  });

  test('src/platform/db/schema.ts is what `npm run db:types` writes now', async () => {
    const expected = await generateDbTypes();
    assert.ok(
      fs.readFileSync(SCHEMA_TS_PATH, 'utf8') === expected,
      'src/platform/db/schema.ts is out of date: run `npm run db:types`',
    );
    assert.equal(await renderDbTypes(tables), expected);
  });
});

describe(`database integrity (${DB_KIND})`, () => {
  let testDb: TestDatabase;
  let db: Kysely<any>;
  const ids: Record<string, string> = {};
  const BSN = '111222333'; // passes the 11-proef

  /** Runs a statement as the owner (no row-level security) and returns the id it made, if any. */
  async function insert(statement: ReturnType<typeof sql>): Promise<string> {
    const result = await statement.execute(db);
    return (result.rows[0] as { id?: string } | undefined)?.id ?? '';
  }

  async function refused(
    statement: ReturnType<typeof sql>,
    code: string,
    constraint?: RegExp,
  ): Promise<void> {
    await assert.rejects(
      statement.execute(db),
      (error: { code?: string; constraint?: string; message: string }) => {
        assert.equal(error.code, code, error.message);
        if (constraint) assert.match(error.constraint ?? error.message, constraint);
        return true;
      },
    );
  }

  before(async () => {
    testDb = await createTestDatabase();
    await migrate(testDb.database);
    db = testDb.database.db;
    await sql`INSERT INTO municipality (code, name) VALUES ('GM0164', 'Hengelo'), ('GM0153', 'Enschede')
      ON CONFLICT DO NOTHING`.execute(db);
    await sql`INSERT INTO cbs_area (code, kind, name, gemeente_code, wijk_code, edition) VALUES
      ('GM0164', 'gemeente', 'Hengelo', 'GM0164', NULL, 2024),
      ('WK016401', 'wijk', 'Wijk 01', 'GM0164', NULL, 2024),
      ('BU01640101', 'buurt', 'Buurt 01', 'GM0164', 'WK016401', 2024),
      ('GM0153', 'gemeente', 'Enschede', 'GM0153', NULL, 2024),
      ('WK015301', 'wijk', 'Wijk 01', 'GM0153', NULL, 2024),
      ('BU01530101', 'buurt', 'Buurt 01', 'GM0153', 'WK015301', 2024)
      ON CONFLICT DO NOTHING`.execute(db);
    const square = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [6.79, 52.26],
          [6.8, 52.26],
          [6.8, 52.27],
          [6.79, 52.26],
        ],
      ],
    });
    for (const [gm, wk, bu] of [
      ['GM0164', 'WK016401', 'BU01640101'],
      ['GM0153', 'WK015301', 'BU01530101'],
    ] as const) {
      await sql`INSERT INTO wijk (municipality_code, code, name, geometry)
        VALUES (${gm}, ${wk}, 'Wijk 01', ${square}::jsonb)`.execute(db);
      await sql`INSERT INTO buurt (municipality_code, code, wijk_code, name, geometry)
        VALUES (${gm}, ${bu}, ${wk}, 'Buurt 01', ${square}::jsonb)`.execute(db);
    }
    ids.address =
      await insert(sql`INSERT INTO address (municipality_code, street, house_number, postcode, city, buurt_code)
      VALUES ('GM0164', 'Marktstraat', 1, '7551AB', 'Hengelo', 'BU01640101') RETURNING id`);
    ids.person =
      await insert(sql`INSERT INTO person (municipality_code, bsn, given_names, family_name, birth_date)
      VALUES ('GM0164', ${BSN}, 'Anna', 'Jansen', '1960-03-01') RETURNING id`);
    ids.provider = await insert(sql`INSERT INTO provider (municipality_code, name, agb_code)
      VALUES ('GM0164', 'Zorg BV', '12345678') RETURNING id`);
    ids.service =
      await insert(sql`INSERT INTO service (municipality_code, code, name, kind, delivery, law_code,
        product_category_code, product_code, unit_code, frequency_code, funding_variant)
      VALUES ('GM0164', 'BG-IND', 'Begeleiding individueel', 'maatwerk', 'individueel', 'wmo', '02', '02A01', '04',
        '2', 'inspanningsgericht') RETURNING id`);
    ids.contract = await insert(sql`INSERT INTO contract (municipality_code, provider_id, reference, lot,
        funding_variant, valid_from)
      VALUES ('GM0164', ${ids.provider}, 'C-2025-1', 'Begeleiding', 'inspanningsgericht', '2025-01-01') RETURNING id`);
    ids.beschikking =
      await insert(sql`INSERT INTO beschikking (municipality_code, reference, person_id, law_code,
        decided_on, outcome, legal_grounds, objection_deadline)
      VALUES ('GM0164', 'BS-2025-000001', ${ids.person}, 'wmo', '2025-01-10', 'toegekend', 'Art. 2.3.5 Wmo 2015',
        '2025-02-21') RETURNING id`);
    ids.product =
      await insert(sql`INSERT INTO beschikking_product (municipality_code, beschikking_id, service_id,
        outcome, start_date, end_date, volume, unit_code, frequency_code)
      VALUES ('GM0164', ${ids.beschikking}, ${ids.service}, 'toegekend', '2025-02-01', '2025-12-31', 3, '04', '2')
      RETURNING id`);
    ids.toewijzing = await insert(toewijzing(1, '2025-02-01', '2025-12-31'));
    ids.declaration =
      await insert(sql`INSERT INTO declaration (municipality_code, provider_id, declaration_number,
        law_code, period_start, period_end, submitted_at, total_cents, status)
      VALUES ('GM0164', ${ids.provider}, 'D-1', 'wmo', '2025-02-01', '2025-02-28', now(), 25000, 'ingediend')
      RETURNING id`);
  });
  after(() => testDb.close());

  function toewijzing(number: number, start: string, end: string) {
    return sql`INSERT INTO toewijzing (municipality_code, toewijzing_number, beschikking_product_id, person_id,
        provider_id, contract_id, service_id, law_code, product_category_code, product_code, start_date, end_date,
        volume, unit_code, frequency_code, commitment_cents, status)
      VALUES ('GM0164', ${number}, ${ids.product}, ${ids.person}, ${ids.provider}, ${ids.contract}, ${ids.service},
        'wmo', '02', '02A01', ${start}, ${end}, 3, '04', '2', 150000, 'actief') RETURNING id`;
  }

  function declarationLine(amountCents: number) {
    return sql`INSERT INTO declaration_line (municipality_code, declaration_id, toewijzing_id, period_start,
        period_end, volume, unit_code, tariff_cents, amount_cents, status)
      VALUES ('GM0164', ${ids.declaration}, ${ids.toewijzing}, '2025-02-01', '2025-02-28', 4, '04', 6250,
        ${amountCents}, 'geaccepteerd')`;
  }

  test('the valid rows of the set-up were accepted', () => {
    for (const name of ['address', 'person', 'provider', 'service', 'contract', 'beschikking', 'product']) {
      assert.match(ids[name]!, /^[0-9a-f-]{36}$/, name);
    }
    assert.ok(ids.toewijzing && ids.declaration);
  });

  test('a period that ends before it starts is refused', async () => {
    await refused(toewijzing(2, '2025-12-31', '2025-02-01'), '23514', /toewijzing/);
    await refused(
      sql`INSERT INTO household (municipality_code, address_id, formed_on, dissolved_on)
        VALUES ('GM0164', ${ids.address}, '2025-05-01', '2025-04-30')`,
      '23514',
      /household/,
    );
    assert.ok(await insert(toewijzing(2, '2025-02-01', '2025-02-01')), 'a one-day period is fine');
  });

  test('a BSN that fails the 11-proef is refused', async () => {
    for (const bsn of ['123456789', '111222334', '000000000', '12345678', '11122233a']) {
      await refused(
        sql`INSERT INTO person (municipality_code, bsn, given_names, family_name, birth_date)
          VALUES ('GM0153', ${bsn}, 'Piet', 'Pietersen', '1980-01-01')`,
        '23514',
        /person/,
      );
    }
  });

  test('a negative amount is refused', async () => {
    await refused(declarationLine(-1), '23514', /declaration_line/);
    await refused(
      sql`INSERT INTO contract_payment (municipality_code, contract_id, period_start, period_end, amount_cents)
        VALUES ('GM0164', ${ids.contract}, '2025-01-01', '2025-01-31', -100)`,
      '23514',
      /contract_payment/,
    );
    await declarationLine(25000).execute(db);
  });

  test("a row cannot point at another municipality's row (composite foreign keys)", async () => {
    // An Enschede household at a Hengelo address, an Enschede decision about a Hengelo resident.
    await refused(
      sql`INSERT INTO household (municipality_code, address_id, formed_on)
        VALUES ('GM0153', ${ids.address}, '2025-01-01')`,
      '23503',
      /household/,
    );
    await refused(
      sql`INSERT INTO beschikking (municipality_code, reference, person_id, law_code, decided_on, outcome,
          legal_grounds, objection_deadline)
        VALUES ('GM0153', 'BS-2025-000001', ${ids.person}, 'wmo', '2025-01-10', 'toegekend', 'Art. 2.3.5',
          '2025-02-21')`,
      '23503',
      /beschikking/,
    );
    await refused(
      sql`INSERT INTO buurt (municipality_code, code, wijk_code, name, geometry)
        VALUES ('GM0153', 'BU01640101', 'WK016401', 'Elders', '{"type": "Polygon", "coordinates": []}'::jsonb)`,
      '23503',
      /municipality_code_wijk_code/,
    );
  });

  test('a unique key is unique within a municipality, and free in another', async () => {
    const person = (gm: string) =>
      sql`INSERT INTO person (municipality_code, bsn, given_names, family_name, birth_date)
        VALUES (${gm}, ${BSN}, 'Anna', 'Jansen', '1960-03-01') RETURNING id`;
    await refused(person('GM0164'), '23505', /person/);
    assert.ok(await insert(person('GM0153')), 'the same BSN is another resident in Enschede');
    await refused(
      sql`INSERT INTO provider (municipality_code, name, agb_code) VALUES ('GM0164', 'Andere BV', '12345678')`,
      '23505',
      /provider/,
    );
    await sql`INSERT INTO provider (municipality_code, name, agb_code) VALUES ('GM0153', 'Zorg BV', '12345678')`.execute(
      db,
    );
  });
});
