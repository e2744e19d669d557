/**
 * Vector search: the nearest-neighbour stage of a StructuredQuery with
 * `findNearest`, applied after the query's filters. Pure.
 *
 * Semantics (Firestore docs "Search with vector embeddings" and Google's
 * client system tests):
 * - Only documents whose `vectorField` holds a vector value (a map
 *   `{__type__: "__vector__", value: [numbers]}`) of the query vector's
 *   dimension take part; other types, plain arrays and other dimensions are
 *   skipped silently.
 * - EUCLIDEAN and COSINE (1 − cosine similarity) are distances, nearest first;
 *   DOT_PRODUCT is a similarity, largest first. Ties: document name ascending
 *   (our choice; Firestore leaves the order of ties unspecified).
 * - distanceThreshold keeps distance ≤ threshold for EUCLIDEAN and COSINE and
 *   dot product ≥ threshold for DOT_PRODUCT.
 * - limit is required, 1..1000; the query vector has 1..2048 dimensions.
 * - distanceResultField receives the distance (a double), overwriting a field
 *   of that name; `select` then applies, so it must list that field too.
 * - A document or query vector of zero magnitude has no cosine distance and is
 *   skipped (COSINE only).
 */
import type { Document, FieldReference, Value } from './types';
import { getField, parseFieldPath, setField } from './field-paths';
import { QueryError, arrayValues, compareResourceNames, isVectorValue, mapFields, toNumber, valueKind } from './values';

/** google.firestore.v1.StructuredQuery.FindNearest as decoded. */
export interface FindNearest {
  vectorField?: FieldReference;
  queryVector?: Value;
  distanceMeasure?: string;
  limit?: { value?: number } | number;
  distanceResultField?: string;
  distanceThreshold?: { value?: number } | number;
}

/** Firestore's limits on vector queries. */
export const MAX_NEAREST_LIMIT = 1000;
export const MAX_VECTOR_DIMENSION = 2048;

const MEASURES = ['EUCLIDEAN', 'COSINE', 'DOT_PRODUCT'] as const;
type Measure = (typeof MEASURES)[number];

/** The numbers of a vector value, or undefined when `v` is not a vector of numbers. */
export function vectorNumbers(v: Value | undefined): number[] | undefined {
  if (!v || !isVectorValue(v)) return undefined;
  const arr = mapFields(v)['value'];
  if (!arr || valueKind(arr) !== 'arrayValue') return undefined;
  const out: number[] = [];
  for (const e of arrayValues(arr)) {
    const n = toNumber(e);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

const unwrap = (x: { value?: number } | number | undefined): number | undefined =>
  x === undefined || x === null ? undefined : typeof x === 'number' ? x : Number(x.value ?? 0);

function distance(measure: Measure, a: number[], b: number[]): number | undefined {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  let sq = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
    sq += (a[i]! - b[i]!) ** 2;
  }
  if (measure === 'EUCLIDEAN') return Math.sqrt(sq);
  if (measure === 'DOT_PRODUCT') return dot;
  if (aa === 0 || bb === 0) return undefined;
  return 1 - dot / Math.sqrt(aa * bb);
}

/** A compiled nearest-neighbour stage: ranks filtered documents and adds the distance field. */
export type NearestStage = (docs: Document[]) => Document[];

/** Validates `fn` and compiles its stage; throws QueryError (INVALID_ARGUMENT) when malformed. */
export function compileNearest(fn: FindNearest): NearestStage {
  if (!fn.vectorField?.fieldPath) throw new QueryError('findNearest requires a vector field');
  const segs = parseFieldPath(fn.vectorField.fieldPath);
  const query = vectorNumbers(fn.queryVector);
  if (!query) throw new QueryError('findNearest query vector must be a vector value of numbers');
  if (query.length === 0 || query.length > MAX_VECTOR_DIMENSION) {
    throw new QueryError(`findNearest query vector must have 1 to ${MAX_VECTOR_DIMENSION} dimensions`);
  }
  const measure = fn.distanceMeasure as Measure;
  if (!MEASURES.includes(measure)) throw new QueryError(`findNearest requires a distance measure (${MEASURES.join(', ')})`);
  const limit = unwrap(fn.limit);
  if (limit === undefined || !Number.isInteger(limit) || limit < 1 || limit > MAX_NEAREST_LIMIT) {
    throw new QueryError(`findNearest limit must be between 1 and ${MAX_NEAREST_LIMIT}`);
  }
  const threshold = unwrap(fn.distanceThreshold);
  const resultSegs = fn.distanceResultField ? parseFieldPath(fn.distanceResultField) : undefined;
  const similarity = measure === 'DOT_PRODUCT';

  return (docs) => {
    const ranked: Array<{ doc: Document; d: number }> = [];
    for (const doc of docs) {
      const v = vectorNumbers(getField(doc.fields, segs, doc.name));
      if (!v || v.length !== query.length) continue;
      const d = distance(measure, v, query);
      if (d === undefined || Number.isNaN(d)) continue;
      if (threshold !== undefined && (similarity ? d < threshold : d > threshold)) continue;
      ranked.push({ doc, d });
    }
    ranked.sort((x, y) => (similarity ? y.d - x.d : x.d - y.d) || compareResourceNames(x.doc.name, y.doc.name));
    return ranked.slice(0, limit).map(({ doc, d }) =>
      (resultSegs ? { ...doc, fields: setField(doc.fields ?? {}, resultSegs, { doubleValue: d }) } : doc));
  };
}
