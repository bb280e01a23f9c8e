/**
 * The broad-intake questionnaire as the web app renders it: the definition of a version (see
 * docs/api/intake.md, "Questionnaire"), which questions apply given the answers (showIf), and the checks
 * the browser can make before the server makes them all again.
 */
import { formatDateInput, parseDateInput } from './format.ts';
import type { Lang } from './i18n/i18n.tsx';
import type { Messages } from './i18n/nl.ts';

export interface BilingualText {
  nl: string;
  en: string;
}

export interface QuestionOption {
  value: string;
  label: BilingualText;
}

interface QuestionBase {
  id: string;
  required?: boolean;
  label: BilingualText;
  help?: BilingualText;
  showIf?: { question: string; equals: (string | boolean)[] };
}

export type Question =
  | (QuestionBase & { type: 'text'; maxLength?: number })
  | (QuestionBase & { type: 'choice'; options: QuestionOption[] })
  | (QuestionBase & { type: 'multiChoice'; options: QuestionOption[] })
  | (QuestionBase & { type: 'boolean' })
  | (QuestionBase & { type: 'number'; min?: number; max?: number; integer?: boolean })
  | (QuestionBase & { type: 'date'; minDate?: string; maxDate?: string })
  | (QuestionBase & { type: 'selfSufficiency'; domains?: string[] });

export interface QuestionnaireDefinition {
  questions: Question[];
}

export type Answers = Record<string, unknown>;

/** The 13 life domains of the catalogue (migration 0002), in their order. */
export const LIFE_DOMAINS = [
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

export const MAX_TEXT_LENGTH = 4000;

export function domainsOf(question: Extract<Question, { type: 'selfSufficiency' }>): readonly string[] {
  return question.domains ?? LIFE_DOMAINS;
}

/** True when the answer counts as given (an empty text, list or grid does not). */
export function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function conditionHolds(answer: unknown, equals: (string | boolean)[]): boolean {
  if (Array.isArray(answer)) return answer.some((a) => equals.includes(a as string));
  return (typeof answer === 'string' || typeof answer === 'boolean') && equals.includes(answer);
}

/** The questions that apply given the answers, in definition order (the server uses the same rule). */
export function applicableQuestions(definition: QuestionnaireDefinition, answers: Answers): Question[] {
  const applicable = new Set<string>();
  const result: Question[] = [];
  for (const question of definition.questions) {
    const condition = question.showIf;
    if (
      !condition ||
      (applicable.has(condition.question) && conditionHolds(answers[condition.question], condition.equals))
    ) {
      applicable.add(question.id);
      result.push(question);
    }
  }
  return result;
}

/**
 * Answers as the form holds them: numbers and dates as typed (text), so a half-typed value stays in the
 * field. toDraft and answersToSend convert between this and the answers the API stores.
 */
export function toDraft(definition: QuestionnaireDefinition, answers: Answers): Answers {
  const draft: Answers = { ...answers };
  for (const question of definition.questions) {
    const value = answers[question.id];
    if (question.type === 'number' && typeof value === 'number') draft[question.id] = String(value);
    if (question.type === 'date' && typeof value === 'string') draft[question.id] = formatDateInput(value);
  }
  return draft;
}

/**
 * The answers as they are sent: only applicable questions, nothing empty (a question that does not apply
 * must not be answered), texts trimmed, numbers and dates converted. A number or date that cannot be read
 * is left out; questionErrors reports it before anything is sent.
 */
export function answersToSend(definition: QuestionnaireDefinition, draft: Answers): Answers {
  const out: Answers = {};
  for (const question of applicableQuestions(definition, draft)) {
    let value = draft[question.id];
    if (question.type === 'number') value = typeof value === 'string' ? parseNumber(value) : value;
    else if (question.type === 'date') value = typeof value === 'string' ? parseDateInput(value) : value;
    else if (typeof value === 'string') value = value.trim();
    if (question.type === 'selfSufficiency' && value && typeof value === 'object') {
      value = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(([, score]) => typeof score === 'number'),
      );
    }
    if (isAnswered(value)) out[question.id] = value;
  }
  return out;
}

