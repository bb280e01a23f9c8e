import { PDFDocument, StandardFonts, rgb, type PDFPage } from 'pdf-lib';
import { sql } from 'kysely';
import { localDate } from '../intake/local-date.ts';
import type { Tx } from '../platform/db/database.ts';
import { getPlanView, type PlanView } from './plan-view.ts';
import { wrapText } from '../platform/pdf/wrap-text.ts';

/**
 * The plan as a PDF for the resident (docs/api/plans.md): in plain Dutch (B1) — who takes part, the
 * regisseur and the contact person, each goal in the resident's own words with who works on it, when,
 * what we do and which help, the latest scores, the next conversation, the version and whether the
 * resident agreed. The standard fonts only know WinAnsi (Windows-1252): every other character is
 * replaced by its letter without accents, or by a question mark, so no text can make the PDF fail.
 */

export interface PlanPdfData {
  plan: PlanView;
  municipalityName: string;
  today: string;
  scores: { personId: string; lifeDomain: string; score: number; assessedOn: string }[];
}

export async function planPdfData(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  today: string = localDate(),
): Promise<PlanPdfData | undefined> {
  const plan = await getPlanView(tx, municipalityCode, planId, today);
  if (!plan) return undefined;
  const municipality = await tx
    .selectFrom('municipality')
    .select('name')
    .where('code', '=', municipalityCode)
    .executeTakeFirstOrThrow();
  const personIds = plan.participants.map((p) => p.personId);
  const scores =
    personIds.length === 0
      ? []
      : (
          await sql<{
            person_id: string;
            name_nl: string;
            score: number;
            assessed_on: string;
            position: number;
          }>`
            SELECT DISTINCT ON (s.person_id, s.life_domain_code)
                   s.person_id, d.name_nl, s.score, s.assessed_on::text AS assessed_on, d.position
            FROM life_domain_score s
            JOIN life_domain d ON d.code = s.life_domain_code
            WHERE s.municipality_code = ${municipalityCode}
              AND s.person_id IN (${sql.join(personIds)})
            ORDER BY s.person_id, s.life_domain_code, s.assessed_on DESC, s.id DESC`.execute(tx)
        ).rows
          .sort((a, b) => a.position - b.position)
          .map((r) => ({
            personId: r.person_id,
            lifeDomain: r.name_nl,
            score: r.score,
            assessedOn: r.assessed_on,
          }));
  return { plan, municipalityName: municipality.name, today, scores };
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

/** "2 maart 2026". */
export function dutchDate(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

/** Letters that have no decomposition into a base letter and an accent. */
const PLAIN_LETTERS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  Ŋ: 'N',
  ŋ: 'n',
};

/** Text the standard fonts can show: WinAnsi characters as they are, others without accents or as "?". */
export function winAnsiSafe(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const code = char.codePointAt(0)!;
    if (char === '\n' || supported.has(code)) {
      out += char;
      continue;
    }
    const plain = PLAIN_LETTERS[char] ?? char.normalize('NFKD').replace(/\p{M}/gu, '');
    out += [...plain].every((c) => supported.has(c.codePointAt(0)!)) && plain.length > 0 ? plain : '?';
  }
  return out;
}

const GOAL_STATUS: Record<string, string> = {
  open: 'nog bezig',
  behaald: 'gelukt',
  'deels-behaald': 'voor een deel gelukt',
  'niet-behaald': 'niet gelukt',
  vervallen: 'niet meer nodig',
};

const ROLE: Record<string, string> = {
  hoofdbewoner: 'hoofdbewoner',
  partner: 'partner',
  kind: 'kind',
  overig: 'huisgenoot',
};

function ownerText(plan: PlanView, goal: PlanView['goals'][number]): string {
  if (goal.ownerKind === 'professional') {
    const professional = plan.professionals.find((p) => p.id === goal.ownerProfessionalId);
    return professional ? `${professional.name} (${professional.organisation})` : 'een hulpverlener';
  }
  if (goal.ownerKind === 'netwerk') return 'uw netwerk: familie, vrienden of buren';
  const person = plan.participants.find((p) => p.personId === goal.ownerPersonId);
  return person ? person.name : 'u zelf';
}

