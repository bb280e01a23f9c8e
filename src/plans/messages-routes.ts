import type { FastifyRequest } from 'fastify';
import type { Tx } from '../platform/db/database.ts';
import type { GripApp } from '../platform/http/types.ts';
import { postMessage, readMessages, type Author } from './exchange-service.ts';
import {
  MessageInputSchema,
  MessageListSchema,
  MessageSchema,
  NoQuery,
  PlanParams,
  messageBody,
} from './exchange-schemas.ts';
import { planSubjects, requirePlanAccess } from './plan-access.ts';
import { requireResidentPlan } from './portal-plan-repository.ts';

/** Messages on a plan (docs/api/plans.md): the professionals' routes and the resident's in the portal. */

const TAGS = ['Plannen'];
const PORTAL_TAGS = ['Mijn omgeving'];

/**
 * The plan a professional asks for, after recording its participants as the subjects of the log entry
 * (so a refused attempt is logged with whose data it was after) and checking access.
 */
export async function professionalPlan(request: FastifyRequest, tx: Tx, planId: string) {
  const { municipalityCode, userId } = request.grip.actor!;
  request.recordSubjects('person', await planSubjects(tx, municipalityCode, planId));
  return requirePlanAccess(tx, municipalityCode, userId, planId);
}

/** The resident's own plan, its participants recorded as the subjects of the log entry. */
export async function residentPlan(request: FastifyRequest, tx: Tx) {
  const { municipalityCode, userId } = request.grip.actor!;
  const plan = await requireResidentPlan(tx, municipalityCode, userId);
  request.recordSubjects('person', await planSubjects(tx, municipalityCode, plan.planId));
  return plan;
}

export function authorOf(request: FastifyRequest, kind: Author['kind']): Author {
  const actor = request.grip.actor!;
  return { userId: actor.userId, kind, name: actor.displayName };
}

export function registerMessageRoutes(app: GripApp): void {
  app.get(
    '/api/v1/plans/:planId/messages',
    {
      config: { action: 'plan-message.list' },
      schema: {
        tags: TAGS,
        summary: "The plan's messages in the order they were sent; marks them read for the caller",
        params: PlanParams,
        querystring: NoQuery,
        response: { 200: MessageListSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      return request.tenant(async (tx) => {
        await professionalPlan(request, tx, request.params.planId);
        const { rows, unread } = await readMessages(tx, municipalityCode, request.params.planId, userId);
        return { items: rows.map(messageBody), unread };
      });
    },
  );

  app.post(
    '/api/v1/plans/:planId/messages',
    {
      config: { action: 'plan-message.create' },
      schema: {
        tags: TAGS,
        summary: 'Write a message on the plan (1 to 4000 characters); notifies every other party',
        params: PlanParams,
        body: MessageInputSchema,
        response: { 201: MessageSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const row = await request.tenant(async (tx) => {
        await professionalPlan(request, tx, request.params.planId);
        return postMessage(
          tx,
          municipalityCode,
          request.params.planId,
          authorOf(request, 'professional'),
          request.body,
        );
      });
      return reply.code(201).send(messageBody(row));
    },
  );

  app.get(
    '/api/v1/portal/plan/messages',
    {
      config: { action: 'portal-plan-message.list' },
      schema: {
        tags: PORTAL_TAGS,
        summary: 'The messages on my plan; marks them read',
        querystring: NoQuery,
        response: { 200: MessageListSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      return request.tenant(async (tx) => {
        const plan = await residentPlan(request, tx);
        const { rows, unread } = await readMessages(tx, municipalityCode, plan.planId, userId);
        return { items: rows.map(messageBody), unread };
      });
    },
  );

  app.post(
    '/api/v1/portal/plan/messages',
    {
      config: { action: 'portal-plan-message.create' },
      schema: {
        tags: PORTAL_TAGS,
        summary: 'Write a message on my plan to the regisseur and the professionals',
        body: MessageInputSchema,
        response: { 201: MessageSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const row = await request.tenant(async (tx) => {
        const plan = await residentPlan(request, tx);
        return postMessage(tx, municipalityCode, plan.planId, authorOf(request, 'inwoner'), request.body);
      });
      return reply.code(201).send(messageBody(row));
    },
  );
}
