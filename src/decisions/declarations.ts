import { sql } from 'kysely';
import type { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import { invalid, problem } from '../platform/http/problem.ts';
import { DeclarationChecker } from './declaration-checks.ts';
import { loadCheckFacts, lockProvider } from './declaration-facts.ts';
import type { DeclarationCreateSchema, DeclarationSchema } from './decision-schemas.ts';

/**
 * Booking a declaration (323) sent as JSON: under the provider's lock, the declaration number must be new
 * (9333), every line is checked by declaration-checks.ts against its allocation and stored accepted or
 * rejected with its retourcode; lines naming no allocation of this provider cannot be stored (there is
 * nothing to link them to) and are answered as rejected (9338). All in the caller's transaction: a failure
 * anywhere books nothing.
 */

export type DeclarationView = z.infer<typeof DeclarationSchema>;
type CreateInput = z.infer<typeof DeclarationCreateSchema>;

const INSERT_CHUNK = 1000;

export async function bookDeclaration(
  tx: Tx,
  municipalityCode: string,
  providerId: string,
  input: CreateInput,
): Promise<{ id: string; unknownLines: DeclarationView['unknownLines']; personIds: string[] }> {
  if (input.periodEndDate < input.periodStartDate) {
    throw invalid([
      {
        name: 'periodEndDate',
        code: 'before-start',
        reason: {
          nl: 'De declaratieperiode eindigt voor zij begint.',
          en: 'The declaration period ends before it starts.',
        },
      },
    ]);
  }
  await lockProvider(tx, municipalityCode, providerId);
  const taken = await tx
    .selectFrom('declaration')
    .where('municipality_code', '=', municipalityCode)
    .where('provider_id', '=', providerId)
    .where('declaration_number', '=', input.declarationNumber)
    .select('id')
    .executeTakeFirst();
  if (taken) {
    throw problem(409, 'declaration-number-taken', {
      nl: `Declaratienummer ${input.declarationNumber} is al gebruikt (retourcode 9333). Een declaratie wordt één keer ingediend.`,
      en: `Declaration number ${input.declarationNumber} has been used already (return code 9333). A declaration is submitted once.`,
    });
  }
  const facts = await loadCheckFacts(
    tx,
    municipalityCode,
    providerId,
    input.lines.map((l) => l.toewijzingNumber),
    { lawCode: input.lawCode },
  );
  const checker = new DeclarationChecker(facts, { start: input.periodStartDate, end: input.periodEndDate });
  const rows: {
    toewijzingId: string;
    line: CreateInput['lines'][number];
    status: 'geaccepteerd' | 'afgewezen';
    code: string | null;
    reason: string | null;
  }[] = [];
  const unknownLines: DeclarationView['unknownLines'] = [];
  input.lines.forEach((line, index) => {
    const verdict = checker.check({
      toewijzingNumber: line.toewijzingNumber,
      periodStart: line.periodStartDate,
      periodEnd: line.periodEndDate,
      volume: line.volume,
      unitCode: line.unitCode,
      tariffCents: line.tariffCents,
      amountCents: line.amountCents,
      productCategoryCode: line.productCategoryCode ?? null,
      productCode: line.productCode ?? null,
      reference: line.reference ?? null,
    });
    if (!verdict.allocation) {
      const reason =
        verdict.status === 'afgewezen'
          ? verdict.reason
          : { nl: 'Onbekende toewijzing.', en: 'Unknown allocation.' };
      unknownLines.push({ index, toewijzingNumber: line.toewijzingNumber, rejectionCode: '9338', reason });
      return;
    }
    rows.push({
      toewijzingId: verdict.allocation.id,
      line,
      status: verdict.status,
      code: verdict.status === 'afgewezen' ? verdict.code : null,
      reason: verdict.status === 'afgewezen' ? verdict.reason.nl.slice(0, 500) : null,
    });
  });
  const total = rows.reduce((sum, r) => sum + r.line.amountCents, 0);
  const { id } = await tx
    .insertInto('declaration')
    .values({
      municipality_code: municipalityCode,
      provider_id: providerId,
      declaration_number: input.declarationNumber,
      law_code: input.lawCode,
      period_start: input.periodStartDate,
      period_end: input.periodEndDate,
      submitted_at: sql<Date>`now()`,
      total_cents: total,
      status: 'verwerkt',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx
      .insertInto('declaration_line')
      .values(
        rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          municipality_code: municipalityCode,
          declaration_id: id,
          toewijzing_id: r.toewijzingId,
          period_start: r.line.periodStartDate,
          period_end: r.line.periodEndDate,
          volume: r.line.volume,
          unit_code: r.line.unitCode,
          tariff_cents: r.line.tariffCents,
          amount_cents: r.line.amountCents,
          reference: r.line.reference ?? null,
          status: r.status,
          rejection_code: r.code,
          rejection_reason: r.reason,
        })),
      )
      .execute();
  }
  const personIds =
    rows.length === 0
      ? []
      : (
          await tx
            .selectFrom('toewijzing')
            .where('municipality_code', '=', municipalityCode)
            .where('id', 'in', [...new Set(rows.map((r) => r.toewijzingId))])
            .select('person_id')
            .distinct()
            .execute()
        ).map((r) => r.person_id);
  return { id, unknownLines, personIds };
}

