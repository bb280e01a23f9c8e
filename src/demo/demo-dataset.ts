/**
 * The generated demo municipality: on the first start in demo mode, Grip fills the default municipality
 * with a synthetic population and its support (src/generator), once. Later starts find the finished
 * dataset and skip this; a run that was interrupted is reported, not repeated over half-written data.
 */
import { sql } from 'kysely';
import { hasGeoData } from '../areas/geo-reference.ts';
import { generateMunicipality } from '../generator/generate.ts';
import type { Database } from '../platform/db/database.ts';

/** Fixed seed and last month, so every demo installation has the same residents and figures. */
export const DEMO_SEED = 42;

export type DemoDatasetOutcome =
  | { status: 'generated'; rows: number; seconds: number; firstDay: string; lastDay: string }
  | { status: 'present' }
  | { status: 'incomplete' }
  | { status: 'not-available'; reason: string };

export async function ensureDemoDataset(
  database: Database,
  municipality: string,
  size: { inhabitants: number; years: number },
  progress: (message: string) => void,
): Promise<DemoDatasetOutcome> {
  if (!hasGeoData(municipality))
    return { status: 'not-available', reason: `no wijk boundaries for ${municipality}` };
  const { rows } = await sql<{
    finished: boolean;
  }>`SELECT finished_at IS NOT NULL AS finished FROM synthetic_dataset
    WHERE municipality_code = ${municipality} ORDER BY started_at DESC LIMIT 1`.execute(database.db);
  if (rows[0]?.finished) return { status: 'present' };
  if (rows[0]) return { status: 'incomplete' };
  progress(
    `Demo-gemeente wordt gevuld met ${size.inhabitants.toLocaleString('nl-NL')} synthetische inwoners over ${size.years} jaar (eenmalig)…`,
  );
  const result = await generateMunicipality(database, {
    municipality,
    inhabitants: size.inhabitants,
    years: size.years,
    seed: DEMO_SEED,
    onProgress: (p) =>
      progress(
        `  ${Math.min(p.inhabitants, size.inhabitants).toLocaleString('nl-NL')} van ${size.inhabitants.toLocaleString('nl-NL')} inwoners`,
      ),
  });
  return {
    status: 'generated',
    rows: result.rows,
    seconds: result.seconds,
    firstDay: result.firstDay,
    lastDay: result.lastDay,
  };
}
