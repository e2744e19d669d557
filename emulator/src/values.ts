/**
 * Value semantics of the embedded Firestore emulator: the cross-type total
 * order and filter equality. Field paths and field access live in
 * ./field-paths.
 *
 * Everything here is pure and works directly on the proto-loader wire shape
 * from ./types, so neither the query engine nor the server ever converts a
 * document into another representation.
 */
import type { Value } from './types';

/**
 * Thrown for a malformed query or field path. The server maps it to gRPC
 * INVALID_ARGUMENT; query.ts re-exports it.
 */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** The member of the Value oneof that is set. */
export type ValueKind =
  | 'nullValue' | 'booleanValue' | 'integerValue' | 'doubleValue' | 'timestampValue'
  | 'stringValue' | 'bytesValue' | 'referenceValue' | 'geoPointValue' | 'arrayValue' | 'mapValue';

const KINDS: readonly ValueKind[] = [
  'nullValue', 'booleanValue', 'integerValue', 'doubleValue', 'timestampValue',
  'stringValue', 'bytesValue', 'referenceValue', 'geoPointValue', 'arrayValue', 'mapValue',
];

const KIND_SET: ReadonlySet<string> = new Set(KINDS);

/**
 * Which oneof member a Value carries. Decoded requests name it in `valueType`;
 * values built in code may not, so fall back to the first member present. An
 * empty Value is treated as null rather than crashing.
 */
export function valueKind(v: Value): ValueKind {
  if (v.valueType && KIND_SET.has(v.valueType)) return v.valueType as ValueKind;
  for (const k of KINDS) if (v[k] !== undefined && v[k] !== null) return k;
  return 'nullValue';
}

/** Type classes in Firestore's documented cross-type order. */
export const TypeOrder = {
  NULL: 0, BOOLEAN: 1, NUMBER: 2, TIMESTAMP: 3, STRING: 4, BYTES: 5,
  REFERENCE: 6, GEO_POINT: 7, ARRAY: 8, VECTOR: 9, MAP: 10,
} as const;

/** True for a map value of the form `{__type__: "__vector__", value: [...]}`. */
export function isVectorValue(v: Value): boolean {
  if (valueKind(v) !== 'mapValue') return false;
  const t = v.mapValue?.fields?.['__type__'];
  return t !== undefined && valueKind(t) === 'stringValue' && t.stringValue === '__vector__';
}

