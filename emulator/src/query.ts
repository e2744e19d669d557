/**
 * Server-free query engine: evaluates a google.firestore.v1.StructuredQuery
 * (and aggregations over it) against an in-memory set of documents with
 * Firestore's semantics for scoping, filters, implicit ordering, cursors,
 * offset/limit and projection. Pure: no I/O, no mutation of inputs.
 */
import type {
  Cursor, Document, Filter, FieldFilter, StructuredAggregationQuery, StructuredQuery, UnaryFilter, Value,
} from './types';
import {
  QueryError, arrayValues, canonicalFieldPath, compareUtf8, compareValues, getField, isArray,
  isNaNValue, isNullValue, parseFieldPath, setField, toBigInt, toNumber, typeOrder, valueKind, valuesEqual,
} from './values';

export { QueryError };

type Pred = (doc: Document) => boolean;

/** One resolved sort key of the normalized order. */
interface OrderKey {
  segs: string[];
  canonical: string;
  desc: boolean;
}

/** A query compiled once and applied to many documents (e.g. by Listen). */
export interface PreparedQuery {
  /** Whether `doc` is in scope of `from` under the parent and satisfies `where`. */
  matches(doc: Document): boolean;
  /** The normalized order: explicit orders, implicit inequality orders, `__name__`. */
  readonly orderBy: ReadonlyArray<{ fieldPath: string; direction: 'ASCENDING' | 'DESCENDING' }>;
  /** Runs the full pipeline; `project` (default true) applies `select`. */
  run(docs: Iterable<Document>, project?: boolean): Document[];
}

