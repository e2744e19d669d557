/**
 * Field transforms (FieldValue.serverTimestamp/increment/arrayUnion/...)
 * and strict document equality, as Firestore applies them in a commit.
 * All functions return new objects and never mutate their inputs, because
 * stored documents are shared with history, listeners and responses.
 */
import { toTimestamp, type Micros } from './clock';
import { getField, setField, valueKind, valuesEqual } from './engine';
import { invalidArgument } from './errors';
import type { Value } from './types';

/** google.firestore.v1.DocumentTransform.FieldTransform as decoded. */
export interface FieldTransform {
  fieldPath: string;
  transformType?: string;
  setToServerValue?: string;
  increment?: Value;
  maximum?: Value;
  minimum?: Value;
  appendMissingElements?: { values?: Value[] };
  removeAllFromArray?: { values?: Value[] };
}

const NULL: Value = { nullValue: 'NULL_VALUE' };
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/**
 * Applies `transforms` in order to `fields`. Returns the new fields and one
 * transform result per transform (the value written, or null for the array
 * transforms), as WriteResult.transformResults expects.
 */
export function applyTransforms(
  fields: Record<string, Value>,
  transforms: FieldTransform[],
  commitTime: Micros,
): { fields: Record<string, Value>; results: Value[] } {
  const results: Value[] = [];
  let out = fields;
  for (const t of transforms) {
    const prev = getField(out, t.fieldPath);
    let next: Value;
    let result: Value;
    const kind = t.transformType ?? Object.keys(t).find((k) => k !== 'fieldPath');
    switch (kind) {
      case 'setToServerValue':
        if (t.setToServerValue !== 'REQUEST_TIME' && (t.setToServerValue as unknown) !== 1) {
          throw invalidArgument(`Unsupported server value: ${String(t.setToServerValue)}`);
        }
        next = result = { timestampValue: toTimestamp(commitTime) };
        break;
      case 'increment':
        next = result = increment(prev, t.increment!);
        break;
      case 'maximum':
        next = result = minMax(prev, t.maximum!, 1);
        break;
      case 'minimum':
        next = result = minMax(prev, t.minimum!, -1);
        break;
      case 'appendMissingElements': {
        const cur = prev && valueKind(prev) === 'arrayValue' ? [...(prev.arrayValue?.values ?? [])] : [];
        for (const v of t.appendMissingElements?.values ?? []) {
          if (!cur.some((c) => strictEqual(c, v))) cur.push(v);
        }
        next = { arrayValue: { values: cur } };
        result = NULL;
        break;
      }
      case 'removeAllFromArray': {
        const cur = prev && valueKind(prev) === 'arrayValue' ? prev.arrayValue?.values ?? [] : [];
        const remove = t.removeAllFromArray?.values ?? [];
        next = { arrayValue: { values: cur.filter((c) => !remove.some((r) => valuesEqual(c, r))) } };
        result = NULL;
        break;
      }
      default:
        throw invalidArgument(`Unsupported field transform on "${t.fieldPath}"`);
    }
    out = setField(out, t.fieldPath, next);
    results.push(result);
  }
  return { fields: out, results };
}

function isNumeric(v: Value | undefined): v is Value {
  if (!v) return false;
  const k = valueKind(v);
  return k === 'integerValue' || k === 'doubleValue';
}

function num(v: Value): number {
  return valueKind(v) === 'integerValue' ? Number(v.integerValue) : Number(v.doubleValue);
}

/** Integer + integer stays integer (saturating at int64 bounds); otherwise double. */
function increment(prev: Value | undefined, by: Value): Value {
  if (!isNumeric(by)) throw invalidArgument('increment operand must be a number');
  if (!isNumeric(prev)) return by;
  if (valueKind(prev) === 'integerValue' && valueKind(by) === 'integerValue') {
    let sum = BigInt(prev.integerValue!) + BigInt(by.integerValue!);
    if (sum > INT64_MAX) sum = INT64_MAX;
    if (sum < INT64_MIN) sum = INT64_MIN;
    return { integerValue: sum.toString() };
  }
  return { doubleValue: num(prev) + num(by) };
}

