/**
 * GET /v1/admin/audit-logs through the real Functions emulator, against
 * entries seeded with exact timestamps (two in the same millisecond, two with
 * identical timestamps) and entries written by real API calls. Every response
 * is validated against openapi.yaml. Also proves that no route changes or
 * deletes an entry. 429 and 500 are exercised in functions/test/rate-limit.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { api } from '../../../test/http';
import { stackEnv } from '../../../test/env';
import { assertMatchesContract, documentedStatuses } from '../../../test/contract';
import { bearer, createTestUser, type TestUser } from '../../../test/identities';
import { testDb, uniqueId } from '../../../test/firestore';
import { parseApiKey } from '../../src/apikeys/apikeys.crypto';
import { encodeCursor } from '../../src/kernel/cursor';
import { createKey, expectRateLimitHeaders, OVERSIZED_BODY, rawRequest } from '../apikeys/api-keys.helpers';

const LOGS = '/v1/admin/audit-logs';

interface Entry {
  id: string;
  at: string;
  actor: { type: string; id: string; ip?: string };
  action: string;
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
  requestId: string | null;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}
interface Problem {
  code: string;
  errors?: { path: string }[];
}

let admin: TestUser;
let user: TestUser;
const run = uniqueId('audit');
const actorId = `${run}-actor`;
const targetA = `${run}-target-a`;
const targetB = `${run}-target-b`;
const S = Date.UTC(2001, 1, 3, 4, 5, 6) / 1000;
const at = (seconds: number, nanos = 0) => new Timestamp(seconds, nanos);

// Newest first; ties by id descending. e1/e2 share a millisecond, tie-a/tie-b a timestamp.
const seeded = [
  { id: `${run}-e6`, at: at(S + 30), target: targetB, action: 'test.gamma' },
  { id: `${run}-tie-b`, at: at(S + 20), target: targetA, action: 'test.beta' },
  { id: `${run}-tie-a`, at: at(S + 20), target: targetB, action: 'test.beta' },
  { id: `${run}-e3`, at: at(S + 10), target: targetB, action: 'test.alpha' },
  { id: `${run}-e2`, at: at(S, 200_000), target: targetA, action: 'test.beta' },
  { id: `${run}-e1`, at: at(S, 100_000), target: targetA, action: 'test.alpha' },
];
const ids = seeded.map((entry) => entry.id);

async function page(query: string, headers: Record<string, string> = bearer(admin.idToken)) {
  return api<Page>(`${LOGS}?${query}`, { operation: LOGS, headers });
}

/** Follow nextCursor to the end. */
async function walk(query: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await page(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    seen.push(...response.body.items.map((item) => item.id));
    cursor = response.body.nextCursor;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  [admin, user] = await Promise.all([createTestUser({ roles: ['admin'] }), createTestUser()]);
  const batch = testDb().batch();
  for (const entry of seeded) {
    batch.create(testDb().collection('auditLogs').doc(entry.id), {
      at: entry.at,
      actor: { type: 'user', id: actorId, ip: '203.0.113.9' },
      action: entry.action,
      target: { type: 'test', id: entry.target },
      before: null,
      after: { status: 'x' },
      requestId: null,
    });
  }
  await batch.commit();
});

describe('200', () => {
  it('newest first with the id tie-break, filtered by actor', async () => {
    const response = await page(`actorId=${actorId}`);
    expect(response.status).toBe(200);
    expectRateLimitHeaders(response.headers);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.body.items.map((item) => item.id)).toEqual(ids);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items[0]).toEqual({
      id: ids[0],
      at: '2001-02-03T04:05:36.000Z',
      actor: { type: 'user', id: actorId, ip: '203.0.113.9' },
      action: 'test.gamma',
      target: { type: 'test', id: targetB },
      before: null,
      after: { status: 'x' },
      requestId: null,
    });
  });

  it('pages of one skip and repeat nothing, even within one millisecond', async () => {
    expect(await walk(`actorId=${actorId}&limit=1`)).toEqual(ids);
  });

  it('a full page has a cursor; the last page has none', async () => {
    const first = await page(`actorId=${actorId}&limit=4`);
    expect(first.body.items.map((item) => item.id)).toEqual(ids.slice(0, 4));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await page(`actorId=${actorId}&limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item) => item.id)).toEqual(ids.slice(4));
    expect(second.body.nextCursor).toBeNull();
  });

  it('400 INVALID_CURSOR for a cursor resumed with other filters (it would skip or repeat entries)', async () => {
    const first = await page(`actorId=${actorId}&limit=2`);
    const cursor = String(first.body.nextCursor);
    for (const query of [`actorId=${actorId}x`, `targetId=${targetA}`, `actorId=${actorId}&action=test.alpha`, '']) {
      const response = await page(`${query}&cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_CURSOR' });
    }
    expect((await page(`actorId=${actorId}&limit=10&cursor=${cursor}`)).body.items.map((item) => item.id)).toEqual(ids.slice(2));
  });

  it('filters by target, by action (combined with actor) and by time [from, to)', async () => {
    expect((await page(`targetId=${targetA}`)).body.items.map((item) => item.id)).toEqual([`${run}-tie-b`, `${run}-e2`, `${run}-e1`]);
    expect((await page(`actorId=${actorId}&action=test.alpha`)).body.items.map((item) => item.id)).toEqual([`${run}-e3`, `${run}-e1`]);
    const from = new Date((S + 10) * 1000).toISOString();
    const to = new Date((S + 30) * 1000).toISOString();
    expect((await page(`actorId=${actorId}&from=${from}&to=${to}`)).body.items.map((item) => item.id)).toEqual([`${run}-tie-b`, `${run}-tie-a`, `${run}-e3`]);
    expect(await walk(`actorId=${actorId}&from=${from}&to=${to}&limit=1`)).toEqual([`${run}-tie-b`, `${run}-tie-a`, `${run}-e3`]);
  });

  it('shows entries written by real API calls, and serves API keys with scope audit:read', async () => {
    const key = await createKey(admin.idToken, { name: 'auditor', scopes: ['audit:read'] });
    const response = await page(`targetId=${key.id}`, { 'X-API-Key': key.secret });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({ action: 'apiKey.create', actor: { type: 'user', id: admin.uid }, target: { type: 'apiKey', id: key.id } });
    // The secret part itself may contain '_' (base64url), so take it with the key parser, not split('_')[2].
    expect(response.text).not.toContain(parseApiKey(key.secret)!.secret);
  });
});

