import { useEffect, useRef, useState } from 'react';
import { errorText } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { intakeApi, type Intake } from '../intake-api.ts';
import { answerText, applicableQuestions, textOf, type QuestionnaireDefinition } from '../questionnaire.ts';
import { DataList } from './DataList.tsx';
import { LoadingOrError } from './LoadingOrError.tsx';
import { Heading } from './Typography.tsx';

/**
 * The resident's own online intake, kept as they sent it, next to the professional's intake that started
 * from it: folded away, as the professional's intake is the one that counts.
 */
export function ResidentIntakeDetails({ intake }: { intake: Intake }) {
  const { t, lang, formatDate, formatDateTime } = useI18n();
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [definition, setDefinition] = useState<QuestionnaireDefinition | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    intakeApi
      .questionnaireVersion(intake.questionnaireVersionId, controller.signal)
      .then(({ data }) => setDefinition(data.definition))
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(errorText(failure, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [intake.questionnaireVersionId]);

  return (
    <section className="grip-section" aria-labelledby="resident-intake-heading">
      <details>
        <summary>
          <Heading level={2} appearance={4} id="resident-intake-heading" className="grip-inline-heading">
            {t.intake.residentIntakeHeading}
          </Heading>{' '}
          <span className="grip-muted">({formatDateTime(intake.completedAt ?? intake.startedAt)})</span>
        </summary>
        {definition ? (
          <DataList
            items={[
              ...applicableQuestions(definition, intake.answers).map((q) => ({
                key: q.id,
                label: textOf(q.label, lang),
                value: (
                  <span className="grip-pre">{answerText(q, intake.answers[q.id], lang, t, formatDate)}</span>
                ),
              })),
              { key: 'own', label: t.intake.ownStrength, value: intake.ownStrength || t.common.empty },
              {
                key: 'network',
                label: t.intake.networkStrength,
                value: intake.networkStrength || t.common.empty,
              },
            ]}
          />
        ) : (
          <LoadingOrError error={error} />
        )}
      </details>
    </section>
  );
}
