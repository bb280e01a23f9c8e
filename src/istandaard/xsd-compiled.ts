import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MessageType } from './message-types.ts';
import type { SchemaError, ValidationResult } from './xsd-validation.ts';

/**
 * A streaming validator compiled from the iWmo/iJw 3.2 XSDs, for large messages (a month's declaration
 * of a large city is some 100 MB, which xmllint-wasm validates at a few MB/s). It implements exactly the
 * XSD constructs these schemas use — named and anonymous complex types with an element-only xs:sequence
 * (minOccurs 0/1, maxOccurs 1/unbounded), simple types restricting xs:string, xs:integer, xs:date and
 * xs:time (or each other) with pattern, enumeration, min/maxLength and min/maxInclusive — and refuses
 * to compile a schema with anything else, so it cannot silently accept what it does not understand.
 * test/istandaard/xsd-compiled.test.ts checks that it agrees with xmllint on every example (including the
 * broken ones) and on messages broken in many ways.
 */

type Builtin = 'string' | 'integer' | 'date' | 'time';

interface Facets {
  patterns: RegExp[];
  enumeration: Set<string> | null;
  minLength?: number;
  maxLength?: number;
  minInclusive?: number;
  maxInclusive?: number;
}

interface SimpleType {
  kind: 'simple';
  name: string;
  builtin: Builtin;
  /** One entry per derivation step, all of which apply. */
  levels: Facets[];
}

interface Particle {
  ns: string;
  name: string;
  min: number;
  max: number;
  type: () => SimpleType | ComplexType;
}

interface ComplexType {
  kind: 'complex';
  name: string;
  particles: Particle[];
}

interface XsdNode {
  tag: string;
  attrs: Record<string, string>;
  children: XsdNode[];
}

const XS = 'http://www.w3.org/2001/XMLSchema';

export class UnsupportedSchemaError extends Error {}

function parseXsd(text: string): XsdNode {
  const root: XsdNode = { tag: '#root', attrs: {}, children: [] };
  const stack: XsdNode[] = [root];
  const tag =
    /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (!m[2]) continue;
    if (m[1]) {
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attrs[a[1]!] = a[2] ?? a[3] ?? '';
    const node: XsdNode = { tag: m[2], attrs, children: [] };
    stack[stack.length - 1]!.children.push(node);
    if (!m[4]) stack.push(node);
  }
  return root.children.find((c) => c.tag.endsWith(':schema'))!;
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** XSD regular expression → JavaScript (implicitly anchored; \s and . as XSD defines them). */
function xsdRegex(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[++i]!;
      if (n === 's') out += inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
      else if (n === 'S') out += inClass ? '\\S' : '[^ \\t\\n\\r]';
      else out += `\\${n}`;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === ']') inClass = false;
    if (c === '.' && !inClass) {
      out += '[^\\n\\r]';
      continue;
    }
    if (c === '^' && !inClass) out += '\\^';
    else if (c === '$') out += '\\$';
    else out += c;
  }
  return new RegExp(`^(?:${out})$`, 'u');
}

class Compiler {
  readonly simple = new Map<string, SimpleType>();
  readonly complex = new Map<string, ComplexType>();
  private readonly nodes = new Map<string, { node: XsdNode; prefixes: Record<string, string>; ns: string }>();
  root: Particle | undefined;
  private anonymous = 0;
  private readonly pending: (() => void)[] = [];

  addSchema(schema: XsdNode) {
    const ns = schema.attrs.targetNamespace ?? '';
    const prefixes: Record<string, string> = {};
    for (const [k, v] of Object.entries(schema.attrs)) if (k.startsWith('xmlns:')) prefixes[k.slice(6)] = v;
    if (schema.attrs.elementFormDefault !== 'qualified')
      throw new UnsupportedSchemaError('elementFormDefault');
    const elements: XsdNode[] = [];
    for (const child of schema.children) {
      const t = local(child.tag);
      if (t === 'annotation' || t === 'import') continue;
      if (t === 'simpleType' || t === 'complexType') {
        this.nodes.set(`{${ns}}${child.attrs.name}`, { node: child, prefixes, ns });
      } else if (t === 'element') {
        elements.push(child);
      } else {
        throw new UnsupportedSchemaError(`top-level xs:${t}`);
      }
    }
    this.pending.push(() => {
      for (const element of elements) this.root = this.particle(element, prefixes, ns);
    });
  }

