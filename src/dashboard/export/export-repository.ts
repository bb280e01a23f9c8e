import type { Tx } from '../../platform/db/database.ts';
import type { DashboardFilters } from '../view-model.ts';
import type { FilterNames } from './export-text.ts';

/** The names an export prints next to the codes and ids of its filters, and the municipality's name. */

export async function municipalityName(tx: Tx, municipalityCode: string): Promise<string> {
  const row = await tx
    .selectFrom('municipality')
    .select('name')
    .where('code', '=', municipalityCode)
    .executeTakeFirst();
  return row?.name ?? municipalityCode;
}

export async function filterNames(
  tx: Tx,
  municipalityCode: string,
  filters: DashboardFilters,
): Promise<FilterNames> {
  const names: FilterNames = {};
  if (filters.wijk) {
    const row = await tx
      .selectFrom('wijk')
      .select('name')
      .where('municipality_code', '=', municipalityCode)
      .where('code', '=', filters.wijk)
      .executeTakeFirst();
    if (row) names.wijk = row.name;
  }
  if (filters.buurt) {
    const row = await tx
      .selectFrom('buurt')
      .select('name')
      .where('municipality_code', '=', municipalityCode)
      .where('code', '=', filters.buurt)
      .executeTakeFirst();
    if (row) names.buurt = row.name;
  }
  if (filters.service) {
    const row = await tx
      .selectFrom('service')
      .select('name')
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', filters.service)
      .executeTakeFirst();
    if (row) names.service = row.name;
  }
  if (filters.provider) {
    const row = await tx
      .selectFrom('provider')
      .select('name')
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', filters.provider)
      .executeTakeFirst();
    if (row) names.provider = row.name;
  }
  return names;
}
