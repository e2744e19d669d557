/**
 * Index planning: which indexes production Firestore would use for a query,
 * and whether it would refuse the query for a missing composite index. Pure.
 *
 * Invariant: a query is accepted exactly when every disjunct of its filter
 * (DNF) is served by (a) the built-in `__name__` index, (b) automatic
 * single-field indexes merged on equalities, or (c) composite indexes from
 * the index file, possibly merged. Our reading of the production rules
 * (cloud.google.com/firestore/docs/query-data/index-overview, "Index merging"
 * and "Queries supported by single-field indexes"), written down in
 * emulator/README.md "Indexes":
 * - Equality-like filters (==, in, IS_NULL, IS_NAN, array-contains[-any]) on
 *   any number of fields, with no other sort field, merge single-field indexes.
 * - One sort field (explicit orderBy or an inequality's implicit order) and no
 *   equality: the field's single-field index (either direction).
 * - Anything else (equalities + a sort field, or two sort fields) needs a
 *   composite index: equality fields first (any order; CONTAINS for array
 *   filters), then the sort fields in query order with their directions (or
 *   all reversed). Several composites with the same sort suffix may be merged
 *   to cover the equalities between them.
 * - Orders on a field with an equality filter are dropped (its value is fixed).
 * - sum/avg fields count as sort fields (the aggregation reads them from the index).
 * - Automatic single-field indexes have collection scope only: a collection
 *   group query filtering or ordering on a field needs a COLLECTION_GROUP
 *   entry in fieldOverrides (or a composite of that scope).
 * - A COLLECTION_GROUP composite also serves collection queries on that id.
 * - findNearest needs a vector index (vectorConfig of the query's dimension)
 *   after exactly the query's equality fields.
 */
import type { Filter, StructuredQuery } from './types';
import { canonicalFieldPath, parseFieldPath } from './field-paths';
import { QueryError } from './values';

/** One field of an index definition in firestore.indexes.json. */
export interface IndexField {
  fieldPath: string;
  order?: 'ASCENDING' | 'DESCENDING';
  arrayConfig?: 'CONTAINS';
  vectorConfig?: { dimension: number; flat?: object };
}
/** A composite index of firestore.indexes.json. */
export interface IndexDefinition {
  collectionGroup: string;
  queryScope?: 'COLLECTION' | 'COLLECTION_GROUP';
  fields: IndexField[];
}
/** A single-field override of firestore.indexes.json. */
export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  indexes?: Array<{ order?: string; arrayConfig?: string; queryScope?: string }>;
}
/** The content of firestore.indexes.json. */
export interface IndexFile {
  indexes?: IndexDefinition[];
  fieldOverrides?: FieldOverride[];
}

/** One index a plan uses, in the shape production's planSummary.indexesUsed reports it. */
export interface IndexUse {
  query_scope: 'Collection' | 'Collection group';
  properties: string;
}
/** What planQuery found. */
export interface QueryPlan {
  indexesUsed: IndexUse[];
  /** The composite (or collection-group single-field) index production would ask for. */
  missing?: IndexDefinition;
}

type Mode = 'ASCENDING' | 'DESCENDING' | 'CONTAINS';
/** `free`: a sum/avg field, which an index may hold in any position of its suffix after the ordered fields, either direction. */
interface SortField { path: string; desc: boolean; free?: boolean }
interface Atom { path: string; mode: 'EQ' | 'CONTAINS' | 'INEQ' }

const EQ_OPS = new Set(['EQUAL', 'IN', 'IS_NULL', 'IS_NAN']);
const CONTAINS_OPS = new Set(['ARRAY_CONTAINS', 'ARRAY_CONTAINS_ANY']);
/** Production's limit on disjunctions in a query's DNF. */
const MAX_DISJUNCTS = 30;

