/**
 * The Firestore REST surface (`/v1/...`, HTTP/1.1, same port): what
 * `firebase/firestore/lite` and plain HTTP clients call. Each route decodes
 * the proto3 JSON body (proto-json.ts), runs the very handler the gRPC
 * transport runs (grpc-service.ts, identity and rules included) and encodes
 * the answer; server-streaming methods answer a JSON array of their
 * messages, as Google's REST gateway does.
 *
 * | route | method |
 * |---|---|
 * | `GET /v1/{document name}` | GetDocument (`mask.fieldPaths`, `transaction`, `readTime` query params) |
 * | `POST /v1/{database}/documents:commit` / `:batchWrite` / `:beginTransaction` / `:rollback` | unary |
 * | `POST /v1/{database}/documents:batchGet` | BatchGetDocuments (array) |
 * | `POST /v1/{parent}:runQuery` / `:runAggregationQuery` | streaming (array) |
 *
 * Errors: `{"error": {"code": <http status>, "message", "status": "PERMISSION_DENIED"}}`
 * with the HTTP status of the gRPC code (403 for PERMISSION_DENIED), as Google APIs answer.
 */
import type * as http from 'node:http';
import { status as grpcStatus } from '@grpc/grpc-js';
import { httpStatusFor, RpcError, toStatus } from './errors';
import type { GrpcHandler } from './grpc-transport';
import { firestoreType, fromJson, toJson } from './proto-json';

interface Route {
  method: string;
  handler: string;
  request: string;
  response: string;
  /** The URL part that names the request's resource field. */
  field: 'database' | 'parent' | 'name';
}

const BY_VERB: Record<string, Route> = {
  commit: { method: 'POST', handler: 'Commit', request: 'CommitRequest', response: 'CommitResponse', field: 'database' },
  batchWrite: { method: 'POST', handler: 'BatchWrite', request: 'BatchWriteRequest', response: 'BatchWriteResponse', field: 'database' },
  beginTransaction: { method: 'POST', handler: 'BeginTransaction', request: 'BeginTransactionRequest', response: 'BeginTransactionResponse', field: 'database' },
  rollback: { method: 'POST', handler: 'Rollback', request: 'RollbackRequest', response: 'google.protobuf.Empty', field: 'database' },
  batchGet: { method: 'POST', handler: 'BatchGetDocuments', request: 'BatchGetDocumentsRequest', response: 'BatchGetDocumentsResponse', field: 'database' },
  runQuery: { method: 'POST', handler: 'RunQuery', request: 'RunQueryRequest', response: 'RunQueryResponse', field: 'parent' },
  runAggregationQuery: {
    method: 'POST',
    handler: 'RunAggregationQuery',
    request: 'RunAggregationQueryRequest',
    response: 'RunAggregationQueryResponse',
    field: 'parent',
  },
};

/** Serves one `/v1/...` request with the gRPC handlers; body already parsed. */
export async function serveFirestoreRest(
  handlers: Record<string, GrpcHandler>,
  req: http.IncomingMessage,
  url: URL,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  try {
    return { status: 200, body: await dispatch(handlers, req, url, body) };
  } catch (e) {
    const { code, details } = toStatus(e);
    return { status: httpStatusFor(code), body: { error: { code: httpStatusFor(code), message: details, status: grpcStatus[code] } } };
  }
}

async function dispatch(handlers: Record<string, GrpcHandler>, req: http.IncomingMessage, url: URL, body: unknown): Promise<unknown> {
  const resource = decodeURIComponent(url.pathname.slice('/v1/'.length));
  const authorization = typeof req.headers.authorization === 'string' ? { authorization: req.headers.authorization } : {};
  const colon = resource.lastIndexOf(':');
  const verb = colon > resource.lastIndexOf('/') ? resource.slice(colon + 1) : undefined;

  if (verb === undefined) {
    if (req.method !== 'GET') throw new RpcError(grpcStatus.UNIMPLEMENTED, `${req.method} ${url.pathname} is not supported by the emulator's REST surface`);
    const request: Record<string, unknown> = { name: resource };
    const mask = url.searchParams.getAll('mask.fieldPaths');
    if (mask.length > 0) request.mask = { fieldPaths: mask };
    const transaction = url.searchParams.get('transaction');
    if (transaction) request.transaction = Buffer.from(transaction, 'base64');
    const readTime = url.searchParams.get('readTime');
    if (readTime) Object.assign(request, fromJson(firestoreType('GetDocumentRequest'), { readTime }));
    const doc = await run(handlers, 'GetDocument', request, authorization);
    return toJson(firestoreType('Document'), doc[0]);
  }

  const route = BY_VERB[verb];
  if (!route || req.method !== route.method) throw new RpcError(grpcStatus.UNIMPLEMENTED, `${req.method} ${url.pathname} is not supported by the emulator's REST surface`);
  const target = resource.slice(0, colon);
  const decoded = fromJson(firestoreType(route.request), body ?? {});
  if (route.field === 'database' && !target.endsWith('/documents')) throw new RpcError(grpcStatus.INVALID_ARGUMENT, `Expected .../documents:${verb}`);
  decoded[route.field] = route.field === 'database' ? target.slice(0, -'/documents'.length) : target;
  const messages = await run(handlers, route.handler, decoded, authorization);
  const type = firestoreType(route.response);
  const json = messages.map((m) => toJson(type, m));
  return handlers[route.handler]!.kind === 'serverStream' ? json : json[0];
}

async function run(handlers: Record<string, GrpcHandler>, name: string, request: unknown, meta: { authorization?: string }): Promise<unknown[]> {
  const handler = handlers[name];
  if (!handler || handler.kind === 'duplex') throw new RpcError(grpcStatus.UNIMPLEMENTED, `${name} has no REST form`);
  if (handler.kind === 'unary') return [await handler.handle(request, meta)];
  const out: unknown[] = [];
  await handler.handle(request, (m) => out.push(m), meta);
  return out;
}
