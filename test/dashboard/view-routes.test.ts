import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadRawView } from '../../src/dashboard/dashboard-service.ts';
import { DASHBOARD_VIEWS, FIGURE_DEFINITIONS } from '../../src/dashboard/registry.ts';
import { generateMunicipality } from '../../src/generator/generate.ts';
import type { SuppressedTable } from '../../src/dashboard/view-model.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { attack } from './suppression-attacker.ts';

const BASE = '/api/v1/dashboard';

describe('dashboard view routes', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
    // Real figures behind the views: a small generated Hengelo (ends with a full refresh).
    await generateMunicipality(app.database, {
      municipality: 'GM0164',
      inhabitants: 2_500,
      years: 2,
      seed: 5,
      until: '2025-12',
    });
  });
  after(() => app.close());

  const problemOf = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    return response.json() as { code: string; invalidParams?: { name: string; nl: string; en: string }[] };
  };

  test('who may read: steering readers yes, providers and residents no, nobody without a session', async () => {
    assert.equal((await app.anonymous().get(`${BASE}/views`)).statusCode, 401);
    for (const role of ['aanbieder', 'inwoner'] as const) {
      const client = await app.login(role);
      assert.equal((await client.get(`${BASE}/views`)).statusCode, 403, role);
      assert.equal((await client.get(`${BASE}/views/volumes`)).statusCode, 403, role);
      assert.equal((await client.get(`${BASE}/filter-options`)).statusCode, 403, role);
    }
    for (const role of ['beleidsadviseur', 'toegang-medewerker', 'functioneel-beheerder'] as const) {
      const client = await app.login(role);
      const list = await client.get(`${BASE}/views`);
      assert.equal(list.statusCode, 200, role);
      assert.deepEqual(
        (list.json() as { items: { code: string }[] }).items.map((v) => v.code),
        DASHBOARD_VIEWS.map((v) => v.code),
      );
    }
  });

  test('an unknown view is a 404 problem', async () => {
    const client = await app.login('beleidsadviseur');
    const response = await client.get(`${BASE}/views/no-such-view`);
    assert.equal(response.statusCode, 404);
    assert.equal(problemOf(response).code, 'not-found');
  });

  test('bad filters are a 400 problem naming the field, in Dutch and English', async () => {
    const client = await app.login('beleidsadviseur');
    const options = (await client.get(`${BASE}/filter-options`)).json() as {
      wijken: { code: string }[];
      buurten: { code: string; wijkCode: string }[];
    };
    assert.ok(options.wijken.length >= 2, 'the demo municipality has wijken');
    const otherWijk = options.wijken.find((w) => w.code !== options.buurten[0]!.wijkCode)!.code;
    const cases: [string, string][] = [
      ['from=2024-13', 'from'],
      ['to=24-01', 'to'],
      ['from=2025-06&to=2025-01', 'to'],
      ['law=bijstand', 'law'],
      ['wijk=WK999999', 'wijk'],
      ['buurt=BU99999999', 'buurt'],
      [`wijk=${otherWijk}&buurt=${options.buurten[0]!.code}`, 'buurt'],
      ['service=00000000-0000-4000-8000-000000000000', 'service'],
      ['provider=00000000-0000-4000-8000-000000000000', 'provider'],
      ['provider=not-a-uuid', 'provider'],
      ['ageGroup=12-15', 'ageGroup'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const response = await client.get(`${BASE}/views/volumes?${query}`);
      assert.equal(response.statusCode, 400, query);
      const body = problemOf(response);
      const names = (body.invalidParams ?? []).map((p) => p.name);
      assert.ok(
        names.some((n) => n === field || n.endsWith(`.${field}`) || n.endsWith(field)),
        `${query}: ${names.join(', ')}`,
      );
      assert.ok(body.invalidParams!.every((p) => p.nl && p.en));
    }
  });

  test('defaults: the latest year with data; a buurt brings its wijk', async () => {
    const client = await app.login('beleidsadviseur');
    const options = (await client.get(`${BASE}/filter-options`)).json() as {
      period: { defaultFrom: string; defaultTo: string };
      buurten: { code: string; wijkCode: string }[];
    };
    const view = (await client.get(`${BASE}/views/volumes`)).json() as {
      filters: { from: string; to: string };
    };
    assert.equal(view.filters.from, options.period.defaultFrom);
    assert.equal(view.filters.to, options.period.defaultTo);
    assert.match(view.filters.from, /^\d{4}-01$/);
    const buurt = options.buurten[0]!;
    const drilled = (await client.get(`${BASE}/views/volumes?buurt=${buurt.code}`)).json() as {
      filters: { wijk?: string; buurt?: string };
    };
    assert.deepEqual([drilled.filters.wijk, drilled.filters.buurt], [buurt.wijkCode, buurt.code]);
  });

  test('definitions: the list and one; an unknown one is a 404', async () => {
    const client = await app.login('regisseur');
    const list = await client.get(`${BASE}/definitions`);
    assert.equal(list.statusCode, 200);
    assert.equal((list.json() as { items: unknown[] }).items.length, FIGURE_DEFINITIONS.length);
    if (FIGURE_DEFINITIONS[0]) {
      const one = await client.get(`${BASE}/definitions/${FIGURE_DEFINITIONS[0].code}`);
      assert.equal(one.statusCode, 200);
      assert.equal((one.json() as { code: string }).code, FIGURE_DEFINITIONS[0].code);
    }
    assert.equal((await client.get(`${BASE}/definitions/no-such-figure`)).statusCode, 404);
    assert.equal((await client.get(`${BASE}/definitions/bad%20code!`)).statusCode, 400);
    assert.equal((await client.get(`${BASE}/definitions?x=1`)).statusCode, 400);
  });

  test('a data change raises the data version, so the cached answer is not reused', async () => {
    const client = await app.login('beleidsadviseur');
    const first = (await client.get(`${BASE}/views/volumes`)).json() as { dataVersion: number };
    const again = (await client.get(`${BASE}/views/volumes`)).json() as { dataVersion: number };
    assert.equal(again.dataVersion, first.dataVersion, 'no change: same version');
    await sql`UPDATE person SET updated_at = now()
              WHERE municipality_code = 'GM0164' AND id = (SELECT id FROM person WHERE municipality_code = 'GM0164' LIMIT 1)`.execute(
      app.database.db,
    );
    const after = (await client.get(`${BASE}/views/volumes`)).json() as {
      dataVersion: number;
      refreshedAt: string;
    };
    assert.equal(after.dataVersion, first.dataVersion + 1);
    assert.ok(after.refreshedAt);
  });

  test('every view answers, and no suppressed table gives a small count away', async () => {
    const client = await app.login('beleidsadviseur');
    let shownNumbers = 0;
    for (const view of DASHBOARD_VIEWS) {
      for (const query of ['', 'law=wmo', 'law=jeugdwet&ageGroup=0-17']) {
        const response = await client.get(`${BASE}/views/${view.code}?${query}`);
        assert.equal(response.statusCode, 200, `${view.code}?${query}: ${response.body.slice(0, 300)}`);
        const body = response.json() as {
          filters: Record<string, string>;
          suppression: { threshold: number };
          tables: SuppressedTable[];
        };
        const raw = await loadRawView(app.database, 'GM0164', view.code, body.filters);
        assert.equal(raw.data.tables.length, body.tables.length);
        shownNumbers += body.tables.reduce(
          (n, t) =>
            n +
            t.rows.filter((r) => Object.values(r.values).some((v) => typeof v === 'number' && v > 0)).length,
          0,
        );
        raw.data.tables.forEach((table, i) => {
          assert.deepEqual(
            attack(table, body.tables[i]!, body.suppression.threshold),
            [],
            `${view.code} ${table.code}`,
          );
        });
      }
    }
    assert.ok(shownNumbers > 0, 'the views show figures for the generated data');
  });

  test('settings: read by readers, changed only by the functioneel beheerder with If-Match, 5..100', async () => {
    const reader = await app.login('beleidsadviseur');
    const admin = await app.login('functioneel-beheerder');
    const read = await reader.get(`${BASE}/settings`);
    assert.equal(read.statusCode, 200);
    const settings = read.json() as { suppressionThreshold: number; version: number };
    assert.equal(settings.suppressionThreshold, 10);
    assert.equal(read.headers.etag, `"${settings.version}"`);
    const put = (client: typeof admin, body: unknown, ifMatch?: string) =>
      client.request('PUT', `${BASE}/settings`, {
        body,
        headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
      });
    assert.equal((await put(reader, { suppressionThreshold: 15 }, `"${settings.version}"`)).statusCode, 403);
    assert.equal((await put(admin, { suppressionThreshold: 15 })).statusCode, 428);
    assert.equal(
      (await put(admin, { suppressionThreshold: 15 }, `"${settings.version + 7}"`)).statusCode,
      412,
    );
    for (const bad of [
      { suppressionThreshold: 4 },
      { suppressionThreshold: 101 },
      { suppressionThreshold: 7.5 },
      {},
      { suppressionThreshold: 10, x: 1 },
    ]) {
      const response = await put(admin, bad, `"${settings.version}"`);
      assert.equal(response.statusCode, 400, JSON.stringify(bad));
      assert.ok(problemOf(response).invalidParams?.length);
    }
    const before = (await reader.get(`${BASE}/views/volumes`)).json() as {
      suppression: { threshold: number; rule: { nl: string } };
      tables: SuppressedTable[];
    };
    assert.equal(before.suppression.threshold, 10);
    const changed = await put(admin, { suppressionThreshold: 20 }, `"${settings.version}"`);
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((changed.json() as { suppressionThreshold: number }).suppressionThreshold, 20);
    const after = (await reader.get(`${BASE}/views/volumes`)).json() as {
      suppression: { threshold: number; rule: { nl: string } };
      tables: SuppressedTable[];
    };
    assert.equal(after.suppression.threshold, 20);
    assert.match(after.suppression.rule.nl, /"<20"/);
    // A count between the old and the new threshold is now hidden.
    for (const table of after.tables) {
      for (const row of table.rows) {
        for (const m of table.measures.filter((x) => x.kind === 'persons' || x.kind === 'households')) {
          const v = row.values[m.code];
          assert.ok(
            typeof v !== 'number' || v === 0 || v >= 20,
            `${table.code} ${row.key} ${m.code} ${String(v)}`,
          );
        }
      }
    }
    const between = before.tables.some((t) =>
      t.rows.some((r) => Object.values(r.values).some((v) => typeof v === 'number' && v >= 10 && v < 20)),
    );
    if (between) assert.notDeepEqual(after.tables, before.tables, 'a higher threshold hides more');
    const other = await app.login('beleidsadviseur', 'GM0153');
    const elsewhere = (await other.get(`${BASE}/settings`)).json() as { suppressionThreshold: number };
    assert.equal(elsewhere.suppressionThreshold, 10, 'the other municipality keeps its own threshold');
    const restore = await put(admin, { suppressionThreshold: 10 }, `"${settings.version + 1}"`);
    assert.equal(restore.statusCode, 200);
  });
});
