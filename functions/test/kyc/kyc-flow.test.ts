/**
 * The KYC pipeline end to end through the local stack, for each sandbox
 * outcome: POST /v1/me/kyc → Firestore trigger → mock provider → signed
 * webhook → case status, event log, audit trail, profile kycStatus and the
 * `kyc` claim in a freshly issued ID token.
 */
import { api } from '../../../test/http';
import { bearer } from '../../../test/identities';
import { eventually, testDb } from '../../../test/firestore';
import { applicant, checkOf, eventLog, getKyc, mockKyc, newApplicant, submitKyc, waitForProfileAndClaim, waitForStatus } from './kyc-helpers';

/** Statuses of the event log in order. */
async function path(caseId: string): Promise<string[]> {
  return (await eventLog(caseId)).map((event) => String(event.to));
}

async function auditActions(caseId: string): Promise<string[]> {
  const snapshot = await testDb().collection('auditLogs').where('target.id', '==', caseId).get();
  return snapshot.docs.map((doc) => `${doc.get('action')}:${doc.get('after.status') ?? ''}`).sort();
}

describe('GREEN', () => {
  it('approves the case; profile and token claim follow; history, events and audit are complete', async () => {
    const user = await newApplicant();
    const created = await submitKyc(user, applicant('Lovelace'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'submitted', attempt: 1, nextAction: 'wait' });
    const caseId = String(created.body.id);

    const approved = await waitForStatus(user, 'approved');
    expect(approved).toMatchObject({ id: caseId, nextAction: 'none', labels: [] });
    expect((approved.history as Array<{ to: string; by: string }>).map((entry) => `${entry.to}/${entry.by}`)).toEqual([
      'submitted/applicant',
      'in_review/system',
      'approved/provider',
    ]);
    await waitForProfileAndClaim(user, 'approved');

    const stored = await testDb().doc(`kycCases/${caseId}`).get();
    expect(stored.get('uid')).toBe(user.uid);
    expect(stored.get('applicant.lastName')).toBe('Lovelace');
    expect(stored.get('provider')).toMatchObject({ attempt: 1, applicantId: expect.stringMatching(/^app_/), checkId: expect.stringMatching(/^chk_/) });
    const events = await eventLog(caseId);
    expect(events.map((event) => event.id)).toEqual(['000001', '000002', '000003']);
    expect(events[2]).toMatchObject({ from: 'in_review', to: 'approved', sourceEventId: expect.stringMatching(/^evt_/) });
    expect(await auditActions(caseId)).toEqual(['kyc.case.opened:submitted', 'kyc.case.transition:approved', 'kyc.case.transition:in_review']);
    // The audit trail keeps no personal data.
    const opened = (await testDb().collection('auditLogs').where('target.id', '==', caseId).where('action', '==', 'kyc.case.opened').get()).docs[0];
    expect(opened.get('after.applicant')).toBe('[REDACTED]');
  });
});

describe('RED + RETRY', () => {
  it('asks for resubmission; the resubmitted case (attempt 2) can then be approved', async () => {
    const user = await newApplicant();
    const created = await submitKyc(user, applicant('Retry'));
    const caseId = String(created.body.id);
    const first = await waitForStatus(user, 'resubmission_required');
    expect(first).toMatchObject({ attempt: 1, nextAction: 'resubmit', labels: ['DOCUMENT_UNREADABLE'], message: expect.any(String) });
    await waitForProfileAndClaim(user, 'resubmission_required');

    const again = await submitKyc(user, applicant('Lovelace'));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: caseId, status: 'submitted', attempt: 2 });
    const approved = await waitForStatus(user, 'approved');
    expect(approved).toMatchObject({ id: caseId, attempt: 2 });
    await waitForProfileAndClaim(user, 'approved');
    expect(await path(caseId)).toEqual(['submitted', 'in_review', 'resubmission_required', 'submitted', 'in_review', 'approved']);
    const stored = await testDb().doc(`kycCases/${caseId}`).get();
    expect(stored.get('applicant.lastName')).toBe('Lovelace');
    expect(stored.get('provider.attempt')).toBe(2);
  });
});

