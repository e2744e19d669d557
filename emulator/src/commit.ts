/**
 * Applying google.firestore.v1.Write lists to a Database: preconditions,
 * update masks, transforms, write results. Pure with respect to locking — the
 * caller (service layer) holds whatever locks are needed.
 */
import { status } from '@grpc/grpc-js';
import { fromTimestamp, toTimestamp, type Micros } from './clock';
import { deleteField, getField, parseFieldPath, setField } from './engine';
import { alreadyExists, failedPrecondition, invalidArgument, notFound, RpcError } from './errors';
import { assertDocumentName } from './paths';
import type { Database } from './store';
import { applyTransforms, fieldsEqual, truncateTimestamps, type FieldTransform } from './transforms';
import type { Document, Timestamp, Value } from './types';

/** google.firestore.v1.Write as decoded. */
export interface Write {
  operation?: string;
  update?: Document;
  delete?: string;
  /** Only checks `currentDocument` (client SDK transactions: a document read but not written; see proto-descriptor.ts). */
  verify?: string;
  transform?: { document: string; fieldTransforms?: FieldTransform[] };
  updateMask?: { fieldPaths?: string[] };
  updateTransforms?: FieldTransform[];
  currentDocument?: { conditionType?: string; exists?: boolean; updateTime?: Timestamp };
}

/** google.firestore.v1.WriteResult */
export interface WriteResult {
  updateTime?: Timestamp;
  transformResults?: Value[];
}

/** One document changed by a commit (before/after; null = absent). */
export interface Change {
  name: string;
  before: Document | null;
  after: Document | null;
}

/** The outcome of applying writes. */
export interface CommitOutcome {
  results: WriteResult[];
  changes: Change[];
}

/** The document names a write list touches (for locking). */
export function writtenNames(writes: Write[]): string[] {
  return writes.map(targetName);
}

function targetName(w: Write): string {
  const name = w.update?.name ?? w.delete ?? w.transform?.document ?? w.verify;
  if (!name) throw invalidArgument('Write has no operation');
  return name;
}

/**
 * The documents a write list would produce, computed without installing
 * anything: per written name, the state before the first write and after
 * the last one. Security rules look at this before it is installed.
 */
export interface StagedWrites {
  results: WriteResult[];
  /** Name → state after every write of the list (null = absent), in first-write order. */
  after: Map<string, Document | null>;
  /** Name → state before the list. */
  before: Map<string, Document | null>;
}

/** Applies writes to staged copies: throws an RpcError (precondition etc.) and changes nothing on failure. */
export function stageWrites(db: Database, writes: Write[], commitTime: Micros): StagedWrites {
  const after = new Map<string, Document | null>();
  const before = new Map<string, Document | null>();
  const results: WriteResult[] = [];
  for (const w of writes) {
    const name = targetName(w);
    assertDocumentName(name, db.name);
    const written = after.has(name);
    const current = written ? after.get(name)! : db.get(name);
    try {
      if (w.verify !== undefined) {
        // A verify is no write: nothing staged, so rules and triggers never see it.
        checkPrecondition(w, name, current);
        results.push({});
        continue;
      }
      if (!before.has(name)) before.set(name, current);
      const { doc, result } = applyWrite(w, name, current, commitTime);
      after.set(name, doc);
      results.push(result);
    } catch (e) {
      // Each precondition applies on top of the list's earlier writes; failing
      // against a state this same list produced is a malformed request, not a
      // stale read: production answers INVALID_ARGUMENT (firebase-js-sdk
      // transactions.test.ts: delete then update → invalid-argument, while an
      // update of a document that never existed → not-found).
      if (written && isPreconditionError(e)) throw invalidArgument(`${e.message} (after an earlier write to the same document in this request)`);
      throw e;
    }
  }
  return { results, after, before };
}

/** Installs staged writes at `commitTime`; returns the documents that actually changed. */
export function installStaged(db: Database, staged: StagedWrites, commitTime: Micros): Change[] {
  const changes: Change[] = [];
  for (const [name, after] of staged.after) {
    const before = staged.before.get(name)!;
    if (before === after) continue; // no-op write (e.g. identical set, delete of a missing doc)
    db.install(name, after, commitTime);
    changes.push({ name, before, after });
  }
  return changes;
}

/**
 * Applies all writes atomically at `commitTime`: either every write succeeds
 * and is installed, or an RpcError is thrown and nothing changes. Writes to
 * the same document within one commit see each other's effects.
 */
export function applyWrites(db: Database, writes: Write[], commitTime: Micros): CommitOutcome {
  const staged = stageWrites(db, writes, commitTime);
  return { results: staged.results, changes: installStaged(db, staged, commitTime) };
}

/**
 * Applies one write to the current state of its document. Returns the new
 * state (the same object as `before` when the write changed nothing).
 */
export function applyWrite(
  w: Write,
  name: string,
  before: Document | null,
  commitTime: Micros,
): { doc: Document | null; result: WriteResult } {
  checkPrecondition(w, name, before);
  if (w.delete !== undefined) return { doc: null, result: {} };

  let fields: Record<string, Value>;
  let transforms = w.updateTransforms ?? [];
  if (w.update) {
    // An empty mask (update() of transforms only) decodes as {} without
    // fieldPaths; it still means "patch", not "replace".
    const mask = w.updateMask ? w.updateMask.fieldPaths ?? [] : undefined;
    if (mask) {
      fields = before?.fields ?? {};
      for (const p of mask) {
        const v = getField(w.update.fields, p);
        fields = v === undefined ? deleteField(fields, p) : setField(fields, p, v);
      }
    } else {
      fields = w.update.fields ?? {};
    }
  } else {
    // A standalone transform write applies to the existing document (or a new one).
    fields = before?.fields ?? {};
    transforms = w.transform?.fieldTransforms ?? [];
  }
  for (const t of transforms) parseFieldPath(t.fieldPath); // validates
  let transformResults: Value[] | undefined;
  if (transforms.length > 0) {
    const applied = applyTransforms(fields, transforms, commitTime);
    fields = applied.fields;
    transformResults = applied.results;
  }
  fields = truncateTimestamps(fields);
  if (before && fieldsEqual(before.fields, fields)) {
    // Firestore keeps the previous updateTime when a write changes nothing.
    return { doc: before, result: { updateTime: before.updateTime, transformResults } };
  }
  const time = toTimestamp(commitTime);
  const doc: Document = { name, fields, createTime: before?.createTime ?? time, updateTime: time };
  return { doc, result: { updateTime: time, transformResults } };
}

function checkPrecondition(w: Write, name: string, before: Document | null): void {
  const pre = w.currentDocument;
  if (!pre) return;
  if (pre.exists !== undefined && pre.exists !== null) {
    if (pre.exists && !before) throw notFound(`No document to update: ${name}`);
    if (!pre.exists && before) throw alreadyExists(`Document already exists: ${name}`);
  } else if (pre.updateTime) {
    if (!before || fromTimestamp(before.updateTime!) !== fromTimestamp(pre.updateTime)) {
      throw failedPrecondition(
        before
          ? `The document "${name}" has been modified since the given update time`
          : `The document "${name}" does not exist (updateTime precondition)`,
      );
    }
  }
}

function isPreconditionError(e: unknown): e is RpcError {
  return e instanceof RpcError && (e.code === status.NOT_FOUND || e.code === status.ALREADY_EXISTS || e.code === status.FAILED_PRECONDITION);
}

/** Whether `e` is an RpcError (for per-write statuses in BatchWrite). */
export function isRpcError(e: unknown): e is RpcError {
  return e instanceof RpcError;
}