describe('400', () => {
  it.each([
    ['garbage', 'not!a!cursor'],
    ['base64 of the wrong shape', Buffer.from('[1,2]').toString('base64url')],
    ['an out-of-range timestamp', Buffer.from(JSON.stringify([1e15, 0, 'x'])).toString('base64url')],
    ['an id Firestore cannot hold', Buffer.from(JSON.stringify([1, 0, 'a/b'])).toString('base64url')],
    ['our envelope with an out-of-range timestamp', encodeCursor({ listing: 'audit-logs' }, [1e15, 0, 'x'])],
    ['our envelope with an id Firestore cannot hold', encodeCursor({ listing: 'audit-logs' }, [1, 0, 'a/b'])],
    ['a cursor of another listing', encodeCursor({ listing: 'api-keys' }, [1, 0, 'x'])],
  ])('INVALID_CURSOR for %s', async (_what, cursor) => {
    const response = await page(`cursor=${encodeURIComponent(cursor)}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it.each([
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['from=yesterday', 'query.from'],
    ['from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'query.to'],
    ['actor=someone', 'query.actor'],
  ])('VALIDATION_FAILED for %s', async (query, path) => {
    const response = await page(query);
    expect(response.status).toBe(400);
    const body = response.body as unknown as Problem;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors?.map((error) => error.path)).toContain(path);
  });
});

describe('401 / 403 / 413', () => {
  it('401 without credentials or with a bad token', async () => {
    const none = await api<Problem>(LOGS);
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const bad = await api<Problem>(LOGS, { headers: bearer('x.y.z') });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('INVALID_TOKEN');
  });

  it('403 for a plain user, a support user and a key without audit:read', async () => {
    const support = await createTestUser({ roles: ['support'] });
    const key = await createKey(admin.idToken, { name: 'no audit', scopes: ['users:read'] });
    for (const headers of [bearer(user.idToken), bearer(support.idToken), { 'X-API-Key': key.secret }]) {
      const response = await api<Problem>(LOGS, { headers });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    }
  });

  it('413 for an oversized body', async () => {
    const response = await rawRequest(`${stackEnv.apiUrl}${LOGS}`, 'GET', bearer(admin.idToken), OVERSIZED_BODY);
    expect(response.status).toBe(413);
    assertMatchesContract(LOGS, 'GET', response, response.body);
  });
});

describe('audit entries cannot be changed or deleted through the API', () => {
  it.each(['PUT', 'PATCH', 'DELETE', 'POST'])('%s on the collection or an entry → 404 ROUTE_NOT_FOUND; the entry is unchanged', async (method) => {
    const before = (await testDb().collection('auditLogs').doc(ids[0]).get()).data();
    for (const path of [LOGS, `${LOGS}/${ids[0]}`]) {
      // Not in the contract on purpose: these routes do not exist.
      const response = await api<Problem>(path, { method, headers: bearer(admin.idToken), body: { action: 'forged' }, contract: false });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('ROUTE_NOT_FOUND');
    }
    expect((await testDb().collection('auditLogs').doc(ids[0]).get()).data()).toEqual(before);
  });
});

it('the contract documents exactly the statuses these suites exercise', () => {
  // 429 and 500 are exercised in functions/test/rate-limit/in-process.test.ts.
  expect(documentedStatuses(LOGS, 'get').sort()).toEqual(['200', '400', '401', '403', '413', '415', '429', '500']);
});
