/**
 * The Write RPC: the bidirectional stream the Firebase client SDKs (web,
 * Android, iOS) send their mutations on, as their persistent write stream
 * drives it:
 *
 * 1. handshake: the first request carries `database` and no writes; the
 *    answer carries a `streamId` and a `streamToken` and no results;
 * 2. every later request carries `writes` (and the last `streamToken`); each
 *    is committed atomically, in order, and answered with one response
 *    holding a new `streamToken`, the `commitTime` and one write result per
 *    write;
 * 3. a request that fails (precondition, PERMISSION_DENIED, ...) ends the
 *    stream with its status. The SDK then rejects the batch at the head of
 *    its queue — which is that request, since requests are answered in
 *    order — and reopens the stream for the rest.
 *
 * Requests are processed one at a time even if the client pipelines them,
 * so responses can never overtake each other.
 */
import { randomBytes } from 'node:crypto';
import type { status } from '@grpc/grpc-js';
import { toTimestamp } from './clock';
import type { Write } from './commit';
import type { Emulator } from './core';
import { invalidArgument, toStatus } from './errors';
import type { DuplexCall } from './grpc-transport';
import { parseDatabaseName } from './paths';
import { commitGuard, type Security } from './security';

interface WriteRequest {
  database?: string;
  streamId?: string;
  writes?: Write[];
  streamToken?: Buffer | Uint8Array;
}

/** Serves one Write stream until the client closes it or a request fails. */
export function handleWrite(emu: Emulator, security: Security, call: DuplexCall): void {
  const streamId = randomBytes(8).toString('hex');
  let database: string | undefined;
  let sequence = 0;
  let ended = false;
  let queue: Promise<void> = Promise.resolve();
  const token = (): Buffer => Buffer.from(`${streamId}:${++sequence}`);

  const finish = (fail?: { code: status; details: string }): void => {
    if (ended) return;
    ended = true;
    unregisterClose();
    if (fail) call.fail(fail);
    else call.end();
  };
  const unregisterClose = emu.onClose(() => finish());
  call.on('cancelled', () => {
    ended = true;
    unregisterClose();
  });
  call.on('end', () => {
    queue = queue.then(() => finish());
  });
  call.on('data', (raw: unknown) => {
    const req = raw as WriteRequest;
    queue = queue.then(() => (ended ? undefined : handle(req))).catch((e: unknown) => finish(toStatus(e)));
  });

  async function handle(req: WriteRequest): Promise<void> {
    if (database === undefined) {
      if (!req.database) throw invalidArgument('The first request of a Write stream must name the database');
      parseDatabaseName(req.database);
      if (req.writes && req.writes.length > 0) throw invalidArgument('The first request of a Write stream (the handshake) must not carry writes');
      database = req.database;
      call.write({ streamId, streamToken: token() });
      return;
    }
    if (req.database && req.database !== database) throw invalidArgument(`The Write stream is bound to ${database}, not ${req.database}`);
    const access = security.access(call.meta.authorization, database);
    const { results, commitTime } = await emu.commit(database, req.writes ?? [], undefined, access && commitGuard(access));
    if (ended) return;
    call.write({ streamId, streamToken: token(), commitTime: toTimestamp(commitTime), writeResults: results });
  }
}

