/**
 * The plan as the API shows it (docs/api/plans.md, `GET /api/v1/plans/{planId}` without `access`): read
 * from the plan tables in a handful of queries. Also used for the PDF and the resident's portal, and as
 * the input of the version snapshot (plan-snapshot.ts).
 */
import type { Tx } from '../platform/db/database.ts';
import { localDate } from '../intake/local-date.ts';
import { ageOn } from './transitions.ts';

export type PlanStatus = 'concept' | 'actief' | 'afgesloten';
export type OwnerKind = 'inwoner' | 'netwerk' | 'professional';
export type GoalStatus = 'open' | 'behaald' | 'deels-behaald' | 'niet-behaald' | 'vervallen';
export type ActionStatus = 'open' | 'bezig' | 'gedaan' | 'vervallen';
export type ParticipantRole = 'hoofdbewoner' | 'partner' | 'kind' | 'overig';
export type Agreement = 'open' | 'akkoord' | 'niet-akkoord';
export type EvaluationOutcome = 'doelen-behaald' | 'doelen-deels-behaald' | 'bijstellen' | 'afsluiten';

export interface PlanParticipant {
  personId: string;
  name: string;
  birthDate: string;
  role: ParticipantRole;
  age: number;
}

export interface PlanProfessional {
  id: string;
  userId: string | null;
  name: string;
  organisation: string;
  expertise: string;
  involvedFrom: string;
  involvedUntil: string | null;
}

export interface PlanGoalService {
  serviceId: string;
  code: string;
  name: string;
  kind: 'algemeen' | 'maatwerk';
  lawCode: string;
  toewijzingId: string | null;
}

export interface PlanGoalAction {
  id: string;
  description: string;
  ownerKind: OwnerKind;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
}

export interface PlanGoal {
  id: string;
  description: string;
  lifeDomainCode: string | null;
  ownerKind: OwnerKind;
  ownerPersonId: string | null;
  ownerProfessionalId: string | null;
  targetDate: string;
  status: GoalStatus;
  actions: PlanGoalAction[];
  services: PlanGoalService[];
}

export interface PlanEvaluation {
  id: string;
  kind: 'start' | 'evaluatie';
  plannedOn: string;
  heldOn: string | null;
  outcome: EvaluationOutcome | null;
  satisfaction: number | null;
  notes: string | null;
  conductedBy: { userId: string; name: string } | null;
}

export interface PlanVersionSummary {
  version: number;
  createdAt: string;
  createdBy: { userId: string; name: string } | null;
  reason: string;
  agreement: Agreement;
  agreementRecordedAt: string | null;
  agreementNote: string | null;
}

export interface PlanView {
  id: string;
  householdId: string;
  status: PlanStatus;
  version: number;
  openedOn: string;
  closedOn: string | null;
  updatedAt: string | null;
  team: { id: string; name: string } | null;
  regisseur: { userId: string; name: string } | null;
  contactPerson: { personId: string; name: string } | null;
  participants: PlanParticipant[];
  professionals: PlanProfessional[];
  goals: PlanGoal[];
  evaluations: PlanEvaluation[];
  versions: PlanVersionSummary[];
}

