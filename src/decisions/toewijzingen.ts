import { sql } from 'kysely';
import type { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import { invalid, problem, type InvalidParam } from '../platform/http/problem.ts';
import { versionConflict } from '../platform/http/etag.ts';
import { daysInclusive } from './declaration-checks.ts';
import type {
  ToewijzingChangeSchema,
  ToewijzingCreateSchema,
  ToewijzingEndSchema,
  ToewijzingSchema,
} from './decision-schemas.ts';

/**
 * Toewijzingen (allocations, shaped like the iWmo/iJw 3.2 301 message), their changes and ends with the
 * reason codes of the standard's lists, and care delivery start/stop reported by the provider. Provider
 * staff (`providerId` set) only ever find their own provider's allocations: another's is "not found".
 */

export type ToewijzingView = z.infer<typeof ToewijzingSchema>;

const LOCK_TOEWIJZING_NUMBER = 7_602;
const LOCK_PERSON_ALLOCATIONS = 7_603;

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

export const allocationNotFound = () =>
  problem(404, 'not-found', { nl: 'Deze toewijzing bestaat niet.', en: 'This allocation does not exist.' });

export const providerLinkMissing = () =>
  problem(409, 'provider-link-missing', {
    nl: 'Uw account is niet gekoppeld aan een zorgaanbieder. Vraag de functioneel beheerder dit te regelen.',
    en: 'Your account is not linked to a care provider. Ask the application manager to arrange this.',
  });

/** The provider of an aanbieder account (undefined when not linked). */
export async function providerOfUser(
  tx: Tx,
  municipalityCode: string,
  userId: string,
): Promise<string | undefined> {
  const row = await tx
    .selectFrom('app_user')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', userId)
    .select('provider_id')
    .executeTakeFirst();
  return row?.provider_id ?? undefined;
}

const standardOf = (lawCode: string) => (lawCode === 'jeugdwet' ? 'ijw' : 'iwmo');

async function isListedCode(
  tx: Tx,
  lawCode: string,
  list: 'reden-wijziging' | 'reden-beeindiging',
  code: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom('istandaard_code')
    .where('standard', '=', standardOf(lawCode))
    .where('list', '=', list)
    .where('code', '=', code)
    .select('code')
    .executeTakeFirst();
  return row !== undefined;
}

/** Expected cost of the whole allocation at the contract tariff (verplichting), in eurocent. */
export function commitmentCents(a: {
  startDate: string;
  endDate: string;
  volume: number | null;
  frequencyCode: string | null;
  budgetCents: number | null;
  tariffCents: number;
}): number {
  if (a.budgetCents !== null) return a.budgetCents;
  if (a.volume === null) return a.tariffCents;
  const days = daysInclusive(a.startDate, a.endDate);
  const units =
    a.frequencyCode === '1'
      ? a.volume * days
      : a.frequencyCode === '2'
        ? (a.volume * days) / 7
        : a.frequencyCode === '4'
          ? (a.volume * days) / 30.44
          : a.volume;
  return Math.round(units * a.tariffCents);
}

async function lockPersonAllocations(tx: Tx, municipalityCode: string, personId: string) {
  await sql`SELECT pg_advisory_xact_lock(${LOCK_PERSON_ALLOCATIONS}, hashtext(${`${municipalityCode}:${personId}`}))`.execute(
    tx,
  );
}

/** 409 when another live allocation of the same product for the client overlaps the period. */
async function assertNoOverlap(
  tx: Tx,
  municipalityCode: string,
  personId: string,
  serviceId: string,
  startDate: string,
  endDate: string,
  exceptId?: string,
) {
  let query = tx
    .selectFrom('toewijzing')
    .where('municipality_code', '=', municipalityCode)
    .where('person_id', '=', personId)
    .where('service_id', '=', serviceId)
    .where('status', '<>', 'ingetrokken')
    .where('start_date', '<=', endDate)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', startDate)]))
    .select(['toewijzing_number', 'start_date', 'end_date']);
  if (exceptId) query = query.where('id', '<>', exceptId);
  const other = await query.executeTakeFirst();
  if (other) {
    throw problem(409, 'toewijzing-overlap', {
      nl: `Deze cliënt heeft dit product al toegewezen gekregen in een overlappende periode (toewijzing ${other.toewijzing_number}, ${other.start_date} t/m ${other.end_date ?? 'open'}).`,
      en: `This client already has this product allocated for an overlapping period (allocation ${other.toewijzing_number}, ${other.start_date} to ${other.end_date ?? 'open'}).`,
    });
  }
}

interface ContractProduct {
  providerId: string;
  tariffCents: number;
  unitCode: string;
}

/** The contract must be active for the product over the whole period; returns its tariff at the start. */
async function activeContractProduct(
  tx: Tx,
  municipalityCode: string,
  contractId: string,
  serviceId: string,
  startDate: string,
  endDate: string,
): Promise<ContractProduct> {
  const contract = await tx
    .selectFrom('contract')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', contractId)
    .select(['provider_id', 'status', 'valid_from', 'valid_until'])
    .executeTakeFirst();
  if (!contract) {
    throw invalid([
      param('contractId', 'unknown', 'Dit contract bestaat niet.', 'This contract does not exist.'),
    ]);
  }
  if (
    contract.status !== 'actief' ||
    contract.valid_from > startDate ||
    (contract.valid_until !== null && contract.valid_until < endDate)
  ) {
    throw problem(409, 'contract-not-active', {
      nl: `Het contract is niet actief over de hele periode (${contract.valid_from} t/m ${contract.valid_until ?? 'open'}, status ${contract.status}).`,
      en: `The contract is not active over the whole period (${contract.valid_from} to ${contract.valid_until ?? 'open'}, status ${contract.status}).`,
    });
  }
  const product = await tx
    .selectFrom('contract_product')
    .where('municipality_code', '=', municipalityCode)
    .where('contract_id', '=', contractId)
    .where('service_id', '=', serviceId)
    .where('valid_from', '<=', startDate)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', startDate)]))
    .orderBy('valid_from', 'desc')
    .select(['tariff_cents', 'unit_code'])
    .executeTakeFirst();
  if (!product) {
    throw problem(409, 'product-not-contracted', {
      nl: 'Dit product staat op de begindatum niet in het contract van deze aanbieder.',
      en: "This product is not in this provider's contract on the start date.",
    });
  }
  return {
    providerId: contract.provider_id,
    tariffCents: Number(product.tariff_cents),
    unitCode: product.unit_code,
  };
}

type CreateInput = z.infer<typeof ToewijzingCreateSchema>;

export async function createToewijzing(
  tx: Tx,
  municipalityCode: string,
  input: CreateInput,
): Promise<{ id: string; personId: string }> {
  const errors: InvalidParam[] = [];
  if (input.endDate < input.startDate) {
    errors.push(
      param(
        'endDate',
        'before-start',
        'De einddatum ligt voor de begindatum.',
        'The end date is before the start.',
      ),
    );
  }
  let personId: string;
  let serviceId: string;
  let volume = input.volume ?? null;
  let frequency = input.frequencyCode ?? null;
  if (input.beschikkingProductId) {
    if (input.personId || input.serviceId) {
      errors.push(
        param(
          'personId',
          'not-allowed',
          'Cliënt en product volgen uit de beschikking; stuur ze niet mee.',
          'Client and product follow from the beschikking; do not send them.',
        ),
      );
    }
    const bp = await tx
      .selectFrom('beschikking_product as bp')
      .innerJoin('beschikking as b', (j) =>
        j.onRef('b.municipality_code', '=', 'bp.municipality_code').onRef('b.id', '=', 'bp.beschikking_id'),
      )
      .where('bp.municipality_code', '=', municipalityCode)
      .where('bp.id', '=', input.beschikkingProductId)
      .select([
        'b.person_id',
        'bp.service_id',
        'bp.outcome',
        'bp.start_date',
        'bp.end_date',
        'bp.volume',
        'bp.frequency_code',
      ])
      .executeTakeFirst();
    if (!bp) {
      throw invalid([
        param(
          'beschikkingProductId',
          'unknown',
          'Dit beschikte product bestaat niet.',
          'This decided product does not exist.',
        ),
      ]);
    }
    if (bp.outcome !== 'toegekend') {
      throw problem(409, 'product-refused', {
        nl: 'Dit product is afgewezen in de beschikking; het kan niet worden toegewezen.',
        en: 'This product was refused in the beschikking; it cannot be allocated.',
      });
    }
    personId = bp.person_id;
    serviceId = bp.service_id;
    if (bp.start_date! > input.startDate || (bp.end_date !== null && bp.end_date < input.endDate)) {
      errors.push(
        param(
          'startDate',
          'outside-grant',
          `De periode valt buiten de toegekende periode (${bp.start_date} t/m ${bp.end_date ?? 'open'}).`,
          `The period lies outside the granted period (${bp.start_date} to ${bp.end_date ?? 'open'}).`,
        ),
      );
    }
    volume ??= bp.volume;
    frequency ??= bp.frequency_code;
    if (
      bp.volume !== null &&
      volume !== null &&
      volume > bp.volume &&
      (frequency ?? '') === (bp.frequency_code ?? '')
    ) {
      errors.push(
        param(
          'volume',
          'more-than-granted',
          `Er wordt niet meer toegewezen dan beschikt (${bp.volume}).`,
          `No more is allocated than was granted (${bp.volume}).`,
        ),
      );
    }
  } else {
    if (!input.personId || !input.serviceId || !input.referrerTypeCode) {
      throw invalid([
        param(
          'beschikkingProductId',
          'required',
          'Zonder beschikking kan alleen jeugdhulp op verwijzing worden toegewezen: geef cliënt, product en type verwijzer.',
          'Without a beschikking only youth care on referral can be allocated: give client, product and referrer type.',
        ),
      ]);
    }
    personId = input.personId;
    serviceId = input.serviceId;
  }
  const service = await tx
    .selectFrom('service')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', serviceId)
    .select(['law_code', 'kind', 'product_category_code', 'product_code', 'unit_code', 'frequency_code'])
    .executeTakeFirst();
  if (!service)
    throw invalid([
      param('serviceId', 'unknown', 'Dit product bestaat niet.', 'This product does not exist.'),
    ]);
  if (!input.beschikkingProductId) {
    const person = await tx
      .selectFrom('person')
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', personId)
      .select('id')
      .executeTakeFirst();
    if (!person)
      throw invalid([
        param('personId', 'unknown', 'Deze cliënt bestaat niet.', 'This client does not exist.'),
      ]);
    if (
      service.law_code !== 'jeugdwet' ||
      !['02', '03', '04', '05', '08'].includes(input.referrerTypeCode!)
    ) {
      errors.push(
        param(
          'referrerTypeCode',
          'beschikking-required',
          'Zonder beschikking alleen jeugdhulp op verwijzing van huisarts, jeugdarts, gecertificeerde instelling, medisch specialist of rechter.',
          'Without a beschikking only youth care referred by a GP, youth doctor, certified institution, medical specialist or court.',
        ),
      );
    }
  }
  if (service.law_code === 'jeugdwet' && !input.referrerTypeCode) {
    errors.push(
      param(
        'referrerTypeCode',
        'required',
        'Bij jeugdhulp hoort het type verwijzer.',
        'Youth care records the referrer type.',
      ),
    );
  }
  if (service.law_code !== 'jeugdwet' && input.referrerTypeCode) {
    errors.push(
      param(
        'referrerTypeCode',
        'not-allowed',
        'Een verwijzer hoort alleen bij jeugdhulp.',
        'A referrer type belongs to youth care only.',
      ),
    );
  }
  if (service.unit_code !== null && volume === null && input.budgetCents === undefined) {
    errors.push(param('volume', 'required', 'Geef de omvang of een budget.', 'Give a volume or a budget.'));
  }
  if (errors.length > 0) throw invalid(errors);

  const product = await activeContractProduct(
    tx,
    municipalityCode,
    input.contractId,
    serviceId,
    input.startDate,
    input.endDate,
  );
  await lockPersonAllocations(tx, municipalityCode, personId);
  await assertNoOverlap(tx, municipalityCode, personId, serviceId, input.startDate, input.endDate);

  await sql`SELECT pg_advisory_xact_lock(${LOCK_TOEWIJZING_NUMBER}, hashtext(${municipalityCode}))`.execute(
    tx,
  );
  const max = await tx
    .selectFrom('toewijzing')
    .where('municipality_code', '=', municipalityCode)
    .select(sql<string | null>`max(toewijzing_number)`.as('n'))
    .executeTakeFirst();
  const number = Number(max?.n ?? 0) + 1;
  const unit = volume === null ? null : (service.unit_code ?? product.unitCode);
  const freq = volume === null ? null : (frequency ?? service.frequency_code ?? '6');
  const { id } = await tx
    .insertInto('toewijzing')
    .values({
      municipality_code: municipalityCode,
      toewijzing_number: number,
      beschikking_product_id: input.beschikkingProductId ?? null,
      referrer_type_code: input.referrerTypeCode ?? null,
      person_id: personId,
      provider_id: product.providerId,
      contract_id: input.contractId,
      service_id: serviceId,
      law_code: service.law_code,
      product_category_code: service.product_category_code,
      product_code: service.product_code,
      start_date: input.startDate,
      end_date: input.endDate,
      volume,
      unit_code: unit,
      frequency_code: freq,
      budget_cents: input.budgetCents ?? null,
      commitment_cents: commitmentCents({
        startDate: input.startDate,
        endDate: input.endDate,
        volume,
        frequencyCode: freq,
        budgetCents: input.budgetCents ?? null,
        tariffCents: product.tariffCents,
      }),
      status: 'actief',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, personId };
}

/** Reads allocations; `providerId` confines to one provider (provider staff). */
export async function listToewijzingen(
  tx: Tx,
  municipalityCode: string,
  filter: { id?: string; personId?: string; providerId?: string; status?: string; limit?: number },
): Promise<ToewijzingView[]> {
  let query = tx
    .selectFrom('toewijzing as t')
    .innerJoin('person as p', (j) =>
      j.onRef('p.municipality_code', '=', 't.municipality_code').onRef('p.id', '=', 't.person_id'),
    )
    .innerJoin('provider as pr', (j) =>
      j.onRef('pr.municipality_code', '=', 't.municipality_code').onRef('pr.id', '=', 't.provider_id'),
    )
    .innerJoin('service as s', (j) =>
      j.onRef('s.municipality_code', '=', 't.municipality_code').onRef('s.id', '=', 't.service_id'),
    )
    .where('t.municipality_code', '=', municipalityCode)
    .selectAll('t')
    .select([
      'p.bsn',
      'p.given_names',
      'p.family_name_prefix',
      'p.family_name',
      'p.birth_date',
      'pr.name as provider_name',
      's.name as service_name',
    ])
    .orderBy('t.start_date', 'desc')
    .orderBy('t.toewijzing_number', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.id) query = query.where('t.id', '=', filter.id);
  if (filter.personId) query = query.where('t.person_id', '=', filter.personId);
  if (filter.providerId) query = query.where('t.provider_id', '=', filter.providerId);
  if (filter.status) query = query.where('t.status', '=', filter.status as ToewijzingView['status']);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const deliveries = await tx
    .selectFrom('care_delivery')
    .where('municipality_code', '=', municipalityCode)
    .where('toewijzing_id', 'in', ids)
    .select(['toewijzing_id', 'start_date', 'stop_date', 'stop_reason_code'])
    .orderBy('start_date')
    .execute();
  const changes = await tx
    .selectFrom('toewijzing_change')
    .where('municipality_code', '=', municipalityCode)
    .where('toewijzing_id', 'in', ids)
    .select([
      'toewijzing_id',
      'kind',
      'reason_code',
      'previous_end_date',
      'previous_volume',
      'previous_budget_cents',
      'changed_at',
    ])
    .orderBy('changed_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    toewijzingNumber: Number(r.toewijzing_number),
    beschikkingProductId: r.beschikking_product_id,
    referrerTypeCode: r.referrer_type_code,
    client: {
      personId: r.person_id,
      bsn: r.bsn,
      name: [r.given_names, r.family_name_prefix, r.family_name].filter(Boolean).join(' '),
      birthDate: r.birth_date,
    },
    providerId: r.provider_id,
    providerName: r.provider_name,
    contractId: r.contract_id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    lawCode: r.law_code,
    productCategoryCode: r.product_category_code,
    productCode: r.product_code,
    startDate: r.start_date,
    endDate: r.end_date,
    volume: r.volume,
    unitCode: r.unit_code,
    frequencyCode: r.frequency_code,
    budgetCents: r.budget_cents === null ? null : Number(r.budget_cents),
    commitmentCents: Number(r.commitment_cents),
    status: r.status as ToewijzingView['status'],
    changeReasonCode: r.change_reason_code,
    endReasonCode: r.end_reason_code,
    version: r.version,
    deliveries: deliveries
      .filter((d) => d.toewijzing_id === r.id)
      .map((d) => ({ startDate: d.start_date, stopDate: d.stop_date, stopReasonCode: d.stop_reason_code })),
    changes: changes
      .filter((c) => c.toewijzing_id === r.id)
      .map((c) => ({
        kind: c.kind as 'gewijzigd' | 'beeindigd' | 'ingetrokken',
        reasonCode: c.reason_code,
        previousEndDate: c.previous_end_date,
        previousVolume: c.previous_volume,
        previousBudgetCents: c.previous_budget_cents === null ? null : Number(c.previous_budget_cents),
        changedAt: new Date(c.changed_at as unknown as string).toISOString(),
      })),
  }));
}

