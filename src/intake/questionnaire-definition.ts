import { z } from 'zod';
import type { Bilingual, InvalidParam } from '../platform/http/problem.ts';
import { isValidIsoDate } from './dates.ts';

/**
 * The broad-intake questionnaire definition (docs/api/intake.md, "Questionnaire") and the validation of
 * answers against one version of it. Pure: no database, no HTTP. The resident's online form and the
 * professional's intake both validate with these functions, against the version the answers belong to.
 */

/** Codes of the life_domain catalogue (the 13 domains of the Zelfredzaamheid-Matrix), in their order. */
export const LIFE_DOMAIN_CODES = [
  'financien',
  'werk-opleiding',
  'tijdsbesteding',
  'huisvesting',
  'huiselijke-relaties',
  'geestelijke-gezondheid',
  'lichamelijke-gezondheid',
  'middelengebruik',
  'basale-adl',
  'instrumentele-adl',
  'sociaal-netwerk',
  'maatschappelijke-participatie',
  'justitie',
] as const;
export type LifeDomainCode = (typeof LIFE_DOMAIN_CODES)[number];

export const QUESTION_TYPES = [
  'text',
  'choice',
  'multiChoice',
  'boolean',
  'number',
  'date',
  'selfSufficiency',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Longest free-text answer any question may allow (the column limit of free text elsewhere). */
export const MAX_TEXT_LENGTH = 4000;
const MAX_QUESTIONS = 200;

// ---------------------------------------------------------------------------------------------------
// Schema of a definition

const QUESTION_ID = /^[a-z][a-zA-Z0-9]*(?:-[a-z0-9]+)*$/;

const BilingualTextSchema = z
  .strictObject({ nl: z.string().trim().min(1).max(1000), en: z.string().trim().min(1).max(1000) })
  .describe('Text in Dutch (plain language, B1) and English');

const QuestionIdSchema = z
  .string()
  .max(60)
  .regex(
    QUESTION_ID,
    'Een vraag-id is kebab-case of camelCase, zoals "hulpvraag".|A question id is kebab-case or camelCase, such as "hulpvraag".',
  )
  .describe('Identifier of the question, unique in the version (kebab-case or camelCase)');

const OptionValueSchema = z.string().trim().min(1).max(60);
const ConditionValueSchema = z.union([OptionValueSchema, z.boolean()]);

const ShowIfSchema = z
  .strictObject({
    question: QuestionIdSchema.describe('An earlier question of the same version'),
    equals: z
      .array(ConditionValueSchema)
      .min(1)
      .max(50)
      .describe('The question applies when that answer is one of these'),
  })
  .describe('Condition: the question applies only when an earlier answer is one of the values');

const common = {
  id: QuestionIdSchema,
  label: BilingualTextSchema,
  help: BilingualTextSchema.optional(),
  required: z
    .boolean()
    .optional()
    .describe('Must be answered (when it applies) before the intake is complete'),
  showIf: ShowIfSchema.optional(),
};

const OptionSchema = z.strictObject({ value: OptionValueSchema, label: BilingualTextSchema });

const TextQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(MAX_TEXT_LENGTH).optional().describe(`Default ${MAX_TEXT_LENGTH}`),
});
const ChoiceQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('choice'),
  options: z.array(OptionSchema).min(1).max(50),
});
const MultiChoiceQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('multiChoice'),
  options: z.array(OptionSchema).min(1).max(50),
});
const BooleanQuestionSchema = z.strictObject({ ...common, type: z.literal('boolean') });
const NumberQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional().describe('Whole numbers only'),
});
const DateQuestionSchema = z.strictObject({ ...common, type: z.literal('date') });
const SelfSufficiencyQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('selfSufficiency'),
  domains: z
    .array(z.enum(LIFE_DOMAIN_CODES))
    .min(1)
    .max(LIFE_DOMAIN_CODES.length)
    .optional()
    .describe('Life domains asked (default: all 13 of the life_domain catalogue)'),
});

