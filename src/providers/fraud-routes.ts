import { z } from 'zod';
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, problem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { notBeforeReport, notInFuture } from './follow-up-dates.ts';
import { findProvider, fraudActions } from './provider-repository.ts';
import {
  FraudActionInputSchema,
  FraudCreateSchema,
  FraudListQuery,
  FraudSchema,
  IdParams,
} from './provider-schemas.ts';

/**
 * The register of suspicions of fraud by providers (docs/api/services.md): caseworkers and the controller
 * report; only the controller (beleidsadviseur) reads the register and records its follow-up — each step
 * with its date, who recorded it and the status after it. Every access is in the processing log with the
 * purpose 'bestrijding-misbruik-oneigenlijk-gebruik' (src/access/catalogue-actions.ts); the subjects
 * recorded are the suspicions.
 */

const TAGS = ['Providers'];
const CLOSING = new Set(['ongegrond', 'afgesloten']);

const suspicionNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Deze melding van een fraudevermoeden bestaat niet in deze gemeente.',
    en: 'This suspicion of fraud does not exist in this municipality.',
  });

function listQuery(tx: Tx, m: string) {
  return tx
    .selectFrom('fraud_suspicion as f')
    .innerJoin('provider as p', (j) =>
      j.onRef('p.municipality_code', '=', 'f.municipality_code').onRef('p.id', '=', 'f.provider_id'),
    )
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.municipality_code', '=', 'f.municipality_code').onRef('u.id', '=', 'f.reported_by'),
    )
    .where('f.municipality_code', '=', m)
    .selectAll('f')
    .select(['p.name as provider_name', 'u.display_name as reported_by_name']);
}

type Row = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

function toSuspicion(row: Row) {
  return {
    id: row.id,
    providerId: row.provider_id,
    providerName: row.provider_name,
    reportedDate: row.reported_on,
    source: row.source,
    summary: row.summary,
    status: row.status,
    followUp: row.follow_up,
    closedDate: row.closed_on,
    reportedBy: row.reported_by_name,
    version: row.version,
  };
}

async function suspicionView(tx: Tx, m: string, id: string) {
  const row = await listQuery(tx, m).where('f.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...toSuspicion(row), actions: await fraudActions(tx, m, row.id) };
}

export function registerFraudRoutes(app: GripApp): void {
  app.get(
    '/api/v1/fraud-suspicions',
    {
      config: { action: 'fraud-suspicion.list' },
      schema: {
        tags: TAGS,
        summary: 'The register of suspicions of fraud, newest first',
        querystring: FraudListQuery,
        response: {
          200: z
            .object({ items: z.array(FraudSchema.omit({ actions: true })) })
            .meta({ id: 'FraudSuspicionList' }),
        },
      },
    },
    async (request) => {
      const { municipalityCode: m } = request.grip.actor!;
      const { providerId, status, open } = request.query;
      return request.tenant(async (tx) => {
        let query = listQuery(tx, m);
        if (providerId) query = query.where('f.provider_id', '=', providerId);
        if (status) query = query.where('f.status', '=', status);
        if (open === 'true') query = query.where('f.status', 'not in', ['ongegrond', 'afgesloten']);
        if (open === 'false') query = query.where('f.status', 'in', ['ongegrond', 'afgesloten']);
        const rows = await query.orderBy('f.reported_on', 'desc').orderBy('f.id').limit(1000).execute();
        request.recordSubjects(
          'fraud-suspicion',
          rows.map((r) => r.id),
        );
        return { items: rows.map(toSuspicion) };
      });
    },
  );

  app.get(
    '/api/v1/fraud-suspicions/:id',
    {
      config: { action: 'fraud-suspicion.read' },
      schema: {
        tags: TAGS,
        summary: 'One suspicion of fraud with its follow-up',
        params: IdParams,
        response: { 200: FraudSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const suspicion = await request.tenant(async (tx) => {
        const view = await suspicionView(tx, m, request.params.id);
        if (!view) throw suspicionNotFound();
        request.recordSubjects('fraud-suspicion', [view.id]);
        return view;
      });
      setEtag(reply, suspicion.version);
      return suspicion;
    },
  );

  app.post(
    '/api/v1/fraud-suspicions',
    {
      config: { action: 'fraud-suspicion.create' },
      schema: {
        tags: TAGS,
        summary: 'Report a suspicion of fraud by a provider',
        body: FraudCreateSchema,
        response: { 201: FraudSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m, userId } = request.grip.actor!;
      const b = request.body;
      const reported = b.reportedDate ?? localDate();
      notInFuture('body.reportedDate', reported);
      const suspicion = await request.tenant(async (tx) => {
        const provider = await findProvider(tx, m, b.providerId);
        if (!provider)
          throw invalid([
            {
              name: 'body.providerId',
              code: 'unknown-provider',
              reason: {
                nl: 'Deze aanbieder bestaat niet in deze gemeente.',
                en: 'This provider does not exist here.',
              },
            },
          ]);
        const row = await tx
          .insertInto('fraud_suspicion')
          .values({
            municipality_code: m,
            provider_id: provider.id,
            reported_on: reported,
            source: b.source,
            summary: b.summary,
            status: 'gemeld',
            reported_by: userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        request.recordSubjects('fraud-suspicion', [row.id]);
        return (await suspicionView(tx, m, row.id))!;
      });
      setEtag(reply, suspicion.version);
      return reply.code(201).send(suspicion);
    },
  );

  app.post(
    '/api/v1/fraud-suspicions/:id/actions',
    {
      config: { action: 'fraud-suspicion.follow-up' },
      schema: {
        tags: TAGS,
        summary: 'Record a follow-up action and the new status (If-Match); ongegrond and afgesloten close it',
        params: IdParams,
        body: FraudActionInputSchema,
        response: { 201: FraudSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m, userId } = request.grip.actor!;
      const expected = requiredVersion(request);
      const b = request.body;
      notInFuture('body.actionDate', b.actionDate);
      const suspicion = await request.tenant(async (tx) => {
        const current = await tx
          .selectFrom('fraud_suspicion')
          .selectAll()
          .where('municipality_code', '=', m)
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw suspicionNotFound();
        request.recordSubjects('fraud-suspicion', [current.id]);
        if (current.version !== expected) throw versionConflict(current.version);
        notBeforeReport(b.actionDate, current.reported_on);
        await tx
          .insertInto('fraud_suspicion_action')
          .values({
            municipality_code: m,
            suspicion_id: current.id,
            action_date: b.actionDate,
            description: b.description,
            status_after: b.status,
            recorded_by: userId,
          })
          .execute();
        await tx
          .updateTable('fraud_suspicion')
          .set({
            status: b.status,
            follow_up: b.description,
            closed_on: CLOSING.has(b.status) ? b.actionDate : null,
            version: current.version + 1,
          })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .execute();
        return (await suspicionView(tx, m, current.id))!;
      });
      setEtag(reply, suspicion.version);
      return reply.code(201).send(suspicion);
    },
  );
}