async function lockedAllocation(tx: Tx, municipalityCode: string, id: string, providerId?: string) {
  let query = tx
    .selectFrom('toewijzing')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .selectAll()
    .forUpdate();
  if (providerId) query = query.where('provider_id', '=', providerId);
  return query.executeTakeFirst();
}

const closedAllocation = (status: string) =>
  problem(409, 'toewijzing-closed', {
    nl: `Deze toewijzing is ${status === 'ingetrokken' ? 'ingetrokken' : 'beëindigd'} en kan niet meer veranderen.`,
    en: `This allocation was ${status === 'ingetrokken' ? 'withdrawn' : 'ended'} and can no longer change.`,
  });

async function lastAcceptedEnd(tx: Tx, municipalityCode: string, id: string): Promise<string | null> {
  const row = await tx
    .selectFrom('declaration_line')
    .where('municipality_code', '=', municipalityCode)
    .where('toewijzing_id', '=', id)
    .where('status', '=', 'geaccepteerd')
    .select(sql<string | null>`max(period_end)::text`.as('last'))
    .executeTakeFirst();
  return row?.last ?? null;
}

export async function changeToewijzing(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  id: string,
  expectedVersion: number,
  input: z.infer<typeof ToewijzingChangeSchema>,
): Promise<{ personId: string }> {
  const t = await lockedAllocation(tx, municipalityCode, id);
  if (!t) throw allocationNotFound();
  if (t.version !== expectedVersion) throw versionConflict(t.version);
  if (t.status === 'beeindigd' || t.status === 'ingetrokken') throw closedAllocation(t.status);
  if (!(await isListedCode(tx, t.law_code, 'reden-wijziging', input.reasonCode))) {
    throw invalid([
      param(
        'reasonCode',
        'unknown-code',
        `Reden ${input.reasonCode} staat niet in de lijst RedenWijziging van de standaard.`,
        `Reason ${input.reasonCode} is not in the standard's RedenWijziging list.`,
      ),
    ]);
  }
  const lastDeclared = await lastAcceptedEnd(tx, municipalityCode, id);
  const history = {
    municipality_code: municipalityCode,
    toewijzing_id: id,
    reason_code: input.reasonCode,
    previous_end_date: t.end_date,
    previous_volume: t.volume,
    previous_budget_cents: t.budget_cents,
    changed_by: userId,
  };
  if (input.reasonCode === '13') {
    if (lastDeclared) {
      throw problem(409, 'toewijzing-has-declarations', {
        nl: 'Op deze toewijzing zijn al declaraties goedgekeurd; intrekken kan niet meer. Beëindig haar.',
        en: 'Declarations on this allocation were already accepted; it can no longer be withdrawn. End it instead.',
      });
    }
    await tx
      .updateTable('toewijzing')
      .set({ status: 'ingetrokken', change_reason_code: '13', version: t.version + 1 })
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('toewijzing_change')
      .values({ ...history, kind: 'ingetrokken' })
      .execute();
    return { personId: t.person_id };
  }
  if (input.endDate === undefined && input.volume === undefined && input.budgetCents === undefined) {
    throw invalid([
      param(
        'endDate',
        'nothing-to-change',
        'Geef een nieuwe einddatum, omvang of budget.',
        'Give a new end date, volume or budget.',
      ),
    ]);
  }
  const endDate = input.endDate ?? t.end_date!;
  const errors: InvalidParam[] = [];
  if (endDate < t.start_date) {
    errors.push(
      param(
        'endDate',
        'before-start',
        'De einddatum ligt voor de begindatum.',
        'The end date is before the start.',
      ),
    );
  }
  if (lastDeclared && endDate < lastDeclared) {
    errors.push(
      param(
        'endDate',
        'before-declared',
        `Er is al zorg gedeclareerd tot en met ${lastDeclared}.`,
        `Care has already been declared up to ${lastDeclared}.`,
      ),
    );
  }
  if (input.volume !== undefined && t.volume === null) {
    errors.push(
      param('volume', 'no-volume', 'Deze toewijzing heeft geen omvang.', 'This allocation has no volume.'),
    );
  }
  if (t.beschikking_product_id) {
    const bp = await tx
      .selectFrom('beschikking_product')
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', t.beschikking_product_id)
      .select(['end_date', 'volume', 'frequency_code'])
      .executeTakeFirstOrThrow();
    if (bp.end_date !== null && endDate > bp.end_date) {
      errors.push(
        param(
          'endDate',
          'outside-grant',
          `De beschikking loopt tot en met ${bp.end_date}; voor langer is een nieuw besluit nodig.`,
          `The beschikking runs until ${bp.end_date}; longer needs a new decision.`,
        ),
      );
    }
    if (
      input.volume !== undefined &&
      bp.volume !== null &&
      bp.frequency_code === t.frequency_code &&
      input.volume > bp.volume
    ) {
      errors.push(
        param('volume', 'more-than-granted', `Er is ${bp.volume} beschikt.`, `${bp.volume} was granted.`),
      );
    }
  }
  if (errors.length > 0) throw invalid(errors);
  await lockPersonAllocations(tx, municipalityCode, t.person_id);
  await assertNoOverlap(tx, municipalityCode, t.person_id, t.service_id, t.start_date, endDate, id);
  const tariff = await tx
    .selectFrom('contract_product')
    .where('municipality_code', '=', municipalityCode)
    .where('contract_id', '=', t.contract_id)
    .where('service_id', '=', t.service_id)
    .where('valid_from', '<=', t.start_date)
    .orderBy('valid_from', 'desc')
    .select('tariff_cents')
    .executeTakeFirst();
  const volume = input.volume ?? t.volume;
  const budget = input.budgetCents ?? (t.budget_cents === null ? null : Number(t.budget_cents));
  await tx
    .updateTable('toewijzing')
    .set({
      end_date: endDate,
      volume,
      budget_cents: budget,
      commitment_cents: commitmentCents({
        startDate: t.start_date,
        endDate,
        volume,
        frequencyCode: t.frequency_code,
        budgetCents: budget,
        tariffCents: Number(tariff?.tariff_cents ?? 0),
      }),
      status: 'gewijzigd',
      change_reason_code: input.reasonCode,
      version: t.version + 1,
    })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .execute();
  await tx
    .insertInto('toewijzing_change')
    .values({ ...history, kind: 'gewijzigd' })
    .execute();
  return { personId: t.person_id };
}

