import { z } from 'zod';

/** Request and response schemas of the plan, its versions, scores, evaluations and break the glass (docs/api/plans.md). */

export const PLAN_STATUSES = ['concept', 'actief', 'afgesloten'] as const;
export const OWNER_KINDS = ['inwoner', 'netwerk', 'professional'] as const;
export const GOAL_STATUSES = ['open', 'behaald', 'deels-behaald', 'niet-behaald', 'vervallen'] as const;
export const ACTION_STATUSES = ['open', 'bezig', 'gedaan', 'vervallen'] as const;
export const AGREEMENTS = ['open', 'akkoord', 'niet-akkoord'] as const;
export const EVALUATION_OUTCOMES = [
  'doelen-behaald',
  'doelen-deels-behaald',
  'bijstellen',
  'afsluiten',
] as const;
export const SCORE_SOURCES = ['intake', 'start', 'evaluatie'] as const;

const Timestamp = z.iso.datetime({ offset: true });
const DateString = () => z.iso.date().meta({ format: 'date' });
const nullableDate = () => z.iso.date().nullable().meta({ format: 'date' });
const UserRef = z.object({ userId: z.uuid(), name: z.string() });

export const PlanParams = z.strictObject({ planId: z.uuid() });
export const HouseholdParams = z.strictObject({ householdId: z.uuid() });
export const VersionParams = z.strictObject({
  planId: z.uuid(),
  n: z.coerce.number().int().min(1).max(1_000_000),
});
export const EvaluationParams = z.strictObject({ planId: z.uuid(), evaluationId: z.uuid() });
export const BreakGlassParams = z.strictObject({ id: z.uuid() });

// ---------------------------------------------------------------- the plan

const ServiceSchema = z.object({
  serviceId: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['algemeen', 'maatwerk']),
  lawCode: z.string(),
  toewijzingId: z.uuid().nullable().describe('The allocation that delivers it, when granted'),
});

const ActionSchema = z.object({
  id: z.uuid(),
  description: z.string(),
  ownerKind: z.enum(OWNER_KINDS),
  status: z.enum(ACTION_STATUSES),
  dueOn: nullableDate(),
  doneOn: nullableDate(),
});

const GoalSchema = z.object({
  id: z.uuid(),
  description: z.string(),
  lifeDomainCode: z.string().nullable(),
  ownerKind: z.enum(OWNER_KINDS),
  ownerPersonId: z.uuid().nullable(),
  ownerProfessionalId: z.uuid().nullable(),
  targetDate: DateString(),
  status: z.enum(GOAL_STATUSES),
  actions: z.array(ActionSchema),
  services: z.array(ServiceSchema),
});

export const EvaluationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['start', 'evaluatie']),
    plannedOn: DateString(),
    heldOn: nullableDate(),
    outcome: z.enum(EVALUATION_OUTCOMES).nullable(),
    satisfaction: z.number().int().nullable(),
    notes: z.string().nullable(),
    conductedBy: UserRef.nullable(),
  })
  .meta({ id: 'PlanEvaluation' });

const VersionSummarySchema = z.object({
  version: z.number().int(),
  createdAt: Timestamp,
  createdBy: UserRef.nullable(),
  reason: z.string(),
  agreement: z.enum(AGREEMENTS),
  agreementRecordedAt: Timestamp.nullable(),
  agreementNote: z.string().nullable(),
});

