import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { invalid, problem, type InvalidParam } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { inPlan } from './plan-request.ts';
import {
  EvaluationCreateSchema,
  EvaluationHeldResponse,
  EvaluationHeldSchema,
  EvaluationParams,
  EvaluationSchema,
  PlanParams,
  ScoresSchema,
  StartMeasurementSchema,
} from './plan-schemas.ts';
import { getPlanView, type PlanEvaluation } from './plan-view.ts';
import { bumpVersion, lockPlan } from './plans-repository.ts';
import { planScores } from './scores-repository.ts';

/**
 * Scores and evaluations of a plan: the participants' life-domain scores in order (intake, start
 * measurement, every held evaluation), planning an evaluation and recording one that was held — its
 * outcome, the resident's satisfaction, new scores and goal statuses — in one transaction.
 */

const TAGS = ['Plans'];

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

const planClosed = () =>
  problem(409, 'plan-closed', {
    nl: 'Dit plan is afgesloten; er kan niets meer aan worden toegevoegd.',
    en: 'This plan is closed; nothing can be added to it.',
  });

/** Checks scores: each for a participant, on a known life domain, at most one per person and domain. */
export async function scoreProblems(
  tx: Tx,
  scores: readonly { personId: string; lifeDomainCode: string }[],
  participantIds: ReadonlySet<string>,
): Promise<InvalidParam[]> {
  const domains = new Set((await tx.selectFrom('life_domain').select('code').execute()).map((d) => d.code));
  const seen = new Set<string>();
  const problems: InvalidParam[] = [];
  scores.forEach((s, i) => {
    if (!participantIds.has(s.personId)) {
      problems.push(
        param(
          `scores.${i}.personId`,
          'not-participant',
          'Deze persoon doet niet mee aan het plan.',
          'This person is not a participant in the plan.',
        ),
      );
    }
    if (!domains.has(s.lifeDomainCode)) {
      problems.push(
        param(
          `scores.${i}.lifeDomainCode`,
          'unknown',
          'Dit leefgebied bestaat niet.',
          'This life domain does not exist.',
        ),
      );
    }
    const key = `${s.personId}/${s.lifeDomainCode}`;
    if (seen.has(key)) {
      problems.push(
        param(
          `scores.${i}`,
          'duplicate',
          'Deze persoon heeft al een score op dit leefgebied.',
          'This person already has a score on this life domain.',
        ),
      );
    }
    seen.add(key);
  });
  return problems;
}

async function insertScores(
  tx: Tx,
  municipalityCode: string,
  evaluationId: string,
  assessedOn: string,
  scores: readonly { personId: string; lifeDomainCode: string; score: number }[],
) {
  if (scores.length === 0) return;
  await tx
    .insertInto('life_domain_score')
    .values(
      scores.map((s) => ({
        municipality_code: municipalityCode,
        person_id: s.personId,
        assessed_on: assessedOn,
        life_domain_code: s.lifeDomainCode,
        score: s.score,
        plan_evaluation_id: evaluationId,
      })),
    )
    .execute();
}

async function evaluationOf(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  evaluationId: string,
): Promise<PlanEvaluation> {
  const view = (await getPlanView(tx, municipalityCode, planId))!;
  return view.evaluations.find((e) => e.id === evaluationId)!;
}

