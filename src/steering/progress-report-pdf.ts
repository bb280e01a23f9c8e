import { PDFDocument, StandardFonts, rgb, type PDFPage } from 'pdf-lib';
import { dutchDate, winAnsiSafe } from '../plans/plan-pdf.ts';
import { BUDGET_STAGES, lastBudget, type ProgressReport, type StageAmounts } from './progress-report.ts';
import {
  INTERVENTION_STATUS_NL,
  STAGE_NL,
  indicatorSentence,
  summarySentences,
  thousands,
} from './progress-report-text.ts';
import { wrapText } from '../platform/pdf/wrap-text.ts';

/**
 * The progress report as a PDF for the council (A4): summary, the three W-questions, and the budget as a
 * table in euro x 1,000. Standard fonts (WinAnsi); other characters are made safe by winAnsiSafe.
 */

type Line =
  | { kind: 'title' | 'subtitle' | 'heading' | 'subheading' | 'text' | 'item'; text: string }
  | { kind: 'row'; cells: string[]; bold?: boolean };

const BUDGET_COLUMNS = ['Begroting', 'Na wijziging', 'Realisatie', 'Verschil'];

function budgetRow(label: string, amounts: StageAmounts, bold = false): Line {
  const budget = lastBudget(amounts);
  const difference =
    budget === null || amounts.realisatie === null
      ? null
      : Math.round((amounts.realisatie - budget) * 10) / 10;
  return {
    kind: 'row',
    bold,
    cells: [
      label,
      thousands(amounts.begroting),
      thousands(amounts['begroting-na-wijziging']),
      thousands(amounts.realisatie),
      thousands(difference),
    ],
  };
}

/** "TH1 Maatwerk" for a theme line, "Taakveld 6.6" for a line by taakveld. */
export function rowLabel(row: ProgressReport['budget']['rows'][number]): string {
  if (row.level === 'thema') return `${row.themeCode ?? ''} ${row.themeName ?? ''}`.trim();
  return `Taakveld ${row.bbvTaakveldCode}`;
}