export const PlanSchema = z
  .object({
    id: z.uuid(),
    householdId: z.uuid(),
    status: z.enum(PLAN_STATUSES),
    version: z.number().int(),
    openedOn: DateString(),
    closedOn: nullableDate(),
    updatedAt: Timestamp.nullable(),
    team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    regisseur: UserRef.nullable(),
    contactPerson: z.object({ personId: z.uuid(), name: z.string() }).nullable(),
    participants: z.array(
      z.object({
        personId: z.uuid(),
        name: z.string(),
        birthDate: DateString(),
        role: z.enum(['hoofdbewoner', 'partner', 'kind', 'overig']),
        age: z.number().int(),
      }),
    ),
    professionals: z.array(
      z.object({
        id: z.uuid(),
        userId: z.uuid().nullable(),
        name: z.string(),
        organisation: z.string(),
        expertise: z.string(),
        involvedFrom: DateString(),
        involvedUntil: nullableDate(),
      }),
    ),
    goals: z.array(GoalSchema),
    evaluations: z.array(EvaluationSchema),
    versions: z.array(VersionSummarySchema),
    access: z
      .enum(['regisseur', 'betrokken', 'teamleider', 'doorbraak'])
      .describe('Why the caller may open it'),
  })
  .meta({ id: 'Plan' });

export const PlanConflictSchema = z
  .object({ code: z.string(), current: PlanSchema })
  .loose()
  .meta({ id: 'PlanConflict' });

const Text = (max: number) => z.string().trim().min(1).max(max);

export const PlanUpdateSchema = z
  .strictObject({
    reason: Text(1000).describe('Why the plan changes (shown in the version history)'),
    status: z.enum(PLAN_STATUSES).optional().describe('Absent: unchanged'),
    regisseurUserId: z.uuid().nullable().optional().describe('Absent: unchanged'),
    contactPersonId: z.uuid().nullable().optional().describe('A participant; absent: unchanged'),
    professionals: z
      .array(
        z.strictObject({
          id: z.uuid().optional().describe('Absent for a new one'),
          userId: z.uuid().nullable().optional(),
          name: Text(200),
          organisation: Text(200),
          expertise: Text(200),
          involvedFrom: DateString(),
          involvedUntil: nullableDate().optional(),
        }),
      )
      .max(100),
    goals: z
      .array(
        z.strictObject({
          id: z.uuid().optional().describe('Absent for a new one'),
          description: Text(2000),
          lifeDomainCode: z.string().max(40).nullable().optional(),
          ownerKind: z.enum(OWNER_KINDS),
          ownerPersonId: z.uuid().nullable().optional(),
          ownerProfessionalId: z.uuid().nullable().optional().describe('The id of one of `professionals`'),
          targetDate: DateString(),
          status: z.enum(GOAL_STATUSES).optional(),
          actions: z
            .array(
              z.strictObject({
                id: z.uuid().optional(),
                description: Text(2000),
                ownerKind: z.enum(OWNER_KINDS),
                status: z.enum(ACTION_STATUSES).optional(),
                dueOn: nullableDate().optional(),
                doneOn: nullableDate().optional(),
              }),
            )
            .max(50)
            .default([]),
          services: z
            .array(
              z.strictObject({
                serviceId: z.uuid(),
                toewijzingId: z.uuid().nullable().optional(),
              }),
            )
            .max(30)
            .default([]),
        }),
      )
      .max(50),
  })
  .meta({ id: 'PlanUpdate' });
export type PlanUpdate = z.infer<typeof PlanUpdateSchema>;

