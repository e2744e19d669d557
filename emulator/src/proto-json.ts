/**
 * The proto3 JSON mapping (https://protobuf.dev/programming-guides/json/) of
 * google.firestore.v1 messages, to and from the object shape the gRPC
 * handlers use (types.ts: proto-loader's shape — int64 as strings, enums as
 * names, bytes as Buffers, Timestamps as {seconds, nanos}, the chosen oneof
 * member named in a virtual property).
 *
 * Why by hand over protobufjs reflection: protobufjs's fromObject/toObject
 * implement its own object form, not the proto3 JSON mapping — Timestamps
 * would be objects instead of RFC 3339 strings, wrapper types
 * (Int32Value limit) objects instead of bare numbers, NullValue a number.
 * Walking the same descriptors the gRPC side loads keeps one source of
 * truth for field names and types.
 */
import * as protobuf from 'protobufjs';
import { fromIsoString, toIsoString, toTimestamp, fromTimestamp } from './clock';
import { invalidArgument } from './errors';
import { firestoreDescriptor } from './proto-descriptor';
import type { Timestamp } from './types';

let root: protobuf.Root | undefined;

/** A message type of google.firestore.v1 by short name (`CommitRequest`), or any type by full name (`google.protobuf.Empty`). */
export function firestoreType(name: string): protobuf.Type {
  if (!root) {
    root = protobuf.Root.fromJSON(firestoreDescriptor() as protobuf.INamespace);
    root.resolveAll();
  }
  return root.lookupType(name.includes('.') ? name : `google.firestore.v1.${name}`);
}

const WRAPPERS = new Set(['Int32Value', 'Int64Value', 'UInt32Value', 'UInt64Value', 'DoubleValue', 'FloatValue', 'BoolValue', 'StringValue', 'BytesValue']);
const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

type Obj = Record<string, unknown>;

/** Decodes a proto3 JSON object of `type` into the handlers' object shape; INVALID_ARGUMENT on a shape error. */
export function fromJson(type: protobuf.Type, json: unknown, where = type.name): Obj {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw invalidArgument(`${where}: expected a JSON object`);
  const out: Obj = {};
  for (const [key, value] of Object.entries(json as Obj)) {
    const field = type.fields[key] ?? Object.values(type.fields).find((f) => f.name === key || snake(f.name) === key);
    if (!field) throw invalidArgument(`${where}: unknown field "${key}"`);
    if (value === null && !(field.resolvedType instanceof protobuf.Enum && field.resolvedType.name === 'NullValue')) continue;
    const at = `${where}.${field.name}`;
    if (field.map) {
      const m: Obj = {};
      for (const [k, v] of Object.entries(value as Obj)) m[k] = scalarFrom(field, v, `${at}.${k}`);
      out[field.name] = m;
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw invalidArgument(`${at}: expected an array`);
      out[field.name] = value.map((v, i) => scalarFrom(field, v, `${at}[${i}]`));
    } else {
      out[field.name] = scalarFrom(field, value, at);
    }
    if (field.partOf) out[field.partOf.name] = field.name;
  }
  return out;
}

function scalarFrom(field: protobuf.Field, v: unknown, at: string): unknown {
  const t = field.resolvedType;
  if (t instanceof protobuf.Enum) {
    if (t.name === 'NullValue') return 'NULL_VALUE';
    if (typeof v === 'number') return t.valuesById[v] ?? v;
    if (typeof v !== 'string' || !(v in t.values)) throw invalidArgument(`${at}: invalid enum value ${JSON.stringify(v)}`);
    return v;
  }
  if (t instanceof protobuf.Type) {
    if (t.fullName === '.google.protobuf.Timestamp') {
      if (typeof v !== 'string') throw invalidArgument(`${at}: expected an RFC 3339 timestamp string`);
      try {
        return toTimestamp(fromIsoString(v));
      } catch {
        throw invalidArgument(`${at}: invalid timestamp "${v}"`);
      }
    }
    if (WRAPPERS.has(t.name) && t.fullName.startsWith('.google.protobuf.')) return { value: scalarOf(t.fields.value!.type, v, at) };
    if (t.fullName === '.google.protobuf.Empty') return {};
    return fromJson(t, v, at);
  }
  return scalarOf(field.type, v, at);
}

function scalarOf(type: string, v: unknown, at: string): unknown {
  if (type === 'bytes') {
    if (typeof v !== 'string') throw invalidArgument(`${at}: expected base64 bytes`);
    return Buffer.from(v, 'base64');
  }
  if (INT64.has(type)) {
    if (typeof v !== 'string' && typeof v !== 'number') throw invalidArgument(`${at}: expected an integer`);
    if (!/^-?\d+$/.test(String(v))) throw invalidArgument(`${at}: expected an integer, got ${JSON.stringify(v)}`);
    return String(v);
  }
  if (type === 'double' || type === 'float') {
    if (typeof v === 'number') return v;
    if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
    throw invalidArgument(`${at}: expected a number`);
  }
  if (type === 'int32' || type === 'uint32' || type === 'sint32' || type === 'fixed32' || type === 'sfixed32') {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidArgument(`${at}: expected an integer`);
    return n;
  }
  if (type === 'bool') {
    if (typeof v !== 'boolean') throw invalidArgument(`${at}: expected true or false`);
    return v;
  }
  if (typeof v !== 'string') throw invalidArgument(`${at}: expected a string`);
  return v;
}

/** Encodes a handler-shaped object of `type` as proto3 JSON (unset fields omitted). */
export function toJson(type: protobuf.Type, obj: unknown): Obj {
  const out: Obj = {};
  const o = obj as Obj;
  for (const field of type.fieldsArray) {
    const v = o[field.name];
    if (v === undefined || v === null) continue;
    if (field.map) {
      const m: Obj = {};
      for (const [k, x] of Object.entries(v as Obj)) m[k] = scalarTo(field, x);
      out[field.name] = m;
    } else if (field.repeated) {
      out[field.name] = (v as unknown[]).map((x) => scalarTo(field, x));
    } else {
      out[field.name] = scalarTo(field, v);
    }
  }
  return out;
}

function scalarTo(field: protobuf.Field, v: unknown): unknown {
  const t = field.resolvedType;
  if (t instanceof protobuf.Enum) {
    if (t.name === 'NullValue') return null;
    return typeof v === 'number' ? t.valuesById[v] : v;
  }
  if (t instanceof protobuf.Type) {
    if (t.fullName === '.google.protobuf.Timestamp') return toIsoString(fromTimestamp(v as Timestamp));
    if (WRAPPERS.has(t.name) && t.fullName.startsWith('.google.protobuf.')) return scalarToPlain(t.fields.value!.type, (v as Obj).value);
    return toJson(t, v);
  }
  return scalarToPlain(field.type, v);
}

function scalarToPlain(type: string, v: unknown): unknown {
  if (type === 'bytes') return typeof v === 'string' ? v : Buffer.from(v as Uint8Array).toString('base64');
  if (INT64.has(type)) return String(v);
  if ((type === 'double' || type === 'float') && typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