describe('RED + FINAL', () => {
  it('rejects the case for good: contact support, no new case', async () => {
    const user = await newApplicant();
    const created = await submitKyc(user, applicant('Reject'));
    const rejected = await waitForStatus(user, 'rejected');
    expect(rejected).toMatchObject({ nextAction: 'contact_support', labels: ['FORGERY'] });
    await waitForProfileAndClaim(user, 'rejected');
    const retry = await submitKyc(user, applicant('Lovelace'));
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe('KYC_REJECTED');
    expect(await path(String(created.body.id))).toEqual(['submitted', 'in_review', 'rejected']);
  });
});

describe('on hold, then a forced outcome', () => {
  it('goes on_hold (wait), then the forced GREEN approves it', async () => {
    const user = await newApplicant();
    const created = await submitKyc(user, applicant('Review'));
    const caseId = String(created.body.id);
    const held = await waitForStatus(user, 'on_hold');
    expect(held).toMatchObject({ nextAction: 'wait', labels: ['MANUAL_REVIEW'] });
    await waitForProfileAndClaim(user, 'on_hold');
    const check = await checkOf(caseId);
    const forced = await mockKyc(`/v1/sandbox/checks/${String(check.id)}/outcome`, { method: 'POST', body: { answer: 'GREEN' } });
    expect(forced.status).toBe(200);
    await waitForStatus(user, 'approved');
    await waitForProfileAndClaim(user, 'approved');
    expect(await path(caseId)).toEqual(['submitted', 'in_review', 'on_hold', 'approved']);
  });
});

describe('late RED after GREEN', () => {
  it('approves, then rejects when the negative result arrives; the claim is revoked to rejected', async () => {
    const user = await newApplicant();
    const created = await submitKyc(user, applicant('Late'));
    const caseId = String(created.body.id);
    await waitForStatus(user, 'rejected');
    await waitForProfileAndClaim(user, 'rejected');
    const events = await eventLog(caseId);
    // The GREEN is applied first unless delivery reordered it behind the RED (then it is stale and ignored).
    expect(events.map((event) => event.to)).toEqual(expect.arrayContaining(['submitted', 'in_review', 'rejected']));
    expect(events.filter((event) => event.to === 'rejected')).toHaveLength(1);
    const detail = await getKyc(user);
    expect(detail.body).toMatchObject({ status: 'rejected', labels: ['WATCHLIST_MATCH'], nextAction: 'contact_support' });
  });
});

describe('the review queue sees pipeline cases', () => {
  it('lists an on_hold case for admins with its applicant data and provider refs', async () => {
    const { createTestUser } = await import('../../../test/identities');
    const admin = await createTestUser({ roles: ['admin'] });
    const user = await newApplicant();
    const created = await submitKyc(user, applicant('Review'));
    await waitForStatus(user, 'on_hold');
    const listed = async (): Promise<Record<string, unknown> | undefined> => {
      let cursor: string | null = null;
      do {
        const query: string = `/v1/admin/kyc?status=on_hold&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await api<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>(query, { headers: bearer(admin.idToken) });
        expect(page.status).toBe(200);
        const item = page.body.items.find((entry) => entry.id === created.body.id);
        if (item) return item;
        cursor = page.body.nextCursor;
      } while (cursor);
      return undefined;
    };
    // The provider's on_hold can overtake the hand-over write that records its refs
    // (kyc.submission.ts keeps them anyway), so the refs may show up just after the status.
    const found = await eventually('the on_hold case listed with its provider refs', async () => {
      const item = await listed();
      return item?.provider ? item : undefined;
    });
    expect(found).toMatchObject({ uid: user.uid, status: 'on_hold', applicant: { lastName: 'Review' }, provider: { attempt: 1 } });
  });
});