/** Rank of a value's type class; values of different classes compare by this alone. */
export function typeOrder(v: Value): number {
  switch (valueKind(v)) {
    case 'nullValue': return TypeOrder.NULL;
    case 'booleanValue': return TypeOrder.BOOLEAN;
    case 'integerValue': case 'doubleValue': return TypeOrder.NUMBER;
    case 'timestampValue': return TypeOrder.TIMESTAMP;
    case 'stringValue': return TypeOrder.STRING;
    case 'bytesValue': return TypeOrder.BYTES;
    case 'referenceValue': return TypeOrder.REFERENCE;
    case 'geoPointValue': return TypeOrder.GEO_POINT;
    case 'arrayValue': return TypeOrder.ARRAY;
    case 'mapValue': return isVectorValue(v) ? TypeOrder.VECTOR : TypeOrder.MAP;
  }
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** The double in a doubleValue; REST-decoded values may carry "NaN"/"Infinity" strings. */
function toDouble(x: unknown): number {
  return typeof x === 'number' ? x : Number(x);
}

/** Exact int64 of an integerValue (decimal string or JS number). */
export function toBigInt(v: Value): bigint {
  const x = v.integerValue ?? 0;
  return typeof x === 'number' ? BigInt(Math.trunc(x)) : BigInt(x);
}

/** Numeric value of an integer or double Value as a JS number (may round), else undefined. */
export function toNumber(v: Value): number | undefined {
  const k = valueKind(v);
  if (k === 'integerValue') return Number(v.integerValue);
  if (k === 'doubleValue') return toDouble(v.doubleValue);
  return undefined;
}

/** Compares a finite-or-infinite double with an exact integer, without rounding the integer. */
function compareDoubleToInt(d: number, i: bigint): number {
  if (Number.isNaN(d)) return -1;
  if (d === Infinity) return 1;
  if (d === -Infinity) return -1;
  const t = Math.trunc(d); // an integral double converts to BigInt exactly
  const c = cmpBig(BigInt(t), i);
  return c !== 0 ? c : sign(d - t);
}

function compareNumbers(a: Value, b: Value): number {
  const ai = valueKind(a) === 'integerValue';
  const bi = valueKind(b) === 'integerValue';
  if (ai && bi) return cmpBig(toBigInt(a), toBigInt(b));
  if (!ai && !bi) {
    const x = toDouble(a.doubleValue);
    const y = toDouble(b.doubleValue);
    // NaN sorts below every other number and equal to itself (total order).
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
    if (Number.isNaN(y)) return 1;
    return x < y ? -1 : x > y ? 1 : 0; // -0 and 0 compare equal
  }
  return ai ? 0 - compareDoubleToInt(toDouble(b.doubleValue), toBigInt(a)) : compareDoubleToInt(toDouble(a.doubleValue), toBigInt(b));
}

/**
 * Compares strings by UTF-8 byte order (equivalently, code point order).
 * JS `<` compares UTF-16 code units, which puts supplementary characters
 * (surrogate pairs, 0xD800-0xDFFF) below U+E000..U+FFFF; fix only that case.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x < y ? -1 : 1;
    return xs ? 1 : -1; // a surrogate encodes a code point >= U+10000
  }
  return sign(a.length - b.length);
}

/** Bytes of a bytesValue, decoding base64 when it arrives as a string. */
export function toBytes(v: Value): Buffer {
  const b = v.bytesValue;
  if (b === undefined) return Buffer.alloc(0);
  if (typeof b === 'string') return Buffer.from(b, 'base64');
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

const NUMERIC_ID = /^__id(-?\d+)__$/;

/**
 * Compares one resource-name segment. Firestore gives ids of the form
 * `__id<int64>__` (numeric ids) a place before all string ids, ordered
 * numerically; the Admin SDK's recursiveDelete relies on `__id-2^63__` being
 * the minimum key.
 */
function compareSegment(a: string, b: string): number {
  const na = a.startsWith('__id') ? NUMERIC_ID.exec(a) : null;
  const nb = b.startsWith('__id') ? NUMERIC_ID.exec(b) : null;
  if (na && nb) return cmpBig(BigInt(na[1]!), BigInt(nb[1]!));
  if (na) return -1;
  if (nb) return 1;
  return compareUtf8(a, b);
}

/**
 * Compares two resource names segment by segment (a parent sorts before its
 * children). The segments before the first differing character are equal, so
 * only the segment holding it is compared (the same position in both names):
 * if the two segments differ, they decide; if they are equal, one name ends
 * there and is the parent, i.e. the shorter. No splitting: ordered indexes
 * compare names on every step of a tree descent.
 */
export function compareResourceNames(a: string, b: string): number {
  if (a === b) return 0;
  // Siblings (one collection's documents, as in an ordered index): only the last segments differ.
  const parent = a.lastIndexOf('/');
  if (parent > 0 && b.lastIndexOf('/') === parent && a.substring(0, parent) === b.substring(0, parent)) {
    return compareSegment(a.substring(parent + 1), b.substring(parent + 1));
  }
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const start = i === 0 ? 0 : a.lastIndexOf('/', i - 1) + 1;
  const endA = a.indexOf('/', start);
  const endB = b.indexOf('/', start);
  const c = compareSegment(a.slice(start, endA < 0 ? a.length : endA), b.slice(start, endB < 0 ? b.length : endB));
  return c !== 0 ? c : sign(a.length - b.length);
}

function compareTimestamps(a: Value, b: Value): number {
  const x = a.timestampValue ?? { seconds: 0 };
  const y = b.timestampValue ?? { seconds: 0 };
  return cmpBig(BigInt(x.seconds ?? 0), BigInt(y.seconds ?? 0)) || sign((x.nanos ?? 0) - (y.nanos ?? 0));
}

function compareArrays(a: Value[], b: Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function compareMaps(a: Record<string, Value>, b: Record<string, Value>): number {
  const ak = Object.keys(a).sort(compareUtf8);
  const bk = Object.keys(b).sort(compareUtf8);
  const n = Math.min(ak.length, bk.length);
  for (let i = 0; i < n; i++) {
    const c = compareUtf8(ak[i]!, bk[i]!) || compareValues(a[ak[i]!]!, b[bk[i]!]!);
    if (c !== 0) return c;
  }
  return sign(ak.length - bk.length);
}

/** Elements of an array value (empty when unset). */
export function arrayValues(v: Value): Value[] {
  return v.arrayValue?.values ?? [];
}

/** Fields of a map value (empty when unset). */
export function mapFields(v: Value): Record<string, Value> {
  return v.mapValue?.fields ?? {};
}

/** Vectors order by dimension first, then element-wise. */
function compareVectors(a: Value, b: Value): number {
  const av = mapFields(a)['value'];
  const bv = mapFields(b)['value'];
  const ae = av ? arrayValues(av) : [];
  const be = bv ? arrayValues(bv) : [];
  return sign(ae.length - be.length) || compareArrays(ae, be);
}

/**
 * Firestore's total order over all values: negative if a < b, 0 if they sort
 * equal, positive if a > b. Integers and doubles form one numeric class
 * compared exactly; NaN is the smallest number and equal to itself here (use
 * valuesEqual for filter equality).
 */
export function compareValues(a: Value, b: Value): number {
  const ta = typeOrder(a);
  const tb = typeOrder(b);
  if (ta !== tb) return sign(ta - tb);
  switch (ta) {
    case TypeOrder.NULL: return 0;
    case TypeOrder.BOOLEAN: return sign(Number(Boolean(a.booleanValue)) - Number(Boolean(b.booleanValue)));
    case TypeOrder.NUMBER: return compareNumbers(a, b);
    case TypeOrder.TIMESTAMP: return compareTimestamps(a, b);
    case TypeOrder.STRING: return compareUtf8(a.stringValue ?? '', b.stringValue ?? '');
    case TypeOrder.BYTES: return sign(Buffer.compare(toBytes(a), toBytes(b)));
    case TypeOrder.REFERENCE: return compareResourceNames(a.referenceValue ?? '', b.referenceValue ?? '');
    case TypeOrder.GEO_POINT: {
      const x = a.geoPointValue ?? {};
      const y = b.geoPointValue ?? {};
      return compareNumbers({ doubleValue: x.latitude ?? 0 }, { doubleValue: y.latitude ?? 0 })
        || compareNumbers({ doubleValue: x.longitude ?? 0 }, { doubleValue: y.longitude ?? 0 });
    }
    case TypeOrder.ARRAY: return compareArrays(arrayValues(a), arrayValues(b));
    case TypeOrder.VECTOR: return compareVectors(a, b);
    default: return compareMaps(mapFields(a), mapFields(b));
  }
}

/** True for a doubleValue holding NaN. */
export function isNaNValue(v: Value | undefined): boolean {
  return v !== undefined && valueKind(v) === 'doubleValue' && Number.isNaN(toDouble(v.doubleValue));
}

/** True for a nullValue. */
export function isNullValue(v: Value | undefined): boolean {
  return v !== undefined && valueKind(v) === 'nullValue';
}

/** True for an arrayValue. */
export function isArray(v: Value | undefined): boolean {
  return v !== undefined && valueKind(v) === 'arrayValue';
}

/** True for an integerValue or doubleValue. */
export function isNumber(v: Value | undefined): boolean {
  return v !== undefined && typeOrder(v) === TypeOrder.NUMBER;
}

/**
 * Equality as the `==`, `in` and array-contains filters use it: same type
 * class and equal in the total order, except that NaN equals nothing (not
 * even NaN, also inside arrays and maps). 1 == 1.0 and -0 == 0.
 */
export function valuesEqual(a: Value, b: Value): boolean {
  const t = typeOrder(a);
  if (t !== typeOrder(b)) return false;
  if (t === TypeOrder.NUMBER) return !isNaNValue(a) && !isNaNValue(b) && compareNumbers(a, b) === 0;
  if (t === TypeOrder.ARRAY) {
    const x = arrayValues(a);
    const y = arrayValues(b);
    return x.length === y.length && x.every((e, i) => valuesEqual(e, y[i]!));
  }
  if (t === TypeOrder.MAP || t === TypeOrder.VECTOR) {
    const x = mapFields(a);
    const y = mapFields(b);
    const keys = Object.keys(x);
    return keys.length === Object.keys(y).length
      && keys.every((k) => y[k] !== undefined && valuesEqual(x[k]!, y[k]!));
  }
  return compareValues(a, b) === 0;
}

/** An integerValue for an integral number/bigint (int64 decimal string), a doubleValue otherwise. */
export function valueFromNumber(n: number | bigint): Value {
  if (typeof n === 'bigint') return { integerValue: n.toString() };
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return { integerValue: String(n) };
  return { doubleValue: n };
}