/** The lines of the PDF; layout happens in renderProgressReportPdf. */
export function progressReportLines(report: ProgressReport): Line[] {
  const lines: Line[] = [];
  const { programme, year } = report;
  lines.push({ kind: 'title', text: `Voortgangsrapportage ${year}` });
  lines.push({ kind: 'subtitle', text: `Programma ${programme.code} ${programme.name}` });
  lines.push({
    kind: 'text',
    text: `Gemeente ${report.municipalityName}. Deze rapportage laat zien hoe het programma er over ${year} voor staat: wat we wilden bereiken en of de indicatoren op koers liggen, wat we daarvoor hebben gedaan, en wat het heeft gekost. Bedragen zijn in duizenden euro's (€ x 1.000).`,
  });
  if (programme.description) lines.push({ kind: 'text', text: programme.description });

  lines.push({ kind: 'heading', text: 'Samenvatting' });
  for (const sentence of summarySentences(report)) lines.push({ kind: 'item', text: sentence });

  lines.push({ kind: 'heading', text: '1. Wat wilden we bereiken?' });
  if (report.goals.length === 0)
    lines.push({
      kind: 'text',
      text: 'Voor dit programma zijn nog geen maatschappelijke doelen vastgelegd.',
    });
  for (const goal of report.goals) {
    lines.push({
      kind: 'subheading',
      text: goal.id === null ? 'Overige indicatoren van het programma' : `Doel ${goal.code}: ${goal.name}`,
    });
    if (goal.indicators.length === 0)
      lines.push({ kind: 'text', text: 'Aan dit doel is nog geen indicator gekoppeld.' });
    for (const indicator of goal.indicators) lines.push({ kind: 'item', text: indicatorSentence(indicator) });
  }

  lines.push({ kind: 'heading', text: '2. Wat hebben we daarvoor gedaan?' });
  const any = report.interventions.some((group) => group.items.length > 0);
  if (!any)
    lines.push({ kind: 'text', text: `In ${year} liepen er geen interventies binnen dit programma.` });
  for (const group of report.interventions) {
    if (group.items.length === 0) continue;
    lines.push({
      kind: 'subheading',
      text: `${INTERVENTION_STATUS_NL[group.status]} (${group.items.length})`,
    });
    for (const v of group.items) {
      const when =
        v.startDate && v.endDate
          ? `, ${dutchDate(v.startDate)} tot en met ${dutchDate(v.endDate)}`
          : v.startDate
            ? `, vanaf ${dutchDate(v.startDate)}`
            : '';
      const budget =
        v.budgetCents === null
          ? ''
          : `, budget € ${new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }).format(v.budgetCents / 100)}`;
      lines.push({
        kind: 'item',
        text: `${v.name} (thema ${v.themeCode} ${v.themeName}; uitvoering: ${v.owner}${when}${budget}).`,
      });
      if (v.expectedResult) lines.push({ kind: 'text', text: `Beoogd resultaat: ${v.expectedResult}` });
      if (v.achievedResult) lines.push({ kind: 'text', text: `Bereikt resultaat: ${v.achievedResult}` });
      if (v.statusReason)
        lines.push({
          kind: 'text',
          text: `${group.status === 'gestopt' ? 'Reden van stoppen' : 'Toelichting'}: ${v.statusReason}`,
        });
      if (v.evaluation) lines.push({ kind: 'text', text: `Evaluatie: ${v.evaluation}` });
    }
  }

  lines.push({ kind: 'heading', text: '3. Wat heeft het gekost?' });
  const { budget } = report;
  if (budget.rows.length === 0 && BUDGET_STAGES.every((stage) => budget.totals.lasten[stage] === null)) {
    lines.push({ kind: 'text', text: `Voor ${year} zijn nog geen begrotingscijfers vastgelegd.` });
    return lines;
  }
  lines.push({
    kind: 'text',
    text: 'Bedragen in € x 1.000. Verschil is realisatie min begroting na wijziging (of de begroting als die niet gewijzigd is); bij de lasten betekent een positief verschil dat we meer hebben uitgegeven dan begroot.',
  });
  for (const side of ['lasten', 'baten'] as const) {
    lines.push({ kind: 'subheading', text: side === 'lasten' ? 'Lasten' : 'Baten' });
    lines.push({ kind: 'row', bold: true, cells: ['Thema of taakveld', ...BUDGET_COLUMNS] });
    for (const row of budget.rows) {
      const amounts = row[side];
      if (BUDGET_STAGES.every((stage) => amounts[stage] === null)) continue;
      lines.push(budgetRow(rowLabel(row), amounts));
    }
    lines.push(budgetRow(`Totaal ${side}`, budget.totals[side], true));
  }
  lines.push({ kind: 'subheading', text: 'Saldo, reserves en resultaat' });
  lines.push({ kind: 'row', bold: true, cells: ['', ...BUDGET_COLUMNS] });
  lines.push(budgetRow('Saldo (lasten min baten)', budget.totals.saldo, true));
  lines.push(budgetRow('Stortingen in reserves', budget.totals.storting));
  lines.push(budgetRow('Onttrekkingen aan reserves', budget.totals.onttrekking));
  lines.push(budgetRow('Resultaat', budget.totals.resultaat, true));
  if (budget.totals.lasten.raming !== null)
    lines.push({
      kind: 'text',
      text: `${STAGE_NL.raming} van de lasten: € ${thousands(budget.totals.lasten.raming)} duizend.`,
    });
  return lines;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const STYLE = {
  title: { size: 20, bold: true, before: 0, indent: 0 },
  subtitle: { size: 14, bold: false, before: 4, indent: 0 },
  heading: { size: 14, bold: true, before: 16, indent: 0 },
  subheading: { size: 11.5, bold: true, before: 10, indent: 0 },
  text: { size: 10, bold: false, before: 3, indent: 14 },
  item: { size: 10, bold: false, before: 4, indent: 0 },
  row: { size: 9, bold: false, before: 1, indent: 0 },
} as const;
/** Right edges of the number columns of a budget row; the label takes what is left of the first. */
const COLUMN_RIGHTS = [326, 399, 472, A4[0] - MARGIN];

export async function renderProgressReportPdf(report: ProgressReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(
    `Voortgangsrapportage ${report.year}, programma ${report.programme.code} ${report.programme.name}, gemeente ${report.municipalityName}`,
  );
  doc.setLanguage('nl-NL');
  doc.setCreator('Grip');
  doc.setProducer('Grip');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set([...regular.getCharacterSet(), ...bold.getCharacterSet()]);
  const ink = rgb(0.1, 0.1, 0.1);

  const pages: PDFPage[] = [];
  let page = doc.addPage(A4);
  pages.push(page);
  let y = A4[1] - MARGIN;
  const bottom = MARGIN + 30;
  const newPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    y = A4[1] - MARGIN;
  };

  for (const line of progressReportLines(report)) {
    const s = STYLE[line.kind];
    const lineHeight = s.size * 1.4;
    y -= s.before;
    if (line.kind === 'row') {
      const font = line.bold ? bold : regular;
      const [label, ...numbers] = line.cells.map((c) => winAnsiSafe(c, supported));
      const labelWidth = COLUMN_RIGHTS[0]! - 66 - MARGIN;
      const labelLines = wrapText(label!, font, s.size, labelWidth);
      if (y - lineHeight * labelLines.length < bottom) newPage();
      y -= lineHeight;
      numbers.forEach((text, i) => {
        const right = COLUMN_RIGHTS[i]!;
        page.drawText(text, {
          x: right - font.widthOfTextAtSize(text, s.size),
          y,
          size: s.size,
          font,
          color: ink,
        });
      });
      labelLines.forEach((text, i) => {
        if (i > 0) y -= lineHeight;
        page.drawText(text, { x: MARGIN, y, size: s.size, font, color: ink });
      });
      continue;
    }
    const font = s.bold ? bold : regular;
    const text = winAnsiSafe(line.text, supported);
    const prefix = line.kind === 'item' ? '- ' : '';
    const prefixWidth = prefix ? font.widthOfTextAtSize(prefix, s.size) : 0;
    const wrapped = wrapText(text, font, s.size, A4[0] - 2 * MARGIN - s.indent - prefixWidth);
    const needed = line.kind === 'heading' || line.kind === 'subheading' ? lineHeight * 3 : lineHeight;
    if (y - needed < bottom) newPage();
    wrapped.forEach((part, i) => {
      if (y - lineHeight < bottom) newPage();
      y -= lineHeight;
      const x = MARGIN + s.indent;
      if (i === 0 && prefix) page.drawText(prefix, { x, y, size: s.size, font });
      page.drawText(part, { x: x + prefixWidth, y, size: s.size, font, color: ink });
    });
  }

  const footer = winAnsiSafe(
    `Voortgangsrapportage ${report.year}, programma ${report.programme.code}. Gemaakt op ${dutchDate(report.generatedDate)} met Grip, gemeente ${report.municipalityName}.`,
    supported,
  );
  const grey = rgb(0.35, 0.35, 0.35);
  pages.forEach((p, i) => {
    p.drawText(footer, { x: MARGIN, y: MARGIN - 10, size: 8, font: regular, color: grey });
    const number = `Pagina ${i + 1} van ${pages.length}`;
    p.drawText(number, {
      x: A4[0] - MARGIN - regular.widthOfTextAtSize(number, 8),
      y: MARGIN - 24,
      size: 8,
      font: regular,
      color: grey,
    });
  });
  return doc.save();
}
