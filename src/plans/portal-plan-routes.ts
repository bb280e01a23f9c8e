import { z } from 'zod';
import { localDate } from '../intake/local-date.ts';
import type { GripApp } from '../platform/http/types.ts';
import {
  DocumentSchema,
  AgreementInputSchema,
  NoQuery,
  VersionParams,
  documentBody,
} from './exchange-schemas.ts';
import { notifyAgreement } from './exchange-service.ts';
import { planDocuments } from './documents-repository.ts';
import { residentPlan } from './messages-routes.ts';
import { getPlanView, type PlanView } from './plan-view.ts';
import { recordResidentAgreement } from './portal-plan-repository.ts';

/**
 * The resident's own plan in the portal (docs/api/plans.md): in plain words, and their answer to the
 * newest version. Messages, documents and the PDF are in messages-routes.ts, documents-routes.ts and
 * plan-pdf-routes.ts.
 */

const TAGS = ['Mijn omgeving'];
const Bilingual = z.object({ nl: z.string(), en: z.string() });

const GOAL_STATUS_TEXT: Record<string, { nl: string; en: string }> = {
  open: { nl: 'Nog bezig', en: 'In progress' },
  behaald: { nl: 'Gelukt', en: 'Achieved' },
  'deels-behaald': { nl: 'Voor een deel gelukt', en: 'Partly achieved' },
  'niet-behaald': { nl: 'Niet gelukt', en: 'Not achieved' },
  vervallen: { nl: 'Niet meer nodig', en: 'No longer needed' },
};

const OWNER_TEXT = {
  inwoner: { nl: 'U zelf', en: 'You' },
  netwerk: {
    nl: 'Uw netwerk: familie, vrienden of buren',
    en: 'Your network: family, friends or neighbours',
  },
  professional: { nl: 'Een hulpverlener', en: 'A professional' },
} as const;

export const PortalPlanSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['concept', 'actief', 'afgesloten']),
    version: z.number().int(),
    openedOn: z.iso.date(),
    nextEvaluationOn: z.iso.date().nullable(),
    participants: z.array(z.object({ personId: z.uuid(), name: z.string(), age: z.number().int() })),
    regisseur: z.object({ name: z.string() }).nullable(),
    contactPerson: z.object({ name: z.string() }).nullable(),
    professionals: z.array(z.object({ name: z.string(), organisation: z.string(), expertise: z.string() })),
    goals: z.array(
      z.object({
        id: z.uuid(),
        description: z.string(),
        ownerKind: z.enum(['inwoner', 'netwerk', 'professional']),
        owner: Bilingual,
        targetDate: z.iso.date(),
        status: z.enum(['open', 'behaald', 'deels-behaald', 'niet-behaald', 'vervallen']),
        statusText: Bilingual,
        actions: z.array(
          z.object({
            id: z.uuid(),
            description: z.string(),
            ownerKind: z.enum(['inwoner', 'netwerk', 'professional']),
            owner: Bilingual,
            dueOn: z.iso.date().nullable(),
            doneOn: z.iso.date().nullable(),
          }),
        ),
        services: z.array(
          z.object({ name: z.string(), kind: z.enum(['algemeen', 'maatwerk']), lawCode: z.string() }),
        ),
      }),
    ),
    versions: z.array(
      z.object({
        version: z.number().int(),
        createdAt: z.iso.datetime({ offset: true }),
        createdBy: z.string().nullable(),
        reason: z.string(),
        agreement: z.enum(['open', 'akkoord', 'niet-akkoord']),
        agreementRecordedAt: z.iso.datetime({ offset: true }).nullable(),
        agreementNote: z.string().nullable(),
      }),
    ),
    documents: z.array(DocumentSchema),
  })
  .meta({ id: 'PortalPlan' });

const AgreementResultSchema = z.object({
  version: z.number().int(),
  agreement: z.enum(['akkoord', 'niet-akkoord']),
  agreementRecordedAt: z.iso.datetime({ offset: true }),
  note: z.string().nullable(),
});

function ownerOf(
  plan: PlanView,
  kind: 'inwoner' | 'netwerk' | 'professional',
  personId: string | null,
  professionalId: string | null,
) {
  if (kind === 'inwoner' && personId) {
    const person = plan.participants.find((p) => p.personId === personId);
    if (person) return { nl: person.name, en: person.name };
  }
  if (kind === 'professional' && professionalId) {
    const professional = plan.professionals.find((p) => p.id === professionalId);
    if (professional) {
      const text = `${professional.name} (${professional.organisation})`;
      return { nl: text, en: text };
    }
  }
  return OWNER_TEXT[kind];
}

