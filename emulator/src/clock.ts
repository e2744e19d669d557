/**
 * Commit and read timestamps.
 *
 * Time is kept as integer microseconds since the epoch in a plain number
 * (2^53 µs is ~285 years, so no precision is lost and no BigInt is needed on
 * the hot path). Firestore timestamps have microsecond precision, and every
 * commit must get a time strictly greater than any time handed out before —
 * including read times, so a snapshot read at T never misses a commit at T.
 */
import type { Timestamp } from './types';

/** Microseconds since the Unix epoch. */
export type Micros = number;

/** A monotonic microsecond clock shared by every database of one server. */
export class Clock {
  private last: Micros = 0;

  private wall(): Micros {
    // performance.now() has sub-millisecond resolution; Date.now() does not.
    return Math.floor((performance.timeOrigin + performance.now()) * 1000);
  }

  /** A fresh commit time, strictly greater than every time returned so far. */
  next(): Micros {
    const now = this.wall();
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }

  /** A read time: >= every commit so far; later commits get a greater time. */
  readTime(): Micros {
    const now = this.wall();
    if (now > this.last) this.last = now;
    return this.last;
  }
}

/** Micros → google.protobuf.Timestamp (seconds as a decimal string). */
export function toTimestamp(t: Micros): Timestamp {
  const seconds = Math.floor(t / 1_000_000);
  return { seconds: String(seconds), nanos: (t - seconds * 1_000_000) * 1000 };
}

/** google.protobuf.Timestamp → micros (sub-microsecond nanos are truncated). */
export function fromTimestamp(ts: Timestamp): Micros {
  return Number(ts.seconds ?? 0) * 1_000_000 + Math.floor((ts.nanos ?? 0) / 1000);
}

/** Micros → RFC 3339 string with microseconds, as Firestore prints times. */
export function toIsoString(t: Micros): string {
  const ms = Math.floor(t / 1000);
  const iso = new Date(ms).toISOString(); // ...SS.mmmZ
  const micros = String(t % 1000).padStart(3, '0');
  return `${iso.slice(0, -1)}${micros}Z`;
}

/** RFC 3339 string (any fractional precision up to ns) → micros. */
export function fromIsoString(s: string): Micros {
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) throw new Error(`invalid timestamp: ${s}`);
  const wholeSeconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(wholeSeconds)) throw new Error(`invalid timestamp: ${s}`);
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return wholeSeconds * 1000 + Number(frac);
}
