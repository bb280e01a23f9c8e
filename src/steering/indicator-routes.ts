import { z } from 'zod';
import { setEtag } from '../platform/http/etag.ts';
import { invalid, notFound, problem, type InvalidParam } from '../platform/http/problem.ts';
import type { Tx } from '../platform/db/database.ts';
import type { GripApp } from '../platform/http/types.ts';
import { INDICATOR_DEFINITIONS } from './indicator-definitions.ts';
import { indicatorLinkRules, indicatorSourceRules, valueProblems } from './indicator-rules.ts';
import { indicatorRows, indicatorViews } from './indicators.ts';
import {
  DefinitionSchema,
  IndicatorCreateSchema,
  IndicatorListQuery,
  IndicatorParams,
  IndicatorSchema,
  NoQuery,
  RealisationCreateSchema,
  TargetParams,
  TargetSchema,
} from './steering-schemas.ts';

/**
 * Indicators (docs/api/steering.md): effect or prestatie, unit, source, frequency, baseline, targets by
 * year, realisations by period, direction and the goal or theme they measure. Computed indicators are
 * computed by their definition when read; their realisations cannot be entered (409).
 */

const TAGS = ['Sturing'];
const BASE = '/api/v1/steering';
const INDICATOR = { nl: 'Deze indicator', en: 'This indicator' };

export const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

export async function indicatorRow(tx: Tx, mc: string, id: string) {
  const row = await tx
    .selectFrom('indicator')
    .select(['id', 'unit', 'source_kind'])
    .where('municipality_code', '=', mc)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(INDICATOR);
  return row;
}

export async function indicatorView(tx: Tx, mc: string, id: string) {
  const [view] = await indicatorViews(tx, mc, await indicatorRows(tx, mc, { id }));
  if (!view) throw notFound(INDICATOR);
  return view;
}