export async function endToewijzing(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  id: string,
  expectedVersion: number,
  input: z.infer<typeof ToewijzingEndSchema>,
): Promise<{ personId: string }> {
  const t = await lockedAllocation(tx, municipalityCode, id);
  if (!t) throw allocationNotFound();
  if (t.version !== expectedVersion) throw versionConflict(t.version);
  if (t.status === 'beeindigd' || t.status === 'ingetrokken') throw closedAllocation(t.status);
  const errors: InvalidParam[] = [];
  if (!(await isListedCode(tx, t.law_code, 'reden-beeindiging', input.reasonCode))) {
    errors.push(
      param(
        'reasonCode',
        'unknown-code',
        `Reden ${input.reasonCode} staat niet in de lijst RedenBeeindiging van de standaard.`,
        `Reason ${input.reasonCode} is not in the standard's RedenBeeindiging list.`,
      ),
    );
  }
  if (input.endDate < t.start_date || (t.end_date !== null && input.endDate > t.end_date)) {
    errors.push(
      param(
        'endDate',
        'out-of-range',
        `De einddatum ligt binnen de toewijzing (${t.start_date} t/m ${t.end_date ?? 'open'}).`,
        `The end date lies within the allocation (${t.start_date} to ${t.end_date ?? 'open'}).`,
      ),
    );
  }
  const lastDeclared = await lastAcceptedEnd(tx, municipalityCode, id);
  if (lastDeclared && input.endDate < lastDeclared) {
    errors.push(
      param(
        'endDate',
        'before-declared',
        `Er is al zorg gedeclareerd tot en met ${lastDeclared}.`,
        `Care has already been declared up to ${lastDeclared}.`,
      ),
    );
  }
  if (errors.length > 0) throw invalid(errors);
  await tx
    .updateTable('toewijzing')
    .set({
      status: 'beeindigd',
      end_date: input.endDate,
      end_reason_code: input.reasonCode,
      version: t.version + 1,
    })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .execute();
  await tx
    .insertInto('toewijzing_change')
    .values({
      municipality_code: municipalityCode,
      toewijzing_id: id,
      kind: 'beeindigd',
      reason_code: input.reasonCode,
      previous_end_date: t.end_date,
      previous_volume: t.volume,
      previous_budget_cents: t.budget_cents,
      changed_by: userId,
    })
    .execute();
  return { personId: t.person_id };
}

