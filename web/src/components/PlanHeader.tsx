import { useEffect, useState } from 'react';
import { todayIso } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { planApi, type Colleague, type Plan } from '../plan-api.ts';
import { Button, ButtonGroup } from './Button.tsx';
import { DataList } from './DataList.tsx';
import { FieldError, SelectField, TextField } from './FormField.tsx';
import { newKey, type DraftProfessional, type PlanDraft } from './PlanDraft.ts';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from './Table.tsx';
import { Heading, Paragraph } from './Typography.tsx';

/**
 * Who takes part: the household members, the regisseur, the contact person, and the involved
 * professionals with organisation and expertise. Adding or ending a professional changes the draft; it is
 * saved with the goals, as a new version with a reason.
 */
export function PlanHeader({
  plan,
  draft,
  onDraft,
  error,
  contactError,
  regisseurError,
}: {
  plan: Plan;
  draft: PlanDraft;
  onDraft(next: PlanDraft): void;
  error?: string;
  contactError?: string;
  regisseurError?: string;
}) {
  const { t, formatDate } = useI18n();
  const p = t.plan;
  const [colleagues, setColleagues] = useState<Colleague[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    planApi
      .colleagues(controller.signal)
      .then(({ data }) => setColleagues(data.items))
      .catch(() => {
        // Without the directory only the current regisseur can be kept; saving still works.
      });
    return () => controller.abort();
  }, []);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [expertise, setExpertise] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const add = () => {
    const found: Record<string, string> = {};
    if (!name.trim()) found['pro-name'] = p.proNameRequired;
    if (!organisation.trim()) found['pro-organisation'] = p.proOrganisationRequired;
    if (!expertise.trim()) found['pro-expertise'] = p.proExpertiseRequired;
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    const professional: DraftProfessional = {
      key: newKey('pro'),
      userId: null,
      name: name.trim(),
      organisation: organisation.trim(),
      expertise: expertise.trim(),
      involvedFrom: todayIso(),
      involvedUntil: null,
    };
    onDraft({ ...draft, professionals: [...draft.professionals, professional] });
    setName('');
    setOrganisation('');
    setExpertise('');
    setAdding(false);
  };

  const setUntil = (key: string, until: string | null) =>
    onDraft({
      ...draft,
      professionals: draft.professionals.map((pro) =>
        pro.key === key ? { ...pro, involvedUntil: until } : pro,
      ),
    });
  const remove = (key: string) =>
    onDraft({ ...draft, professionals: draft.professionals.filter((pro) => pro.key !== key) });
  const saved = new Map(plan.professionals.map((pro) => [pro.id, pro]));

  return (
    <section className="grip-section" aria-labelledby="plan-who-heading">
      <Heading level={2} id="plan-who-heading">
        {p.whoHeading}
      </Heading>
      <DataList
        items={[
          {
            key: 'participants',
            label: p.participants,
            value:
              plan.participants.length > 0 ? (
                <ul className="grip-plain-list">
                  {plan.participants.map((person) => (
                    <li key={person.personId}>
                      {person.name}{' '}
                      <span className="grip-muted">
                        ({t.labels.memberRoles[person.role] ?? person.role}, {p.ageYears(person.age)})
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                p.noOne
              ),
          },
          {
            key: 'regisseur',
            label: p.regisseur,
            value: (
              <SelectField
                id="regisseurUserId"
                label={<span className="grip-visually-hidden">{p.regisseur}</span>}
                optional
                value={draft.regisseurUserId}
                error={regisseurError}
                options={[
                  { value: '', label: p.noOne },
                  // The current regisseur stays choosable even when no longer in the directory.
                  ...(plan.regisseur && !colleagues?.some((c) => c.userId === plan.regisseur!.userId)
                    ? [{ value: plan.regisseur.userId, label: plan.regisseur.name }]
                    : []),
                  ...(colleagues ?? []).map((c) => ({
                    value: c.userId,
                    label: c.teams.length > 0 ? `${c.name} (${c.teams.join(', ')})` : c.name,
                  })),
                ]}
                onChange={(e) => onDraft({ ...draft, regisseurUserId: e.target.value })}
              />
            ),
          },
          {
            key: 'contact',
            label: p.contactPerson,
            value: (
              <SelectField
                id="contactPersonId"
                label={<span className="grip-visually-hidden">{p.contactPerson}</span>}
                optional
                value={draft.contactPersonId}
                error={contactError}
                options={[
                  { value: '', label: p.noOne },
                  ...plan.participants.map((person) => ({ value: person.personId, label: person.name })),
                ]}
                onChange={(e) => onDraft({ ...draft, contactPersonId: e.target.value })}
              />
            ),
          },
          { key: 'team', label: p.team, value: plan.team?.name ?? t.common.empty },
        ]}
      />

      <Heading level={3} id="professionals">
        {p.professionalsHeading}
      </Heading>
      <FieldError id="professionals" error={error} />
      {draft.professionals.length === 0 ? (
        <Paragraph>{p.noProfessionals}</Paragraph>
      ) : (
        <Table caption={p.professionalsCaption} hideCaption>
          <TableHead>
            <HeaderCell>{p.proName}</HeaderCell>
            <HeaderCell>{p.proOrganisation}</HeaderCell>
            <HeaderCell>{p.proExpertise}</HeaderCell>
            <HeaderCell>{p.proPeriod}</HeaderCell>
            <HeaderCell>
              <span className="grip-visually-hidden">{t.common.empty}</span>
            </HeaderCell>
          </TableHead>
          <TableBody>
            {draft.professionals.map((pro) => {
              const before = pro.id ? saved.get(pro.id) : undefined;
              const endedNow = Boolean(pro.involvedUntil) && !before?.involvedUntil;
              return (
                <Row key={pro.key}>
                  <RowHeaderCell>{pro.name}</RowHeaderCell>
                  <Cell>{pro.organisation}</Cell>
                  <Cell>{pro.expertise}</Cell>
                  <Cell>
                    {!pro.id
                      ? p.proNew
                      : endedNow
                        ? p.proEnded
                        : pro.involvedUntil
                          ? p.proFromUntil(formatDate(pro.involvedFrom), formatDate(pro.involvedUntil))
                          : p.proFrom(formatDate(pro.involvedFrom))}
                  </Cell>
                  <Cell>
                    {!pro.id ? (
                      <Button appearance="subtle" onClick={() => remove(pro.key)}>
                        {p.proUndoEnd(pro.name)}
                      </Button>
                    ) : endedNow ? (
                      <Button appearance="subtle" onClick={() => setUntil(pro.key, null)}>
                        {p.proUndoEnd(pro.name)}
                      </Button>
                    ) : !pro.involvedUntil ? (
                      <Button appearance="subtle" onClick={() => setUntil(pro.key, todayIso())}>
                        {p.proEnd(pro.name)}
                      </Button>
                    ) : null}
                  </Cell>
                </Row>
              );
            })}
          </TableBody>
        </Table>
      )}
      {adding ? (
        <fieldset
          className="grip-plan-subform"
          aria-labelledby="pro-add-heading"
          onKeyDown={(e) => {
            // Inside the plan's form: Enter adds the professional, it does not save the plan.
            if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
              e.preventDefault();
              add();
            }
          }}
        >
          <Heading level={4} id="pro-add-heading">
            {p.proAddHeading}
          </Heading>
          <TextField
            id="pro-name"
            label={p.proName}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors['pro-name']}
            maxLength={200}
          />
          <TextField
            id="pro-organisation"
            label={p.proOrganisation}
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
            error={errors['pro-organisation']}
            maxLength={200}
          />
          <TextField
            id="pro-expertise"
            label={p.proExpertise}
            value={expertise}
            onChange={(e) => setExpertise(e.target.value)}
            error={errors['pro-expertise']}
            maxLength={200}
          />
          <ButtonGroup>
            <Button onClick={add}>{p.proAddButton}</Button>
            <Button appearance="subtle" onClick={() => setAdding(false)}>
              {t.common.cancel}
            </Button>
          </ButtonGroup>
        </fieldset>
      ) : (
        <ButtonGroup>
          <Button onClick={() => setAdding(true)}>{p.proAdd}</Button>
        </ButtonGroup>
      )}
    </section>
  );
}
