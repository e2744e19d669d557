/**
 * POST /v1/webhooks/kyc through the Functions emulator (the runtime keeps the
 * raw body the signature covers): signature checks (bad, stale, missing,
 * rotated secret), de-duplication by event id, stale and foreign events, and
 * malformed bodies. Cases are written straight to Firestore in `in_review`
 * (no provider involved), so each test controls every event the case sees.
 */
import { randomUUID } from 'node:crypto';
import { eventually, testDb, uniqueId } from '../../../test/firestore';
import { api } from '../../../test/http';
import { bearer, createTestUser } from '../../../test/identities';
import { eventLog, localSecrets, postWebhook } from './kyc-helpers';
import { seedKycCase } from './kyc-fixtures';

/** A case already handed over to the provider, written directly; `version` counts its seeded transitions. */
async function caseInReview(): Promise<{ caseId: string; uid: string; version: number }> {
  const { kycCase } = await seedKycCase({ caseId: uniqueId('kc-webhook'), status: 'in_review', provider: { applicantId: 'app_test', checkId: 'chk_test', attempt: 1 } });
  return { caseId: kycCase.id, uid: kycCase.uid, version: kycCase.version };
}

let clock = Date.now();
/** A provider event; createdAt strictly increases across calls, like the provider's. */
function event(caseId: string, review: Record<string, unknown> = { answer: 'GREEN', labels: [] }, type = 'kyc.check.completed'): Record<string, unknown> {
  clock += 1000;
  return { id: `evt_${randomUUID()}`, type, createdAt: new Date(clock).toISOString(), caseId, applicantId: 'app_test', attempt: 1, review };
}

async function statusOf(caseId: string): Promise<string> {
  return String((await testDb().doc(`kycCases/${caseId}`).get()).get('status'));
}

describe('signature', () => {
  it('a valid signature → 200 applied; the case changes with its event and audit entry', async () => {
    const { caseId, version } = await caseInReview();
    const green = event(caseId);
    const response = await postWebhook(green);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: true, outcome: 'applied' });
    expect(await statusOf(caseId)).toBe('approved');
    const [applied] = await eventLog(caseId, version);
    expect(applied).toMatchObject({ id: '000003', from: 'in_review', to: 'approved', by: 'provider', sourceEventId: green.id });
    expect((await testDb().doc(`webhookEvents/${String(green.id)}`).get()).get('caseId')).toBe(caseId);
    const audit = await testDb().collection('auditLogs').where('target.id', '==', caseId).get();
    expect(audit.docs.map((doc) => doc.get('actor.id'))).toEqual(['kyc-provider']);
  });

  it('the previous secret of a rotation is still accepted', async () => {
    const { caseId } = await caseInReview();
    expect(localSecrets.webhookSecrets).toHaveLength(2);
    const response = await postWebhook(event(caseId), { secret: localSecrets.webhookSecrets[1] });
    expect(response.status).toBe(200);
    expect(await statusOf(caseId)).toBe('approved');
  });

  it.each([
    ['an unknown secret', { secret: 'not-the-secret' }],
    ['a stale timestamp (6 minutes old)', { t: Math.floor(Date.now() / 1000) - 360 }],
    ['a timestamp 6 minutes ahead', { t: Math.floor(Date.now() / 1000) + 360 }],
    ['a malformed header', { header: 't=1,v1=zz' }],
  ])('%s → 401 INVALID_SIGNATURE, nothing applied', async (_what, options) => {
    const { caseId } = await caseInReview();
    const green = event(caseId);
    const response = await postWebhook(green, options);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'INVALID_SIGNATURE', status: 401 });
    expect(await statusOf(caseId)).toBe('in_review');
    expect((await testDb().doc(`webhookEvents/${String(green.id)}`).get()).exists).toBe(false);
  });

  it('a missing header → 401', async () => {
    const { caseId } = await caseInReview();
    const { api } = await import('../../../test/http');
    const response = await api<Record<string, unknown>>('/v1/webhooks/kyc', { method: 'POST', body: event(caseId) });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_SIGNATURE');
  });

  it('the body is verified as received: a re-serialised body no longer matches', async () => {
    const { caseId } = await caseInReview();
    const green = event(caseId);
    const raw = JSON.stringify(green);
    const { buildSignatureHeader } = await import('../../../mock-kyc/src/signature');
    const header = buildSignatureHeader(localSecrets.webhookSecrets[0], raw, Math.floor(Date.now() / 1000));
    const response = await postWebhook(green, { header, raw: JSON.stringify(green, null, 1) });
    expect(response.status).toBe(401);
    expect(await statusOf(caseId)).toBe('in_review');
  });
});

