import type { ReactNode } from 'react';
import type { FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  applicableQuestions,
  domainsOf,
  questionFieldId,
  textOf,
  type Answers,
  type Question,
  type QuestionnaireDefinition,
} from '../questionnaire.ts';
import { ChoiceField, DateField, Fieldset, TextAreaField, TextField } from './FormField.tsx';

/** Who fills in the form: the scale of the life domains is worded for a professional or in plain Dutch. */
export type Audience = 'staff' | 'resident';

interface QuestionProps {
  question: Question;
  fieldId: string;
  value: unknown;
  error: string | undefined;
  audience: Audience;
  onChange(value: unknown): void;
}

function Legend({ text, optional }: { text: string; optional: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {text}
      {optional ? <span className="grip-optional"> {t.common.optional}</span> : null}
    </>
  );
}

/** The 1–5 self-sufficiency scale over the life domains: one group of radio buttons per domain. */
function SelfSufficiencyGrid({ question, fieldId, value, error, audience, onChange }: QuestionProps) {
  const { t, lang } = useI18n();
  const grid = (value && typeof value === 'object' ? value : {}) as Record<string, number | undefined>;
  const scale = audience === 'resident' ? t.questionnaire.scaleResident : t.questionnaire.scaleStaff;
  const skip = audience === 'resident' ? t.questionnaire.skipResident : t.questionnaire.skipStaff;
  const set = (domain: string, score: number | null) => {
    const next: Record<string, number> = {};
    for (const [key, existing] of Object.entries(grid))
      if (typeof existing === 'number') next[key] = existing;
    if (score === null) delete next[domain];
    else next[domain] = score;
    onChange(next);
  };
  return (
    <Fieldset
      id={fieldId}
      legend={<Legend text={textOf(question.label, lang)} optional={!question.required} />}
      description={
        question.help && audience === 'resident'
          ? textOf(question.help, lang)
          : audience === 'resident'
            ? t.questionnaire.gridHintResident
            : t.questionnaire.gridHintStaff
      }
      error={error}
    >
      <div className="grip-grid">
        {/* On a wide screen the scale is shown once above the columns; every radio button keeps its own
            full label for assistive technology (and on a narrow screen, where the options are stacked). */}
        <div className="grip-grid__head" aria-hidden="true">
          {scale.map((label, index) => (
            <span key={label} className="grip-grid__head-cell">
              <strong>{index + 1}</strong> {label}
            </span>
          ))}
          <span className="grip-grid__head-cell">{skip}</span>
        </div>
        {domainsOf(question as Extract<Question, { type: 'selfSufficiency' }>).map((domain) => {
          const domainId = `${fieldId}-${domain}`;
          const current = grid[domain];
          return (
            <fieldset key={domain} id={domainId} className="grip-grid__row" tabIndex={-1}>
              <legend className="grip-grid__domain">{t.lifeDomains[domain] ?? domain}</legend>
              <div className="grip-grid__options">
                {[1, 2, 3, 4, 5].map((score) => (
                  <label key={score} className="grip-grid__option" htmlFor={`${domainId}-${score}`}>
                    <input
                      id={`${domainId}-${score}`}
                      type="radio"
                      name={domainId}
                      value={score}
                      className="utrecht-radio-button utrecht-radio-button--html-input"
                      checked={current === score}
                      onChange={() => set(domain, score)}
                    />
                    <span className="grip-grid__score">{score}</span>
                    <span className="grip-grid__label">{scale[score - 1]}</span>
                  </label>
                ))}
                <label className="grip-grid__option grip-grid__option--none" htmlFor={`${domainId}-none`}>
                  <input
                    id={`${domainId}-none`}
                    type="radio"
                    name={domainId}
                    value=""
                    className="utrecht-radio-button utrecht-radio-button--html-input"
                    checked={current === undefined}
                    onChange={() => set(domain, null)}
                  />
                  <span className="grip-grid__label">{skip}</span>
                </label>
              </div>
            </fieldset>
          );
        })}
      </div>
    </Fieldset>
  );
}

