/**
 * The reference transport: the same handlers (GrpcHandler) served by
 * @grpc/grpc-js's Server. It is not the default — grpc-transport.ts is
 * faster (see its header) — but it stays because:
 * - the transport tests run against both, which proves the hand-written one
 *   behaves like the library everyone trusts;
 * - it is the escape hatch if a client ever trips over the hand-written one:
 *   `start({ transport: 'grpc-js' })` or `nff-firestore-emulator --transport grpc-js`.
 */
import { EventEmitter } from 'node:events';
import type * as net from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { toStatus } from './errors';
import type { CallMeta, DuplexCall, GrpcHandler, GrpcServer, GrpcServerOptions, MethodDefinition } from './grpc-transport';

/** How long stop() lets just-ended calls flush their trailers before shutting down. */
const TRAILER_FLUSH_MS = 20;

/** Builds a grpc-js Server for one service; same contract as createGrpcServer. */
export function createGrpcJsServer(
  service: Record<string, MethodDefinition>,
  handlers: Record<string, GrpcHandler>,
  options: GrpcServerOptions,
): GrpcServer {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxMessageBytes,
    'grpc.max_send_message_length': -1, // as in grpc-transport.ts, only requests are limited
  });
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) implementation[name] = adapt(handler);
  server.addService(service as unknown as grpc.ServiceDefinition, implementation);
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  return {
    handleConnection: (socket: net.Socket) => injector.injectConnection(socket),
    stop: async (graceMs) => {
      // Since Node 24 an http2 server's close() closes its sessions at once,
      // and grpc-js's tryShutdown() closes that server first: frames that calls
      // ended by emu.close() have queued (their status trailers) would be cut
      // and the client would see CANCELLED. Give them a moment to reach the wire.
      await new Promise((resolve) => setTimeout(resolve, TRAILER_FLUSH_MS));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      server.forceShutdown();
    },
  };
}

// grpc-js's call types are generic over message types the handlers treat as unknown.
/* eslint-disable @typescript-eslint/no-explicit-any -- grpc-js handler signatures are typed with any */
function adapt(handler: GrpcHandler): grpc.UntypedHandleCall {
  switch (handler.kind) {
    case 'unary':
      return (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
        let out: unknown;
        try {
          out = handler.handle(call.request, metaOf(call.metadata));
        } catch (e) {
          return callback(toStatus(e));
        }
        Promise.resolve(out).then(
          (response) => callback(null, response),
          (e: unknown) => callback(toStatus(e)),
        );
      };
    case 'serverStream':
      return (call: grpc.ServerWritableStream<any, any>) => {
        let cancelled = false;
        call.on('cancelled', () => (cancelled = true));
        handler
          .handle(
            call.request,
            (message) => {
              if (!cancelled) call.write(message);
            },
            metaOf(call.metadata),
          )
          .then(
            () => call.end(),
            (e: unknown) => call.emit('error', toStatus(e)),
          );
      };
    case 'duplex':
      return (call: grpc.ServerDuplexStream<any, any>) => {
        const duplex = new GrpcJsDuplexCall(call);
        handler.handle(duplex);
        call.on('data', (message: unknown) => duplex.emit('data', message));
        // As in grpc-transport.ts: a client reset also ends the readable side
        // just before 'cancelled'; one turn later it is known which it was.
        call.on('end', () => setImmediate(() => duplex.emitEndUnlessEnded()));
      };
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function metaOf(metadata: grpc.Metadata): CallMeta {
  const authorization = metadata.get('authorization')[0];
  return typeof authorization === 'string' ? { authorization } : {};
}

class GrpcJsDuplexCall extends EventEmitter implements DuplexCall {
  private ended = false;
  readonly meta: CallMeta;
  constructor(private readonly call: grpc.ServerDuplexStream<unknown, unknown>) {
    super();
    this.meta = metaOf(call.metadata);
    // grpc-js also emits 'cancelled' when a call it has already ended closes;
    // handlers only hear of a cancellation that cut a live call.
    call.on('cancelled', () => {
      if (this.ended) return;
      this.ended = true;
      this.emit('cancelled');
    });
  }
  emitEndUnlessEnded(): void {
    if (!this.ended) this.emit('end');
  }
  write(message: object): void {
    if (!this.ended) this.call.write(message);
  }
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.call.end();
  }
  fail(error: { code: grpc.status; details: string }): void {
    if (this.ended) return;
    this.ended = true;
    this.call.emit('error', error);
  }
}
