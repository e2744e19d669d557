/**
 * Smoke test of the embedded Firestore emulator server, through firebase-admin:
 * CRUD, preconditions, a contended transaction, a listener, the REST clear,
 * export/import, and trigger delivery decoded by firebase-functions exactly as
 * the firebase-tools Functions emulator hands it over.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { FieldValue, getFirestore, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { start, type RunningEmulator } from '../src';

const PROJECT = 'demo-server-smoke';
let server: RunningEmulator;
let app: App;
let db: Firestore;

const rest = (path: string, init?: RequestInit): Promise<Response> => fetch(`http://${server.url}${path}`, init);
const clear = async (): Promise<void> => {
  const res = await rest(`/emulator/v1/projects/${PROJECT}/databases/(default)/documents`, { method: 'DELETE' });
  expect(res.status).toBe(200);
};
const waitFor = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  server = await start({ port: 0, quiet: true });
  process.env.FIRESTORE_EMULATOR_HOST = server.url;
  // The default app: firebase-functions builds trigger snapshots with getApp().
  app = initializeApp({ projectId: PROJECT });
  db = getFirestore(app);
});

afterAll(async () => {
  await deleteApp(app);
  await server.stop();
});

beforeEach(clear);

test('readiness probe answers Ok on the gRPC port', async () => {
  const res = await rest('/');
  expect(await res.text()).toBe('Ok');
});

test('set / get / update with transforms / delete', async () => {
  const ref = db.doc('users/u1');
  await ref.set({ name: 'Ann', n: 1, tags: ['a'], at: Timestamp.fromMillis(1000) });
  let snap = await ref.get();
  expect(snap.data()).toEqual({ name: 'Ann', n: 1, tags: ['a'], at: Timestamp.fromMillis(1000) });
  await ref.update({ n: FieldValue.increment(2), tags: FieldValue.arrayUnion('b'), 'm.x': 1, ts: FieldValue.serverTimestamp() });
  snap = await ref.get();
  expect(snap.get('n')).toBe(3);
  expect(snap.get('tags')).toEqual(['a', 'b']);
  expect(snap.get('m')).toEqual({ x: 1 });
  expect(snap.get('ts')).toBeInstanceOf(Timestamp);
  expect(snap.updateTime!.toMillis()).toBeGreaterThanOrEqual(snap.createTime!.toMillis());
  await ref.delete();
  expect((await ref.get()).exists).toBe(false);
});

test('preconditions map to the Firestore error codes', async () => {
  const ref = db.doc('users/u2');
  await ref.create({ a: 1 });
  await expect(ref.create({ a: 2 })).rejects.toMatchObject({ code: 6 }); // ALREADY_EXISTS
  await expect(db.doc('users/missing').update({ a: 1 })).rejects.toMatchObject({ code: 5 }); // NOT_FOUND
  await expect(ref.update({ a: 3 }, { lastUpdateTime: Timestamp.fromMillis(1) })).rejects.toMatchObject({ code: 9 }); // FAILED_PRECONDITION
});

test('commit times strictly increase', async () => {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await db.doc(`t/d${i % 3}`).set({ i });
    times.push(r.writeTime.seconds * 1e6 + r.writeTime.nanoseconds / 1000);
  }
  for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
});

test('two concurrent read-modify-write transactions never lose an update', async () => {
  const ref = db.doc('counters/c');
  await ref.set({ v: 0 });
  const worker = async (): Promise<void> => {
    for (let i = 0; i < 50; i++) {
      await db.runTransaction(async (tx) => {
        const s = await tx.get(ref);
        tx.update(ref, { v: (s.get('v') as number) + 1 });
      });
    }
  };
  await Promise.all([worker(), worker()]);
  expect((await ref.get()).get('v')).toBe(100);
});

test('query, listDocuments with missing parents, listCollections', async () => {
  await db.doc('users/a').set({ n: 1 });
  await db.doc('users/b').set({ n: 5 });
  await db.doc('users/ghost/events/e1').set({ k: 1 });
  const q = await db.collection('users').where('n', '>', 0).orderBy('n', 'desc').get();
  expect(q.docs.map((d) => d.id)).toEqual(['b', 'a']);
  const refs = await db.collection('users').listDocuments();
  expect(refs.map((r) => r.id).sort()).toEqual(['a', 'b', 'ghost']);
  expect((await db.listCollections()).map((c) => c.id)).toEqual(['users']);
});

test('onSnapshot sees the initial state, live changes and the REST clear', async () => {
  await db.doc('live/a').set({ n: 1 });
  const seen: string[][] = [];
  const unsubscribe = db.collection('live').onSnapshot((s) => seen.push(s.docs.map((d) => d.id)));
  try {
    await waitFor(() => seen.length === 1);
    expect(seen[0]).toEqual(['a']);
    await db.doc('live/b').set({ n: 2 });
    await waitFor(() => seen.length === 2);
    expect(seen[1]).toEqual(['a', 'b']);
    await clear();
    await waitFor(() => seen.length === 3);
    expect(seen[2]).toEqual([]);
  } finally {
    unsubscribe();
  }
});

test('export and import round-trip the readable JSON format', async () => {
  await db.doc('kyc/c1').set({ at: Timestamp.fromMillis(1500), ref: db.doc('users/u1'), n: 2.5, i: 3 });
  const exported = (await (await rest(`/nff/v1/projects/${PROJECT}/export`)).json()) as { documents: Record<string, unknown> };
  expect(exported.documents['kyc/c1']).toEqual({
    at: { $timestamp: '1970-01-01T00:00:01.500000Z' },
    i: 3,
    n: 2.5,
    ref: { $ref: 'users/u1' },
  });
  await clear();
  const res = await rest(`/nff/v1/projects/${PROJECT}/import`, { method: 'PUT', body: JSON.stringify(exported) });
  expect(await res.json()).toEqual({ imported: 1 });
  const snap = await db.doc('kyc/c1').get();
  expect(snap.get('ref').path).toBe('users/u1');
  expect(snap.get('at')).toEqual(Timestamp.fromMillis(1500));
});

test('triggers are delivered as CloudEvents that firebase-functions decodes', async () => {
  const received: { params: Record<string, string>; before?: unknown; after?: unknown; type: string }[] = [];
  // The handler firebase-functions builds for a 2nd-gen trigger.
  const fn = onDocumentWritten('kycCases/{caseId}', (event) => {
    received.push({
      params: event.params,
      before: event.data?.before.exists ? event.data.before.data() : undefined,
      after: event.data?.after.exists ? event.data.after.data() : undefined,
      type: event.type,
    });
  });
  let failFirst = true;
  // Stand-in for the Functions emulator: its trigger route base64-decodes an
  // application/protobuf body, and its runtime turns ce-* headers into the
  // event's attributes with the raw bytes as `data`.
  const functions = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failFirst) {
        failFirst = false; // prove retries: the first delivery fails
        res.writeHead(503).end();
        return;
      }
      const event: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith('ce-')) event[k.slice(3)] = v;
      expect(req.headers['content-type']).toBe('application/protobuf');
      event.data = Buffer.from(Buffer.concat(chunks).toString(), 'base64');
      Promise.resolve((fn as unknown as (e: unknown) => unknown)(event))
        .then(() => res.writeHead(200).end('{"status":"acknowledged"}'))
        .catch((e: unknown) => res.writeHead(500).end(String(e)));
    });
  });
  await new Promise<void>((r) => functions.listen(0, '127.0.0.1', r));
  const port = (functions.address() as AddressInfo).port;
  try {
    const put = await rest('/nff/v1/triggers', {
      method: 'PUT',
      body: JSON.stringify([
        {
          id: 'us-central1-onKycCaseWritten',
          eventType: 'google.cloud.firestore.document.v1.written',
          document: 'kycCases/{caseId}',
          project: PROJECT,
          url: `http://127.0.0.1:${port}/functions/projects/${PROJECT}/triggers/us-central1-onKycCaseWritten`,
        },
      ]),
    });
    expect(put.status).toBe(200);
    await db.doc('kycCases/c1').set({ status: 'submitted' });
    await db.doc('kycCases/c1').update({ status: 'in_review' });
    await db.doc('kycCases/c1/events/e1').set({ ignored: true }); // does not match the pattern
    await db.doc('kycCases/c1').delete();
    await server.triggersIdle();
    expect(received).toEqual([
      { params: { caseId: 'c1' }, before: undefined, after: { status: 'submitted' }, type: 'google.cloud.firestore.document.v1.written' },
      { params: { caseId: 'c1' }, before: { status: 'submitted' }, after: { status: 'in_review' }, type: 'google.cloud.firestore.document.v1.written' },
      { params: { caseId: 'c1' }, before: { status: 'in_review' }, after: undefined, type: 'google.cloud.firestore.document.v1.written' },
    ]);
  } finally {
    server.registerTriggers([]);
    await new Promise((r) => functions.close(r));
  }
});
