import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BREDE_INTAKE_DEFINITION } from '../../src/intake/broad-intake-definition.ts';
import {
  applicableQuestions,
  LIFE_DOMAIN_CODES,
  QuestionnaireDefinitionSchema,
  selfSufficiencyScores,
  validateAnswers,
  type QuestionnaireDefinition,
} from '../../src/intake/questionnaire-definition.ts';
import { decideTriage } from '../../src/intake/triage.ts';

/** The questionnaire definition, answer validation and the triage rules (pure, no database). */

const definition: QuestionnaireDefinition = {
  questions: [
    {
      id: 'hulpvraag',
      type: 'text',
      required: true,
      maxLength: 4000,
      label: { nl: 'Vraag', en: 'Question' },
    },
    {
      id: 'netwerk',
      type: 'choice',
      required: true,
      label: { nl: 'Netwerk', en: 'Network' },
      options: [
        { value: 'ja', label: { nl: 'Ja', en: 'Yes' } },
        { value: 'beperkt', label: { nl: 'Beperkt', en: 'Limited' } },
        { value: 'nee', label: { nl: 'Nee', en: 'No' } },
      ],
    },
    {
      id: 'mantelzorger',
      type: 'boolean',
      required: true,
      showIf: { question: 'netwerk', equals: ['ja', 'beperkt'] },
      label: { nl: 'Mantelzorg', en: 'Informal care' },
    },
    {
      id: 'belasting',
      type: 'number',
      min: 1,
      max: 10,
      integer: true,
      showIf: { question: 'mantelzorger', equals: [true] },
      label: { nl: 'Belasting', en: 'Burden' },
    },
    { id: 'sinds', type: 'date', label: { nl: 'Sinds', en: 'Since' } },
    {
      id: 'onderwerpen',
      type: 'multiChoice',
      label: { nl: 'Onderwerpen', en: 'Topics' },
      options: [
        { value: 'wonen', label: { nl: 'Wonen', en: 'Housing' } },
        { value: 'werk', label: { nl: 'Werk', en: 'Work' } },
      ],
    },
    {
      id: 'leefgebieden',
      type: 'selfSufficiency',
      required: true,
      domains: ['financien', 'huisvesting'],
      label: { nl: 'Leefgebieden', en: 'Life domains' },
    },
  ],
};

const complete = { complete: true };
const draft = { complete: false };
const codes = (errors: { name: string; code: string }[]) => errors.map((e) => `${e.name}:${e.code}`).sort();

