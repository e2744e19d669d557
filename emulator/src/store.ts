/**
 * In-memory storage of one Firestore database, with a short version history
 * so reads at a past readTime (read-only transactions, readTime options) see
 * the state as of that time.
 *
 * Layout: documents are indexed by full name, and grouped per collection
 * (collection path → id → entry) plus per collection id (for collection-group
 * queries), so a query or listDocuments only walks the collections it names.
 * Stored Document objects are never mutated after install, so they can be
 * shared with history, responses and listeners without copying.
 */
import type { Micros } from './clock';
import { failedPrecondition } from './errors';
import type { Document } from './types';
import { splitDocumentName } from './paths';

/** How long superseded versions are kept for readTime reads (Firestore keeps 1 h). */
export const HISTORY_RETENTION_US = 60 * 60 * 1_000_000;
/** At most this many superseded versions are kept per document. */
const MAX_VERSIONS = 32;

/** A superseded version, valid from `t` until the next version's time. */
interface Version {
  t: Micros;
  doc: Document | null;
}

/** One document slot; `doc` is null while the document does not exist. */
export interface DocEntry {
  readonly name: string;
  readonly collection: Collection;
  doc: Document | null;
  /** Time the current version was installed. */
  changedAt: Micros;
  history?: Version[];
  /** Reads before this time cannot be answered (versions were dropped). */
  floor?: Micros;
}

/** The documents directly in one collection. */
export interface Collection {
  /** Full name, e.g. projects/p/databases/d/documents/users/u1/events */
  readonly path: string;
  readonly id: string;
  readonly docs: Map<string, DocEntry>;
  /** Number of entries whose current doc exists. */
  live: number;
  /** Time of the last change to any of its documents (0: none yet). */
  changedAt: Micros;
  /** Ordered indexes kept in step with every change (./query-index); absent until a query builds one. */
  indexes?: IndexMaintainer;
}

/** What store.install tells the ordered indexes of a collection (implemented in ./query-index). */
export interface IndexMaintainer {
  replace(before: Document | null, after: Document | null): void;
}

/** One database: projects/{p}/databases/{d}. */
export class Database {
  /** projects/{p}/databases/{d}/documents */
  readonly root: string;
  private docs = new Map<string, DocEntry>();
  private collections = new Map<string, Collection>();
  private groups = new Map<string, Set<Collection>>();
  /** Reads before this time are refused (set by clear()). */
  private floor: Micros = 0;

  constructor(readonly name: string) {
    this.root = `${name}/documents`;
  }

  /** The current document, or null. */
  get(name: string): Document | null {
    return this.docs.get(name)?.doc ?? null;
  }

  /** The document as of `readTime` (current when undefined). */
  getAt(name: string, readTime: Micros | undefined): Document | null {
    const e = this.docs.get(name);
    if (readTime === undefined) return e?.doc ?? null;
    this.checkReadTime(readTime);
    return e ? versionAt(e, readTime) : null;
  }

  /** Throws FAILED_PRECONDITION when `readTime` is older than retained data. */
  checkReadTime(readTime: Micros): void {
    if (readTime < this.floor) throw failedPrecondition('readTime is older than the data retained by the emulator');
  }

  /** Installs a new version (null = deleted) at commit time `t`. */
  install(name: string, doc: Document | null, t: Micros): void {
    let e = this.docs.get(name);
    if (!e) {
      if (doc === null) return;
      const { collection, id } = splitDocumentName(name);
      const coll = this.collection(collection);
      e = { name, collection: coll, doc: null, changedAt: 0 };
      this.docs.set(name, e);
      coll.docs.set(id, e);
    } else {
      const h = (e.history ??= []);
      h.push({ t: e.changedAt, doc: e.doc });
      // Drop the oldest version when over the cap or when it ended before the window.
      if (h.length > MAX_VERSIONS || (h[1]?.t ?? t) < t - HISTORY_RETENTION_US) {
        h.shift();
        e.floor = h[0]!.t;
      }
    }
    if ((e.doc === null) !== (doc === null)) e.collection.live += doc === null ? -1 : 1;
    e.collection.indexes?.replace(e.doc, doc);
    e.collection.changedAt = t;
    e.doc = doc;
    e.changedAt = t;
  }

  private collection(path: string): Collection {
    let c = this.collections.get(path);
    if (!c) {
      const id = path.slice(path.lastIndexOf('/') + 1);
      c = { path, id, docs: new Map(), live: 0, changedAt: 0 };
      this.collections.set(path, c);
      let g = this.groups.get(id);
      if (!g) this.groups.set(id, (g = new Set()));
      g.add(c);
    }
    return c;
  }