export const QuestionSchema = z
  .discriminatedUnion('type', [
    TextQuestionSchema,
    ChoiceQuestionSchema,
    MultiChoiceQuestionSchema,
    BooleanQuestionSchema,
    NumberQuestionSchema,
    DateQuestionSchema,
    SelfSufficiencyQuestionSchema,
  ])
  .meta({ id: 'Question' });

export const QuestionnaireDefinitionSchema = z
  .strictObject({
    questions: z.array(QuestionSchema).min(1).max(MAX_QUESTIONS),
  })
  .superRefine((definition, ctx) => {
    const seen = new Map<string, Question>();
    definition.questions.forEach((question, index) => {
      const at = (...path: (string | number)[]) => ['questions', index, ...path];
      if (seen.has(question.id)) {
        ctx.addIssue({
          code: 'custom',
          path: at('id'),
          message: `De vraag-id "${question.id}" komt twee keer voor.|The question id "${question.id}" occurs twice.`,
        });
      }
      if (question.type === 'choice' || question.type === 'multiChoice') {
        const values = question.options.map((o) => o.value);
        if (new Set(values).size !== values.length) {
          ctx.addIssue({
            code: 'custom',
            path: at('options'),
            message: 'Elke optie heeft een eigen waarde.|Every option needs its own value.',
          });
        }
      }
      if (question.type === 'number' && question.min !== undefined && question.max !== undefined) {
        if (question.min > question.max) {
          ctx.addIssue({
            code: 'custom',
            path: at('max'),
            message: 'max moet minstens min zijn.|max must be at least min.',
          });
        }
      }
      if (question.type === 'selfSufficiency' && question.domains) {
        if (new Set(question.domains).size !== question.domains.length) {
          ctx.addIssue({
            code: 'custom',
            path: at('domains'),
            message: 'Elk leefgebied één keer.|Each life domain once.',
          });
        }
      }
      if (question.showIf) {
        const target = seen.get(question.showIf.question);
        if (!target) {
          ctx.addIssue({
            code: 'custom',
            path: at('showIf', 'question'),
            message:
              'showIf moet naar een eerdere vraag verwijzen.|showIf must refer to an earlier question.',
          });
        } else {
          const allowed = conditionValues(target);
          const wrong = question.showIf.equals.filter((v) => allowed !== null && !allowed.includes(v));
          if (allowed === null || wrong.length > 0) {
            ctx.addIssue({
              code: 'custom',
              path: at('showIf', 'equals'),
              message:
                allowed === null
                  ? 'showIf kan alleen verwijzen naar een keuzevraag of een ja/nee-vraag.|showIf can only refer to a choice or yes/no question.'
                  : `Geen antwoord van "${target.id}": ${wrong.map(String).join(', ')}.|Not an answer of "${target.id}": ${wrong.map(String).join(', ')}.`,
            });
          }
        }
      }
      if (!seen.has(question.id)) seen.set(question.id, question);
    });
  })
  .meta({ id: 'QuestionnaireDefinition' });

export type QuestionnaireDefinition = z.infer<typeof QuestionnaireDefinitionSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Answers = Record<string, unknown>;

/** The values a showIf on `question` may test, or null when it cannot be the target of a condition. */
function conditionValues(question: Question): (string | boolean)[] | null {
  if (question.type === 'choice' || question.type === 'multiChoice')
    return question.options.map((o) => o.value);
  if (question.type === 'boolean') return [true, false];
  return null;
}