function QuestionField(props: QuestionProps) {
  const { t, lang } = useI18n();
  const { question, fieldId, value, error, onChange } = props;
  const label = textOf(question.label, lang);
  const help = question.help ? textOf(question.help, lang) : undefined;
  const optional = !question.required;
  const text = typeof value === 'string' ? value : '';

  switch (question.type) {
    case 'text': {
      const max = question.maxLength;
      const long = max === undefined || max > 200;
      return long ? (
        <TextAreaField
          id={fieldId}
          label={label}
          description={help}
          optional={optional}
          error={error}
          value={text}
          rows={max !== undefined && max <= 1000 ? 3 : 5}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <TextField
          id={fieldId}
          label={label}
          description={help}
          optional={optional}
          error={error}
          value={text}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      );
    }
    case 'number':
      return (
        <TextField
          id={fieldId}
          label={label}
          description={help ?? t.questionnaire.numberHint(question.min, question.max)}
          optional={optional}
          error={error}
          value={text}
          inputMode={question.integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          className="grip-input--number"
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'date':
      return (
        <DateField
          id={fieldId}
          label={label}
          description={help ? `${help} ${t.common.dateHint}` : undefined}
          optional={optional}
          error={error}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'boolean':
    case 'choice': {
      // Yes/no is a choice of two, side by side; the ids end in -ja and -nee.
      const options: { id: string; value: string | boolean; label: string }[] =
        question.type === 'boolean'
          ? [
              { id: 'ja', value: true, label: t.common.yes },
              { id: 'nee', value: false, label: t.common.no },
            ]
          : question.options.map((o) => ({ id: o.value, value: o.value, label: textOf(o.label, lang) }));
      return (
        <Fieldset
          id={fieldId}
          legend={<Legend text={label} optional={optional} />}
          description={help}
          error={error}
        >
          <div className={question.type === 'boolean' ? 'grip-inline-choices' : 'grip-fieldset__items'}>
            {options.map((option) => (
              <ChoiceField
                key={option.id}
                id={`${fieldId}-${option.id}`}
                type="radio"
                name={fieldId}
                label={option.label}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
            ))}
          </div>
        </Fieldset>
      );
    }
    case 'multiChoice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <Fieldset
          id={fieldId}
          legend={<Legend text={label} optional={optional} />}
          description={help ?? t.questionnaire.multiHint}
          error={error}
        >
          <div className={question.options.length > 6 ? 'grip-check-columns' : 'grip-fieldset__items'}>
            {question.options.map((option) => (
              <ChoiceField
                key={option.value}
                id={`${fieldId}-${option.value}`}
                name={fieldId}
                label={textOf(option.label, lang)}
                checked={chosen.includes(option.value)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? question.options
                          .map((o) => o.value)
                          .filter((v) => v === option.value || chosen.includes(v))
                      : chosen.filter((v) => v !== option.value),
                  )
                }
              />
            ))}
          </div>
        </Fieldset>
      );
    }
    case 'selfSufficiency':
      return <SelfSufficiencyGrid {...props} />;
  }
}

/**
 * The questions of a questionnaire version as form fields. Only questions that apply (showIf) are shown;
 * `only` limits the form to some of them (one step of the resident's form). Field ids are
 * `<prefix>-<question id>`, so error summaries and server errors can point at them.
 */
export function QuestionnaireFields({
  definition,
  answers,
  onChange,
  errors,
  prefix,
  audience,
  only,
  children,
}: {
  definition: QuestionnaireDefinition;
  answers: Answers;
  onChange(next: Answers): void;
  errors: FieldErrors;
  prefix: string;
  audience: Audience;
  only?: (question: Question) => boolean;
  children?: ReactNode;
}) {
  const questions = applicableQuestions(definition, answers).filter((q) => !only || only(q));
  return (
    <>
      {questions.map((question) => {
        const fieldId = questionFieldId(prefix, question.id);
        return (
          <div key={question.id} className="grip-question" data-question={question.id}>
            <QuestionField
              question={question}
              fieldId={fieldId}
              value={answers[question.id]}
              error={errors[fieldId]}
              audience={audience}
              onChange={(value) => onChange({ ...answers, [question.id]: value })}
            />
          </div>
        );
      })}
      {children}
    </>
  );
}
