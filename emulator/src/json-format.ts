/**
 * The human-readable JSON form of Firestore data used by export/import and
 * the seed files in emulator-data/ (documented in emulator/README.md).
 *
 * Plain JSON maps to the obvious Firestore types (null, boolean, string,
 * array, map; integral numbers → integer, other numbers → double). Types JSON
 * cannot express are single-key objects with a `$` tag:
 *   {"$timestamp": "2024-05-01T12:00:00.000000Z"}  {"$bytes": "<base64>"}
 *   {"$ref": "users/u1"}  {"$geo": {"latitude": 1.5, "longitude": 2}}
 *   {"$double": 2} (an integral double) / {"$double": "NaN"|"Infinity"|"-Infinity"}
 *   {"$integer": "9007199254740993"} (an integer beyond ±2^53)
 *   {"$map": {...}} (a map whose only key starts with "$", to avoid ambiguity)
 */
import { fromIsoString, fromTimestamp, toIsoString, toTimestamp } from './clock';
import { valueKind } from './engine';
import type { Value } from './types';

/** JSON value as produced by JSON.parse. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Encodes a Firestore Value as readable JSON; references are written relative to `root` when inside it. */
export function valueToJson(v: Value, root: string): Json {
  switch (valueKind(v)) {
    case 'nullValue':
      return null;
    case 'booleanValue':
      return Boolean(v.booleanValue);
    case 'integerValue': {
      const n = Number(v.integerValue);
      return Number.isSafeInteger(n) ? n : { $integer: String(v.integerValue) };
    }
    case 'doubleValue': {
      const d = Number(v.doubleValue);
      if (!Number.isFinite(d)) return { $double: String(d) };
      return Number.isInteger(d) ? { $double: d } : d;
    }
    case 'timestampValue':
      return { $timestamp: toIsoString(fromTimestamp(v.timestampValue!)) };
    case 'stringValue':
      return v.stringValue ?? '';
    case 'bytesValue': {
      const b = v.bytesValue;
      return { $bytes: typeof b === 'string' ? b : Buffer.from(b ?? []).toString('base64') };
    }
    case 'referenceValue': {
      const r = v.referenceValue ?? '';
      return { $ref: r.startsWith(`${root}/`) ? r.slice(root.length + 1) : r };
    }
    case 'geoPointValue':
      return { $geo: { latitude: v.geoPointValue?.latitude ?? 0, longitude: v.geoPointValue?.longitude ?? 0 } };
    case 'arrayValue':
      return (v.arrayValue?.values ?? []).map((x) => valueToJson(x, root));
    case 'mapValue': {
      const obj = fieldsToJson(v.mapValue?.fields ?? {}, root);
      const keys = Object.keys(obj);
      return keys.length === 1 && keys[0]!.startsWith('$') ? { $map: obj } : obj;
    }
  }
}

/** Encodes a document's fields, keys sorted for stable diffs. */
export function fieldsToJson(fields: Record<string, Value>, root: string): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const k of Object.keys(fields).sort()) out[k] = valueToJson(fields[k]!, root);
  return out;
}

/** Decodes readable JSON into a Firestore Value; relative references resolve against `root`. */
export function jsonToValue(j: Json, root: string): Value {
  if (j === null) return { nullValue: 'NULL_VALUE' };
  if (typeof j === 'boolean') return { booleanValue: j };
  if (typeof j === 'string') return { stringValue: j };
  if (typeof j === 'number') return Number.isInteger(j) ? { integerValue: String(j) } : { doubleValue: j };
  if (Array.isArray(j)) return { arrayValue: { values: j.map((x) => jsonToValue(x, root)) } };
  const keys = Object.keys(j);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const tag = keys[0]!;
    const x = j[tag]!;
    switch (tag) {
      case '$timestamp':
        return { timestampValue: toTimestamp(fromIsoString(String(x))) };
      case '$bytes':
        return { bytesValue: Buffer.from(String(x), 'base64') };
      case '$ref':
        return { referenceValue: String(x).startsWith('projects/') ? String(x) : `${root}/${String(x)}` };
      case '$geo': {
        const g = x as { latitude?: number; longitude?: number };
        return { geoPointValue: { latitude: Number(g.latitude ?? 0), longitude: Number(g.longitude ?? 0) } };
      }
      case '$double':
        return { doubleValue: Number(x) };
      case '$integer':
        return { integerValue: BigInt(String(x)).toString() };
      case '$map':
        return { mapValue: { fields: jsonToFields(x as { [k: string]: Json }, root) } };
      default:
        throw new Error(`Unknown type tag "${tag}" in JSON data`);
    }
  }
  return { mapValue: { fields: jsonToFields(j, root) } };
}

/** Decodes a JSON object into document fields. */
export function jsonToFields(obj: { [k: string]: Json }, root: string): Record<string, Value> {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('Document data must be a JSON object');
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = jsonToValue(v, root);
  return out;
}
