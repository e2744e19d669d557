/**
 * Before/after of an audit entry as rows of changed leaves. Pure: objects are
 * flattened to dotted paths (arrays as whole values, since roles or labels
 * read better as one list), then compared by JSON text. Values arrive already
 * redacted by the API; this only lays them side by side.
 */
export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  kind: DiffKind;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flatten nested objects into `a.b.c` → leaf value. */
export function flatten(value: unknown, prefix = '', into: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) into.set(prefix, {});
    for (const key of keys) flatten(value[key], prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into.set(prefix, value);
  }
  return into;
}

/** Rows for every path in either snapshot, sorted by path; unchanged rows only when `includeSame`. */
export function diffSnapshots(before: unknown, after: unknown, includeSame = false): DiffRow[] {
  const left = flatten(before);
  const right = flatten(after);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  const rows: DiffRow[] = [];
  for (const path of paths) {
    const inLeft = left.has(path);
    const inRight = right.has(path);
    const a = left.get(path);
    const b = right.get(path);
    const kind: DiffKind = !inLeft ? 'added' : !inRight ? 'removed' : JSON.stringify(a) === JSON.stringify(b) ? 'same' : 'changed';
    if (kind !== 'same' || includeSame) rows.push({ path, before: a, after: b, kind });
  }
  return rows;
}

/** A value as short text for a table cell. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
