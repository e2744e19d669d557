/**
 * Methods of the rules standard library, by receiver type
 * (https://firebase.google.com/docs/reference/rules/rules.String, .List,
 * .Map, .Set, .Bytes, .Timestamp, .Duration, .LatLng, .MapDiff).
 * A wrong receiver or argument type is an error value, never a throw.
 *
 * `METHOD_NAMES` lets the compiler refuse a method no type has (an
 * unsupported construct fails at load time, never at evaluation).
 */
import { compileRegex } from './regex';
import { timestampMethod, TIMESTAMP_METHODS } from './stdlib-time';
import {
  equals, RBytes, RDuration, RError, RLatLng, RMap, RMapDiff, RSet, RTimestamp, typeName, type Result, type RVal,
} from './values';

const COMMON = ['size'];
const STRING = ['lower', 'upper', 'trim', 'matches', 'split', 'replace', 'toUtf8'];
const LIST = ['hasAll', 'hasAny', 'hasOnly', 'join', 'concat', 'removeAll', 'toSet'];
const MAP = ['keys', 'values', 'get', 'diff'];
const SET = ['union', 'intersection', 'difference'];
const BYTES = ['toBase64', 'toHexString'];
const DURATION = ['seconds', 'nanos'];
const LATLNG = ['distance', 'latitude', 'longitude'];
const DIFF = ['addedKeys', 'removedKeys', 'changedKeys', 'affectedKeys', 'unchangedKeys'];

/** Every method name some type supports. */
export const METHOD_NAMES = new Set([
  ...COMMON, ...STRING, ...LIST, ...MAP, ...SET, ...BYTES, ...DURATION, ...LATLNG, ...DIFF, ...TIMESTAMP_METHODS,
]);

function bad(recv: RVal, name: string, args: RVal[]): RError {
  return new RError(`Function not found error: Name: [${name}] on ${typeName(recv)} with ${args.length} argument(s) (${args.map(typeName).join(', ')})`);
}

/** Items of a list or set argument. */
function items(v: RVal | undefined): RVal[] | null {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.values();
  return null;
}

/** Calls `recv.name(args)`. */
export function callMethod(recv: RVal, name: string, args: RVal[]): Result {
  const a0 = args[0];
  if (typeof recv === 'string') return stringMethod(recv, name, args);
  if (Array.isArray(recv) || recv instanceof RSet) {
    const own = Array.isArray(recv) ? recv : recv.values();
    if (name === 'size' && args.length === 0) return BigInt(own.length);
    const other = items(a0);
    if (other && args.length === 1) {
      const has = (x: RVal): boolean => own.some((y) => equals(x, y));
      if (name === 'hasAll') return other.every(has);
      if (name === 'hasAny') return other.some(has);
      if (name === 'hasOnly') return own.every((x) => other.some((y) => equals(x, y)));
    }
    if (Array.isArray(recv)) return listMethod(recv, name, args);
    return setMethod(recv, name, args);
  }
  if (recv instanceof RMap) return mapMethod(recv, name, args);
  if (recv instanceof RBytes && args.length === 0) {
    const b = Buffer.from(recv.bytes);
    if (name === 'size') return BigInt(b.length);
    if (name === 'toBase64') return b.toString('base64');
    if (name === 'toHexString') return b.toString('hex').toUpperCase();
  }
  if (recv instanceof RTimestamp) return timestampMethod(recv, name, args);
  if (recv instanceof RDuration && args.length === 0) {
    if (name === 'seconds') return recv.nanos / 1_000_000_000n;
    if (name === 'nanos') return recv.nanos % 1_000_000_000n;
  }
  if (recv instanceof RLatLng) {
    if (name === 'latitude' && args.length === 0) return recv.lat;
    if (name === 'longitude' && args.length === 0) return recv.lng;
    if (name === 'distance' && a0 instanceof RLatLng) return haversineMeters(recv, a0);
  }
  if (recv instanceof RMapDiff && args.length === 0) return diffMethod(recv, name) ?? bad(recv, name, args);
  return bad(recv, name, args);
}

