import { z } from 'zod';
import { REPORT_DIMENSIONS, type ReportDimension } from './report-repository.ts';

/** Query and response of the registration report (docs/api/intake.md, "Registration report"). */

/** The longest period one report may cover. */
export const MAX_REPORT_YEARS = 5;

/** The day `years` years after `date` (29 February → 1 March in a year without it). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(y + years, m - 1, d));
  return moved.toISOString().slice(0, 10);
}

/** `type` or `vindplaats,channel`: one dimension, or two different ones (rows, columns). */
export function parseGroupBy(value: string): [ReportDimension] | [ReportDimension, ReportDimension] | null {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length < 1 || parts.length > 2) return null;
  if (!parts.every((p): p is ReportDimension => (REPORT_DIMENSIONS as readonly string[]).includes(p)))
    return null;
  if (parts.length === 2 && parts[0] === parts[1]) return null;
  return parts as [ReportDimension] | [ReportDimension, ReportDimension];
}

export const ReportQuerySchema = z
  .strictObject({
    fromDate: z.iso.date().describe('First day of the period (YYYY-MM-DD), inclusive'),
    toDate: z.iso
      .date()
      .describe('Last day of the period (YYYY-MM-DD), inclusive; at most 5 years after fromDate'),
    groupBy: z
      .string()
      .max(40)
      .refine((value) => parseGroupBy(value) !== null, {
        message:
          `Kies een indeling uit ${REPORT_DIMENSIONS.join(', ')}, of twee verschillende met een komma (zoals vindplaats,channel).|` +
          `Choose a grouping from ${REPORT_DIMENSIONS.join(', ')}, or two different ones separated by a comma (such as vindplaats,channel).`,
      })
      .describe(
        'type | vindplaats | channel | outcome | wijk; or two of them separated by a comma for a cross table (rows, columns)',
      ),
  })
  .superRefine((query, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    if (!iso.test(query.fromDate) || !iso.test(query.toDate)) return;
    if (query.fromDate > query.toDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message:
          'De einddatum ligt voor de begindatum.|The end date (toDate) lies before the start date (fromDate).',
      });
    } else if (query.toDate >= addYears(query.fromDate, MAX_REPORT_YEARS)) {
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message: `Een rapport beslaat hoogstens ${MAX_REPORT_YEARS} jaar.|A report covers at most ${MAX_REPORT_YEARS} years.`,
      });
    }
  });

export type ReportQuery = z.infer<typeof ReportQuerySchema>;

const CellSchema = z
  .union([z.number().int().min(0), z.enum(['<10', 'x'])])
  .describe('A count; "<10" for 1 to 9; "x" when hidden so that a "<10" cannot be worked out from a total')
  .meta({ id: 'ReportCell' });

const CategorySchema = z.object({
  key: z.string().describe('Code of the value (type, channel, outcome, wijk code, vindplaats id)'),
  label: z.string().describe('Name in Dutch, as in the exports'),
});

const BilingualSchema = z.object({ nl: z.string(), en: z.string() });

export const HelpQuestionReportSchema = z
  .object({
    fromDate: z.iso.date(),
    toDate: z.iso.date(),
    groupBy: z.array(z.enum(REPORT_DIMENSIONS)).describe('Rows, and columns when there are two'),
    rowDimension: CategorySchema,
    columnDimension: CategorySchema.nullable().describe('null for a table of one dimension'),
    columns: z.array(CategorySchema).describe('Values of the second dimension; empty with one dimension'),
    rows: z.array(
      CategorySchema.extend({
        cells: z.array(CellSchema).describe('One count per column; empty with one dimension'),
        total: CellSchema.describe('Questions of this row'),
      }),
    ),
    totals: z
      .object({
        cells: z.array(CellSchema).describe('Questions per column'),
        total: CellSchema.describe('All questions in the period (each once)'),
      })
      .describe('The total row'),
    meta: z.object({
      threshold: z.number().int(),
      suppression: BilingualSchema.describe('How small counts are hidden'),
      suppressedCells: z.object({ small: z.number().int(), secondary: z.number().int() }),
      counting: BilingualSchema.describe('What is counted; how questions of two types count'),
      period: BilingualSchema.describe('How the period is read'),
    }),
  })
  .meta({ id: 'HelpQuestionReport' });

export type HelpQuestionReport = z.infer<typeof HelpQuestionReportSchema>;
