/**
 * Enforcement wiring, through the `firebase` JS SDK against the emulator's
 * own rules language: who the caller is, what rules see (request.auth,
 * resource, request.resource after the write, request.time, getAfter), and
 * how a refusal reaches the SDK (permission-denied on gets, listeners,
 * queries, writes; REST 403). The language itself is tested in emulator/test/rules.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collection, doc, getDoc, getDocs, onSnapshot, query, serverTimestamp, setDoc, where, writeBatch } from 'firebase/firestore';
import * as lite from 'firebase/firestore/lite';
import { codeOf, useClientSdk } from './client';

/** The policy under test; `{marker}` makes versions distinguishable in the coverage HTML. */
const RULES = (marker: string) => `rules_version = '2';
// ${marker}
service cloud.firestore {
  match /databases/{database}/documents {
    match /public/{id} {
      allow read: if true;
    }
    match /users/{uid} {
      allow get: if request.auth != null && request.auth.uid == uid;
      allow list: if request.auth != null && resource.data.owner == request.auth.uid;
      allow create, update: if request.auth != null && request.auth.uid == uid && request.resource.data.owner == uid;
    }
    match /admin/{id} {
      allow get: if request.auth != null && request.auth.token.roles is list && 'admin' in request.auth.token.roles;
    }
    match /anonymous/{id} {
      allow get: if request.auth == null;
    }
    match /stamps/{id} {
      allow create: if request.resource.data.at == request.time;
    }
    match /pairs/{id} {
      allow create: if existsAfter(/databases/$(database)/documents/twins/$(id));
    }
    match /twins/{id} {
      allow create: if getAfter(/databases/$(database)/documents/pairs/$(id)).data.twin == id;
    }
  }
}
`;

const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nff-rules-'));
const rulesFile = path.join(rulesDir, 'firestore.rules');
fs.writeFileSync(rulesFile, RULES('version one'));

const h = useClientSdk('rules', { rules: rulesFile });

afterAll(() => fs.rmSync(rulesDir, { recursive: true, force: true }));

const restBase = () => `http://${h.emu.url}`;

async function putRules(project: string, content: string): Promise<Response> {
  return fetch(`${restBase()}/emulator/v1/projects/${project}:securityRules`, {
    method: 'PUT',
    body: JSON.stringify({ rules: { files: [{ content }] } }),
  });
}

beforeAll(async () => {
  const owner = h.db('owner');
  await setDoc(doc(owner, 'users/alice'), { owner: 'alice', name: 'Alice' });
  await setDoc(doc(owner, 'users/bob'), { owner: 'bob', name: 'Bob' });
  await setDoc(doc(owner, 'public/p1'), { open: true });
  await setDoc(doc(owner, 'admin/a1'), { secret: true });
  await setDoc(doc(owner, 'anonymous/n1'), { hello: 'stranger' });
});