describe('delivery semantics', () => {
  it('a duplicate event id → 200 duplicate, applied once', async () => {
    const { caseId, version } = await caseInReview();
    const green = event(caseId);
    const [first, second] = await Promise.all([postWebhook(green), postWebhook(green)]);
    expect([first.body.outcome, second.body.outcome].sort()).toEqual(['applied', 'duplicate']);
    const third = await postWebhook(green);
    expect(third.body).toEqual({ received: true, outcome: 'duplicate' });
    expect((await eventLog(caseId, version)).filter((entry) => entry.to === 'approved')).toHaveLength(1);
  });

  it('an event older than the last applied one → 200 stale, ignored', async () => {
    const { caseId, version } = await caseInReview();
    const older = event(caseId, { labels: ['MANUAL_REVIEW'] }, 'kyc.check.on_hold');
    const newer = event(caseId, { answer: 'RED', rejectType: 'FINAL', labels: ['FORGERY'] });
    expect((await postWebhook(newer)).body.outcome).toBe('applied');
    expect((await postWebhook(older)).body.outcome).toBe('stale');
    expect(await statusOf(caseId)).toBe('rejected');
    expect((await eventLog(caseId, version)).map((entry) => entry.to)).toEqual(['rejected']);
  });

  it('a late RED after approval rejects the case', async () => {
    const { caseId, version } = await caseInReview();
    expect((await postWebhook(event(caseId))).body.outcome).toBe('applied');
    expect((await postWebhook(event(caseId, { answer: 'RED', rejectType: 'FINAL', labels: ['WATCHLIST_MATCH'] }))).body.outcome).toBe('applied');
    expect((await eventLog(caseId, version)).map((entry) => `${String(entry.from)}>${String(entry.to)}`)).toEqual(['in_review>approved', 'approved>rejected']);
  });

  it('a provider result created before a reviewer’s decision → 200 stale: the manual decision stands', async () => {
    const { caseId, version } = await caseInReview();
    // Created by the provider a minute before the reviewer decides, delivered only afterwards.
    const late: Record<string, unknown> = { ...event(caseId, { answer: 'RED', rejectType: 'RETRY', labels: ['DOCUMENT_UNREADABLE'] }), createdAt: new Date(Date.now() - 60_000).toISOString() };
    const admin = await createTestUser({ roles: ['admin'] });
    const decided = await api<Record<string, unknown>>(`/v1/admin/kyc/${caseId}/decision`, {
      operation: '/v1/admin/kyc/{caseId}/decision',
      method: 'POST',
      headers: bearer(admin.idToken),
      body: { decision: 'approve', reason: 'Verified by video call.' },
    });
    expect(decided.status).toBe(200);
    const response = await postWebhook(late);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: true, outcome: 'stale' });
    const stored = await testDb().doc(`kycCases/${caseId}`).get();
    expect(stored.get('status')).toBe('approved');
    expect(stored.get('review.source')).toBe('reviewer');
    expect((await eventLog(caseId, version)).map((entry) => `${String(entry.from)}>${String(entry.to)}:${String(entry.by)}`)).toEqual(['in_review>approved:reviewer']);
    // The event is recorded as seen: a redelivery is a duplicate, not re-judged.
    expect((await testDb().doc(`webhookEvents/${String(late.id)}`).get()).exists).toBe(true);

    // A result the provider produced after the decision still applies (a negative result revokes the approval).
    const newer: Record<string, unknown> = { ...event(caseId, { answer: 'RED', rejectType: 'FINAL', labels: ['WATCHLIST_MATCH'] }), createdAt: new Date(Date.now() + 1000).toISOString() };
    expect((await postWebhook(newer)).body.outcome).toBe('applied');
    expect(await statusOf(caseId)).toBe('rejected');
  });

  it('on_hold ⇄ in_review, then a decision', async () => {
    const { caseId } = await caseInReview();
    expect((await postWebhook(event(caseId, { labels: ['MANUAL_REVIEW'], userMessage: 'Being reviewed.' }, 'kyc.check.on_hold'))).body.outcome).toBe('applied');
    expect(await statusOf(caseId)).toBe('on_hold');
    expect((await postWebhook(event(caseId, { answer: 'RED', rejectType: 'RETRY', labels: ['DOCUMENT_UNREADABLE'] }))).body.outcome).toBe('applied');
    expect(await statusOf(caseId)).toBe('resubmission_required');
  });

  it.each([
    ['an unknown case', (caseId: string) => ({ ...event(caseId), caseId: `${caseId}-nope` })],
    ['another attempt', (caseId: string) => ({ ...event(caseId), attempt: 2 })],
    ['an unknown event type', (caseId: string) => event(caseId, { labels: [] }, 'kyc.applicant.reviewed')],
  ])('%s → 200 ignored (the provider must not retry forever)', async (_what, build) => {
    const { caseId } = await caseInReview();
    const response = await postWebhook(build(caseId));
    expect(response.status).toBe(200);
    expect(response.body.outcome).toBe('ignored');
    expect(await statusOf(caseId)).toBe('in_review');
  });

  it('a GREEN for a case already rejected is refused by the state machine → 200 ignored', async () => {
    const { caseId } = await caseInReview();
    await postWebhook(event(caseId, { answer: 'RED', rejectType: 'FINAL', labels: [] }));
    const response = await postWebhook(event(caseId));
    expect(response.body.outcome).toBe('ignored');
    expect(await statusOf(caseId)).toBe('rejected');
  });

  it('a verified but malformed event → 400 VALIDATION_FAILED with the paths', async () => {
    const { caseId } = await caseInReview();
    const response = await postWebhook({ id: 'evt_x', type: 'kyc.check.completed', caseId, attempt: 'one', review: {} });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect((response.body.errors as Array<{ path: string }>).map((error) => error.path)).toEqual(expect.arrayContaining(['createdAt', 'attempt', 'applicantId']));
  });

  it('a body over the limit → 413', async () => {
    const raw = JSON.stringify({ blob: 'x'.repeat(70 * 1024) });
    const response = await postWebhook(undefined, { raw });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('the profile follows webhook-driven changes', () => {
  it('users/{uid}.kycStatus is updated by the trigger', async () => {
    const { caseId, uid } = await caseInReview();
    await testDb().doc(`users/${uid}`).set({ uid, kycStatus: 'in_review' });
    await postWebhook(event(caseId));
    await eventually('profile approved', async () => ((await testDb().doc(`users/${uid}`).get()).get('kycStatus') === 'approved' ? true : undefined));
  });
});
