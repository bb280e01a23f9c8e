import type { FastifyRequest } from 'fastify';
import type { Tx } from '../platform/db/database.ts';
import { type PlanAccess, planSubjects, requirePlanAccess } from './plan-access.ts';

/**
 * Runs a plan action: in the caller's municipality, with the plan's participants as the subjects of the
 * processing-log entry (also when access is refused), and only for someone who may open this plan.
 */
export function inPlan<T>(
  request: FastifyRequest,
  planId: string,
  work: (tx: Tx, access: PlanAccess) => Promise<T>,
): Promise<T> {
  const { municipalityCode, userId } = request.grip.actor!;
  return request.tenant(async (tx) => {
    request.recordSubjects('person', await planSubjects(tx, municipalityCode, planId));
    const access = await requirePlanAccess(tx, municipalityCode, userId, planId);
    return work(tx, access);
  });
}
