import type { FastifyReply } from 'fastify';
import type { GripApp } from '../platform/http/types.ts';
import { NoQuery, PlanParams } from './exchange-schemas.ts';
import { professionalPlan, residentPlan } from './messages-routes.ts';
import { planPdfData, renderPlanPdf, type PlanPdfData } from './plan-pdf.ts';

/** The plan as a PDF in plain Dutch (docs/api/plans.md), for the professionals and in the portal. */

async function sendPdf(reply: FastifyReply, data: PlanPdfData) {
  const pdf = await renderPlanPdf(data);
  return reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `attachment; filename="plan-${data.today}.pdf"`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}

export function registerPlanPdfRoutes(app: GripApp): void {
  app.get(
    '/api/v1/plans/:planId/pdf',
    {
      config: { action: 'plan-pdf.read' },
      schema: {
        tags: ['Plannen'],
        summary: 'The plan in plain Dutch as a PDF (application/pdf), to give to the resident',
        params: PlanParams,
        querystring: NoQuery,
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const data = await request.tenant(async (tx) => {
        await professionalPlan(request, tx, request.params.planId);
        return (await planPdfData(tx, municipalityCode, request.params.planId))!;
      });
      return sendPdf(reply, data);
    },
  );

  app.get(
    '/api/v1/portal/plan/pdf',
    {
      config: { action: 'portal-plan-pdf.read' },
      schema: {
        tags: ['Mijn omgeving'],
        summary: 'My plan as a PDF (application/pdf)',
        querystring: NoQuery,
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const data = await request.tenant(async (tx) => {
        const plan = await residentPlan(request, tx);
        return (await planPdfData(tx, municipalityCode, plan.planId))!;
      });
      return sendPdf(reply, data);
    },
  );
}
