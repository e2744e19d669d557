/**
 * A small gRPC server on node:http2: the transport under the Firestore
 * service (grpc-service.ts), in place of @grpc/grpc-js's Server.
 *
 * Why hand-written: the target is sequential set/get throughput, and
 * with firebase-admin as the client every microsecond of server latency is on
 * the critical path. Measured on 2026-11-21 (emulator/bench, 2 cores): behind
 * grpc-js's Server a sequential set cost the emulator process ~285 µs of CPU,
 * of which ~22 µs was emulator code; a bare node:http2 endpoint answering the
 * same call costs ~150 µs. grpc-js spends the difference on features an
 * emulator on loopback does not use (interceptors, compression negotiation,
 * deadline timers, channelz, per-call metadata objects). No maintained
 * package offers a leaner gRPC server over node:http2 with dynamic
 * (proto-loader) message types.
 *
 * What it implements, from the gRPC over HTTP/2 protocol spec: unary,
 * server-streaming and bidirectional calls; length-prefixed uncompressed
 * messages (a compressed one is refused with UNIMPLEMENTED); status and a
 * percent-encoded message in the trailers (trailers-only responses for calls
 * that fail before their first message); client cancellation (RST_STREAM),
 * surfaced to handlers as cancellation; a maximum message size. Of the
 * request metadata only `authorization` is passed on (the caller's identity,
 * see identity.ts); grpc-timeout is ignored, as a client enforces its own
 * deadline by cancelling.
 *
 * Invariant: every call ends exactly once — with trailers carrying a status,
 * or by the client's cancellation — and nothing is written after that.
 */
import { EventEmitter } from 'node:events';
import * as http2 from 'node:http2';
import type * as net from 'node:net';
import { status } from '@grpc/grpc-js';
import { toStatus } from './errors';

/** A status to end a call with. */
export interface CallStatus {
  code: status;
  details: string;
}

/** One method of a proto-loader service definition. */
export interface MethodDefinition {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  requestDeserialize(bytes: Buffer): unknown;
  responseSerialize(message: unknown): Buffer;
}

/** The request metadata handlers see: only what identifies the caller. */
export interface CallMeta {
  /** The `authorization` header, e.g. `Bearer owner` or `Bearer <emulator JWT>`. */
  authorization?: string;
}

/** The bidirectional call a duplex handler gets. Events: 'data' (a request), 'end' (client half-close), 'cancelled'. */
export interface DuplexCall extends EventEmitter {
  /** The call's request metadata. */
  readonly meta: CallMeta;
  /** Sends a message; ignored once the call has ended. */
  write(message: object): void;
  /** Ends the call with status OK. */
  end(): void;
  /** Ends the call with an error status. */
  fail(error: CallStatus): void;
}

/** How a method is served. Unary handlers may return a promise; throwing (or rejecting) sends the error's status. */
export type GrpcHandler =
  | { kind: 'unary'; handle(request: unknown, meta: CallMeta): unknown }
  | { kind: 'serverStream'; handle(request: unknown, write: (message: object) => void, meta: CallMeta): Promise<void> }
  | { kind: 'duplex'; handle(call: DuplexCall): void };

export interface GrpcServerOptions {
  /** Largest request message accepted (bytes); larger ones end the call with RESOURCE_EXHAUSTED. */
  maxMessageBytes: number;
}

/** The running transport: sockets are handed in, stop() drains and closes the sessions. */
export interface GrpcServer {
  /** Serves HTTP/2 on an already accepted socket (its first bytes may have been unshifted). */
  handleConnection(socket: net.Socket): void;
  /** Graceful stop: GOAWAY, let open calls finish for up to graceMs, then close every session. */
  stop(graceMs: number): Promise<void>;
}

const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc' };
const OK_TRAILERS = { 'grpc-status': '0' };
const MESSAGE_PREFIX_BYTES = 5;

