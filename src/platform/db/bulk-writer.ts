/**
 * Streaming bulk loader: rows are encoded at once into PostgreSQL COPY text format and written with
 * `COPY … FROM STDIN` (PostgreSQL, via pg-copy-streams on one pooled connection) or
 * `COPY … FROM '/dev/blob'` (PGlite). Memory stays bounded by the flush threshold, whatever the total.
 *
 *   const writer = openBulkWriter(database);
 *   const parents = writer.table('parent', ['id', 'name']); // register parents before children
 *   const children = writer.table('child', ['id', 'parent_id']);
 *   for (…) { parents.add([id, name]); children.add([childId, id]); await writer.maybeFlush(); }
 *   await writer.close(); // flushes the rest and gives the connection back
 *
 * A flush writes every table that has rows, in the order the tables were registered, in one
 * transaction: all of it is committed or none. A flush started by `maybeFlush()` runs in the background
 * while the producer goes on encoding the next batch (on PostgreSQL the server works meanwhile; on
 * PGlite, which runs on this thread, that gains nothing). At most one flush is in flight, so at most
 * about twice the threshold is held. After a failed flush the writer is unusable: every later call throws
 * the same `BulkWriteError`, because rows of later batches may depend on the lost ones.
 *
 * Values: null/undefined → NULL; strings as they are; numbers, bigints; booleans t/f; Date → ISO 8601;
 * Uint8Array → bytea; arrays → array literal (`{…}`, nested arrays are dimensions); any other object →
 * JSON (for json/jsonb). To write a JSON *array* into a jsonb column pass `JSON.stringify(value)`.
 *
 * The writer runs as the connection's own role (the owner), outside any tenant transaction, so row-level
 * security does not apply. On PGlite there is one connection: do not run other queries outside a
 * transaction while a flush is running.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from './database.ts';

export interface BulkWriterOptions {
  /**
   * Flush all tables once about this many bytes are buffered over all tables (UTF-8 bytes, except the
   * last few KiB per table, which count in UTF-16 units). Default 4 MiB.
   */
  flushThresholdBytes?: number;
  /**
   * Skip the per-row foreign-key triggers inside the writer's own transactions
   * (`SET LOCAL session_replication_role = replica`; needs a superuser or the right to set it). Other
   * sessions keep every check. The caller MUST check the foreign keys of what it wrote afterwards, set-based
   * (verifyForeignKeys), before it relies on the data. CHECK, NOT NULL, primary and unique keys still apply.
   */
  deferForeignKeyChecks?: boolean;
}

export interface TableSink {
  readonly table: string;
  readonly columns: readonly string[];
  /** Encodes one row (values in column order) into the buffer. Synchronous; never writes. */
  add(row: readonly unknown[]): void;
  /** Rows of this table committed so far. */
  readonly rowsWritten: number;
  /** Rows added but not committed yet (buffered or in a running flush). */
  readonly rowsPending: number;
}

export interface BulkWriter extends AsyncDisposable {
  /** Registers a table (or returns the one registered under that name with the same columns). */
  table(name: string, columns: readonly string[]): TableSink;
  /** Flushes when over the threshold; call it regularly from the producer (cheap otherwise). */
  maybeFlush(): Promise<void>;
  /** Writes everything buffered and waits until it is committed. */
  flush(): Promise<void>;
  /** Flushes, then gives the connection back. The writer cannot be used afterwards. */
  close(): Promise<void>;
  /** Size of what is buffered and not yet handed to a flush. */
  readonly bufferedBytes: number;
  /** Rows committed over all tables. */
  readonly totalRows: number;
  /** Flushes committed. */
  readonly flushCount: number;
  /** Rows committed per table, in registration order. */
  rowCounts(): Map<string, number>;
}

/**
 * A flush failed and was rolled back. `table` is the table whose COPY failed, or '(connection)',
 * '(begin)', '(commit)'. The message carries PostgreSQL's message, detail and context; a "line N" in the
 * context counts within that table's rows of the failed flush. The original error is the `cause`.
 */
