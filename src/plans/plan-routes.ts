import type { FastifyReply } from 'fastify';
import { localDate } from '../intake/local-date.ts';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, problem, problemBody } from '../platform/http/problem.ts';
import type { Deps, GripApp } from '../platform/http/types.ts';
import { registerBreakGlassRoutes } from './break-glass-routes.ts';
import { registerEvaluationRoutes } from './evaluations-routes.ts';
import { planNotFound, planSubjects, requirePlanAccess } from './plan-access.ts';
import { diffPlans } from './plan-diff.ts';
import { inPlan } from './plan-request.ts';
import {
  AgreementSchema,
  CompareQuery,
  HouseholdParams,
  PlanDiffSchema,
  PlanListQuery,
  PlanListSchema,
  PlanParams,
  PlanSchema,
  PlanUpdateSchema,
  PlanVersionSchema,
  VersionParams,
  VersionSummaryResponse,
} from './plan-schemas.ts';
import { readSnapshot } from './plan-snapshot.ts';
import { validatePlanUpdate } from './plan-validation.ts';
import { getPlanView, openPlanOfHousehold } from './plan-view.ts';
import { registerPlanWorklistRoutes } from './plan-worklist-routes.ts';
import {
  applyPlanUpdate,
  getVersionRow,
  lockPlan,
  myPlanIds,
  newestVersion,
  planListFacts,
  planUpdateFacts,
  versionBody,
} from './plans-repository.ts';
import { unreadMessageCounts } from './messages-repository.ts';

const TAGS = ['Plans'];

const versionNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Deze versie van het plan bestaat niet.',
    en: 'This version of the plan does not exist.',
  });

const planClosed = () =>
  problem(409, 'plan-closed', {
    nl: 'Dit plan is afgesloten en kan niet meer worden gewijzigd.',
    en: 'This plan is closed and can no longer be changed.',
  });

/** Every route of the plan itself (docs/api/plans.md): the plan, versions, scores, evaluations, break the glass. */
export function registerPlanRoutes(app: GripApp, _deps: Deps): void {
  registerPlanCoreRoutes(app);
  registerBreakGlassRoutes(app);
  registerEvaluationRoutes(app);
  registerPlanWorklistRoutes(app);
}

