/**
 * Typed value model of the rules language
 * (https://firebase.google.com/docs/reference/rules/rules).
 *
 * JS primitives carry the common types so the hot path allocates nothing:
 * null → null, bool → boolean, int → bigint (64-bit, overflow is an error),
 * float → number, string → string, list → RVal[]. Everything else is a class.
 * An evaluation error is a value too (RError): it flows through expressions
 * until `&&`, `||` or `?:` can discard it, as the reference specifies.
 * `Unknown` exists only while authorizing a query symbolically
 * (query-auth.ts): "a value the query does not pin down".
 */
import type { Value } from '../types';
import { compareUtf8 } from '../values';

export type RVal =
  | null
  | boolean
  | bigint
  | number
  | string
  | RVal[]
  | RBytes
  | RMap
  | RSet
  | RPath
  | RTimestamp
  | RDuration
  | RLatLng
  | RMapDiff;

export const INT64_MIN = -(1n << 63n);
export const INT64_MAX = (1n << 63n) - 1n;

/** An evaluation error: denies the allow it reaches. */
export class RError {
  constructor(readonly message: string) {}
}

/** A value a list query leaves open (see query-auth.ts). */
export class Unknown {
  constructor(readonly why: string) {}
}

/**
 * A map whose fields are only partly known while authorizing a query
 * (`resource`, `resource.data`, nested maps): a field read resolves through
 * `resolve(path)` to a concrete value the query pins, another SymbolicDoc,
 * or an Unknown carrying what the query says about that field.
 */
export class SymbolicDoc extends Unknown {
  constructor(
    readonly prefix: readonly string[],
    readonly resolve: (path: readonly string[]) => Result,
  ) {
    super(`document field ${prefix.join('.') || '(document)'}`);
  }
  field(name: string): Result {
    return this.resolve([...this.prefix, name]);
  }
}

/** What an expression evaluates to. */
export type Result = RVal | RError | Unknown;

export function isErr(v: Result): v is RError | Unknown {
  return v instanceof RError || v instanceof Unknown;
}

export class RBytes {
  constructor(readonly bytes: Uint8Array) {}
}

/**
 * A map. Backed either by a JS Map, or lazily by wire fields: a field is
 * converted the first time an expression reads it, then cached.
 */
export class RMap {
  private cache: Map<string, RVal> | null = null;
  constructor(
    private readonly entries: Map<string, RVal> | null,
    private readonly wire: Record<string, Value> | Record<string, unknown> | null = null,
    private readonly convert: ((v: never) => RVal) | null = null,
  ) {}

  static of(obj: Record<string, RVal>): RMap {
    const m = new Map<string, RVal>();
    for (const k in obj) m.set(k, obj[k]!);
    return new RMap(m);
  }

  get(key: string): RVal | undefined {
    if (this.entries) return this.entries.get(key);
    const hit = this.cache?.get(key);
    if (hit !== undefined) return hit;
    const w = this.wire![key];
    if (w === undefined || !Object.prototype.hasOwnProperty.call(this.wire, key)) return undefined;
    const v = (this.convert as (x: unknown) => RVal)(w);
    (this.cache ??= new Map()).set(key, v);
    return v;
  }

  has(key: string): boolean {
    return this.entries ? this.entries.has(key) : Object.prototype.hasOwnProperty.call(this.wire, key);
  }

  keys(): string[] {
    return this.entries ? [...this.entries.keys()] : Object.keys(this.wire ?? {});
  }

  get size(): number {
    return this.entries ? this.entries.size : Object.keys(this.wire ?? {}).length;
  }

  toMap(): Map<string, RVal> {
    if (this.entries) return this.entries;
    const m = new Map<string, RVal>();
    for (const k of this.keys()) m.set(k, this.get(k)!);
    return m;
  }
}

/** A set: members keyed by a canonical string so any value type can be a member. */
export class RSet {
  readonly members: Map<string, RVal>;
  constructor(items: Iterable<RVal>) {
    this.members = new Map();
    for (const v of items) this.members.set(keyOf(v), v);
  }
  has(v: RVal): boolean {
    return this.members.has(keyOf(v));
  }
  get size(): number {
    return this.members.size;
  }
  values(): RVal[] {
    return [...this.members.values()];
  }
}

/** A path: segments without the leading slash. */
export class RPath {
  constructor(readonly segments: string[]) {}
  toString(): string {
    return '/' + this.segments.join('/');
  }
}

/** Nanoseconds since the Unix epoch. */
export class RTimestamp {
  constructor(readonly nanos: bigint) {}
}

/** A signed span in nanoseconds. */
export class RDuration {
  constructor(readonly nanos: bigint) {}
}

export class RLatLng {
  constructor(
    readonly lat: number,
    readonly lng: number,
  ) {}
}

/** Result of `map.diff(other)` (reference: rules.MapDiff). */
export class RMapDiff {
  constructor(
    readonly left: RMap,
    readonly right: RMap,
  ) {}
}