function stringMethod(s: string, name: string, args: RVal[]): Result {
  const [a0, a1] = args;
  if (args.length === 0) {
    if (name === 'size') return BigInt([...s].length);
    if (name === 'lower') return s.toLowerCase();
    if (name === 'upper') return s.toUpperCase();
    if (name === 'trim') return s.trim();
    if (name === 'toUtf8') return new RBytes(Buffer.from(s, 'utf8'));
  }
  if (typeof a0 === 'string' && args.length === 1) {
    const re = compileRegex(a0);
    if (re instanceof RError) return re;
    if (name === 'matches') return re.matches(s);
    if (name === 'split') return re.split(s, -1);
  }
  if (name === 'replace' && typeof a0 === 'string' && typeof a1 === 'string' && args.length === 2) {
    const re = compileRegex(a0);
    if (re instanceof RError) return re;
    return re.matcher(s).replaceAll(a1);
  }
  return bad(s, name, args);
}

function listMethod(l: RVal[], name: string, args: RVal[]): Result {
  const a0 = args[0];
  if (name === 'join' && args.length <= 1) {
    const sep = a0 === undefined ? '' : a0;
    if (typeof sep !== 'string' || !l.every((x) => typeof x === 'string')) return new RError('join() needs a list of strings and a string separator');
    return l.join(sep);
  }
  if (name === 'concat' && Array.isArray(a0) && args.length === 1) return [...l, ...a0];
  if (name === 'removeAll' && Array.isArray(a0) && args.length === 1) return l.filter((x) => !a0.some((y) => equals(x, y)));
  if (name === 'toSet' && args.length === 0) return new RSet(l);
  return bad(l, name, args);
}

function setMethod(s: RSet, name: string, args: RVal[]): Result {
  const o = args[0];
  if (!(o instanceof RSet) || args.length !== 1) return bad(s, name, args);
  if (name === 'union') return new RSet([...s.values(), ...o.values()]);
  if (name === 'intersection') return new RSet(s.values().filter((x) => o.has(x)));
  if (name === 'difference') return new RSet(s.values().filter((x) => !o.has(x)));
  return bad(s, name, args);
}

function mapMethod(m: RMap, name: string, args: RVal[]): Result {
  const [a0, a1] = args;
  if (args.length === 0) {
    if (name === 'size') return BigInt(m.size);
    if (name === 'keys') return m.keys();
    if (name === 'values') return m.keys().map((k) => m.get(k)!);
  }
  if (name === 'get' && args.length === 2) {
    // key may be a string or a list of strings (a path into nested maps)
    const path = typeof a0 === 'string' ? [a0] : Array.isArray(a0) && a0.every((x) => typeof x === 'string') ? (a0 as string[]) : null;
    if (!path) return new RError('get() key must be a string or a list of strings');
    let cur: RVal = m;
    for (const k of path) {
      if (!(cur instanceof RMap)) return a1!;
      const next = cur.get(k);
      if (next === undefined) return a1!;
      cur = next;
    }
    return cur;
  }
  if (name === 'diff' && a0 instanceof RMap && args.length === 1) return new RMapDiff(m, a0);
  return bad(m, name, args);
}

/** `a.diff(b)`: keys of b not in a are added, of a not in b removed (reference: rules.MapDiff). */
function diffMethod(d: RMapDiff, name: string): RSet | null {
  const lk = d.left.keys();
  const rk = d.right.keys();
  const changed = (k: string): boolean => !equals(d.left.get(k)!, d.right.get(k)!);
  const added = rk.filter((k) => !d.left.has(k));
  const removed = lk.filter((k) => !d.right.has(k));
  const common = lk.filter((k) => d.right.has(k));
  switch (name) {
    case 'addedKeys': return new RSet(added);
    case 'removedKeys': return new RSet(removed);
    case 'changedKeys': return new RSet(common.filter(changed));
    case 'unchangedKeys': return new RSet(common.filter((k) => !changed(k)));
    case 'affectedKeys': return new RSet([...added, ...removed, ...common.filter(changed)]);
    default: return null;
  }
}

const EARTH_RADIUS_M = 6_371_000; // mean radius; the reference does not state which one it uses

function haversineMeters(a: RLatLng, b: RLatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
