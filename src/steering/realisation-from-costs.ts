import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../platform/db/database.ts';
import { notFound } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { programmeRow } from './budget-repository.ts';
import { ProgrammeParams } from './steering-schemas.ts';

/**
 * Budget realisatie from Grip's own costs (issue 7 point 3). For a programme and year Grip adds up what it
 * paid: accepted declaration lines (in the year their period starts, allocations not withdrawn — as the cost
 * dashboard, src/decisions/costs.ts, counts them) and lump sums (contract_payment, the part of each payment
 * period that falls in the year). Each cost goes to a BBV taakveld by the law and iWmo/iJw product category
 * of its service (TAAKVELD_MAPPING below; a lump sum by the first product of its contract).
 *
 * It is stored as programme-level budget lines by taakveld: stage realisatie, side lasten, source
 * grip-kosten, in euro × 1,000 with one decimal. Decision: figures the municipality entered or imported
 * always win — a taakveld that already has an imported or typed realisatie line for that year keeps it, and
 * the answer shows both figures (`kept`). Earlier grip-kosten lines of the programme and year are replaced
 * (a recalculation). Only the taakvelden of the programme count: those of its themes and of its
 * programme-level lines; a programme without any gets every taakveld with costs.
 */

/**
 * The documented mapping from law and product category to BBV taakveld (Iv3 taakvelden 6.x):
 * - Wmo 11–14 (rolstoelen, vervoer- en woonvoorzieningen, hulpmiddelen): 6.6 Maatwerkvoorzieningen (Wmo);
 * - Wmo 15–18 (beschermd wonen, opvang): 6.81 Geëscaleerde zorg 18+;
 * - other Wmo (hulp bij het huishouden, begeleiding, dagbesteding, …): 6.71 Maatwerkdienstverlening 18+;
 * - Jeugdwet with verblijf, crisis, jeugdbescherming and jeugdreclassering (35–38, 43, 44, 46–49):
 *   6.82 Geëscaleerde zorg 18-; other Jeugdwet: 6.72 Maatwerkdienstverlening 18-;
 * - Participatiewet (re-integration services in Grip's catalogue): 6.5 Arbeidsparticipatie;
 * - schuldhulp: 6.3 Inkomensregelingen (municipalities differ here; change this line if the controller books
 *   debt help elsewhere).
 */
export function taakveldFor(lawCode: string, productCategory: string | null): string | null {
  const category = productCategory === null ? null : Number(productCategory);
  switch (lawCode) {
    case 'wmo':
      if (category !== null && category >= 11 && category <= 14) return '6.6';
      if (category !== null && category >= 15 && category <= 18) return '6.81';
      return '6.71';
    case 'jeugdwet':
      if (
        category !== null &&
        ([35, 36, 37, 38, 43, 44].includes(category) || (category >= 46 && category <= 49))
      )
        return '6.82';
      return '6.72';
    case 'participatiewet':
      return '6.5';
    case 'schuldhulp':
      return '6.3';
    default:
      return null;
  }
}

interface CostRow {
  law_code: string | null;
  category: string | null;
  cents: string;
}

/** Cents per taakveld for the year: declarations and lump sums separately. */
export async function costsByTaakveld(
  tx: Tx,
  municipalityCode: string,
  year: number,
): Promise<Map<string, { declarationCents: number; lumpSumCents: number }>> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const declarations = await sql<CostRow>`
    SELECT t.law_code, coalesce(t.product_category_code, s.product_category_code) AS category,
           sum(l.amount_cents)::text AS cents
    FROM declaration_line l
    JOIN toewijzing t ON t.municipality_code = l.municipality_code AND t.id = l.toewijzing_id
    JOIN service s ON s.municipality_code = t.municipality_code AND s.id = t.service_id
    WHERE l.municipality_code = ${municipalityCode} AND l.status = 'geaccepteerd'
      AND t.status <> 'ingetrokken'
      AND l.period_start BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1, 2`.execute(tx);
  const lumpSums = await sql<CostRow>`
    SELECT first.law_code, first.category,
           round(sum(p.amount_cents::numeric
             * (least(p.period_end, ${to}::date) - greatest(p.period_start, ${from}::date) + 1)
             / (p.period_end - p.period_start + 1)))::text AS cents
    FROM contract_payment p
    LEFT JOIN LATERAL (
      SELECT s.law_code, s.product_category_code AS category
      FROM contract_product cp
      JOIN service s ON s.municipality_code = cp.municipality_code AND s.id = cp.service_id
      WHERE cp.municipality_code = p.municipality_code AND cp.contract_id = p.contract_id
      ORDER BY s.law_code, s.product_category_code NULLS LAST, s.code
      LIMIT 1
    ) first ON true
    WHERE p.municipality_code = ${municipalityCode}
      AND p.period_start <= ${to}::date AND p.period_end >= ${from}::date
    GROUP BY 1, 2`.execute(tx);
  const result = new Map<string, { declarationCents: number; lumpSumCents: number }>();
  const add = (row: CostRow, field: 'declarationCents' | 'lumpSumCents') => {
    const taakveld = row.law_code ? taakveldFor(row.law_code, row.category) : null;
    if (!taakveld) return;
    const entry = result.get(taakveld) ?? { declarationCents: 0, lumpSumCents: 0 };
    entry[field] += Number(row.cents);
    result.set(taakveld, entry);
  };
  for (const row of declarations.rows) add(row, 'declarationCents');
  for (const row of lumpSums.rows) add(row, 'lumpSumCents');
  return result;
}

