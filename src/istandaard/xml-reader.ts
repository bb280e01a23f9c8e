/**
 * A small, fast reader for iWmo/iJw messages that have passed schema validation: it walks the tags and
 * reports each element's local name (namespace prefixes dropped) and, on closing, the text it held.
 * It refuses what a message never contains and a validated document could still hide: a DOCTYPE
 * (entity definitions) and unknown entities. Not a general XML parser: attributes are skipped (the
 * messages have none besides namespace declarations).
 */

export class XmlReadError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export interface XmlHandler {
  open(name: string): void;
  close(name: string, text: string): void;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, offset: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlReadError(`unknown entity &${ref};`, offset);
    return value;
  });
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

export function readXml(xml: string, handler: XmlHandler): void {
  let pos = 0;
  let text = '';
  let depth = 0;
  const length = xml.length;
  while (pos < length) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      if (xml.slice(pos).trim() !== '') throw new XmlReadError('text after the root element', pos);
      break;
    }
    if (lt > pos && depth > 0) text += decode(xml.slice(pos, lt), pos);
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlReadError('unterminated processing instruction', lt);
      pos = end + 2;
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw new XmlReadError('unterminated comment', lt);
        pos = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlReadError('unterminated CDATA section', lt);
        text += xml.slice(lt + 9, end);
        pos = end + 3;
        continue;
      }
      throw new XmlReadError('a DOCTYPE or declaration is not allowed in a message', lt);
    }
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) throw new XmlReadError('unterminated tag', lt);
    if (next === 47 /* / */) {
      const name = localName(xml.slice(lt + 2, gt).trim());
      handler.close(name, text);
      text = '';
      depth--;
      pos = gt + 1;
      continue;
    }
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    const space = inner.search(/\s/);
    const name = localName(space < 0 ? inner : inner.slice(0, space));
    text = '';
    handler.open(name);
    if (selfClosing) handler.close(name, '');
    else depth++;
    pos = gt + 1;
  }
}

/**
 * Reads a message into the texts of its leaf elements by path ("Header/Afzender",
 * "Client/Bsn" …, the root left out) and, for each element named in `records`, a record of the leaves
 * inside it by their path below the record ("ProductPeriode/Begindatum"), with `context` holding the
 * leaves outside any record that were read before it (so a prestatie knows its client's Bsn).
 */
export interface ReadMessage {
  fields: Map<string, string>;
  records: { name: string; fields: Record<string, string>; context: Record<string, string> }[];
}

export function readMessage(xml: string, records: ReadonlySet<string>): ReadMessage {
  const fields = new Map<string, string>();
  const out: ReadMessage['records'] = [];
  // The path of each open element: below the root outside a record, below the record inside one.
  const paths: string[] = [];
  let record: { name: string; fields: Record<string, string>; context: Record<string, string> } | null = null;
  let recordDepth = 0;
  let context: Record<string, string> = {};
  let hadChild = false;
  readXml(xml, {
    open(name) {
      const depth = paths.length;
      hadChild = false;
      if (!record && records.has(name)) {
        record = { name, fields: {}, context };
        recordDepth = depth + 1;
        paths.push('');
        return;
      }
      const parent = depth === 0 ? null : paths[depth - 1]!;
      paths.push(parent === null ? '' : parent === '' ? name : `${parent}/${name}`);
    },
    close(_name, text) {
      const leaf = !hadChild;
      hadChild = true;
      const path = paths.pop()!;
      if (record && paths.length + 1 === recordDepth) {
        out.push(record);
        record = null;
      } else if (leaf) {
        const value = text.trim();
        if (record) {
          record.fields[path] = value;
        } else {
          fields.set(path, value);
          context = { ...context, [path]: value };
        }
      }
    },
  });
  return { fields, records: out };
}