function atomOf(f: Filter): Atom | undefined {
  const ff = f.fieldFilter ?? f.unaryFilter;
  if (!ff) return undefined;
  const path = canonicalFieldPath(parseFieldPath(ff.field.fieldPath));
  const mode = EQ_OPS.has(ff.op) ? 'EQ' : CONTAINS_OPS.has(ff.op) ? 'CONTAINS' : 'INEQ';
  return { path, mode };
}

/** The filter in disjunctive normal form: a list of conjunctions of atoms. */
function dnf(f: Filter | undefined): Atom[][] {
  if (!f) return [[]];
  const c = f.compositeFilter;
  if (!c) {
    const a = atomOf(f);
    return [a ? [a] : []];
  }
  const parts = (c.filters ?? []).map(dnf);
  let out: Atom[][];
  if (c.op === 'OR') out = parts.flat();
  else {
    out = [[]];
    for (const p of parts) out = out.flatMap((left) => p.map((right) => [...left, ...right]));
  }
  if (out.length > MAX_DISJUNCTS) throw new QueryError(`The query has more than ${MAX_DISJUNCTS} disjunctions in disjunctive normal form`);
  return out;
}

const fieldMode = (f: IndexField): Mode | undefined => (f.arrayConfig === 'CONTAINS' ? 'CONTAINS' : f.order);

/** "(a ASC, b CONTAINS, __name__ ASC)" */
function describe(fields: Array<{ path: string; mode: Mode }>, nameDesc: boolean): string {
  const short = (m: Mode): string => (m === 'ASCENDING' ? 'ASC' : m === 'DESCENDING' ? 'DESC' : 'CONTAINS');
  return `(${[...fields.map((f) => `${f.path} ${short(f.mode)}`), `__name__ ${nameDesc ? 'DESC' : 'ASC'}`].join(', ')})`;
}

/** Plans queries against one index file. */
export class IndexCatalog {
  constructor(private readonly file: IndexFile = {}) {}

  /** Whether the field has the automatic (or overridden) single-field index of `mode` in the scope. */
  private hasSingleField(collection: string, path: string, mode: Mode, group: boolean): boolean {
    const o = (this.file.fieldOverrides ?? []).find((x) => x.collectionGroup === collection && canonicalFieldPath(parseFieldPath(x.fieldPath)) === path);
    if (!o || !o.indexes) return !group; // automatic indexes: collection scope, ASC, DESC and CONTAINS
    return o.indexes.some((i) => (i.queryScope ?? 'COLLECTION') === (group ? 'COLLECTION_GROUP' : 'COLLECTION')
      && (mode === 'CONTAINS' ? i.arrayConfig === 'CONTAINS' : i.order === mode));
  }

  /** Composite indexes for the collection id usable at this scope, without a trailing __name__. */
  private composites(collection: string, group: boolean): Array<Array<{ path: string; mode: Mode }>> {
    return (this.file.indexes ?? [])
      .filter((i) => i.collectionGroup === collection && (!group || i.queryScope === 'COLLECTION_GROUP'))
      .map((i) => i.fields
        .map((f) => ({ path: canonicalFieldPath(parseFieldPath(f.fieldPath)), mode: fieldMode(f) }))
        .filter((f): f is { path: string; mode: Mode } => f.mode !== undefined && f.path !== '__name__'));
  }