/** The plan in plain words: no internal ids beyond what the portal needs, no notes of evaluations. */
export function portalPlanBody(
  plan: PlanView,
  today: string,
): Omit<z.infer<typeof PortalPlanSchema>, 'documents'> {
  const next = plan.evaluations
    .filter((e) => e.kind === 'evaluatie' && e.heldOn === null)
    .sort((a, b) => a.plannedOn.localeCompare(b.plannedOn))[0];
  return {
    id: plan.id,
    status: plan.status,
    version: plan.version,
    openedOn: plan.openedOn,
    nextEvaluationOn: next?.plannedOn ?? null,
    participants: plan.participants.map((p) => ({ personId: p.personId, name: p.name, age: p.age })),
    regisseur: plan.regisseur ? { name: plan.regisseur.name } : null,
    contactPerson: plan.contactPerson ? { name: plan.contactPerson.name } : null,
    professionals: plan.professionals
      .filter((p) => p.involvedUntil === null || p.involvedUntil >= today)
      .map((p) => ({ name: p.name, organisation: p.organisation, expertise: p.expertise })),
    goals: plan.goals.map((g) => ({
      id: g.id,
      description: g.description,
      ownerKind: g.ownerKind,
      owner: ownerOf(plan, g.ownerKind, g.ownerPersonId, g.ownerProfessionalId),
      targetDate: g.targetDate,
      status: g.status,
      statusText: GOAL_STATUS_TEXT[g.status]!,
      actions: g.actions.map((a) => ({
        id: a.id,
        description: a.description,
        ownerKind: a.ownerKind,
        owner: OWNER_TEXT[a.ownerKind],
        dueOn: a.dueOn,
        doneOn: a.doneOn,
      })),
      services: g.services.map((s) => ({ name: s.name, kind: s.kind, lawCode: s.lawCode })),
    })),
    versions: plan.versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      createdBy: v.createdBy?.name ?? null,
      reason: v.reason,
      agreement: v.agreement,
      agreementRecordedAt: v.agreementRecordedAt,
      agreementNote: v.agreementNote,
    })),
  };
}

export function registerPortalPlanRoutes(app: GripApp): void {
  app.get(
    '/api/v1/portal/plan',
    {
      config: { action: 'portal-plan.read' },
      schema: {
        tags: TAGS,
        summary:
          "My household's plan in plain words: goals, actions, help, who is involved, versions and my agreement (404 no-plan when there is none I may see)",
        querystring: NoQuery,
        response: { 200: PortalPlanSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const today = localDate();
      return request.tenant(async (tx) => {
        const own = await residentPlan(request, tx);
        const plan = (await getPlanView(tx, municipalityCode, own.planId, today))!;
        const documents = await planDocuments(tx, municipalityCode, own.planId);
        return { ...portalPlanBody(plan, today), documents: documents.map(documentBody) };
      });
    },
  );

  app.post(
    '/api/v1/portal/plan/versions/:version/agreement',
    {
      config: { action: 'portal-plan-agreement.create' },
      schema: {
        tags: TAGS,
        summary:
          'I agree or disagree with the newest version of my plan (409 for an older version); the regisseur is told',
        params: VersionParams,
        body: AgreementInputSchema,
        response: { 200: AgreementResultSchema },
      },
    },
    async (request) => {
      const { municipalityCode, userId } = request.grip.actor!;
      const { agreement, note } = request.body;
      return request.tenant(async (tx) => {
        const own = await residentPlan(request, tx);
        const result = await recordResidentAgreement(tx, municipalityCode, {
          planId: own.planId,
          version: request.params.version,
          agreement,
          note: note ?? null,
          userId,
        });
        const plan = await tx
          .selectFrom('household_plan')
          .select('regisseur_user_id')
          .where('municipality_code', '=', municipalityCode)
          .where('id', '=', own.planId)
          .executeTakeFirstOrThrow();
        await notifyAgreement(tx, municipalityCode, own.planId, plan.regisseur_user_id, userId, {
          version: result.version,
          agreement: result.agreement,
        });
        return {
          version: result.version,
          agreement: result.agreement,
          agreementRecordedAt: result.agreementRecordedAt.toISOString(),
          note: note ?? null,
        };
      });
    },
  );
}
