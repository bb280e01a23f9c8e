/**
 * Answers of a generated intake, for whatever questionnaire version it was held under: every question
 * that applies (showIf) gets an answer of its type, informed by the simulated resident where the
 * standard broad intake asks for it (question types, what they can do themselves, their network, the
 * household, the life-domain scores). The result passes validateAnswers(..., { complete: true }).
 */
import {
  applicableQuestions,
  domainsOf,
  type Answers,
  type Question,
  type QuestionnaireDefinition,
} from '../intake/questionnaire-definition.ts';
import { isoDate, type Day } from './calendar.ts';
import type { Random } from './random.ts';

export interface IntakeFacts {
  questionTypes: readonly string[];
  /** 13 scores in life_domain order. */
  scores: readonly number[];
  lifeDomainCodes: readonly string[];
  householdSize: number;
  children: number;
  day: Day;
}

const TEXT: Record<string, string> = {
  hulpvraag: 'Het lukt mij thuis niet meer goed alleen. Ik wil graag hulp zodat ik het weer zelf kan.',
  zelfToelichting: 'Ik doe zelf nog de boodschappen en kook af en toe.',
  netwerkToelichting: 'Mijn dochter komt een keer per week langs en helpt met de post.',
};

function answerOf(question: Question, facts: IntakeFacts, answers: Answers, random: Random): unknown {
  const network = facts.scores[10] ?? 3;
  switch (question.type) {
    case 'text':
      return (TEXT[question.id] ?? 'Zie gesprek.').slice(0, question.maxLength ?? 4000);
    case 'choice': {
      const values = question.options.map((o) => o.value);
      if (question.id === 'zelf')
        return pickOr(values, network >= 4 ? 'ja' : network >= 3 ? 'een-beetje' : 'nee');
      if (question.id === 'netwerk')
        return pickOr(values, network >= 4 ? 'ja' : network >= 3 ? 'beperkt' : 'nee');
      if (question.id === 'woonsituatie') {
        const wanted =
          facts.householdSize === 1
            ? 'alleen'
            : facts.children > 0
              ? facts.householdSize - facts.children >= 2
                ? 'met-partner-en-kinderen'
                : 'alleen-met-kinderen'
              : 'met-partner';
        return pickOr(values, wanted);
      }
      return random.pick(values);
    }
    case 'multiChoice': {
      const values = question.options.map((o) => o.value);
      const chosen = facts.questionTypes.filter((t) => values.includes(t));
      return chosen.length > 0 ? chosen : [random.pick(values)];
    }
    case 'boolean':
      return question.id === 'spoed' ? false : random.chance(0.3);
    case 'number': {
      const min = question.min ?? 0;
      const max = question.max ?? min + 10;
      if (question.id === 'kinderen') return Math.min(max, Math.max(min, facts.children));
      return min + Math.floor(random.next() * (max - min + 1));
    }
    case 'date':
      return isoDate(facts.day);
    case 'selfSufficiency': {
      const scores: Record<string, number> = {};
      for (const domain of domainsOf(question)) {
        const index = facts.lifeDomainCodes.indexOf(domain);
        scores[domain] = index >= 0 ? (facts.scores[index] ?? 3) : 3;
      }
      return scores;
    }
  }
  void answers;
  return null;
}

const pickOr = (values: string[], wanted: string) => (values.includes(wanted) ? wanted : values[0]);

export function answerQuestionnaire(
  definition: QuestionnaireDefinition,
  facts: IntakeFacts,
  random: Random,
): Answers {
  const answers: Answers = {};
  // Questions are answered in order; a showIf always refers to an earlier question, so applicability
  // can be decided as we go.
  for (const question of definition.questions) {
    const applies = applicableQuestions(definition, { ...answers, [question.id]: undefined }).some(
      (q) => q.id === question.id,
    );
    if (!applies) continue;
    if (!question.required && question.type !== 'selfSufficiency' && random.chance(0.3)) continue;
    answers[question.id] = answerOf(question, facts, answers, random);
  }
  return answers;
}