  /**
   * Plans a query (with the sum/avg fields of an aggregation, if any) given
   * its normalized order (query.ts PreparedQuery.orderBy).
   */
  plan(q: StructuredQuery, orderBy: ReadonlyArray<{ fieldPath: string; direction: string }>, aggregatedFields: string[] = []): QueryPlan {
    const sel = q.from?.[0];
    const collection = sel?.collectionId ?? '';
    const group = Boolean(sel?.allDescendants);
    const scope: IndexUse['query_scope'] = group ? 'Collection group' : 'Collection';
    const nameDesc = orderBy.find((o) => o.fieldPath === '__name__')?.direction === 'DESCENDING';
    if (q.findNearest) return this.planVector(q, collection, group, scope);
    const used = new Map<string, IndexUse>();
    const use = (fields: Array<{ path: string; mode: Mode }>): void => {
      const properties = describe(fields, nameDesc);
      used.set(properties, { query_scope: scope, properties });
    };
    for (const conj of dnf(q.where)) {
      const eq = new Map<string, Mode>(); // equality field -> mode an index needs (ASC stands for either order)
      for (const a of conj) {
        if (a.path === '__name__' || a.mode === 'INEQ') continue;
        if (a.mode === 'CONTAINS' || !eq.has(a.path)) eq.set(a.path, a.mode === 'CONTAINS' ? 'CONTAINS' : 'ASCENDING');
      }
      const sorts: SortField[] = orderBy
        .filter((o) => o.fieldPath !== '__name__' && eq.get(o.fieldPath) !== 'ASCENDING')
        .map((o) => ({ path: o.fieldPath, desc: o.direction === 'DESCENDING' }));
      // sum/avg read their fields from the index, in no particular order
      // (firebase-js-sdk's composite-index tests run against indexes listing
      // them alphabetically, not in request order); a field with an equality
      // filter is already in the index that filter uses.
      const free = [...new Set(aggregatedFields.map((f) => canonicalFieldPath(parseFieldPath(f))))]
        .filter((path) => !sorts.some((s) => s.path === path) && eq.get(path) !== 'ASCENDING')
        .sort();
      for (const path of free) sorts.push({ path, desc: false, free: true });
      const missing = this.planConjunction(collection, group, eq, sorts, use);
      if (missing) return { indexesUsed: [...used.values()], missing: { collectionGroup: collection, queryScope: group ? 'COLLECTION_GROUP' : 'COLLECTION', fields: missing } };
    }
    if (used.size === 0) use([]);
    return { indexesUsed: [...used.values()] };
  }

  /**
   * A vector query needs a vector index on its field with the query vector's
   * dimension, preceded by exactly the query's equality fields (production
   * serves no vector search from automatic indexes).
   */
  private planVector(q: StructuredQuery, collection: string, group: boolean, scope: IndexUse['query_scope']): QueryPlan {
    const fn = q.findNearest!;
    const path = canonicalFieldPath(parseFieldPath(fn.vectorField?.fieldPath ?? ''));
    const dimension = (fn.queryVector?.mapValue?.fields?.['value']?.arrayValue?.values ?? []).length;
    const eq = new Set<string>();
    for (const conj of dnf(q.where)) for (const a of conj) if (a.mode !== 'INEQ' && a.path !== '__name__') eq.add(a.path);
    const found = (this.file.indexes ?? []).find((i) => {
      if (i.collectionGroup !== collection || (group && i.queryScope !== 'COLLECTION_GROUP')) return false;
      const last = i.fields[i.fields.length - 1];
      const prefix = i.fields.slice(0, -1).map((f) => canonicalFieldPath(parseFieldPath(f.fieldPath)));
      return last?.vectorConfig?.dimension === dimension && canonicalFieldPath(parseFieldPath(last.fieldPath)) === path
        && prefix.length === eq.size && prefix.every((p) => eq.has(p));
    });
    const properties = `(${[...[...eq].sort().map((p) => `${p} ASC`), `${path} VECTOR<${dimension}>`, '__name__ ASC'].join(', ')})`;
    if (found) return { indexesUsed: [{ query_scope: scope, properties }] };
    return {
      indexesUsed: [],
      missing: {
        collectionGroup: collection,
        queryScope: group ? 'COLLECTION_GROUP' : 'COLLECTION',
        fields: [...[...eq].sort().map((fieldPath) => ({ fieldPath, order: 'ASCENDING' as const })), { fieldPath: path, vectorConfig: { dimension, flat: {} } }],
      },
    };
  }

