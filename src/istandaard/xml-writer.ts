/**
 * A small writer for iWmo/iJw messages: elements of the message's own namespace get its prefix
 * (wmo301:, jw323: …), elements of the basisschema the standard's prefix (iwmo:, ijw:). Values are
 * escaped; an undefined or null child is left out, so optional elements can be written inline.
 */

export type XmlNode = string | null | undefined | false | XmlNode[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export interface Writer {
  /** An element of the message namespace with child elements (or nothing, when all are empty). */
  el(name: string, ...children: XmlNode[]): string;
  /** A leaf of the message namespace with a text value; nothing when the value is null/undefined. */
  leaf(name: string, value: string | number | null | undefined): string;
  /** A leaf of the basisschema namespace. */
  base(name: string, value: string | number | null | undefined): string;
  /** An element of the basisschema namespace with children. */
  baseEl(name: string, ...children: XmlNode[]): string;
  /** The whole document with its XML declaration and namespace declarations on the root. */
  document(...children: XmlNode[]): string;
}

function flatten(children: XmlNode[]): string {
  let out = '';
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    out += Array.isArray(child) ? flatten(child) : child;
  }
  return out;
}

export function writer(
  messagePrefix: string,
  messageNamespace: string,
  basePrefix: string,
  baseNamespace: string,
): Writer {
  const wrap = (qname: string, inner: string) => (inner === '' ? '' : `<${qname}>${inner}</${qname}>\n`);
  const text = (qname: string, value: string | number | null | undefined) =>
    value === null || value === undefined ? '' : `<${qname}>${escapeXml(String(value))}</${qname}>`;
  return {
    el: (name, ...children) => wrap(`${messagePrefix}:${name}`, flatten(children)),
    leaf: (name, value) => text(`${messagePrefix}:${name}`, value),
    base: (name, value) => text(`${basePrefix}:${name}`, value),
    baseEl: (name, ...children) => wrap(`${basePrefix}:${name}`, flatten(children)),
    document: (...children) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<${messagePrefix}:Bericht xmlns:${basePrefix}="${baseNamespace}" ` +
      `xmlns:${messagePrefix}="${messageNamespace}">${flatten(children)}</${messagePrefix}:Bericht>\n`,
  };
}
