/**
 * The operators of the rules language on concrete values
 * (https://firebase.google.com/docs/rules/rules-language, operators; and the
 * per-type pages of https://firebase.google.com/docs/reference/rules/rules):
 * member access, indexing, ranges, comparison, `in`, arithmetic. A wrong
 * type, a missing key or an overflow is an error value, never a throw.
 */
import {
  checkInt, compare, equals, RDuration, RError, RMap, RPath, RSet, RTimestamp, typeName, type Result, type RVal,
} from './values';

export function typeError(op: string, a: RVal, b?: RVal): RError {
  return new RError(`Unsupported operation error. Received: ${b === undefined ? `${op}${typeName(a)}` : `${typeName(a)} ${op} ${typeName(b)}`}`);
}

/** `a.name`: map field access (missing key is an error), as the reference defines. */
export function member(o: RVal, name: string): Result {
  if (o instanceof RMap) {
    const v = o.get(name);
    return v === undefined ? new RError(`Property ${name} is undefined on object.`) : v;
  }
  if (o === null) return new RError(`Null value error. Cannot read '${name}' of null`);
  return new RError(`Property ${name} is undefined on object of type ${typeName(o)}.`);
}

function intIndex(i: RVal, len: number): number | RError {
  if (typeof i !== 'bigint') return new RError(`Index must be an int, got ${typeName(i)}`);
  if (i < 0n || i >= BigInt(len)) return new RError(`Index ${i} out of range`);
  return Number(i);
}

/** `a[k]`: map by string key, list by int, path by int segment. */
export function index(o: RVal, k: RVal): Result {
  if (o instanceof RMap) {
    if (typeof k !== 'string') return new RError(`Map keys are strings, got ${typeName(k)}`);
    return member(o, k);
  }
  if (Array.isArray(o)) {
    const n = intIndex(k, o.length);
    return n instanceof RError ? n : o[n]!;
  }
  if (o instanceof RPath) {
    if (typeof k === 'string') return new RError('Named path segments are only available through path.bind');
    const n = intIndex(k, o.segments.length);
    return n instanceof RError ? n : o.segments[n]!;
  }
  if (o === null) return new RError('Null value error.');
  return new RError(`Cannot index ${typeName(o)}`);
}

export function slice(o: RVal, lo: RVal, hi: RVal): Result {
  if (typeof lo !== 'bigint' || typeof hi !== 'bigint') return new RError('Range bounds must be ints');
  const len = Array.isArray(o) ? o.length : typeof o === 'string' ? o.length : -1;
  if (len < 0) return new RError(`Cannot take a range of ${typeName(o)}`);
  if (lo < 0n || hi > BigInt(len) || lo > hi) return new RError(`Range [${lo}:${hi}] out of bounds`);
  return Array.isArray(o) ? o.slice(Number(lo), Number(hi)) : (o as string).slice(Number(lo), Number(hi));
}

/** Every non-logical binary operator on concrete values. */
export function binaryOp(op: string, l: RVal, r: RVal): Result {
  switch (op) {
    case '==': return equals(l, r);
    case '!=': return !equals(l, r);
    case '<': case '<=': case '>': case '>=': {
      const c = compare(l, r);
      if (c === null) return typeError(op, l, r);
      if (Number.isNaN(c)) return false;
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
    case 'in': {
      if (r instanceof RMap) return typeof l === 'string' ? r.has(l) : typeError(op, l, r);
      if (Array.isArray(r)) return r.some((x) => equals(x, l));
      if (r instanceof RSet) return r.has(l);
      return typeError(op, l, r);
    }
    default: return arith(op, l, r);
  }
}

function arith(op: string, l: RVal, r: RVal): Result {
  if (typeof l === 'bigint' && typeof r === 'bigint') {
    if ((op === '/' || op === '%') && r === 0n) return new RError('Division by zero');
    const v = op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r;
    return checkInt(v);
  }
  if ((typeof l === 'number' || typeof l === 'bigint') && (typeof r === 'number' || typeof r === 'bigint')) {
    const a = Number(l);
    const b = Number(r);
    return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  }
  if (op === '+') {
    if (typeof l === 'string' && typeof r === 'string') return l + r;
    if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
    if (l instanceof RTimestamp && r instanceof RDuration) return new RTimestamp(l.nanos + r.nanos);
    if (l instanceof RDuration && r instanceof RTimestamp) return new RTimestamp(l.nanos + r.nanos);
    if (l instanceof RDuration && r instanceof RDuration) return new RDuration(l.nanos + r.nanos);
  }
  if (op === '-') {
    if (l instanceof RTimestamp && r instanceof RDuration) return new RTimestamp(l.nanos - r.nanos);
    if (l instanceof RTimestamp && r instanceof RTimestamp) return new RDuration(l.nanos - r.nanos);
    if (l instanceof RDuration && r instanceof RDuration) return new RDuration(l.nanos - r.nanos);
  }
  return typeError(op, l, r);
}

