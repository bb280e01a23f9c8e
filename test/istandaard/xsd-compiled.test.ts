import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { allocationMessageType, detectMessageType } from '../../src/istandaard/message-types.ts';
import { buildAllocationMessage } from '../../src/istandaard/allocation-export.ts';
import { declarationMessage, startMessage, stopMessage } from '../../src/istandaard/provider-messages.ts';
import { readMessage, XmlReadError } from '../../src/istandaard/xml-reader.ts';
import { standardsDir, validateMessage } from '../../src/istandaard/xsd-validation.ts';
import { example, standardsSkip } from './fixtures.ts';

/**
 * The validator compiled from the XSDs (used for large messages) against xmllint-wasm: the same verdict,
 * and for an invalid message the same first line and element, on every example of the standards
 * (including the broken JW315 and JW318) and on generated messages broken in many ways. Also the
 * reader's refusals. No database.
 */

async function both(xml: string) {
  const type = detectMessageType(xml)!;
  const [lint, compiled] = await Promise.all([
    validateMessage(type, xml, 'xmllint'),
    validateMessage(type, xml, 'compiled'),
  ]);
  return { lint, compiled };
}

const header = {
  standard: 'iwmo' as const,
  providerAgb: '65656055',
  municipalityNumber: '0164',
  identification: 'A1',
  datedOn: '2026-05-02',
};
const client = { bsn: '999900006', birthDate: '1950-01-01', sex: '1', familyName: 'Wit', initials: 'T' };
const line = {
  bsn: '999900006',
  reference: 'R1',
  toewijzingNumber: 7,
  category: '01',
  code: '01A01',
  periodStart: '2026-04-01',
  periodEnd: '2026-04-30',
  volume: 4,
  unitCode: '04',
  tariffCents: 1250,
  amountCents: 5000,
};
const declaration = declarationMessage(
  header,
  { number: 'D1', periodStart: '2026-04-01', periodEnd: '2026-04-30' },
  [line, { ...line, reference: 'R2' }],
);
const start = startMessage(header, client, [
  {
    toewijzingNumber: 7,
    category: '01',
    code: '01A01',
    allocationStartDate: '2026-01-01',
    startDate: '2026-01-02',
  },
]);
const stop = stopMessage(header, client, [
  {
    toewijzingNumber: 7,
    category: '01',
    code: '01A01',
    allocationStartDate: '2026-01-01',
    startDate: '2026-01-02',
    endDate: '2026-02-01',
    endReasonCode: '19',
  },
]);
const allocation = buildAllocationMessage({
  type: allocationMessageType('jeugdwet')!,
  municipalityNumber: '0164',
  providerAgb: '65656055',
  identification: '17',
  datedOn: '2026-05-02',
  client: {
    bsn: '999900006',
    birthDate: '2012-01-01',
    sex: '2',
    givenNames: 'Anna',
    familyNamePrefix: null,
    familyName: 'Berg',
    address: null,
  },
  products: [
    {
      toewijzingNumber: 7,
      productCategoryCode: '45',
      productCode: '45A01',
      allocatedOn: '2026-01-01',
      allocatedAt: '10:11:12',
      startDate: '2026-01-01',
      endDate: null,
      changeReasonCode: null,
      volume: 3,
      unitCode: '04',
      frequencyCode: '2',
      budgetCents: null,
    },
  ],
});

const MUTATIONS: [string, string, (xml: string) => string][] = [
  [
    'a day that does not exist',
    'declaration',
    (x) => x.replace('2026-04-30</iwmo:Einddatum>', '2026-04-31</iwmo:Einddatum>'),
  ],
  ['29 February of a leap year is fine', 'declaration', (x) => x.replaceAll('2026-04-30', '2028-02-29')],
  [
    'an enumeration value not in the list',
    'declaration',
    (x) => x.replace('<wmo323:Eenheid>04<', '<wmo323:Eenheid>05<'),
  ],
  ['a pattern: BSN of 8 digits', 'start', (x) => x.replace('999900006', '99990000')],
  [
    'an integer that is not one',
    'declaration',
    (x) => x.replace('<wmo323:GeleverdVolume>4<', '<wmo323:GeleverdVolume>4.5<'),
  ],
  ['maxInclusive', 'declaration', (x) => x.replace('<iwmo:Bedrag>5000<', '<iwmo:Bedrag>100000000<')],
  ['maxLength', 'start', (x) => x.replace('<iwmo:Voorletters>T<', '<iwmo:Voorletters>ABCDEFG<')],
  ['a required element missing', 'start', (x) => x.replace(/<wmo305:Geslacht>1<\/wmo305:Geslacht>/, '')],
  [
    'elements out of order',
    'stop',
    (x) =>
      x.replace(
        /(<wmo307:RedenBeeindiging>19<\/wmo307:RedenBeeindiging>)(<wmo307:Einddatum>2026-02-01<\/wmo307:Einddatum>)/,
        '$2$1',
      ),
  ],
  [
    'an element twice that may occur once',
    'start',
    (x) =>
      x.replace(
        '<wmo305:Geslacht>1</wmo305:Geslacht>',
        '<wmo305:Geslacht>1</wmo305:Geslacht><wmo305:Geslacht>1</wmo305:Geslacht>',
      ),
  ],
  [
    'an unknown element',
    'declaration',
    (x) => x.replace('<wmo323:Eenheid>', '<wmo323:Extra>1</wmo323:Extra><wmo323:Eenheid>'),
  ],
  [
    'an element in the wrong namespace',
    'declaration',
    (x) => x.replace('<wmo323:Eenheid>04</wmo323:Eenheid>', '<iwmo:Eenheid>04</iwmo:Eenheid>'),
  ],
  ['text in element-only content', 'start', (x) => x.replace('<wmo305:Bsn>', 'tekst<wmo305:Bsn>')],
  [
    'an empty sequence',
    'declaration',
    (x) => x.replace(/<wmo323:Clienten>[\s\S]*<\/wmo323:Clienten>/, '<wmo323:Clienten></wmo323:Clienten>'),
  ],
  [
    'whitespace around an integer is fine',
    'declaration',
    (x) => x.replace('<wmo323:GeleverdVolume>4<', '<wmo323:GeleverdVolume> 4 <'),
  ],
  ['a time that does not exist', 'allocation', (x) => x.replace('10:11:12', '25:11:12')],
  [
    'a wrong BerichtCode',
    'allocation',
    (x) => x.replace('<jw301:BerichtCode>436<', '<jw301:BerichtCode>414<'),
  ],
  ['an unescaped ampersand', 'start', (x) => x.replace('<iwmo:Achternaam>Wit<', '<iwmo:Achternaam>W&t<')],
  [
    'an escaped ampersand is fine',
    'start',
    (x) => x.replace('<iwmo:Achternaam>Wit<', '<iwmo:Achternaam>W&amp;t<'),
  ],
  ['a closing tag that does not match', 'stop', (x) => x.replace('</wmo307:Client>', '</wmo307:Klant>')],
  ['cut off', 'declaration', (x) => x.slice(0, x.length - 200)],
];

