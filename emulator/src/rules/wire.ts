/**
 * Conversion from the emulator's wire shapes (../types) to rules values.
 * Maps convert lazily (RMap reads a field the first time an expression asks
 * for it), so a rule reading `resource.data.uid` converts one field, not the
 * whole document: rules must add little to a get.
 */
import type { Document, Timestamp, Value } from '../types';
import { RBytes, RLatLng, RMap, RPath, RTimestamp, type RVal } from './values';

/** Converts one wire Value. */
export function fromWire(v: Value): RVal {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.integerValue !== undefined) return typeof v.integerValue === 'number' ? BigInt(Math.trunc(v.integerValue)) : BigInt(v.integerValue);
  if (v.booleanValue !== undefined) return v.booleanValue;
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (v.mapValue !== undefined) return new RMap(null, v.mapValue.fields ?? {}, fromWire);
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(fromWire);
  if (v.timestampValue !== undefined) return timestampFromWire(v.timestampValue);
  if (v.nullValue !== undefined) return null;
  if (v.referenceValue !== undefined) return pathFromName(v.referenceValue);
  if (v.bytesValue !== undefined) {
    const b = v.bytesValue;
    return new RBytes(typeof b === 'string' ? Buffer.from(b, 'base64') : b);
  }
  if (v.geoPointValue !== undefined) return new RLatLng(v.geoPointValue.latitude ?? 0, v.geoPointValue.longitude ?? 0);
  return null;
}

export function timestampFromWire(t: Timestamp): RTimestamp {
  return new RTimestamp(BigInt(t.seconds) * 1_000_000_000n + BigInt(t.nanos ?? 0));
}

/** `projects/p/databases/d/documents/a/b` → path `/databases/d/documents/a/b` (how rules see names). */
export function pathFromName(name: string): RPath {
  const segs = name.split('/');
  return new RPath(segs[0] === 'projects' ? segs.slice(2) : segs);
}

/** `resource` / `request.resource`: { data, id, __name__ } (reference: rules.firestore.Resource). */
export function resourceFromDocument(doc: Document): RMap {
  const name = pathFromName(doc.name);
  return RMap.of({
    data: new RMap(null, doc.fields ?? {}, fromWire),
    id: name.segments[name.segments.length - 1] ?? '',
    __name__: name,
  });
}

/** Converts decoded JSON (JWT claims): integral numbers become ints, as claims like `exp` are. */
export function fromJson(x: unknown): RVal {
  if (x === null || x === undefined) return null;
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return Number.isSafeInteger(x) ? BigInt(x) : x;
  if (Array.isArray(x)) return x.map(fromJson);
  if (typeof x === 'object') return new RMap(null, x as Record<string, unknown>, fromJson); // lazy, like documents
  return null;
}