export function registerIndicatorRoutes(app: GripApp): void {
  app.get(
    `${BASE}/indicator-definitions`,
    {
      config: { action: 'indicator-definition.list' },
      schema: {
        tags: TAGS,
        summary: 'The named, versioned definitions computed indicators can use',
        querystring: NoQuery,
        response: { 200: z.object({ items: z.array(DefinitionSchema) }) },
      },
    },
    async () => ({
      items: INDICATOR_DEFINITIONS.map((d) => ({
        code: d.code,
        version: d.version,
        name: d.name.nl,
        nameEn: d.name.en,
        description: d.description.nl,
        unit: d.unit,
        direction: d.direction,
      })),
    }),
  );

  app.get(
    `${BASE}/indicators`,
    {
      config: { action: 'indicator.list' },
      schema: {
        tags: TAGS,
        summary: 'Indicators with targets, realisations (computed ones computed now) and status',
        querystring: IndicatorListQuery,
        response: { 200: z.object({ items: z.array(IndicatorSchema) }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const items = await request.tenant(async (tx) =>
        indicatorViews(
          tx,
          municipalityCode,
          await indicatorRows(tx, municipalityCode, { programmeId: request.query.programmeId }),
        ),
      );
      return { items };
    },
  );

  app.get(
    `${BASE}/indicators/:indicatorId`,
    {
      config: { action: 'indicator.read' },
      schema: {
        tags: TAGS,
        summary: 'One indicator with baseline, targets, realisations and status',
        params: IndicatorParams,
        response: { 200: IndicatorSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const view = await request.tenant((tx) =>
        indicatorView(tx, municipalityCode, request.params.indicatorId),
      );
      setEtag(reply, view.version);
      return view;
    },
  );

  app.post(
    `${BASE}/indicators`,
    {
      config: { action: 'indicator.create' },
      schema: {
        tags: TAGS,
        summary: 'Add an indicator: computed (a named definition) or external (with its source)',
        body: IndicatorCreateSchema,
        response: { 201: IndicatorSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const body = request.body;
      const { unit, direction, definitionCode, definitionVersion } = indicatorSourceRules(body);

      const view = await request.tenant(async (tx) => {
        await indicatorLinkRules(tx, municipalityCode, body);
        const exists = await tx
          .selectFrom('indicator')
          .select('id')
          .where('municipality_code', '=', municipalityCode)
          .where('code', '=', body.code)
          .executeTakeFirst();
        if (exists)
          throw problem(409, 'indicator-exists', {
            nl: `Er is al een indicator met code ${body.code}.`,
            en: `There is already an indicator with code ${body.code}.`,
          });
        const created = await tx
          .insertInto('indicator')
          .values({
            municipality_code: municipalityCode,
            code: body.code,
            name: body.name,
            kind: body.kind,
            unit,
            source_kind: body.sourceKind,
            definition_code: definitionCode,
            definition_version: definitionVersion,
            source_name: body.sourceKind === 'extern' ? body.sourceName! : null,
            frequency: body.frequency,
            direction,
            societal_goal_id: body.societalGoalId ?? null,
            theme_id: body.themeId ?? null,
            baseline_year: body.baseline?.year ?? null,
            baseline_value: body.baseline?.value ?? null,
            note: body.note ?? '',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return indicatorView(tx, municipalityCode, created.id);
      });
      setEtag(reply, view.version);
      return reply.code(201).send(view);
    },
  );

  app.put(
    `${BASE}/indicators/:indicatorId/targets/:year`,
    {
      config: { action: 'indicator-target.set' },
      schema: {
        tags: TAGS,
        summary: 'Set the target (streefwaarde) for a year; the indicator needs a unit',
        params: TargetParams,
        body: TargetSchema,
        response: { 200: IndicatorSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const { indicatorId, year } = request.params;
      const { value } = request.body;
      return request.tenant(async (tx) => {
        const row = await indicatorRow(tx, municipalityCode, indicatorId);
        if (row.unit === null)
          throw invalid([
            param(
              'value',
              'unit-missing',
              'Deze indicator heeft nog geen eenheid; leg eerst de eenheid vast voordat u een streefwaarde geeft.',
              'This indicator has no unit yet; record its unit before giving a target.',
            ),
          ]);
        const problems = valueProblems('value', row.unit, value);
        if (problems.length > 0) throw invalid(problems);
        await tx
          .insertInto('indicator_target')
          .values({
            municipality_code: municipalityCode,
            indicator_id: indicatorId,
            year,
            target_value: value,
          })
          .onConflict((oc) =>
            oc.columns(['municipality_code', 'indicator_id', 'year']).doUpdateSet({ target_value: value }),
          )
          .execute();
        return indicatorView(tx, municipalityCode, indicatorId);
      });
    },
  );

  app.post(
    `${BASE}/indicators/:indicatorId/realisations`,
    {
      config: { action: 'indicator-realisation.create' },
      schema: {
        tags: TAGS,
        summary: 'Record a realisation of an external indicator with its source (computed ones: 409)',
        params: IndicatorParams,
        body: RealisationCreateSchema,
        response: { 201: IndicatorSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const { indicatorId } = request.params;
      const body = request.body;
      const view = await request.tenant(async (tx) => {
        const row = await indicatorRow(tx, municipalityCode, indicatorId);
        if (row.source_kind === 'berekend')
          throw problem(409, 'computed-indicator', {
            nl: 'Deze indicator wordt door Grip berekend uit de eigen gegevens; een realisatie kan niet worden ingevoerd.',
            en: 'This indicator is computed by Grip from its own data; a realisation cannot be entered.',
          });
        const problems: InvalidParam[] = [];
        if (body.periodEnd < body.periodStart)
          problems.push(
            param(
              'periodEnd',
              'ends-before-start',
              'Het einde van de periode ligt voor het begin.',
              'The end of the period lies before its start.',
            ),
          );
        if (row.unit === null)
          problems.push(
            param(
              'value',
              'unit-missing',
              'Deze indicator heeft nog geen eenheid.',
              'This indicator has no unit yet.',
            ),
          );
        problems.push(...valueProblems('value', row.unit, body.value));
        if (problems.length > 0) throw invalid(problems);
        const exists = await tx
          .selectFrom('indicator_realisation')
          .select('period_start')
          .where('municipality_code', '=', municipalityCode)
          .where('indicator_id', '=', indicatorId)
          .where('period_start', '=', body.periodStart)
          .where('period_end', '=', body.periodEnd)
          .executeTakeFirst();
        if (exists)
          throw problem(409, 'realisation-exists', {
            nl: 'Voor deze periode is al een realisatie vastgelegd.',
            en: 'A realisation has already been recorded for this period.',
          });
        await tx
          .insertInto('indicator_realisation')
          .values({
            municipality_code: municipalityCode,
            indicator_id: indicatorId,
            period_start: body.periodStart,
            period_end: body.periodEnd,
            value: body.value,
            source: body.source,
          })
          .execute();
        return indicatorView(tx, municipalityCode, indicatorId);
      });
      return reply.code(201).send(view);
    },
  );
}
