/**
 * google.firestore.v1.Firestore over gRPC: translates requests to Emulator
 * calls and errors to gRPC statuses. The `authorization` metadata names the
 * caller (identity.ts); for callers other than `Bearer owner`, on projects
 * with rules, every read and write passes security.ts first. The REST
 * surface (rest-firestore.ts) serves these same handlers.
 */
import { status } from '@grpc/grpc-js';
import { toTimestamp } from './clock';
import type { Emulator, ReadSelector, TransactionOptions } from './core';
import type { Write } from './commit';
import { RpcError, invalidArgument, unimplemented as unimplementedError } from './errors';
import type { CallMeta, DuplexCall, GrpcHandler } from './grpc-transport';
import { handleListen } from './listen';
import { assertDocumentName, parseDatabaseName } from './paths';
import { authorizeGets, authorizeQuery, commitGuard, permissionDenied, type Security } from './security';
import { handleWrite } from './write-stream';
import { applyMask, listCollectionIds, listDocuments, parentOf, runAggregation, runQuery, type ListDocumentsRequest } from './reads';
import type { Document, StructuredAggregationQuery, StructuredQuery } from './types';

/** A unary method; the transport sends what it returns, or the status of what it throws. */
function unary<Req>(fn: (req: Req, meta: CallMeta) => unknown): GrpcHandler {
  return { kind: 'unary', handle: (request, meta) => fn(request as Req, meta) };
}

/** A server-streaming method: `write` sends one response message; the call ends OK when fn resolves. */
function serverStream<Req>(fn: (req: Req, write: (msg: object) => void, meta: CallMeta) => Promise<void>): GrpcHandler {
  return { kind: 'serverStream', handle: (request, write, meta) => fn(request as Req, write, meta) };
}

function unimplemented(method: string): GrpcHandler {
  return unary(() => {
    throw unimplementedError(`The NFF Firestore emulator does not implement google.firestore.v1.Firestore/${method}`);
  });
}

interface GetDocumentRequest extends ReadSelector {
  name: string;
  mask?: { fieldPaths?: string[] };
}
interface BatchGetRequest extends ReadSelector {
  database: string;
  documents?: string[];
  mask?: { fieldPaths?: string[] };
}
interface RunQueryRequest extends ReadSelector {
  parent: string;
  structuredQuery?: StructuredQuery;
  explainOptions?: unknown;
}
interface RunAggregationRequest extends ReadSelector {
  parent: string;
  structuredAggregationQuery?: StructuredAggregationQuery;
}