/** "Jan de Vries": given names, prefix and family name. */
export function personName(p: {
  given_names: string;
  family_name_prefix: string | null;
  family_name: string;
}): string {
  return [p.given_names, p.family_name_prefix, p.family_name].filter(Boolean).join(' ');
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

/** The open (not closed) plan of a household, or undefined. */
export async function openPlanOfHousehold(
  tx: Tx,
  municipalityCode: string,
  householdId: string,
): Promise<string | undefined> {
  const row = await tx
    .selectFrom('household_plan')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', householdId)
    .where('status', '<>', 'afgesloten')
    .executeTakeFirst();
  return row?.id;
}

/** The plan body of `GET /api/v1/plans/{planId}` (without `access`), or undefined when there is none. */
export async function getPlanView(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  today: string = localDate(),
): Promise<PlanView | undefined> {
  const plan = await tx
    .selectFrom('household_plan as p')
    .leftJoin('team as t', (j) =>
      j.onRef('t.municipality_code', '=', 'p.municipality_code').onRef('t.id', '=', 'p.team_id'),
    )
    .leftJoin('app_user as r', (j) =>
      j.onRef('r.municipality_code', '=', 'p.municipality_code').onRef('r.id', '=', 'p.regisseur_user_id'),
    )
    .leftJoin('person as c', (j) =>
      j.onRef('c.municipality_code', '=', 'p.municipality_code').onRef('c.id', '=', 'p.contact_person_id'),
    )
    .select([
      'p.id',
      'p.household_id',
      'p.status',
      'p.version',
      'p.opened_on',
      'p.closed_on',
      'p.updated_at',
      'p.team_id',
      't.name as team_name',
      'p.regisseur_user_id',
      'r.display_name as regisseur_name',
      'p.contact_person_id',
      'c.given_names as c_given_names',
      'c.family_name_prefix as c_prefix',
      'c.family_name as c_family_name',
    ])
    .where('p.municipality_code', '=', municipalityCode)
    .where('p.id', '=', planId)
    .executeTakeFirst();
  if (!plan) return undefined;

  const [participants, professionals, goals, evaluations, versions] = await Promise.all([
    tx
      .selectFrom('plan_participant as pp')
      .innerJoin('person as x', (j) =>
        j.onRef('x.municipality_code', '=', 'pp.municipality_code').onRef('x.id', '=', 'pp.person_id'),
      )
      .select([
        'pp.person_id',
        'pp.role',
        'x.given_names',
        'x.family_name_prefix',
        'x.family_name',
        'x.birth_date',
      ])
      .where('pp.municipality_code', '=', municipalityCode)
      .where('pp.plan_id', '=', planId)
      .orderBy('x.birth_date')
      .orderBy('x.id')
      .execute(),
    tx
      .selectFrom('plan_professional')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .where('plan_id', '=', planId)
      .orderBy('involved_from')
      .orderBy('name')
      .orderBy('id')
      .execute(),
    tx
      .selectFrom('plan_goal')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .where('plan_id', '=', planId)
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    tx
      .selectFrom('plan_evaluation as e')
      .leftJoin('app_user as u', (j) =>
        j.onRef('u.municipality_code', '=', 'e.municipality_code').onRef('u.id', '=', 'e.conducted_by'),
      )
      .select([
        'e.id',
        'e.kind',
        'e.planned_on',
        'e.held_on',
        'e.outcome',
        'e.satisfaction',
        'e.notes',
        'e.conducted_by',
        'u.display_name',
      ])
      .where('e.municipality_code', '=', municipalityCode)
      .where('e.plan_id', '=', planId)
      .orderBy('e.planned_on')
      .orderBy('e.created_at')
      .execute(),
    tx
      .selectFrom('plan_version as v')
      .leftJoin('app_user as u', (j) =>
        j.onRef('u.municipality_code', '=', 'v.municipality_code').onRef('u.id', '=', 'v.created_by'),
      )
      .select([
        'v.version',
        'v.created_at',
        'v.created_by',
        'u.display_name',
        'v.reason',
        'v.agreement',
        'v.agreement_recorded_at',
        'v.agreement_note',
      ])
      .where('v.municipality_code', '=', municipalityCode)
      .where('v.plan_id', '=', planId)
      .orderBy('v.version')
      .execute(),
  ]);

  const goalIds = goals.map((g) => g.id);
  const [actions, services] =
    goalIds.length === 0
      ? [[], []]
      : await Promise.all([
          tx
            .selectFrom('plan_action')
            .selectAll()
            .where('municipality_code', '=', municipalityCode)
            .where('goal_id', 'in', goalIds)
            .orderBy('position')
            .orderBy('id')
            .execute(),
          tx
            .selectFrom('plan_goal_service as gs')
            .innerJoin('service as s', (j) =>
              j.onRef('s.municipality_code', '=', 'gs.municipality_code').onRef('s.id', '=', 'gs.service_id'),
            )
            .select([
              'gs.goal_id',
              'gs.service_id',
              'gs.toewijzing_id',
              's.code',
              's.name',
              's.kind',
              's.law_code',
            ])
            .where('gs.municipality_code', '=', municipalityCode)
            .where('gs.goal_id', 'in', goalIds)
            .orderBy('s.kind')
            .orderBy('s.code')
            .execute(),
        ]);

  return {
    id: plan.id,
    householdId: plan.household_id,
    status: plan.status,
    version: plan.version,
    openedOn: plan.opened_on,
    closedOn: plan.closed_on,
    updatedAt: iso(plan.updated_at),
    team: plan.team_id && plan.team_name ? { id: plan.team_id, name: plan.team_name } : null,
    regisseur:
      plan.regisseur_user_id && plan.regisseur_name
        ? { userId: plan.regisseur_user_id, name: plan.regisseur_name }
        : null,
    contactPerson:
      plan.contact_person_id && plan.c_given_names && plan.c_family_name
        ? {
            personId: plan.contact_person_id,
            name: personName({
              given_names: plan.c_given_names,
              family_name_prefix: plan.c_prefix,
              family_name: plan.c_family_name,
            }),
          }
        : null,
    participants: participants.map((p) => ({
      personId: p.person_id,
      name: personName(p),
      birthDate: p.birth_date,
      role: p.role,
      age: ageOn(p.birth_date, today),
    })),
    professionals: professionals.map((p) => ({
      id: p.id,
      userId: p.user_id,
      name: p.name,
      organisation: p.organisation,
      expertise: p.expertise,
      involvedFrom: p.involved_from,
      involvedUntil: p.involved_until,
    })),
    goals: goals.map((g) => ({
      id: g.id,
      description: g.description,
      lifeDomainCode: g.life_domain_code,
      ownerKind: g.owner_kind,
      ownerPersonId: g.owner_person_id,
      ownerProfessionalId: g.owner_professional_id,
      targetDate: g.target_date,
      status: g.status,
      actions: actions
        .filter((a) => a.goal_id === g.id)
        .map((a) => ({
          id: a.id,
          description: a.description,
          ownerKind: a.owner_kind,
          status: a.status as ActionStatus,
          dueOn: a.due_on,
          doneOn: a.done_on,
        })),
      services: services
        .filter((s) => s.goal_id === g.id)
        .map((s) => ({
          serviceId: s.service_id,
          code: s.code,
          name: s.name,
          kind: s.kind,
          lawCode: s.law_code,
          toewijzingId: s.toewijzing_id,
        })),
    })),
    evaluations: evaluations.map((e) => ({
      id: e.id,
      kind: e.kind as 'start' | 'evaluatie',
      plannedOn: e.planned_on,
      heldOn: e.held_on,
      outcome: e.outcome,
      satisfaction: e.satisfaction,
      notes: e.notes,
      conductedBy: e.conducted_by && e.display_name ? { userId: e.conducted_by, name: e.display_name } : null,
    })),
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: iso(v.created_at)!,
      createdBy: v.created_by && v.display_name ? { userId: v.created_by, name: v.display_name } : null,
      reason: v.reason,
      agreement: v.agreement,
      agreementRecordedAt: iso(v.agreement_recorded_at),
      agreementNote: v.agreement_note,
    })),
  };
}
