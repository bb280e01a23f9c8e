import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { Tx } from '../platform/db/database.ts';
import type { BeschikkingView } from './beschikkingen.ts';

/**
 * The decision letter (beschikking) for the resident, in plain Dutch (B1): what they asked, what we
 * decided per product and why, for how long and how much, and how to object (bezwaar) before which date.
 * Refusals are explained as fully as grants. The standard PDF fonts know WinAnsi only: other characters
 * become their letter without accents, or "?", so no name can make the letter fail.
 */

export interface LetterData {
  beschikking: BeschikkingView;
  municipalityName: string;
  resident: { name: string; bsn: string | null };
  lawName: string;
  units: Map<string, string>;
  frequencies: Map<string, string>;
}

export async function letterData(
  tx: Tx,
  municipalityCode: string,
  beschikking: BeschikkingView,
): Promise<LetterData> {
  const municipality = await tx
    .selectFrom('municipality')
    .where('code', '=', municipalityCode)
    .select('name')
    .executeTakeFirstOrThrow();
  const person = await tx
    .selectFrom('person')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', beschikking.personId)
    .select(['given_names', 'family_name_prefix', 'family_name', 'bsn'])
    .executeTakeFirstOrThrow();
  const law = await tx
    .selectFrom('law')
    .where('code', '=', beschikking.lawCode)
    .select('name')
    .executeTakeFirstOrThrow();
  const standard = beschikking.lawCode === 'jeugdwet' ? 'ijw' : 'iwmo';
  const codes = await tx
    .selectFrom('istandaard_code')
    .where('standard', '=', standard)
    .where('list', 'in', ['eenheid', 'frequentie'])
    .select(['list', 'code', 'name'])
    .execute();
  return {
    beschikking,
    municipalityName: municipality.name,
    resident: {
      name: [person.given_names, person.family_name_prefix, person.family_name].filter(Boolean).join(' '),
      bsn: person.bsn,
    },
    lawName: law.name,
    units: new Map(codes.filter((c) => c.list === 'eenheid').map((c) => [c.code, c.name.toLowerCase()])),
    frequencies: new Map(
      codes.filter((c) => c.list === 'frequentie').map((c) => [c.code, c.name.toLowerCase()]),
    ),
  };
}

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** 2026-03-05 → "5 maart 2026". */
export function dutchLongDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

/** The letter as paragraphs (the PDF lays them out; tests read them back). */
export function letterParagraphs(data: LetterData): { heading?: string; text: string }[] {
  const b = data.beschikking;
  const granted = b.products.filter((p) => p.outcome === 'toegekend');
  const refused = b.products.filter((p) => p.outcome === 'afgewezen');
  const out: { heading?: string; text: string }[] = [];
  out.push({ text: `Gemeente ${data.municipalityName}` });
  out.push({ text: `Datum: ${dutchLongDate(b.decidedDate)}` });
  out.push({ text: `Kenmerk: ${b.reference}` });
  out.push({ text: `Aan: ${data.resident.name}${data.resident.bsn ? ` (BSN ${data.resident.bsn})` : ''}` });
  out.push({ text: `Onderwerp: ons besluit over uw aanvraag (${data.lawName})` });
  out.push({ text: `Beste ${data.resident.name},` });
  const summary =
    b.outcome === 'toegekend'
      ? 'U krijgt de ondersteuning die u hebt gevraagd.'
      : b.outcome === 'afgewezen'
        ? 'U krijgt de ondersteuning die u hebt gevraagd niet.'
        : 'U krijgt een deel van de ondersteuning die u hebt gevraagd.';
  out.push({
    text: `U hebt ons om hulp gevraagd. Wij hebben met u gesproken en uw situatie bekeken. ${summary} Hieronder leest u wat wij hebben besloten en waarom.`,
  });
  for (const p of granted) {
    const amount =
      p.volume !== null && p.unitCode !== null
        ? ` U krijgt ${p.volume} ${data.units.get(p.unitCode) ?? `eenheden (${p.unitCode})`}${
            p.frequencyCode && p.frequencyCode !== '6'
              ? ` ${data.frequencies.get(p.frequencyCode) ?? ''}`.trimEnd()
              : ' in totaal'
          }.`
        : '';
    out.push({
      heading: `Dit krijgt u: ${p.serviceName}`,
      text: `U krijgt ${p.serviceName} van ${dutchLongDate(p.startDate!)} tot en met ${dutchLongDate(p.endDate!)}.${amount} Waarom: ${p.grounds}`,
    });
  }
  for (const p of refused) {
    out.push({
      heading: `Dit krijgt u niet: ${p.serviceName}`,
      text: `U krijgt ${p.serviceName} niet. Waarom: ${p.grounds}`,
    });
  }
  out.push({
    heading: 'Waarop is dit besluit gebaseerd?',
    text: `Wij hebben besloten op grond van de ${data.lawName}: ${b.legalGrounds}`,
  });
  if (granted.length > 0) {
    out.push({
      heading: 'Wat gebeurt er nu?',
      text: 'Wij geven de zorgaanbieder opdracht om u te helpen. De aanbieder neemt contact met u op om afspraken te maken.',
    });
  }
  out.push({
    heading: 'Bent u het niet eens met dit besluit?',
    text: `Dan kunt u bezwaar maken. Dat moet binnen zes weken na de datum van deze brief. Uw bezwaar moet uiterlijk op ${dutchLongDate(b.objectionDeadlineDate)} bij ons zijn. Schrijf in uw brief uw naam en adres, de datum, het kenmerk ${b.reference}, waarom u het niet eens bent en zet uw handtekening eronder. U mag ook eerst bellen: dan kijken we samen of we het kunnen oplossen.`,
  });
  out.push({ text: 'Met vriendelijke groet,' });
  out.push({ text: `Het college van burgemeester en wethouders van ${data.municipalityName}` });
  return out;
}

/** Replace characters the standard fonts cannot show. */
function winAnsi(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff€]/g, (c) => {
      const plain = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      return /^[\u0020-\u007e]$/.test(plain) ? plain : '?';
    });
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export async function decisionLetterPdf(data: LetterData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Besluit ${data.beschikking.reference}`));
  doc.setLanguage('nl-NL');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  let page = doc.addPage([595, 842]);
  let y = 842 - margin;
  const width = 595 - 2 * margin;
  const write = (text: string, font: PDFFont, size: number) => {
    for (const line of wrap(winAnsi(text), font, size, width)) {
      if (y < margin + size) {
        page = doc.addPage([595, 842]);
        y = 842 - margin;
      }
      page.drawText(line, { x: margin, y, size, font, color: rgb(0, 0, 0) });
      y -= size * 1.4;
    }
  };
  for (const p of letterParagraphs(data)) {
    if (p.heading) {
      y -= 6;
      write(p.heading, bold, 12);
    }
    write(p.text, regular, 11);
    y -= 6;
  }
  return doc.save();
}
