/**
 * The iWmo and iJw 3.2 messages Grip knows: their code (the XSD's name), namespace, BerichtCode and what
 * Grip does with them. Only 301 is sent; 305, 307 and 323 are booked; the others are recognised (and
 * validated against their schema) but refused as not accepted here.
 */

export type Standard = 'iwmo' | 'ijw';

export interface MessageType {
  /** WMO301, JW323 …: the name of the XSD. */
  code: string;
  standard: Standard;
  /** The three-digit number: 301, 305, … */
  number: string;
  /** BerichtCode in the header (414 for WMO301, 436 for JW301 …). */
  berichtCode: string;
  namespace: string;
  lawCode: 'wmo' | 'jeugdwet';
  /** What the import does with it. */
  handling: 'export' | 'start' | 'stop' | 'declaration' | 'not-accepted';
}

const BERICHT_CODES: Record<string, string> = {
  WMO301: '414',
  WMO305: '418',
  WMO307: '420',
  WMO315: '444',
  WMO317: '480',
  WMO319: '482',
  WMO323: '484',
  JW301: '436',
  JW302: '437',
  JW305: '438',
  JW306: '439',
  JW307: '440',
  JW308: '441',
  JW315: '446',
  JW316: '447',
  JW317: '486',
  JW318: '487',
  JW319: '488',
  JW320: '489',
  JW323: '490',
  JW325: '491',
};

const HANDLING: Record<string, MessageType['handling']> = {
  '301': 'export',
  '305': 'start',
  '307': 'stop',
  '323': 'declaration',
};

function messageType(code: string): MessageType {
  const standard: Standard = code.startsWith('WMO') ? 'iwmo' : 'ijw';
  const number = code.replace(/^[A-Z]+/, '');
  const prefix = code.toLowerCase();
  return {
    code,
    standard,
    number,
    berichtCode: BERICHT_CODES[code]!,
    namespace: `http://www.istandaarden.nl/${standard}/3_2/${prefix}/schema`,
    lawCode: standard === 'iwmo' ? 'wmo' : 'jeugdwet',
    handling: HANDLING[number] ?? 'not-accepted',
  };
}

export const MESSAGE_TYPES: readonly MessageType[] = Object.keys(BERICHT_CODES).map(messageType);

const BY_NAMESPACE = new Map(MESSAGE_TYPES.map((t) => [t.namespace, t]));
const BY_CODE = new Map(MESSAGE_TYPES.map((t) => [t.code, t]));

export const basisNamespace = (standard: Standard) =>
  `http://www.istandaarden.nl/${standard}/3_2/basisschema/schema`;

export function messageTypeByCode(code: string): MessageType | undefined {
  return BY_CODE.get(code);
}

export function messageTypeByNamespace(namespace: string): MessageType | undefined {
  return BY_NAMESPACE.get(namespace);
}

/** The 301 of a law. */
export function allocationMessageType(lawCode: string): MessageType | undefined {
  if (lawCode === 'wmo') return BY_CODE.get('WMO301');
  if (lawCode === 'jeugdwet') return BY_CODE.get('JW301');
  return undefined;
}

/**
 * The message type of a document, from the namespace of its root element, read from the start of the
 * text without parsing all of it (the schema validation that follows parses it properly).
 */
export function detectMessageType(xml: string): MessageType | undefined {
  const head = xml.slice(0, 4096);
  const root = /<([A-Za-z_][\w.-]*:)?Bericht[\s>]/.exec(head);
  if (!root) return undefined;
  const prefix = root[1] ? root[1].slice(0, -1) : '';
  const declaration = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*["']([^"']+)["']`).exec(
    head.slice(root.index),
  );
  return declaration ? messageTypeByNamespace(declaration[1]!) : undefined;
}
