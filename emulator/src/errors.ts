/**
 * The one error type the emulator throws across module boundaries: a gRPC
 * status code plus message. The gRPC layer sends it as is; the REST layer maps
 * the code to an HTTP status.
 */
import { status } from '@grpc/grpc-js';
import { QueryError } from './engine';

/** An error carrying the gRPC status the client should receive. */
export class RpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** INVALID_ARGUMENT: the request is malformed. */
export const invalidArgument = (msg: string): RpcError => new RpcError(status.INVALID_ARGUMENT, msg);
/** NOT_FOUND: e.g. update() of a missing document. */
export const notFound = (msg: string): RpcError => new RpcError(status.NOT_FOUND, msg);
/** ALREADY_EXISTS: create() of an existing document. */
export const alreadyExists = (msg: string): RpcError => new RpcError(status.ALREADY_EXISTS, msg);
/** FAILED_PRECONDITION: stale updateTime precondition, readTime too old. */
export const failedPrecondition = (msg: string): RpcError => new RpcError(status.FAILED_PRECONDITION, msg);
/** ABORTED: transaction contention; the SDK retries the whole transaction. */
export const aborted = (msg: string): RpcError => new RpcError(status.ABORTED, msg);
/** UNIMPLEMENTED: an RPC or option the emulator does not support. */
export const unimplemented = (msg: string): RpcError => new RpcError(status.UNIMPLEMENTED, msg);

/** HTTP status for a gRPC code, used by the REST endpoints. */
export function httpStatusFor(code: status): number {
  switch (code) {
    case status.INVALID_ARGUMENT:
    case status.FAILED_PRECONDITION:
    case status.OUT_OF_RANGE:
      return 400;
    case status.UNAUTHENTICATED:
      return 401;
    case status.PERMISSION_DENIED:
      return 403;
    case status.RESOURCE_EXHAUSTED:
      return 429;
    case status.UNAVAILABLE:
      return 503;
    case status.NOT_FOUND:
      return 404;
    case status.ALREADY_EXISTS:
    case status.ABORTED:
      return 409;
    case status.UNIMPLEMENTED:
      return 501;
    default:
      return 500;
  }
}

/** Maps any thrown value to a gRPC status object. */
export function toStatus(e: unknown): { code: status; details: string } {
  if (e instanceof RpcError) return { code: e.code, details: e.message };
  if (e instanceof QueryError) return { code: status.INVALID_ARGUMENT, details: e.message };
  console.error('[nff-firestore-emulator] internal error:', e);
  return { code: status.INTERNAL, details: e instanceof Error ? e.message : String(e) };
}

