import { sql } from 'kysely';
import type { Database, Tx } from './database.ts';

/**
 * Runs `work` in one transaction as the application role with the municipality set, so that
 * row-level security confines every statement to that municipality, on top of the explicit
 * `municipality_code` condition each query carries.
 */
export async function inTenantTransaction<T>(
  database: Database,
  municipalityCode: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('grip.municipality', ${municipalityCode}, true)`.execute(tx);
    await sql`SET LOCAL ROLE ${sql.id(database.appRole)}`.execute(tx);
    return work(tx);
  });
}
