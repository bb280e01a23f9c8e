import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { winAnsiSafe } from '../../plans/plan-pdf.ts';
import { wrapText } from '../../platform/pdf/wrap-text.ts';

/**
 * A small flowing layout on pdf-lib for the council report of the dashboard: paragraphs that wrap and
 * break across A4 pages, tables with a header that repeats after a page break, and horizontal bar charts
 * (single or stacked). Standard fonts (WinAnsi): other characters are made safe by winAnsiSafe.
 */

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;
const BOTTOM = MARGIN + 30;
export const WIDTH = A4[0] - 2 * MARGIN;

export type TextKind = 'title' | 'subtitle' | 'heading' | 'subheading' | 'text' | 'small' | 'item';

const STYLE: Record<TextKind, { size: number; bold: boolean; before: number }> = {
  title: { size: 24, bold: true, before: 0 },
  subtitle: { size: 15, bold: false, before: 6 },
  heading: { size: 15, bold: true, before: 4 },
  subheading: { size: 11.5, bold: true, before: 14 },
  text: { size: 10, bold: false, before: 4 },
  small: { size: 8.5, bold: false, before: 3 },
  item: { size: 10, bold: false, before: 3 },
};

const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.75, 0.75, 0.75);
/** Series colours that differ in lightness too, so a grey print still tells them apart. */
export const PALETTE: RGB[] = [
  rgb(0.09, 0.3, 0.55),
  rgb(0.85, 0.5, 0.1),
  rgb(0.45, 0.7, 0.85),
  rgb(0.35, 0.55, 0.25),
  rgb(0.6, 0.3, 0.5),
  rgb(0.75, 0.75, 0.3),
  rgb(0.3, 0.3, 0.3),
  rgb(0.9, 0.7, 0.7),
];

/** Symbols the standard fonts lack, written out instead of becoming a question mark. */
const SYMBOLS: Record<string, string> = { '→': '->', '≥': '>=', '≤': '<=', '≠': '!=', '−': '-' };

export interface TableSpec {
  header: string[];
  rows: { cells: string[]; bold?: boolean }[];
  /** Width of the first (label) column; the others share the rest of `width`. */
  labelWidth: number;
  /** Width of the whole table (at most the page's text width). */
  width: number;
  size: number;
}

export interface BarSpec {
  /** Series names for a legend (stacked bars); one name: no legend. */
  series: string[];
  rows: { label: string; segments: number[]; text: string }[];
}

export class PdfLayout {
  readonly doc: PDFDocument;
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private regular!: PDFFont;
  private bold!: PDFFont;
  private supported = new Set<number>();

  private constructor(doc: PDFDocument) {
    this.doc = doc;
  }

  static async create(): Promise<PdfLayout> {
    const layout = new PdfLayout(await PDFDocument.create());
    layout.regular = await layout.doc.embedFont(StandardFonts.Helvetica);
    layout.bold = await layout.doc.embedFont(StandardFonts.HelveticaBold);
    layout.supported = new Set([...layout.regular.getCharacterSet(), ...layout.bold.getCharacterSet()]);
    layout.newPage();
    return layout;
  }

