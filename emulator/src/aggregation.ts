/**
 * Aggregation queries (count, sum, avg) over the documents a structured
 * query selects. Pure, like the query engine it builds on.
 */
import type { Document, StructuredAggregationQuery, Value } from './types';
import { getField, parseFieldPath } from './field-paths';
import { executeQuery } from './query';
import { QueryError, toBigInt, toNumber, valueKind } from './values';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Firestore's limit on aggregations in one request. */
export const MAX_AGGREGATIONS = 5;

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

function* filtered(docs: Iterable<Document>, keep: (d: Document) => boolean): Iterable<Document> {
  for (const d of docs) if (keep(d)) yield d;
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
  if (aggs.length > MAX_AGGREGATIONS) {
    throw new QueryError(`Aggregation query exceeds the maximum number of aggregations (${MAX_AGGREGATIONS}); it has ${aggs.length}`);
  }
  // Production serves an aggregation from the indexes of its fields, so only
  // documents having every sum/avg field take part — in every aggregation of
  // the request, count included (upstream "performs aggregations on documents
  // with all aggregated fields": count 3, not 4). Any value type counts as
  // present; sum and avg then skip non-numeric values. Applied before the
  // query, so a limit counts only such documents, as an index scan would.
  const fieldSegs = aggs.map((a) => (a.sum ?? a.avg)?.field?.fieldPath).filter((p): p is string => Boolean(p)).map((p) => parseFieldPath(p));
  const hasAll = (d: Document): boolean => fieldSegs.every((segs) => getField(d.fields, segs, d.name) !== undefined);
  const rows = executeQuery(parent, saq.structuredQuery, fieldSegs.length === 0 ? docs : filtered(docs, hasAll), { project: false });
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