/** The type name `is` tests against (plus 'null'). */
export function typeName(v: RVal): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'string';
    default:
  }
  if (Array.isArray(v)) return 'list';
  if (v instanceof RMap) return 'map';
  if (v instanceof RBytes) return 'bytes';
  if (v instanceof RSet) return 'set';
  if (v instanceof RPath) return 'path';
  if (v instanceof RTimestamp) return 'timestamp';
  if (v instanceof RDuration) return 'duration';
  if (v instanceof RLatLng) return 'latlng';
  return 'map_diff';
}

/** Canonical key of a value for set membership (ints and equal floats share a key, as they compare equal). */
export function keyOf(v: RVal): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'boolean': return v ? 'T' : 'F';
    case 'bigint': return 'N' + v.toString();
    case 'number': return Number.isInteger(v) ? 'N' + BigInt(v).toString() : 'N' + String(v);
    case 'string': return 's' + JSON.stringify(v);
    default:
  }
  if (Array.isArray(v)) return '[' + v.map(keyOf).join(',') + ']';
  if (v instanceof RMap) return '{' + v.keys().sort().map((k) => JSON.stringify(k) + ':' + keyOf(v.get(k)!)).join(',') + '}';
  if (v instanceof RSet) return '<' + [...v.members.keys()].sort().join(',') + '>';
  if (v instanceof RBytes) return 'b' + Buffer.from(v.bytes).toString('hex');
  if (v instanceof RPath) return 'p' + JSON.stringify(v.segments);
  if (v instanceof RTimestamp) return 't' + v.nanos.toString();
  if (v instanceof RDuration) return 'd' + v.nanos.toString();
  if (v instanceof RLatLng) return 'g' + v.lat + ',' + v.lng;
  return 'x';
}

/** Equality as `==` defines it: ints and floats compare numerically, other types never equal each other. */
export function equals(a: RVal, b: RVal): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number') && (tb === 'bigint' || tb === 'number')) return compareNumbers(a as number | bigint, b as number | bigint) === 0;
  if (a === null || b === null || ta !== 'object' || tb !== 'object') return false;
  return typeName(a) === typeName(b) && keyOf(a) === keyOf(b);
}

/** Numeric comparison across int and float without losing int precision. NaN → NaN. */
export function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  const d = (typeof a === 'number' ? a : b) as number;
  const i = (typeof a === 'bigint' ? a : b) as bigint;
  let c: number;
  if (Number.isNaN(d)) return NaN;
  if (d === Infinity) c = 1;
  else if (d === -Infinity) c = -1;
  else {
    const t = Math.trunc(d);
    const bt = BigInt(t);
    c = bt < i ? -1 : bt > i ? 1 : Math.sign(d - t);
  }
  return typeof a === 'number' ? c : -c;
}

/** Ordering for `<`: numbers, strings, timestamps, durations, bytes, lists (lexicographic). Undefined → null. */
export function compare(a: RVal, b: RVal): number | null {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number') && (tb === 'bigint' || tb === 'number')) return compareNumbers(a as number | bigint, b as number | bigint);
  if (ta === 'string' && tb === 'string') return compareUtf8(a as string, b as string);
  if (a instanceof RTimestamp && b instanceof RTimestamp) return cmpBig(a.nanos, b.nanos);
  if (a instanceof RDuration && b instanceof RDuration) return cmpBig(a.nanos, b.nanos);
  if (a instanceof RBytes && b instanceof RBytes) return Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes));
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let k = 0; k < Math.min(a.length, b.length); k++) {
      const c = compare(a[k]!, b[k]!);
      if (c === null || c !== 0) return c;
    }
    return a.length - b.length;
  }
  return null;
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Checks the 64-bit range; out of range is an error, never a wrap. */
export function checkInt(v: bigint): bigint | RError {
  return v < INT64_MIN || v > INT64_MAX ? new RError('Integer overflow') : v;
}

/** Human rendering used by string(), debug() and coverage values. */
export function show(v: RVal): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean': return String(v);
    case 'bigint': return v.toString();
    case 'number': return Number.isInteger(v) ? v.toFixed(1) : String(v);
    case 'string': return v;
    default:
  }
  if (Array.isArray(v)) return '[' + v.map(show).join(', ') + ']';
  if (v instanceof RMap) return '{' + v.keys().map((k) => `${k}: ${show(v.get(k)!)}`).join(', ') + '}';
  if (v instanceof RSet) return 'set(' + v.values().map(show).join(', ') + ')';
  if (v instanceof RPath) return v.toString();
  if (v instanceof RBytes) return "b'" + Buffer.from(v.bytes).toString('base64') + "'";
  if (v instanceof RTimestamp) {
    const d = new Date(Number(v.nanos / 1000000n));
    return Number.isNaN(d.getTime()) ? `timestamp(${v.nanos}ns)` : d.toISOString();
  }
  if (v instanceof RDuration) return `${Number(v.nanos) / 1e9}s`;
  if (v instanceof RLatLng) return `latlng(${v.lat}, ${v.lng})`;
  return 'map_diff';
}
