import type { PDFFont } from 'pdf-lib';

/**
 * Breaks text into lines no wider than `width` at the font's size, paragraph by paragraph ('\n'), for the
 * PDFs Grip writes (plan, progress report, dashboard report). A word longer than a line is cut.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const result: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) result.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        result.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    result.push(line);
  }
  return result;
}
