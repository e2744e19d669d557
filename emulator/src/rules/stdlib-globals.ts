/**
 * Global functions and namespaces of the rules standard library
 * (https://firebase.google.com/docs/reference/rules/rules: string(), int(),
 * float(), path(), debug(); rules.math, rules.hashing, rules.latlng;
 * timestamp/duration in stdlib-time.ts). get/exists/getAfter/existsAfter
 * read documents and live in the evaluator.
 *
 * Hashes return bytes, as the reference states. crc32/crc32c come from the
 * `crc-32` package (Node's crypto has no CRC-32C).
 */
import { createHash } from 'node:crypto';
import CRC32 from 'crc-32';
import CRC32C from 'crc-32/crc32c';
import { argError, timeGlobal } from './stdlib-time';
import { checkInt, INT64_MIN, RBytes, RError, RLatLng, RPath, show, typeName, type Result, type RVal } from './values';

/** Identifiers that name a namespace of functions when not shadowed by a variable. */
export const NAMESPACES = new Set(['math', 'hashing', 'timestamp', 'duration', 'latlng']);

/** Every callable global name (namespaced ones as `ns.fn`), for the compiler's check. */
export const GLOBAL_NAMES = new Set([
  'get', 'getAfter', 'exists', 'existsAfter', 'string', 'int', 'float', 'path', 'debug',
  'math.abs', 'math.ceil', 'math.floor', 'math.round', 'math.sqrt', 'math.pow', 'math.isInfinite', 'math.isNaN',
  'hashing.md5', 'hashing.sha256', 'hashing.crc32', 'hashing.crc32c',
  'timestamp.value', 'timestamp.date', 'duration.value', 'duration.time', 'duration.abs', 'latlng.value',
]);

function num(v: RVal | undefined): number | null {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null;
}

function toInt(x: number): bigint | RError {
  if (!Number.isFinite(x)) return new RError(`Cannot convert ${x} to int`);
  return checkInt(BigInt(Math.trunc(x)));
}

function int32be(n: number): RBytes {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return new RBytes(b);
}

/** Calls a global function by (possibly namespaced) name. */
export function callGlobal(name: string, args: RVal[]): Result {
  const a = args[0];
  const one = args.length === 1;
  const timed = timeGlobal(name, args);
  if (timed !== undefined) return timed;
  switch (name) {
    case 'debug': return one ? a! : argError(name, args);
    case 'string':
      if (!one) break;
      if (a === null || typeof a === 'boolean' || typeof a === 'bigint' || typeof a === 'number' || typeof a === 'string' || a instanceof RPath) return show(a);
      break;
    case 'int':
      if (!one) break;
      if (typeof a === 'bigint') return a;
      if (typeof a === 'number') return toInt(a);
      if (typeof a === 'string' && /^[-+]?\d+$/.test(a.trim())) return checkInt(BigInt(a.trim()));
      return new RError(`Cannot convert ${typeName(a!)} '${show(a!)}' to int`);
    case 'float':
      if (!one) break;
      if (typeof a === 'number') return a;
      if (typeof a === 'bigint') return Number(a);
      if (typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a))) return Number(a);
      return new RError(`Cannot convert ${typeName(a!)} to float`);
    case 'path':
      if (one && typeof a === 'string') return new RPath(a.split('/').filter((s) => s !== ''));
      break;
    case 'latlng.value': {
      const [lat, lng] = [num(args[0]), num(args[1])];
      if (lat === null || lng === null || args.length !== 2) break;
      if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return new RError('latlng out of range');
      return new RLatLng(lat, lng);
    }
    default:
      if (name.startsWith('math.')) return math(name, args);
      if (name.startsWith('hashing.')) return hashing(name, args);
  }
  return argError(name, args);
}

function math(name: string, args: RVal[]): Result {
  const a = args[0];
  const x = num(a);
  if (name === 'math.pow') {
    const y = num(args[1]);
    return x === null || y === null || args.length !== 2 ? argError(name, args) : Math.pow(x, y);
  }
  if (x === null || args.length !== 1) return argError(name, args);
  switch (name) {
    case 'math.abs':
      if (typeof a === 'bigint') return a === INT64_MIN ? new RError('Integer overflow') : a < 0n ? -a : a;
      return Math.abs(x);
    case 'math.ceil': return typeof a === 'bigint' ? a : toInt(Math.ceil(x));
    case 'math.floor': return typeof a === 'bigint' ? a : toInt(Math.floor(x));
    case 'math.round': return typeof a === 'bigint' ? a : toInt(x < 0 ? -Math.round(-x) : Math.round(x)); // half away from zero
    case 'math.sqrt': return x < 0 ? new RError('sqrt of a negative number') : Math.sqrt(x);
    case 'math.isInfinite': return typeof a === 'number' ? !Number.isFinite(a) && !Number.isNaN(a) : argError(name, args);
    case 'math.isNaN': return typeof a === 'number' ? Number.isNaN(a) : argError(name, args);
    default: return argError(name, args);
  }
}

function hashing(name: string, args: RVal[]): Result {
  const a = args[0];
  if (args.length !== 1) return argError(name, args);
  const data = typeof a === 'string' ? Buffer.from(a, 'utf8') : a instanceof RBytes ? Buffer.from(a.bytes) : null;
  if (!data) return argError(name, args);
  switch (name) {
    case 'hashing.md5': return new RBytes(createHash('md5').update(data).digest());
    case 'hashing.sha256': return new RBytes(createHash('sha256').update(data).digest());
    case 'hashing.crc32': return int32be(CRC32.buf(data));
    case 'hashing.crc32c': return int32be(CRC32C.buf(data));
    default: return argError(name, args);
  }
}

