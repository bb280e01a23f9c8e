import { todayIso } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  GOAL_OWNER_KINDS,
  GOAL_STATUSES,
  type CatalogueService,
  type GoalOwnerKind,
  type GoalStatus,
  type Plan,
} from '../plan-api.ts';
import { Button, ButtonGroup } from './Button.tsx';
import { ChoiceField, DateField, FieldError, SelectField, TextAreaField } from './FormField.tsx';
import { emptyAction, emptyGoal, type DraftAction, type DraftGoal, type PlanDraft } from './PlanDraft.ts';
import { PlanServicesPicker } from './PlanServicesPicker.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/**
 * The goals in the resident's words: who works on each, the target date, its status, the agreed actions
 * and the linked services. Edits stay in the draft until the plan is saved with a reason.
 */
export function PlanGoalsEditor({
  plan,
  draft,
  onDraft,
  errors,
  catalogue,
  catalogueError,
}: {
  plan: Plan;
  draft: PlanDraft;
  onDraft(next: PlanDraft): void;
  errors: Record<string, string>;
  catalogue: CatalogueService[] | null;
  catalogueError: string | null;
}) {
  const { t } = useI18n();
  const p = t.plan;

  const setGoal = (key: string, change: Partial<DraftGoal>) =>
    onDraft({ ...draft, goals: draft.goals.map((g) => (g.key === key ? { ...g, ...change } : g)) });
  const setAction = (goal: DraftGoal, key: string, change: Partial<DraftAction>) =>
    setGoal(goal.key, { actions: goal.actions.map((a) => (a.key === key ? { ...a, ...change } : a)) });

  const addGoal = () => {
    const goal = emptyGoal();
    onDraft({ ...draft, goals: [...draft.goals, goal] });
    window.requestAnimationFrame(() =>
      document.getElementById(`goal-${draft.goals.length}-description`)?.focus(),
    );
  };

  const activeProfessionals = draft.professionals.filter((pro) => pro.id && !pro.involvedUntil);
  const ownerKindOptions = GOAL_OWNER_KINDS.map((kind) => ({
    value: kind,
    label: p.ownerKinds[kind] ?? kind,
  }));
  const domainOptions = [
    { value: '', label: p.goalNoDomain },
    ...Object.entries(t.lifeDomains).map(([code, label]) => ({ value: code, label })),
  ];

  return (
    <section className="grip-section" aria-labelledby="plan-goals-heading">
      <Heading level={2} id="plan-goals-heading">
        {p.goalsHeading}
      </Heading>
      <Paragraph>{p.goalsIntro}</Paragraph>
      <FieldError id="goals" error={errors.goals} />
      {draft.goals.length === 0 ? <Paragraph id="goals">{p.noGoals}</Paragraph> : null}
      {draft.goals.map((goal, i) => {
        const n = i + 1;
        const f = (field: string) => `goal-${i}-${field}`;
        return (
          <fieldset key={goal.key} className="grip-plan-goal" aria-labelledby={`${f('heading')}`}>
            <Heading level={3} id={f('heading')}>
              {p.goalHeading(n)} {goal.id ? null : <span className="grip-muted">{p.goalNew}</span>}
            </Heading>
            <TextAreaField
              id={f('description')}
              label={p.goalDescription}
              value={goal.description}
              rows={3}
              maxLength={2000}
              onChange={(e) => setGoal(goal.key, { description: e.target.value })}
              error={errors[f('description')]}
            />
            <div className="grip-plan-grid">
              <SelectField
                id={f('lifeDomainCode')}
                label={p.goalDomain}
                optional
                value={goal.lifeDomainCode}
                options={domainOptions}
                onChange={(e) => setGoal(goal.key, { lifeDomainCode: e.target.value })}
                error={errors[f('lifeDomainCode')]}
              />
              <SelectField
                id={f('ownerKind')}
                label={p.goalOwnerKind}
                value={goal.ownerKind}
                options={ownerKindOptions}
                onChange={(e) => setGoal(goal.key, { ownerKind: e.target.value as GoalOwnerKind })}
                error={errors[f('ownerKind')]}
              />
              {goal.ownerKind === 'inwoner' ? (
                <SelectField
                  id={f('ownerPersonId')}
                  label={p.goalOwnerPerson}
                  optional
                  value={goal.ownerPersonId}
                  options={[
                    { value: '', label: p.chooseOne },
                    ...plan.participants.map((person) => ({ value: person.personId, label: person.name })),
                  ]}
                  onChange={(e) => setGoal(goal.key, { ownerPersonId: e.target.value })}
                  error={errors[f('ownerPersonId')]}
                />
              ) : null}
              {goal.ownerKind === 'professional' ? (
                <SelectField
                  id={f('ownerProfessionalId')}
                  label={p.goalOwnerProfessional}
                  value={goal.ownerProfessionalId}
                  options={[
                    { value: '', label: p.chooseOne },
                    ...activeProfessionals.map((pro) => ({
                      value: pro.id!,
                      label: `${pro.name} (${pro.organisation})`,
                    })),
                  ]}
                  onChange={(e) => setGoal(goal.key, { ownerProfessionalId: e.target.value })}
                  error={errors[f('ownerProfessionalId')]}
                />
              ) : null}
              <DateField
                id={f('targetDate')}
                label={p.goalTargetDate}
                value={goal.targetDate}
                onChange={(e) => setGoal(goal.key, { targetDate: e.target.value })}
                error={errors[f('targetDate')]}
              />
              <SelectField
                id={f('status')}
                label={p.goalStatus}
                value={goal.status}
                options={GOAL_STATUSES.map((s) => ({ value: s, label: p.goalStatuses[s] ?? s }))}
                onChange={(e) => setGoal(goal.key, { status: e.target.value as GoalStatus })}
                error={errors[f('status')]}
              />
            </div>

            <Heading level={4}>{p.actionsHeading}</Heading>
            {goal.actions.map((action, j) => {
              const m = j + 1;
              const a = (field: string) => `goal-${i}-action-${j}-${field}`;
              return (
                <div key={action.key} className="grip-plan-action">
                  <TextAreaField
                    id={a('description')}
                    label={p.actionDescription(m)}
                    rows={2}
                    maxLength={2000}
                    value={action.description}
                    onChange={(e) => setAction(goal, action.key, { description: e.target.value })}
                    error={errors[a('description')]}
                  />
                  <div className="grip-plan-grid">
                    <SelectField
                      id={a('ownerKind')}
                      label={p.actionOwner(m)}
                      value={action.ownerKind}
                      options={ownerKindOptions}
                      onChange={(e) =>
                        setAction(goal, action.key, { ownerKind: e.target.value as GoalOwnerKind })
                      }
                    />
                    <DateField
                      id={a('dueOn')}
                      label={p.actionDue(m)}
                      optional
                      value={action.dueOn}
                      onChange={(e) => setAction(goal, action.key, { dueOn: e.target.value })}
                      error={errors[a('dueOn')]}
                    />
                  </div>
                  <ChoiceField
                    id={a('done')}
                    label={p.actionDone(m)}
                    checked={Boolean(action.doneOn)}
                    onChange={(e) =>
                      setAction(
                        goal,
                        action.key,
                        e.target.checked
                          ? { doneOn: todayIso(), status: 'gedaan' }
                          : { doneOn: null, status: action.status === 'gedaan' ? 'open' : action.status },
                      )
                    }
                  />
                  <ButtonGroup>
                    <Button
                      appearance="subtle"
                      onClick={() =>
                        setGoal(goal.key, { actions: goal.actions.filter((x) => x.key !== action.key) })
                      }
                    >
                      {p.actionRemove(m)}
                    </Button>
                  </ButtonGroup>
                </div>
              );
            })}
            <ButtonGroup>
              <Button onClick={() => setGoal(goal.key, { actions: [...goal.actions, emptyAction()] })}>
                {p.actionAdd}
              </Button>
            </ButtonGroup>

            <Heading level={4} id={f('services')} tabIndex={-1}>
              {p.servicesHeading}
            </Heading>
            <FieldError id={f('services')} error={errors[f('services')]} />
            {goal.services.length === 0 ? (
              <Paragraph>{p.noServices}</Paragraph>
            ) : (
              <ul className="grip-plain-list">
                {goal.services.map((service) => (
                  <li key={service.serviceId}>
                    {service.name}{' '}
                    <span className="grip-muted">
                      ({t.labels.laws[service.lawCode] ?? service.lawCode},{' '}
                      {p.serviceKinds[service.kind] ?? service.kind})
                    </span>{' '}
                    <Button
                      appearance="subtle"
                      onClick={() =>
                        setGoal(goal.key, {
                          services: goal.services.filter((s) => s.serviceId !== service.serviceId),
                        })
                      }
                    >
                      {p.serviceRemove(service.name)}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            <PlanServicesPicker
              idPrefix={f('service')}
              catalogue={catalogue}
              catalogueError={catalogueError}
              linked={goal.services.map((s) => s.serviceId)}
              onLink={(service) =>
                setGoal(goal.key, {
                  services: [
                    ...goal.services,
                    {
                      serviceId: service.id,
                      code: service.code,
                      name: service.name,
                      kind: service.kind,
                      lawCode: service.lawCode,
                      toewijzingId: null,
                    },
                  ],
                })
              }
            />
            <ButtonGroup>
              <Button
                appearance="subtle"
                onClick={() => onDraft({ ...draft, goals: draft.goals.filter((g) => g.key !== goal.key) })}
              >
                {p.goalRemove(n)}
              </Button>
            </ButtonGroup>
          </fieldset>
        );
      })}
      <ButtonGroup>
        <Button onClick={addGoal}>{p.goalAdd}</Button>
      </ButtonGroup>
    </section>
  );
}