  safe(text: string): string {
    return winAnsiSafe(
      text.replace(/[→≥≤≠−]/g, (c) => SYMBOLS[c]!),
      this.supported,
    );
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `height` still fits on this one. */
  private room(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  /** Keeps the next `height` points together on one page where they fit on one. */
  keep(height: number): void {
    this.room(Math.min(height, A4[1] - MARGIN - BOTTOM));
  }

  space(points: number): void {
    this.y -= points;
  }

  text(kind: TextKind, text: string, options: { indent?: number; color?: RGB } = {}): void {
    const s = STYLE[kind];
    const font = s.bold ? this.bold : this.regular;
    const lineHeight = s.size * 1.35;
    const prefix = kind === 'item' ? '- ' : '';
    const indent = options.indent ?? 0;
    const prefixWidth = prefix ? font.widthOfTextAtSize(prefix, s.size) : 0;
    const lines = wrapText(this.safe(text), font, s.size, WIDTH - indent - prefixWidth);
    this.y -= s.before;
    // Keep a heading with at least two lines of what follows.
    this.room(kind === 'heading' || kind === 'subheading' ? lineHeight * 3 : lineHeight);
    lines.forEach((part, i) => {
      this.room(lineHeight);
      this.y -= lineHeight;
      const x = MARGIN + indent;
      if (i === 0 && prefix) this.page.drawText(prefix, { x, y: this.y, size: s.size, font });
      this.page.drawText(part, {
        x: x + prefixWidth,
        y: this.y,
        size: s.size,
        font,
        color: options.color ?? INK,
      });
    });
  }

  private cellLines(spec: TableSpec, cells: string[], font: PDFFont, widths: number[]): string[][] {
    return cells.map((cell, i) => wrapText(this.safe(cell), font, spec.size, widths[i]! - 4));
  }

  table(spec: TableSpec): void {
    const columns = spec.header.length;
    const tableWidth = Math.min(WIDTH, spec.width);
    const other = columns > 1 ? (tableWidth - spec.labelWidth) / (columns - 1) : 0;
    const widths = [
      columns > 1 ? spec.labelWidth : tableWidth,
      ...Array.from({ length: columns - 1 }, () => other),
    ];
    const lineHeight = spec.size * 1.3;
    const drawRow = (cells: string[], font: PDFFont, header: boolean) => {
      const lines = this.cellLines(spec, cells, font, widths);
      const height = Math.max(...lines.map((l) => l.length)) * lineHeight + 3;
      return { lines, height, font, header };
    };
    const head = drawRow(spec.header, this.bold, true);
    const paint = (row: ReturnType<typeof drawRow>, ruleAbove: boolean) => {
      const top = this.y;
      if (ruleAbove)
        this.page.drawLine({
          start: { x: MARGIN, y: top },
          end: { x: MARGIN + tableWidth, y: top },
          thickness: 0.5,
          color: RULE,
        });
      let x = MARGIN;
      row.lines.forEach((cellLines, i) => {
        cellLines.forEach((text, j) => {
          const y = top - lineHeight * (j + 1) + 1;
          const width = row.font.widthOfTextAtSize(text, spec.size);
          // Labels left, figures (and their headers) right-aligned under each other.
          const left = i === 0 ? x : x + widths[i]! - 2 - width;
          this.page.drawText(text, { x: left, y, size: spec.size, font: row.font, color: INK });
        });
        x += widths[i]!;
      });
      this.y = top - row.height;
      if (row.header)
        this.page.drawLine({
          start: { x: MARGIN, y: this.y + 1 },
          end: { x: MARGIN + tableWidth, y: this.y + 1 },
          thickness: 0.8,
          color: GREY,
        });
    };
    this.y -= 4;
    this.room(head.height + lineHeight * 2);
    paint(head, false);
    for (const row of spec.rows) {
      const painted = drawRow(row.cells, row.bold ? this.bold : this.regular, false);
      if (this.y - painted.height < BOTTOM) {
        this.newPage();
        paint(head, false);
      }
      paint(painted, Boolean(row.bold));
    }
  }

  /** Horizontal bars, one per row; stacked when there is more than one series. */
  bars(spec: BarSpec): void {
    const size = 7.5;
    const labelWidth = 150;
    const valueWidth = 60;
    const barArea = WIDTH - labelWidth - valueWidth;
    const rowHeight = 12;
    const max = Math.max(0, ...spec.rows.map((r) => r.segments.reduce((a, b) => a + b, 0)));
    if (max <= 0) return;
    this.y -= 6;
    if (spec.series.length > 1) {
      this.room(rowHeight * 3);
      let x = MARGIN + labelWidth;
      for (const [i, name] of spec.series.entries()) {
        const text = this.safe(name);
        const width = this.regular.widthOfTextAtSize(text, size) + 18;
        if (x + width > MARGIN + WIDTH) {
          x = MARGIN + labelWidth;
          this.y -= rowHeight;
        }
        this.page.drawRectangle({
          x,
          y: this.y - 9,
          width: 8,
          height: 8,
          color: PALETTE[i % PALETTE.length]!,
        });
        this.page.drawText(text, { x: x + 11, y: this.y - 8, size, font: this.regular, color: INK });
        x += width;
      }
      this.y -= rowHeight + 2;
    }
    for (const row of spec.rows) {
      this.room(rowHeight);
      this.y -= rowHeight;
      const label = wrapText(this.safe(row.label), this.regular, size, labelWidth - 6)[0] ?? '';
      this.page.drawText(label, { x: MARGIN, y: this.y + 2, size, font: this.regular, color: INK });
      let x = MARGIN + labelWidth;
      row.segments.forEach((value, i) => {
        if (value <= 0) return;
        const width = (value / max) * barArea;
        this.page.drawRectangle({
          x,
          y: this.y,
          width,
          height: 9,
          color: spec.series.length > 1 ? PALETTE[i % PALETTE.length]! : PALETTE[0]!,
        });
        x += width;
      });
      this.page.drawText(this.safe(row.text), {
        x: x + 4,
        y: this.y + 2,
        size,
        font: this.regular,
        color: GREY,
      });
    }
    this.y -= 4;
  }

  /** Footer on every page: a line of text and "Pagina i van n". */
  footer(text: string, pageWord: { page: string; of: string }): void {
    const line = this.safe(text);
    this.pages.forEach((p, i) => {
      p.drawText(line, { x: MARGIN, y: MARGIN - 10, size: 8, font: this.regular, color: GREY });
      const number = `${pageWord.page} ${i + 1} ${pageWord.of} ${this.pages.length}`;
      p.drawText(number, {
        x: A4[0] - MARGIN - this.regular.widthOfTextAtSize(number, 8),
        y: MARGIN - 24,
        size: 8,
        font: this.regular,
        color: GREY,
      });
    });
  }
}