  /** Records the indexes one conjunction uses; returns the fields of the index it lacks, if any. */
  private planConjunction(
    collection: string, group: boolean, eq: Map<string, Mode>, sorts: SortField[],
    use: (fields: Array<{ path: string; mode: Mode }>) => void,
  ): IndexField[] | undefined {
    const needed = (): IndexField[] => [
      ...[...eq].sort(([a], [b]) => (a < b ? -1 : 1)).map(([fieldPath, m]) => (m === 'CONTAINS' ? { fieldPath, arrayConfig: 'CONTAINS' as const } : { fieldPath, order: 'ASCENDING' as const })),
      ...sorts.map((s) => ({ fieldPath: s.path, order: s.desc ? 'DESCENDING' as const : 'ASCENDING' as const })),
    ];
    if (sorts.length === 0 || (sorts.length === 1 && eq.size === 0)) {
      // Single-field indexes, merged on equalities (or the built-in __name__ index).
      const singles: Array<{ path: string; mode: Mode }> = [...eq].map(([path, mode]) => ({ path, mode }));
      if (sorts.length === 1) singles.push({ path: sorts[0]!.path, mode: sorts[0]!.desc ? 'DESCENDING' : 'ASCENDING' });
      const ok = singles.every((s) => this.hasSingleField(collection, s.path, s.mode, group)
        || (s.mode === 'DESCENDING' && this.hasSingleField(collection, s.path, 'ASCENDING', group))
        || (s.mode === 'ASCENDING' && this.hasSingleField(collection, s.path, 'DESCENDING', group)));
      if (ok) {
        singles.forEach((s) => use([s]));
        return undefined;
      }
      if (sorts.length === 0 && eq.size === 0) return undefined;
      return needed();
    }
    // Composite: equality prefix (as a set) + exactly the sort suffix, same or all-reversed directions.
    const covered = new Set<string>();
    let served = false;
    for (const fields of this.composites(collection, group)) {
      const k = fields.length - sorts.length;
      if (k < 0) continue;
      const suffix = fields.slice(k);
      const ordered = sorts.filter((s) => !s.free);
      const same = ordered.every((s, i) => suffix[i]!.path === s.path && suffix[i]!.mode === (s.desc ? 'DESCENDING' : 'ASCENDING'));
      const reversed = ordered.every((s, i) => suffix[i]!.path === s.path && suffix[i]!.mode === (s.desc ? 'ASCENDING' : 'DESCENDING'));
      if (!same && !reversed) continue;
      const rest = suffix.slice(ordered.length);
      if (!rest.every((f) => f.mode !== 'CONTAINS' && sorts.some((s) => s.free && s.path === f.path))) continue;
      const prefix = fields.slice(0, k);
      if (!prefix.every((f) => eq.has(f.path) && (eq.get(f.path) === 'CONTAINS') === (f.mode === 'CONTAINS'))) continue;
      if (eq.size > 0 && prefix.length === 0) continue;
      prefix.forEach((f) => covered.add(f.path));
      served = true;
      use(fields);
    }
    if (!served || [...eq.keys()].some((p) => !covered.has(p))) return needed();
    return undefined;
  }
}

/**
 * The FAILED_PRECONDITION message production sends for a missing index: a
 * console link whose `create_composite` parameter encodes the index (here as
 * base64url JSON, not production's protobuf), followed by the index in words.
 */
export function missingIndexMessage(projectId: string, index: IndexDefinition): string {
  const encoded = Buffer.from(JSON.stringify(index), 'utf8').toString('base64url');
  const words = index.fields.map((f) => `${f.fieldPath} ${f.vectorConfig ? `VECTOR<${f.vectorConfig.dimension}>` : f.arrayConfig ?? f.order}`).join(', ');
  return `The query requires an index. You can create it here: https://console.firebase.google.com/v1/r/project/${projectId}/firestore/indexes?create_composite=${encoded} `
    + `(collection group "${index.collectionGroup}", scope ${index.queryScope}, fields: ${words}; add it to firestore.indexes.json)`;
}
