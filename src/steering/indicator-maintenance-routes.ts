import { sql } from 'kysely';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, notFound, problem, type InvalidParam } from '../platform/http/problem.ts';
import type { Tx } from '../platform/db/database.ts';
import type { GripApp } from '../platform/http/types.ts';
import { indicatorView } from './indicator-routes.ts';
import { indicatorLinkRules, indicatorSourceRules, valueProblems } from './indicator-rules.ts';
import { nextVersion, versionColumn } from './programmes-repository.ts';
import {
  IndicatorParams,
  IndicatorSchema,
  IndicatorUpdateSchema,
  NoContent,
  RealisationParams,
  TargetParams,
} from './steering-schemas.ts';
import type { Direction, IndicatorUnit } from './indicator-definitions.ts';

/**
 * Changing and deleting indicators (docs/api/steering.md). A change is checked as a whole, like a new
 * indicator, and also against what it already holds: a unit its targets and realisations do not fit, or
 * turning an external indicator with recorded realisations into a computed one, is refused. Deleting an
 * indicator takes its targets along but is refused (409) while realisations are recorded: those are
 * measurements, removed one by one on purpose. Targets and realisations are deleted by their own key.
 */

const TAGS = ['Sturing'];
const BASE = '/api/v1/steering';
const INDICATOR = { nl: 'Deze indicator', en: 'This indicator' };

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

async function lockedIndicator(tx: Tx, mc: string, id: string) {
  const row = await tx
    .selectFrom('indicator')
    .selectAll()
    .select(versionColumn)
    .where('municipality_code', '=', mc)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(INDICATOR);
  return row;
}

async function storedValues(tx: Tx, mc: string, id: string) {
  const targets = await tx
    .selectFrom('indicator_target')
    .select(['year', 'target_value'])
    .where('municipality_code', '=', mc)
    .where('indicator_id', '=', id)
    .execute();
  const realisations = await tx
    .selectFrom('indicator_realisation')
    .select(['period_start', 'period_end', 'value'])
    .where('municipality_code', '=', mc)
    .where('indicator_id', '=', id)
    .execute();
  return { targets, realisations };
}

