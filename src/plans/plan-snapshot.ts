/**
 * The content of a plan version (pure): what the plan said at that moment — status, regisseur, contact
 * person, participants, professionals, goals with actions and services. Stored as plan_version.snapshot
 * and compared by plan-diff.ts. Evaluations and the version history are not part of it (they have their
 * own history).
 */
import type { PlanGoal, PlanParticipant, PlanProfessional, PlanView } from './plan-view.ts';

export interface PlanSnapshot {
  status: string | null;
  team: { id: string; name: string } | null;
  regisseur: { userId: string; name: string } | null;
  contactPerson: { personId: string; name: string } | null;
  participants: { personId: string; name: string | null; role: string | null }[];
  professionals: Omit<PlanProfessional, never>[];
  goals: PlanGoal[];
}

export function planSnapshot(view: PlanView): PlanSnapshot {
  return {
    status: view.status,
    team: view.team,
    regisseur: view.regisseur,
    contactPerson: view.contactPerson,
    participants: view.participants.map((p: PlanParticipant) => ({
      personId: p.personId,
      name: p.name,
      role: p.role,
    })),
    professionals: view.professionals.map((p) => ({ ...p })),
    goals: view.goals.map((g) => ({
      ...g,
      actions: g.actions.map((a) => ({ ...a })),
      services: g.services.map((s) => ({ ...s })),
    })),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * A stored snapshot read back tolerantly: the first version written at the hand-off from intake has only
 * participant ids and no goals; anything missing is empty.
 */
export function readSnapshot(stored: unknown): PlanSnapshot {
  const s = isObject(stored) ? stored : {};
  return {
    status: typeof s.status === 'string' ? s.status : null,
    team: isObject(s.team) ? (s.team as PlanSnapshot['team']) : null,
    regisseur: isObject(s.regisseur) ? (s.regisseur as PlanSnapshot['regisseur']) : null,
    contactPerson: isObject(s.contactPerson) ? (s.contactPerson as PlanSnapshot['contactPerson']) : null,
    participants: arrayOf(s.participants).map((p) =>
      typeof p === 'string'
        ? { personId: p, name: null, role: null }
        : (p as PlanSnapshot['participants'][number]),
    ),
    professionals: arrayOf(s.professionals).filter(isObject) as unknown as PlanSnapshot['professionals'],
    goals: arrayOf(s.goals)
      .filter(isObject)
      .map((g) => ({
        ...(g as unknown as PlanGoal),
        actions: arrayOf(g.actions).filter(isObject) as unknown as PlanGoal['actions'],
        services: arrayOf(g.services).filter(isObject) as unknown as PlanGoal['services'],
      })),
  };
}