/**
 * maximum (sign 1) / minimum (sign -1): a non-numeric field takes the operand;
 * equal values keep the stored one; NaN wins.
 */
function minMax(prev: Value | undefined, operand: Value, sign: 1 | -1): Value {
  if (!isNumeric(operand)) throw invalidArgument('maximum/minimum operand must be a number');
  if (!isNumeric(prev)) return operand;
  const a = num(prev);
  const b = num(operand);
  if (Number.isNaN(a)) return prev;
  if (Number.isNaN(b)) return operand;
  if (valueKind(prev) === 'integerValue' && valueKind(operand) === 'integerValue') {
    const x = BigInt(prev.integerValue!);
    const y = BigInt(operand.integerValue!);
    return (sign === 1 ? y > x : y < x) ? operand : prev;
  }
  return (sign === 1 ? b > a : b < a) ? operand : prev;
}

/**
 * Type-strict deep equality (1 and 1.0 differ, NaN equals NaN): decides
 * whether a write changed a document, and arrayUnion membership.
 */
export function strictEqual(a: Value, b: Value): boolean {
  const ka = valueKind(a);
  if (ka !== valueKind(b)) return false;
  switch (ka) {
    case 'nullValue':
      return true;
    case 'booleanValue':
      return Boolean(a.booleanValue) === Boolean(b.booleanValue);
    case 'integerValue':
      return String(a.integerValue) === String(b.integerValue);
    case 'doubleValue':
      return Object.is(Number(a.doubleValue), Number(b.doubleValue)) || Number(a.doubleValue) === Number(b.doubleValue);
    case 'stringValue':
      return a.stringValue === b.stringValue;
    case 'referenceValue':
      return a.referenceValue === b.referenceValue;
    case 'arrayValue': {
      const x = a.arrayValue?.values ?? [];
      const y = b.arrayValue?.values ?? [];
      return x.length === y.length && x.every((v, i) => strictEqual(v, y[i]!));
    }
    case 'mapValue':
      return fieldsEqual(a.mapValue?.fields, b.mapValue?.fields);
    default:
      // timestamps, bytes, geo points: the total order is exact for them.
      return valuesEqual(a, b);
  }
}

/** Strict equality of two field maps. */
export function fieldsEqual(a: Record<string, Value> | undefined, b: Record<string, Value> | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) {
    const yv = y[k];
    if (yv === undefined || !strictEqual(x[k]!, yv)) return false;
  }
  return true;
}

/**
 * Firestore stores timestamps with microsecond precision: returns `fields`
 * with every timestampValue's nanos truncated to whole microseconds. Copies
 * only the maps/arrays on the path to a changed value; returns the input
 * object itself when nothing needs truncating (the common case).
 */
export function truncateTimestamps(fields: Record<string, Value>): Record<string, Value> {
  let out: Record<string, Value> | undefined;
  for (const k in fields) {
    const v = fields[k]!;
    const t = truncateValue(v);
    if (t !== v) (out ??= { ...fields })[k] = t;
  }
  return out ?? fields;
}

function truncateValue(v: Value): Value {
  if (v.timestampValue) {
    const nanos = v.timestampValue.nanos ?? 0;
    return nanos % 1000 === 0 ? v : { timestampValue: { seconds: v.timestampValue.seconds, nanos: nanos - (nanos % 1000) } };
  }
  if (v.mapValue?.fields) {
    const f = truncateTimestamps(v.mapValue.fields);
    return f === v.mapValue.fields ? v : { mapValue: { fields: f } };
  }
  const arr = v.arrayValue?.values;
  if (arr) {
    let out: Value[] | undefined;
    arr.forEach((e, i) => {
      const t = truncateValue(e);
      if (t !== e) (out ??= [...arr])[i] = t;
    });
    return out ? { arrayValue: { values: out } } : v;
  }
  return v;
}
