#!/usr/bin/env node
/**
 * MEASURING INSTRUMENT, not an emulator: a gRPC endpoint on raw node:http2
 * that answers Commit and BatchGetDocuments with the smallest valid response
 * and stores nothing (a get of `.../d<i>` returns a document whose field `i`
 * is <i>, which is what bench.mjs checks). It shows the ceiling any server can
 * reach through firebase-admin on this machine: whatever time a sequential
 * set/get still takes against it is spent in the client and the transport.
 *
 *   node emulator/bench/null-server.mjs [port]   # prints "READY <port>"
 */
import http2 from 'node:http2';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { firestoreService } = require('../lib/proto.js');
const service = firestoreService();
const TIME = { seconds: '1700000000', nanos: 0 };

/** gRPC length-prefixed message: 1 byte "not compressed", 4 bytes length. */
function frame(message) {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

function answer(path, body) {
  if (path.endsWith('/Commit')) {
    const req = service.Commit.requestDeserialize(body);
    return [service.Commit.responseSerialize({ writeResults: req.writes.map(() => ({ updateTime: TIME })), commitTime: TIME })];
  }
  if (path.endsWith('/BatchGetDocuments')) {
    const req = service.BatchGetDocuments.requestDeserialize(body);
    return req.documents.map((name) =>
      service.BatchGetDocuments.responseSerialize({
        found: { name, fields: { i: { integerValue: name.split('/d').pop() } }, createTime: TIME, updateTime: TIME },
        readTime: TIME,
      }),
    );
  }
  return undefined;
}

const server = http2.createServer();
server.on('stream', (stream, headers) => {
  const chunks = [];
  stream.on('data', (c) => chunks.push(c));
  stream.on('end', () => {
    const messages = answer(String(headers[':path']), Buffer.concat(chunks).subarray(5));
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () =>
      stream.sendTrailers(messages ? { 'grpc-status': '0' } : { 'grpc-status': '12', 'grpc-message': 'not implemented by the null server' }),
    );
    stream.end(messages ? Buffer.concat(messages.map(frame)) : undefined);
  });
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.stdout.write(`READY ${server.address().port}\n`));