export class BulkWriteError extends Error {
  readonly table: string;
  constructor(table: string, cause: unknown) {
    const e = (cause ?? {}) as { message?: string; detail?: string; where?: string; code?: string };
    let message = `Bulk write into ${table} failed: ${e.message ?? String(cause)}`;
    if (e.detail) message += ` (${e.detail})`;
    if (e.where) message += ` [${e.where}]`;
    if (e.code) message += ` {SQLSTATE ${e.code}}`;
    super(message, { cause });
    this.name = 'BulkWriteError';
    this.table = table;
  }
}

const DEFAULT_THRESHOLD = 4 * 1024 * 1024;
const RESOLVED = Promise.resolve();
/** While a flush runs, maybeFlush() lets the event loop turn this often, so the flush's I/O proceeds. */
const YIELD_BYTES = 256 * 1024;

export function openBulkWriter(database: Database, options: BulkWriterOptions = {}): BulkWriter {
  const threshold = options.flushThresholdBytes ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0)) throw new RangeError('flushThresholdBytes must be positive');
  let target: CopyTarget;
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('openBulkWriter: the PGlite database has no pglite instance');
    target = new PgliteTarget(database.pglite, options.deferForeignKeyChecks ?? false);
  } else {
    if (!database.pgPool) throw new Error('openBulkWriter: the PostgreSQL database has no pgPool');
    target = new PostgresTarget(database.pgPool, options.deferForeignKeyChecks ?? false);
  }
  return new Writer(target, threshold);
}

// ---------------------------------------------------------------------------------------------------
// Encoding (COPY text format)

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const copyEscape = (c: string) => COPY_ESCAPES[c]!;

function escapeCopy(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIAL_ALL, copyEscape) : text;
}

function encodeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return escapeCopy(value);
    case 'number':
    case 'bigint':
      return String(value); // NaN, Infinity, -Infinity are valid float/numeric input
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return '\\N';
    case 'object':
      if (value === null) return '\\N';
      if (value instanceof Date) return value.toISOString();
      if (Array.isArray(value)) return escapeCopy(arrayLiteral(value));
      if (value instanceof Uint8Array) return '\\\\x' + Buffer.from(value).toString('hex');
      return escapeCopy(JSON.stringify(value));
    default:
      throw new TypeError(`cannot write a ${typeof value} to the database`);
  }
}

function arrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += arrayElement(values[i]);
  }
  return out + '}';
}

const ARRAY_QUOTE = /["\\]/g;
const quoteElement = (text: string) => '"' + text.replace(ARRAY_QUOTE, '\\$&') + '"';

function arrayElement(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quoteElement(value);
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return 'NULL';
    case 'object':
      if (value === null) return 'NULL';
      if (Array.isArray(value)) return arrayLiteral(value);
      if (value instanceof Date) return quoteElement(value.toISOString());
      if (value instanceof Uint8Array) return quoteElement('\\x' + Buffer.from(value).toString('hex'));
      return quoteElement(JSON.stringify(value));
    default:
      throw new TypeError(`cannot write a ${typeof value} to the database`);
  }
}

function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((part) => '"' + part.replaceAll('"', '""') + '"')
    .join('.');
}

// ---------------------------------------------------------------------------------------------------
// Writer

/**
 * Rows are appended to a short string per table; every SPILL_CHARS or so that string is written as
 * UTF-8 into a 64 KiB block. So the per-row strings die young, the buffered data lives off the V8 heap,
 * and after a flush the blocks are reused: memory stays at about twice the threshold.
 */
const BLOCK_SIZE = 64 * 1024;
const SPILL_CHARS = 16 * 1024;

interface BatchPart {
  sink: Sink;
  statement: string;
  chunks: Buffer[];
  rows: number;
}

interface CopyTarget {
  /** Runs the COPYs of one flush in one transaction; throws BulkWriteError after rolling back. */
  write(parts: readonly BatchPart[]): Promise<void>;
  release(): Promise<void>;
}