function agreementText(agreement: string): string {
  if (agreement === 'akkoord') return 'U bent akkoord met deze versie van het plan.';
  if (agreement === 'niet-akkoord') return 'U bent niet akkoord met deze versie van het plan.';
  return 'U heeft nog niet gezegd of u akkoord bent met deze versie van het plan.';
}

/** The lines of the PDF, as [style, text]; layout happens in renderPlanPdf. */
export function planPdfLines(
  data: PlanPdfData,
): [style: 'title' | 'heading' | 'text' | 'item', text: string][] {
  const { plan } = data;
  const lines: [style: 'title' | 'heading' | 'text' | 'item', text: string][] = [];
  const newest = plan.versions.at(-1);
  lines.push(['title', 'Ons plan']);
  lines.push([
    'text',
    `Dit is het plan van uw huishouden bij de gemeente ${data.municipalityName}. Hierin staat wat u wilt bereiken, wie wat doet en welke hulp u krijgt.`,
  ]);
  lines.push([
    'text',
    `Versie ${plan.version}${newest ? `, gemaakt op ${dutchDate(newest.createdAt.slice(0, 10))}` : ''}. ${agreementText(newest?.agreement ?? 'open')}`,
  ]);

  lines.push(['heading', 'Wie doen er mee']);
  if (plan.participants.length === 0) lines.push(['text', 'Er staan nog geen mensen in het plan.']);
  for (const p of plan.participants)
    lines.push(['item', `${p.name}, ${p.age} jaar (${ROLE[p.role] ?? p.role})`]);

  lines.push(['heading', 'Wie helpt u']);
  lines.push([
    'text',
    plan.regisseur
      ? `Uw regisseur is ${plan.regisseur.name}. Die houdt het overzicht en is uw vaste aanspreekpunt.`
      : 'Er is nog geen regisseur gekozen.',
  ]);
  lines.push([
    'text',
    plan.contactPerson
      ? `De contactpersoon van uw huishouden is ${plan.contactPerson.name}.`
      : 'Er is nog geen contactpersoon van uw huishouden gekozen.',
  ]);
  const active = plan.professionals.filter((p) => p.involvedUntil === null || p.involvedUntil >= data.today);
  for (const p of active) lines.push(['item', `${p.name}, ${p.organisation} (${p.expertise})`]);

  lines.push(['heading', 'Wat wilt u bereiken']);
  if (plan.goals.length === 0) lines.push(['text', 'Er staan nog geen doelen in het plan.']);
  plan.goals.forEach((goal, index) => {
    lines.push(['text', `Doel ${index + 1}: ${goal.description}`]);
    lines.push(['item', `Wie werkt eraan: ${ownerText(plan, goal)}`]);
    lines.push([
      'item',
      `Klaar op: ${dutchDate(goal.targetDate)} (${GOAL_STATUS[goal.status] ?? goal.status})`,
    ]);
    for (const action of goal.actions) {
      const when = action.doneOn
        ? `gedaan op ${dutchDate(action.doneOn)}`
        : action.dueOn
          ? `uiterlijk ${dutchDate(action.dueOn)}`
          : null;
      lines.push(['item', `Wat we doen: ${action.description}${when ? ` (${when})` : ''}`]);
    }
    for (const service of goal.services) lines.push(['item', `Hulp: ${service.name}`]);
  });

  lines.push(['heading', 'Hoe gaat het nu']);
  if (data.scores.length === 0) lines.push(['text', 'Er zijn nog geen scores gemeten.']);
  else
    lines.push([
      'text',
      'Bij elk onderwerp staat een cijfer van 1 tot 5. Een 1 betekent: dit gaat niet goed. Een 5 betekent: dit gaat goed.',
    ]);
  for (const p of plan.participants) {
    const own = data.scores.filter((s) => s.personId === p.personId);
    if (own.length === 0) continue;
    lines.push(['text', p.name]);
    for (const s of own)
      lines.push(['item', `${s.lifeDomain}: ${s.score} (gemeten op ${dutchDate(s.assessedOn)})`]);
  }

  lines.push(['heading', 'Het volgende gesprek']);
  const next = plan.evaluations
    .filter((e) => e.kind === 'evaluatie' && e.heldOn === null)
    .sort((a, b) => a.plannedOn.localeCompare(b.plannedOn))[0];
  lines.push([
    'text',
    next
      ? `We bespreken het plan weer met u op ${dutchDate(next.plannedOn)}. Dan kijken we samen wat goed gaat en wat anders moet.`
      : 'Er is nog geen datum voor het volgende gesprek. Uw regisseur spreekt die met u af.',
  ]);

  lines.push(['heading', 'Uw akkoord']);
  lines.push(['text', agreementText(newest?.agreement ?? 'open')]);
  lines.push([
    'text',
    'Klopt er iets niet, of wilt u iets veranderen? Stuur een bericht via Mijn plan of bel uw regisseur.',
  ]);
  return lines;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const STYLE = {
  title: { size: 20, bold: true, before: 0, indent: 0 },
  heading: { size: 14, bold: true, before: 14, indent: 0 },
  text: { size: 11, bold: false, before: 4, indent: 0 },
  item: { size: 11, bold: false, before: 2, indent: 14 },
} as const;

/** Lays the lines out on A4 pages with a footer and page numbers. */
export async function renderPlanPdf(data: PlanPdfData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Plan van het huishouden, gemeente ${data.municipalityName}`);
  doc.setLanguage('nl-NL');
  doc.setCreator('Grip');
  doc.setProducer('Grip');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set([...regular.getCharacterSet(), ...bold.getCharacterSet()]);

  const pages: PDFPage[] = [];
  let page = doc.addPage(A4);
  pages.push(page);
  let y = A4[1] - MARGIN;
  const bottom = MARGIN + 30;

  for (const [style, raw] of planPdfLines(data)) {
    const s = STYLE[style];
    const font = s.bold ? bold : regular;
    const text = winAnsiSafe(raw, supported);
    const prefix = style === 'item' ? '- ' : '';
    const width = A4[0] - 2 * MARGIN - s.indent - (prefix ? font.widthOfTextAtSize(prefix, s.size) : 0);
    const wrapped = wrapText(text, font, s.size, width);
    const lineHeight = s.size * 1.35;
    y -= s.before;
    // A heading stays with at least two lines after it.
    const needed = style === 'heading' ? lineHeight * 3 : lineHeight;
    if (y - needed < bottom) {
      page = doc.addPage(A4);
      pages.push(page);
      y = A4[1] - MARGIN;
    }
    wrapped.forEach((line, i) => {
      if (y - lineHeight < bottom) {
        page = doc.addPage(A4);
        pages.push(page);
        y = A4[1] - MARGIN;
      }
      y -= lineHeight;
      const x = MARGIN + s.indent;
      if (i === 0 && prefix) page.drawText(prefix, { x, y, size: s.size, font });
      const offset = prefix ? font.widthOfTextAtSize(prefix, s.size) : 0;
      page.drawText(line, { x: x + offset, y, size: s.size, font, color: rgb(0.1, 0.1, 0.1) });
    });
  }

  const footer = winAnsiSafe(
    `Gemaakt op ${dutchDate(data.today)} door de gemeente ${data.municipalityName}.`,
    supported,
  );
  pages.forEach((p, i) => {
    p.drawText(footer, { x: MARGIN, y: MARGIN, size: 9, font: regular, color: rgb(0.35, 0.35, 0.35) });
    const number = `Pagina ${i + 1} van ${pages.length}`;
    p.drawText(number, {
      x: A4[0] - MARGIN - regular.widthOfTextAtSize(number, 9),
      y: MARGIN,
      size: 9,
      font: regular,
      color: rgb(0.35, 0.35, 0.35),
    });
  });
  return doc.save();
}