export const PlanListQuery = z.strictObject({
  mine: z
    .enum(['true'])
    .default('true')
    .describe('Only the plans I direct or am involved in (the only list)'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const PlanListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        householdId: z.uuid(),
        address: z.string().nullable(),
        participants: z.array(z.string()),
        status: z.enum(PLAN_STATUSES),
        regisseur: UserRef.nullable(),
        nextEvaluationOn: nullableDate(),
        unreadMessages: z.number().int(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'PlanList' });

// ---------------------------------------------------------------- versions

export const PlanVersionSchema = VersionSummarySchema.extend({
  snapshot: z.record(z.string(), z.unknown()).describe('The plan as it was in this version'),
}).meta({ id: 'PlanVersion' });

export const CompareQuery = z.strictObject({
  from: z.coerce.number().int().min(1).max(1_000_000),
  to: z.coerce.number().int().min(1).max(1_000_000),
});

export const PlanDiffSchema = z
  .object({ from: z.number().int(), to: z.number().int() })
  .catchall(z.unknown())
  .meta({ id: 'PlanDiff' });

export const AgreementSchema = z
  .strictObject({
    agreement: z.enum(['akkoord', 'niet-akkoord']),
    note: Text(2000).optional(),
  })
  .meta({ id: 'PlanAgreement' });

export const VersionSummaryResponse = VersionSummarySchema.meta({ id: 'PlanVersionSummary' });

// ---------------------------------------------------------------- scores and evaluations

const ScoreInput = z.strictObject({
  personId: z.uuid(),
  lifeDomainCode: z.string().max(40),
  score: z.number().int().min(1).max(5),
});

export const ScoresSchema = z
  .object({
    series: z.array(
      z.object({
        personId: z.uuid(),
        lifeDomainCode: z.string(),
        measurements: z.array(
          z.object({ assessedOn: DateString(), score: z.number().int(), source: z.enum(SCORE_SOURCES) }),
        ),
      }),
    ),
  })
  .meta({ id: 'PlanScores' });

export const StartMeasurementSchema = z
  .strictObject({ assessedOn: DateString(), scores: z.array(ScoreInput).min(1).max(200) })
  .meta({ id: 'PlanStartMeasurement' });

export const EvaluationCreateSchema = z
  .strictObject({ plannedOn: DateString() })
  .meta({ id: 'PlanEvaluationCreate' });

export const EvaluationHeldSchema = z
  .strictObject({
    heldOn: DateString(),
    outcome: z.enum(EVALUATION_OUTCOMES),
    satisfaction: z.number().int().min(1).max(10).optional(),
    notes: Text(4000).optional(),
    scores: z.array(ScoreInput).max(200),
    goalStatuses: z
      .array(z.strictObject({ goalId: z.uuid(), status: z.enum(GOAL_STATUSES) }))
      .max(50)
      .default([]),
  })
  .meta({ id: 'PlanEvaluationHeld' });

export const EvaluationHeldResponse = z
  .object({
    evaluation: EvaluationSchema,
    version: z.number().int().describe("The plan's version afterwards"),
  })
  .meta({ id: 'PlanEvaluationHeldResult' });

export const WorklistSchema = z
  .object({
    evaluations: z.array(
      z.object({
        planId: z.uuid(),
        householdId: z.uuid(),
        evaluationId: z.uuid(),
        plannedOn: DateString(),
        overdue: z.boolean(),
        participants: z.array(z.string()),
      }),
    ),
    eighteen: z.array(
      z.object({
        planId: z.uuid(),
        personId: z.uuid(),
        name: z.string(),
        eighteenOn: DateString(),
        toewijzingen: z.array(
          z.object({
            id: z.uuid(),
            serviceCode: z.string(),
            serviceName: z.string(),
            startDate: DateString(),
            endDate: nullableDate(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PlanWorklist' });

// ---------------------------------------------------------------- break the glass

export const BreakGlassCreateSchema = z
  .strictObject({ reason: z.string().trim().min(20).max(2000).describe('Why, at least 20 characters') })
  .meta({ id: 'BreakGlassCreate' });

export const BreakGlassCreatedSchema = z
  .object({ id: z.uuid(), expiresAt: Timestamp })
  .meta({ id: 'BreakGlassCreated' });

export const BreakGlassQuery = z.strictObject({
  reviewed: z.enum(['true', 'false']).optional().describe('Absent: all'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const BreakGlassSchema = z
  .object({
    id: z.uuid(),
    user: UserRef,
    planId: z.uuid(),
    householdId: z.uuid(),
    householdAddress: z.string().nullable(),
    reason: z.string(),
    grantedAt: Timestamp,
    expiresAt: Timestamp,
    reviewedAt: Timestamp.nullable(),
    reviewedBy: UserRef.nullable(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: 'BreakGlass' });

export const BreakGlassListSchema = z
  .object({
    items: z.array(BreakGlassSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'BreakGlassList' });

export const BreakGlassReviewSchema = z.strictObject({ note: Text(2000) }).meta({ id: 'BreakGlassReview' });