const PARENT_RE = /^projects\/[^/]+\/databases\/[^/]+\/documents(?:\/(.+))?$/;
const RANGE_OPS = new Set(['LESS_THAN', 'LESS_THAN_OR_EQUAL', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL']);
const INEQUALITY_OPS = new Set([...RANGE_OPS, 'NOT_EQUAL', 'NOT_IN', 'IS_NOT_NULL', 'IS_NOT_NAN']);

const fieldGetter = (fieldPath: string | undefined): ((doc: Document) => Value | undefined) => {
  if (!fieldPath) throw new QueryError('Filter requires a field path');
  const segs = parseFieldPath(fieldPath);
  return (doc) => getField(doc.fields, segs, doc.name);
};

function requireArray(f: FieldFilter): Value[] {
  if (!f.value || !isArray(f.value) || arrayValues(f.value).length === 0) {
    throw new QueryError(`${f.op} filter requires a non-empty array value`);
  }
  return arrayValues(f.value);
}

function compileFieldFilter(f: FieldFilter, ineq: Set<string>): Pred {
  const get = fieldGetter(f.field?.fieldPath);
  const operand = f.value;
  if (!operand) throw new QueryError(`${f.op} filter requires a value`);
  if (INEQUALITY_OPS.has(f.op)) ineq.add(canonicalFieldPath(f.field.fieldPath));
  if (RANGE_OPS.has(f.op)) {
    // Range filters only match values of the operand's type class, compared in
    // the total order (so NaN, the smallest number, matches `< 5`).
    const t = typeOrder(operand);
    const test = {
      LESS_THAN: (c: number) => c < 0, LESS_THAN_OR_EQUAL: (c: number) => c <= 0,
      GREATER_THAN: (c: number) => c > 0, GREATER_THAN_OR_EQUAL: (c: number) => c >= 0,
    }[f.op as 'LESS_THAN']; // key guaranteed by RANGE_OPS
    return (doc) => {
      const v = get(doc);
      return v !== undefined && typeOrder(v) === t && test(compareValues(v, operand));
    };
  }
  switch (f.op) {
    case 'EQUAL':
      return (doc) => { const v = get(doc); return v !== undefined && valuesEqual(v, operand); };
    case 'NOT_EQUAL':
      // Missing fields and nulls never match `!=`.
      return (doc) => {
        const v = get(doc);
        return v !== undefined && !isNullValue(v) && !valuesEqual(v, operand);
      };
    case 'IN': {
      const list = requireArray(f);
      return (doc) => { const v = get(doc); return v !== undefined && list.some((e) => valuesEqual(v, e)); };
    }
    case 'NOT_IN': {
      const list = requireArray(f);
      // `not-in [..., null]` matches nothing; otherwise missing and null fields are excluded.
      if (list.some(isNullValue)) return () => false;
      return (doc) => {
        const v = get(doc);
        return v !== undefined && !isNullValue(v) && !list.some((e) => valuesEqual(v, e));
      };
    }
    case 'ARRAY_CONTAINS':
      return (doc) => {
        const v = get(doc);
        return v !== undefined && isArray(v) && arrayValues(v).some((e) => valuesEqual(e, operand));
      };
    case 'ARRAY_CONTAINS_ANY': {
      const list = requireArray(f);
      return (doc) => {
        const v = get(doc);
        return v !== undefined && isArray(v) && arrayValues(v).some((e) => list.some((x) => valuesEqual(e, x)));
      };
    }
    default:
      throw new QueryError(`Unsupported field filter operator: ${String(f.op)}`);
  }
}

function compileUnaryFilter(f: UnaryFilter, ineq: Set<string>): Pred {
  const get = fieldGetter(f.field?.fieldPath);
  if (INEQUALITY_OPS.has(f.op)) ineq.add(canonicalFieldPath(f.field.fieldPath));
  switch (f.op) {
    case 'IS_NULL': return (doc) => isNullValue(get(doc));
    case 'IS_NAN': return (doc) => isNaNValue(get(doc));
    // `!= null` / `!= NaN`: the field must exist and not be null / not be NaN
    // (nulls are also excluded from `!= NaN`, like any `!=`).
    case 'IS_NOT_NULL': return (doc) => { const v = get(doc); return v !== undefined && !isNullValue(v); };
    case 'IS_NOT_NAN':
      return (doc) => { const v = get(doc); return v !== undefined && !isNullValue(v) && !isNaNValue(v); };
    default: throw new QueryError(`Unsupported unary filter operator: ${String(f.op)}`);
  }
}

/** Compiles a filter tree into a predicate, collecting inequality field paths. */
function compileFilter(f: Filter, ineq: Set<string>): Pred {
  const kind = f.filterType ?? (f.compositeFilter ? 'compositeFilter' : f.fieldFilter ? 'fieldFilter' : 'unaryFilter');
  if (kind === 'fieldFilter' && f.fieldFilter) return compileFieldFilter(f.fieldFilter, ineq);
  if (kind === 'unaryFilter' && f.unaryFilter) return compileUnaryFilter(f.unaryFilter, ineq);
  if (kind === 'compositeFilter' && f.compositeFilter) {
    const { op } = f.compositeFilter;
    const parts = (f.compositeFilter.filters ?? []).map((c) => compileFilter(c, ineq));
    if (parts.length === 0) throw new QueryError('A composite filter must contain at least one filter');
    if (op === 'AND') return (doc) => parts.every((p) => p(doc));
    if (op === 'OR') return (doc) => parts.some((p) => p(doc));
    throw new QueryError(`Unsupported composite filter operator: ${String(op)}`);
  }
  throw new QueryError('Filter has no filter_type set');
}

/** Builds the scope test for `from` under `parent`. */
function compileScope(parent: string, q: StructuredQuery): Pred {
  const m = PARENT_RE.exec(parent);
  if (!m || (m[1] !== undefined && m[1].split('/').some((s) => s === ''))
    || (m[1] !== undefined && m[1].split('/').length % 2 !== 0)) {
    throw new QueryError(`Invalid query parent: ${parent}`);
  }
  if (!q.from || q.from.length !== 1) throw new QueryError('A query must have exactly one collection selector');
  const { collectionId = '', allDescendants = false } = q.from[0]!;
  if (!allDescendants && !collectionId) throw new QueryError('Collection id is required');
  const prefix = parent + '/';
  return (doc) => {
    if (!doc.name.startsWith(prefix)) return false;
    const rel = doc.name.slice(prefix.length).split('/');
    if (!allDescendants) return rel.length === 2 && rel[0] === collectionId;
    // Collection group; an empty id is the SDK's "kindless" all-descendants query.
    return rel.length % 2 === 0 && (collectionId === '' || rel[rel.length - 2] === collectionId);
  };
}

/** Explicit orders, then unordered inequality fields (lexicographic), then `__name__`. */
function normalizeOrders(q: StructuredQuery, ineq: Set<string>): OrderKey[] {
  const keys: OrderKey[] = [];
  const seen = new Set<string>();
  for (const o of q.orderBy ?? []) {
    if (!o.field?.fieldPath) throw new QueryError('orderBy requires a field path');
    const dir = o.direction ?? 'ASCENDING';
    if (!['ASCENDING', 'DESCENDING', 'DIRECTION_UNSPECIFIED'].includes(dir)) {
      throw new QueryError(`Unsupported order direction: ${dir}`);
    }
    const segs = parseFieldPath(o.field.fieldPath);
    const canonical = canonicalFieldPath(segs);
    if (seen.has(canonical)) throw new QueryError(`Field ${canonical} appears in orderBy more than once`);
    seen.add(canonical);
    keys.push({ segs, canonical, desc: dir === 'DESCENDING' });
  }
  const desc = keys.length > 0 && keys[keys.length - 1]!.desc;
  const implicit = [...ineq]
    .filter((c) => !seen.has(c) && c !== '__name__')
    .map((c) => parseFieldPath(c))
    .sort(compareSegments);
  for (const segs of implicit) keys.push({ segs, canonical: canonicalFieldPath(segs), desc });
  if (!seen.has('__name__')) keys.push({ segs: ['__name__'], canonical: '__name__', desc });
  return keys;
}

function compareSegments(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareUtf8(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Int32Value/number/undefined -> number; a present wrapper without value is 0 (proto3). */
function intParam(x: { value?: number } | number | undefined, what: string): number | undefined {
  if (x === undefined || x === null) return undefined;
  const n = typeof x === 'number' ? x : Number(x.value ?? 0);
  if (!Number.isInteger(n) || n < 0) throw new QueryError(`${what} must be a non-negative integer`);
  return n;
}

interface Row { doc: Document; keys: Value[] }

/** Compares a row's sort keys to a (possibly partial) cursor, honoring directions. */
function compareToCursor(row: Row, cursor: Value[], orders: OrderKey[]): number {
  for (let i = 0; i < cursor.length; i++) {
    const c = compareValues(row.keys[i]!, cursor[i]!);
    if (c !== 0) return orders[i]!.desc ? -c : c;
  }
  return 0;
}

function cursorValues(c: Cursor | undefined, orders: OrderKey[]): Value[] | undefined {
  if (!c) return undefined;
  const vals = c.values ?? [];
  if (vals.length > orders.length) throw new QueryError('Too many cursor values for the query order');
  vals.forEach((v, i) => {
    if (orders[i]!.canonical === '__name__' && valueKind(v) !== 'referenceValue') {
      throw new QueryError('Cursor values for __name__ must be document references');
    }
  });
  return vals;
}

function project(doc: Document, q: StructuredQuery): Document {
  const sel = q.select?.fields;
  if (!sel || sel.length === 0) return doc; // an empty projection returns every field
  let fields: Record<string, Value> = {};
  for (const ref of sel) {
    const segs = parseFieldPath(ref.fieldPath);
    if (segs.length === 1 && segs[0] === '__name__') continue;
    const v = getField(doc.fields, segs);
    if (v !== undefined) fields = setField(fields, segs, v);
  }
  return { ...doc, fields };
}

/** Compiles and validates a query against `parent`; throws QueryError if invalid. */
export function prepareQuery(parent: string, q: StructuredQuery): PreparedQuery {
  if ((q as { findNearest?: unknown }).findNearest) throw new QueryError('findNearest is not supported');
  const inScope = compileScope(parent, q);
  const ineq = new Set<string>();
  const where = q.where ? compileFilter(q.where, ineq) : () => true;
  const orders = normalizeOrders(q, ineq);
  const start = cursorValues(q.startAt, orders);
  const end = cursorValues(q.endAt, orders);
  const offset = intParam(q.offset, 'offset') ?? 0;
  const limit = intParam(q.limit, 'limit');
  for (const r of q.select?.fields ?? []) parseFieldPath(r.fieldPath); // validate eagerly
  const matches = (doc: Document): boolean => inScope(doc) && where(doc);

  const run = (docs: Iterable<Document>, doProject = true): Document[] => {
    let rows: Row[] = [];
    for (const doc of docs) {
      if (!matches(doc)) continue;
      const keys = orders.map((o) => getField(doc.fields, o.segs, doc.name));
      // A document lacking any ordered field is not in the result set.
      if (keys.every((k) => k !== undefined)) rows.push({ doc, keys: keys as Value[] });
    }
    rows.sort((a, b) => {
      for (let i = 0; i < orders.length; i++) {
        const c = compareValues(a.keys[i]!, b.keys[i]!);
        if (c !== 0) return orders[i]!.desc ? -c : c;
      }
      return 0;
    });
    // before=true: startAt (inclusive) / endBefore (exclusive);
    // before=false: startAfter (exclusive) / endAt (inclusive).
    if (start) rows = rows.filter((r) => (q.startAt!.before ? compareToCursor(r, start, orders) >= 0 : compareToCursor(r, start, orders) > 0));
    if (end) rows = rows.filter((r) => (q.endAt!.before ? compareToCursor(r, end, orders) < 0 : compareToCursor(r, end, orders) <= 0));
    rows = rows.slice(offset, limit === undefined ? undefined : offset + limit);
    return rows.map((r) => (doProject ? project(r.doc, q) : r.doc));
  };

  return {
    matches,
    orderBy: orders.map((o) => ({ fieldPath: o.canonical, direction: o.desc ? 'DESCENDING' : 'ASCENDING' })),
    run,
  };
}

// Listen calls documentMatches once per document per change; reuse compiled
// queries. Keyed by object identity, so callers must not mutate a query after
// passing it in (requests are decoded fresh, so the server never does).
const cache = new WeakMap<StructuredQuery, Map<string, PreparedQuery>>();

function prepared(parent: string, q: StructuredQuery): PreparedQuery {
  let byParent = cache.get(q);
  if (!byParent) cache.set(q, (byParent = new Map()));
  let p = byParent.get(parent);
  if (!p) byParent.set(parent, (p = prepareQuery(parent, q)));
  return p;
}

/**
 * Runs `q` under `parent` (`projects/p/databases/d/documents[/doc/path]`) over
 * `docs`, which may be every document of the database in any order. Returns the
 * ordered, cursor-bounded, offset/limited documents after `select` projection
 * (`opts.project: false` skips the projection). Throws QueryError if invalid.
 */
export function executeQuery(
  parent: string, q: StructuredQuery, docs: Iterable<Document>, opts?: { project?: boolean },
): Document[] {
  return prepared(parent, q).run(docs, opts?.project ?? true);
}

/**
 * Whether `doc` is in scope of the query's `from` under `parent` and satisfies
 * its `where`. Ordering, cursors and limits are not considered (nor whether the
 * doc has every orderBy field); re-run executeQuery for those.
 */
export function documentMatches(parent: string, q: StructuredQuery, doc: Document): boolean {
  return prepared(parent, q).matches(doc);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Sums numeric values: integers exactly, switching to double on any double or int64 overflow. */
function sumOf(values: Value[]): { value: Value; count: number; total: number } {
  let ints = 0n;
  let doubles = 0;
  let sawDouble = false;
  let count = 0;
  for (const v of values) {
    const k = valueKind(v);
    if (k === 'integerValue') ints += toBigInt(v);
    else if (k === 'doubleValue') { doubles += toNumber(v)!; sawDouble = true; } else continue;
    count++;
  }
  const total = Number(ints) + doubles;
  const isInt = !sawDouble && ints >= INT64_MIN && ints <= INT64_MAX;
  return { value: isInt ? { integerValue: ints.toString() } : { doubleValue: total }, count, total };
}

/**
 * Runs an aggregation query: the structured query's filters, order, cursors,
 * offset and limit select the documents, then each aggregation is computed.
 * count honors upTo; sum is an integerValue unless a double is summed or int64
 * overflows; avg is a doubleValue, or nullValue with no numeric inputs.
 * Non-numeric values are ignored by sum and avg. Returns alias -> value.
 */
export function executeAggregation(
  parent: string, saq: StructuredAggregationQuery, docs: Iterable<Document>,
): Record<string, Value> {
  if (!saq.structuredQuery) throw new QueryError('Aggregation requires a structured query');
  const aggs = saq.aggregations ?? [];
  if (aggs.length === 0) throw new QueryError('Aggregation query requires at least one aggregation');
  const rows = prepared(parent, saq.structuredQuery).run(docs, false);
  const out: Record<string, Value> = {};
  aggs.forEach((a, i) => {
    const alias = a.alias || `field_${i + 1}`;
    if (Object.prototype.hasOwnProperty.call(out, alias)) throw new QueryError(`Duplicate aggregation alias: ${alias}`);
    const op = a.operator ?? (a.count ? 'count' : a.sum ? 'sum' : a.avg ? 'avg' : undefined);
    if (op === 'count') {
      const upTo = a.count?.upTo ? BigInt(a.count.upTo.value ?? 0) : undefined;
      if (upTo !== undefined && upTo <= 0n) throw new QueryError('count upTo must be positive');
      const n = BigInt(rows.length);
      out[alias] = { integerValue: (upTo !== undefined && upTo < n ? upTo : n).toString() };
      return;
    }
    const fieldPath = op === 'sum' ? a.sum?.field?.fieldPath : op === 'avg' ? a.avg?.field?.fieldPath : undefined;
    if (!op || (op !== 'sum' && op !== 'avg')) throw new QueryError(`Unsupported aggregation: ${String(op)}`);
    if (!fieldPath) throw new QueryError(`${op} requires a field`);
    const segs = parseFieldPath(fieldPath);
    const vals = rows.map((d) => getField(d.fields, segs, d.name)).filter((v): v is Value => v !== undefined);
    const s = sumOf(vals);
    if (op === 'sum') out[alias] = s.value;
    else out[alias] = s.count === 0 ? { nullValue: 'NULL_VALUE' } : { doubleValue: s.total / s.count };
  });
  return out;
}
