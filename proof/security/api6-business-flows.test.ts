/**
 * OWASP API6:2023 Unrestricted Access to Sensitive Business Flows: the KYC
 * flow's guards (one open case, a maximum of attempts, idempotent
 * submission, no replay of provider callbacks, no forged or stale callbacks).
 */
import { randomUUID } from 'node:crypto';
import { testDb } from '../../test/firestore';
import { api } from '../../test/http';
import { bearer } from '../../test/identities';
import { applicant, getKyc, localSecrets, postWebhook, submitKyc, waitForStatus } from '../../functions/test/kyc/kyc-helpers';
import { buildSignatureHeader } from '../../mock-kyc/src/signature';
import { note } from './record';
import { expectProblem, userWithProfile } from './helpers';

const casesOf = async (uid: string) => (await testDb().collection('kycCases').where('uid', '==', uid).get()).docs;

describe('API6 KYC submission limits', () => {
  it('one open case at a time; no attempt after the maximum; no new case after rejection or approval', async () => {
    const user = await userWithProfile();
    const first = await submitKyc(user, applicant('Retry'));
    expect(first.status).toBe(201);
    expectProblem(await submitKyc(user, applicant('Lovelace')), 409, 'KYC_CASE_OPEN');
    const statuses: string[] = ['201'];
    await waitForStatus(user, 'resubmission_required');
    for (let attempt = 2; attempt <= 3; attempt++) {
      const again = await submitKyc(user, applicant('Retry'));
      expect(again.status).toBe(201);
      expect(again.body.attempt).toBe(attempt);
      statuses.push('201');
      await waitForStatus(user, 'resubmission_required');
    }
    const current = await getKyc(user);
    expect(current.body.nextAction).toBe('contact_support');
    const fourth = await submitKyc(user, applicant('Lovelace'));
    expectProblem(fourth, 409, 'KYC_MAX_ATTEMPTS');
    expect((await casesOf(user.uid)).length).toBe(1);
    note(`attempts 1-3 (sandbox RED+RETRY) → ${statuses.join(', ')}, a second POST while open → 409 KYC_CASE_OPEN; after attempt 3 nextAction contact_support and a 4th POST → 409 KYC_MAX_ATTEMPTS; one case in Firestore`);

    const rejected = await userWithProfile();
    await submitKyc(rejected, applicant('Reject'));
    await waitForStatus(rejected, 'rejected');
    expectProblem(await submitKyc(rejected, applicant('Lovelace')), 409, 'KYC_REJECTED');
    const approved = await userWithProfile();
    await submitKyc(approved, applicant('Lovelace'));
    await waitForStatus(approved, 'approved');
    expectProblem(await submitKyc(approved, applicant('Lovelace')), 409, 'KYC_ALREADY_APPROVED');
    note('after RED+FINAL a new POST → 409 KYC_REJECTED; after approval → 409 KYC_ALREADY_APPROVED');
  });
});

