import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { invalid, problem } from '../platform/http/problem.ts';
import { FUNDING_DESCRIPTION } from './funding.ts';
import {
  evaluateChecklist,
  type CheckItem,
  type CheckOutcome,
  type CheckPhase,
} from './quality-checklist.ts';

/** SQL of providers, contracts and their products, and the quality checks behind the checklist. */

export const providerNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Deze aanbieder bestaat niet in deze gemeente.',
    en: 'This provider does not exist in this municipality.',
  });
export const contractNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Dit contract bestaat niet in deze gemeente.',
    en: 'This contract does not exist in this municipality.',
  });

export async function findProvider(tx: Tx, m: string, id: string, forUpdate = false) {
  let query = tx.selectFrom('provider').selectAll().where('municipality_code', '=', m).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function toProvider(row: {
  id: string;
  name: string;
  kvk_number: string | null;
  agb_code: string | null;
  city: string | null;
  is_synthetic: boolean;
  version: number;
}) {
  return {
    id: row.id,
    name: row.name,
    kvkNumber: row.kvk_number,
    agbCode: row.agb_code,
    city: row.city,
    isSynthetic: row.is_synthetic,
    version: row.version,
  };
}

/** 409 when another provider of the municipality has the KvK number or AGB code. */
export async function assertProviderUnique(
  tx: Tx,
  m: string,
  kvkNumber: string,
  agbCode: string | null,
  except?: string,
) {
  let query = tx
    .selectFrom('provider')
    .select(['id', 'name', 'kvk_number', 'agb_code'])
    .where('municipality_code', '=', m)
    .where((eb) =>
      agbCode === null
        ? eb('kvk_number', '=', kvkNumber)
        : eb.or([eb('kvk_number', '=', kvkNumber), eb('agb_code', '=', agbCode)]),
    );
  if (except) query = query.where('id', '<>', except);
  const other = await query.executeTakeFirst();
  if (!other) return;
  const field = other.kvk_number === kvkNumber ? 'kvkNumber' : 'agbCode';
  const label = field === 'kvkNumber' ? 'KvK-nummer' : 'AGB-code';
  throw problem(
    409,
    'provider-exists',
    {
      nl: `Aanbieder ${other.name} heeft dit ${label} al.`,
      en: `Provider ${other.name} already has this ${field === 'kvkNumber' ? 'KvK number' : 'AGB code'}.`,
    },
    {
      invalidParams: [
        {
          name: `body.${field}`,
          code: 'taken',
          reason: { nl: `Al in gebruik (${other.id}).`, en: `Already in use (${other.id}).` },
        },
      ],
    },
  );
}

// Contracts.

export async function findContract(tx: Tx, m: string, id: string, forUpdate = false) {
  let query = tx.selectFrom('contract').selectAll().where('municipality_code', '=', m).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface ProductRow {
  id: string;
  contractId: string;
  serviceId: string;
  serviceCode: string;
  serviceName: string;
  lawCode: string;
  validFromDate: string;
  validUntilDate: string | null;
  tariffCents: number;
  unitCode: string;
  version: number;
}

export async function productsOf(tx: Tx, m: string, contractId: string): Promise<ProductRow[]> {
  const rows = await tx
    .selectFrom('contract_product as cp')
    .innerJoin('service as s', (j) =>
      j.onRef('s.municipality_code', '=', 'cp.municipality_code').onRef('s.id', '=', 'cp.service_id'),
    )
    .where('cp.municipality_code', '=', m)
    .where('cp.contract_id', '=', contractId)
    .select([
      'cp.id',
      'cp.contract_id',
      'cp.service_id',
      's.code',
      's.name',
      's.law_code',
      'cp.valid_from',
      'cp.valid_until',
      'cp.tariff_cents',
      'cp.unit_code',
      'cp.version',
    ])
    .orderBy('s.code')
    .orderBy('cp.valid_from')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    contractId: r.contract_id,
    serviceId: r.service_id,
    serviceCode: r.code,
    serviceName: r.name,
    lawCode: r.law_code,
    validFromDate: r.valid_from,
    validUntilDate: r.valid_until,
    tariffCents: Number(r.tariff_cents),
    unitCode: r.unit_code,
    version: r.version,
  }));
}

export async function contractView(tx: Tx, m: string, id: string) {
  const row = await tx
    .selectFrom('contract as c')
    .innerJoin('provider as p', (j) =>
      j.onRef('p.municipality_code', '=', 'c.municipality_code').onRef('p.id', '=', 'c.provider_id'),
    )
    .where('c.municipality_code', '=', m)
    .where('c.id', '=', id)
    .selectAll('c')
    .select('p.name as provider_name')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    providerId: row.provider_id,
    providerName: row.provider_name,
    reference: row.reference,
    lot: row.lot,
    fundingVariant: row.funding_variant,
    fundingDescription: FUNDING_DESCRIPTION[row.funding_variant],
    validFromDate: row.valid_from,
    validUntilDate: row.valid_until,
    regionCode: row.region_code,
    lumpSumCentsPerMonth: row.lump_sum_cents_per_month === null ? null : Number(row.lump_sum_cents_per_month),
    status: row.status,
    statusChangedAt: row.status_changed_at ? row.status_changed_at.toISOString() : null,
    version: row.version,
    products: await productsOf(tx, m, row.id),
  };
}

