/**
 * The seed data `npm start` loads (emulator-data/seed.json through
 * functions/src/dev/seed.ts) must be data the API could have written: every read of
 * it answers inside the contract, and the pipeline carries on from it. The
 * seed file is used as is, with uids, emails and case ids made unique so this
 * suite shares the stack with the others without colliding.
 */
import { randomUUID } from 'node:crypto';
import { readSeedFile, seed, type SeedFile } from '../../src/dev/seed';
import { api } from '../../../test/http';
import { bearer, signIn } from '../../../test/identities';
import { testDb } from '../../../test/firestore';

const run = randomUUID().slice(0, 8);
const original = readSeedFile();
const seedFile: SeedFile = {
  users: original.users.map((user) => ({
    ...user,
    uid: `${user.uid}-${run}`,
    email: user.email.replace('@', `+${run}@`),
    ...(user.kycCase ? { kycCase: { ...user.kycCase, caseId: `${user.kycCase.caseId}-${run}` } } : {}),
  })),
};
const withCase = seedFile.users.filter((user) => user.kycCase);
const adminUser = seedFile.users.find((user) => user.roles.includes('admin'));

interface CaseDetail {
  id: string;
  status: string;
  statusChangedAt: string;
  history: Array<{ from: string | null; to: string; by: string; at: string }>;
}

const tokenOf = async (email: string, password: string) => (await signIn(email, password)).idToken;

beforeAll(async () => {
  expect(await seed(seedFile)).toEqual({ created: seedFile.users.length, existing: 0 });
});

it('the seed file has users with and without cases, and an admin', () => {
  expect(withCase.length).toBeGreaterThanOrEqual(4);
  expect(adminUser).toBeDefined();
});

it('seeding again changes nothing', async () => {
  const before = (await testDb().doc(`users/${seedFile.users[0].uid}`).get()).updateTime;
  expect(await seed(seedFile)).toEqual({ created: 0, existing: seedFile.users.length });
  expect((await testDb().doc(`users/${seedFile.users[0].uid}`).get()).updateTime?.isEqual(before!)).toBe(true);
});

describe('GET /v1/me and GET /v1/me/kyc as each seeded user', () => {
  it.each(seedFile.users.map((user) => [user.uid, user] as const))('%s: 200 within the contract', async (_uid, user) => {
    const token = await tokenOf(user.email, user.password);
    const me = await api<Record<string, unknown>>('/v1/me', { headers: bearer(token) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ uid: user.uid, roles: user.roles, kycStatus: user.kycStatus, status: 'active' });
    expect(me.body.version).toEqual(expect.any(Number));

    const kyc = await api<CaseDetail>('/v1/me/kyc', { headers: bearer(token) });
    if (!user.kycCase) {
      expect(kyc.status).toBe(404);
      return;
    }
    expect(kyc.status).toBe(200);
    expect(kyc.body.id).toBe(user.kycCase.caseId);
    expect(kyc.body.status).toBe(user.kycStatus);
    expect(kyc.body.history.map((entry) => entry.to)).toEqual(user.kycCase.history);
    expect(kyc.body.history.every((entry) => typeof entry.by === 'string')).toBe(true);
    // A real instant (the sweep's expiry clock), not the epoch fallback of a missing field.
    expect(Date.parse(kyc.body.statusChangedAt)).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z'));
    const at = kyc.body.history.map((entry) => entry.at);
    expect([...at].sort()).toEqual(at);
  });
});

it('GET /v1/admin/kyc as the seeded admin: the seeded cases, applicant data included, within the contract', async () => {
  const token = await tokenOf(adminUser!.email, adminUser!.password);
  for (const user of withCase) {
    const status = user.kycStatus;
    const found: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      // The queue is shared with the other suites; their fixtures are complete cases too
      // (functions/test/kyc/kyc-fixtures.ts), so every page is checked against the contract.
      const page: Awaited<ReturnType<typeof api<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>>> = await api(
        `/v1/admin/kyc?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { operation: '/v1/admin/kyc', headers: bearer(token) },
      );
      expect(page.status).toBe(200);
      found.push(...page.body.items.filter((item) => item.id === user.kycCase!.caseId));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ uid: user.uid, status, applicant: user.kycCase!.applicant });
  }
});

it('the pipeline carries on from seed data: a reviewer decision is logged after the seeded history', async () => {
  const inReview = withCase.find((user) => user.kycStatus === 'in_review');
  expect(inReview).toBeDefined();
  const caseId = inReview!.kycCase!.caseId;
  const token = await tokenOf(adminUser!.email, adminUser!.password);
  const decided = await api<Record<string, unknown>>(`/v1/admin/kyc/${caseId}/decision`, {
    operation: '/v1/admin/kyc/{caseId}/decision',
    method: 'POST',
    headers: bearer(token),
    body: { decision: 'approve', reason: 'Verified by video call.' },
  });
  expect(decided.status).toBe(200);
  const events = await testDb().collection(`kycCases/${caseId}/events`).orderBy('__name__').get();
  expect(events.docs.map((doc) => [doc.id, doc.get('to')])).toEqual([
    ['000001', 'submitted'],
    ['000002', 'in_review'],
    ['000003', 'approved'],
  ]);
  const mine = await api<CaseDetail>('/v1/me/kyc', { headers: bearer(await tokenOf(inReview!.email, inReview!.password)) });
  expect(mine.body.history.at(-1)).toMatchObject({ from: 'in_review', to: 'approved', by: 'reviewer' });
});