/** Parses stored JSON as a definition; undefined when it does not have the contract's shape. */
export function parseDefinition(json: unknown): QuestionnaireDefinition | undefined {
  const parsed = QuestionnaireDefinitionSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Answers

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function conditionHolds(answer: unknown, equals: readonly (string | boolean)[]): boolean {
  if (Array.isArray(answer)) return answer.some((a) => equals.includes(a as string));
  return equals.includes(answer as string | boolean);
}

/**
 * The questions that apply given these answers, in the order of the definition: a question with showIf
 * applies only when the earlier question applies and its answer is one of the values.
 */
export function applicableQuestions(definition: QuestionnaireDefinition, answers: Answers): Question[] {
  const applicable = new Set<string>();
  const result: Question[] = [];
  for (const question of definition.questions) {
    const condition = question.showIf;
    if (condition) {
      if (!applicable.has(condition.question)) continue;
      if (!conditionHolds(answers[condition.question], condition.equals)) continue;
    }
    applicable.add(question.id);
    result.push(question);
  }
  return result;
}

function param(name: string, code: string, nl: string, en: string): InvalidParam {
  return { name, code, reason: { nl, en } };
}

/** The life domains a selfSufficiency question asks about. */
export function domainsOf(
  question: Extract<Question, { type: 'selfSufficiency' }>,
): readonly LifeDomainCode[] {
  return question.domains ?? LIFE_DOMAIN_CODES;
}

function validateValue(question: Question, value: unknown, name: string): InvalidParam[] {
  const typeError = (expected: Bilingual) =>
    param(name, 'invalid-type', `Verwacht: ${expected.nl}.`, `Expected: ${expected.en}.`);
  switch (question.type) {
    case 'text': {
      if (typeof value !== 'string') return [typeError({ nl: 'tekst', en: 'text' })];
      const max = question.maxLength ?? MAX_TEXT_LENGTH;
      if (value.length > max) {
        return [param(name, 'too-big', `Maximaal ${max} tekens.`, `At most ${max} characters.`)];
      }
      return [];
    }
    case 'choice': {
      if (typeof value !== 'string')
        return [typeError({ nl: 'een van de keuzes', en: 'one of the options' })];
      const values = question.options.map((o) => o.value);
      if (!values.includes(value)) {
        return [
          param(
            name,
            'invalid-value',
            `Kies een van: ${values.join(', ')}.`,
            `Choose one of: ${values.join(', ')}.`,
          ),
        ];
      }
      return [];
    }
    case 'multiChoice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        return [typeError({ nl: 'lijst van keuzes', en: 'list of options' })];
      }
      const values = question.options.map((o) => o.value);
      const wrong = (value as string[]).filter((v) => !values.includes(v));
      if (wrong.length > 0) {
        return [
          param(
            name,
            'invalid-value',
            `Kies uit: ${values.join(', ')}.`,
            `Choose from: ${values.join(', ')}.`,
          ),
        ];
      }
      if (new Set(value).size !== value.length) {
        return [param(name, 'invalid-value', 'Elke keuze maar één keer.', 'Each option only once.')];
      }
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : [typeError({ nl: 'ja/nee-waarde', en: 'boolean' })];
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return [typeError({ nl: 'getal', en: 'number' })];
      if (question.integer && !Number.isInteger(value)) {
        return [param(name, 'invalid-type', 'Verwacht: geheel getal.', 'Expected: integer.')];
      }
      if (question.min !== undefined && value < question.min) {
        return [param(name, 'too-small', `Minimaal ${question.min}.`, `At least ${question.min}.`)];
      }
      if (question.max !== undefined && value > question.max) {
        return [param(name, 'too-big', `Maximaal ${question.max}.`, `At most ${question.max}.`)];
      }
      return [];
    }
    case 'date':
      if (typeof value !== 'string' || !isValidIsoDate(value)) {
        return [
          param(name, 'invalid-format', 'Geen geldige datum (JJJJ-MM-DD).', 'Not a valid date (YYYY-MM-DD).'),
        ];
      }
      return [];
    case 'selfSufficiency': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [typeError({ nl: 'een score per leefgebied', en: 'a score per life domain' })];
      }
      const domains = domainsOf(question) as readonly string[];
      const errors: InvalidParam[] = [];
      for (const [domain, score] of Object.entries(value)) {
        if (!domains.includes(domain)) {
          errors.push(
            param(
              `${name}.${domain}`,
              'unknown-field',
              'Dit leefgebied wordt hier niet gevraagd.',
              'This life domain is not asked here.',
            ),
          );
        } else if (typeof score !== 'number' || !Number.isInteger(score)) {
          errors.push(
            param(
              `${name}.${domain}`,
              'invalid-type',
              'Verwacht: een score van 1 tot en met 5.',
              'Expected: a score from 1 to 5.',
            ),
          );
        } else if (score < 1 || score > 5) {
          errors.push(
            param(
              `${name}.${domain}`,
              score < 1 ? 'too-small' : 'too-big',
              'De score is 1, 2, 3, 4 of 5.',
              'The score is 1, 2, 3, 4 or 5.',
            ),
          );
        }
      }
      return errors;
    }
  }
}

