/**
 * Just enough of an HTTP/2 client, written frame by frame, to send what
 * node:http2's client never does: e.g. RST_STREAM(NO_ERROR) on a stream whose
 * request side is still open. Test-only; see RFC 9113 (frames) and RFC 7541
 * (header blocks, here only "literal without indexing, new name").
 */
import * as net from 'node:net';

export const FRAME = { DATA: 0, HEADERS: 1, RST_STREAM: 3, SETTINGS: 4 } as const;
const END_HEADERS = 0x4;
const ACK = 0x1;

export function h2Frame(type: number, flags: number, streamId: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(9);
  header.writeUIntBE(payload.length, 0, 3);
  header[3] = type;
  header[4] = flags;
  header.writeUInt32BE(streamId, 5);
  return Buffer.concat([header, payload]);
}

/** A HEADERS frame (END_HEADERS, no END_STREAM) for a gRPC POST to `path`. */
export function grpcHeaders(streamId: number, path: string): Buffer {
  const literal = (name: string, value: string): Buffer => {
    const [n, v] = [Buffer.from(name), Buffer.from(value)];
    if (n.length > 126 || v.length > 126) throw new Error('header too long for this encoder');
    return Buffer.concat([Buffer.from([0x00, n.length]), n, Buffer.from([v.length]), v]);
  };
  const block = Buffer.concat([
    literal(':method', 'POST'),
    literal(':scheme', 'http'),
    literal(':path', path),
    literal(':authority', 'localhost'),
    literal('content-type', 'application/grpc'),
  ]);
  return h2Frame(FRAME.HEADERS, END_HEADERS, streamId, block);
}

export function rstStream(streamId: number, code: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(code);
  return h2Frame(FRAME.RST_STREAM, 0, streamId, payload);
}

/** Connects, sends the preface and empty SETTINGS, acknowledges the server's SETTINGS once. */
export async function rawH2Connect(host: string, port: number): Promise<net.Socket> {
  const socket = net.connect(port, host);
  socket.on('error', () => undefined);
  socket.once('data', () => socket.write(h2Frame(FRAME.SETTINGS, ACK, 0)));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), h2Frame(FRAME.SETTINGS, 0, 0)]));
  return socket;
}