export async function listDeclarations(
  tx: Tx,
  municipalityCode: string,
  filter: { id?: string; providerId?: string },
): Promise<Omit<DeclarationView, 'lines' | 'unknownLines'>[]> {
  let query = tx
    .selectFrom('declaration as d')
    .where('d.municipality_code', '=', municipalityCode)
    .select([
      'd.id',
      'd.provider_id',
      'd.declaration_number',
      'd.law_code',
      'd.period_start',
      'd.period_end',
      'd.submitted_at',
      'd.total_cents',
      'd.status',
      sql<string>`(SELECT coalesce(sum(l.amount_cents), 0) FROM declaration_line l
        WHERE l.municipality_code = d.municipality_code AND l.declaration_id = d.id AND l.status = 'geaccepteerd')`.as(
        'accepted_cents',
      ),
    ])
    .orderBy('d.period_start', 'desc')
    .orderBy('d.submitted_at', 'desc')
    .limit(200);
  if (filter.id) query = query.where('d.id', '=', filter.id);
  if (filter.providerId) query = query.where('d.provider_id', '=', filter.providerId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    declarationNumber: r.declaration_number,
    lawCode: r.law_code,
    periodStartDate: r.period_start,
    periodEndDate: r.period_end,
    submittedAt: new Date(r.submitted_at as unknown as string).toISOString(),
    totalCents: Number(r.total_cents),
    acceptedCents: Number(r.accepted_cents),
    status: r.status as 'ingediend' | 'verwerkt',
  }));
}

export async function getDeclaration(
  tx: Tx,
  municipalityCode: string,
  id: string,
  providerId: string | undefined,
): Promise<{ view: Omit<DeclarationView, 'unknownLines'>; personIds: string[] } | undefined> {
  const [head] = await listDeclarations(tx, municipalityCode, { id, providerId });
  if (!head) return undefined;
  const lines = await tx
    .selectFrom('declaration_line as l')
    .innerJoin('toewijzing as t', (j) =>
      j.onRef('t.municipality_code', '=', 'l.municipality_code').onRef('t.id', '=', 'l.toewijzing_id'),
    )
    .where('l.municipality_code', '=', municipalityCode)
    .where('l.declaration_id', '=', id)
    .select([
      'l.id',
      'l.toewijzing_id',
      't.toewijzing_number',
      't.person_id',
      'l.period_start',
      'l.period_end',
      'l.volume',
      'l.unit_code',
      'l.tariff_cents',
      'l.amount_cents',
      'l.reference',
      'l.status',
      'l.rejection_code',
      'l.rejection_reason',
    ])
    .orderBy('l.id')
    .execute();
  return {
    personIds: [...new Set(lines.map((l) => l.person_id))],
    view: {
      ...head,
      lines: lines.map((l) => ({
        id: Number(l.id),
        toewijzingId: l.toewijzing_id,
        toewijzingNumber: Number(l.toewijzing_number),
        periodStartDate: l.period_start,
        periodEndDate: l.period_end,
        volume: l.volume,
        unitCode: l.unit_code,
        tariffCents: Number(l.tariff_cents),
        amountCents: Number(l.amount_cents),
        reference: l.reference,
        status: l.status as 'geaccepteerd' | 'afgewezen',
        rejectionCode: l.rejection_code,
        rejectionReason: l.rejection_reason,
      })),
    },
  };
}
