/**
 * The plan as the regisseur edits it before saving: goals, actions, linked services and involved
 * professionals, with dates as typed (day-month-year). Turned into the PUT body by `toUpdate`.
 */
import { formatDateInput, parseDateInput } from '../format.ts';
import type { FieldProblem } from '../api.ts';
import type { Lang } from '../i18n/i18n.tsx';
import type {
  ActionStatus,
  GoalOwnerKind,
  GoalStatus,
  Plan,
  PlanGoalService,
  PlanUpdate,
} from '../plan-api.ts';

let counter = 0;
export const newKey = (prefix: string) => `${prefix}${++counter}`;

export interface DraftAction {
  key: string;
  id?: string;
  description: string;
  ownerKind: GoalOwnerKind;
  status: ActionStatus;
  dueOn: string;
  doneOn: string | null;
}

export interface DraftGoal {
  key: string;
  id?: string;
  description: string;
  lifeDomainCode: string;
  ownerKind: GoalOwnerKind;
  ownerPersonId: string;
  ownerProfessionalId: string;
  targetDate: string;
  status: GoalStatus;
  actions: DraftAction[];
  services: (PlanGoalService & { toewijzingId: string | null })[];
}

export interface DraftProfessional {
  key: string;
  id?: string;
  userId: string | null;
  name: string;
  organisation: string;
  expertise: string;
  involvedFrom: string;
  involvedUntil: string | null;
}

export interface PlanDraft {
  /** A colleague with a casework role, or '' for none yet. */
  regisseurUserId: string;
  /** A participant, or '' for none. */
  contactPersonId: string;
  professionals: DraftProfessional[];
  goals: DraftGoal[];
}

export function draftOf(plan: Plan): PlanDraft {
  return {
    regisseurUserId: plan.regisseur?.userId ?? '',
    contactPersonId: plan.contactPerson?.personId ?? '',
    professionals: plan.professionals.map((p) => ({
      key: newKey('pro'),
      id: p.id,
      userId: p.userId,
      name: p.name,
      organisation: p.organisation,
      expertise: p.expertise,
      involvedFrom: p.involvedFrom,
      involvedUntil: p.involvedUntil,
    })),
    goals: plan.goals.map((g) => ({
      key: newKey('goal'),
      id: g.id,
      description: g.description,
      lifeDomainCode: g.lifeDomainCode ?? '',
      ownerKind: g.ownerKind,
      ownerPersonId: g.ownerPersonId ?? '',
      ownerProfessionalId: g.ownerProfessionalId ?? '',
      targetDate: formatDateInput(g.targetDate),
      status: g.status,
      actions: g.actions.map((a) => ({
        key: newKey('action'),
        id: a.id,
        description: a.description,
        ownerKind: a.ownerKind,
        status: a.status,
        dueOn: a.dueOn ? formatDateInput(a.dueOn) : '',
        doneOn: a.doneOn,
      })),
      services: g.services.map((s) => ({ ...s, toewijzingId: s.toewijzingId ?? null })),
    })),
  };
}

export function emptyGoal(): DraftGoal {
  return {
    key: newKey('goal'),
    description: '',
    lifeDomainCode: '',
    ownerKind: 'inwoner',
    ownerPersonId: '',
    ownerProfessionalId: '',
    targetDate: '',
    status: 'open',
    actions: [],
    services: [],
  };
}

export function emptyAction(): DraftAction {
  return {
    key: newKey('action'),
    description: '',
    ownerKind: 'inwoner',
    status: 'open',
    dueOn: '',
    doneOn: null,
  };
}

/** The PUT body. Dates that cannot be read are sent as typed, so the server names them too. */
export function toUpdate(draft: PlanDraft, reason: string): PlanUpdate {
  const date = (text: string) => parseDateInput(text) ?? text;
  return {
    reason: reason.trim(),
    regisseurUserId: draft.regisseurUserId || null,
    contactPersonId: draft.contactPersonId || null,
    professionals: draft.professionals.map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      userId: p.userId,
      name: p.name.trim(),
      organisation: p.organisation.trim(),
      expertise: p.expertise.trim(),
      involvedFrom: p.involvedFrom,
      involvedUntil: p.involvedUntil,
    })),
    goals: draft.goals.map((g) => ({
      ...(g.id ? { id: g.id } : {}),
      description: g.description.trim(),
      lifeDomainCode: g.lifeDomainCode || null,
      ownerKind: g.ownerKind,
      ownerPersonId: g.ownerKind === 'inwoner' && g.ownerPersonId ? g.ownerPersonId : null,
      ownerProfessionalId:
        g.ownerKind === 'professional' && g.ownerProfessionalId ? g.ownerProfessionalId : null,
      targetDate: date(g.targetDate),
      status: g.status,
      actions: g.actions.map((a) => ({
        ...(a.id ? { id: a.id } : {}),
        description: a.description.trim(),
        ownerKind: a.ownerKind,
        status: a.status,
        dueOn: a.dueOn.trim() ? date(a.dueOn) : null,
        doneOn: a.doneOn,
      })),
      services: g.services.map((s) => ({ serviceId: s.serviceId, toewijzingId: s.toewijzingId })),
    })),
  };
}

/** The input id for a field the server named: goals.0.actions.1.description → goal-0-action-1-description. */
export function fieldIdOf(name: string): string | null {
  if (name === 'reason') return 'reason';
  if (name === 'contactPersonId') return 'contactPersonId';
  if (name === 'regisseurUserId') return 'regisseurUserId';
  let m = /^goals\.(\d+)\.actions\.(\d+)\.(\w+)/.exec(name);
  if (m) return `goal-${m[1]}-action-${m[2]}-${m[3] === 'dueOn' ? 'dueOn' : 'description'}`;
  m = /^goals\.(\d+)\.services/.exec(name);
  if (m) return `goal-${m[1]}-services`;
  m = /^goals\.(\d+)\.(\w+)/.exec(name);
  if (m) {
    const field = m[2]!;
    const known = [
      'description',
      'lifeDomainCode',
      'ownerKind',
      'ownerPersonId',
      'ownerProfessionalId',
      'targetDate',
      'status',
    ];
    return `goal-${m[1]}-${known.includes(field) ? field : 'description'}`;
  }
  m = /^professionals\.(\d+)/.exec(name);
  if (m) return 'professionals';
  if (name === 'goals') return 'goals';
  return null;
}

export function splitProblems(problems: FieldProblem[], lang: Lang) {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const problem of problems) {
    const fieldId = fieldIdOf(problem.name);
    if (fieldId && !fields[fieldId]) fields[fieldId] = problem[lang];
    else if (!fieldId) general.push(problem[lang]);
  }
  return { fields, general };
}

/** The ids of every field, in the order of the form, for the error summary. */
export function fieldOrder(draft: PlanDraft): string[] {
  const ids = ['regisseurUserId', 'contactPersonId', 'professionals', 'goals'];
  draft.goals.forEach((g, i) => {
    for (const f of [
      'description',
      'lifeDomainCode',
      'ownerKind',
      'ownerPersonId',
      'ownerProfessionalId',
      'targetDate',
      'status',
    ])
      ids.push(`goal-${i}-${f}`);
    g.actions.forEach((_, j) => ids.push(`goal-${i}-action-${j}-description`, `goal-${i}-action-${j}-dueOn`));
    ids.push(`goal-${i}-services`);
  });
  ids.push('reason');
  return ids;
}
