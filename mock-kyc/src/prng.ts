/**
 * Seedable PRNG (mulberry32). Math.random cannot be seeded, and fault
 * injection has to be reproducible: the same seed and the same sequence of
 * requests must hit the same faults on every run.
 */

/** A small deterministic random source. */
export class Prng {
  private state = 0;

  constructor(seed: number) {
    this.reseed(seed);
  }

  /** Restart the sequence from `seed`. */
  reseed(seed: number): void {
    this.state = seed >>> 0;
  }

  /** Next float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let x = this.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }
}
