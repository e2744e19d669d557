/**
 * The hand-written gRPC transport (src/grpc-transport.ts), driven by the
 * grpc-js client that firebase-admin itself uses, plus raw HTTP/2 where a test
 * needs bytes no well-behaved client sends. The Firestore service's method
 * definitions carry the messages; the handlers here are test doubles of the
 * emulator's, so each protocol path can be provoked on purpose.
 *
 * The wire tests run against both transports: the hand-written one and
 * grpc-js's Server (the reference), so any difference between the two shows
 * up here. The one intended difference: grpc-js accepts gzip-compressed
 * requests, ours refuses them with UNIMPLEMENTED (no Firestore client sends
 * them).
 */
import * as http2 from 'node:http2';
import * as net from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { RpcError } from '../src/errors';
import { createGrpcJsServer } from '../src/grpc-js-transport';
import { createGrpcServer, MessageReader, percentEncode, type DuplexCall, type GrpcHandler, type MethodDefinition } from '../src/grpc-transport';
import { firestoreService } from '../src/proto';
import { FRAME, grpcHeaders, h2Frame, rawH2Connect, rstStream } from './raw-h2';

const SERVICE = firestoreService() as unknown as Record<string, MethodDefinition>;
const DB = 'projects/demo-transport/databases/(default)';
const Client = grpc.makeGenericClientConstructor(firestoreService(), 'Firestore');
type AnyClient = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

const frame = (payload: Buffer, flag = 0): Buffer => {
  const header = Buffer.alloc(5);
  header[0] = flag;
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
};

