import { z } from 'zod';
import { localDate } from '../intake/local-date.ts';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, problem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { notBeforeReport, notInFuture } from './follow-up-dates.ts';
import {
  assertProviderUnique,
  checklistOf,
  checksOf,
  coversJeugdwet,
  findProvider,
  incidentActions,
  providerNotFound,
  toProvider,
} from './provider-repository.ts';
import {
  IdParams,
  IncidentActionInputSchema,
  IncidentCreateSchema,
  IncidentListQuery,
  IncidentSchema,
  ProviderDetailSchema,
  ProviderInputSchema,
  ProviderListQuery,
  ProviderSchema,
  QualityCheckCreatedSchema,
  QualityCheckInputSchema,
  QualityChecksSchema,
} from './provider-schemas.ts';
import type { Tx } from '../platform/db/database.ts';

/**
 * Providers (docs/api/services.md): registration with KvK number and AGB code, the quality checks before
 * contracting (the barrièremodel checklist) and during the contract (audits), and incidents with their
 * follow-up. Contracts are in contract-routes.ts, the fraud register in fraud-routes.ts.
 */

const TAGS = ['Providers'];
const DURING_CONTRACT_ONLY = new Set(['audit', 'steekproef-dossiers', 'clientervaring']);

const incidentNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Dit incident bestaat niet in deze gemeente.',
    en: 'This incident does not exist in this municipality.',
  });

async function incidentView(tx: Tx, m: string, id: string) {
  const row = await tx
    .selectFrom('provider_incident as i')
    .innerJoin('provider as p', (j) =>
      j.onRef('p.municipality_code', '=', 'i.municipality_code').onRef('p.id', '=', 'i.provider_id'),
    )
    .where('i.municipality_code', '=', m)
    .where('i.id', '=', id)
    .selectAll('i')
    .select('p.name as provider_name')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    providerId: row.provider_id,
    providerName: row.provider_name,
    kind: row.kind,
    occurredDate: row.occurred_on,
    reportedDate: row.reported_on,
    summary: row.summary,
    status: row.status,
    closedDate: row.closed_on,
    version: row.version,
    actions: await incidentActions(tx, m, row.id),
  };
}

