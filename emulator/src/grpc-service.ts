/**
 * google.firestore.v1.Firestore over gRPC: translates requests to Emulator
 * calls and errors to gRPC statuses. Metadata (authorization, resource
 * prefix headers) is accepted and ignored, as the official emulator does.
 */
import * as grpc from '@grpc/grpc-js';
import { toTimestamp } from './clock';
import type { Emulator, ReadSelector, TransactionOptions } from './core';
import type { Write } from './commit';
import { RpcError, invalidArgument, toStatus, unimplemented as unimplementedError } from './errors';
import { handleListen } from './listen';
import { assertDocumentName, parseDatabaseName } from './paths';
import { applyMask, listCollectionIds, listDocuments, parentOf, runAggregation, runQuery, type ListDocumentsRequest } from './reads';
import type { Document, StructuredAggregationQuery, StructuredQuery } from './types';

type Unary = (call: grpc.ServerUnaryCall<any, any>, cb: grpc.sendUnaryData<any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- generic over every message type
type ServerStream = (call: grpc.ServerWritableStream<any, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- generic over every message type

function unary<Req, Res>(fn: (req: Req) => Res | Promise<Res>): Unary {
  return (call, cb) => {
    let out: Res | Promise<Res>;
    try {
      out = fn(call.request as Req);
    } catch (e) {
      cb(toStatus(e));
      return;
    }
    if (out instanceof Promise) out.then((r) => cb(null, r), (e: unknown) => cb(toStatus(e)));
    else cb(null, out);
  };
}

function serverStream<Req>(fn: (req: Req, write: (msg: object) => void) => Promise<void>): ServerStream {
  return (call) => {
    let cancelled = false;
    call.on('cancelled', () => (cancelled = true));
    fn(call.request as Req, (msg) => {
      if (!cancelled) call.write(msg);
    }).then(
      () => call.end(),
      (e: unknown) => call.emit('error', toStatus(e)),
    );
  };
}

function unimplemented(method: string): Unary {
  return (_call, cb) =>
    cb({ code: grpc.status.UNIMPLEMENTED, details: `The NFF Firestore emulator does not implement google.firestore.v1.Firestore/${method}` });
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

/** Builds the handler map for grpc.Server#addService. */
export function firestoreHandlers(emu: Emulator): grpc.UntypedServiceImplementation {
  const dbOf = (name: string): string => {
    parseDatabaseName(name);
    return name;
  };
  return {
    GetDocument: unary(async (req: GetDocumentRequest) => {
      const { database } = assertDocumentName(req.name);
      const ctx = emu.readContext(database, req);
      await emu.lockForRead(ctx, [req.name]);
      const doc = emu.db(database).getAt(req.name, ctx.snapshot);
      if (!doc) throw new RpcError(grpc.status.NOT_FOUND, `Document "${req.name}" not found`);
      return applyMask(doc, req.mask?.fieldPaths);
    }),

    BatchGetDocuments: serverStream(async (req: BatchGetRequest, write) => {
      const database = dbOf(req.database);
      const names = req.documents ?? [];
      for (const n of names) assertDocumentName(n, database);
      const ctx = emu.readContext(database, req);
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

    RunQuery: serverStream(async (req: RunQueryRequest, write) => {
      if (!req.structuredQuery) throw invalidArgument('structuredQuery is required');
      if (req.explainOptions) throw unimplementedError('The NFF Firestore emulator does not support query explain (explainOptions)');
      const { database, parent } = parentOf(req.parent);
      const ctx = emu.readContext(database, req);
      const db = emu.db(database);
      const docs = await runQuery(emu, db, parent, req.structuredQuery, ctx);
      const readTime = toTimestamp(ctx.snapshot ?? emu.clock.readTime());
      let transaction = ctx.newTransactionId;
      for (const document of docs) {
        write(transaction ? { document, readTime, transaction } : { document, readTime });
        transaction = undefined;
      }
      if (docs.length === 0) write(transaction ? { readTime, transaction } : { readTime });
    }),

    RunAggregationQuery: serverStream(async (req: RunAggregationRequest, write) => {
      if (!req.structuredAggregationQuery?.structuredQuery) throw invalidArgument('structuredAggregationQuery is required');
      const { database, parent } = parentOf(req.parent);
      const ctx = emu.readContext(database, req);
      const fields = await runAggregation(emu, emu.db(database), parent, req.structuredAggregationQuery, ctx);
      const readTime = toTimestamp(ctx.snapshot ?? emu.clock.readTime());
      const msg: Record<string, unknown> = { result: { aggregateFields: fields }, readTime };
      if (ctx.newTransactionId) msg.transaction = ctx.newTransactionId;
      write(msg);
    }),

    Commit: unary(async (req: { database: string; writes?: Write[]; transaction?: Buffer }) => {
      const { results, commitTime } = await emu.commit(dbOf(req.database), req.writes ?? [], req.transaction);
      return { writeResults: results, commitTime: toTimestamp(commitTime) };
    }),

    BatchWrite: unary(async (req: { database: string; writes?: Write[] }) => emu.batchWrite(dbOf(req.database), req.writes ?? [])),

    BeginTransaction: unary((req: { database: string; options?: TransactionOptions }) => ({
      transaction: emu.begin(dbOf(req.database), req.options).id,
    })),

    Rollback: unary((req: { database: string; transaction?: Buffer }) => {
      if (!req.transaction || req.transaction.length === 0) throw invalidArgument('transaction is required');
      emu.rollback(dbOf(req.database), req.transaction);
      return {};
    }),

    ListDocuments: unary(async (req: ListDocumentsRequest & ReadSelector) => {
      const { database, parent } = parentOf(req.parent);
      const ctx = emu.readContext(database, req);
      const out = listDocuments(emu.db(database), { ...req, parent }, ctx);
      await emu.lockForRead(ctx, out.documents.map((d: Document) => d.name));
      return out;
    }),

    ListCollectionIds: unary((req: { parent: string; pageSize?: number; pageToken?: string }) => {
      const { database, parent } = parentOf(req.parent);
      return listCollectionIds(emu.db(database), { ...req, parent });
    }),

    Listen: (call: grpc.ServerDuplexStream<unknown, unknown>) => handleListen(emu, call),

    UpdateDocument: unimplemented('UpdateDocument'),
    DeleteDocument: unimplemented('DeleteDocument'),
    CreateDocument: unimplemented('CreateDocument'),
    PartitionQuery: unimplemented('PartitionQuery'),
    Write: (call: grpc.ServerDuplexStream<unknown, unknown>) =>
      call.emit('error', {
        code: grpc.status.UNIMPLEMENTED,
        details: 'The NFF Firestore emulator does not implement google.firestore.v1.Firestore/Write (the web/mobile streaming write protocol)',
      }),
  };
}