/** Builds the server for one service; every method without a handler answers UNIMPLEMENTED. */
export function createGrpcServer(
  service: Record<string, MethodDefinition>,
  handlers: Record<string, GrpcHandler>,
  options: GrpcServerOptions,
): GrpcServer {
  const methods = new Map<string, { definition: MethodDefinition; handler?: GrpcHandler }>();
  for (const [name, definition] of Object.entries(service)) {
    const handler = handlers[name];
    if (handler && handler.kind !== kindOf(definition)) {
      throw new Error(`handler for ${name} is ${handler.kind}, the method is ${kindOf(definition)}`);
    }
    methods.set(definition.path, { definition, handler });
  }

  // maxSessionMemory: node:http2's default (10 MB of buffered frames per
  // session) would reset sessions that carry large batch writes or queries.
  const h2 = http2.createServer({ maxSessionMemory: Number.MAX_SAFE_INTEGER });
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => session.destroy());
  });
  h2.on('stream', (stream, headers) => {
    stream.on('error', () => undefined); // a reset by the client; 'close' follows
    const contentType = headers['content-type'];
    if (headers[':method'] !== 'POST' || typeof contentType !== 'string' || !contentType.startsWith('application/grpc')) {
      // The gRPC spec answers a non-gRPC request with plain HTTP 415.
      stream.respond({ ':status': 415 }, { endStream: true });
      return;
    }
    const method = methods.get(String(headers[':path']));
    const call = new ServerCall(stream, method?.definition);
    if (!method?.handler) {
      call.finish({ code: status.UNIMPLEMENTED, details: `Method not found: ${String(headers[':path'])}` });
      return;
    }
    const authorization = headers.authorization;
    serve(call, method.definition, method.handler, options.maxMessageBytes, typeof authorization === 'string' ? { authorization } : {});
  });

  return {
    handleConnection: (socket) => h2.emit('connection', socket),
    stop: async (graceMs) => {
      const open = [...sessions];
      await Promise.all(
        open.map(
          (session) =>
            new Promise<void>((resolve) => {
              if (session.closed || session.destroyed) return resolve();
              const timer = setTimeout(() => session.destroy(), graceMs);
              session.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
              session.close(); // GOAWAY; closes once the open streams end
            }),
        ),
      );
    },
  };
}

function kindOf(definition: MethodDefinition): GrpcHandler['kind'] {
  if (definition.requestStream) return 'duplex'; // the Firestore service has no client-streaming-only method
  return definition.responseStream ? 'serverStream' : 'unary';
}

/** Reads requests off the stream and runs the handler. */
function serve(call: ServerCall, definition: MethodDefinition, handler: GrpcHandler, maxMessageBytes: number, meta: CallMeta): void {
  const reader = new MessageReader(maxMessageBytes);
  const decode = (bytes: Buffer): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: definition.requestDeserialize(bytes) };
    } catch (e) {
      call.finish({ code: status.INTERNAL, details: `Error deserializing request: ${e instanceof Error ? e.message : String(e)}` });
      return { ok: false };
    }
  };

  if (handler.kind === 'duplex') {
    const duplex = new ServerDuplexCall(call, meta);
    call.onCancel = () => duplex.emit('cancelled');
    handler.handle(duplex);
    call.stream.on('data', (chunk: Buffer) => {
      if (call.gone) return;
      const failure = reader.push(chunk, (bytes) => {
        const decoded = decode(bytes);
        if (decoded.ok && !call.gone) duplex.emit('data', decoded.value);
      });
      if (failure) call.finish(failure);
    });
    // node:http2 also ends the readable side when the client resets the
    // stream, just before 'close'; deferring by one turn lets a cancellation
    // be reported as 'cancelled' rather than as a half-close.
    call.stream.on('end', () =>
      setImmediate(() => {
        if (!call.gone) duplex.emit('end');
      }),
    );
    return;
  }

  // Unary and server-streaming calls carry exactly one request message.
  const requests: Buffer[] = [];
  call.stream.on('data', (chunk: Buffer) => {
    if (call.gone) return; // already answered (e.g. an oversized message); the rest is discarded
    const failure = reader.push(chunk, (bytes) => requests.push(bytes));
    if (failure) call.finish(failure);
    else if (requests.length > 1) call.finish({ code: status.UNIMPLEMENTED, details: 'Expected exactly one request message, got more' });
  });
  call.stream.on('end', () => {
    if (call.gone) return; // answered already, or reset by the client
    if (requests.length !== 1 || reader.pendingBytes > 0) {
      // UNIMPLEMENTED, as grpc-js answers the same protocol violation.
      return call.finish({ code: status.UNIMPLEMENTED, details: `Expected exactly one request message, got ${requests.length}` });
    }
    const decoded = decode(requests[0]!);
    if (!decoded.ok) return;
    if (handler.kind === 'unary') runUnary(call, (request) => handler.handle(request, meta), decoded.value);
    else {
      handler.handle(decoded.value, (message) => call.send(message), meta).then(
        () => call.finish({ code: status.OK, details: '' }),
        (e: unknown) => call.finish(toStatus(e)),
      );
    }
  });
}

