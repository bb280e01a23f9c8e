/**
 * The statements of one booking transaction, handed to the connection with up to `depth` of them under
 * way: while the database runs one statement this thread already checks the next lines and prepares the
 * next statement, so neither waits for the other. The connection runs them one after the other, in the
 * order given. With depth 1 every statement waits for the one before (the embedded database, which runs on
 * this thread and serves other requests in between).
 *
 * A statement's time is counted from when the connection could start it (sent, and the statement before it
 * done) until it is done: the time it held the database, without the time it waited behind another one.
 */
export class StatementQueue {
  readonly #depth: number;
  readonly #onStatement: ((label: string, ms: number) => void) | undefined;
  readonly #underWay = new Set<Promise<void>>();
  #lastDone = 0;
  #failure: { error: unknown } | null = null;

  constructor(depth: number, onStatement?: (label: string, ms: number) => void) {
    this.#depth = Math.max(1, depth);
    this.#onStatement = onStatement;
  }

  /**
   * Sends a statement once fewer than `depth` are under way; `then` gets its result when it is done.
   * Throws the first failure of an earlier statement (the transaction is lost then).
   */
  async add<T>(label: string, start: () => Promise<T>, then?: (result: T) => void): Promise<void> {
    while (this.#underWay.size >= this.#depth) await Promise.race(this.#underWay);
    this.#throwFailure();
    const sent = performance.now();
    const running = start()
      .then((result) => {
        const done = performance.now();
        this.#onStatement?.(label, done - Math.max(sent, this.#lastDone));
        this.#lastDone = done;
        then?.(result);
      })
      .catch((error: unknown) => {
        this.#failure ??= { error };
      });
    const tracked = running.finally(() => this.#underWay.delete(tracked));
    this.#underWay.add(tracked);
    // Let the connection read what the database answered and send the next statement: it only does so
    // when this thread returns to the event loop, which checking lines would otherwise not do for a while.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Runs one statement after all before it and returns its result. */
  async run<T>(label: string, start: () => Promise<T>): Promise<T> {
    let result: { value: T } | undefined;
    await this.add(label, start, (value) => (result = { value }));
    await this.drain();
    return result!.value;
  }

  /** Waits until every statement is done; throws the first failure. */
  async drain(): Promise<void> {
    while (this.#underWay.size > 0) await Promise.all(this.#underWay);
    this.#throwFailure();
  }

  #throwFailure(): void {
    if (this.#failure) throw this.#failure.error;
  }
}
