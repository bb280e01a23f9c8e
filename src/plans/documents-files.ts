import { problem, invalid } from '../platform/http/problem.ts';

/**
 * What a document on a plan may be (docs/api/plans.md), checked without the database: the declared type
 * must be one of six, and the content's first bytes must be that type; the file name is cleaned.
 */

export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_TYPES = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'text/plain': 'TXT',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.oasis.opendocument.text': 'ODT',
} as const;

export type DocumentType = keyof typeof DOCUMENT_TYPES;

const ALLOWED_LIST = Object.values(DOCUMENT_TYPES).join(', ');

export function isDocumentType(value: string): value is DocumentType {
  return Object.hasOwn(DOCUMENT_TYPES, value);
}

/** The media type of a Content-Type header without its parameters, in lower case. */
export function baseMediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function unsupportedType() {
  return problem(415, 'document-type-not-allowed', {
    nl: `Dit soort bestand kan niet worden toegevoegd. Toegestaan zijn: ${ALLOWED_LIST}.`,
    en: `This kind of file cannot be added. Allowed are: ${ALLOWED_LIST}.`,
  });
}

export function documentTooLarge() {
  return problem(413, 'document-too-large', {
    nl: 'Het bestand is te groot. Een document mag hoogstens 10 MB zijn.',
    en: 'The file is too large. A document may be at most 10 MB.',
  });
}

const startsWith = (content: Uint8Array, bytes: number[]) =>
  content.length >= bytes.length && bytes.every((b, i) => content[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];

function asciiIncludes(content: Uint8Array, text: string, within: number): boolean {
  return Buffer.from(content.buffer, content.byteOffset, Math.min(content.byteLength, within))
    .toString('latin1')
    .includes(text);
}

/** Whether the content is what its declared type says, by its first bytes (and for text: valid UTF-8). */
export function contentMatches(type: DocumentType, content: Uint8Array): boolean {
  switch (type) {
    case 'application/pdf':
      return startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    case 'image/png':
      return startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg':
      return startsWith(content, [0xff, 0xd8, 0xff]);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      // A ZIP package whose parts include the Word document (word/…) and the content types list.
      return (
        startsWith(content, ZIP) &&
        asciiIncludes(content, 'word/', content.byteLength) &&
        asciiIncludes(content, '[Content_Types].xml', content.byteLength)
      );
    case 'application/vnd.oasis.opendocument.text':
      // An OpenDocument package starts with the uncompressed entry "mimetype" naming its type.
      return (
        startsWith(content, ZIP) &&
        asciiIncludes(content, 'mimetypeapplication/vnd.oasis.opendocument.text', 200)
      );
    case 'text/plain':
      return isPlainText(content);
  }
}

/** UTF-8 without NUL or other control characters than tab, line feed, form feed and carriage return. */
function isPlainText(content: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

export function contentMismatch(type: DocumentType) {
  const name = DOCUMENT_TYPES[type];
  return problem(415, 'document-content-mismatch', {
    nl: `De inhoud van het bestand is geen ${name}, terwijl het als ${name} werd gestuurd.`,
    en: `The content of the file is not ${name}, although it was sent as ${name}.`,
  });
}

export function emptyDocument() {
  return invalid([
    {
      name: 'body',
      code: 'empty',
      reason: { nl: 'Het bestand is leeg.', en: 'The file is empty.' },
    },
  ]);
}

/**
 * The file name from X-File-Name (percent-encoded by the web app, as headers carry ASCII only): no
 * folders, no control or reserved characters, no leading dots, at most 200 characters keeping the
 * extension. Null when nothing usable is left.
 */
export function sanitiseFileName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // not percent-encoded: take it as it is
  }
  name = name.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '');
  name = name
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 200 - extension.length).trimEnd() + extension;
  }
  return name.length > 0 ? name : null;
}

export function fileNameMissing() {
  return invalid([
    {
      name: 'X-File-Name',
      code: 'required',
      reason: {
        nl: 'Geef de naam van het bestand mee in de header X-File-Name.',
        en: 'Send the name of the file in the X-File-Name header.',
      },
    },
  ]);
}

/** Content-Disposition for a download: always an attachment, with an ASCII fallback and the UTF-8 name. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\%;]/g, '_')
    .trim();
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii || 'document'}"; filename*=UTF-8''${encoded}`;
}