describe('questionnaire definition', () => {
  test('the demo "Brede intake" is a valid definition with every life domain', () => {
    const parsed = QuestionnaireDefinitionSchema.safeParse(BREDE_INTAKE_DEFINITION);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    const leefgebieden = BREDE_INTAKE_DEFINITION.questions.find((q) => q.type === 'selfSufficiency');
    assert.deepEqual(leefgebieden && 'domains' in leefgebieden ? leefgebieden.domains : [], [
      ...LIFE_DOMAIN_CODES,
    ]);
    for (const q of BREDE_INTAKE_DEFINITION.questions) assert.ok(q.label.nl && q.label.en, q.id);
  });

  test('the schema refuses duplicate ids, forward or impossible showIf, unknown types and fields', () => {
    const bad = (questions: unknown[]) => QuestionnaireDefinitionSchema.safeParse({ questions }).success;
    const label = { nl: 'x', en: 'x' };
    assert.equal(
      bad([
        { id: 'a', type: 'text', label },
        { id: 'a', type: 'text', label },
      ]),
      false,
    );
    assert.equal(
      bad([
        { id: 'a', type: 'boolean', label, showIf: { question: 'b', equals: [true] } },
        { id: 'b', type: 'boolean', label },
      ]),
      false,
    );
    assert.equal(
      bad([
        { id: 'a', type: 'text', label },
        { id: 'b', type: 'text', label, showIf: { question: 'a', equals: ['x'] } },
      ]),
      false,
    );
    assert.equal(bad([{ id: 'a', type: 'tekst', label }]), false);
    assert.equal(bad([{ id: 'a', type: 'text', label, colour: 'red' }]), false);
    assert.equal(bad([{ id: 'A b', type: 'text', label }]), false);
    assert.equal(bad([]), false);
    assert.equal(bad([{ id: 'a', type: 'text', label }]), true);
  });

  test('valid answers pass, as a draft and complete', () => {
    const answers = {
      hulpvraag: 'Ik heb hulp nodig.',
      netwerk: 'ja',
      mantelzorger: true,
      belasting: 7,
      sinds: '2024-02-29',
      onderwerpen: ['wonen'],
      leefgebieden: { financien: 2, huisvesting: 4 },
    };
    assert.deepEqual(validateAnswers(definition, answers, complete), []);
    assert.deepEqual(validateAnswers(definition, { hulpvraag: 'x' }, draft), []);
    assert.deepEqual(selfSufficiencyScores(definition, answers), [
      { lifeDomainCode: 'financien', score: 2 },
      { lifeDomainCode: 'huisvesting', score: 4 },
    ]);
  });

  test('showIf: a question applies only when the earlier answer is one of the values, and chains', () => {
    const ids = (answers: Record<string, unknown>) =>
      applicableQuestions(definition, answers).map((q) => q.id);
    assert.ok(!ids({ netwerk: 'nee' }).includes('mantelzorger'));
    assert.ok(ids({ netwerk: 'beperkt' }).includes('mantelzorger'));
    assert.ok(!ids({ netwerk: 'beperkt', mantelzorger: false }).includes('belasting'));
    assert.ok(ids({ netwerk: 'ja', mantelzorger: true }).includes('belasting'));
    assert.ok(!ids({ netwerk: 'nee', mantelzorger: true }).includes('belasting'));
  });

  test('each kind of wrong answer gets its own bilingual error', () => {
    const errors = validateAnswers(
      definition,
      {
        onbekend: 'x',
        netwerk: 'nee',
        mantelzorger: true,
        hulpvraag: 'x'.repeat(4001),
        sinds: '2025-02-30',
        onderwerpen: ['wonen', 'wonen'],
        leefgebieden: { financien: 0, justitie: 3, huisvesting: 'goed' },
      },
      draft,
    );
    assert.deepEqual(codes(errors), [
      'answers.hulpvraag:too-big',
      'answers.leefgebieden.financien:too-small',
      'answers.leefgebieden.huisvesting:invalid-type',
      'answers.leefgebieden.justitie:unknown-field',
      'answers.mantelzorger:not-applicable',
      'answers.onbekend:unknown-question',
      'answers.onderwerpen:invalid-value',
      'answers.sinds:invalid-format',
    ]);
    for (const e of errors) assert.ok(e.reason.nl && e.reason.en && e.reason.nl !== e.reason.en, e.name);
    assert.deepEqual(codes(validateAnswers(definition, { netwerk: 'misschien' }, draft)), [
      'answers.netwerk:invalid-value',
    ]);
    assert.deepEqual(
      codes(validateAnswers(definition, { netwerk: 'ja', mantelzorger: true, belasting: 11 }, draft)),
      ['answers.belasting:too-big'],
    );
    assert.deepEqual(
      codes(validateAnswers(definition, { netwerk: 'ja', mantelzorger: true, belasting: 2.5 }, draft)),
      ['answers.belasting:invalid-type'],
    );
    assert.deepEqual(codes(validateAnswers(definition, { mantelzorger: 'ja' }, draft)), [
      'answers.mantelzorger:not-applicable',
    ]);
  });

  test('complete: required questions that apply, and every domain of a required self-sufficiency question', () => {
    assert.deepEqual(codes(validateAnswers(definition, {}, complete)), [
      'answers.hulpvraag:required',
      'answers.leefgebieden:required',
      'answers.netwerk:required',
    ]);
    assert.deepEqual(
      codes(
        validateAnswers(
          definition,
          { hulpvraag: '  ', netwerk: 'ja', leefgebieden: { financien: 3 } },
          complete,
        ),
      ),
      [
        'answers.hulpvraag:required',
        'answers.leefgebieden.huisvesting:required',
        'answers.mantelzorger:required',
      ],
    );
    // Not applicable, so not required.
    assert.deepEqual(
      validateAnswers(
        definition,
        { hulpvraag: 'x', netwerk: 'nee', leefgebieden: { financien: 3, huisvesting: 3 } },
        complete,
      ),
      [],
    );
  });
});

