/**
 * Deterministic identifiers for generated rows: uuids built from a run prefix, a table tag and a counter
 * (so the same seed gives the same ids and they never collide with random v4 uuids in practice), synthetic
 * BSNs, and reference numbers.
 */
export class IdSource {
  private readonly counters = new Map<string, number>();
  /** Eight hex digits that identify the run in every uuid it makes. */
  readonly prefix: string;

  constructor(runKey: string) {
    let h = 2166136261;
    for (let i = 0; i < runKey.length; i++) h = Math.imul(h ^ runKey.charCodeAt(i), 16777619);
    this.prefix = (h >>> 0).toString(16).padStart(8, '0');
  }

  /** Next uuid for a table; `tag` is a 4-hex-digit table tag. */
  uuid(tag: string): string {
    const n = (this.counters.get(tag) ?? 0) + 1;
    this.counters.set(tag, n);
    return `${this.prefix}-${tag}-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }

  /** Next number in a named sequence, starting at 1. */
  next(sequence: string): number {
    const n = (this.counters.get(sequence) ?? 0) + 1;
    this.counters.set(sequence, n);
    return n;
  }
}

/**
 * Synthetic BSNs: nine digits starting with 99 that pass the 11-proef, taken in order from a counter.
 * The 999990000-999999999 block is left to the hand-made demo residents.
 */
export function syntheticBsnFromCounter(start: number): { next(): string } {
  let candidate = 990_000_000 + start;
  return {
    next() {
      for (;;) {
        candidate++;
        if (candidate >= 999_990_000) throw new Error('The synthetic BSN range (99xxxxxxx) is exhausted.');
        const s = String(candidate);
        let sum = 0;
        for (let i = 0; i < 8; i++) sum += (9 - i) * (s.charCodeAt(i) - 48);
        sum -= s.charCodeAt(8) - 48;
        if (sum % 11 === 0) return s;
      }
    },
  };
}
