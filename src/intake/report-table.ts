import { CHANNELS, QUESTION_TYPES } from './help-question-schemas.ts';
import { NO_TRIAGE, UNKNOWN_WIJK, type GroupCount, type ReportDimension } from './report-repository.ts';
import type { HelpQuestionReport } from './report-schemas.ts';
import { SUPPRESSION_RULE, SUPPRESSION_THRESHOLD, suppressSmallCounts } from './report-suppression.ts';

/**
 * Turns the counts of the registration report into a labelled table (every known value of a dimension
 * is a row or column, also with zero questions) with small counts suppressed. Pure.
 */

export interface Category {
  key: string;
  label: string;
}

export const DIMENSION_LABELS: Record<ReportDimension, string> = {
  type: 'Soort vraag',
  vindplaats: 'Vindplaats',
  channel: 'Kanaal',
  outcome: 'Uitkomst triage',
  wijk: 'Wijk',
};

const TYPE_LABELS: Record<string, string> = {
  inkomen: 'Inkomen',
  werk: 'Werk',
  schulden: 'Schulden',
  huishouden: 'Huishouden',
  mobiliteit: 'Mobiliteit',
  opvoeding: 'Opvoeden en opgroeien',
  psychisch: 'Psychische problemen',
  wonen: 'Wonen',
  eenzaamheid: 'Eenzaamheid',
  mantelzorg: 'Mantelzorg',
  veiligheid: 'Veiligheid',
  gezondheid: 'Gezondheid',
  verslaving: 'Verslaving',
  dagbesteding: 'Dagbesteding',
  zelfzorg: 'Zelfzorg',
  onderwijs: 'Onderwijs',
};

const CHANNEL_LABELS: Record<string, string> = {
  telefoon: 'Telefoon',
  balie: 'Balie',
  online: 'Online',
  email: 'E-mail',
  huisbezoek: 'Huisbezoek',
  spreekuur: 'Spreekuur',
  brief: 'Brief',
};

export const OUTCOME_LABELS: Record<string, string> = {
  'informatie-advies': 'Informatie en advies',
  'verwijzing-algemene-voorziening': 'Verwijzing naar een algemene voorziening',
  melding: 'Melding',
  urgent: 'Urgent',
  [NO_TRIAGE]: 'Nog geen triage',
};

/** The fixed values of the dimensions that have them; vindplaats and wijk come from the database. */
export function fixedCategories(dimension: 'type' | 'channel' | 'outcome'): Category[] {
  switch (dimension) {
    case 'type':
      return QUESTION_TYPES.map((key) => ({ key, label: TYPE_LABELS[key] ?? key }));
    case 'channel':
      return CHANNELS.map((key) => ({ key, label: CHANNEL_LABELS[key] ?? key }));
    case 'outcome':
      return Object.entries(OUTCOME_LABELS).map(([key, label]) => ({ key, label }));
  }
}

export function wijkCategories(wijken: { code: string; name: string }[]): Category[] {
  return [
    ...wijken.map((w) => ({ key: w.code, label: w.name })),
    { key: UNKNOWN_WIJK, label: 'Onbekend (anoniem of zonder adres)' },
  ];
}

/** Active vindplaatsen, and inactive ones only when they have questions in the period. */
export function vindplaatsCategories(
  vindplaatsen: { id: string; name: string; active: boolean }[],
  counts: GroupCount[],
  position: 'first' | 'second',
): Category[] {
  const seen = new Set(counts.map((c) => c[position]));
  return vindplaatsen.filter((v) => v.active || seen.has(v.id)).map((v) => ({ key: v.id, label: v.name }));
}

/** Categories plus any value in the counts that is not among them (so that nothing is dropped). */
function complete(categories: Category[], counts: GroupCount[], position: 'first' | 'second'): Category[] {
  const known = new Set(categories.map((c) => c.key));
  const extra = [
    ...new Set(counts.map((c) => c[position]).filter((v): v is string => v !== null && !known.has(v))),
  ].sort();
  return [...categories, ...extra.map((key) => ({ key, label: key }))];
}

export function buildReport(input: {
  fromDate: string;
  toDate: string;
  dimensions: readonly [ReportDimension] | readonly [ReportDimension, ReportDimension];
  rowCategories: Category[];
  columnCategories: Category[];
  counts: GroupCount[];
}): HelpQuestionReport {
  const [rowDimension, columnDimension] = input.dimensions;
  const rows = complete(input.rowCategories, input.counts, 'first');
  const columns = columnDimension ? complete(input.columnCategories, input.counts, 'second') : [];
  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
  const columnIndex = new Map(columns.map((c, i) => [c.key, i]));
  const cells = rows.map(() => columns.map(() => 0));
  const rowTotals = rows.map(() => 0);
  const columnTotals = columns.map(() => 0);
  let total = 0;
  for (const c of input.counts) {
    if (c.first !== null && c.second !== null)
      cells[rowIndex.get(c.first)!]![columnIndex.get(c.second)!] = c.count;
    else if (c.first !== null) rowTotals[rowIndex.get(c.first)!] = c.count;
    else if (c.second !== null) columnTotals[columnIndex.get(c.second)!] = c.count;
    else total = c.count;
  }
  const shown = suppressSmallCounts({ cells, rowTotals, columnTotals, total });
  const multiCount = input.dimensions.includes('type');
  return {
    fromDate: input.fromDate,
    toDate: input.toDate,
    groupBy: [...input.dimensions],
    rowDimension: { key: rowDimension, label: DIMENSION_LABELS[rowDimension] },
    columnDimension: columnDimension
      ? { key: columnDimension, label: DIMENSION_LABELS[columnDimension] }
      : null,
    columns,
    rows: rows.map((r, i) => ({ ...r, cells: shown.cells[i]!, total: shown.rowTotals[i]! })),
    totals: { cells: shown.columnTotals, total: shown.total },
    meta: {
      threshold: SUPPRESSION_THRESHOLD,
      suppression: SUPPRESSION_RULE,
      suppressedCells: { small: shown.primary, secondary: shown.secondary },
      counting: multiCount
        ? {
            nl:
              'Aantal hulpvragen. Een hulpvraag over meer dan één soort vraag telt bij elke soort mee, dus de soorten ' +
              'samen zijn meer dan het totaal; het totaal telt elke hulpvraag één keer.',
            en:
              'Number of help questions. A question of more than one type counts under each of its types, so the types ' +
              'add up to more than the total; the total counts every question once.',
          }
        : {
            nl: 'Aantal hulpvragen; elke hulpvraag telt één keer.',
            en: 'Number of help questions; every question counts once.',
          },
      period: {
        nl: `Hulpvragen ontvangen van ${input.fromDate} tot en met ${input.toDate} (Nederlandse tijd). Wijk: die van het adres van het huishouden; "onbekend" voor anonieme vragen.`,
        en: `Help questions received from ${input.fromDate} up to and including ${input.toDate} (Dutch time). Wijk: that of the household's address; "onbekend" for anonymous questions.`,
      },
    },
  };
}