  /**
   * The collections a query's `from` selects under `parent` (a document name
   * or the documents root): one collection, or all same-id descendants for a
   * collection group, or every descendant for a kindless query (collectionId
   * empty, as recursiveDelete sends).
   */
  selectCollections(parent: string, collectionId: string | undefined, allDescendants: boolean): Collection[] {
    if (!allDescendants) {
      const c = this.collections.get(`${parent}/${collectionId ?? ''}`);
      return c ? [c] : [];
    }
    const prefix = `${parent}/`;
    const pool = collectionId ? this.groups.get(collectionId) ?? new Set<Collection>() : this.collections.values();
    const out: Collection[] = [];
    for (const c of pool) if (c.path.startsWith(prefix)) out.push(c);
    return out;
  }

  /** Existing documents of the given collections as of `readTime`. */
  documentsIn(collections: Collection[], readTime: Micros | undefined): Document[] {
    if (readTime !== undefined) this.checkReadTime(readTime);
    const out: Document[] = [];
    for (const c of collections) {
      for (const e of c.docs.values()) {
        const d = readTime === undefined ? e.doc : versionAt(e, readTime);
        if (d) out.push(d);
      }
    }
    return out;
  }

  /** The direct child collection of `parent` with id `collectionId`, if any. */
  getCollection(parent: string, collectionId: string): Collection | undefined {
    return this.collections.get(`${parent}/${collectionId}`);
  }

  /**
   * Ids of documents in `collectionPath` that do not exist but have a
   * descendant collection holding an existing document ("missing" documents
   * that listDocuments with showMissing returns).
   */
  missingDocumentIds(collectionPath: string): Set<string> {
    const prefix = `${collectionPath}/`;
    const out = new Set<string>();
    for (const c of this.collections.values()) {
      if (c.live === 0 || !c.path.startsWith(prefix)) continue;
      const rest = c.path.slice(prefix.length);
      out.add(rest.slice(0, rest.indexOf('/')));
    }
    return out;
  }

  /** Ids of the collections directly under `parent` that hold any document at any depth. */
  collectionIds(parent: string): string[] {
    const prefix = `${parent}/`;
    const ids = new Set<string>();
    for (const c of this.collections.values()) {
      if (c.live === 0 || !c.path.startsWith(prefix)) continue;
      const rest = c.path.slice(prefix.length);
      const slash = rest.indexOf('/');
      ids.add(slash < 0 ? rest : rest.slice(0, slash));
    }
    return [...ids].sort();
  }

  /** Every existing document (current state), in no particular order. */
  *allDocuments(): IterableIterator<Document> {
    for (const e of this.docs.values()) if (e.doc) yield e.doc;
  }

  /** Number of existing documents. */
  size(): number {
    let n = 0;
    for (const c of this.collections.values()) n += c.live;
    return n;
  }

  /** Drops all data; reads at earlier read times are refused afterwards. */
  clear(now: Micros): void {
    this.docs.clear();
    this.collections.clear();
    this.groups.clear();
    this.floor = now;
  }

  /** Forgets deleted documents and versions older than the retention window. */
  sweep(now: Micros): void {
    const cutoff = now - HISTORY_RETENTION_US;
    for (const [name, e] of this.docs) {
      if (e.doc === null && e.changedAt < cutoff) {
        this.docs.delete(name);
        e.collection.docs.delete(name.slice(name.lastIndexOf('/') + 1));
        continue;
      }
      const h = e.history;
      if (!h) continue;
      while (h.length > 0 && (h[1]?.t ?? e.changedAt) < cutoff) {
        h.shift();
        e.floor = h[0]?.t ?? e.changedAt;
      }
      if (h.length === 0) e.history = undefined;
    }
  }
}

/** The version of `e` valid at time `t` (null: did not exist). */
function versionAt(e: DocEntry, t: Micros): Document | null {
  if (e.changedAt <= t) return e.doc;
  if (e.floor !== undefined && t < e.floor) {
    throw failedPrecondition('readTime is older than the document versions retained by the emulator');
  }
  const h = e.history;
  if (h) for (let i = h.length - 1; i >= 0; i--) if (h[i]!.t <= t) return h[i]!.doc;
  return null;
}

/** All databases of one server, created on first use (isolation by project and database id). */
export class Store {
  private dbs = new Map<string, Database>();

  /** The database projects/{p}/databases/{d}, created when absent. */
  database(name: string): Database {
    let db = this.dbs.get(name);
    if (!db) this.dbs.set(name, (db = new Database(name)));
    return db;
  }

  /** Existing databases. */
  databases(): IterableIterator<Database> {
    return this.dbs.values();
  }

  /** Runs housekeeping on every database. */
  sweep(now: Micros): void {
    for (const db of this.dbs.values()) db.sweep(now);
  }
}