  /** Compiles the global elements once every schema's types are known. */
  finish() {
    for (const work of this.pending.splice(0)) work();
  }

  private resolve(qname: string, prefixes: Record<string, string>): string {
    const colon = qname.indexOf(':');
    const ns = colon < 0 ? '' : prefixes[qname.slice(0, colon)];
    if (ns === undefined) throw new UnsupportedSchemaError(`unknown prefix in ${qname}`);
    return `{${ns}}${local(qname)}`;
  }

  type(key: string): SimpleType | ComplexType {
    const done = this.simple.get(key) ?? this.complex.get(key);
    if (done) return done;
    const entry = this.nodes.get(key);
    if (!entry) throw new UnsupportedSchemaError(`type ${key} not found`);
    return local(entry.node.tag) === 'simpleType'
      ? this.simpleType(entry.node, entry.prefixes, key)
      : this.complexType(entry.node, entry.prefixes, entry.ns, key);
  }

  private simpleType(node: XsdNode, prefixes: Record<string, string>, key: string): SimpleType {
    const restriction = node.children.find((c) => local(c.tag) === 'restriction');
    const others = node.children.filter((c) => !['annotation', 'restriction'].includes(local(c.tag)));
    if (!restriction || others.length) throw new UnsupportedSchemaError(`simple type ${key}`);
    const base = this.resolve(restriction.attrs.base!, prefixes);
    let builtin: Builtin;
    let levels: Facets[] = [];
    if (base.startsWith(`{${XS}}`)) {
      const b = base.slice(XS.length + 2);
      if (b !== 'string' && b !== 'integer' && b !== 'date' && b !== 'time') {
        throw new UnsupportedSchemaError(`base xs:${b}`);
      }
      builtin = b;
    } else {
      const parent = this.type(base);
      if (parent.kind !== 'simple') throw new UnsupportedSchemaError(`${key} restricts a complex type`);
      builtin = parent.builtin;
      levels = parent.levels;
    }
    const facets: Facets = { patterns: [], enumeration: null };
    for (const f of restriction.children) {
      const t = local(f.tag);
      const v = f.attrs.value!;
      if (t === 'annotation') continue;
      else if (t === 'pattern') facets.patterns.push(xsdRegex(v));
      else if (t === 'enumeration') (facets.enumeration ??= new Set()).add(v);
      else if (t === 'minLength' || t === 'maxLength' || t === 'minInclusive' || t === 'maxInclusive')
        facets[t] = Number(v);
      else throw new UnsupportedSchemaError(`facet xs:${t}`);
    }
    const type: SimpleType = { kind: 'simple', name: key, builtin, levels: [...levels, facets] };
    this.simple.set(key, type);
    return type;
  }

  private complexType(node: XsdNode, prefixes: Record<string, string>, ns: string, key: string): ComplexType {
    const type: ComplexType = { kind: 'complex', name: key, particles: [] };
    this.complex.set(key, type);
    const content = node.children.filter((c) => local(c.tag) !== 'annotation');
    if (node.attrs.mixed === 'true' || content.length !== 1 || local(content[0]!.tag) !== 'sequence') {
      throw new UnsupportedSchemaError(`complex type ${key}`);
    }
    for (const el of content[0]!.children) {
      if (local(el.tag) === 'annotation') continue;
      if (local(el.tag) !== 'element') throw new UnsupportedSchemaError(`xs:${local(el.tag)} in a sequence`);
      type.particles.push(this.particle(el, prefixes, ns));
    }
    return type;
  }