/**
 * Checks answers against one version's definition. Returns invalidParams-style errors (name
 * `answers.<questionId>`), empty when the answers are fine:
 *  - an answer to a question the version does not have (`unknown-question`);
 *  - an answer to a question that does not apply because of its showIf (`not-applicable`);
 *  - a wrong type, a value out of range, free text over its maximum length;
 *  - with `complete`: a required question that applies but has no answer (`required`); for a
 *    selfSufficiency question every domain it asks must be scored.
 * A null answer counts as no answer (a draft may clear a field).
 */
export function validateAnswers(
  definition: QuestionnaireDefinition,
  answers: Answers,
  options: { complete: boolean },
  prefix = 'answers',
): InvalidParam[] {
  const errors: InvalidParam[] = [];
  const byId = new Map(definition.questions.map((q) => [q.id, q]));
  const applicable = new Set(applicableQuestions(definition, answers).map((q) => q.id));
  for (const [id, value] of Object.entries(answers)) {
    const name = `${prefix}.${id}`;
    const question = byId.get(id);
    if (!question) {
      errors.push(
        param(
          name,
          'unknown-question',
          'Deze vraag staat niet in deze versie van de vragenlijst.',
          'This question is not in this version of the questionnaire.',
        ),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    if (!applicable.has(id)) {
      errors.push(
        param(
          name,
          'not-applicable',
          'Deze vraag geldt niet bij de andere antwoorden en mag niet beantwoord worden.',
          'This question does not apply given the other answers and must not be answered.',
        ),
      );
      continue;
    }
    errors.push(...validateValue(question, value, name));
  }
  if (options.complete) {
    for (const question of definition.questions) {
      if (!applicable.has(question.id)) continue;
      const name = `${prefix}.${question.id}`;
      const value = answers[question.id];
      if (question.required && !isAnswered(value)) {
        errors.push(param(name, 'required', 'Deze vraag is verplicht.', 'This question is required.'));
        continue;
      }
      if (
        question.type === 'selfSufficiency' &&
        question.required &&
        typeof value === 'object' &&
        value !== null
      ) {
        const missing = domainsOf(question).filter((d) => !Object.hasOwn(value, d));
        for (const domain of missing) {
          errors.push(
            param(
              `${name}.${domain}`,
              'required',
              'Geef een score voor dit leefgebied.',
              'Give a score for this life domain.',
            ),
          );
        }
      }
    }
  }
  return errors;
}

/** The life-domain scores in the answers (of applicable selfSufficiency questions), one per domain. */
export function selfSufficiencyScores(
  definition: QuestionnaireDefinition,
  answers: Answers,
): { lifeDomainCode: LifeDomainCode; score: number }[] {
  const scores = new Map<LifeDomainCode, number>();
  for (const question of applicableQuestions(definition, answers)) {
    if (question.type !== 'selfSufficiency') continue;
    const value = answers[question.id];
    if (typeof value !== 'object' || value === null) continue;
    for (const domain of domainsOf(question)) {
      const score = (value as Record<string, unknown>)[domain];
      if (
        typeof score === 'number' &&
        Number.isInteger(score) &&
        score >= 1 &&
        score <= 5 &&
        !scores.has(domain)
      ) {
        scores.set(domain, score);
      }
    }
  }
  return LIFE_DOMAIN_CODES.filter((d) => scores.has(d)).map((d) => ({
    lifeDomainCode: d,
    score: scores.get(d)!,
  }));
}
