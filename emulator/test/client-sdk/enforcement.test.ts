/**
 * Enforcement wiring, through the `firebase` JS SDK: who the caller is, when
 * rules are asked, with what, and how a refusal reaches the SDK. The rules
 * LANGUAGE is not under test here (see emulator/test/rules): a small Ruleset
 * double stands in for it, recording every question it is asked.
 *
 * The double's policy: `public/*` readable by anyone; `users/{uid}` readable
 * by its owner, created/updated by its owner only with `owner == uid` in the
 * written document; lists allowed on `public`, or on `users` when the query
 * has an `owner == <caller>` filter; everything else denied.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collection, doc, getDoc, getDocs, onSnapshot, query, serverTimestamp, setDoc, where, writeBatch } from 'firebase/firestore';
import * as lite from 'firebase/firestore/lite';
import type { CompileResult, Decision, DocumentRequest, QueryRequest, RequestContext, Ruleset, RulesFile } from '../../src/rules/api';
import { codeOf, useClientSdk } from './client';

interface Asked {
  method: string;
  path: string;
  uid: string | undefined;
  ctx: RequestContext;
  req: DocumentRequest | QueryRequest;
}

class PolicyDouble implements Ruleset {
  readonly version = '2' as const;
  readonly asked: Asked[] = [];
  constructor(readonly source: string) {}

  authorizeDocument(req: DocumentRequest, ctx: RequestContext): Decision {
    this.asked.push({ method: req.method, path: req.path, uid: ctx.auth?.uid, ctx, req });
    const uid = ctx.auth?.uid;
    if (req.path.startsWith('public/') && req.method === 'get') return allow;
    const m = /^users\/([^/]+)$/.exec(req.path);
    if (!m || !uid || m[1] !== uid) return deny;
    if (req.method === 'get') return allow;
    if (req.method === 'create' || req.method === 'update') return req.requestResource?.fields?.owner?.stringValue === uid ? allow : deny;
    return deny;
  }

  authorizeQuery(req: QueryRequest, ctx: RequestContext): Decision {
    const coll = req.query.from?.[0]?.collectionId;
    this.asked.push({ method: 'list', path: `${req.parent}/${coll}`, uid: ctx.auth?.uid, ctx, req });
    if (coll === 'public') return allow;
    const f = req.query.where?.fieldFilter;
    const ownerFilter = f?.field.fieldPath === 'owner' && f.op === 'EQUAL' && f.value.stringValue === ctx.auth?.uid;
    return coll === 'users' && ownerFilter ? allow : deny;
  }

  coverage() {
    return { files: [{ name: 'firestore.rules', expressions: [{ line: 1, column: 1, counts: { true: this.asked.length } }] }] };
  }
  coverageHtml(): string {
    return `<html><body><pre>${this.source}</pre></body></html>`;
  }
}

const allow: Decision = { allowed: true, reason: 'double allows' };
const deny: Decision = { allowed: false, reason: 'double denies' };

let latest: PolicyDouble | undefined;
function compileDouble(files: RulesFile[]): CompileResult {
  const source = files.map((f) => f.content).join('\n');
  if (source.includes('SYNTAX ERROR')) return { ok: false, issues: [{ line: 2, column: 7, message: "mismatched input 'ERROR'" }] };
  latest = new PolicyDouble(source);
  return { ok: true, ruleset: latest };
}

const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nff-rules-'));
const rulesFile = path.join(rulesDir, 'firestore.rules');
fs.writeFileSync(rulesFile, 'version one');

const h = useClientSdk('rules', { rules: rulesFile, rulesCompiler: compileDouble });

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
});

describe('identity', () => {
  test('Bearer owner is never asked about (firebase-admin, withSecurityRulesDisabled)', async () => {
    const before = latest!.asked.length;
    const owner = h.db('owner');
    await setDoc(doc(owner, 'secret/x'), { anything: 1 });
    expect((await getDoc(doc(owner, 'secret/x'))).get('anything')).toBe(1);
    expect(latest!.asked.length).toBe(before);
  });

  test('an emulator JWT becomes request.auth with its claims; no header is request.auth == null', async () => {
    await getDoc(doc(h.db({ uid: 'alice', claims: { roles: ['admin'] } }), 'users/alice'));
    const mine = latest!.asked.filter((a) => a.path === 'users/alice' && a.uid === 'alice').pop()!;
    expect(mine.ctx.auth?.token).toMatchObject({ sub: 'alice', roles: ['admin'] });
    expect(await codeOf(getDoc(doc(h.db('anonymous'), 'users/alice')))).toBe('permission-denied');
    expect(latest!.asked.some((a) => a.path === 'users/alice' && a.ctx.auth === null)).toBe(true);
  });

  test('an unreadable bearer token is UNAUTHENTICATED, not anonymous', async () => {
    const res = await fetch(`${restBase()}/v1/projects/${h.projectId}/databases/(default)/documents/public/p1`, {
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

  test('lite (REST): allowed and denied reads; plain HTTP gets 403 PERMISSION_DENIED', async () => {
    const alice = h.lite({ uid: 'alice' });
    expect((await lite.getDoc(lite.doc(alice, 'users/alice'))).get('name')).toBe('Alice');
    expect(await codeOf(lite.getDoc(lite.doc(alice, 'users/bob')))).toBe('permission-denied');
    expect(await codeOf(lite.getDocs(lite.collection(alice, 'users')))).toBe('permission-denied');
    const res = await fetch(`${restBase()}/v1/projects/${h.projectId}/databases/(default)/documents/users/bob`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('PERMISSION_DENIED');
  });
});

describe('writes', () => {
  test('request.resource is the document after the write, and request.time is the serverTimestamp value', async () => {
    const alice = h.db({ uid: 'alice' });
    await setDoc(doc(alice, 'users/alice'), { at: serverTimestamp() }, { merge: true });
    const asked = latest!.asked.filter((a) => a.method === 'update' && a.path === 'users/alice').pop()!;
    const after = (asked.req as DocumentRequest).requestResource!;
    // merge: the stored fields are kept in request.resource, the transform applied.
    expect(after.fields?.owner?.stringValue).toBe('alice');
    expect(after.fields?.at?.timestampValue).toEqual(asked.ctx.time);
    const stored = await getDoc(doc(h.db('owner'), 'users/alice'));
    const at = stored.get('at') as { seconds: number; nanoseconds: number };
    expect([at.seconds, at.nanoseconds]).toEqual([Number(asked.ctx.time.seconds), asked.ctx.time.nanos ?? 0]);
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
  });

  test('getAfter sees the whole batch applied', async () => {
    const alice = h.db({ uid: 'alice' });
    const batch = writeBatch(alice);
    batch.set(doc(alice, 'users/alice'), { owner: 'alice', n: 1 });
    batch.set(doc(alice, 'users/alice2'), { owner: 'alice' });
    await codeOf(batch.commit());
    const asked = latest!.asked.filter((a) => a.path === 'users/alice' && a.method === 'update').pop()!;
    const name = `projects/${h.projectId}/databases/(default)/documents/users/alice2`;
    expect(asked.ctx.reader.getAfter(name)?.fields?.owner?.stringValue).toBe('alice');
    expect(asked.ctx.budget.remaining).toBe(20);
  });
});

describe('loading rules', () => {
  test('PUT :securityRules with a compile error answers 400 with line, column and message and keeps the old rules', async () => {
    const before = latest;
    const res = await putRules(h.projectId, "rules_version = '2';\nSYNTAX ERROR");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; details: unknown[] }; line: number; column: number };
    expect(body).toMatchObject({ line: 2, column: 7 });
    expect(body.error.message).toContain("line 2, column 7: mismatched input 'ERROR'");
    expect(latest).toBe(before);
  });

  test('rules are per project; coverage is served as JSON and HTML', async () => {
    const other = 'demo-client-other';
    expect((await putRules(other, 'other project rules')).status).toBe(200);
    const html = await fetch(`${restBase()}/emulator/v1/projects/${other}:ruleCoverage.html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('other project rules');
    const json = (await (await fetch(`${restBase()}/emulator/v1/projects/${h.projectId}:ruleCoverage`)).json()) as { files: unknown[] };
    expect(json.files).toHaveLength(1);
  });

  test('the --rules file is reloaded when it changes', async () => {
    fs.writeFileSync(rulesFile, 'version two');
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
  const g = useClientSdk('rules-grpcjs', { transport: 'grpc-js', rules: rulesFile, rulesCompiler: compileDouble });

  test('owner writes, a user reads its own profile and is denied another', async () => {
    await setDoc(doc(g.db('owner'), 'users/carol'), { owner: 'carol' });
    await setDoc(doc(g.db('owner'), 'users/dave'), { owner: 'dave' });
    const carol = g.db({ uid: 'carol' });
    expect((await getDoc(doc(carol, 'users/carol'))).get('owner')).toBe('carol');
    expect(await codeOf(getDoc(doc(carol, 'users/dave')))).toBe('permission-denied');
    expect(await codeOf(setDoc(doc(carol, 'users/carol'), { owner: 'dave' }))).toBe('permission-denied');
  });
});