function runUnary(call: ServerCall, handle: (request: unknown) => unknown, request: unknown): void {
  let out: unknown;
  try {
    out = handle(request);
  } catch (e) {
    return call.finish(toStatus(e));
  }
  if (out instanceof Promise) {
    out.then(
      (response: unknown) => call.sendOnly(response),
      (e: unknown) => call.finish(toStatus(e)),
    );
  } else {
    call.sendOnly(out);
  }
}

/**
 * Bytes a server stream may have queued in node:http2 before further messages
 * wait as objects (unserialized) for 'drain': a client that does not read
 * costs the emulator at most this much per stream, not its whole result set.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** One call's response side: headers once, messages, trailers once. */
class ServerCall {
  ended = false;
  onCancel: (() => void) | undefined;
  private headersSent = false;
  private trailers: Record<string, string> = OK_TRAILERS;
  /** Messages waiting for the stream to drain, and the status to end with once they are out. */
  private waiting: unknown[] = [];
  private finalStatus: CallStatus | undefined;

  constructor(
    readonly stream: http2.ServerHttp2Stream,
    private readonly definition: MethodDefinition | undefined,
  ) {
    stream.on('close', () => {
      this.waiting = [];
      if (this.ended) return;
      this.ended = true; // cancelled by the client (or the connection went away)
      this.onCancel?.();
    });
  }

  /**
   * Whether nothing may be sent any more. `closed` matters on its own: after
   * a client's RST_STREAM(NO_ERROR) node:http2 still ends the readable side
   * before destroying the stream, and respond() on it would throw.
   */
  get gone(): boolean {
    return this.ended || this.stream.closed || this.stream.destroyed;
  }

  /** Sends one message of a streaming response (queued while the client is not reading). */
  send(message: unknown): void {
    if (this.gone || this.finalStatus) return;
    if (this.waiting.length > 0 || this.stream.writableLength >= MAX_BUFFERED_BYTES) {
      if (this.waiting.push(message) === 1) this.stream.once('drain', () => this.flush());
      return;
    }
    this.write(message);
  }

  /** A unary response: headers, the message and OK trailers in one go. */
  sendOnly(message: unknown): void {
    const frame = this.serialize(message);
    if (!frame || this.gone) return;
    this.ended = true;
    this.sendHeaders();
    this.stream.end(frame);
  }

  /** Ends the call with a status (OK included), after any messages still waiting to be sent. */
  finish(result: CallStatus): void {
    if (this.gone) {
      this.ended = true;
      return;
    }
    if (this.waiting.length > 0) {
      this.finalStatus ??= result;
      return;
    }
    this.ended = true;
    const trailers: Record<string, string> = { 'grpc-status': String(result.code) };
    if (result.details) trailers['grpc-message'] = percentEncode(result.details);
    if (!this.headersSent) {
      // Trailers-only response: the status travels in the one HEADERS frame.
      this.stream.respond({ ...RESPONSE_HEADERS, ...trailers }, { endStream: true });
      return;
    }
    this.trailers = trailers;
    this.stream.end();
  }

  private write(message: unknown): void {
    const frame = this.serialize(message);
    if (!frame || this.gone) return;
    this.sendHeaders();
    this.stream.write(frame);
  }

