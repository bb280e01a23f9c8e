import { sql } from 'kysely';
import type { z } from 'zod';
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { invalid, problem, type InvalidParam } from '../platform/http/problem.ts';
import type { BeschikkingCreateSchema, BeschikkingSchema } from './decision-schemas.ts';

/**
 * Beschikkingen: the decision on a melding under one law, per product granted or refused. The outcome of
 * the whole follows from the products: all granted in full → toegekend; all refused → afgewezen; anything
 * else (some refused, or less granted than asked) → gedeeltelijk-toegekend. The objection term (Awb art.
 * 6:7) is six weeks from the decision date. Deciding closes the melding.
 */

export type BeschikkingView = z.infer<typeof BeschikkingSchema>;
type CreateInput = z.infer<typeof BeschikkingCreateSchema>;

const LOCK_BESCHIKKING_REFERENCE = 7_601;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Last day to object: six weeks after the decision (Awb art. 6:7, 6:8). */
export const objectionDeadline = (decidedDate: string) => addDays(decidedDate, 42);

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

export async function createBeschikking(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  input: CreateInput,
): Promise<{ id: string; personId: string }> {
  const melding = await tx
    .selectFrom('melding')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', input.meldingId)
    .select(['id', 'person_id', 'law_code', 'status', 'melded_on'])
    .forUpdate()
    .executeTakeFirst();
  if (!melding) {
    throw problem(404, 'not-found', { nl: 'Deze melding bestaat niet.', en: 'This melding does not exist.' });
  }
  if (melding.status === 'besloten' || melding.status === 'ingetrokken') {
    throw problem(409, 'melding-closed', {
      nl: 'Over deze melding is al besloten of zij is ingetrokken.',
      en: 'This melding has been decided already or was withdrawn.',
    });
  }
  const today = localDate();
  const errors: InvalidParam[] = [];
  if (input.decidedDate < melding.melded_on || input.decidedDate > today) {
    errors.push(
      param(
        'decidedDate',
        'out-of-range',
        `De besluitdatum ligt tussen de melding (${melding.melded_on}) en vandaag.`,
        `The decision date lies between the melding (${melding.melded_on}) and today.`,
      ),
    );
  }
  const serviceIds = [...new Set(input.products.map((p) => p.serviceId))];
  if (serviceIds.length !== input.products.length) {
    errors.push(
      param(
        'products',
        'duplicate',
        'Elk product komt één keer voor in een beschikking.',
        'Each product appears once in a beschikking.',
      ),
    );
  }
  const services = await tx
    .selectFrom('service')
    .where('municipality_code', '=', municipalityCode)
    .where('id', 'in', serviceIds)
    .select(['id', 'kind', 'law_code', 'unit_code', 'frequency_code', 'active'])
    .execute();
  const serviceById = new Map(services.map((s) => [s.id, s]));
  input.products.forEach((p, i) => {
    const at = `products[${i}]`;
    const service = serviceById.get(p.serviceId);
    if (!service) {
      errors.push(
        param(`${at}.serviceId`, 'unknown', 'Dit product bestaat niet.', 'This product does not exist.'),
      );
      return;
    }
    if (service.kind !== 'maatwerk' || service.law_code !== melding.law_code) {
      errors.push(
        param(
          `${at}.serviceId`,
          'not-decidable',
          `Alleen maatwerkvoorzieningen onder dezelfde wet als de melding (${melding.law_code}) worden beschikt.`,
          `Only maatwerk services under the law of the melding (${melding.law_code}) are decided on.`,
        ),
      );
    }
    if (p.outcome === 'toegekend') {
      if (!p.startDate || !p.endDate) {
        errors.push(
          param(
            `${at}.startDate`,
            'required',
            'Een toekenning heeft een begin- en einddatum.',
            'A grant has a start and an end date.',
          ),
        );
      } else if (p.endDate < p.startDate) {
        errors.push(
          param(
            `${at}.endDate`,
            'before-start',
            'De einddatum ligt voor de begindatum.',
            'The end date is before the start.',
          ),
        );
      }
      if (service.unit_code !== null && p.volume === undefined) {
        errors.push(
          param(
            `${at}.volume`,
            'required',
            'Geef de omvang die wordt toegekend.',
            'Give the volume that is granted.',
          ),
        );
      }
      if (p.requestedVolume !== undefined && p.volume !== undefined && p.volume > p.requestedVolume) {
        errors.push(
          param(
            `${at}.volume`,
            'more-than-requested',
            'Er wordt niet meer toegekend dan gevraagd.',
            'No more is granted than was asked for.',
          ),
        );
      }
    } else if (p.volume !== undefined || p.startDate !== undefined || p.endDate !== undefined) {
      errors.push(
        param(
          `${at}.outcome`,
          'refusal-with-grant',
          'Een afwijzing heeft geen periode of omvang.',
          'A refusal has no period or volume.',
        ),
      );
    }
  });
  if (errors.length > 0) throw invalid(errors);

  const granted = input.products.filter((p) => p.outcome === 'toegekend');
  const partial = granted.some(
    (p) => p.requestedVolume !== undefined && p.volume !== undefined && p.volume < p.requestedVolume,
  );
  const outcome =
    granted.length === 0
      ? 'afgewezen'
      : granted.length === input.products.length && !partial
        ? 'toegekend'
        : 'gedeeltelijk-toegekend';

  const year = Number(input.decidedDate.slice(0, 4));
  await sql`SELECT pg_advisory_xact_lock(${LOCK_BESCHIKKING_REFERENCE}, hashtext(${`${municipalityCode}:${year}`}))`.execute(
    tx,
  );
  const prefix = `BS-${year}-`;
  const max = await tx
    .selectFrom('beschikking')
    .where('municipality_code', '=', municipalityCode)
    .where('reference', 'like', `${prefix}%`)
    .select(sql<string | null>`max(substr(reference, ${prefix.length + 1})::integer)`.as('n'))
    .executeTakeFirst();
  const reference = `${prefix}${String(Number(max?.n ?? 0) + 1).padStart(7, '0')}`;
  const { id } = await tx
    .insertInto('beschikking')
    .values({
      municipality_code: municipalityCode,
      reference,
      melding_id: melding.id,
      person_id: melding.person_id,
      law_code: melding.law_code,
      decided_on: input.decidedDate,
      outcome,
      legal_grounds: input.legalGrounds,
      objection_deadline: objectionDeadline(input.decidedDate),
      decided_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('beschikking_product')
    .values(
      input.products.map((p) => {
        const service = serviceById.get(p.serviceId)!;
        const grant = p.outcome === 'toegekend' && p.volume !== undefined && service.unit_code !== null;
        return {
          municipality_code: municipalityCode,
          beschikking_id: id,
          service_id: p.serviceId,
          outcome: p.outcome,
          grounds: p.grounds,
          start_date: p.startDate ?? null,
          end_date: p.endDate ?? null,
          volume: grant ? p.volume! : null,
          unit_code: grant ? service.unit_code : null,
          frequency_code: grant ? (p.frequencyCode ?? service.frequency_code ?? '6') : null,
        };
      }),
    )
    .execute();
  await tx
    .updateTable('melding')
    .set({ status: 'besloten', closed_on: input.decidedDate })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', melding.id)
    .execute();
  return { id, personId: melding.person_id };
}

export async function listBeschikkingen(
  tx: Tx,
  municipalityCode: string,
  filter: { personId?: string; id?: string },
): Promise<BeschikkingView[]> {
  let query = tx
    .selectFrom('beschikking')
    .where('municipality_code', '=', municipalityCode)
    .selectAll()
    .orderBy('decided_on', 'desc')
    .orderBy('reference', 'desc');
  if (filter.personId) query = query.where('person_id', '=', filter.personId);
  if (filter.id) query = query.where('id', '=', filter.id);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const products = await tx
    .selectFrom('beschikking_product as bp')
    .innerJoin('service as s', (j) =>
      j.onRef('s.municipality_code', '=', 'bp.municipality_code').onRef('s.id', '=', 'bp.service_id'),
    )
    .where('bp.municipality_code', '=', municipalityCode)
    .where(
      'bp.beschikking_id',
      'in',
      rows.map((r) => r.id),
    )
    .select([
      'bp.id',
      'bp.beschikking_id',
      'bp.service_id',
      's.name as service_name',
      's.product_category_code',
      's.product_code',
      'bp.outcome',
      'bp.grounds',
      'bp.start_date',
      'bp.end_date',
      'bp.volume',
      'bp.unit_code',
      'bp.frequency_code',
    ])
    .orderBy('s.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    meldingId: r.melding_id,
    personId: r.person_id,
    lawCode: r.law_code,
    decidedDate: r.decided_on,
    outcome: r.outcome as BeschikkingView['outcome'],
    legalGrounds: r.legal_grounds,
    objectionDeadlineDate: r.objection_deadline,
    products: products
      .filter((p) => p.beschikking_id === r.id)
      .map((p) => ({
        id: p.id,
        serviceId: p.service_id,
        serviceName: p.service_name,
        productCategoryCode: p.product_category_code,
        productCode: p.product_code,
        outcome: p.outcome as 'toegekend' | 'afgewezen',
        grounds: p.grounds,
        startDate: p.start_date,
        endDate: p.end_date,
        volume: p.volume,
        unitCode: p.unit_code,
        frequencyCode: p.frequency_code,
      })),
  }));
}
