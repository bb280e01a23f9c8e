import type { Tx } from '../platform/db/database.ts';
import { notFound, problem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { breakGlassExpiry, planAccessBasis, planNotFound, planSubjects } from './plan-access.ts';
import {
  BreakGlassCreatedSchema,
  BreakGlassCreateSchema,
  BreakGlassListSchema,
  BreakGlassParams,
  BreakGlassQuery,
  BreakGlassReviewSchema,
  BreakGlassSchema,
  PlanParams,
} from './plan-schemas.ts';
import { planListFacts } from './plans-repository.ts';

/**
 * Break the glass: in an emergency a professional who is not involved in a household may open its plan
 * for a working day, with a written reason. The request itself is logged with the break-glass purpose
 * and the plan's participants as subjects; the privacy officer sees every one and reviews it.
 */

const TAGS = ['Plans'];
const BREAK_GLASS = { nl: 'Deze doorbraak', en: 'This break-glass record' };

function breakGlassRows(tx: Tx, municipalityCode: string) {
  return tx
    .selectFrom('plan_access_override as o')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.municipality_code', '=', 'o.municipality_code').onRef('u.id', '=', 'o.user_id'),
    )
    .innerJoin('household_plan as p', (j) =>
      j.onRef('p.municipality_code', '=', 'o.municipality_code').onRef('p.id', '=', 'o.plan_id'),
    )
    .leftJoin('app_user as r', (j) =>
      j.onRef('r.municipality_code', '=', 'o.municipality_code').onRef('r.id', '=', 'o.reviewed_by'),
    )
    .select([
      'o.id',
      'o.user_id',
      'u.display_name',
      'o.plan_id',
      'p.household_id',
      'o.reason',
      'o.granted_at',
      'o.expires_at',
      'o.reviewed_at',
      'o.reviewed_by',
      'r.display_name as reviewer_name',
      'o.review_note',
    ])
    .where('o.municipality_code', '=', municipalityCode);
}

type Row = Awaited<ReturnType<ReturnType<typeof breakGlassRows>['execute']>>[number];

function body(row: Row, address: string | null) {
  return {
    id: row.id,
    user: { userId: row.user_id, name: row.display_name },
    planId: row.plan_id,
    householdId: row.household_id,
    householdAddress: address,
    reason: row.reason,
    grantedAt: new Date(row.granted_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null,
    reviewedBy:
      row.reviewed_by && row.reviewer_name ? { userId: row.reviewed_by, name: row.reviewer_name } : null,
    reviewNote: row.review_note,
  };
}

export function registerBreakGlassRoutes(app: GripApp): void {
  app.post(
    '/api/v1/plans/:planId/break-glass',
    {
      config: { action: 'break-glass.create' },
      schema: {
        tags: TAGS,
        summary: 'Break the glass: open a plan you are not involved in, for 8 hours, with a reason',
        params: PlanParams,
        body: BreakGlassCreateSchema,
        response: { 201: BreakGlassCreatedSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { planId } = request.params;
      const result = await request.tenant(async (tx) => {
        const plan = await tx
          .selectFrom('household_plan')
          .select('id')
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', planId)
          .forUpdate()
          .executeTakeFirst();
        if (!plan) throw planNotFound();
        request.recordSubjects('person', await planSubjects(tx, municipalityCode, planId));
        const now = new Date();
        const access = await planAccessBasis(tx, municipalityCode, userId, planId, now);
        if (access?.basis) {
          throw problem(409, 'plan-access-exists', {
            nl:
              access.basis === 'doorbraak'
                ? 'U heeft dit plan al geopend in een noodsituatie; die toegang loopt nog.'
                : 'U bent betrokken bij dit plan en kunt het gewoon openen.',
            en:
              access.basis === 'doorbraak'
                ? 'You already opened this plan in an emergency; that access still runs.'
                : 'You are involved in this plan and can simply open it.',
          });
        }
        return tx
          .insertInto('plan_access_override')
          .values({
            municipality_code: municipalityCode,
            plan_id: planId,
            user_id: userId,
            reason: request.body.reason,
            granted_at: now,
            expires_at: breakGlassExpiry(now),
          })
          .returning(['id', 'expires_at'])
          .executeTakeFirstOrThrow();
      });
      reply.code(201);
      return { id: result.id, expiresAt: new Date(result.expires_at).toISOString() };
    },
  );

  app.get(
    '/api/v1/break-glass',
    {
      config: { action: 'break-glass.list' },
      schema: {
        tags: TAGS,
        summary: 'Every broken glass, newest first (privacy officer)',
        querystring: BreakGlassQuery,
        response: { 200: BreakGlassListSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { reviewed, page, pageSize } = request.query;
      return request.tenant(async (tx) => {
        let query = breakGlassRows(tx, municipalityCode);
        if (reviewed === 'true') query = query.where('o.reviewed_at', 'is not', null);
        if (reviewed === 'false') query = query.where('o.reviewed_at', 'is', null);
        const total = await query
          .clearSelect()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        const rows = await query
          .orderBy('o.granted_at', 'desc')
          .orderBy('o.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute();
        const planIds = [...new Set(rows.map((r) => r.plan_id))];
        const { addresses } = await planListFacts(tx, municipalityCode, planIds);
        const subjects = await Promise.all(planIds.map((id) => planSubjects(tx, municipalityCode, id)));
        request.recordSubjects('person', subjects.flat());
        return {
          items: rows.map((r) => body(r, addresses.get(r.plan_id) ?? null)),
          total: Number(total.n),
          page,
          pageSize,
        };
      });
    },
  );

  app.post(
    '/api/v1/break-glass/:id/review',
    {
      config: { action: 'break-glass.review' },
      schema: {
        tags: TAGS,
        summary: 'Mark a broken glass as reviewed, with a finding (privacy officer)',
        params: BreakGlassParams,
        body: BreakGlassReviewSchema,
        response: { 200: BreakGlassSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { id } = request.params;
      return request.tenant(async (tx) => {
        const found = await tx
          .selectFrom('plan_access_override')
          .select(['plan_id', 'reviewed_at'])
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!found) throw notFound(BREAK_GLASS);
        request.recordSubjects('person', await planSubjects(tx, municipalityCode, found.plan_id));
        if (found.reviewed_at) {
          throw problem(409, 'break-glass-reviewed', {
            nl: 'Deze doorbraak is al beoordeeld.',
            en: 'This break-glass record has been reviewed already.',
          });
        }
        await tx
          .updateTable('plan_access_override')
          .set({ reviewed_at: new Date(), reviewed_by: userId, review_note: request.body.note })
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', id)
          .execute();
        const row = await breakGlassRows(tx, municipalityCode)
          .where('o.id', '=', id)
          .executeTakeFirstOrThrow();
        const { addresses } = await planListFacts(tx, municipalityCode, [row.plan_id]);
        return body(row, addresses.get(row.plan_id) ?? null);
      });
    },
  );
}
