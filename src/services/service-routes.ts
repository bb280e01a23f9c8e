import { z } from 'zod';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { problem } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { tariffUnit } from './tariff-unit.ts';
import {
  assertNoTariffOverlap,
  findService,
  locationColumns,
  locationsOf,
  periodProblem,
  providersOf,
  serviceColumns,
  serviceNotFound,
  tariffsOf,
  toService,
  validateService,
} from './service-repository.ts';
import {
  IdParams,
  LocationInputSchema,
  LocationSchema,
  ServiceActiveSchema,
  ServiceCreateSchema,
  ServiceDetailSchema,
  ServiceListQuery,
  ServiceSchema,
  ServiceUpdateSchema,
  TariffCreateSchema,
  TariffParams,
  TariffSchema,
  TariffUpdateSchema,
} from './service-schemas.ts';

/**
 * Catalogue maintenance (docs/api/services.md): the functioneel beheerder keeps the services, their
 * reference tariffs by period (no overlap per service) and their locations by wijk; every logged-in role
 * reads. Every change carries the row's version (ETag / If-Match).
 */

const TAGS = ['Catalogue'];

const locationNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Deze locatie bestaat niet in deze gemeente.',
    en: 'This location does not exist in this municipality.',
  });

export function registerServiceRoutes(app: GripApp): void {
  app.get(
    '/api/v1/services',
    {
      config: { action: 'service.list' },
      schema: {
        tags: TAGS,
        summary: 'The catalogue of services',
        querystring: ServiceListQuery,
        response: { 200: z.object({ items: z.array(ServiceSchema) }).meta({ id: 'ServiceList' }) },
      },
    },
    async (request) => {
      const { municipalityCode: m } = request.grip.actor!;
      const { kind, lawCode, active } = request.query;
      return request.tenant(async (tx) => {
        let query = tx.selectFrom('service').selectAll().where('municipality_code', '=', m);
        if (kind) query = query.where('kind', '=', kind);
        if (lawCode) query = query.where('law_code', '=', lawCode);
        if (active !== 'all') query = query.where('active', '=', active === 'true');
        const rows = await query.orderBy('kind').orderBy('law_code').orderBy('code').execute();
        return { items: rows.map(toService) };
      });
    },
  );

  app.get(
    '/api/v1/services/:id',
    {
      config: { action: 'service.read' },
      schema: {
        tags: TAGS,
        summary: 'One service with its tariffs, locations and contracted providers',
        params: IdParams,
        response: { 200: ServiceDetailSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const detail = await request.tenant(async (tx) => {
        const row = await findService(tx, m, request.params.id);
        if (!row) throw serviceNotFound();
        const category = row.product_category_code
          ? await tx
              .selectFrom('product_category')
              .select('name')
              .where('law_code', '=', row.law_code)
              .where('code', '=', row.product_category_code)
              .executeTakeFirst()
          : undefined;
        return {
          ...toService(row),
          productCategoryName: category?.name ?? null,
          tariffs: await tariffsOf(tx, m, row.id),
          locations: await locationsOf(tx, m, row.id),
          providers: await providersOf(tx, m, row.id),
        };
      });
      setEtag(reply, detail.version);
      return detail;
    },
  );

  app.post(
    '/api/v1/services',
    {
      config: { action: 'service.create' },
      schema: {
        tags: TAGS,
        summary: 'Add a service',
        body: ServiceCreateSchema,
        response: { 201: ServiceSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const body = request.body;
      const service = await request.tenant(async (tx) => {
        await validateService(tx, body);
        const taken = await tx
          .selectFrom('service')
          .select('id')
          .where('municipality_code', '=', m)
          .where('code', '=', body.code)
          .executeTakeFirst();
        if (taken)
          throw problem(409, 'service-code-taken', {
            nl: `Er is al een voorziening met code ${body.code}.`,
            en: `There is already a service with code ${body.code}.`,
          });
        const row = await tx
          .insertInto('service')
          .values({ municipality_code: m, code: body.code, ...serviceColumns(body), updated_at: new Date() })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toService(row);
      });
      setEtag(reply, service.version);
      return reply.code(201).send(service);
    },
  );

  app.put(
    '/api/v1/services/:id',
    {
      config: { action: 'service.update' },
      schema: {
        tags: TAGS,
        summary: 'Change a service (If-Match); its code stays',
        params: IdParams,
        body: ServiceUpdateSchema,
        response: { 200: ServiceSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const expected = requiredVersion(request);
      const service = await request.tenant(async (tx) => {
        const current = await findService(tx, m, request.params.id, true);
        if (!current) throw serviceNotFound();
        if (current.version !== expected) throw versionConflict(current.version);
        await validateService(tx, request.body);
        const row = await tx
          .updateTable('service')
          .set({ ...serviceColumns(request.body), version: current.version + 1, updated_at: new Date() })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toService(row);
      });
      setEtag(reply, service.version);
      return service;
    },
  );

  app.put(
    '/api/v1/services/:id/active',
    {
      config: { action: 'service.deactivate' },
      schema: {
        tags: TAGS,
        summary:
          'Deactivate a service (no new referrals, decisions or contracts) or activate it again (If-Match)',
        params: IdParams,
        body: ServiceActiveSchema,
        response: { 200: ServiceSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const expected = requiredVersion(request);
      const service = await request.tenant(async (tx) => {
        const current = await findService(tx, m, request.params.id, true);
        if (!current) throw serviceNotFound();
        if (current.version !== expected) throw versionConflict(current.version);
        const row = await tx
          .updateTable('service')
          .set({ active: request.body.active, version: current.version + 1, updated_at: new Date() })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toService(row);
      });
      setEtag(reply, service.version);
      return service;
    },
  );

  app.post(
    '/api/v1/services/:id/tariffs',
    {
      config: { action: 'service-tariff.create' },
      schema: {
        tags: TAGS,
        summary: 'Add a reference tariff for a period (409 when it overlaps another tariff of the service)',
        params: IdParams,
        body: TariffCreateSchema,
        response: { 201: TariffSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const body = request.body;
      const reversed = periodProblem('validUntilDate', body.validFromDate, body.validUntilDate);
      if (reversed) throw reversed;
      const tariff = await request.tenant(async (tx) => {
        // The service's row lock serialises tariff changes of one service, so two overlapping periods
        // cannot both pass the check.
        const service = await findService(tx, m, request.params.id, true);
        if (!service) throw serviceNotFound();
        const unit = tariffUnit(body.unitCode, service.unit_code);
        assertNoTariffOverlap(
          { from: body.validFromDate, until: body.validUntilDate },
          await tariffsOf(tx, m, service.id),
        );
        const row = await tx
          .insertInto('service_tariff')
          .values({
            municipality_code: m,
            service_id: service.id,
            valid_from: body.validFromDate,
            valid_until: body.validUntilDate,
            tariff_cents: body.tariffCents,
            unit_code: unit,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          id: row.id,
          serviceId: row.service_id,
          validFromDate: row.valid_from,
          validUntilDate: row.valid_until,
          tariffCents: Number(row.tariff_cents),
          unitCode: row.unit_code,
          version: row.version,
        };
      });
      setEtag(reply, tariff.version);
      return reply.code(201).send(tariff);
    },
  );

  app.put(
    '/api/v1/services/:id/tariffs/:tariffId',
    {
      config: { action: 'service-tariff.update' },
      schema: {
        tags: TAGS,
        summary: 'Change or end a reference tariff (If-Match; no overlap)',
        params: TariffParams,
        body: TariffUpdateSchema,
        response: { 200: TariffSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const expected = requiredVersion(request);
      const body = request.body;
      const reversed = periodProblem('validUntilDate', body.validFromDate, body.validUntilDate);
      if (reversed) throw reversed;
      const tariff = await request.tenant(async (tx) => {
        const service = await findService(tx, m, request.params.id, true);
        if (!service) throw serviceNotFound();
        const tariffs = await tariffsOf(tx, m, service.id);
        const current = tariffs.find((t) => t.id === request.params.tariffId);
        if (!current)
          throw problem(404, 'not-found', {
            nl: 'Dit tarief hoort niet bij deze voorziening.',
            en: 'This tariff does not belong to this service.',
          });
        if (current.version !== expected) throw versionConflict(current.version);
        assertNoTariffOverlap({ from: body.validFromDate, until: body.validUntilDate }, tariffs, current.id);
        const row = await tx
          .updateTable('service_tariff')
          .set({
            valid_from: body.validFromDate,
            valid_until: body.validUntilDate,
            tariff_cents: body.tariffCents,
            version: current.version + 1,
          })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          id: row.id,
          serviceId: row.service_id,
          validFromDate: row.valid_from,
          validUntilDate: row.valid_until,
          tariffCents: Number(row.tariff_cents),
          unitCode: row.unit_code,
          version: row.version,
        };
      });
      setEtag(reply, tariff.version);
      return tariff;
    },
  );

  app.post(
    '/api/v1/services/:id/locations',
    {
      config: { action: 'service-location.create' },
      schema: {
        tags: TAGS,
        summary: 'Add a location in a buurt (and so a wijk), with address and capacity',
        params: IdParams,
        body: LocationInputSchema,
        response: { 201: LocationSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const location = await request.tenant(async (tx) => {
        const service = await findService(tx, m, request.params.id);
        if (!service) throw serviceNotFound();
        const columns = await locationColumns(tx, m, request.body);
        const row = await tx
          .insertInto('service_location')
          .values({ municipality_code: m, service_id: service.id, ...columns })
          .returning('id')
          .executeTakeFirstOrThrow();
        return (await locationsOf(tx, m, service.id)).find((l) => l.id === row.id)!;
      });
      setEtag(reply, location.version);
      return reply.code(201).send(location);
    },
  );

  app.put(
    '/api/v1/service-locations/:id',
    {
      config: { action: 'service-location.update' },
      schema: {
        tags: TAGS,
        summary: 'Change a location (If-Match)',
        params: IdParams,
        body: LocationInputSchema,
        response: { 200: LocationSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const expected = requiredVersion(request);
      const location = await request.tenant(async (tx) => {
        const current = await tx
          .selectFrom('service_location')
          .select(['id', 'service_id', 'version'])
          .where('municipality_code', '=', m)
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw locationNotFound();
        if (current.version !== expected) throw versionConflict(current.version);
        const columns = await locationColumns(tx, m, request.body);
        await tx
          .updateTable('service_location')
          .set({ ...columns, version: current.version + 1 })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .execute();
        return (await locationsOf(tx, m, current.service_id)).find((l) => l.id === current.id)!;
      });
      setEtag(reply, location.version);
      return location;
    },
  );

  app.delete(
    '/api/v1/service-locations/:id',
    {
      config: { action: 'service-location.delete' },
      schema: { tags: TAGS, summary: 'Remove a location (If-Match)', params: IdParams },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const expected = requiredVersion(request);
      await request.tenant(async (tx) => {
        const current = await tx
          .selectFrom('service_location')
          .select(['id', 'version'])
          .where('municipality_code', '=', m)
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw locationNotFound();
        if (current.version !== expected) throw versionConflict(current.version);
        await tx
          .deleteFrom('service_location')
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .execute();
      });
      return reply.code(204).send();
    },
  );
}
