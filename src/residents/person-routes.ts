import { z } from 'zod';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { notFound } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import {
  PersonCreateSchema,
  PersonListQuerySchema,
  PersonPageSchema,
  PersonSchema,
  PersonSearchSchema,
  PersonUpdateSchema,
} from './person-schemas.ts';
import { findPersonByBsn, getPerson, insertPerson, listPersons, updatePerson } from './persons-repository.ts';

const PersonParams = z.strictObject({ personId: z.uuid() });
const PERSON = { nl: 'Deze inwoner', en: 'This resident' };
const TAGS = ['Inwoners'];

export function registerPersonRoutes(app: GripApp): void {
  app.get(
    '/api/v1/persons',
    {
      config: { action: 'person.list' },
      schema: { tags: TAGS, querystring: PersonListQuerySchema, response: { 200: PersonPageSchema } },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { items, total } = await request.tenant(async (tx) => {
        const page = await listPersons(tx, municipalityCode, request.query);
        request.recordSubjects(
          'person',
          page.items.map((p) => p.id),
        );
        return page;
      });
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.post(
    '/api/v1/persons/_search',
    {
      config: { action: 'person.search' },
      schema: {
        tags: TAGS,
        summary: 'Find a resident by BSN (POST, so the BSN never appears in a URL or access log)',
        body: PersonSearchSchema,
        response: { 200: z.object({ items: z.array(PersonSchema) }).meta({ id: 'PersonSearchResult' }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const person = await request.tenant(async (tx) => {
        const found = await findPersonByBsn(tx, municipalityCode, request.body.bsn);
        if (found) request.recordSubjects('person', [found.id]);
        return found;
      });
      return { items: person ? [person] : [] };
    },
  );

  app.get(
    '/api/v1/persons/:personId',
    {
      config: { action: 'person.read' },
      schema: { tags: TAGS, params: PersonParams, response: { 200: PersonSchema } },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const person = await request.tenant(async (tx) => {
        const found = await getPerson(tx, municipalityCode, request.params.personId);
        if (found) request.recordSubjects('person', [found.id]);
        return found;
      });
      if (!person) throw notFound(PERSON);
      setEtag(reply, person.version);
      return person;
    },
  );

  app.post(
    '/api/v1/persons',
    {
      config: { action: 'person.create' },
      schema: { tags: TAGS, body: PersonCreateSchema, response: { 201: PersonSchema } },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const person = await request.tenant(async (tx) => {
        const created = await insertPerson(tx, municipalityCode, request.body);
        request.recordSubjects('person', [created.id]);
        return created;
      });
      setEtag(reply, person.version);
      reply.header('Location', `/api/v1/persons/${person.id}`);
      return reply.code(201).send(person);
    },
  );

  app.patch(
    '/api/v1/persons/:personId',
    {
      config: { action: 'person.update' },
      schema: {
        tags: TAGS,
        summary: 'Correct a resident; send the ETag you last saw as If-Match',
        params: PersonParams,
        body: PersonUpdateSchema,
        response: { 200: PersonSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const expected = requiredVersion(request);
      const result = await request.tenant(async (tx) => {
        const updated = await updatePerson(
          tx,
          municipalityCode,
          request.params.personId,
          expected,
          request.body,
        );
        const current = updated ?? (await getPerson(tx, municipalityCode, request.params.personId));
        // Only persons that exist in this municipality are recorded: an id from elsewhere is not a subject here.
        if (current) request.recordSubjects('person', [current.id]);
        return { updated, current };
      });
      if (result.updated) {
        setEtag(reply, result.updated.version);
        return result.updated;
      }
      if (!result.current) throw notFound(PERSON);
      throw versionConflict(result.current.version);
    },
  );
}