describe('MessageReader', () => {
  const collect = (reader: MessageReader, chunks: Buffer[]): { messages: string[]; failure?: { code: number } } => {
    const messages: string[] = [];
    for (const c of chunks) {
      const failure = reader.push(c, (m) => messages.push(m.toString()));
      if (failure) return { messages, failure };
    }
    return { messages };
  };

  test('reassembles a message delivered one byte at a time', () => {
    const bytes = frame(Buffer.from('hello'));
    const reader = new MessageReader(100);
    expect(collect(reader, [...bytes].map((b) => Buffer.from([b])))).toEqual({ messages: ['hello'] });
    expect(reader.pendingBytes).toBe(0);
  });

  test('splits several messages in one chunk and keeps a trailing partial one', () => {
    const bytes = Buffer.concat([frame(Buffer.from('a')), frame(Buffer.from('')), frame(Buffer.from('bc')), frame(Buffer.from('def')).subarray(0, 6)]);
    const reader = new MessageReader(100);
    expect(collect(reader, [bytes])).toEqual({ messages: ['a', '', 'bc'] });
    expect(reader.pendingBytes).toBe(6);
  });

  test('a large message in many 16 KiB chunks, followed by a small one in the same last chunk', () => {
    const big = Buffer.alloc(1024 * 1024, 7);
    const bytes = Buffer.concat([frame(big), frame(Buffer.from('tail'))]);
    const reader = new MessageReader(2 * 1024 * 1024);
    const sizes: number[] = [];
    for (let at = 0; at < bytes.length; at += 16384) {
      expect(reader.push(bytes.subarray(at, at + 16384), (m) => sizes.push(m.length))).toBeUndefined();
    }
    expect(sizes).toEqual([big.length, 4]);
    expect(reader.pendingBytes).toBe(0);
  });

  test('refuses compressed, oversized and malformed frames', () => {
    expect(collect(new MessageReader(100), [frame(Buffer.from('x'), 1)]).failure?.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(collect(new MessageReader(3), [frame(Buffer.from('toolong'))]).failure?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(collect(new MessageReader(100), [frame(Buffer.from('x'), 7)]).failure?.code).toBe(grpc.status.INTERNAL);
  });
});

describe('percentEncode', () => {
  test.each([
    ['plain ASCII, reserved characters kept: a/b:c?d', 'plain ASCII, reserved characters kept: a/b:c?d'],
    ['100%', '100%25'],
    ['línea\nnext', 'l%C3%ADnea%0Anext'],
  ])('%j → %j, and decodeURI (what grpc-js does) restores it', (input, encoded) => {
    expect(percentEncode(input)).toBe(encoded);
    expect(decodeURI(percentEncode(input))).toBe(input);
  });
});

describe.each([
  { transport: 'http2 (grpc-transport.ts)', create: createGrpcServer, acceptsCompressed: false },
  { transport: 'grpc-js (reference)', create: createGrpcJsServer, acceptsCompressed: true },
])('over the wire: $transport', ({ create, acceptsCompressed }) => {
  let tcp: net.Server;
  let transport: ReturnType<typeof createGrpcServer>;
  let client: AnyClient;
  let address: string;
  /** What the duplex test handler observed. */
  const duplexEvents: string[] = [];
  let releaseSlowStream: (() => void) | undefined;
  let slowStreamWrites = 0;

  /** Response messages of RunAggregationQuery serialized so far (the transport serializes as it sends). */
  let bigStreamSerialized = 0;
  const BIG_MESSAGES = 2000;
  const service: Record<string, MethodDefinition> = {
    ...SERVICE,
    RunAggregationQuery: {
      ...SERVICE['RunAggregationQuery']!,
      responseSerialize: (message: unknown) => {
        bigStreamSerialized++;
        return SERVICE['RunAggregationQuery']!.responseSerialize(message);
      },
    },
  };

  const handlers: Record<string, GrpcHandler> = {
    // server stream writing ~20 MB at once, as a big RunQuery result would
    RunAggregationQuery: {
      kind: 'serverStream',
      handle: async (_req, write) => {
        const big = 'x'.repeat(10_000);
        for (let i = 0; i < BIG_MESSAGES; i++) write({ result: { aggregateFields: { i: { integerValue: String(i) }, big: { stringValue: big } } } });
      },
    },
    // unary: echoes the database name as the transaction id, or fails as asked
    BeginTransaction: {
      kind: 'unary',
      handle: (req) => {
        const database = (req as { database?: string }).database ?? ''; // empty in the raw HTTP/2 tests' requests
        if (database.endsWith('/throws')) throw new RpcError(grpc.status.FAILED_PRECONDITION, 'não pode: 100% "quoted" /path');
        if (database.endsWith('/rejects')) return Promise.reject(new RpcError(grpc.status.ABORTED, 'later'));
        return Promise.resolve({ transaction: Buffer.from(database) });
      },
    },
    // server stream: one message per requested document, then an error if asked
    BatchGetDocuments: {
      kind: 'serverStream',
      handle: async (req, write) => {
        const { documents = [] } = req as { documents?: string[] };
        for (const name of documents) write({ missing: name });
        if (documents.includes(`${DB}/documents/fail/after`)) throw new RpcError(grpc.status.DATA_LOSS, 'after two messages');
      },
    },
    // server stream that waits until the test releases it (for cancellation)
    RunQuery: {
      kind: 'serverStream',
      handle: async (_req, write) => {
        write({ readTime: { seconds: '1', nanos: 0 } });
        await new Promise<void>((resolve) => (releaseSlowStream = resolve));
        for (let i = 0; i < 3; i++) {
          write({ readTime: { seconds: '2', nanos: 0 } });
          slowStreamWrites++;
        }
      },
    },
    // duplex: answers each request with a target change, ends on half-close
    Listen: {
      kind: 'duplex',
      handle: (call: DuplexCall) => {
        call.on('data', (req: { removeTarget?: number }) => {
          duplexEvents.push('data');
          call.write({ targetChange: { targetChangeType: 'REMOVE', targetIds: [req.removeTarget ?? 0] } });
        });
        call.on('end', () => {
          duplexEvents.push('end');
          call.end();
        });
        call.on('cancelled', () => duplexEvents.push('cancelled'));
      },
    },
  };

  beforeAll(async () => {
    transport = create(service, handlers, { maxMessageBytes: 1024 });
    tcp = net.createServer((socket) => transport.handleConnection(socket));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(tcp.address() as net.AddressInfo).port}`;
    client = new Client(address, grpc.credentials.createInsecure()) as AnyClient;
  });

  afterAll(async () => {
    client.close();
    await transport.stop(100);
    await new Promise((resolve) => tcp.close(resolve));
  });

  const unary = (method: string, req: object, c: AnyClient = client): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) =>
      c[method]!(req, (err: grpc.ServiceError | null, res: Record<string, unknown>) => (err ? reject(err) : resolve(res))),
    );
  const stream = (method: string, req: object): Promise<{ messages: unknown[]; status: grpc.StatusObject }> =>
    new Promise((resolve) => {
      const messages: unknown[] = [];
      const call = client[method]!(req) as grpc.ClientReadableStream<unknown>;
      call.on('data', (m) => messages.push(m));
      call.on('error', () => undefined); // reported through 'status'
      call.on('status', (status: grpc.StatusObject) => resolve({ messages, status }));
    });

  test('unary: a sync or async result is the response', async () => {
    expect(await unary('BeginTransaction', { database: DB })).toMatchObject({ transaction: Buffer.from(DB) });
  });

  test('unary: a thrown or rejected RpcError is the status, and the message survives percent-encoding', async () => {
    await expect(unary('BeginTransaction', { database: `${DB}/throws` })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: 'não pode: 100% "quoted" /path',
    });
    await expect(unary('BeginTransaction', { database: `${DB}/rejects` })).rejects.toMatchObject({ code: grpc.status.ABORTED });
  });

  test('a method without a handler answers UNIMPLEMENTED, and so does an unknown path', async () => {
    await expect(unary('Rollback', { database: DB })).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    const unknown = new Promise((resolve, reject) =>
      client.makeUnaryRequest('/google.firestore.v1.Firestore/NoSuchMethod', (x: Buffer) => x, (x: Buffer) => x, Buffer.alloc(0), (err, res) =>
        err ? reject(err) : resolve(res),
      ),
    );
    await expect(unknown).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
  });

  test('server stream: every message, then OK; an error after messages arrives as the final status', async () => {
    const ok = await stream('BatchGetDocuments', { database: DB, documents: [`${DB}/documents/a/1`, `${DB}/documents/a/2`] });
    expect(ok.messages).toHaveLength(2);
    expect(ok.status.code).toBe(grpc.status.OK);
    const failed = await stream('BatchGetDocuments', { database: DB, documents: [`${DB}/documents/a/1`, `${DB}/documents/fail/after`] });
    expect(failed.messages).toHaveLength(2);
    expect(failed.status).toMatchObject({ code: grpc.status.DATA_LOSS, details: 'after two messages' });
  });

  test('a request over the size limit ends with RESOURCE_EXHAUSTED', async () => {
    await expect(unary('BeginTransaction', { database: `${DB}/${'x'.repeat(2000)}` })).rejects.toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
    });
  });

  test(acceptsCompressed ? 'a compressed request is accepted' : 'a compressed request is refused with UNIMPLEMENTED', async () => {
    const gzipClient = new Client(address, grpc.credentials.createInsecure(), { 'grpc.default_compression_algorithm': 2 }) as AnyClient;
    try {
      const call = unary('BeginTransaction', { database: DB }, gzipClient);
      if (acceptsCompressed) await expect(call).resolves.toHaveProperty('transaction');
      else await expect(call).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    } finally {
      gzipClient.close();
    }
  });

  test('a cancelled server stream gets no more writes and the server keeps serving', async () => {
    const call = client['RunQuery']!({ parent: `${DB}/documents` }) as grpc.ClientReadableStream<unknown>;
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    call.on('error', () => undefined);
    await new Promise((resolve) => call.once('data', resolve));
    call.cancel();
    expect((await status).code).toBe(grpc.status.CANCELLED);
    releaseSlowStream!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(slowStreamWrites).toBe(3); // the handler ran to the end; its writes were dropped without an error
    expect(await unary('BeginTransaction', { database: DB })).toHaveProperty('transaction');
  });

  test('duplex: requests and responses interleave; half-close ends with OK; cancel is surfaced', async () => {
    duplexEvents.length = 0;
    const call = client['Listen']!() as grpc.ClientDuplexStream<object, { targetChange: { targetIds: number[] } }>;
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    const got: number[] = [];
    call.on('data', (m) => got.push(m.targetChange.targetIds[0]!));
    for (const id of [1, 2, 3]) {
      call.write({ removeTarget: id });
      await new Promise((resolve) => call.once('data', resolve));
    }
    call.end();
    expect((await status).code).toBe(grpc.status.OK);
    expect(got).toEqual([1, 2, 3]);
    expect(duplexEvents).toEqual(['data', 'data', 'data', 'end']);

    duplexEvents.length = 0;
    const cancelled = client['Listen']!() as grpc.ClientDuplexStream<object, object>;
    cancelled.on('error', () => undefined);
    cancelled.write({ removeTarget: 9 });
    await new Promise((resolve) => cancelled.once('data', resolve));
    cancelled.cancel();
    const until = Date.now() + 2000;
    while (!duplexEvents.includes('cancelled') && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(duplexEvents).toEqual(['data', 'cancelled']);
  });

  test('a client that does not read holds back serialization (bounded memory); once it reads, every message arrives in order', async () => {
    bigStreamSerialized = 0;
    type Aggregate = { result: { aggregateFields: { i: { integerValue: string } } } };
    const call = client['RunAggregationQuery']!({ parent: `${DB}/documents` }) as grpc.ClientReadableStream<Aggregate>;
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    const got: number[] = [];
    await new Promise((resolve) => call.once('data', resolve)); // the stream is flowing
    call.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bigStreamSerialized).toBeLessThan(BIG_MESSAGES / 4); // ~1 MiB of 20 MB, plus flow-control windows
    call.on('data', (m: Aggregate) => got.push(Number(m.result.aggregateFields.i.integerValue)));
    call.resume();
    expect((await status).code).toBe(grpc.status.OK);
    expect(got).toEqual(Array.from({ length: BIG_MESSAGES - 1 }, (_, i) => i + 1)); // all but the first, in order
  });

  test.each([
    ['no request bytes', 0],
    ['half a message', 1],
    ['a whole message, not half-closed', 2],
  ])('raw HTTP/2: RST_STREAM(NO_ERROR) after %s leaves the server serving', async (_label, parts) => {
    // node:http2 closes such a stream but ends its readable side first; answering then used to throw.
    const [host, port] = address.split(':');
    const socket = await rawH2Connect(host!, Number(port));
    try {
      const message = frame(Buffer.alloc(0)); // an empty BeginTransactionRequest / RollbackRequest
      let streamId = 1;
      for (const path of [SERVICE['BeginTransaction']!.path, SERVICE['Rollback']!.path]) {
        const bytes = [grpcHeaders(streamId, path)];
        if (parts === 1) bytes.push(h2Frame(FRAME.DATA, 0, streamId, message.subarray(0, 3)));
        if (parts === 2) bytes.push(h2Frame(FRAME.DATA, 0, streamId, message));
        bytes.push(rstStream(streamId, http2.constants.NGHTTP2_NO_ERROR));
        socket.write(Buffer.concat(bytes));
        streamId += 2;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      socket.destroy();
    }
    expect(await unary('BeginTransaction', { database: DB })).toHaveProperty('transaction');
  });

  test('raw HTTP/2: a non-gRPC request gets 415; a unary call with two or zero messages gets UNIMPLEMENTED', async () => {
    const session = http2.connect(`http://${address}`);
    try {
      const get = session.request({ ':method': 'GET', ':path': '/' });
      const httpStatus = await new Promise((resolve) => get.on('response', (h) => resolve(h[':status'])));
      get.resume();
      expect(httpStatus).toBe(415);

      const body = frame(Buffer.alloc(0)); // an empty protobuf message is a valid request
      const unaryWith = (bytes: Buffer): Promise<unknown> => {
        const call = session.request({ ':method': 'POST', ':path': SERVICE['BeginTransaction']!.path, 'content-type': 'application/grpc' });
        const grpcStatus = new Promise((resolve) => {
          call.on('response', (h) => h['grpc-status'] !== undefined && resolve(h['grpc-status']));
          call.on('trailers', (h) => resolve(h['grpc-status']));
        });
        call.end(bytes);
        call.resume();
        return grpcStatus;
      };
      expect(await unaryWith(Buffer.concat([body, body]))).toBe(String(grpc.status.UNIMPLEMENTED));
      expect(await unaryWith(Buffer.alloc(0))).toBe(String(grpc.status.UNIMPLEMENTED));
    } finally {
      session.close();
    }
  });

});

test('a handler of the wrong kind is refused when the server is built', () => {
  expect(() => createGrpcServer(SERVICE, { Listen: { kind: 'unary', handle: () => ({}) } }, { maxMessageBytes: 1 })).toThrow(/duplex/);
});
