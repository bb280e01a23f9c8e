/**
 * The differences between two versions of a plan (pure): goals, actions, services and professionals
 * added, removed or changed (per field, old → new), and the plan's status, regisseur and contact person.
 * Items are matched by id; a goal's services by service id.
 */
import type { PlanSnapshot } from './plan-snapshot.ts';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface PlanDiff {
  from: number;
  to: number;
  status: { from: string | null; to: string | null } | null;
  regisseur: { from: PlanSnapshot['regisseur']; to: PlanSnapshot['regisseur'] } | null;
  contactPerson: { from: PlanSnapshot['contactPerson']; to: PlanSnapshot['contactPerson'] } | null;
  goals: {
    added: { id: string; description: string }[];
    removed: { id: string; description: string }[];
    changed: { id: string; description: string; changes: FieldChange[] }[];
  };
  actions: {
    added: { goalId: string; id: string; description: string }[];
    removed: { goalId: string; id: string; description: string }[];
    changed: { goalId: string; id: string; description: string; changes: FieldChange[] }[];
  };
  services: {
    added: { goalId: string; serviceId: string; code: string; name: string }[];
    removed: { goalId: string; serviceId: string; code: string; name: string }[];
    changed: { goalId: string; serviceId: string; code: string; name: string; changes: FieldChange[] }[];
  };
  professionals: {
    added: { id: string; name: string }[];
    removed: { id: string; name: string }[];
    changed: { id: string; name: string; changes: FieldChange[] }[];
  };
  participants: { added: string[]; removed: string[] };
}

const GOAL_FIELDS = [
  'description',
  'lifeDomainCode',
  'ownerKind',
  'ownerPersonId',
  'ownerProfessionalId',
  'targetDate',
  'status',
] as const;
const ACTION_FIELDS = ['description', 'ownerKind', 'status', 'dueOn', 'doneOn'] as const;
const SERVICE_FIELDS = ['toewijzingId'] as const;
const PROFESSIONAL_FIELDS = [
  'userId',
  'name',
  'organisation',
  'expertise',
  'involvedFrom',
  'involvedUntil',
] as const;

function fieldChanges<T extends object>(a: T, b: T, fields: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = (a as Record<string, unknown>)[field] ?? null;
    const to = (b as Record<string, unknown>)[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}

function matchBy<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
): { added: T[]; removed: T[]; kept: [T, T][] } {
  const old = new Map(before.map((x) => [key(x), x]));
  const next = new Map(after.map((x) => [key(x), x]));
  return {
    added: after.filter((x) => !old.has(key(x))),
    removed: before.filter((x) => !next.has(key(x))),
    kept: after.filter((x) => old.has(key(x))).map((x) => [old.get(key(x))!, x]),
  };
}

const sameRef = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const refId = (r: { userId?: string; personId?: string } | null) => r?.userId ?? r?.personId ?? null;

export function diffPlans(
  fromVersion: number,
  a: PlanSnapshot,
  toVersion: number,
  b: PlanSnapshot,
): PlanDiff {
  const diff: PlanDiff = {
    from: fromVersion,
    to: toVersion,
    status: a.status === b.status ? null : { from: a.status, to: b.status },
    regisseur: sameRef(refId(a.regisseur), refId(b.regisseur))
      ? null
      : { from: a.regisseur, to: b.regisseur },
    contactPerson: sameRef(refId(a.contactPerson), refId(b.contactPerson))
      ? null
      : { from: a.contactPerson, to: b.contactPerson },
    goals: { added: [], removed: [], changed: [] },
    actions: { added: [], removed: [], changed: [] },
    services: { added: [], removed: [], changed: [] },
    professionals: { added: [], removed: [], changed: [] },
    participants: { added: [], removed: [] },
  };

  const goals = matchBy(a.goals, b.goals, (g) => g.id);
  const goalRef = (g: { id: string; description: string }) => ({ id: g.id, description: g.description });
  diff.goals.added = goals.added.map(goalRef);
  diff.goals.removed = goals.removed.map(goalRef);
  type Goal = PlanSnapshot['goals'][number];
  const empty = (g: Goal): Goal => ({ ...g, actions: [], services: [] });
  for (const [oldGoal, newGoal] of goals.kept) {
    const changes = fieldChanges(oldGoal, newGoal, GOAL_FIELDS);
    if (changes.length > 0) diff.goals.changed.push({ ...goalRef(newGoal), changes });
  }
  const pairs: [Goal, Goal][] = [
    ...goals.kept,
    ...goals.added.map((g): [Goal, Goal] => [empty(g), g]),
    ...goals.removed.map((g): [Goal, Goal] => [g, empty(g)]),
  ];
  for (const [oldGoal, newGoal] of pairs) {
    const goalId = newGoal.id;
    const actions = matchBy(oldGoal.actions, newGoal.actions, (x) => x.id);
    const actionRef = (x: { id: string; description: string }) => ({
      goalId,
      id: x.id,
      description: x.description,
    });
    diff.actions.added.push(...actions.added.map(actionRef));
    diff.actions.removed.push(...actions.removed.map(actionRef));
    for (const [o, n] of actions.kept) {
      const changes = fieldChanges(o, n, ACTION_FIELDS);
      if (changes.length > 0) diff.actions.changed.push({ ...actionRef(n), changes });
    }
    const services = matchBy(oldGoal.services, newGoal.services, (x) => x.serviceId);
    const serviceRef = (x: { serviceId: string; code: string; name: string }) => ({
      goalId,
      serviceId: x.serviceId,
      code: x.code,
      name: x.name,
    });
    diff.services.added.push(...services.added.map(serviceRef));
    diff.services.removed.push(...services.removed.map(serviceRef));
    for (const [o, n] of services.kept) {
      const changes = fieldChanges(o, n, SERVICE_FIELDS);
      if (changes.length > 0) diff.services.changed.push({ ...serviceRef(n), changes });
    }
  }

  const professionals = matchBy(a.professionals, b.professionals, (p) => p.id);
  const proRef = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });
  diff.professionals.added = professionals.added.map(proRef);
  diff.professionals.removed = professionals.removed.map(proRef);
  for (const [o, n] of professionals.kept) {
    const changes = fieldChanges(o, n, PROFESSIONAL_FIELDS);
    if (changes.length > 0) diff.professionals.changed.push({ ...proRef(n), changes });
  }

  const participants = matchBy(a.participants, b.participants, (p) => p.personId);
  diff.participants.added = participants.added.map((p) => p.personId);
  diff.participants.removed = participants.removed.map((p) => p.personId);
  return diff;
}