/** The field id of a question in a form, so error summaries and server errors can point at it. */
export const questionFieldId = (prefix: string, questionId: string) => `${prefix}-${questionId}`;

/** Number answers are typed as text; this reads Dutch (1,5) and English (1.5) decimals. */
export function parseNumber(text: string): number | null {
  const value = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

/**
 * The checks of a set of questions the browser can make: required answers (when `complete`), numbers and
 * dates that can be read and lie in range, text length. Keyed by field id.
 */
export function questionErrors(
  questions: Question[],
  draft: Answers,
  options: { complete: boolean; prefix: string; t: Messages },
): Record<string, string> {
  const { t, prefix, complete } = options;
  const found: Record<string, string> = {};
  for (const question of questions) {
    const id = questionFieldId(prefix, question.id);
    const value = draft[question.id];
    const typed = typeof value === 'string' ? value.trim() : '';
    if (question.type === 'number' && typed) {
      const number = parseNumber(typed);
      if (number === null) found[id] = t.questionnaire.numberInvalid;
      else if (question.integer && !Number.isInteger(number)) found[id] = t.questionnaire.numberWhole;
      else if (
        (question.min !== undefined && number < question.min) ||
        (question.max !== undefined && number > question.max)
      )
        found[id] = t.questionnaire.numberRange(question.min, question.max);
    } else if (question.type === 'date' && typed) {
      const iso = parseDateInput(typed);
      if (!iso) found[id] = t.common.dateInvalid;
      else if ((question.minDate && iso < question.minDate) || (question.maxDate && iso > question.maxDate))
        found[id] = t.questionnaire.dateRange;
    } else if (question.type === 'text' && typeof value === 'string') {
      const max = question.maxLength ?? MAX_TEXT_LENGTH;
      const length = [...value.trim()].length;
      if (length > max) found[id] = t.questionnaire.tooLong(max, length);
    }
    if (found[id] || !complete || !question.required) continue;
    if (question.type === 'selfSufficiency') {
      const grid = (value ?? {}) as Record<string, unknown>;
      if (domainsOf(question).some((domain) => typeof grid[domain] !== 'number'))
        found[id] = t.questionnaire.gridRequired;
    } else if (!isAnswered(value)) {
      found[id] =
        question.type === 'choice' || question.type === 'boolean' || question.type === 'multiChoice'
          ? t.questionnaire.chooseRequired
          : t.questionnaire.required;
    }
  }
  return found;
}

/**
 * Maps server errors such as "answers.hulpvraag" or "answers.leefgebieden.financien" to the question's
 * field id.
 */
export function answerFieldIds(
  definition: QuestionnaireDefinition,
  prefix: string,
  apiPrefix = 'answers',
): Record<string, string> {
  return Object.fromEntries(
    definition.questions.map((q) => [`${apiPrefix}.${q.id}`, questionFieldId(prefix, q.id)]),
  );
}

/** The text of a bilingual label in the user's language. */
export const textOf = (text: BilingualText | undefined, lang: Lang) => (text ? text[lang] || text.nl : '');

/** An answer as plain text, for the check page and read-only views. */
export function answerText(
  question: Question,
  value: unknown,
  lang: Lang,
  t: Messages,
  formatDate: (iso: string) => string,
): string {
  if (!isAnswered(value)) return t.questionnaire.notAnswered;
  switch (question.type) {
    case 'text':
      return String(value);
    case 'choice':
      return textOf(question.options.find((o) => o.value === value)?.label, lang) || String(value);
    case 'multiChoice':
      return (value as string[])
        .map((v) => textOf(question.options.find((o) => o.value === v)?.label, lang) || v)
        .join(', ');
    case 'boolean':
      return value === true ? t.common.yes : t.common.no;
    case 'number':
      return String(value).replace('.', lang === 'nl' ? ',' : '.');
    case 'date':
      return formatDate(String(value));
    case 'selfSufficiency': {
      const grid = value as Record<string, number>;
      return domainsOf(question)
        .filter((d) => typeof grid[d] === 'number')
        .map((d) => `${t.lifeDomains[d] ?? d}: ${grid[d]}`)
        .join('\n');
    }
  }
}
