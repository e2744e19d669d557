/**
 * Transactions and pessimistic document locks, modelled on the official
 * emulator: every document a read-write transaction reads or writes is locked
 * exclusively for that transaction until it commits or rolls back.
 *
 * Deadlocks are avoided with wound-wait: each transaction has a priority (its
 * start order; a retry inherits the priority of the transaction it retries,
 * so a retried transaction only gets older and cannot starve). An older
 * transaction that needs a lock held by a younger one aborts ("wounds") the
 * younger one, whose next RPC fails with ABORTED and the SDK retries it; a
 * younger one waits. Non-transactional commits never hold locks while
 * waiting: they wait until every document they write is free, then apply in
 * the same tick. No lock is ever waited on for longer than LOCK_WAIT_MS.
 */
import { randomBytes } from 'node:crypto';
import type { Micros } from './clock';
import { aborted, invalidArgument } from './errors';

/** Maximum time a request waits for a lock before failing with ABORTED. */
const LOCK_WAIT_MS = 20_000;
/** A transaction idle this long is expired and its locks released. */
const TXN_IDLE_MS = 60_000;

/** One transaction. */
export interface Txn {
  readonly id: Buffer;
  readonly key: string;
  readonly database: string;
  readonly readOnly: boolean;
  /** Snapshot time of a read-only transaction (undefined until its first read). */
  readTime?: Micros;
  /** Wound-wait priority: lower is older and wins. */
  readonly priority: number;
  state: 'active' | 'aborted' | 'done';
  abortReason?: string;
  readonly locks: Set<string>;
  lastUsed: number;
  /** Rejects the lock wait in progress, if any (used when wounded). */
  cancelWait?: (reason: string) => void;
}

interface Waiter {
  wake: () => void;
}

/** Issues transactions and arbitrates document locks for one server. */
export class TransactionManager {
  private txns = new Map<string, Txn>();
  private holders = new Map<string, Txn>();
  private waiters = new Map<string, Waiter[]>();
  private seq = 0;

  /** Starts a transaction; `retryOf` is the id of the transaction it retries. */
  begin(database: string, opts: { readOnly: boolean; readTime?: Micros; retryOf?: Buffer }): Txn {
    const prev = opts.retryOf && opts.retryOf.length > 0 ? this.txns.get(opts.retryOf.toString('hex')) : undefined;
    if (prev) this.finish(prev, 'aborted');
    const id = randomBytes(16);
    const txn: Txn = {
      id,
      key: id.toString('hex'),
      database,
      readOnly: opts.readOnly,
      readTime: opts.readTime,
      priority: prev ? prev.priority : ++this.seq,
      state: 'active',
      locks: new Set(),
      lastUsed: Date.now(),
    };
    this.txns.set(txn.key, txn);
    return txn;
  }

  /** Looks up an active transaction; ABORTED if it was wounded, INVALID_ARGUMENT if unknown. */
  get(id: Buffer | Uint8Array, database: string): Txn {
    const txn = this.txns.get(Buffer.from(id).toString('hex'));
    if (!txn || txn.database !== database) throw invalidArgument('Invalid transaction (transaction has expired or is unknown).');
    if (txn.state === 'aborted') throw aborted(`Transaction aborted: ${txn.abortReason ?? 'lock contention'}`);
    if (txn.state === 'done') throw invalidArgument('Transaction has already been committed or rolled back (transaction has expired).');
    txn.lastUsed = Date.now();
    return txn;
  }

  /** Ends a transaction and releases its locks. */
  finish(txn: Txn, state: 'aborted' | 'done', reason?: string): void {
    if (txn.state === 'active') {
      txn.state = state;
      txn.abortReason = reason;
    }
    txn.cancelWait?.(reason ?? 'transaction ended');
    for (const name of txn.locks) this.release(name, txn);
    txn.locks.clear();
    // Keep finished transactions briefly so a retry can inherit the priority.
    setTimeout(() => this.txns.delete(txn.key), TXN_IDLE_MS).unref();
  }

  /** Locks `names` for `txn` (one at a time, wound-wait). Throws ABORTED if wounded meanwhile. */
  async lock(txn: Txn, names: Iterable<string>): Promise<void> {
    for (const name of names) {
      for (;;) {
        if (txn.state !== 'active') throw aborted(`Transaction aborted: ${txn.abortReason ?? 'lock contention'}`);
        const holder = this.holders.get(name);
        if (!holder || holder === txn) break;
        if (txn.priority < holder.priority) {
          this.finish(holder, 'aborted', `wounded by an older transaction on ${name}`);
          continue;
        }
        await this.waitFor(name, txn);
      }
      this.holders.set(name, txn);
      txn.locks.add(name);
    }
    txn.lastUsed = Date.now();
  }

  /** True when no transaction other than `self` holds any of `names`. */
  private allFree(names: string[], self?: Txn): boolean {
    if (this.holders.size === 0) return true;
    for (const n of names) {
      const h = this.holders.get(n);
      if (h && h !== self) return false;
    }
    return true;
  }

  /**
   * Waits until none of `names` is locked by another transaction, without
   * taking any lock (for non-transactional commits). Resolves synchronously
   * usable: when it returns, the caller must apply its writes before yielding.
   */
  async waitUntilFree(names: string[]): Promise<void> {
    while (!this.allFree(names)) {
      const busy = names.find((n) => this.holders.has(n))!;
      await this.waitFor(busy);
    }
  }

  /** Synchronous fast-path check used before awaiting. */
  isFree(names: string[], self?: Txn): boolean {
    return this.allFree(names, self);
  }

  private waitFor(name: string, txn?: Txn): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const list = this.waiters.get(name) ?? [];
      this.waiters.set(name, list);
      const done = (err?: Error): void => {
        clearTimeout(timer);
        const i = list.indexOf(waiter);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0 && this.waiters.get(name) === list) this.waiters.delete(name);
        if (txn) txn.cancelWait = undefined;
        if (err) reject(err);
        else resolve();
      };
      const waiter: Waiter = { wake: () => done() };
      const timer = setTimeout(
        () => done(aborted(`Timed out waiting for a lock on ${name} held by another transaction`)),
        LOCK_WAIT_MS,
      );
      if (txn) txn.cancelWait = (reason) => done(aborted(`Transaction aborted: ${reason}`));
      list.push(waiter);
    });
  }

  private release(name: string, txn: Txn): void {
    if (this.holders.get(name) !== txn) return;
    this.holders.delete(name);
    // Wake every waiter: they re-check in priority-agnostic FIFO order; the
    // first to run takes the lock and the others wait again.
    const list = this.waiters.get(name);
    if (list) for (const w of [...list]) w.wake();
  }

  /** Aborts transactions idle for too long (clients that vanished mid-transaction). */
  expireIdle(now = Date.now()): void {
    for (const txn of this.txns.values()) {
      if (txn.state === 'active' && now - txn.lastUsed > TXN_IDLE_MS) this.finish(txn, 'aborted', 'transaction has expired');
    }
  }

  /**
   * Aborts every active transaction of a database (when it is cleared), or of
   * every database when `database` is undefined (at shutdown, so calls
   * waiting for their locks finish at once).
   */
  abortAll(database: string | undefined, reason = 'database was cleared'): void {
    for (const txn of this.txns.values()) {
      if ((database === undefined || txn.database === database) && txn.state === 'active') this.finish(txn, 'aborted', reason);
    }
  }
}