export function registerIndicatorMaintenanceRoutes(app: GripApp): void {
  app.patch(
    `${BASE}/indicators/:indicatorId`,
    {
      config: { action: 'indicator.update' },
      schema: {
        tags: TAGS,
        summary:
          'Change an indicator: any descriptive field, its source or definition (If-Match: its version)',
        description:
          'The resulting indicator must meet the rules of a new one (400). A new unit must fit its targets and ' +
          'realisations (400); an external indicator with realisations cannot become computed (409).',
        params: IndicatorParams,
        body: IndicatorUpdateSchema,
        response: { 200: IndicatorSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { indicatorId: id } = request.params;
      const body = request.body;
      const version = requiredVersion(request);
      const view = await request.tenant(async (tx) => {
        const current = await lockedIndicator(tx, mc, id);
        if (current.version !== version) throw versionConflict(current.version);
        const sourceKind = body.sourceKind ?? (current.source_kind as 'berekend' | 'extern');
        const kindChanged = sourceKind !== current.source_kind;
        const pick = <T>(sent: T | undefined, kept: T): T => (sent === undefined ? kept : sent);
        // Switching the kind of source drops what belonged to the old kind unless it is sent again.
        const merged = {
          unit: pick(body.unit, current.unit as IndicatorUnit | null),
          sourceKind,
          definitionCode: pick(body.definitionCode, kindChanged ? null : current.definition_code),
          definitionVersion: pick(body.definitionVersion, kindChanged ? null : current.definition_version),
          sourceName: pick(body.sourceName, kindChanged ? null : current.source_name),
          direction: pick(body.direction, current.direction as Direction),
          baseline: pick(
            body.baseline,
            current.baseline_year === null || current.baseline_value === null
              ? null
              : { year: current.baseline_year, value: Number(current.baseline_value) },
          ),
        };
        // A computed indicator takes the unit of its definition: a unit kept from before does not count.
        if (merged.sourceKind === 'berekend' && body.unit === undefined) merged.unit = null;
        const rules = indicatorSourceRules(merged);
        const links = {
          societalGoalId: pick(body.societalGoalId, current.societal_goal_id),
          themeId: pick(body.themeId, current.theme_id),
        };
        await indicatorLinkRules(tx, mc, links);

        const stored = await storedValues(tx, mc, id);
        if (merged.sourceKind === 'berekend' && stored.realisations.length > 0)
          throw problem(409, 'has-realisations', {
            nl: `Deze indicator heeft ${stored.realisations.length} ingevoerde realisatie(s); verwijder die eerst voordat Grip hem gaat berekenen.`,
            en: `This indicator has ${stored.realisations.length} entered realisation(s); delete those first before Grip computes it.`,
          });
        const problems: InvalidParam[] = [];
        if (rules.unit === null && stored.targets.length > 0)
          problems.push(
            param(
              'unit',
              'targets-need-unit',
              'Deze indicator heeft streefwaarden en heeft dus een eenheid nodig.',
              'This indicator has targets and so needs a unit.',
            ),
          );
        for (const t of stored.targets)
          problems.push(
            ...valueProblems('unit', rules.unit, Number(t.target_value)).map((p) => ({
              ...p,
              reason: {
                nl: `Streefwaarde ${t.year} past niet bij deze eenheid: ${p.reason.nl}`,
                en: `Target ${t.year} does not fit this unit: ${p.reason.en}`,
              },
            })),
          );
        if (merged.sourceKind === 'extern')
          for (const r of stored.realisations)
            problems.push(
              ...valueProblems('unit', rules.unit, Number(r.value)).map((p) => ({
                ...p,
                reason: {
                  nl: `Realisatie ${String(r.period_start)}–${String(r.period_end)} past niet bij deze eenheid: ${p.reason.nl}`,
                  en: `Realisation ${String(r.period_start)}–${String(r.period_end)} does not fit this unit: ${p.reason.en}`,
                },
              })),
            );
        if (problems.length > 0) throw invalid(problems);

        const code = body.code ?? current.code;
        if (code !== current.code) {
          const taken = await tx
            .selectFrom('indicator')
            .select('id')
            .where('municipality_code', '=', mc)
            .where('code', '=', code)
            .executeTakeFirst();
          if (taken)
            throw problem(409, 'indicator-exists', {
              nl: `Er is al een indicator met code ${code}.`,
              en: `There is already an indicator with code ${code}.`,
            });
        }
        await tx
          .updateTable('indicator')
          .set({
            code,
            name: body.name ?? current.name,
            kind: body.kind ?? current.kind,
            unit: rules.unit,
            source_kind: merged.sourceKind,
            definition_code: rules.definitionCode,
            definition_version: rules.definitionVersion,
            source_name: merged.sourceKind === 'extern' ? merged.sourceName : null,
            frequency: body.frequency ?? current.frequency,
            direction: rules.direction,
            societal_goal_id: links.societalGoalId,
            theme_id: links.themeId,
            baseline_year: merged.baseline?.year ?? null,
            baseline_value: merged.baseline?.value ?? null,
            note: body.note ?? current.note,
            ...nextVersion,
          })
          .where('municipality_code', '=', mc)
          .where('id', '=', id)
          .execute();
        return indicatorView(tx, mc, id);
      });
      setEtag(reply, view.version);
      return view;
    },
  );

  app.delete(
    `${BASE}/indicators/:indicatorId`,
    {
      config: { action: 'indicator.delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete an indicator with its targets (If-Match: its version)',
        description: 'Refused (409) while realisations are recorded for it: delete those first.',
        params: IndicatorParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { indicatorId: id } = request.params;
      const version = requiredVersion(request);
      await request.tenant(async (tx) => {
        const current = await lockedIndicator(tx, mc, id);
        if (current.version !== version) throw versionConflict(current.version);
        const realisations = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM indicator_realisation
          WHERE municipality_code = ${mc} AND indicator_id = ${id}`.execute(tx);
        const n = Number(realisations.rows[0]?.n ?? 0);
        if (n > 0)
          throw problem(409, 'indicator-not-empty', {
            nl: `Deze indicator kan niet worden verwijderd: er ${n === 1 ? 'is nog 1 realisatie' : `zijn nog ${n} realisaties`} vastgelegd. Verwijder die eerst.`,
            en: `This indicator cannot be deleted: ${n === 1 ? '1 realisation is' : `${n} realisations are`} still recorded. Delete those first.`,
          });
        await tx
          .deleteFrom('indicator_target')
          .where('municipality_code', '=', mc)
          .where('indicator_id', '=', id)
          .execute();
        await tx.deleteFrom('indicator').where('municipality_code', '=', mc).where('id', '=', id).execute();
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    `${BASE}/indicators/:indicatorId/targets/:year`,
    {
      config: { action: 'indicator-target.delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete the target of an indicator for a year',
        params: TargetParams,
        response: { 200: IndicatorSchema },
      },
    },
    async (request) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { indicatorId: id, year } = request.params;
      return request.tenant(async (tx) => {
        await lockedIndicator(tx, mc, id);
        const deleted = await tx
          .deleteFrom('indicator_target')
          .where('municipality_code', '=', mc)
          .where('indicator_id', '=', id)
          .where('year', '=', year)
          .executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0)
          throw notFound({ nl: `De streefwaarde voor ${year}`, en: `The target for ${year}` });
        return indicatorView(tx, mc, id);
      });
    },
  );

  app.delete(
    `${BASE}/indicators/:indicatorId/realisations/:periodStart/:periodEnd`,
    {
      config: { action: 'indicator-realisation.delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete a recorded realisation of an external indicator (computed ones have none: 409)',
        params: RealisationParams,
        response: { 200: IndicatorSchema },
      },
    },
    async (request) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { indicatorId: id, periodStart, periodEnd } = request.params;
      return request.tenant(async (tx) => {
        const current = await lockedIndicator(tx, mc, id);
        if (current.source_kind === 'berekend')
          throw problem(409, 'computed-indicator', {
            nl: 'Deze indicator wordt door Grip berekend; er zijn geen ingevoerde realisaties om te verwijderen.',
            en: 'This indicator is computed by Grip; there are no entered realisations to delete.',
          });
        const deleted = await tx
          .deleteFrom('indicator_realisation')
          .where('municipality_code', '=', mc)
          .where('indicator_id', '=', id)
          .where('period_start', '=', periodStart)
          .where('period_end', '=', periodEnd)
          .executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0)
          throw notFound({
            nl: `De realisatie over ${periodStart} tot en met ${periodEnd}`,
            en: `The realisation over ${periodStart} to ${periodEnd}`,
          });
        return indicatorView(tx, mc, id);
      });
    },
  );
}