  /** Sends waiting messages until the buffer is full again; ends the call if it was finished meanwhile. */
  private flush(): void {
    while (this.waiting.length > 0 && !this.gone && this.stream.writableLength < MAX_BUFFERED_BYTES) {
      this.write(this.waiting.shift());
    }
    if (this.gone) return;
    if (this.waiting.length > 0) {
      this.stream.once('drain', () => this.flush());
      return;
    }
    if (this.finalStatus) this.finish(this.finalStatus);
  }

  private sendHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    this.stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
    this.stream.once('wantTrailers', () => {
      if (!this.stream.destroyed && !this.stream.closed) this.stream.sendTrailers(this.trailers);
    });
  }

  /** The length-prefixed frame of a response, or undefined after ending the call with INTERNAL. */
  private serialize(message: unknown): Buffer | undefined {
    if (this.gone) return undefined;
    let payload: Buffer;
    try {
      payload = this.definition!.responseSerialize(message);
    } catch (e) {
      this.waiting = [];
      this.finish({ code: status.INTERNAL, details: `Error serializing response: ${e instanceof Error ? e.message : String(e)}` });
      return undefined;
    }
    const frame = Buffer.allocUnsafe(MESSAGE_PREFIX_BYTES + payload.length);
    frame[0] = 0; // not compressed
    frame.writeUInt32BE(payload.length, 1);
    payload.copy(frame, MESSAGE_PREFIX_BYTES);
    return frame;
  }
}

class ServerDuplexCall extends EventEmitter implements DuplexCall {
  constructor(
    private readonly call: ServerCall,
    readonly meta: CallMeta,
  ) {
    super();
  }
  write(message: object): void {
    this.call.send(message);
  }
  end(): void {
    this.call.finish({ code: status.OK, details: '' });
  }
  fail(error: CallStatus): void {
    this.call.finish(error);
  }
}

/**
 * Splits the request byte stream into messages (5-byte prefix: compressed
 * flag, big-endian length). Chunks may hold part of a message or several.
 * Chunks are kept as a list and joined once per message, so a large message
 * arriving in many 16 KiB DATA frames is copied once, not once per frame.
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxMessageBytes: number) {}

  /** Bytes received that do not yet form a whole message. */
  get pendingBytes(): number {
    return this.size;
  }

  /** Feeds a chunk; calls onMessage per complete message; returns a status when the stream violates the protocol. */
  push(chunk: Buffer, onMessage: (message: Buffer) => void): CallStatus | undefined {
    if (chunk.length === 0) return undefined;
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size >= MESSAGE_PREFIX_BYTES) {
      if (this.chunks[0]!.length < MESSAGE_PREFIX_BYTES) this.chunks = [Buffer.concat(this.chunks, this.size)];
      const head = this.chunks[0]!;
      const flag = head[0];
      const length = head.readUInt32BE(1);
      if (flag !== 0) {
        return flag === 1
          ? { code: status.UNIMPLEMENTED, details: 'Compressed messages are not supported; send identity-encoded messages' }
          : { code: status.INTERNAL, details: `Invalid message flag ${flag}` };
      }
      if (length > this.maxMessageBytes) {
        return { code: status.RESOURCE_EXHAUSTED, details: `Received message larger than max (${length} vs. ${this.maxMessageBytes})` };
      }
      if (this.size < MESSAGE_PREFIX_BYTES + length) break;
      onMessage(this.take(MESSAGE_PREFIX_BYTES + length).subarray(MESSAGE_PREFIX_BYTES));
    }
    return undefined;
  }

  /** Removes and returns the first n buffered bytes (n <= size). */
  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      const rest = first.subarray(n);
      if (rest.length > 0) this.chunks[0] = rest;
      else this.chunks.shift();
    } else {
      const all = Buffer.concat(this.chunks, this.size);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.size -= n;
    return out;
  }
}

/**
 * grpc-message encoding (gRPC over HTTP/2 spec): UTF-8 bytes outside printable
 * ASCII, and '%', become %XX. Clients decode it back (grpc-js with decodeURI,
 * which is why reserved characters such as '/' must stay literal).
 */
export function percentEncode(message: string): string {
  if (/^[\x20-\x24\x26-\x7e]*$/.test(message)) return message;
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