/** Checks the funding fields of a contract: a lump sum for taakgericht and only there; a known region. */
export async function validateContract(
  tx: Tx,
  c: {
    fundingVariant: string;
    lumpSumCentsPerMonth: number | null;
    regionCode: string | null;
    validFromDate: string;
    validUntilDate: string | null;
  },
) {
  const errors = [];
  if ((c.fundingVariant === 'taakgericht') !== (c.lumpSumCentsPerMonth !== null))
    errors.push({
      name: 'body.lumpSumCentsPerMonth',
      code: c.fundingVariant === 'taakgericht' ? 'required' : 'taakgericht-only',
      reason:
        c.fundingVariant === 'taakgericht'
          ? {
              nl: 'Een taakgericht contract heeft een vast bedrag per maand.',
              en: 'A taakgericht contract has a lump sum per month.',
            }
          : {
              nl: 'Alleen een taakgericht contract heeft een vast bedrag per maand.',
              en: 'Only a taakgericht contract has a lump sum per month.',
            },
    });
  if (c.validUntilDate !== null && c.validUntilDate < c.validFromDate)
    errors.push({
      name: 'body.validUntilDate',
      code: 'period-reversed',
      reason: { nl: 'De einddatum ligt voor de begindatum.', en: 'The end date is before the start date.' },
    });
  if (c.regionCode !== null) {
    const region = await tx
      .selectFrom('region')
      .select('code')
      .where('code', '=', c.regionCode)
      .executeTakeFirst();
    if (!region)
      errors.push({
        name: 'body.regionCode',
        code: 'unknown-region',
        reason: { nl: 'Deze regio bestaat niet.', en: 'This region does not exist.' },
      });
  }
  if (errors.length > 0) throw invalid(errors);
}

// Quality checks.

export async function checksOf(tx: Tx, m: string, providerId: string) {
  const rows = await tx
    .selectFrom('quality_check as q')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.municipality_code', '=', 'q.municipality_code').onRef('u.id', '=', 'q.recorded_by'),
    )
    .where('q.municipality_code', '=', m)
    .where('q.provider_id', '=', providerId)
    .select([
      'q.id',
      'q.provider_id',
      'q.phase',
      'q.item',
      'q.outcome',
      'q.checked_on',
      'q.notes',
      'u.display_name',
      'q.recorded_at',
    ])
    .orderBy('q.checked_on', 'desc')
    .orderBy('q.recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    phase: r.phase as CheckPhase,
    item: r.item as CheckItem,
    outcome: r.outcome as CheckOutcome,
    checkedDate: r.checked_on,
    notes: r.notes,
    recordedBy: r.display_name,
    recordedAt: r.recorded_at.toISOString(),
  }));
}

/** Whether Jeugdwet products are contracted: in one contract, or in any not-ended contract of the provider. */
export async function coversJeugdwet(
  tx: Tx,
  m: string,
  where: { contractId: string } | { providerId: string },
) {
  const row = await sql<{ yes: boolean }>`SELECT EXISTS (
      SELECT 1 FROM contract_product cp
      JOIN contract c ON c.municipality_code = cp.municipality_code AND c.id = cp.contract_id
      JOIN service s ON s.municipality_code = cp.municipality_code AND s.id = cp.service_id
      WHERE cp.municipality_code = ${m} AND s.law_code = 'jeugdwet'
        AND ${'contractId' in where ? sql`c.id = ${where.contractId}` : sql`c.provider_id = ${where.providerId} AND c.status <> 'beeindigd'`}
    ) AS yes`.execute(tx);
  return row.rows[0]!.yes;
}

export async function checklistOf(tx: Tx, m: string, providerId: string, jeugdwet: boolean) {
  const checks = await checksOf(tx, m, providerId);
  return { jeugdwet, ...evaluateChecklist(checks, { jeugdwet }) };
}

// Follow-up actions of incidents and fraud suspicions.

interface FollowUpActionRow {
  id: string;
  action_date: string;
  description: string;
  status_after: string;
  display_name: string;
  recorded_at: Date;
}

/** A follow-up action (of an incident or a fraud suspicion) as the API gives it. */
function followUpAction(r: FollowUpActionRow) {
  return {
    id: r.id,
    actionDate: r.action_date,
    description: r.description,
    statusAfter: r.status_after,
    recordedBy: r.display_name,
    recordedAt: r.recorded_at.toISOString(),
  };
}

export async function incidentActions(tx: Tx, m: string, incidentId: string) {
  const rows = await tx
    .selectFrom('provider_incident_action as a')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.municipality_code', '=', 'a.municipality_code').onRef('u.id', '=', 'a.recorded_by'),
    )
    .where('a.municipality_code', '=', m)
    .where('a.incident_id', '=', incidentId)
    .select(['a.id', 'a.action_date', 'a.description', 'a.status_after', 'u.display_name', 'a.recorded_at'])
    .orderBy('a.action_date')
    .orderBy('a.recorded_at')
    .execute();
  return rows.map(followUpAction);
}

export async function fraudActions(tx: Tx, m: string, suspicionId: string) {
  const rows = await tx
    .selectFrom('fraud_suspicion_action as a')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.municipality_code', '=', 'a.municipality_code').onRef('u.id', '=', 'a.recorded_by'),
    )
    .where('a.municipality_code', '=', m)
    .where('a.suspicion_id', '=', suspicionId)
    .select(['a.id', 'a.action_date', 'a.description', 'a.status_after', 'u.display_name', 'a.recorded_at'])
    .orderBy('a.action_date')
    .orderBy('a.recorded_at')
    .execute();
  return rows.map(followUpAction);
}
