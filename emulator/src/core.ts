/**
 * The emulator core: storage, clock, transactions and the commit pipeline,
 * independent of any transport. The gRPC service, the REST endpoints, Listen
 * streams and trigger delivery are all thin layers over this class.
 */
import { Clock, fromTimestamp, type Micros } from './clock';
import { installStaged, stageWrites, writtenNames, type Change, type StagedWrites, type Write, type WriteResult } from './commit';
import { aborted, invalidArgument, RpcError } from './errors';
import { Store, type Database } from './store';
import { TransactionManager, type Txn } from './transactions';
import type { Timestamp, Value } from './types';

/** Emitted synchronously after every successful commit (and after a clear). */
export interface CommitEvent {
  database: Database;
  changes: Change[];
  commitTime: Micros;
  /** True for administrative changes (clear, import): Listen streams see them, triggers do not fire. */
  silent?: boolean;
}

/**
 * Checks a commit before it is installed (security rules): called with the
 * staged documents and the commit time, inside the atomic section; throwing
 * cancels the whole commit.
 */
export type CommitGuard = (db: Database, staged: StagedWrites, commitTime: Micros) => void;

/** google.firestore.v1.TransactionOptions as decoded. */
export interface TransactionOptions {
  readOnly?: { readTime?: Timestamp };
  readWrite?: { retryTransaction?: Buffer | Uint8Array };
}

/** A read request's consistency selector (exactly one or none set). */
export interface ReadSelector {
  transaction?: Buffer | Uint8Array;
  newTransaction?: TransactionOptions;
  readTime?: Timestamp;
}

/** How a read should be served. */
export interface ReadContext {
  /** Read at this past time; undefined = read the current state. */
  snapshot?: Micros;
  /** The read-write transaction whose locks must cover what is read. */
  lockFor?: Txn;
  /** Id to return in the first response when the read started a transaction. */
  newTransactionId?: Buffer;
}

/** The transport-independent emulator. */
export class Emulator {
  readonly store = new Store();
  readonly clock = new Clock();
  readonly txns = new TransactionManager();
  private listeners = new Set<(e: CommitEvent) => void>();
  private closeHooks = new Set<() => void>();
  private housekeeping: NodeJS.Timeout;

  constructor() {
    this.housekeeping = setInterval(() => {
      this.txns.expireIdle();
      this.store.sweep(this.clock.readTime());
    }, 30_000);
    this.housekeeping.unref();
  }

