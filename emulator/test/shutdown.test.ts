/**
 * stop() is graceful: calls in flight when the emulator stops end cleanly
 * instead of being cancelled by the connection teardown. A raw grpc-js client
 * is used so the test controls exactly when the half-close is sent. Both
 * transports (the default http2 one and the grpc-js reference) are checked.
 */
import * as grpc from '@grpc/grpc-js';
import { start, type RunningEmulator } from '../src';
import { firestoreService } from '../src/proto';

const DB = 'projects/demo-shutdown/databases/(default)';
const DOC = `${DB}/documents/a/b`;
const Client = grpc.makeGenericClientConstructor(firestoreService(), 'Firestore');

describe.each(['http2', 'grpc-js'] as const)('transport: %s', (transport) => {
  let server: RunningEmulator;
  let client: grpc.Client & Record<string, (...args: unknown[]) => unknown>;

  beforeEach(async () => {
    server = await start({ port: 0, quiet: true, transport });
    client = new Client(server.url, grpc.credentials.createInsecure()) as typeof client;
  });

  afterEach(async () => {
    client.close();
    await server.stop(); // idempotent
  });

  /** Opens a Listen stream on DOC and resolves once the server has answered. */
  async function openListen(): Promise<{ call: grpc.ClientDuplexStream<object, object>; status: Promise<grpc.status> }> {
    const call = client['Listen']!() as grpc.ClientDuplexStream<object, object>;
    const status = new Promise<grpc.status>((resolve) => call.on('status', (s: grpc.StatusObject) => resolve(s.code)));
    call.on('error', () => undefined); // the status promise reports the outcome
    const first = new Promise((resolve) => call.once('data', resolve));
    call.write({ database: DB, addTarget: { targetId: 1, documents: { documents: [DOC] } } });
    await first;
    return { call, status };
  }

  test('a Listen stream half-closed just before stop() still ends with OK', async () => {
    const { call, status } = await openListen();
    call.end(); // what firebase-admin does on unsubscribe()
    const stopped = server.stop(); // same tick: the half-close is still in flight
    expect(await status).toBe(grpc.status.OK);
    await stopped;
  });

  test('an open Listen stream is ended with OK and stop() does not wait for the client', async () => {
    const { status } = await openListen();
    const t0 = Date.now();
    await server.stop();
    expect(await status).toBe(grpc.status.OK);
    expect(Date.now() - t0).toBeLessThan(500); // well under the 1 s grace period
  });

  test('a write waiting for a transaction lock completes during shutdown', async () => {
    const unary = (method: string, req: object): Promise<Record<string, unknown>> =>
      new Promise((resolve, reject) =>
        client[method]!(req, (err: grpc.ServiceError | null, res: Record<string, unknown>) => (err ? reject(err) : resolve(res))));
    const { transaction } = await unary('BeginTransaction', { database: DB });
    await new Promise<void>((resolve, reject) => {
      // A transactional read locks DOC until commit/rollback.
      const s = client['BatchGetDocuments']!({ database: DB, documents: [DOC], transaction }) as grpc.ClientReadableStream<object>;
      s.on('data', () => undefined);
      s.on('error', reject);
      s.on('end', resolve);
    });
    const write = unary('Commit', { database: DB, writes: [{ update: { name: DOC, fields: {} } }] });
    await new Promise((r) => setTimeout(r, 50)); // the commit is now waiting for the lock
    const t0 = Date.now();
    await server.stop();
    await expect(write).resolves.toHaveProperty('commitTime');
    expect(Date.now() - t0).toBeLessThan(500);
  });
});
