import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { validateXML } from 'xmllint-wasm';
import type { MessageType, Standard } from './message-types.ts';
import { validateCompiled } from './xsd-compiled.ts';

/**
 * Validation of iWmo/iJw 3.2 messages against the XSDs of Zorginstituut Nederland, with libxml2's
 * xmllint compiled to WebAssembly (xmllint-wasm): no native dependency, the same on every machine.
 *
 * The schemas are read from GRIP_ISTANDAARD_DIR, or else from `shared/standards` beside the repository
 * (where the project keeps the standards: `iwmo-3.2/xsd`, `ijw-3.2/xsd`).
 */

export interface SchemaError {
  /** Line of the message the error is on (1-based); null when xmllint gave none. */
  line: number | null;
  /** Local name of the element the error is about, when xmllint names one. */
  element: string | null;
  /** xmllint's message (English). */
  message: string;
  /** true: not well-formed XML (a parser error); false: valid XML that breaks the schema. */
  malformed: boolean;
}

export interface ValidationResult {
  valid: boolean;
  errors: SchemaError[];
}

export function standardsDir(): string {
  return (
    process.env.GRIP_ISTANDAARD_DIR ??
    path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'standards')
  );
}

const schemaCache = new Map<string, { message: string; basis: string }>();

function xsdDir(standard: Standard): string {
  return path.join(standardsDir(), `${standard}-3.2`, 'xsd');
}

/** true when the XSDs of both standards can be found. */
export function schemasAvailable(): boolean {
  return (
    existsSync(path.join(xsdDir('iwmo'), 'basisschema.xsd')) &&
    existsSync(path.join(xsdDir('ijw'), 'basisschema.xsd'))
  );
}

function schemaFiles(type: MessageType): { message: string; basis: string } {
  const cached = schemaCache.get(type.code);
  if (cached) return cached;
  const dir = xsdDir(type.standard);
  const files = {
    message: readFileSync(path.join(dir, `${type.code}.xsd`), 'utf8'),
    basis: readFileSync(path.join(dir, 'basisschema.xsd'), 'utf8'),
  };
  schemaCache.set(type.code, files);
  return files;
}

const LARGE = 1_000_000;
/** WebAssembly memory pages of 64 KiB: up to 2 GiB for a very large declaration. */
const MAX_MEMORY_PAGES = 32_768;
/** At most this many errors are reported (xmllint may report one per line of a broken file). */
const MAX_ERRORS = 20;

/**
 * Above this size a message is validated by the validator compiled from the same XSDs (xsd-compiled.ts,
 * tens of MB/s) instead of xmllint-wasm (a few MB/s); both give the same verdict on the iWmo/iJw schemas
 * (test/istandaard/xsd-compiled.test.ts).
 */
export const COMPILED_FROM_BYTES = 4_000_000;

/** Validates one message against the schema of its type. */
export async function validateMessage(
  type: MessageType,
  xml: string,
  engine: 'auto' | 'xmllint' | 'compiled' = 'auto',
): Promise<ValidationResult> {
  if (engine === 'compiled' || (engine === 'auto' && xml.length >= COMPILED_FROM_BYTES)) {
    return validateCompiled(type, xsdDir(type.standard), xml);
  }
  const { message, basis } = schemaFiles(type);
  const fileName = 'bericht.xml';
  let stderr: string;
  try {
    const result = await validateXML({
      xml: [{ fileName, contents: xml }],
      schema: [{ fileName: `${type.code}.xsd`, contents: message }],
      preload: [{ fileName: 'basisschema.xsd', contents: basis }],
      // The reader (streaming) API keeps no tree of a large file in memory.
      stream: xml.length > LARGE,
      maxMemoryPages: MAX_MEMORY_PAGES,
    });
    if (result.valid) return { valid: true, errors: [] };
    stderr = result.rawOutput;
  } catch (error) {
    // xmllint exits with another code than "invalid" for a document it cannot parse at all.
    stderr = String((error as { message?: unknown }).message ?? error);
  }
  const errors = parseXmllintOutput(stderr, fileName);
  return {
    valid: false,
    errors: errors.length
      ? errors
      : [{ line: null, element: null, message: stderr.trim().slice(0, 500) || 'invalid', malformed: true }],
  };
}

/**
 * Validates a large message with the compiled validator on a worker thread (xsd-worker.ts), so that the
 * caller can read and book it at the same time and only commits once this says it is valid.
 */
export function validateMessageInWorker(type: MessageType, xml: string): Promise<ValidationResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xsd-worker.ts', import.meta.url), {
      workerData: { type, dir: xsdDir(type.standard), xml },
    });
    let answered = false;
    worker.once('message', (result: ValidationResult) => {
      answered = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered)
        reject(new Error(`the XSD validator thread stopped (exit code ${code}) without an answer`));
    });
  });
}

/** The errors in xmllint's output ("bericht.xml:44: Schemas validity error : Element '{ns}Name': …"). */
export function parseXmllintOutput(output: string, fileName: string): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith(`${fileName}:`)) continue;
    if (line.endsWith(' validates') || line.endsWith('fails to validate')) continue;
    const match = /^[^:]+:(\d+):\s*(.*)$/.exec(line);
    if (!match) continue;
    const text = match[2]!;
    const element = /Element '(?:\{[^}]*\})?([^']+)'/.exec(text)?.[1] ?? null;
    errors.push({
      line: Number(match[1]),
      element,
      message: text
        .replace(/^(Schemas validity error|parser error|namespace error)\s*:\s*/, '')
        .replace(/\{[^}]*\}/g, '')
        .trim(),
      malformed: /parser error|namespace error/.test(text),
    });
    if (errors.length >= MAX_ERRORS) break;
  }
  return errors;
}
