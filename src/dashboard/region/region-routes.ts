import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalid, notFound, prefersEnglish, type Bilingual } from '../../platform/http/problem.ts';
import type { Deps, GripApp } from '../../platform/http/types.ts';
import { loadRawView, suppressionThreshold, suppressTables } from '../dashboard-service.ts';
import { findView } from '../registry.ts';
import type { DashboardView } from '../view-model.ts';
import { combineRegion, type MemberFigures } from './region-view.ts';
import { regionForMember, regionsOf, type Region } from './region-repository.ts';
import {
  MUNICIPAL_FILTERS,
  RegionListSchema,
  RegionViewParams,
  RegionViewQuerySchema,
  RegionViewSchema,
  type RegionViewQuery,
} from './region-schemas.ts';

/**
 * The regional comparison (issue 8, point 11; docs/api/dashboard.md, "Region"): the regions the caller's
 * municipality belongs to, and one view for every member on this Grip side by side and in total. Only
 * aggregates cross a municipal border: every member's figures are read in that member's own tenant
 * transaction (loadRawView), suppressed with its own threshold, and the total is suppressed so that no
 * member's hidden cell can be worked out from it (region-view.ts).
 */

const TAGS = ['Dashboard'];
const BASE = '/api/v1/dashboard/regions';
const NoQuery = z.strictObject({});

function totalRule(threshold: number): Bilingual {
  return {
    nl: `Elke gemeente staat er zoals op haar eigen dashboard, met haar eigen drempel. Het regiototaal telt de gemeenten op die op deze Grip draaien; aantallen onder ${threshold} (de strengste drempel van de gemeenten) staan er als "<${threshold}", en een totaal is ook verborgen ("x") waar een gemeente haar eigen cijfer verbergt, zodat geen verborgen cijfer uit het totaal terug te rekenen is.`,
    en: `Each municipality is shown as on its own dashboard, with its own threshold. The regional total adds up the municipalities that run on this Grip; counts below ${threshold} (the strictest threshold of the members) are shown as "<${threshold}", and a total is also hidden ("x") wherever a municipality hides its own figure, so that no hidden figure can be worked out from the total.`,
  };
}

/** Municipal filters (wijk, buurt, service, provider) are named and refused before the schema's check. */
function refuseMunicipalFilters(request: FastifyRequest): void {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const given = MUNICIPAL_FILTERS.filter((name) => query[name] !== undefined);
  if (given.length === 0) return;
  throw invalid(
    given.map((name) => ({
      name: `query.${name}`,
      code: 'not-offered-in-region',
      reason: {
        nl: 'Dit filter hoort bij één gemeente en kan in de regiovergelijking niet worden gebruikt.',
        en: 'This filter belongs to one municipality and cannot be used in the regional comparison.',
      },
    })),
  );
}

export function registerRegionRoutes(app: GripApp, deps: Deps): void {
  app.get(
    BASE,
    {
      config: { action: 'dashboard-regions.list' },
      schema: {
        tags: TAGS,
        summary: 'The regions (samenwerkingsverbanden) the municipality belongs to, with their members',
        description: 'For every member: whether it runs on this Grip (only those can be compared).',
        querystring: NoQuery,
        response: { 200: RegionListSchema },
      },
    },
    async (request) => {
      const mc = request.grip.actor!.municipalityCode;
      return { items: await request.tenant((tx) => regionsOf(tx, mc)) };
    },
  );

  app.get(
    `${BASE}/:regionCode/views/:code`,
    {
      config: { action: 'dashboard-region-view.read' },
      preValidation: async (request) => refuseMunicipalFilters(request),
      schema: {
        tags: TAGS,
        summary: 'One dashboard view for every member of a region on this Grip, side by side and in total',
        description:
          'Aggregates only. Each municipality is suppressed with its own threshold; the total is computed ' +
          'from the raw figures and suppressed so that no hidden cell of a member can be worked out from it. ' +
          'Filters: the period, law and age group (wijk, buurt, service and provider belong to one municipality ' +
          'and are refused). Tables with municipal rows are reduced to one row per municipality or left out ' +
          '(see notes). Members not on this Grip are listed with status geen-gegevens.',
        params: RegionViewParams,
        querystring: RegionViewQuerySchema,
        response: { 200: RegionViewSchema },
      },
    },
    async (request) => {
      const mc = request.grip.actor!.municipalityCode;
      const { regionCode, code } = request.params;
      const region = await request.tenant((tx) => regionForMember(tx, regionCode, mc));
      if (!region) throw notFound({ nl: `Regio ${regionCode}`, en: `Region ${regionCode}` });
      const view = findView(code);
      if (!view) throw notFound({ nl: `Dashboardweergave ${code}`, en: `Dashboard view ${code}` });
      const language = prefersEnglish(request) ? 'en' : 'nl';
      return regionView(deps, mc, region, view, request.query, language);
    },
  );
}

async function regionView(
  deps: Deps,
  callerCode: string,
  region: Region,
  view: DashboardView,
  query: RegionViewQuery,
  language: 'nl' | 'en',
) {
  const onServer = region.members.filter((m) => m.onThisServer);
  // The caller first: its default period (the latest year with data) is the period for every member.
  onServer.sort(
    (a, b) => Number(b.municipalityCode === callerCode) - Number(a.municipalityCode === callerCode),
  );
  const figures: MemberFigures[] = [];
  let period: { from: string; to: string } | undefined;
  for (const member of onServer) {
    const input = { ...query, ...period };
    // Each member in its own tenant transaction (row-level security of that municipality).
    const raw = await loadRawView(deps.database, member.municipalityCode, view.code, input, { language });
    const threshold = await suppressionThreshold(deps.database, member.municipalityCode);
    period ??= { from: raw.filters.from, to: raw.filters.to };
    figures.push({
      municipalityCode: member.municipalityCode,
      name: member.name,
      threshold,
      dataVersion: raw.dataVersion,
      raw: raw.data.tables,
      suppressed: suppressTables(raw.data.tables, threshold),
    });
  }
  if (!period) throw new Error('the caller is a member on this server, so the period is known');
  const combined = combineRegion(figures, (table, threshold) => suppressTables([table], threshold)[0]!);
  const notes = [...combined.notes];
  const missing = region.members.filter((m) => !m.onThisServer);
  if (missing.length > 0) {
    const names = missing.map((m) => m.name).join(', ');
    notes.push({
      nl: `Geen gegevens van ${names}: deze gemeenten draaien niet op deze Grip. Het regiototaal telt alleen de gemeenten met gegevens.`,
      en: `No figures for ${names}: these municipalities do not run on this Grip. The regional total only adds up the municipalities with figures.`,
    });
  }
  return {
    region: { code: region.code, name: region.name, kind: region.kind },
    view: { code: view.code, title: view.title, description: view.description },
    filters: {
      ...period,
      ...(query.law ? { law: query.law } : {}),
      ...(query.ageGroup ? { ageGroup: query.ageGroup } : {}),
    },
    // The caller first, then the other members on this server, then those without figures (by name).
    members: [
      ...onServer.map((m, i) => ({
        ...m,
        status: 'gegevens' as const,
        threshold: figures[i]!.threshold,
        dataVersion: figures[i]!.dataVersion,
      })),
      ...missing.map((m) => ({ ...m, status: 'geen-gegevens' as const })),
    ],
    suppression: { totalThreshold: combined.totalThreshold, rule: totalRule(combined.totalThreshold) },
    tables: combined.tables,
    notes,
  };
}