const sources: Record<string, string> = { declaration, start, stop, allocation };

describe('the compiled XSD validator agrees with xmllint', { skip: standardsSkip() }, () => {
  test('every example of the standards, with the same line and element for the broken ones', async () => {
    for (const standard of ['iwmo', 'ijw'] as const) {
      for (const file of readdirSync(path.join(standardsDir(), `${standard}-3.2`, 'examples'))) {
        const xml = example(standard, file.replace(/\.xml$/, ''));
        const { lint, compiled } = await both(xml);
        assert.equal(compiled.valid, lint.valid, `${file}: ${JSON.stringify(compiled.errors)}`);
        if (!lint.valid) {
          assert.equal(compiled.errors[0]!.line, lint.errors[0]!.line, file);
          assert.equal(compiled.errors[0]!.element, lint.errors[0]!.element, file);
        }
      }
    }
  });

  test('the generated messages are valid for both', async () => {
    for (const [name, xml] of Object.entries(sources)) {
      const { lint, compiled } = await both(xml);
      assert.equal(lint.valid, true, `${name}: ${JSON.stringify(lint.errors)}`);
      assert.equal(compiled.valid, true, `${name}: ${JSON.stringify(compiled.errors)}`);
    }
  });

  for (const [what, source, mutate] of MUTATIONS) {
    test(`${what}: the same verdict`, async () => {
      const xml = mutate(sources[source]!);
      assert.notEqual(xml, sources[source], 'the mutation changed the message');
      const { lint, compiled } = await both(xml);
      assert.equal(
        compiled.valid,
        lint.valid,
        `xmllint: ${JSON.stringify(lint.errors[0])} compiled: ${JSON.stringify(compiled.errors[0])}`,
      );
      if (!lint.valid) {
        assert.equal(
          compiled.errors[0]!.malformed,
          lint.errors[0]!.malformed,
          JSON.stringify([lint.errors[0], compiled.errors[0]]),
        );
        if (!lint.errors[0]!.malformed) {
          assert.equal(
            compiled.errors[0]!.element,
            lint.errors[0]!.element,
            JSON.stringify([lint.errors[0], compiled.errors[0]]),
          );
        }
      }
    });
  }
});

describe('the message reader', () => {
  test('reads leaves by path and records with their context; decodes entities and CDATA', () => {
    const read = readMessage(
      declaration.replace('<wmo323:ProductCode>01A01<', '<wmo323:ProductCode><![CDATA[01A01]]><'),
      new Set(['Prestatie']),
    );
    assert.equal(read.fields.get('Header/Afzender'), '65656055');
    assert.equal(read.records.length, 2);
    assert.equal(read.records[0]!.fields.ProductCode, '01A01');
    assert.equal(read.records[1]!.fields['ProductPeriode/Einddatum'], '2026-04-30');
    assert.equal(read.records[1]!.context['Declaratie/Clienten/Client/Bsn'], '999900006');
    const amp = readMessage(
      start.replace('<iwmo:Achternaam>Wit<', '<iwmo:Achternaam>W&amp;t&#233;<'),
      new Set(),
    );
    assert.equal(amp.fields.get('Client/Naam/Geslachtsnaam/Achternaam'), 'W&té');
  });

  test('refuses a DOCTYPE and unknown entities', () => {
    assert.throws(() => readMessage('<!DOCTYPE x [<!ENTITY a "b">]><a>&a;</a>', new Set()), XmlReadError);
    assert.throws(() => readMessage('<a>&nope;</a>', new Set()), XmlReadError);
  });
});