describe('identity', () => {
  test('Bearer owner bypasses rules (firebase-admin, withSecurityRulesDisabled)', async () => {
    const owner = h.db('owner');
    await setDoc(doc(owner, 'no-rule-matches/x'), { anything: 1 });
    expect((await getDoc(doc(owner, 'no-rule-matches/x'))).get('anything')).toBe(1);
  });

  test('an emulator JWT becomes request.auth with its claims', async () => {
    expect((await getDoc(doc(h.db({ uid: 'root', claims: { roles: ['admin'] } }), 'admin/a1'))).get('secret')).toBe(true);
    expect(await codeOf(getDoc(doc(h.db({ uid: 'root' }), 'admin/a1')))).toBe('permission-denied');
  });

  test('no authorization header is request.auth == null', async () => {
    expect((await getDoc(doc(h.db('anonymous'), 'anonymous/n1'))).get('hello')).toBe('stranger');
    expect(await codeOf(getDoc(doc(h.db({ uid: 'alice' }), 'anonymous/n1')))).toBe('permission-denied');
    expect(await codeOf(getDoc(doc(h.db('anonymous'), 'users/alice')))).toBe('permission-denied');
  });

  test('an unreadable bearer token is UNAUTHENTICATED, not anonymous', async () => {
    const res = await fetch(`${restBase()}/v1/projects/${h.projectId}/databases/(default)/documents/anonymous/n1`, {
      headers: { authorization: 'Bearer not-a-jwt' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
  });
});

describe('reads', () => {
  test('getDoc: own profile allowed, another user denied with permission-denied', async () => {
    const alice = h.db({ uid: 'alice' });
    expect((await getDoc(doc(alice, 'users/alice'))).get('name')).toBe('Alice');
    expect(await codeOf(getDoc(doc(alice, 'users/bob')))).toBe('permission-denied');
  });

  test('onSnapshot on a denied document fails the listener with permission-denied (target removed)', async () => {
    const alice = h.db({ uid: 'alice' });
    const code = await new Promise<string>((resolve) => {
      onSnapshot(
        doc(alice, 'users/bob'),
        () => resolve('snapshot'),
        (e) => resolve(e.code),
      );
    });
    expect(code).toBe('permission-denied');
  });

  test('queries: rules are not filters — an unconstrained list is denied, a constrained one allowed', async () => {
    const alice = h.db({ uid: 'alice' });
    expect(await codeOf(getDocs(collection(alice, 'users')))).toBe('permission-denied');
    const own = await getDocs(query(collection(alice, 'users'), where('owner', '==', 'alice')));
    expect(own.docs.map((d) => d.id)).toEqual(['alice']);
    expect((await getDocs(collection(alice, 'public'))).size).toBe(1);
  });

  test('onSnapshot on an allowed query delivers, on a denied query fails', async () => {
    const alice = h.db({ uid: 'alice' });
    const ok = await new Promise<number>((resolve, reject) => {
      const stop = onSnapshot(
        query(collection(alice, 'users'), where('owner', '==', 'alice')),
        (s) => {
          if (s.metadata.fromCache) return;
          stop();
          resolve(s.size);
        },
        reject,
      );
    });
    expect(ok).toBe(1);
    // The SDK may first raise a snapshot from its cache (the document above); only the server's answer counts.
    const denied = await new Promise<string>((resolve) => {
      onSnapshot(
        collection(alice, 'users'),
        (s) => {
          if (!s.metadata.fromCache) resolve('snapshot');
        },
        (e) => resolve(e.code),
      );
    });
    expect(denied).toBe('permission-denied');
  });

  test('lite (REST): allowed and denied reads; plain HTTP gets 403 PERMISSION_DENIED', async () => {
    const alice = h.lite({ uid: 'alice' });
    expect((await lite.getDoc(lite.doc(alice, 'users/alice'))).get('name')).toBe('Alice');
    expect(await codeOf(lite.getDoc(lite.doc(alice, 'users/bob')))).toBe('permission-denied');
    expect(await codeOf(lite.getDocs(lite.collection(alice, 'users')))).toBe('permission-denied');
    expect(await codeOf(lite.getCount(lite.collection(alice, 'users')))).toBe('permission-denied');
    expect((await lite.getCount(lite.query(lite.collection(alice, 'users'), lite.where('owner', '==', 'alice')))).data().count).toBe(1);
    const res = await fetch(`${restBase()}/v1/projects/${h.projectId}/databases/(default)/documents/users/bob`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('PERMISSION_DENIED');
  });
});

describe('writes', () => {
  test('request.resource is the document after the write: a merge keeps the stored owner', async () => {
    const alice = h.db({ uid: 'alice' });
    await setDoc(doc(alice, 'users/alice'), { seen: serverTimestamp() }, { merge: true });
    expect(await codeOf(setDoc(doc(alice, 'users/alice'), { seen: serverTimestamp() }))).toBe('permission-denied'); // no merge: no owner
  });

  test('request.time equals the serverTimestamp written in the same request', async () => {
    const db = h.db({ uid: 'alice' });
    await setDoc(doc(db, 'stamps/s1'), { at: serverTimestamp() });
    expect(await codeOf(setDoc(doc(db, 'stamps/s2'), { at: new Date(2020, 0, 1) }))).toBe('permission-denied');
    const lited = h.lite({ uid: 'alice' });
    await lite.setDoc(lite.doc(lited, 'stamps/s3'), { at: lite.serverTimestamp() });
  });

  test('a denied setDoc rejects with permission-denied and the stream keeps serving later writes', async () => {
    const alice = h.db({ uid: 'alice' });
    expect(await codeOf(setDoc(doc(alice, 'users/alice'), { owner: 'mallory' }))).toBe('permission-denied');
    expect(await codeOf(setDoc(doc(alice, 'users/bob'), { owner: 'alice' }))).toBe('permission-denied');
    await setDoc(doc(alice, 'users/alice'), { owner: 'alice', name: 'Alice 2' });
    expect((await getDoc(doc(h.db('owner'), 'users/alice'))).get('name')).toBe('Alice 2');
    expect((await getDoc(doc(h.db('owner'), 'users/bob'))).get('owner')).toBe('bob');
  });

  test('a batch is all or nothing: one denied write fails the whole batch', async () => {
    const alice = h.lite({ uid: 'alice' });
    const batch = lite.writeBatch(alice);
    batch.set(lite.doc(alice, 'users/alice'), { owner: 'alice', name: 'batched' });
    batch.set(lite.doc(alice, 'users/bob'), { owner: 'alice' });
    expect(await codeOf(batch.commit())).toBe('permission-denied');
    expect((await getDoc(doc(h.db('owner'), 'users/alice'))).get('name')).not.toBe('batched');

    const full = h.db({ uid: 'alice' });
    const b2 = writeBatch(full);
    b2.set(doc(full, 'users/alice'), { owner: 'alice', name: 'batched' });
    b2.delete(doc(full, 'users/bob'));
    expect(await codeOf(b2.commit())).toBe('permission-denied');
    expect((await getDoc(doc(h.db('owner'), 'users/bob'))).exists()).toBe(true);
    expect((await getDoc(doc(h.db('owner'), 'users/alice'))).get('name')).not.toBe('batched');
  });

  test('getAfter/existsAfter see the whole batch applied', async () => {
    const db = h.db({ uid: 'alice' });
    expect(await codeOf(setDoc(doc(db, 'pairs/k1'), { twin: 'k1' }))).toBe('permission-denied');
    const batch = writeBatch(db);
    batch.set(doc(db, 'pairs/k1'), { twin: 'k1' });
    batch.set(doc(db, 'twins/k1'), {});
    await batch.commit();
    expect((await getDoc(doc(h.db('owner'), 'twins/k1'))).exists()).toBe(true);
  });
});

describe('loading rules', () => {
  test('PUT :securityRules with a compile error answers 400 with line, column and message and keeps the old rules', async () => {
    const res = await putRules(h.projectId, "rules_version = '2';\nservice cloud.firestore { match /x { allow read: if (; } }");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; details: { line: number; column: number; message: string }[] }; line: number };
    expect(body.line).toBe(2);
    expect(body.error.details[0]).toMatchObject({ line: 2, column: expect.any(Number), message: expect.any(String) });
    expect((await getDoc(doc(h.db({ uid: 'alice' }), 'users/alice'))).exists()).toBe(true);
  });

  test('rules are per project; coverage is served as JSON and HTML', async () => {
    const other = 'demo-client-other';
    expect((await putRules(other, RULES('other project rules'))).status).toBe(200);
    const html = await fetch(`${restBase()}/emulator/v1/projects/${other}:ruleCoverage.html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('other project rules');
    const json = (await (await fetch(`${restBase()}/emulator/v1/projects/${h.projectId}:ruleCoverage`)).json()) as {
      files: { expressions: { counts: Record<string, number> }[] }[];
    };
    const evaluated = json.files[0]!.expressions.filter((e) => Object.values(e.counts).some((n) => n > 0));
    expect(evaluated.length).toBeGreaterThan(0);
  });

  test('the --rules file is reloaded when it changes', async () => {
    fs.writeFileSync(rulesFile, RULES('version two'));
    const deadline = Date.now() + 10_000;
    let text = '';
    while (Date.now() < deadline && !text.includes('version two')) {
      await new Promise((r) => setTimeout(r, 200));
      text = await (await fetch(`${restBase()}/emulator/v1/projects/${h.projectId}:ruleCoverage.html`)).text();
    }
    expect(text).toContain('version two');
  });
});

describe('the grpc-js reference transport reads the caller the same way', () => {
  const g = useClientSdk('rules-grpcjs', { transport: 'grpc-js', rules: rulesFile });

  test('owner writes, a user reads its own profile and is denied another', async () => {
    await setDoc(doc(g.db('owner'), 'users/carol'), { owner: 'carol' });
    await setDoc(doc(g.db('owner'), 'users/dave'), { owner: 'dave' });
    const carol = g.db({ uid: 'carol' });
    expect((await getDoc(doc(carol, 'users/carol'))).get('owner')).toBe('carol');
    expect(await codeOf(getDoc(doc(carol, 'users/dave')))).toBe('permission-denied');
    expect(await codeOf(setDoc(doc(carol, 'users/carol'), { owner: 'dave' }))).toBe('permission-denied');
  });
});