/** Builds the handler per method of google.firestore.v1.Firestore (see grpc-transport.ts). */
export function firestoreHandlers(emu: Emulator, security: Security): Record<string, GrpcHandler> {
  const dbOf = (name: string): string => {
    parseDatabaseName(name);
    return name;
  };
  return {
    GetDocument: unary(async (req: GetDocumentRequest, meta) => {
      const { database } = assertDocumentName(req.name);
      const access = security.access(meta.authorization, database);
      const ctx = emu.readContext(database, req);
      if (access) authorizeGets(access, emu.db(database), [req.name], emu.clock.readTime(), ctx.snapshot);
      await emu.lockForRead(ctx, [req.name]);
      const doc = emu.db(database).getAt(req.name, ctx.snapshot);
      if (!doc) throw new RpcError(status.NOT_FOUND, `Document "${req.name}" not found`);
      return applyMask(doc, req.mask?.fieldPaths);
    }),

    BatchGetDocuments: serverStream(async (req: BatchGetRequest, write, meta) => {
      const database = dbOf(req.database);
      const names = req.documents ?? [];
      for (const n of names) assertDocumentName(n, database);
      const access = security.access(meta.authorization, database);
      const ctx = emu.readContext(database, req);
      if (access) authorizeGets(access, emu.db(database), names, emu.clock.readTime(), ctx.snapshot);
      await emu.lockForRead(ctx, names);
      const db = emu.db(database);
      const readTime = toTimestamp(ctx.snapshot ?? emu.clock.readTime());
      let transaction = ctx.newTransactionId;
      for (const name of names) {
        const doc = db.getAt(name, ctx.snapshot);
        const msg: Record<string, unknown> = doc ? { found: applyMask(doc, req.mask?.fieldPaths) } : { missing: name };
        msg.readTime = readTime;
        if (transaction) msg.transaction = transaction;
        transaction = undefined;
        write(msg);
      }
      if (transaction) write({ transaction, readTime });
    }),

    RunQuery: serverStream(async (req: RunQueryRequest, write, meta) => {
      if (!req.structuredQuery) throw invalidArgument('structuredQuery is required');
      if (req.explainOptions) throw unimplementedError('The NFF Firestore emulator does not support query explain (explainOptions)');
      const { database, parent } = parentOf(req.parent);
      const access = security.access(meta.authorization, database);
      const ctx = emu.readContext(database, req);
      const db = emu.db(database);
      if (access) authorizeQuery(access, db, parent, req.structuredQuery, emu.clock.readTime(), ctx.snapshot);
      const docs = await runQuery(emu, db, parent, req.structuredQuery, ctx);
      const readTime = toTimestamp(ctx.snapshot ?? emu.clock.readTime());
      let transaction = ctx.newTransactionId;
      for (const document of docs) {
        write(transaction ? { document, readTime, transaction } : { document, readTime });
        transaction = undefined;
      }
      if (docs.length === 0) write(transaction ? { readTime, transaction } : { readTime });
    }),

    RunAggregationQuery: serverStream(async (req: RunAggregationRequest, write, meta) => {
      if (!req.structuredAggregationQuery?.structuredQuery) throw invalidArgument('structuredAggregationQuery is required');
      const { database, parent } = parentOf(req.parent);
      const access = security.access(meta.authorization, database);
      const ctx = emu.readContext(database, req);
      if (access) authorizeQuery(access, emu.db(database), parent, req.structuredAggregationQuery.structuredQuery, emu.clock.readTime(), ctx.snapshot);
      const fields = await runAggregation(emu, emu.db(database), parent, req.structuredAggregationQuery, ctx);
      const readTime = toTimestamp(ctx.snapshot ?? emu.clock.readTime());
      const msg: Record<string, unknown> = { result: { aggregateFields: fields }, readTime };
      if (ctx.newTransactionId) msg.transaction = ctx.newTransactionId;
      write(msg);
    }),

    Commit: unary(async (req: { database: string; writes?: Write[]; transaction?: Buffer }, meta) => {
      const access = security.access(meta.authorization, dbOf(req.database));
      const { results, commitTime } = await emu.commit(req.database, req.writes ?? [], req.transaction, access && commitGuard(access));
      return { writeResults: results, commitTime: toTimestamp(commitTime) };
    }),

    BatchWrite: unary(async (req: { database: string; writes?: Write[] }, meta) => {
      const access = security.access(meta.authorization, dbOf(req.database));
      return emu.batchWrite(req.database, req.writes ?? [], access && commitGuard(access));
    }),

    BeginTransaction: unary((req: { database: string; options?: TransactionOptions }) => ({
      transaction: emu.begin(dbOf(req.database), req.options).id,
    })),

    Rollback: unary((req: { database: string; transaction?: Buffer }) => {
      if (!req.transaction || req.transaction.length === 0) throw invalidArgument('transaction is required');
      emu.rollback(dbOf(req.database), req.transaction);
      return {};
    }),

    ListDocuments: unary(async (req: ListDocumentsRequest & ReadSelector, meta) => {
      const { database, parent } = parentOf(req.parent);
      const access = security.access(meta.authorization, database);
      const ctx = emu.readContext(database, req);
      // A listing is a list of the collection, unfiltered.
      if (access) authorizeQuery(access, emu.db(database), parent, { from: [{ collectionId: req.collectionId }] }, emu.clock.readTime(), ctx.snapshot);
      const out = listDocuments(emu.db(database), { ...req, parent }, ctx);
      await emu.lockForRead(ctx, out.documents.map((d: Document) => d.name));
      return out;
    }),

    ListCollectionIds: unary((req: { parent: string; pageSize?: number; pageToken?: string }, meta) => {
      const { database, parent } = parentOf(req.parent);
      // Only server SDKs list collection ids; rules have no method for it, so a rules-bound caller is refused.
      if (security.access(meta.authorization, database)) throw permissionDenied({ allowed: false, reason: 'listCollectionIds is for privileged callers only' }, 'listCollectionIds');
      return listCollectionIds(emu.db(database), { ...req, parent });
    }),

    Listen: { kind: 'duplex', handle: (call: DuplexCall) => handleListen(emu, security, call) },

    UpdateDocument: unimplemented('UpdateDocument'),
    DeleteDocument: unimplemented('DeleteDocument'),
    CreateDocument: unimplemented('CreateDocument'),
    PartitionQuery: unimplemented('PartitionQuery'),
    Write: { kind: 'duplex', handle: (call: DuplexCall) => handleWrite(emu, security, call) },
  };
}