interface SharedState {
  /** Bytes in blocks plus characters in the not yet spilled strings, over all tables. */
  bufferedBytes: number;
  hardLimit: number;
  failure: BulkWriteError | undefined;
  closed: boolean;
  freeBlocks: Buffer[];
  maxFreeBlocks: number;
}

class Sink implements TableSink {
  readonly table: string;
  readonly columns: readonly string[];
  readonly statement: string;
  bufferedRows = 0;
  added = 0;
  written = 0;
  readonly #state: SharedState;
  #text = '';
  #block: Buffer | undefined;
  #used = 0;
  #chunks: Buffer[] = [];

  constructor(table: string, columns: readonly string[], state: SharedState) {
    this.table = table;
    this.columns = Object.freeze([...columns]);
    this.statement = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
    this.#state = state;
  }

  add(row: readonly unknown[]): void {
    const state = this.#state;
    if (state.failure) throw state.failure;
    if (state.closed) throw new Error('BulkWriter is closed');
    const n = this.columns.length;
    if (row.length !== n) {
      throw new TypeError(`${this.table}: row has ${row.length} values for ${n} columns`);
    }
    if (state.bufferedBytes > state.hardLimit) {
      throw new Error(
        `BulkWriter: ${state.bufferedBytes} bytes buffered; call \`await writer.maybeFlush()\` regularly`,
      );
    }
    let line = encodeValue(row[0]);
    for (let i = 1; i < n; i++) line += '\t' + encodeValue(row[i]);
    line += '\n';
    this.#text += line;
    this.bufferedRows++;
    this.added++;
    state.bufferedBytes += line.length;
    if (this.#text.length >= SPILL_CHARS) this.#spill();
  }

  get rowsWritten(): number {
    return this.written;
  }

  get rowsPending(): number {
    return this.added - this.written;
  }

  /** Hands everything buffered to a flush. */
  take(): BatchPart | undefined {
    if (this.bufferedRows === 0) return undefined;
    if (this.#text) this.#spill();
    this.#seal();
    const part = { sink: this, statement: this.statement, chunks: this.#chunks, rows: this.bufferedRows };
    this.#chunks = [];
    this.bufferedRows = 0;
    return part;
  }

  discard(): void {
    this.#text = '';
    this.#block = undefined;
    this.#used = 0;
    this.#chunks = [];
    this.bufferedRows = 0;
  }

  #spill(): void {
    const state = this.#state;
    const text = this.#text;
    this.#text = '';
    state.bufferedBytes -= text.length;
    let block = this.#block;
    // Three bytes per UTF-16 unit at most; count exactly only when that bound does not fit.
    if (!block || block.length - this.#used < text.length * 3) {
      const bytes = Buffer.byteLength(text);
      if (!block || block.length - this.#used < bytes) {
        this.#seal();
        block = bytes > BLOCK_SIZE ? Buffer.allocUnsafe(bytes) : takeBlock(state);
        this.#block = block;
      }
    }
    const written = block.write(text, this.#used, 'utf8');
    this.#used += written;
    state.bufferedBytes += written;
  }

  #seal(): void {
    if (this.#block && this.#used > 0) this.#chunks.push(this.#block.subarray(0, this.#used));
    this.#block = undefined;
    this.#used = 0;
  }
}

function takeBlock(state: SharedState): Buffer {
  return state.freeBlocks.pop() ?? Buffer.allocUnsafeSlow(BLOCK_SIZE);
}

function recycleBlocks(state: SharedState, parts: readonly BatchPart[]): void {
  for (const part of parts) {
    for (const chunk of part.chunks) {
      if (state.freeBlocks.length >= state.maxFreeBlocks) return;
      if (chunk.buffer.byteLength === BLOCK_SIZE && chunk.byteOffset === 0) {
        state.freeBlocks.push(Buffer.from(chunk.buffer, 0, BLOCK_SIZE));
      }
    }
  }
}

class Writer implements BulkWriter {
  readonly #target: CopyTarget;
  readonly #threshold: number;
  readonly #sinks = new Map<string, Sink>();
  readonly #state: SharedState;
  #inflight: Promise<void> | undefined;
  #flushCount = 0;
  #yieldedAt = 0;

  constructor(target: CopyTarget, threshold: number) {
    this.#target = target;
    this.#threshold = threshold;
    this.#state = {
      bufferedBytes: 0,
      hardLimit: Math.max(threshold * 16, 64 * 1024 * 1024),
      failure: undefined,
      closed: false,
      freeBlocks: [],
      maxFreeBlocks: Math.ceil((2 * threshold) / BLOCK_SIZE) + 8,
    };
  }

  table(name: string, columns: readonly string[]): TableSink {
    this.#checkUsable();
    const existing = this.#sinks.get(name);
    if (existing) {
      if (existing.columns.join('\0') !== columns.join('\0')) {
        throw new Error(`BulkWriter: table ${name} is already registered with other columns`);
      }
      return existing;
    }
    if (columns.length === 0) throw new Error(`BulkWriter: table ${name} needs at least one column`);
    const sink = new Sink(name, columns, this.#state);
    this.#sinks.set(name, sink);
    return sink;
  }

  maybeFlush(): Promise<void> {
    if (this.#state.failure) return Promise.reject(this.#state.failure);
    const buffered = this.#state.bufferedBytes;
    if (buffered >= this.#threshold) return this.#startFlush();
    // Awaiting a resolved promise does not let I/O callbacks run: a producer that only ever awaited
    // those would stall the background flush until the next threshold.
    if (this.#inflight && buffered - this.#yieldedAt >= YIELD_BYTES) {
      this.#yieldedAt = buffered;
      return nextTurn();
    }
    return RESOLVED;
  }

  async flush(): Promise<void> {
    await this.#startFlush();
    await this.#drain();
  }

  /** Also rejects with the failure if a flush failed (once; a second close() resolves). */
  async close(): Promise<void> {
    if (this.#state.closed) return;
    try {
      await this.flush();
    } finally {
      await this.#drain().catch(() => {});
      this.#state.closed = true;
      for (const sink of this.#sinks.values()) sink.discard();
      this.#state.bufferedBytes = 0;
      this.#state.freeBlocks = [];
      await this.#target.release();
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  get bufferedBytes(): number {
    return this.#state.bufferedBytes;
  }

  get totalRows(): number {
    let total = 0;
    for (const sink of this.#sinks.values()) total += sink.written;
    return total;
  }

  get flushCount(): number {
    return this.#flushCount;
  }

  rowCounts(): Map<string, number> {
    return new Map([...this.#sinks.values()].map((sink) => [sink.table, sink.written]));
  }

  #checkUsable(): void {
    if (this.#state.failure) throw this.#state.failure;
    if (this.#state.closed) throw new Error('BulkWriter is closed');
  }

  /** Waits for the running flush, if any, and throws if a flush failed. */
  async #drain(): Promise<void> {
    while (this.#inflight) await this.#inflight;
    this.#checkUsable();
  }

  /** Hands the buffers to a new flush (after the running one) and returns without waiting for it. */
  async #startFlush(): Promise<void> {
    await this.#drain();
    // No await between here and setting #inflight: concurrent callers cannot start two flushes.
    if (this.#state.bufferedBytes === 0) return;
    const parts: BatchPart[] = [];
    for (const sink of this.#sinks.values()) {
      const part = sink.take();
      if (part) parts.push(part);
    }
    this.#state.bufferedBytes = 0;
    this.#yieldedAt = 0;
    const run = this.#target.write(parts).then(
      () => {
        for (const part of parts) part.sink.written += part.rows;
        this.#flushCount++;
        recycleBlocks(this.#state, parts);
      },
      (error: unknown) => {
        this.#state.failure = error instanceof BulkWriteError ? error : new BulkWriteError('(flush)', error);
      },
    );
    const inflight = run.finally(() => {
      if (this.#inflight === inflight) this.#inflight = undefined;
    });
    this.#inflight = inflight;
  }
}

// ---------------------------------------------------------------------------------------------------
// Targets

const SKIP_FOREIGN_KEY_TRIGGERS = 'SET LOCAL session_replication_role = replica';

class PgliteTarget implements CopyTarget {
  readonly #pglite: PGlite;
  readonly #deferForeignKeys: boolean;

  constructor(pglite: PGlite, deferForeignKeys: boolean) {
    this.#pglite = pglite;
    this.#deferForeignKeys = deferForeignKeys;
  }

  async write(parts: readonly BatchPart[]): Promise<void> {
    try {
      await this.#pglite.transaction(async (tx) => {
        if (this.#deferForeignKeys) await tx.exec(SKIP_FOREIGN_KEY_TRIGGERS);
        for (const part of parts) {
          const statement = part.statement.replace(/FROM STDIN$/, `FROM '/dev/blob'`);
          try {
            await tx.exec(statement, { blob: new Blob(part.chunks) });
          } catch (error) {
            throw new BulkWriteError(part.sink.table, error);
          }
        }
      });
    } catch (error) {
      throw error instanceof BulkWriteError ? error : new BulkWriteError('(commit)', error);
    }
  }

  async release(): Promise<void> {}
}

class PostgresTarget implements CopyTarget {
  readonly #pool: pg.Pool;
  readonly #deferForeignKeys: boolean;
  #client: pg.PoolClient | undefined;
  #broken: Error | undefined;

  constructor(pool: pg.Pool, deferForeignKeys: boolean) {
    this.#pool = pool;
    this.#deferForeignKeys = deferForeignKeys;
  }

  async write(parts: readonly BatchPart[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.#connect();
    } catch (error) {
      throw new BulkWriteError('(connection)', error);
    }
    try {
      await client.query('BEGIN');
      if (this.#deferForeignKeys) await client.query(SKIP_FOREIGN_KEY_TRIGGERS);
    } catch (error) {
      this.#discard(error);
      throw new BulkWriteError('(begin)', error);
    }
    let failed: BulkWriteError | undefined;
    for (const part of parts) {
      try {
        await copyInto(client, part.statement, part.chunks);
      } catch (error) {
        failed = new BulkWriteError(part.sink.table, error);
        break;
      }
    }
    if (!failed) {
      try {
        await client.query('COMMIT');
        return;
      } catch (error) {
        failed = new BulkWriteError('(commit)', error);
      }
    }
    try {
      await client.query('ROLLBACK');
    } catch (error) {
      this.#discard(error);
    }
    if (this.#broken) this.#discard(this.#broken);
    throw failed;
  }

  async release(): Promise<void> {
    if (this.#client) this.#giveBack(this.#broken);
  }

  async #connect(): Promise<pg.PoolClient> {
    if (this.#client) return this.#client;
    const client = await this.#pool.connect();
    this.#broken = undefined;
    // A checked-out client has no error listener of the pool's: a dropped connection would crash.
    client.on('error', this.#onError);
    this.#client = client;
    return client;
  }

  readonly #onError = (error: Error): void => {
    this.#broken = error;
  };

  /** Gives a connection that cannot be trusted back to the pool to be destroyed. */
  #discard(error: unknown): void {
    if (this.#client) this.#giveBack(error instanceof Error ? error : new Error(String(error)));
  }

  #giveBack(error: Error | undefined): void {
    const client = this.#client!;
    this.#client = undefined;
    client.off('error', this.#onError);
    client.release(error);
  }
}

function copyInto(client: pg.PoolClient, statement: string, chunks: readonly Buffer[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(statement));
    stream.once('error', reject);
    stream.once('finish', resolve);
    // The stream holds the chunks until the server is ready (CopyInResponse), then sends them all.
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
  });
}