describe('triage rules', () => {
  const context = { today: '2025-06-02', hasPerson: true, personHadMelding: false };
  const codesOf = (result: ReturnType<typeof decideTriage>) => codes(result.errors);

  test('informatie-advies and a referral close the question; melding and urgent keep it open', () => {
    const info = decideTriage({ outcome: 'informatie-advies' }, context);
    assert.equal(info.effects?.closesQuestion, true);
    const referral = decideTriage(
      { outcome: 'verwijzing-algemene-voorziening', referredServiceId: 'svc' },
      { ...context, referredService: { kind: 'algemeen', active: true } },
    );
    assert.equal(referral.effects?.closesQuestion, true);
    assert.equal(referral.effects?.referredServiceId, 'svc');
    const melding = decideTriage(
      { outcome: 'melding', lawCode: 'wmo', homeVisitDate: '2025-06-05' },
      context,
    );
    assert.deepEqual(melding.effects, {
      closesQuestion: false,
      melding: { lawCode: 'wmo' },
      urgentReason: null,
      referredServiceId: null,
      homeVisitPlannedOn: '2025-06-05',
    });
    const urgent = decideTriage({ outcome: 'urgent', urgentReason: 'dakloosheid' }, context);
    assert.equal(urgent.effects?.urgentReason, 'dakloosheid');
    assert.equal(urgent.effects?.closesQuestion, false);
  });

  test('what each outcome needs, and fields that do not belong', () => {
    assert.deepEqual(codesOf(decideTriage({ outcome: 'verwijzing-algemene-voorziening' }, context)), [
      'referredServiceId:required',
    ]);
    assert.deepEqual(
      codesOf(decideTriage({ outcome: 'verwijzing-algemene-voorziening', referredServiceId: 'x' }, context)),
      ['referredServiceId:unknown-service'],
    );
    assert.deepEqual(
      codesOf(
        decideTriage(
          { outcome: 'verwijzing-algemene-voorziening', referredServiceId: 'x' },
          { ...context, referredService: { kind: 'maatwerk', active: true } },
        ),
      ),
      ['referredServiceId:not-algemeen'],
    );
    assert.deepEqual(codesOf(decideTriage({ outcome: 'melding', homeVisitDate: '2025-06-03' }, context)), [
      'lawCode:required',
    ]);
    assert.deepEqual(codesOf(decideTriage({ outcome: 'melding', lawCode: 'wmo' }, context)), [
      'homeVisitDate:required',
    ]);
    assert.deepEqual(
      decideTriage({ outcome: 'melding', lawCode: 'wmo' }, { ...context, personHadMelding: true }).errors,
      [],
    );
    assert.deepEqual(
      codesOf(decideTriage({ outcome: 'melding', lawCode: 'jeugdwet' }, { ...context, hasPerson: false })),
      ['outcome:person-required'],
    );
    assert.deepEqual(codesOf(decideTriage({ outcome: 'urgent' }, context)), ['urgentReason:required']);
    assert.deepEqual(
      codesOf(
        decideTriage(
          {
            outcome: 'informatie-advies',
            lawCode: 'wmo',
            urgentReason: 'veilig-thuis',
            homeVisitDate: '2025-06-03',
          },
          context,
        ),
      ),
      ['homeVisitDate:not-for-outcome', 'lawCode:not-for-outcome', 'urgentReason:not-for-outcome'],
    );
    assert.deepEqual(
      codesOf(decideTriage({ outcome: 'melding', lawCode: 'wmo', homeVisitDate: '2025-06-01' }, context)),
      ['homeVisitDate:out-of-range'],
    );
  });
});