/** 305: the provider reports that care started. */
export async function startDelivery(
  tx: Tx,
  municipalityCode: string,
  providerId: string,
  id: string,
  startDate: string,
): Promise<{ personId: string }> {
  const t = await lockedAllocation(tx, municipalityCode, id, providerId);
  if (!t) throw allocationNotFound();
  if (t.status === 'ingetrokken') throw closedAllocation(t.status);
  if (startDate < t.start_date || (t.end_date !== null && startDate > t.end_date)) {
    throw invalid([
      param(
        'startDate',
        'outside-allocation',
        `De start ligt binnen de toewijzing (${t.start_date} t/m ${t.end_date ?? 'open'}).`,
        `The start lies within the allocation (${t.start_date} to ${t.end_date ?? 'open'}).`,
      ),
    ]);
  }
  const deliveries = await tx
    .selectFrom('care_delivery')
    .where('municipality_code', '=', municipalityCode)
    .where('toewijzing_id', '=', id)
    .select(['start_date', 'stop_date'])
    .execute();
  if (deliveries.some((d) => d.stop_date === null)) {
    throw problem(409, 'delivery-already-started', {
      nl: 'De zorg op deze toewijzing is al gestart en nog niet gestopt.',
      en: 'Care on this allocation has started already and has not stopped.',
    });
  }
  if (deliveries.some((d) => d.stop_date !== null && startDate <= d.stop_date)) {
    throw problem(409, 'delivery-overlap', {
      nl: 'Deze start valt in een eerdere leveringsperiode.',
      en: 'This start falls within an earlier delivery period.',
    });
  }
  await tx
    .insertInto('care_delivery')
    .values({
      municipality_code: municipalityCode,
      toewijzing_id: id,
      start_date: startDate,
      start_reported_at: sql<Date>`now()`,
    })
    .execute();
  return { personId: t.person_id };
}

