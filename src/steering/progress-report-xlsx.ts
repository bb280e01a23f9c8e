import { workbookParts, zip, type Sheet, type SheetValue } from '../intake/report-xlsx.ts';
import { BUDGET_STAGES, lastBudget, type ProgressReport, type StageAmounts } from './progress-report.ts';
import {
  INDICATOR_STATUS_NL,
  INTERVENTION_STATUS_NL,
  STAGE_NL,
  summarySentences,
} from './progress-report-text.ts';

/**
 * The progress report as an Excel workbook: a summary sheet, the indicators per goal, the interventions
 * by status and the budget (euro x 1,000) with reserves and result. Numbers stay numbers, so a controller
 * can calculate with them; the headers are Dutch, as in the council report.
 */

const amounts = (a: StageAmounts): SheetValue[] => BUDGET_STAGES.map((stage) => a[stage]);

function difference(a: StageAmounts): number | null {
  const budget = lastBudget(a);
  return budget === null || a.realisatie === null ? null : Math.round((a.realisatie - budget) * 10) / 10;
}

export function progressReportSheets(report: ProgressReport): Sheet[] {
  const { programme, year } = report;
  const summary: Sheet = {
    name: 'Samenvatting',
    columnWidths: [110],
    rows: [
      [`Voortgangsrapportage ${year}`],
      [`Programma ${programme.code} ${programme.name}`],
      [`Gemeente ${report.municipalityName}, gemaakt op ${report.generatedDate}`],
      [''],
      ...summarySentences(report).map((s): SheetValue[] => [s]),
    ],
  };
  const indicators: Sheet = {
    name: 'Indicatoren',
    header: true,
    columnWidths: [30, 14, 40, 16, 12, 12, 14, 12, 12, 14, 12, 22, 30],
    rows: [
      [
        'Doel',
        'Code',
        'Indicator',
        'Soort',
        'Eenheid',
        'Nulmeting jaar',
        'Nulmeting',
        'Streefwaarde jaar',
        'Streefwaarde',
        'Realisatie periode',
        'Realisatie',
        'Oordeel',
        'Bron',
      ],
      ...report.goals.flatMap((goal) =>
        goal.indicators.map((i): SheetValue[] => [
          goal.id === null ? 'Overig' : `${goal.code} ${goal.name}`,
          i.code,
          i.name,
          i.kind === 'effect' ? 'effectindicator' : 'prestatie-indicator',
          i.unit,
          i.baseline?.year ?? null,
          i.baseline?.value ?? null,
          i.target?.year ?? null,
          i.target?.value ?? null,
          i.realisation ? `${i.realisation.periodStartDate} t/m ${i.realisation.periodEndDate}` : null,
          i.realisation?.value ?? null,
          INDICATOR_STATUS_NL[i.status],
          i.source,
        ]),
      ),
    ],
  };
  const interventions: Sheet = {
    name: 'Interventies',
    header: true,
    columnWidths: [14, 36, 26, 24, 12, 12, 14, 40, 40, 40, 40],
    rows: [
      [
        'Status',
        'Interventie',
        'Thema',
        'Uitvoering',
        'Start',
        'Einde',
        'Budget (€)',
        'Beoogd resultaat',
        'Bereikt resultaat',
        'Reden / toelichting',
        'Evaluatie',
      ],
      ...report.interventions.flatMap((group) =>
        group.items.map((v): SheetValue[] => [
          INTERVENTION_STATUS_NL[group.status] ?? group.status,
          v.name,
          `${v.themeCode} ${v.themeName}`,
          v.owner,
          v.startDate,
          v.endDate,
          v.budgetCents === null ? null : v.budgetCents / 100,
          v.expectedResult,
          v.achievedResult,
          v.statusReason,
          v.evaluation,
        ]),
      ),
    ],
  };
  const { budget } = report;
  const budgetRows: SheetValue[][] = [
    ['Regel', 'Thema', 'Taakveld', ...BUDGET_STAGES.map((s) => STAGE_NL[s]), 'Verschil'],
  ];
  for (const side of ['lasten', 'baten'] as const) {
    for (const row of budget.rows) {
      if (BUDGET_STAGES.every((stage) => row[side][stage] === null)) continue;
      budgetRows.push([
        side === 'lasten' ? 'Lasten' : 'Baten',
        row.level === 'thema' ? `${row.themeCode ?? ''} ${row.themeName ?? ''}`.trim() : null,
        row.bbvTaakveldCode,
        ...amounts(row[side]),
        difference(row[side]),
      ]);
    }
    budgetRows.push([
      `Totaal ${side}`,
      null,
      null,
      ...amounts(budget.totals[side]),
      difference(budget.totals[side]),
    ]);
  }
  const t = budget.totals;
  budgetRows.push(
    ['Saldo (lasten min baten)', null, null, ...amounts(t.saldo), difference(t.saldo)],
    ['Stortingen in reserves', null, null, ...amounts(t.storting), difference(t.storting)],
    ['Onttrekkingen aan reserves', null, null, ...amounts(t.onttrekking), difference(t.onttrekking)],
    ['Resultaat', null, null, ...amounts(t.resultaat), difference(t.resultaat)],
    [],
    ['Bedragen in € x 1.000. Verschil: realisatie min begroting na wijziging (of begroting).'],
  );
  const budgetSheet: Sheet = {
    name: `Financien ${year}`,
    header: true,
    columnWidths: [28, 36, 10, 12, 14, 12, 12, 12],
    rows: budgetRows,
  };
  return [summary, indicators, interventions, budgetSheet];
}

export function progressReportXlsx(report: ProgressReport): Buffer {
  return zip(workbookParts(progressReportSheets(report)));
}
