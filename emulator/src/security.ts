/**
 * Enforcement points: turns a request (caller, database, documents, query,
 * staged writes) into Ruleset calls (rules/api.ts) and a refusal into
 * PERMISSION_DENIED. The transports (grpc-service.ts, listen.ts,
 * write-stream.ts, rest-firestore.ts) decide where to call these.
 *
 * Invariants:
 * - `access()` is the only way to a Ruleset, and answers undefined — no
 *   check at all, nothing parsed — for the privileged caller (`Bearer owner`)
 *   and for projects without rules (open rules, as the official emulator).
 * - A write list is judged as a whole (batch or transaction: all or
 *   nothing): every written document must be allowed before anything is
 *   installed (CommitGuard runs inside Emulator.commit's atomic section).
 * - Access calls (get/exists/getAfter/existsAfter) share one budget per
 *   request: 10 for a single-document request or a query, 20 for a
 *   multi-document read or write (the documented limits).
 */
import { status } from '@grpc/grpc-js';
import type { Micros } from './clock';
import { toTimestamp } from './clock';
import type { CommitGuard } from './core';
import { RpcError } from './errors';
import { callerOf, isOwner } from './identity';
import { parseDatabaseName, parseName } from './paths';
import type { RulesRegistry } from './rules-registry';
import type { Decision, DocumentReader, RequestContext, RulesAuth, RulesMethod, Ruleset } from './rules/api';
import type { Database } from './store';
import type { Document, StructuredQuery } from './types';

/** Access-call budget of a single-document request or a query. */
const SINGLE_BUDGET = 10;
/** Access-call budget of a multi-document read, batched write or transaction. */
const MULTI_BUDGET = 20;

/** What a non-privileged request is checked against. */
export interface Access {
  ruleset: Ruleset;
  auth: RulesAuth | null;
  projectId: string;
  /** The database id, e.g. `(default)`. */
  databaseId: string;
}

/** The rules side of the emulator: the registry plus who is asking. */
export class Security {
  constructor(readonly registry: RulesRegistry) {}

  /**
   * The checks a request by this caller on this database must pass, or
   * undefined when none apply (privileged caller, or no rules for the project).
   * Throws UNAUTHENTICATED for an unreadable authorization header.
   */
  access(authorization: string | undefined, database: string): Access | undefined {
    if (isOwner(authorization)) return undefined;
    const { project, database: databaseId } = parseDatabaseName(database);
    const ruleset = this.registry.rulesFor(project);
    if (!ruleset) return undefined;
    const caller = callerOf(authorization);
    if (caller.kind === 'owner') return undefined;
    return { ruleset, auth: caller.kind === 'user' ? caller.auth : null, projectId: project, databaseId };
  }
}

/** The error a denied request ends with (status 7, what assertFails and the SDKs' `permission-denied` expect). */
export function permissionDenied(decision: Decision, what: string): RpcError {
  return new RpcError(status.PERMISSION_DENIED, `Missing or insufficient permissions: ${decision.reason} (${what})`);
}

function context(access: Access, time: Micros, reader: DocumentReader, budget: number): RequestContext {
  return {
    projectId: access.projectId,
    databaseId: access.databaseId,
    auth: access.auth,
    time: toTimestamp(time),
    reader,
    budget: { remaining: budget },
  };
}

/** Reads of the current (or snapshot) state: before and after are the same. */
function stateReader(db: Database, snapshot: Micros | undefined): DocumentReader {
  const get = (name: string): Document | null => db.getAt(name, snapshot);
  return { get, getAfter: get };
}

/**
 * Authorizes `get` of each named document (GetDocument, BatchGetDocuments,
 * Listen document targets): throws PERMISSION_DENIED if any one is denied.
 */
export function authorizeGets(access: Access, db: Database, names: readonly string[], time: Micros, snapshot?: Micros): void {
  const ctx = context(access, time, stateReader(db, snapshot), names.length > 1 ? MULTI_BUDGET : SINGLE_BUDGET);
  for (const name of names) {
    const path = parseName(name).path;
    const decision = access.ruleset.authorizeDocument({ method: 'get', path, resource: db.getAt(name, snapshot) }, ctx);
    if (!decision.allowed) throw permissionDenied(decision, `get ${path}`);
  }
}

/**
 * Authorizes a list (RunQuery, RunAggregationQuery, Listen query targets):
 * rules are not filters, so the whole query is allowed or denied.
 */
export function authorizeQuery(access: Access, db: Database, parent: string, query: StructuredQuery, time: Micros, snapshot?: Micros): void {
  const ctx = context(access, time, stateReader(db, snapshot), SINGLE_BUDGET);
  const rel = parseName(parent).path;
  const decision = access.ruleset.authorizeQuery({ parent: rel, query }, ctx);
  if (!decision.allowed) {
    const coll = query.from?.[0]?.collectionId ?? '';
    throw permissionDenied(decision, `list ${rel ? `${rel}/` : ''}${coll}`);
  }
}

/**
 * The CommitGuard of a non-privileged commit: each written document is
 * judged as create, update or delete on its state before the request and
 * after the whole write list (transforms and masks applied, request.time =
 * commit time); getAfter() sees the whole list applied.
 */
export function commitGuard(access: Access): CommitGuard {
  return (db, staged, commitTime) => {
    const reader: DocumentReader = {
      get: (name) => db.get(name),
      getAfter: (name) => (staged.after.has(name) ? staged.after.get(name)! : db.get(name)),
    };
    const ctx = context(access, commitTime, reader, staged.after.size > 1 ? MULTI_BUDGET : SINGLE_BUDGET);
    for (const [name, after] of staged.after) {
      const before = staged.before.get(name) ?? null;
      const method: Exclude<RulesMethod, 'list' | 'get'> = after === null ? 'delete' : before === null ? 'create' : 'update';
      const path = parseName(name).path;
      const decision = access.ruleset.authorizeDocument(
        { method, path, resource: before, requestResource: method === 'delete' ? undefined : after },
        ctx,
      );
      if (!decision.allowed) throw permissionDenied(decision, `${method} ${path}`);
    }
  };
}
