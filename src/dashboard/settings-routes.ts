import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import type { GripApp } from '../platform/http/types.ts';
import { readThreshold } from './dashboard-service.ts';
import { suppressionRule } from './suppression.ts';

/**
 * Dashboard settings of the municipality (docs/api/dashboard.md): the suppression threshold, 5..100,
 * default 10. Changing it takes effect on the next view answer (the threshold is part of the cache key);
 * If-Match with the settings version, like every other change in Grip.
 */

const TAGS = ['Dashboard'];
const PATH = '/api/v1/dashboard/settings';
export const MIN_THRESHOLD = 5;
export const MAX_THRESHOLD = 100;
export const DEFAULT_THRESHOLD = 10;

const Bilingual = z.object({ nl: z.string(), en: z.string() });

const SettingsSchema = z
  .object({
    suppressionThreshold: z.number().int().describe('Counts of persons below this are shown as "<N"'),
    minimum: z.number().int(),
    maximum: z.number().int(),
    default: z.number().int(),
    rule: Bilingual.describe('The suppression rule in words, with this threshold'),
    version: z.number().int().describe('Also the ETag; send it in If-Match to change the settings'),
  })
  .meta({ id: 'DashboardSettings' });

const SettingsUpdateSchema = z
  .strictObject({
    suppressionThreshold: z.number().int().min(MIN_THRESHOLD).max(MAX_THRESHOLD),
  })
  .meta({ id: 'DashboardSettingsUpdate' });

async function settingsVersion(tx: Tx, mc: string, lock: boolean): Promise<number> {
  await sql`INSERT INTO dash_state (municipality_code) VALUES (${mc}) ON CONFLICT (municipality_code) DO NOTHING`.execute(
    tx,
  );
  const { rows } = await sql<{ v: number }>`
    SELECT settings_version AS v FROM dash_state WHERE municipality_code = ${mc} ${lock ? sql`FOR UPDATE` : sql``}`.execute(
    tx,
  );
  return rows[0]!.v;
}

async function settingsOf(tx: Tx, mc: string, version: number) {
  const threshold = await readThreshold(tx, mc);
  return {
    suppressionThreshold: threshold,
    minimum: MIN_THRESHOLD,
    maximum: MAX_THRESHOLD,
    default: DEFAULT_THRESHOLD,
    rule: suppressionRule(threshold),
    version,
  };
}

export function registerSettingsRoutes(app: GripApp): void {
  app.get(
    PATH,
    {
      config: { action: 'dashboard-settings.read' },
      schema: {
        tags: TAGS,
        summary: 'The dashboard settings of the municipality: the suppression threshold',
        querystring: z.strictObject({}),
        response: { 200: SettingsSchema },
      },
    },
    async (request, reply) => {
      const mc = request.grip.actor!.municipalityCode;
      const settings = await request.tenant(async (tx) =>
        settingsOf(tx, mc, await settingsVersion(tx, mc, false)),
      );
      setEtag(reply, settings.version);
      return settings;
    },
  );

  app.put(
    PATH,
    {
      config: { action: 'dashboard-settings.update' },
      schema: {
        tags: TAGS,
        summary: 'Change the suppression threshold (5..100; If-Match required)',
        body: SettingsUpdateSchema,
        response: { 200: SettingsSchema },
      },
    },
    async (request, reply) => {
      const mc = request.grip.actor!.municipalityCode;
      const expected = requiredVersion(request);
      const settings = await request.tenant(async (tx) => {
        const current = await settingsVersion(tx, mc, true);
        if (current !== expected) throw versionConflict(current);
        await sql`SELECT dash_set_suppression_threshold(${mc}, ${request.body.suppressionThreshold}::int)`.execute(
          tx,
        );
        await sql`UPDATE dash_state SET settings_version = settings_version + 1 WHERE municipality_code = ${mc}`.execute(
          tx,
        );
        return settingsOf(tx, mc, current + 1);
      });
      setEtag(reply, settings.version);
      return settings;
    },
  );
}