const LineSchema = z.object({
  taakveld: z.string(),
  taakveldName: z.string(),
  declarationCents: z.number().int(),
  lumpSumCents: z.number().int(),
  amount: z.number().describe('Grip costs in euro × 1,000 (one decimal)'),
  stored: z.boolean().describe('Written as a realisatie line with source grip-kosten'),
  kept: z
    .object({ source: z.string(), amount: z.number() })
    .nullable()
    .describe('An imported or typed realisatie line for this taakveld and year, which was kept'),
});
export const RealisationFromCostsSchema = z.object({
  programmeId: z.uuid(),
  year: z.number().int(),
  lines: z.array(LineSchema),
  otherTaakvelden: z
    .array(z.object({ taakveld: z.string(), amount: z.number() }))
    .describe('Costs under taakvelden that are not the programme’s (not stored)'),
});
const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export async function storeRealisationFromCosts(
  tx: Tx,
  municipalityCode: string,
  programmeId: string,
  year: number,
): Promise<z.infer<typeof RealisationFromCostsSchema>> {
  const costs = await costsByTaakveld(tx, municipalityCode, year);
  const themeFields = await tx
    .selectFrom('theme')
    .select('bbv_taakveld_code as code')
    .where('municipality_code', '=', municipalityCode)
    .where('programme_id', '=', programmeId)
    .where('bbv_taakveld_code', 'is not', null)
    .execute();
  const lineFields = await tx
    .selectFrom('budget_line')
    .select('bbv_taakveld_code as code')
    .where('municipality_code', '=', municipalityCode)
    .where('programme_id', '=', programmeId)
    .where('source', '<>', 'grip-kosten')
    .where('bbv_taakveld_code', 'is not', null)
    .execute();
  const own = new Set([...themeFields, ...lineFields].map((r) => r.code!));
  const mine = (taakveld: string) => own.size === 0 || own.has(taakveld);

  // A recalculation: the earlier Grip lines of this programme and year go.
  await tx
    .deleteFrom('budget_line')
    .where('municipality_code', '=', municipalityCode)
    .where('programme_id', '=', programmeId)
    .where('year', '=', year)
    .where('stage', '=', 'realisatie')
    .where('source', '=', 'grip-kosten')
    .execute();
  const existing = await tx
    .selectFrom('budget_line')
    .select(['bbv_taakveld_code', 'source', 'amount_thousands'])
    .where('municipality_code', '=', municipalityCode)
    .where('programme_id', '=', programmeId)
    .where('theme_id', 'is', null)
    .where('year', '=', year)
    .where('side', '=', 'lasten')
    .where('stage', '=', 'realisatie')
    .execute();
  const names = new Map(
    (await tx.selectFrom('bbv_taakveld').select(['code', 'name']).execute()).map((r) => [r.code, r.name]),
  );
  const lines: z.infer<typeof LineSchema>[] = [];
  const otherTaakvelden: { taakveld: string; amount: number }[] = [];
  for (const [taakveld, c] of [...costs.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const amount = Math.round((c.declarationCents + c.lumpSumCents) / 10_000) / 10;
    if (!mine(taakveld)) {
      otherTaakvelden.push({ taakveld, amount });
      continue;
    }
    const kept = existing.find((e) => e.bbv_taakveld_code === taakveld);
    if (!kept)
      await tx
        .insertInto('budget_line')
        .values({
          municipality_code: municipalityCode,
          programme_id: programmeId,
          bbv_taakveld_code: taakveld,
          year,
          side: 'lasten',
          stage: 'realisatie',
          amount_thousands: amount,
          source: 'grip-kosten',
        })
        .execute();
    lines.push({
      taakveld,
      taakveldName: names.get(taakveld) ?? taakveld,
      declarationCents: c.declarationCents,
      lumpSumCents: c.lumpSumCents,
      amount,
      stored: !kept,
      kept: kept ? { source: kept.source, amount: Number(kept.amount_thousands) } : null,
    });
  }
  return { programmeId, year, lines, otherTaakvelden };
}

export function registerRealisationFromCostsRoutes(app: GripApp): void {
  app.post(
    '/api/v1/steering/programmes/:programmeId/realisation-from-costs',
    {
      config: { action: 'budget.realisation-from-costs' },
      schema: {
        tags: ['Sturing'],
        summary:
          'Compute the realisatie lasten per BBV taakveld from Grip’s costs and store them (source grip-kosten)',
        description:
          'Accepted declarations and lump sums of the year, by taakveld (law and product category of the ' +
          'service). Imported or typed realisatie lines are never overwritten: such a taakveld is returned ' +
          'with stored false and the kept figure. Earlier grip-kosten lines of the programme and year are replaced.',
        params: ProgrammeParams,
        querystring: YearQuery,
        response: { 200: RealisationFromCostsSchema },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      return request.tenant(async (tx) => {
        if (!(await programmeRow(tx, municipalityCode, request.params.programmeId)))
          throw notFound({ nl: 'Dit programma', en: 'This programme' });
        return storeRealisationFromCosts(
          tx,
          municipalityCode,
          request.params.programmeId,
          request.query.year,
        );
      });
    },
  );
}