describe('API6 idempotent submission', () => {
  it('the same Idempotency-Key replays, never opens a second case; a different body with it → 409', async () => {
    const user = await userWithProfile();
    const key = randomUUID();
    const body = applicant('Pending');
    const first = await submitKyc(user, body, { 'Idempotency-Key': key });
    const replay = await submitKyc(user, body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expectProblem(await submitKyc(user, { ...body, firstName: 'Eve' }, { 'Idempotency-Key': key }), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect((await casesOf(user.uid)).length).toBe(1);
    note('same key + body → 201 replayed (Idempotent-Replayed: true, same case id); same key + other body → 409 IDEMPOTENCY_KEY_REUSED; 1 case');
  });

  it('concurrent submissions (same key, or different keys) open exactly one case', async () => {
    const sameKey = await userWithProfile();
    const key = randomUUID();
    const body = applicant('Pending');
    const burst = await Promise.all(Array.from({ length: 5 }, () => submitKyc(sameKey, body, { 'Idempotency-Key': key })));
    expect(burst.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(burst.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(1);
    expect((await casesOf(sameKey.uid)).length).toBe(1);
    const otherKeys = await userWithProfile();
    const race = await Promise.all(Array.from({ length: 5 }, () => submitKyc(otherKeys, applicant('Pending'), { 'Idempotency-Key': randomUUID() })));
    expect(race.filter((r) => r.status === 201).length).toBe(1);
    expect((await casesOf(otherKeys.uid)).length).toBe(1);
    note(`5 parallel POSTs, one key → ${burst.map((r) => r.status).join(',')} (one case id); 5 parallel POSTs, 5 keys → ${race.map((r) => r.status).join(',')}; one case each`);
  });

  it("another user's Idempotency-Key never replays that user's response", async () => {
    const [a, b] = await Promise.all([userWithProfile(), userWithProfile()]);
    const key = randomUUID();
    const body = applicant('Pending');
    const first = await submitKyc(a, body, { 'Idempotency-Key': key });
    const other = await submitKyc(b, body, { 'Idempotency-Key': key });
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body.id).not.toBe(first.body.id);
    note("bob sends alice's key and body → 201 with his own new case, not a replay of alice's");
  });
});

describe('API6 webhook replay and forgery', () => {
  let user: Awaited<ReturnType<typeof userWithProfile>>;
  let caseId: string;
  let applicantId: string;
  const event = (overrides: Record<string, unknown> = {}) => ({
    id: `evt_${randomUUID()}`,
    type: 'kyc.check.completed',
    createdAt: new Date().toISOString(),
    caseId,
    applicantId,
    attempt: 1,
    review: { answer: 'RED', rejectType: 'FINAL', labels: ['FORGERY'] },
    ...overrides,
  });
  const snapshot = async () => {
    const doc = (await testDb().doc(`kycCases/${caseId}`).get()).data() ?? {};
    return { status: doc.status as string, version: doc.version as number };
  };

  beforeAll(async () => {
    user = await userWithProfile();
    const submitted = await submitKyc(user, applicant('Lovelace'));
    caseId = submitted.body.id as string;
    await waitForStatus(user, 'approved');
    applicantId = ((await testDb().doc(`kycCases/${caseId}`).get()).get('provider') as { applicantId: string }).applicantId;
  });

  it('forged signatures → 401 INVALID_SIGNATURE and nothing applied', async () => {
    const before = await snapshot();
    const body = JSON.stringify(event());
    const now = Math.floor(Date.now() / 1000);
    const forgeries: Array<[string, Record<string, unknown>]> = [
      ['no header', { header: '' }],
      ['wrong secret', { secret: 'guessed-secret' }],
      ['signature of another body', { header: buildSignatureHeader(localSecrets.webhookSecrets[0], '{"x":1}', now) }],
      ['truncated v1', { header: buildSignatureHeader(localSecrets.webhookSecrets[0], body, now).slice(0, -2) }],
      ['t only', { header: `t=${now}` }],
      ['v1 only', { header: `v1=${'0'.repeat(64)}` }],
      ['v0 scheme', { header: buildSignatureHeader(localSecrets.webhookSecrets[0], body, now).replace('v1=', 'v0=') }],
      ['timestamp 10 min old', { t: now - 600 }],
      ['timestamp 10 min ahead', { t: now + 600 }],
    ];
    for (const [, options] of forgeries) {
      const response = await postWebhook(undefined, { raw: body, ...options });
      expectProblem(response, 401, 'INVALID_SIGNATURE');
    }
    const tampered = await postWebhook(undefined, { raw: body.replace('"RED"', '"GREEN"'), header: buildSignatureHeader(localSecrets.webhookSecrets[0], body, now) });
    expectProblem(tampered, 401, 'INVALID_SIGNATURE');
    expect(await snapshot()).toEqual(before);
    note(`RED+FINAL event for an approved case with ${forgeries.map(([w]) => w).join(', ')}, and a body altered after signing → 401 INVALID_SIGNATURE each; case still ${before.status} v${before.version}`);
  });

  it('a replayed event id is a duplicate; older events are stale; other attempts are ignored', async () => {
    const before = await snapshot();
    const old = event({ createdAt: new Date(Date.now() - 3_600_000).toISOString() });
    const stale = await postWebhook(old);
    expect(stale.status).toBe(200);
    expect(stale.body.outcome).toBe('stale');
    const otherAttempt = await postWebhook(event({ attempt: 2 }));
    expect(otherAttempt.body.outcome).toBe('ignored');
    const replayOfStale = await postWebhook(old);
    expect(replayOfStale.body.outcome).toBe('duplicate');
    expect(await snapshot()).toEqual(before);
    const late = event({ review: { answer: 'RED', rejectType: 'FINAL', labels: ['WATCHLIST_MATCH'] } });
    const applied = await postWebhook(late);
    expect(applied.body.outcome).toBe('applied');
    const afterApply = await snapshot();
    expect(afterApply.status).toBe('rejected');
    const replays = await Promise.all([postWebhook(late), postWebhook(late), postWebhook(late)]);
    expect(replays.map((r) => r.body.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await snapshot()).toEqual(afterApply);
    const events = await testDb().collection(`kycCases/${caseId}/events`).where('to', '==', 'rejected').get();
    expect(events.size).toBe(1);
    note(`validly signed: event 1 h older than the last applied → 200 stale; attempt 2 → ignored; same stale id again → duplicate; a new late RED → applied (approved → rejected); 3 parallel replays of it → ${replays.map((r) => r.body.outcome).join(',')}; exactly one → rejected event`);
  });

  it('a user cannot decide their own case (admin decision route → 403)', async () => {
    const response = await api(`/v1/admin/kyc/${caseId}/decision`, { operation: '/v1/admin/kyc/{caseId}/decision', method: 'POST', headers: bearer(user.idToken), body: { decision: 'approve', reason: 'trust me' } });
    expectProblem(response, 403, 'FORBIDDEN');
    note('the applicant POSTs approve to /v1/admin/kyc/{own case}/decision → 403 FORBIDDEN');
  });
});