/** 307: the provider reports that care stopped. */
export async function stopDelivery(
  tx: Tx,
  municipalityCode: string,
  providerId: string,
  id: string,
  stopDate: string,
  reasonCode: string,
): Promise<{ personId: string }> {
  const t = await lockedAllocation(tx, municipalityCode, id, providerId);
  if (!t) throw allocationNotFound();
  const open = await tx
    .selectFrom('care_delivery')
    .where('municipality_code', '=', municipalityCode)
    .where('toewijzing_id', '=', id)
    .where('stop_date', 'is', null)
    .select('start_date')
    .executeTakeFirst();
  if (!open) {
    throw problem(409, 'delivery-not-started', {
      nl: 'Er is geen lopende levering om te stoppen: meld eerst de start.',
      en: 'There is no running delivery to stop: report the start first.',
    });
  }
  const errors: InvalidParam[] = [];
  if (!(await isListedCode(tx, t.law_code, 'reden-beeindiging', reasonCode))) {
    errors.push(
      param(
        'reasonCode',
        'unknown-code',
        `Reden ${reasonCode} staat niet in de lijst RedenBeeindiging van de standaard.`,
        `Reason ${reasonCode} is not in the standard's RedenBeeindiging list.`,
      ),
    );
  }
  if (stopDate < open.start_date || (t.end_date !== null && stopDate > t.end_date)) {
    errors.push(
      param(
        'stopDate',
        'out-of-range',
        `De stop ligt tussen de start (${open.start_date}) en het einde van de toewijzing (${t.end_date ?? 'open'}).`,
        `The stop lies between the start (${open.start_date}) and the end of the allocation (${t.end_date ?? 'open'}).`,
      ),
    );
  }
  if (errors.length > 0) throw invalid(errors);
  await tx
    .updateTable('care_delivery')
    .set({ stop_date: stopDate, stop_reason_code: reasonCode, stop_reported_at: sql<Date>`now()` })
    .where('municipality_code', '=', municipalityCode)
    .where('toewijzing_id', '=', id)
    .where('start_date', '=', open.start_date)
    .execute();
  return { personId: t.person_id };
}