export function registerProviderRoutes(app: GripApp): void {
  app.get(
    '/api/v1/providers',
    {
      config: { action: 'provider.list' },
      schema: {
        tags: TAGS,
        summary: 'Providers, by name',
        querystring: ProviderListQuery,
        response: {
          200: z
            .object({ items: z.array(ProviderSchema), total: z.number().int(), page: z.number().int() })
            .meta({ id: 'ProviderList' }),
        },
      },
    },
    async (request) => {
      const { municipalityCode: m } = request.grip.actor!;
      const { q, page, pageSize } = request.query;
      return request.tenant(async (tx) => {
        let query = tx.selectFrom('provider').where('municipality_code', '=', m);
        if (q) {
          const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          query = query.where((eb) =>
            eb.or([eb('name', 'ilike', like), eb('kvk_number', '=', q), eb('agb_code', '=', q)]),
          );
        }
        const { total } = await query
          .select((eb) => eb.fn.countAll<string>().as('total'))
          .executeTakeFirstOrThrow();
        const rows = await query
          .selectAll()
          .orderBy('name')
          .orderBy('id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute();
        return { items: rows.map(toProvider), total: Number(total), page };
      });
    },
  );

  app.get(
    '/api/v1/providers/:id',
    {
      config: { action: 'provider.read' },
      schema: {
        tags: TAGS,
        summary: 'One provider with its contracts and the services it delivers',
        params: IdParams,
        response: { 200: ProviderDetailSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const detail = await request.tenant(async (tx) => {
        const row = await findProvider(tx, m, request.params.id);
        if (!row) throw providerNotFound();
        const contracts = await tx
          .selectFrom('contract')
          .select(['id', 'reference', 'lot', 'funding_variant', 'status', 'valid_from', 'valid_until'])
          .where('municipality_code', '=', m)
          .where('provider_id', '=', row.id)
          .orderBy('valid_from', 'desc')
          .orderBy('reference')
          .execute();
        const services = await tx
          .selectFrom('contract_product as cp')
          .innerJoin('contract as c', (j) =>
            j.onRef('c.municipality_code', '=', 'cp.municipality_code').onRef('c.id', '=', 'cp.contract_id'),
          )
          .innerJoin('service as s', (j) =>
            j.onRef('s.municipality_code', '=', 'cp.municipality_code').onRef('s.id', '=', 'cp.service_id'),
          )
          .where('cp.municipality_code', '=', m)
          .where('c.provider_id', '=', row.id)
          .select(['s.id', 's.code', 's.name', 's.law_code'])
          .distinct()
          .orderBy('s.code')
          .execute();
        return {
          ...toProvider(row),
          contracts: contracts.map((c) => ({
            id: c.id,
            reference: c.reference,
            lot: c.lot,
            fundingVariant: c.funding_variant,
            status: c.status,
            validFromDate: c.valid_from,
            validUntilDate: c.valid_until,
          })),
          services: services.map((s) => ({
            serviceId: s.id,
            code: s.code,
            name: s.name,
            lawCode: s.law_code,
          })),
        };
      });
      setEtag(reply, detail.version);
      return detail;
    },
  );

  app.post(
    '/api/v1/providers',
    {
      config: { action: 'provider.create' },
      schema: {
        tags: TAGS,
        summary: 'Register a provider (409 when the KvK number or AGB code is taken)',
        body: ProviderInputSchema,
        response: { 201: ProviderSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const b = request.body;
      const provider = await request.tenant(async (tx) => {
        await assertProviderUnique(tx, m, b.kvkNumber, b.agbCode);
        const row = await tx
          .insertInto('provider')
          .values({
            municipality_code: m,
            name: b.name,
            kvk_number: b.kvkNumber,
            agb_code: b.agbCode,
            city: b.city,
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toProvider(row);
      });
      setEtag(reply, provider.version);
      return reply.code(201).send(provider);
    },
  );

  app.put(
    '/api/v1/providers/:id',
    {
      config: { action: 'provider.update' },
      schema: {
        tags: TAGS,
        summary: 'Change a provider (If-Match)',
        params: IdParams,
        body: ProviderInputSchema,
        response: { 200: ProviderSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const expected = requiredVersion(request);
      const b = request.body;
      const provider = await request.tenant(async (tx) => {
        const current = await findProvider(tx, m, request.params.id, true);
        if (!current) throw providerNotFound();
        if (current.version !== expected) throw versionConflict(current.version);
        await assertProviderUnique(tx, m, b.kvkNumber, b.agbCode, current.id);
        const row = await tx
          .updateTable('provider')
          .set({
            name: b.name,
            kvk_number: b.kvkNumber,
            agb_code: b.agbCode,
            city: b.city,
            version: current.version + 1,
            updated_at: new Date(),
          })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toProvider(row);
      });
      setEtag(reply, provider.version);
      return provider;
    },
  );

  app.get(
    '/api/v1/providers/:id/quality-checks',
    {
      config: { action: 'quality-check.list' },
      schema: {
        tags: TAGS,
        summary: "A provider's quality checks, newest first, and its checklist before contracting",
        params: IdParams,
        response: { 200: QualityChecksSchema },
      },
    },
    async (request) => {
      const { municipalityCode: m } = request.grip.actor!;
      return request.tenant(async (tx) => {
        const provider = await findProvider(tx, m, request.params.id);
        if (!provider) throw providerNotFound();
        const jeugdwet = await coversJeugdwet(tx, m, { providerId: provider.id });
        return {
          checks: await checksOf(tx, m, provider.id),
          checklist: await checklistOf(tx, m, provider.id, jeugdwet),
        };
      });
    },
  );

  app.post(
    '/api/v1/providers/:id/quality-checks',
    {
      config: { action: 'quality-check.create' },
      schema: {
        tags: TAGS,
        summary: 'Record a quality check; an audit not met opens an incident to follow up',
        params: IdParams,
        body: QualityCheckInputSchema,
        response: { 201: QualityCheckCreatedSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m, userId } = request.grip.actor!;
      const b = request.body;
      notInFuture('body.checkedDate', b.checkedDate);
      if (b.phase === 'voor-contractering' && DURING_CONTRACT_ONLY.has(b.item))
        throw invalid([
          {
            name: 'body.item',
            code: 'during-contract-only',
            reason: {
              nl: 'Audits, dossiersteekproeven en cliëntervaring horen bij de fase tijdens het contract.',
              en: 'Audits, file samples and client experience belong to the phase during the contract.',
            },
          },
        ]);
      const created = await request.tenant(async (tx) => {
        const provider = await findProvider(tx, m, request.params.id);
        if (!provider) throw providerNotFound();
        const row = await tx
          .insertInto('quality_check')
          .values({
            municipality_code: m,
            provider_id: provider.id,
            phase: b.phase,
            item: b.item,
            outcome: b.outcome,
            checked_on: b.checkedDate,
            notes: b.notes,
            recorded_by: userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        let incidentId: string | null = null;
        if (b.phase === 'tijdens-contract' && b.outcome === 'niet-voldaan') {
          const incident = await tx
            .insertInto('provider_incident')
            .values({
              municipality_code: m,
              provider_id: provider.id,
              kind: 'auditbevinding',
              occurred_on: b.checkedDate,
              reported_on: b.checkedDate,
              summary:
                `Kwaliteitscontrole "${b.item}" niet voldaan op ${b.checkedDate}.${b.notes ? ` ${b.notes}` : ''}`.slice(
                  0,
                  2000,
                ),
              status: 'gemeld',
              reported_by: userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          incidentId = incident.id;
        }
        const check = (await checksOf(tx, m, provider.id)).find((c) => c.id === row.id)!;
        return { ...check, incidentId };
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/provider-incidents',
    {
      config: { action: 'provider-incident.list' },
      schema: {
        tags: TAGS,
        summary: 'Incidents, calamities, complaints and audit findings, newest first',
        querystring: IncidentListQuery,
        response: {
          200: z
            .object({ items: z.array(IncidentSchema.omit({ actions: true })) })
            .meta({ id: 'ProviderIncidentList' }),
        },
      },
    },
    async (request) => {
      const { municipalityCode: m } = request.grip.actor!;
      const { providerId, status, kind } = request.query;
      return request.tenant(async (tx) => {
        let query = tx
          .selectFrom('provider_incident as i')
          .innerJoin('provider as p', (j) =>
            j.onRef('p.municipality_code', '=', 'i.municipality_code').onRef('p.id', '=', 'i.provider_id'),
          )
          .where('i.municipality_code', '=', m)
          .selectAll('i')
          .select('p.name as provider_name');
        if (providerId) query = query.where('i.provider_id', '=', providerId);
        if (status) query = query.where('i.status', '=', status);
        if (kind) query = query.where('i.kind', '=', kind);
        const rows = await query.orderBy('i.reported_on', 'desc').orderBy('i.id').limit(1000).execute();
        return {
          items: rows.map((row) => ({
            id: row.id,
            providerId: row.provider_id,
            providerName: row.provider_name,
            kind: row.kind,
            occurredDate: row.occurred_on,
            reportedDate: row.reported_on,
            summary: row.summary,
            status: row.status,
            closedDate: row.closed_on,
            version: row.version,
          })),
        };
      });
    },
  );

  app.get(
    '/api/v1/provider-incidents/:id',
    {
      config: { action: 'provider-incident.read' },
      schema: {
        tags: TAGS,
        summary: 'One incident with its follow-up',
        params: IdParams,
        response: { 200: IncidentSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const incident = await request.tenant(async (tx) => {
        const view = await incidentView(tx, m, request.params.id);
        if (!view) throw incidentNotFound();
        return view;
      });
      setEtag(reply, incident.version);
      return incident;
    },
  );

  app.post(
    '/api/v1/providers/:id/incidents',
    {
      config: { action: 'provider-incident.create' },
      schema: {
        tags: TAGS,
        summary: 'Report an incident, calamity, complaint or audit finding about a provider',
        params: IdParams,
        body: IncidentCreateSchema,
        response: { 201: IncidentSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m, userId } = request.grip.actor!;
      const b = request.body;
      const reported = b.reportedDate ?? localDate();
      notInFuture('body.occurredDate', b.occurredDate);
      notInFuture('body.reportedDate', reported);
      if (reported < b.occurredDate)
        throw invalid([
          {
            name: 'body.reportedDate',
            code: 'before-occurred',
            reason: {
              nl: 'Een melding komt niet voor het voorval.',
              en: 'A report cannot precede the event.',
            },
          },
        ]);
      const incident = await request.tenant(async (tx) => {
        const provider = await findProvider(tx, m, request.params.id);
        if (!provider) throw providerNotFound();
        const row = await tx
          .insertInto('provider_incident')
          .values({
            municipality_code: m,
            provider_id: provider.id,
            kind: b.kind,
            occurred_on: b.occurredDate,
            reported_on: reported,
            summary: b.summary,
            status: 'gemeld',
            reported_by: userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return (await incidentView(tx, m, row.id))!;
      });
      setEtag(reply, incident.version);
      return reply.code(201).send(incident);
    },
  );

  app.post(
    '/api/v1/provider-incidents/:id/actions',
    {
      config: { action: 'provider-incident.follow-up' },
      schema: {
        tags: TAGS,
        summary: 'Record a follow-up action and the new status (If-Match); afgehandeld closes the incident',
        params: IdParams,
        body: IncidentActionInputSchema,
        response: { 201: IncidentSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m, userId } = request.grip.actor!;
      const expected = requiredVersion(request);
      const b = request.body;
      notInFuture('body.actionDate', b.actionDate);
      const incident = await request.tenant(async (tx) => {
        const current = await tx
          .selectFrom('provider_incident')
          .selectAll()
          .where('municipality_code', '=', m)
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw incidentNotFound();
        if (current.version !== expected) throw versionConflict(current.version);
        notBeforeReport(b.actionDate, current.reported_on);
        await tx
          .insertInto('provider_incident_action')
          .values({
            municipality_code: m,
            incident_id: current.id,
            action_date: b.actionDate,
            description: b.description,
            status_after: b.status,
            recorded_by: userId,
          })
          .execute();
        await tx
          .updateTable('provider_incident')
          .set({
            status: b.status,
            closed_on: b.status === 'afgehandeld' ? b.actionDate : null,
            version: current.version + 1,
          })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .execute();
        return (await incidentView(tx, m, current.id))!;
      });
      setEtag(reply, incident.version);
      return reply.code(201).send(incident);
    },
  );
}