  /** Subscribes to commit events; returns the unsubscribe function. */
  onCommit(fn: (e: CommitEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Registers a callback run once by close() (e.g. to end an open Listen
   * stream); returns the unregister function.
   */
  onClose(fn: () => void): () => void {
    this.closeHooks.add(fn);
    return () => this.closeHooks.delete(fn);
  }

  /** The database projects/{p}/databases/{d}. */
  db(name: string): Database {
    return this.store.database(name);
  }

  /** Starts a transaction (BeginTransaction or a read's newTransaction). */
  begin(database: string, options: TransactionOptions | undefined): Txn {
    const ro = options?.readOnly;
    if (ro) {
      const readTime = ro.readTime ? fromTimestamp(ro.readTime) : this.clock.readTime();
      return this.txns.begin(database, { readOnly: true, readTime });
    }
    return this.txns.begin(database, { readOnly: false, retryOf: toBuffer(options?.readWrite?.retryTransaction) });
  }

  /** Resolves a read's consistency selector. */
  readContext(database: string, sel: ReadSelector): ReadContext {
    if (sel.readTime) return { snapshot: fromTimestamp(sel.readTime) };
    let txn: Txn | undefined;
    let newTransactionId: Buffer | undefined;
    if (sel.transaction && sel.transaction.length > 0) {
      txn = this.txns.get(sel.transaction, database);
    } else if (sel.newTransaction) {
      txn = this.begin(database, sel.newTransaction);
      newTransactionId = txn.id;
    }
    if (!txn) return {};
    if (txn.readOnly) return { snapshot: txn.readTime, newTransactionId };
    return { lockFor: txn, newTransactionId };
  }

  /** Locks `names` for a read-write transaction's read (no-op otherwise). */
  async lockForRead(ctx: ReadContext, names: Iterable<string>): Promise<void> {
    if (!ctx.lockFor) return;
    await this.txns.lock(ctx.lockFor, names);
    assertActive(ctx.lockFor);
  }

  /**
   * Commits writes atomically, optionally as the end of a transaction.
   * Waits for locks held by transactions; ABORTED when this transaction was
   * wounded or waited too long.
   */
  async commit(
    database: string,
    writes: Write[],
    transaction?: Buffer | Uint8Array,
    guard?: CommitGuard,
  ): Promise<{ results: WriteResult[]; commitTime: Micros }> {
    const db = this.db(database);
    const names = writtenNames(writes);
    if (transaction && transaction.length > 0) {
      const txn = this.txns.get(transaction, database);
      if (txn.readOnly && writes.length > 0) {
        this.txns.finish(txn, 'done');
        throw invalidArgument('Cannot commit writes in a read-only transaction');
      }
      try {
        if (!this.txns.isFree(names, txn) || names.some((n) => !txn.locks.has(n))) await this.txns.lock(txn, names);
        assertActive(txn);
        // From here to the end nothing awaits: the commit is atomic.
        return this.apply(db, writes, false, guard);
      } finally {
        this.txns.finish(txn, 'done');
      }
    }
    if (!this.txns.isFree(names)) await this.txns.waitUntilFree(names);
    return this.apply(db, writes, false, guard);
  }

  private apply(db: Database, writes: Write[], silent = false, guard?: CommitGuard): { results: WriteResult[]; commitTime: Micros } {
    const commitTime = this.clock.next();
    const staged = stageWrites(db, writes, commitTime);
    guard?.(db, staged, commitTime);
    const changes = installStaged(db, staged, commitTime);
    if (changes.length > 0) this.emit({ database: db, changes, commitTime, silent });
    return { results: staged.results, commitTime };
  }

  /**
   * Loads documents (import/seed) in one atomic write, bypassing locks and
   * triggers; with `replace` the database is cleared first.
   */
  load(database: string, docs: { name: string; fields: Record<string, Value> }[], replace: boolean): void {
    if (replace) this.clear(database);
    if (docs.length === 0) return;
    this.apply(this.db(database), docs.map((d) => ({ update: { name: d.name, fields: d.fields } })), true);
  }

  /**
   * BatchWrite: each write is applied on its own (non-atomic), with its own
   * status; a failing write does not affect the others.
   */
  async batchWrite(
    database: string,
    writes: Write[],
    guard?: CommitGuard,
  ): Promise<{ writeResults: WriteResult[]; status: { code: number; message?: string }[] }> {
    const writeResults: WriteResult[] = [];
    const status: { code: number; message?: string }[] = [];
    for (const w of writes) {
      try {
        const { results } = await this.commit(database, [w], undefined, guard);
        writeResults.push(results[0]!);
        status.push({ code: 0 });
      } catch (e) {
        if (!(e instanceof RpcError)) throw e;
        writeResults.push({});
        status.push({ code: e.code, message: e.message });
      }
    }
    return { writeResults, status };
  }

  /** Rolls back a transaction (unknown or finished ids are ignored, like Firestore's best effort). */
  rollback(database: string, id: Buffer | Uint8Array): void {
    try {
      this.txns.finish(this.txns.get(id, database), 'aborted', 'rolled back');
    } catch {
      // Already aborted/expired: rolling back again is harmless.
    }
  }

  /** Deletes every document of a database; open Listen streams see the deletions. */
  clear(database: string): void {
    const db = this.db(database);
    this.txns.abortAll(database);
    const changes: Change[] = [];
    for (const doc of db.allDocuments()) changes.push({ name: doc.name, before: doc, after: null });
    const now = this.clock.next();
    db.clear(now);
    if (changes.length > 0) this.emit({ database: db, changes, commitTime: now, silent: true });
  }

  /**
   * Shuts the core down: stops housekeeping, aborts every transaction (so
   * calls waiting for locks finish now) and runs the onClose callbacks.
   */
  close(): void {
    clearInterval(this.housekeeping);
    this.txns.abortAll(undefined, 'the emulator is shutting down');
    const hooks = [...this.closeHooks];
    this.closeHooks.clear();
    for (const fn of hooks) {
      try {
        fn();
      } catch (err) {
        console.error('[nff-firestore-emulator] close hook failed:', err);
      }
    }
  }

  private emit(e: CommitEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch (err) {
        // A broken listener must never fail a commit that already happened.
        console.error('[nff-firestore-emulator] commit listener failed:', err);
      }
    }
  }
}

function assertActive(txn: Txn): void {
  if (txn.state !== 'active') throw aborted(`Transaction aborted: ${txn.abortReason ?? 'lock contention'}`);
}

function toBuffer(b: Buffer | Uint8Array | undefined): Buffer | undefined {
  return b && b.length > 0 ? Buffer.from(b) : undefined;
}