  private particle(el: XsdNode, prefixes: Record<string, string>, ns: string): Particle {
    const name = el.attrs.name;
    if (!name || el.attrs.ref) throw new UnsupportedSchemaError('element without a name');
    const min = el.attrs.minOccurs === undefined ? 1 : Number(el.attrs.minOccurs);
    const max =
      el.attrs.maxOccurs === undefined
        ? 1
        : el.attrs.maxOccurs === 'unbounded'
          ? Infinity
          : Number(el.attrs.maxOccurs);
    const inline = el.children.filter((c) => local(c.tag) !== 'annotation');
    let resolved: SimpleType | ComplexType | undefined;
    const key = `{${ns}}${name}#${++this.anonymous}`;
    const typeOf = (): SimpleType | ComplexType => {
      if (resolved) return resolved;
      if (el.attrs.type) return (resolved = this.type(this.resolve(el.attrs.type, prefixes)));
      const node = inline[0];
      if (!node) throw new UnsupportedSchemaError(`element ${name} without a type`);
      return (resolved =
        local(node.tag) === 'simpleType'
          ? this.simpleType(node, prefixes, key)
          : this.complexType(node, prefixes, ns, key));
    };
    typeOf();
    return { ns, name, min, max, type: typeOf };
  }
}

const compiled = new Map<string, Particle>();

