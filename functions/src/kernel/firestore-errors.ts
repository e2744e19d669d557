/**
 * gRPC status codes the repositories react to. Firestore's Node SDK reports
 * them as a numeric `code` on the error; naming them once keeps the
 * repositories from each carrying their own magic number.
 */

/** gRPC ALREADY_EXISTS: create() met an existing document. */
const GRPC_ALREADY_EXISTS = 6;

/** True when `error` is Firestore's ALREADY_EXISTS (a create() that lost a race). */
export function isAlreadyExists(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === GRPC_ALREADY_EXISTS;
}
