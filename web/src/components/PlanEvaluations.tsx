import { useRef, useState, type FormEvent } from 'react';
import { dateError, formatDateInput, parseDateInput, todayIso } from '../format.ts';
import { formErrorsFrom, summaryItems, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { EVALUATION_OUTCOMES, planApi, type EvaluationOutcome, type Plan } from '../plan-api.ts';
import { Button, ButtonGroup } from './Button.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { PlanEvaluationPlanner } from './PlanEvaluationPlanner.tsx';
import { ChoiceField, DateField, Fieldset, SelectField, TextAreaField, TextField } from './FormField.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/** The evaluations of the plan, and recording one that was held: outcome, satisfaction, new scores. */
export function PlanEvaluations({
  plan,
  onChanged,
}: {
  plan: Plan;
  onChanged(message: string): Promise<unknown>;
}) {
  const { t, lang, formatDate } = useI18n();
  const p = t.plan;
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const [heldOn, setHeldOn] = useState(formatDateInput(todayIso()));
  const [outcome, setOutcome] = useState<EvaluationOutcome | ''>('');
  const [satisfaction, setSatisfaction] = useState('');
  const [notes, setNotes] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const domains = Object.keys(t.lifeDomains);
  const scoreId = (personId: string, domain: string) => `score-${personId}-${domain}`;
  const firstScoreId = plan.participants[0] ? scoreId(plan.participants[0].personId, domains[0]!) : 'scores';
  const fields = ['heldOn', 'outcome', 'satisfaction', 'notes', firstScoreId];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    const held = parseDateInput(heldOn);
    const dateProblem = dateError(heldOn, {
      required: p.heldOnRequired,
      invalid: t.common.dateInvalid,
      future: p.heldOnFuture,
    });
    if (dateProblem) found.heldOn = dateProblem;
    if (!outcome) found.outcome = p.outcomeRequired;
    const grade = satisfaction.trim() ? Number(satisfaction.trim()) : null;
    if (grade !== null && (!Number.isInteger(grade) || grade < 1 || grade > 10))
      found.satisfaction = p.satisfactionInvalid;
    const given = Object.entries(scores)
      .filter(([, v]) => v)
      .map(([key, v]) => {
        const [personId, lifeDomainCode] = key.split('|') as [string, string];
        return { personId, lifeDomainCode, score: Number(v) };
      });
    if (given.length === 0) found[firstScoreId] = p.scoresRequired;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0 || !held || !outcome) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const planned =
        plan.evaluations.find((e) => !e.heldOn) ?? (await planApi.planEvaluation(plan.id, held)).data;
      await planApi.evaluationHeld(plan.id, planned.id, {
        heldOn: held,
        outcome,
        ...(grade !== null ? { satisfaction: grade } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        scores: given,
      });
      setOutcome('');
      setSatisfaction('');
      setNotes('');
      setScores({});
      await onChanged(p.recorded);
    } catch (error) {
      const { t, lang } = texts.current;
      const shown = formErrorsFrom(error, t, lang, {
        heldOn: 'heldOn',
        outcome: 'outcome',
        satisfaction: 'satisfaction',
        notes: 'notes',
        scores: firstScoreId,
      });
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Heading level={3}>{p.evaluationsHeading}</Heading>
      {plan.evaluations.length === 0 ? (
        <Paragraph>{p.noEvaluations}</Paragraph>
      ) : (
        <Table caption={p.evaluationsCaption} hideCaption>
          <TableHead>
            <HeaderCell>{p.plannedOn}</HeaderCell>
            <HeaderCell>{p.heldOn}</HeaderCell>
            <HeaderCell>{p.outcome}</HeaderCell>
            <HeaderCell>{p.satisfaction}</HeaderCell>
          </TableHead>
          <TableBody>
            {plan.evaluations.map((e) => (
              <Row key={e.id}>
                <RowHeaderCell>{formatDate(e.plannedOn)}</RowHeaderCell>
                <Cell>{e.heldOn ? formatDate(e.heldOn) : p.notHeld}</Cell>
                <Cell>{e.outcome ? (p.outcomes[e.outcome] ?? e.outcome) : t.common.empty}</Cell>
                <Cell>{e.satisfaction ?? t.common.empty}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}

      <PlanEvaluationPlanner plan={plan} onChanged={onChanged} />

      <Heading level={3} id="evaluation-form-heading">
        {p.recordHeading}
      </Heading>
      <Paragraph>{p.recordIntro}</Paragraph>
      <ErrorSummary items={summaryItems(fields, errors, general)} focusKey={attempt} />
      <form className="grip-form" noValidate onSubmit={submit} aria-labelledby="evaluation-form-heading">
        <div className="grip-narrow">
          <DateField
            id="heldOn"
            label={p.heldOn}
            value={heldOn}
            onChange={(e) => setHeldOn(e.target.value)}
            error={errors.heldOn}
          />
          <Fieldset id="outcome" legend={p.outcome} error={errors.outcome}>
            {EVALUATION_OUTCOMES.map((o) => (
              <ChoiceField
                key={o}
                id={`outcome-${o}`}
                type="radio"
                name="outcome"
                label={p.outcomes[o] ?? o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />
            ))}
          </Fieldset>
          <TextField
            id="satisfaction"
            label={p.satisfaction}
            description={p.satisfactionHint}
            optional
            inputMode="numeric"
            className="grip-input--short"
            value={satisfaction}
            onChange={(e) => setSatisfaction(e.target.value)}
            error={errors.satisfaction}
          />
          <TextAreaField
            id="notes"
            label={p.notes}
            optional
            maxLength={4000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            error={errors.notes}
          />
        </div>
        {plan.participants.map((person, pi) => (
          <Fieldset
            key={person.personId}
            id={pi === 0 ? 'scores' : `scores-${pi}`}
            legend={p.scoresFor(person.name)}
            error={pi === 0 ? errors[firstScoreId] : undefined}
          >
            <div className="grip-plan-grid">
              {domains.map((domain, di) => (
                <SelectField
                  key={domain}
                  id={pi === 0 && di === 0 ? firstScoreId : scoreId(person.personId, domain)}
                  label={p.scoreFor(t.lifeDomains[domain] ?? domain)}
                  optional
                  value={scores[`${person.personId}|${domain}`] ?? ''}
                  options={[
                    { value: '', label: p.scoreNone },
                    ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) })),
                  ]}
                  onChange={(e) => setScores({ ...scores, [`${person.personId}|${domain}`]: e.target.value })}
                />
              ))}
            </div>
          </Fieldset>
        ))}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : p.record}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
