import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { standardsDir } from '../../src/istandaard/xsd-validation.ts';
import type { DB } from '../../src/platform/db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  addAllocation,
  addPerson,
  addProvider,
  contractProduct,
  example,
  municipalityWithManager,
  sendMessage,
  standardsSkip,
} from './fixtures.ts';

/**
 * Every example message of ../shared/standards through the import. The broken ones (JW315 with
 * 2027-06-31, JW318 with an element out of order) are refused by the XSD with their line and element;
 * the other valid messages that are not 305/307/323 are refused as not received here; the 305, 307 and
 * 323 examples are booked against allocations set up to match them (the examples are addressed to
 * municipalities 0363 and 0384 and sent by provider 65656055), each line accepted or rejected for a
 * stated reason.
 */

const SENDER = '65656055';
const ANNA = '999900006';
const SEM = '999900018';

type Outcome = { code: string; check: string | null; status: string };
const codes = (response: { json(): { lines: Outcome[] } }) =>
  response.json().lines.map((l) => `${l.code}${l.check ? `:${l.check}` : ''}`);

async function people(db: Kysely<DB>, m: string) {
  return {
    anna: await addPerson(db, m, ANNA, { given: 'Tim', prefix: 'de', family: 'Wit' }),
    sem: await addPerson(db, m, SEM, { given: 'Sem', family: 'Bos' }),
  };
}