export function registerEvaluationRoutes(app: GripApp): void {
  app.get(
    '/api/v1/plans/:planId/scores',
    {
      config: { action: 'plan-scores.read' },
      schema: {
        tags: TAGS,
        summary: 'Per participant and life domain, every measurement in order',
        params: PlanParams,
        response: { 200: ScoresSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { planId } = request.params;
      return inPlan(request, planId, async (tx) => ({
        series: await planScores(tx, municipalityCode, planId),
      }));
    },
  );

  app.post(
    '/api/v1/plans/:planId/scores',
    {
      config: { action: 'plan-start-measurement.create' },
      schema: {
        tags: TAGS,
        summary: 'Record the start measurement on the plan (when the intake gave no scores)',
        params: PlanParams,
        body: StartMeasurementSchema,
        response: { 201: ScoresSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { planId } = request.params;
      const { assessedOn, scores } = request.body;
      const today = localDate();
      const body = await inPlan(request, planId, async (tx) => {
        const plan = (await lockPlan(tx, municipalityCode, planId))!;
        if (plan.status === 'afgesloten') throw planClosed();
        const view = (await getPlanView(tx, municipalityCode, planId, today))!;
        const problems = await scoreProblems(tx, scores, new Set(view.participants.map((p) => p.personId)));
        if (assessedOn > today) {
          problems.unshift(
            param(
              'assessedOn',
              'in-the-future',
              'Deze datum ligt in de toekomst.',
              'This date lies in the future.',
            ),
          );
        }
        if (problems.length > 0) throw invalid(problems);
        const evaluation = await tx
          .insertInto('plan_evaluation')
          .values({
            municipality_code: municipalityCode,
            plan_id: planId,
            kind: 'start',
            planned_on: assessedOn,
            held_on: assessedOn,
            conducted_by: userId,
            created_by: userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertScores(tx, municipalityCode, evaluation.id, assessedOn, scores);
        return { series: await planScores(tx, municipalityCode, planId) };
      });
      reply.code(201);
      return body;
    },
  );

  app.post(
    '/api/v1/plans/:planId/evaluations',
    {
      config: { action: 'plan-evaluation.create' },
      schema: {
        tags: TAGS,
        summary: 'Plan an evaluation',
        params: PlanParams,
        body: EvaluationCreateSchema,
        response: { 201: EvaluationSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { planId } = request.params;
      const { plannedOn } = request.body;
      const today = localDate();
      const body = await inPlan(request, planId, async (tx) => {
        const plan = (await lockPlan(tx, municipalityCode, planId))!;
        if (plan.status === 'afgesloten') throw planClosed();
        if (plannedOn < today) {
          throw invalid([
            param(
              'plannedOn',
              'in-the-past',
              'Een evaluatie plant u vandaag of later.',
              'An evaluation is planned for today or later.',
            ),
          ]);
        }
        const row = await tx
          .insertInto('plan_evaluation')
          .values({
            municipality_code: municipalityCode,
            plan_id: planId,
            kind: 'evaluatie',
            planned_on: plannedOn,
            created_by: userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return evaluationOf(tx, municipalityCode, planId, row.id);
      });
      reply.code(201);
      return body;
    },
  );

  app.post(
    '/api/v1/plans/:planId/evaluations/:evaluationId/held',
    {
      config: { action: 'plan-evaluation.hold' },
      schema: {
        tags: TAGS,
        summary: 'Record a held evaluation: outcome, satisfaction, notes, scores and goal statuses',
        params: EvaluationParams,
        body: EvaluationHeldSchema,
        response: { 200: EvaluationHeldResponse },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { planId, evaluationId } = request.params;
      const input = request.body;
      const today = localDate();
      return inPlan(request, planId, async (tx) => {
        const plan = (await lockPlan(tx, municipalityCode, planId))!;
        const evaluation = await tx
          .selectFrom('plan_evaluation')
          .select(['id', 'kind', 'held_on'])
          .where('municipality_code', '=', municipalityCode)
          .where('plan_id', '=', planId)
          .where('id', '=', evaluationId)
          .forUpdate()
          .executeTakeFirst();
        if (!evaluation) {
          throw problem(404, 'not-found', {
            nl: 'Deze evaluatie bestaat niet.',
            en: 'This evaluation does not exist.',
          });
        }
        if (evaluation.kind !== 'evaluatie' || evaluation.held_on !== null) {
          throw problem(409, 'evaluation-held', {
            nl: 'Deze evaluatie is al gehouden.',
            en: 'This evaluation has been held already.',
          });
        }
        if (plan.status === 'afgesloten') throw planClosed();
        const view = (await getPlanView(tx, municipalityCode, planId, today))!;
        const problems = await scoreProblems(
          tx,
          input.scores,
          new Set(view.participants.map((p) => p.personId)),
        );
        if (input.heldOn > today) {
          problems.unshift(
            param(
              'heldOn',
              'in-the-future',
              'Deze datum ligt in de toekomst.',
              'This date lies in the future.',
            ),
          );
        } else if (input.heldOn < plan.opened_on) {
          problems.unshift(
            param(
              'heldOn',
              'before-plan',
              'Deze datum ligt voor de start van het plan.',
              'This date lies before the plan was opened.',
            ),
          );
        }
        const goals = new Map(view.goals.map((g) => [g.id, g]));
        const seenGoals = new Set<string>();
        input.goalStatuses.forEach((g, i) => {
          if (!goals.has(g.goalId)) {
            problems.push(
              param(
                `goalStatuses.${i}.goalId`,
                'unknown',
                'Dit doel hoort niet bij dit plan.',
                'This goal is not in this plan.',
              ),
            );
          } else if (seenGoals.has(g.goalId)) {
            problems.push(
              param(
                `goalStatuses.${i}.goalId`,
                'duplicate',
                'Dit doel staat er twee keer in.',
                'This goal is listed twice.',
              ),
            );
          }
          seenGoals.add(g.goalId);
        });
        if (problems.length > 0) throw invalid(problems);

        await tx
          .updateTable('plan_evaluation')
          .set({
            held_on: input.heldOn,
            outcome: input.outcome,
            satisfaction: input.satisfaction ?? null,
            notes: input.notes ?? null,
            conducted_by: userId,
          })
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', evaluationId)
          .execute();
        await insertScores(tx, municipalityCode, evaluationId, input.heldOn, input.scores);
        const changed = input.goalStatuses.filter((g) => goals.get(g.goalId)!.status !== g.status);
        const now = new Date();
        for (const g of changed) {
          await tx
            .updateTable('plan_goal')
            .set({ status: g.status, updated_at: now })
            .where('municipality_code', '=', municipalityCode)
            .where('id', '=', g.goalId)
            .execute();
        }
        let version = view.version;
        if (changed.length > 0) {
          const after = await bumpVersion(
            tx,
            municipalityCode,
            planId,
            userId,
            `Evaluatie van ${input.heldOn}: voortgang van de doelen bijgewerkt`,
            today,
          );
          version = after.version;
        }
        return { evaluation: await evaluationOf(tx, municipalityCode, planId, evaluationId), version };
      });
    },
  );
}
