/**
 * Field paths of the embedded Firestore emulator: parsing and canonical form
 * of dotted/backticked paths, and copy-on-write field access on documents
 * (read, set, delete), on the proto-loader wire shape from ./types.
 */
import type { Value } from './types';
import { QueryError, valueKind } from './values';

const SIMPLE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Splits a field path into segments. Segments are separated by `.`; a segment
 * wrapped in backticks may contain any character, with `\` escaping the next
 * one (e.g. a.`b.c`.d -> ['a', 'b.c', 'd']). Unquoted segments are accepted
 * leniently (anything but `.` and backtick). Throws QueryError when malformed.
 */
export function parseFieldPath(path: string): string[] {
  const segs: string[] = [];
  let i = 0;
  if (path === '') throw new QueryError('Field path must not be empty');
  for (;;) {
    let seg = '';
    if (path[i] === '`') {
      i++;
      let closed = false;
      while (i < path.length) {
        const c = path[i++]!;
        if (c === '`') { closed = true; break; }
        if (c === '\\') {
          if (i >= path.length) break;
          seg += path[i++];
        } else seg += c;
      }
      if (!closed) throw new QueryError(`Unterminated backtick in field path: ${path}`);
    } else {
      while (i < path.length && path[i] !== '.') {
        if (path[i] === '`') throw new QueryError(`Invalid field path: ${path}`);
        seg += path[i++];
      }
    }
    if (seg === '') throw new QueryError(`Empty segment in field path: ${path}`);
    segs.push(seg);
    if (i >= path.length) return segs;
    if (path[i] !== '.') throw new QueryError(`Invalid field path: ${path}`);
    i++;
    if (i >= path.length) throw new QueryError(`Field path must not end with '.': ${path}`);
  }
}

/** The canonical string of a path: simple segments bare, others backtick-quoted. */
export function canonicalFieldPath(path: string | readonly string[]): string {
  const segs = typeof path === 'string' ? parseFieldPath(path) : path;
  return segs
    .map((s) => (SIMPLE_SEGMENT.test(s) ? s : '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`'))
    .join('.');
}

/**
 * Reads a (possibly nested) field. `__name__` as the whole path yields the
 * document's name as a referenceValue when `docName` is given. Returns
 * undefined when any segment is missing or an intermediate is not a map.
 */
export function getField(
  fields: Record<string, Value> | undefined,
  path: string | readonly string[],
  docName?: string,
): Value | undefined {
  const segs = typeof path === 'string' ? parseFieldPath(path) : path;
  if (segs.length === 1 && segs[0] === '__name__' && docName !== undefined) return { referenceValue: docName };
  let cur: Record<string, Value> | undefined = fields;
  for (let i = 0; i < segs.length; i++) {
    if (!cur || !Object.prototype.hasOwnProperty.call(cur, segs[i]!)) return undefined;
    const v: Value = cur[segs[i]!]!;
    if (i === segs.length - 1) return v;
    if (valueKind(v) !== 'mapValue') return undefined;
    cur = v.mapValue?.fields;
  }
  return undefined;
}

/**
 * Returns a copy of `fields` with the field at `path` set to `value`, creating
 * (or replacing non-map) intermediate maps as an update mask does. Does not
 * mutate its input; untouched subtrees are shared with it.
 */
export function setField(
  fields: Record<string, Value> | undefined,
  path: string | readonly string[],
  value: Value,
): Record<string, Value> {
  const segs = typeof path === 'string' ? parseFieldPath(path) : path;
  const out: Record<string, Value> = { ...fields };
  const [head, ...rest] = segs;
  if (head === undefined) throw new QueryError('Field path must not be empty');
  if (rest.length === 0) {
    out[head] = value;
    return out;
  }
  const cur = out[head];
  const child = cur && valueKind(cur) === 'mapValue' ? cur.mapValue?.fields : undefined;
  out[head] = { mapValue: { fields: setField(child, rest, value) } };
  return out;
}

/**
 * Returns `fields` without the field at `path` (an emptied parent map is kept,
 * like Firestore). Does not mutate its input; returns the same object when the
 * field does not exist.
 */
export function deleteField(
  fields: Record<string, Value> | undefined,
  path: string | readonly string[],
): Record<string, Value> {
  const segs = typeof path === 'string' ? parseFieldPath(path) : path;
  const base = fields ?? {};
  const [head, ...rest] = segs;
  if (head === undefined || !Object.prototype.hasOwnProperty.call(base, head)) return base;
  if (rest.length === 0) {
    const { [head]: _removed, ...out } = base;
    return out;
  }
  const cur = base[head]!;
  if (valueKind(cur) !== 'mapValue') return base;
  const before = cur.mapValue?.fields;
  if (before === undefined) return base;
  const after = deleteField(before, rest);
  if (after === before) return base;
  return { ...base, [head]: { mapValue: { fields: after } } };
}
