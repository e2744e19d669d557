/**
 * Ordered indexes over one collection, so a query's cost follows the page it
 * returns rather than the collection's size (as on Cloud Firestore, where
 * every query is served from an index).
 *
 * An index is keyed by a list of fields with directions — the query's
 * equality fields (ascending) followed by its normalized order, which always
 * ends with `__name__`, so every key is unique — and holds each document of
 * the collection that has all those fields. It is built on the first query
 * that needs it and then kept in step by store.install (through the
 * collection's `indexes` hook), so it always reflects the current state.
 *
 * The tree is @js-sdsl/ordered-map (a red-black tree with a custom
 * comparator and lower-bound seeks; already in the tree through
 * @grpc/grpc-js). Keys hold references to the documents' own Value objects,
 * so an index costs one tree node and one small array per document.
 *
 * Invariant: for every index of a collection, its entries are exactly
 * { keyOf(doc) → doc } for the collection's current documents that have
 * every key field. The query planner (./query-plan) relies on nothing else:
 * it re-applies the full filter to every entry it reads.
 */
import { OrderedMap } from '@js-sdsl/ordered-map';
import { canonicalFieldPath, getField } from './field-paths';
import type { Collection, IndexMaintainer } from './store';
import type { Document, Value } from './types';
import { compareValues } from './values';

/** One key component: a field path (segments) and its direction. */
export interface IndexField {
  readonly segs: readonly string[];
  readonly desc: boolean;
}

/** Seek bounds: sort before / after every key that shares the probe's prefix. */
export const LOW: unique symbol = Symbol('low');
export const HIGH: unique symbol = Symbol('high');
type Bound = typeof LOW | typeof HIGH;
type Key = ReadonlyArray<Value | Bound>;

/** Most indexes kept per collection; the least recently used one is dropped beyond this. */
export const MAX_INDEXES_PER_COLLECTION = 16;

/** The index identity: fields and directions. */
export function indexSpec(fields: readonly IndexField[]): string {
  return fields.map((f) => `${canonicalFieldPath(f.segs)}${f.desc ? ' desc' : ''}`).join(',');
}

/** One ordered index (see the module comment). */
export class OrderedIndex {
  private readonly tree: OrderedMap<Key, Document>;

  constructor(readonly fields: readonly IndexField[], docs: Iterable<Document>) {
    const compare = (a: Key, b: Key): number => {
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        if (typeof x === 'symbol') return x === LOW ? -1 : 1;
        if (typeof y === 'symbol') return y === LOW ? 1 : -1;
        const c = compareValues(x, y);
        if (c !== 0) return fields[i]!.desc ? -c : c;
      }
      if (a.length === b.length) return 0;
      // Only a probe is longer than a key, and then by its trailing bound.
      const longer = a.length > b.length ? a[n] : b[n];
      const longerIsSmaller = longer === LOW;
      return (a.length > b.length) === longerIsSmaller ? -1 : 1;
    };
    this.tree = new OrderedMap<Key, Document>(undefined, compare);
    // Sorted first: the tree appends past its current maximum without a descent.
    const entries: Array<[Key, Document]> = [];
    for (const d of docs) {
      const key = this.keyOf(d);
      if (key) entries.push([key, d]);
    }
    entries.sort((a, b) => compare(a[0], b[0]));
    for (const [key, d] of entries) this.tree.setElement(key, d);
  }

  /** The document's key, or undefined when it lacks a key field (then it is not in the index). */
  keyOf(doc: Document): Value[] | undefined {
    const key: Value[] = [];
    for (const f of this.fields) {
      const v = getField(doc.fields, f.segs, doc.name);
      if (v === undefined) return undefined;
      key.push(v);
    }
    return key;
  }

  /** Replaces `before`'s entry with `after`'s (either may be null: create, delete). */
  replace(before: Document | null, after: Document | null): void {
    const old = before && this.keyOf(before);
    const key = after && this.keyOf(after);
    // An update that leaves the key as it was (always so for a __name__-only index) only swaps the
    // document under it: one descent instead of an erase and an insert with their rebalancing.
    if (old && key && keysEqual(old, key)) {
      this.tree.setElement(old, after as Document);
      return;
    }
    if (old) this.tree.eraseElementByKey(old);
    if (key) this.tree.setElement(key, after as Document);
  }

  /** Number of entries. */
  get size(): number {
    return this.tree.size();
  }

  /**
   * The documents from the first key at or after `prefix` + `bound` on, in
   * index order, while their first `prefix.length - keep` components still
   * equal the probe's (keep = number of trailing prefix values that only
   * position the seek, e.g. a start cursor).
   */
  *scan(prefix: readonly Value[], bound: Bound, fixed: number): Generator<Document> {
    const probe: Key = [...prefix, bound];
    const end = this.tree.end();
    for (const it = this.tree.lowerBound(probe); !it.equals(end); it.next()) {
      const [key, doc] = it.pointer;
      for (let i = 0; i < fixed; i++) if (compareValues(key[i] as Value, prefix[i]!) !== 0) return;
      yield doc;
    }
  }
}

/** Whether two document keys are the same index position (component-wise equal values). */
function keysEqual(a: readonly Value[], b: readonly Value[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && compareValues(a[i]!, b[i]!) !== 0) return false;
  return a.length === b.length;
}

/** The indexes of one collection, maintained on every change (the store's hook). */
export class CollectionIndexes implements IndexMaintainer {
  private readonly bySpec = new Map<string, OrderedIndex>();

  private constructor(private readonly collection: Collection) {}

  /** The collection's index on `fields`, built from its current documents when absent. */
  static for(collection: Collection, fields: readonly IndexField[]): OrderedIndex {
    const all = (collection.indexes as CollectionIndexes | undefined) ?? new CollectionIndexes(collection);
    collection.indexes = all;
    return all.get(fields);
  }

  private get(fields: readonly IndexField[]): OrderedIndex {
    const spec = indexSpec(fields);
    let index = this.bySpec.get(spec);
    if (index) {
      this.bySpec.delete(spec); // most recently used goes last
    } else {
      const docs = [...this.collection.docs.values()].map((e) => e.doc).filter((d): d is Document => d !== null);
      index = new OrderedIndex(fields, docs);
      if (this.bySpec.size >= MAX_INDEXES_PER_COLLECTION) this.bySpec.delete(this.bySpec.keys().next().value!);
    }
    this.bySpec.set(spec, index);
    return index;
  }

  replace(before: Document | null, after: Document | null): void {
    for (const index of this.bySpec.values()) index.replace(before, after);
  }

  /** Number of indexes (for tests and memory reports). */
  get count(): number {
    return this.bySpec.size;
  }
}