function registerPlanCoreRoutes(app: GripApp): void {
  app.get(
    '/api/v1/plans',
    {
      config: { action: 'plan.list' },
      schema: {
        tags: TAGS,
        summary: 'The open plans I direct or am involved in',
        querystring: PlanListQuery,
        response: { 200: PlanListSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { page, pageSize } = request.query;
      const today = localDate();
      return request.tenant(async (tx) => {
        const mine = myPlanIds(tx, municipalityCode, userId, today);
        const total = await tx
          .selectFrom(mine.as('m'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        const rows = await tx
          .selectFrom('household_plan as p')
          .leftJoin('app_user as r', (j) =>
            j
              .onRef('r.municipality_code', '=', 'p.municipality_code')
              .onRef('r.id', '=', 'p.regisseur_user_id'),
          )
          .select([
            'p.id',
            'p.household_id',
            'p.status',
            'p.regisseur_user_id',
            'r.display_name',
            (eb) =>
              eb
                .selectFrom('plan_evaluation as e')
                .select((e) => e.fn.min('e.planned_on').as('next'))
                .whereRef('e.municipality_code', '=', 'p.municipality_code')
                .whereRef('e.plan_id', '=', 'p.id')
                .where('e.held_on', 'is', null)
                .as('next_evaluation'),
          ])
          .where('p.municipality_code', '=', municipalityCode)
          .where('p.id', 'in', myPlanIds(tx, municipalityCode, userId, today))
          .orderBy('p.opened_on', 'desc')
          .orderBy('p.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute();
        const ids = rows.map((r) => r.id);
        const { names, addresses } = await planListFacts(tx, municipalityCode, ids);
        const subjects = await Promise.all(ids.map((id) => planSubjects(tx, municipalityCode, id)));
        const unread = await unreadMessageCounts(tx, municipalityCode, ids, userId);
        request.recordSubjects('person', subjects.flat());
        return {
          items: rows.map((r) => ({
            id: r.id,
            householdId: r.household_id,
            address: addresses.get(r.id) ?? null,
            participants: names.get(r.id) ?? [],
            status: r.status,
            regisseur:
              r.regisseur_user_id && r.display_name
                ? { userId: r.regisseur_user_id, name: r.display_name }
                : null,
            nextEvaluationOn: (r.next_evaluation as string | null) ?? null,
            unreadMessages: unread.get(r.id) ?? 0,
          })),
          total: Number(total.n),
          page,
          pageSize,
        };
      });
    },
  );

  app.get(
    '/api/v1/plans/:planId',
    {
      config: { action: 'plan.read' },
      schema: {
        tags: TAGS,
        summary: 'One plan (ETag: its version)',
        params: PlanParams,
        response: { 200: PlanSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const { planId } = request.params;
      const body = await inPlan(request, planId, async (tx, access) => {
        const view = (await getPlanView(tx, municipalityCode, planId))!;
        return { ...view, access: access.basis };
      });
      setEtag(reply, body.version);
      return body;
    },
  );

  app.get(
    '/api/v1/households/:householdId/plan',
    {
      config: { action: 'household-plan.read' },
      schema: {
        tags: TAGS,
        summary: "The household's open plan (404 when it has none)",
        params: HouseholdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const body = await request.tenant(async (tx) => {
        const planId = await openPlanOfHousehold(tx, municipalityCode, request.params.householdId);
        if (!planId) throw planNotFound();
        request.recordSubjects('person', await planSubjects(tx, municipalityCode, planId));
        const access = await requirePlanAccess(tx, municipalityCode, userId, planId);
        const view = (await getPlanView(tx, municipalityCode, planId))!;
        return { ...view, access: access.basis };
      });
      setEtag(reply, body.version);
      return body;
    },
  );

  app.put(
    '/api/v1/plans/:planId',
    {
      config: { action: 'plan.update' },
      schema: {
        tags: TAGS,
        summary: 'Change the whole plan (If-Match required); a new version awaiting agreement',
        params: PlanParams,
        body: PlanUpdateSchema,
        response: { 200: PlanSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { planId } = request.params;
      const input = request.body;
      const today = localDate();
      const result = await inPlan(request, planId, async (tx, access) => {
        const expected = requiredVersion(request);
        const locked = await lockPlan(tx, municipalityCode, planId);
        if (!locked) throw planNotFound();
        const current = (await getPlanView(tx, municipalityCode, planId, today))!;
        if (locked.version !== expected) return { conflict: { ...current, access: access.basis } };
        if (locked.status === 'afgesloten') throw planClosed();
        const facts = await planUpdateFacts(tx, municipalityCode, current, input, today);
        const problems = validatePlanUpdate(input, facts);
        if (problems.length > 0) throw invalid(problems);
        const after = await applyPlanUpdate(tx, municipalityCode, current, input, userId, today);
        return { plan: { ...after, access: access.basis } };
      });
      if (result.conflict) {
        const current = result.conflict;
        const p = versionConflict(current.version);
        // The refused save gets the plan as it now is, so the client can show what changed.
        return (reply as unknown as FastifyReply)
          .code(412)
          .header('ETag', `"${current.version}"`)
          .type('application/problem+json; charset=utf-8')
          .send(JSON.stringify({ ...problemBody(p, request), current }));
      }
      setEtag(reply, result.plan!.version);
      return result.plan!;
    },
  );

  app.get(
    '/api/v1/plans/:planId/versions/compare',
    {
      config: { action: 'plan-version.compare' },
      schema: {
        tags: TAGS,
        summary: 'The differences between two versions',
        params: PlanParams,
        querystring: CompareQuery,
        response: { 200: PlanDiffSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { planId } = request.params;
      const { from, to } = request.query;
      return inPlan(request, planId, async (tx) => {
        const [a, b] = await Promise.all([
          getVersionRow(tx, municipalityCode, planId, from),
          getVersionRow(tx, municipalityCode, planId, to),
        ]);
        if (!a || !b) {
          throw invalid(
            [...(a ? [] : [{ name: 'from', value: from }]), ...(b ? [] : [{ name: 'to', value: to }])].map(
              ({ name, value }) => ({
                name,
                code: 'unknown-version',
                reason: { nl: `Versie ${value} bestaat niet.`, en: `Version ${value} does not exist.` },
              }),
            ),
          );
        }
        return diffPlans(from, readSnapshot(a.snapshot), to, readSnapshot(b.snapshot)) as never;
      });
    },
  );

  app.get(
    '/api/v1/plans/:planId/versions/:n',
    {
      config: { action: 'plan-version.read' },
      schema: {
        tags: TAGS,
        summary: "One version's content",
        params: VersionParams,
        response: { 200: PlanVersionSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { planId, n } = request.params;
      return inPlan(request, planId, async (tx) => {
        const row = await getVersionRow(tx, municipalityCode, planId, n);
        if (!row) throw versionNotFound();
        return {
          ...versionBody(row),
          snapshot: readSnapshot(row.snapshot) as unknown as Record<string, unknown>,
        };
      });
    },
  );

  app.post(
    '/api/v1/plans/:planId/versions/:n/agreement',
    {
      config: { action: 'plan-agreement.record' },
      schema: {
        tags: TAGS,
        summary: "Record the resident's answer to the newest version, given in person",
        params: VersionParams,
        body: AgreementSchema,
        response: { 200: VersionSummaryResponse },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { planId, n } = request.params;
      const { agreement, note } = request.body;
      return inPlan(request, planId, async (tx) => {
        await lockPlan(tx, municipalityCode, planId);
        const row = await getVersionRow(tx, municipalityCode, planId, n);
        if (!row) throw versionNotFound();
        const newest = await newestVersion(tx, municipalityCode, planId);
        if (newest !== n) {
          throw problem(409, 'version-not-newest', {
            nl: `Alleen met de nieuwste versie (${newest}) kan de inwoner akkoord gaan of niet.`,
            en: `The resident can only agree or disagree with the newest version (${newest}).`,
          });
        }
        if (row.agreement !== 'open') {
          throw problem(409, 'agreement-recorded', {
            nl: 'Het antwoord van de inwoner op deze versie is al vastgelegd.',
            en: "The resident's answer to this version has been recorded already.",
          });
        }
        await tx
          .updateTable('plan_version')
          .set({
            agreement,
            agreement_recorded_at: new Date(),
            agreement_recorded_by: userId,
            agreement_note: note ?? null,
          })
          .where('municipality_code', '=', municipalityCode)
          .where('plan_id', '=', planId)
          .where('version', '=', n)
          .execute();
        return versionBody((await getVersionRow(tx, municipalityCode, planId, n))!);
      });
    },
  );
}
