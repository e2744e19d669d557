/**
 * The google.firestore.v1 JSON descriptor both protobuf runtimes load (gRPC:
 * proto.ts via proto-loader; REST: proto-json.ts via protobufjs): the one
 * shipped with @google-cloud/firestore, plus what the Firebase client SDKs
 * send that the published protos leave out.
 *
 * `Write.verify` (field 5, in the `operation` oneof): the client SDKs' form of
 * "a document this transaction read but does not write" — a write that only
 * checks its `currentDocument` precondition (firebase-js-sdk VerifyMutation,
 * whose bundled protos carry the field). Without it protobuf drops the field
 * as unknown and every transaction that reads a document it does not write
 * fails with "Write has no operation".
 */
import * as path from 'node:path';

type Node = { nested?: Record<string, Node>; fields?: Record<string, unknown>; oneofs?: Record<string, { oneof: string[] }> };

let cached: Record<string, unknown> | undefined;

/** Copies `node.nested[key]` so that patching it leaves the shared (require-cached) descriptor alone. */
function own(node: Node, key: string): Node {
  const copy: Node = { ...node.nested![key]! };
  if (copy.nested) copy.nested = { ...copy.nested };
  node.nested = { ...node.nested, [key]: copy };
  return copy;
}

export function firestoreDescriptor(): Record<string, unknown> {
  if (!cached) {
    const file = path.join(path.dirname(require.resolve('@google-cloud/firestore/package.json')), 'build', 'protos', 'v1.json');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON descriptor, loaded lazily
    const shipped = require(file) as Node;
    const root: Node = { ...shipped, nested: { ...shipped.nested } };
    const write = own(own(own(own(root, 'google'), 'firestore'), 'v1'), 'Write');
    if (!write.fields!.verify) {
      write.fields = { ...write.fields, verify: { type: 'string', id: 5 } };
      const op = write.oneofs!.operation!;
      write.oneofs = { ...write.oneofs, operation: { ...op, oneof: [...op.oneof, 'verify'] } };
    }
    cached = root as Record<string, unknown>;
  }
  return cached;
}
