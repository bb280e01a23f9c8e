import { inflateRawSync } from 'node:zlib';

/**
 * A small XLSX reader for budget imports: the first worksheet as rows of cell values (text or number), with
 * their row numbers. No dependency: an XLSX file is a ZIP of XML parts; we read the central directory,
 * inflate the parts we need and take the cells out of the sheet XML (shared strings, inline strings,
 * numbers, booleans, cached formula results). Throws XlsxError on anything that is not a readable workbook.
 */

export type CellValue = string | number | null;

export interface SheetRow {
  /** 1-based row number as the spreadsheet shows it. */
  line: number;
  cells: CellValue[];
}

export class XlsxError extends Error {}

const MAX_PART_BYTES = 20 * 1024 * 1024;

/** The files of a ZIP archive by name (only stored and deflated entries). */
export function unzip(buffer: Buffer): Map<string, Buffer> {
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxError('not a ZIP archive');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50)
      throw new XlsxError('damaged ZIP directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (size > MAX_PART_BYTES) throw new XlsxError(`part ${name} is too large`);
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50)
      throw new XlsxError('damaged ZIP entry');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + compressedSize);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES }));
    else throw new XlsxError(`unsupported compression in ${name}`);
  }
  return files;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, entity: string) => {
    if (entity === 'amp') return '&';
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** All <t> texts inside a fragment, joined (rich text runs). */
function texts(fragment: string): string {
  let out = '';
  for (const m of fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1]!);
  return out;
}

/** "C12" → 2 (zero-based column). */
function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function firstSheetPath(files: Map<string, Buffer>): string {
  const workbook = files.get('xl/workbook.xml')?.toString('utf8');
  const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (workbook && rels) {
    const sheet = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook);
    if (sheet) {
      for (const rel of rels.matchAll(/<Relationship\b[^>]*>/g)) {
        const id = /\bId="([^"]+)"/.exec(rel[0])?.[1];
        const target = /\bTarget="([^"]+)"/.exec(rel[0])?.[1];
        if (id === sheet[1] && target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      }
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

/** The first worksheet of an XLSX file as rows (empty rows left out). */
export function readFirstSheet(buffer: Buffer): SheetRow[] {
  const files = unzip(buffer);
  const sheetXml = files.get(firstSheetPath(files))?.toString('utf8');
  if (!sheetXml) throw new XlsxError('no worksheet in the workbook');
  const shared: string[] = [];
  const sst = files.get('xl/sharedStrings.xml')?.toString('utf8');
  if (sst) for (const si of sst.matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(texts(si[1]!));

  const rows: SheetRow[] = [];
  let implicitRow = 0;
  for (const row of sheetXml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = /\br="(\d+)"/.exec(row[1]!);
    const line = r ? Number(r[1]) : implicitRow + 1;
    implicitRow = line;
    const cells: CellValue[] = [];
    let implicitColumn = -1;
    for (const cell of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1]!;
      const ref = /\br="([A-Z]+)\d*"/.exec(attributes)?.[1];
      const column = ref ? columnIndex(ref) : implicitColumn + 1;
      implicitColumn = column;
      const type = /\bt="([^"]+)"/.exec(attributes)?.[1] ?? 'n';
      const body = cell[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: CellValue = null;
      if (type === 'inlineStr') value = texts(body);
      else if (type === 's') value = v === undefined ? null : (shared[Number(v)] ?? null);
      else if (type === 'str' || type === 'e') value = v === undefined ? null : decodeXml(v);
      else if (type === 'b') value = v === undefined ? null : v === '1' ? 'WAAR' : 'ONWAAR';
      else if (v !== undefined) {
        const n = Number(v);
        value = Number.isFinite(n) ? n : decodeXml(v);
      }
      while (cells.length < column) cells.push(null);
      cells[column] = value;
    }
    if (cells.some((c) => c !== null && c !== '')) rows.push({ line, cells });
  }
  return rows;
}