describe('the example messages of the standards through the import', { skip: standardsSkip() }, () => {
  describe('iWmo 3.2 examples, and every message that is not booked', () => {
    let grip: TestApp;
    let amsterdam: Client;
    let gemeente384: Client;

    before(async () => {
      grip = await createTestApp();
      const db = grip.database.db;
      amsterdam = await municipalityWithManager(grip, 'GM0363', 'Amsterdam');
      gemeente384 = await municipalityWithManager(grip, 'GM0384', 'Gemeente 0384');
      // 0363: the start (305) and stop (307) of 300201 and 300202, allocated from 2025-04-01.
      {
        const m = 'GM0363';
        const provider = await addProvider(db, m, SENDER);
        const { anna } = await people(db, m);
        for (const [n, code] of [
          [300201, '01A11'],
          [300202, '01A12'],
        ] as const) {
          const service = await contractProduct(db, m, provider, {
            law: 'wmo',
            category: '01',
            code,
            unit: '04',
            tariffCents: 1250,
          });
          await addAllocation(db, m, {
            number: n,
            personId: anna,
            provider,
            serviceId: service,
            law: 'wmo',
            category: '01',
            code,
            startDate: '2025-04-01',
          });
        }
      }
      // 0384: the declaration of April 2023 on 20072, 200730, 20074 and 20073.
      {
        const m = 'GM0384';
        const provider = await addProvider(db, m, SENDER);
        const { anna, sem } = await people(db, m);
        const a03 = await contractProduct(db, m, provider, {
          law: 'wmo',
          category: '01',
          code: '01A03',
          unit: '04',
          tariffCents: 1250,
        });
        const a04 = await contractProduct(db, m, provider, {
          law: 'wmo',
          category: '01',
          code: '01A04',
          unit: '04',
          tariffCents: 1500,
        });
        const base = {
          provider,
          law: 'wmo' as const,
          category: '01',
          startDate: '2023-01-01',
          deliveryStart: '2023-01-02',
        };
        await addAllocation(db, m, {
          ...base,
          number: 20072,
          personId: anna,
          serviceId: a03,
          code: '01A03',
          volume: 2,
        });
        await addAllocation(db, m, {
          ...base,
          number: 20074,
          personId: sem,
          serviceId: a03,
          code: '01A03',
          volume: 2,
        });
        // 3 hours a week allows 13 in April; the example declares 16.
        await addAllocation(db, m, {
          ...base,
          number: 20073,
          personId: sem,
          serviceId: a04,
          code: '01A04',
          volume: 3,
        });
        // 200730 is not allocated.
      }
    });
    after(() => grip.close());

    test('WMO305: both starts booked; WMO307: one stop booked, one names a start that was never reported', async () => {
      const start = await sendMessage(amsterdam, example('iwmo', 'WMO305'));
      assert.equal(start.statusCode, 201, start.body);
      assert.deepEqual(codes(start), ['0200', '0200']);
      const stop = await sendMessage(amsterdam, example('iwmo', 'WMO307'));
      assert.equal(stop.statusCode, 201, stop.body);
      // 300202 started on 2025-04-04 (305); the 307 stops a delivery "begun 2025-04-15".
      assert.deepEqual(codes(stop), ['0200', '9069:no-start']);
      const again = await sendMessage(amsterdam, example('iwmo', 'WMO307'));
      assert.equal(again.statusCode, 409, 'the same message twice');
    });

    test('WMO323: two lines accepted, one on an allocation that does not exist, one beyond the allocated volume', async () => {
      const response = await sendMessage(gemeente384, example('iwmo', 'WMO323'));
      assert.equal(response.statusCode, 201, response.body);
      assert.deepEqual(codes(response), ['0200', '9338:unknown-allocation', '0200', '9321:volume']);
      const body = response.json();
      assert.equal(body.accepted, 2);
      assert.equal(body.rejected, 2);
    });

    test('the broken examples are refused by the XSD with line and element', async () => {
      const jw315 = await sendMessage(amsterdam, example('ijw', 'JW315'));
      assert.equal(jw315.statusCode, 400, jw315.body);
      assert.equal(jw315.json().code, 'xml-schema-invalid');
      assert.match(
        jw315.json().detail,
        /line 44, element ToewijzingEinddatum|regel 44, element ToewijzingEinddatum/,
      );
      assert.match(jw315.json().nl.detail, /2027-06-31/);
      assert.deepEqual(
        jw315.json().invalidParams.map((p: { name: string }) => p.name),
        ['line 44 (ToewijzingEinddatum)', 'line 66 (ToewijzingEinddatum)'],
      );
      const jw318 = await sendMessage(amsterdam, example('ijw', 'JW318'));
      assert.equal(jw318.statusCode, 400, jw318.body);
      assert.equal(jw318.json().invalidParams[0].name, 'line 33 (RetourCode)');
      assert.match(jw318.json().en.detail, /RetourCode.*not expected/);
    });

    test('valid messages that are not 305, 307 or 323 are refused as not received here', async () => {
      const booked = new Set(['WMO305', 'WMO307', 'WMO323', 'JW305', 'JW307', 'JW323', 'JW315', 'JW318']);
      const seen: string[] = [];
      for (const standard of ['iwmo', 'ijw'] as const) {
        const dir = path.join(standardsDir(), `${standard}-3.2`, 'examples');
        for (const file of readdirSync(dir).sort()) {
          const code = file.replace(/\.xml$/, '');
          if (booked.has(code)) continue;
          const response = await sendMessage(amsterdam, example(standard, code));
          assert.equal(response.statusCode, 422, `${code}: ${response.body}`);
          assert.equal(response.json().code, 'message-not-accepted', code);
          seen.push(code);
        }
      }
      assert.ok(seen.includes('WMO301') && seen.includes('JW325'), seen.join(' '));
      assert.equal(seen.length, 13);
    });
  });

  describe('iJw 3.2 examples', () => {
    let grip: TestApp;
    let amsterdam: Client;
    let gemeente384: Client;

    before(async () => {
      grip = await createTestApp();
      const db = grip.database.db;
      amsterdam = await municipalityWithManager(grip, 'GM0363', 'Amsterdam');
      gemeente384 = await municipalityWithManager(grip, 'GM0384', 'Gemeente 0384');
      {
        const m = 'GM0363';
        const provider = await addProvider(db, m, SENDER);
        const { anna } = await people(db, m);
        for (const [n, code] of [
          [300201, '55A11'],
          [300202, '55A12'],
        ] as const) {
          const service = await contractProduct(db, m, provider, {
            law: 'jeugdwet',
            category: '55',
            code,
            unit: '04',
            tariffCents: 9000,
          });
          await addAllocation(db, m, {
            number: n,
            personId: anna,
            provider,
            serviceId: service,
            law: 'jeugdwet',
            category: '55',
            code,
            startDate: '2026-04-01',
            endDate: '2026-12-31',
          });
        }
      }
      {
        const m = 'GM0384';
        const provider = await addProvider(db, m, SENDER);
        const { anna, sem } = await people(db, m);
        const a03 = await contractProduct(db, m, provider, {
          law: 'jeugdwet',
          category: '45',
          code: '45A03',
          unit: '04',
          tariffCents: 1250,
        });
        const a04 = await contractProduct(db, m, provider, {
          law: 'jeugdwet',
          category: '45',
          code: '45A04',
          unit: '04',
          tariffCents: 1500,
        });
        const base = {
          provider,
          law: 'jeugdwet' as const,
          category: '45',
          startDate: '2026-01-01',
          deliveryStart: '2026-01-05',
        };
        await addAllocation(db, m, {
          ...base,
          number: 10072,
          personId: anna,
          serviceId: a03,
          code: '45A03',
          volume: 2,
        });
        await addAllocation(db, m, {
          ...base,
          number: 10073,
          personId: anna,
          serviceId: a04,
          code: '45A04',
          volume: 4,
        });
        await addAllocation(db, m, {
          ...base,
          number: 10074,
          personId: sem,
          serviceId: a03,
          code: '45A03',
          volume: 2,
        });
      }
    });
    after(() => grip.close());

    test('JW305 and JW307: both starts and both stops booked', async () => {
      const start = await sendMessage(amsterdam, example('ijw', 'JW305'));
      assert.equal(start.statusCode, 201, start.body);
      assert.deepEqual(codes(start), ['0200', '0200']);
      const stop = await sendMessage(amsterdam, example('ijw', 'JW307'));
      assert.equal(stop.statusCode, 201, stop.body);
      assert.deepEqual(codes(stop), ['0200', '0200']);
      const rows = await grip.database.db
        .selectFrom('care_delivery')
        .select(['start_date', 'stop_date', 'stop_reason_code'])
        .where('municipality_code', '=', 'GM0363')
        .orderBy('start_date')
        .execute();
      assert.deepEqual(rows, [
        { start_date: '2026-04-03', stop_date: '2026-07-17', stop_reason_code: '31' },
        { start_date: '2026-04-15', stop_date: '2026-07-17', stop_reason_code: '31' },
      ]);
    });

    test('JW323: Anna’s and Sem’s own lines accepted; 10073 declared again under Sem is not his', async () => {
      const response = await sendMessage(gemeente384, example('ijw', 'JW323'));
      assert.equal(response.statusCode, 201, response.body);
      assert.deepEqual(codes(response), ['0200', '0200', '0200', '8187:client', '8187:client']);
      const declaration = await grip.database.db
        .selectFrom('declaration')
        .select(['declaration_number', 'total_cents', 'law_code'])
        .where('municipality_code', '=', 'GM0384')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...declaration, total_cents: Number(declaration.total_cents) },
        {
          declaration_number: 'DN001',
          total_cents: 79000,
          law_code: 'jeugdwet',
        },
      );
    });
  });
});