function rootOf(type: MessageType, dir: string): Particle {
  const cached = compiled.get(type.code);
  if (cached) return cached;
  const compiler = new Compiler();
  compiler.addSchema(parseXsd(readFileSync(path.join(dir, 'basisschema.xsd'), 'utf8')));
  compiler.addSchema(parseXsd(readFileSync(path.join(dir, `${type.code}.xsd`), 'utf8')));
  compiler.finish();
  if (!compiler.root) throw new UnsupportedSchemaError('no root element');
  compiled.set(type.code, compiler.root);
  return compiler.root;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lexical(builtin: Builtin, value: string): string | null {
  switch (builtin) {
    case 'string':
      return null;
    case 'integer':
      return /^[+-]?[0-9]+$/.test(value) ? null : 'is not a valid value of the atomic type xs:integer';
    case 'date': {
      const m = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/.exec(value);
      if (!m) return 'is not a valid value of the atomic type xs:date';
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const max = mo === 2 ? (leap ? 29 : 28) : DAYS[mo - 1];
      return mo >= 1 && mo <= 12 && d >= 1 && d <= max!
        ? null
        : 'is not a valid value of the atomic type xs:date';
    }
    case 'time':
      return /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/.test(value) ||
        /^24:00:00(\.0+)?$/.test(value)
        ? null
        : 'is not a valid value of the atomic type xs:time';
  }
}

/** null when valid; else what is wrong (xmllint's wording where it is short). */
export function checkSimple(type: SimpleType, raw: string): string | null {
  const value = type.builtin === 'string' ? raw : raw.replace(/[ \t\n\r]+/g, ' ').trim();
  const wrong = lexical(type.builtin, value);
  if (wrong) return `'${value}' ${wrong}`;
  const length = /[\uD800-\uDBFF]/.test(value) ? [...value].length : value.length;
  for (const level of type.levels) {
    if (level.patterns.length && !level.patterns.some((p) => p.test(value))) {
      return `[facet 'pattern'] The value '${value}' is not accepted by the pattern.`;
    }
    if (level.enumeration && !level.enumeration.has(value)) {
      return `[facet 'enumeration'] The value '${value}' is not an element of the set {${[...level.enumeration].map((e) => `'${e}'`).join(', ')}}.`;
    }
    if (type.builtin === 'string' && level.minLength !== undefined && length < level.minLength) {
      return `[facet 'minLength'] The value '${value}' has a length of '${length}'; this underruns the allowed minimum length of '${level.minLength}'.`;
    }
    if (type.builtin === 'string' && level.maxLength !== undefined && length > level.maxLength) {
      return `[facet 'maxLength'] The value '${value}' has a length of '${length}'; this exceeds the allowed maximum length of '${level.maxLength}'.`;
    }
    if (level.minInclusive !== undefined && Number(value) < level.minInclusive) {
      return `[facet 'minInclusive'] The value '${value}' is less than the minimum value allowed ('${level.minInclusive}').`;
    }
    if (level.maxInclusive !== undefined && Number(value) > level.maxInclusive) {
      return `[facet 'maxInclusive'] The value '${value}' is greater than the maximum value allowed ('${level.maxInclusive}').`;
    }
  }
  return null;
}

interface Frame {
  particle: Particle;
  type: SimpleType | ComplexType;
  /** Complex: index of the current particle and how often it occurred. */
  index: number;
  count: number;
  text: string;
  hasChild: boolean;
  prefixes: Map<string, string> | null;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Invalid extends Error {
  readonly error: SchemaError;
  constructor(error: SchemaError) {
    super(error.message);
    this.error = error;
  }
}

/**
 * Validates a message against the compiled schema of its type in one pass. Reports the first error only
 * (with its line), which is what the import needs to refuse a message.
 */
export function validateCompiled(type: MessageType, xsdDir: string, xml: string): ValidationResult {
  const root = rootOf(type, xsdDir);
  const lineAt = (offset: number) => {
    let line = 1;
    for (let i = xml.indexOf('\n'); i >= 0 && i < offset; i = xml.indexOf('\n', i + 1)) line++;
    return line;
  };
  const fail = (offset: number, element: string | null, message: string, malformed = false): never => {
    throw new Invalid({ line: lineAt(offset), element, message, malformed });
  };
  const stack: Frame[] = [];
  const scopes: Map<string, string>[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  let pos = 0;
  let seenRoot = false;
  try {
    while (pos < xml.length) {
      const lt = xml.indexOf('<', pos);
      const textEnd = lt < 0 ? xml.length : lt;
      if (textEnd > pos) {
        let text = xml.slice(pos, textEnd);
        if (text.includes('&')) {
          text = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g, (_m, ref: string | undefined) => {
            if (ref === undefined) return fail(pos, null, "EntityRef: expecting ';'", true);
            if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
            if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
            return ENTITIES[ref] ?? fail(pos, null, `Entity '${ref}' not defined`, true);
          });
        }
        const top = stack[stack.length - 1];
        if (top) top.text += text;
        else if (text.trim() !== '') fail(pos, null, 'Extra content at the end of the document', true);
      }
      if (lt < 0) break;
      const next = xml.charCodeAt(lt + 1);
      if (next === 63 /* ? */) {
        const end = xml.indexOf('?>', lt + 2);
        if (end < 0) fail(lt, null, 'unterminated processing instruction', true);
        pos = end + 2;
        continue;
      }
      if (next === 33 /* ! */) {
        if (xml.startsWith('<!--', lt)) {
          const end = xml.indexOf('-->', lt + 4);
          if (end < 0) fail(lt, null, 'Comment not terminated', true);
          pos = end + 3;
          continue;
        }
        if (xml.startsWith('<![CDATA[', lt)) {
          const end = xml.indexOf(']]>', lt + 9);
          if (end < 0) fail(lt, null, 'CData section not finished', true);
          const top = stack[stack.length - 1];
          if (top) top.text += xml.slice(lt + 9, end);
          pos = end + 3;
          continue;
        }
        fail(lt, null, 'a DOCTYPE or declaration is not allowed in a message', true);
      }
      const gt = xml.indexOf('>', lt + 1);
      if (gt < 0) fail(lt, null, "Couldn't find end of Start Tag", true);
      if (next === 47 /* / */) {
        const qname = xml.slice(lt + 2, gt).trim();
        const frame = stack.pop();
        if (!frame) fail(lt, null, `Unexpected end tag : ${qname}`, true);
        if (local(qname) !== frame!.particle.name) {
          fail(lt, null, `Opening and ending tag mismatch: ${frame!.particle.name} and ${qname}`, true);
        }
        close(frame!, lt);
        if (frame!.prefixes) scopes.pop();
        pos = gt + 1;
        continue;
      }
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      const space = inner.search(/[ \t\n\r]/);
      const qname = space < 0 ? inner : inner.slice(0, space);
      let prefixes: Map<string, string> | null = null;
      if (space >= 0) {
        const rest = inner.slice(space);
        for (const a of rest.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
          const name = a[1]!;
          if (name === 'xmlns' || name.startsWith('xmlns:')) {
            prefixes ??= new Map(scopes[scopes.length - 1]);
            prefixes.set(name === 'xmlns' ? '' : name.slice(6), a[2] ?? a[3] ?? '');
          } else if (!name.startsWith('xsi:')) {
            fail(lt, local(qname), `The attribute '${name}' is not allowed.`);
          }
        }
      }
      if (prefixes) scopes.push(prefixes);
      const colon = qname.indexOf(':');
      const prefix = colon < 0 ? '' : qname.slice(0, colon);
      const ns = scopes[scopes.length - 1]!.get(prefix);
      if (ns === undefined && prefix !== '')
        fail(lt, qname, `Namespace prefix ${prefix} on ${local(qname)} is not defined`, true);
      const name = local(qname);
      const particle = open(ns ?? '', name, lt);
      const frame: Frame = {
        particle,
        type: particle.type(),
        index: 0,
        count: 0,
        text: '',
        hasChild: false,
        prefixes,
      };
      stack.push(frame);
      seenRoot = true;
      if (selfClosing) {
        stack.pop();
        close(frame, lt);
        if (prefixes) scopes.pop();
      }
      pos = gt + 1;
    }
    if (stack.length) fail(xml.length, null, 'Premature end of data', true);
    if (!seenRoot) fail(0, null, 'Document is empty', true);
    return { valid: true, errors: [] };
  } catch (error) {
    if (error instanceof Invalid) return { valid: false, errors: [error.error] };
    throw error;
  }

  function open(ns: string, name: string, offset: number): Particle {
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (stack.length === 0 && seenRoot)
        fail(offset, name, 'Extra content at the end of the document', true);
      if (root.name !== name || root.ns !== ns)
        fail(offset, name, `No matching global declaration available for the validation root.`);
      return root;
    }
    parent.hasChild = true;
    if (parent.type.kind === 'simple')
      fail(
        offset,
        parent.particle.name,
        `Element '${parent.particle.name}': Element content is not allowed, because the type definition is simple.`,
      );
    if (parent.text.trim() !== '')
      fail(
        offset,
        parent.particle.name,
        `Element '${parent.particle.name}': Character content other than whitespace is not allowed because the content type is 'element-only'.`,
      );
    parent.text = '';
    const particles = (parent.type as ComplexType).particles;
    let i = parent.index;
    let count = parent.count;
    while (i < particles.length) {
      const p = particles[i]!;
      if (p.name === name && p.ns === ns && count < p.max) {
        parent.index = i;
        parent.count = count + 1;
        return p;
      }
      if (count < p.min) break;
      i++;
      count = 0;
    }
    const expected: string[] = [];
    for (let j = parent.index, c = parent.count; j < particles.length; j++, c = 0) {
      const p = particles[j]!;
      if (c < p.max) expected.push(p.name);
      if (c < p.min) break;
    }
    return fail(
      offset,
      name,
      `Element '${name}': This element is not expected.${expected.length ? ` Expected is one of ( ${expected.join(', ')} ).` : ''}`,
    );
  }

  function close(frame: Frame, offset: number) {
    const parent = stack[stack.length - 1];
    if (parent) parent.text = '';
    if (frame.type.kind === 'simple') {
      const wrong = checkSimple(frame.type, frame.text);
      if (wrong) fail(offset, frame.particle.name, `Element '${frame.particle.name}': ${wrong}`);
      return;
    }
    if (frame.text.trim() !== '') {
      fail(
        offset,
        frame.particle.name,
        `Element '${frame.particle.name}': Character content other than whitespace is not allowed because the content type is 'element-only'.`,
      );
    }
    const particles = frame.type.particles;
    const missing: string[] = [];
    for (let j = frame.index, c = frame.count; j < particles.length; j++, c = 0) {
      if (c < particles[j]!.min) missing.push(particles[j]!.name);
      if (missing.length) break;
    }
    if (missing.length) {
      fail(
        offset,
        frame.particle.name,
        `Element '${frame.particle.name}': Missing child element(s). Expected is ( ${missing[0]} ).`,
      );
    }
  }
}
