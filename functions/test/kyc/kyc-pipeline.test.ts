/**
 * The background side of the pipeline against the real parts: the trigger's
 * plain handler (driven with firebase-functions-test snapshots), the sweep's
 * plain handler, and fault injection at the mock provider (duplicated and
 * reordered callbacks, 5xx, lost responses). The deployed trigger runs too,
 * so these tests also prove that concurrent runs never hand a case over twice.
 */
import { randomUUID } from 'node:crypto';
import { triggerEvents } from '../../../test/trigger-events';
import { Timestamp } from 'firebase-admin/firestore';
import type { KycWorker } from '../../src/kyc/kyc.worker';
import { MAX_HANDOVER_FAILURES } from '../../src/kyc/kyc.submission';
import { SYSTEM_ACTORS } from '../../src/kyc/kyc.model';
import { stackEnv } from '../../../test/env';
import { testProvider, testServices } from '../../../test/services';
import { eventually, testDb, uniqueId } from '../../../test/firestore';
import { applicant, checkOf, eventLog, localSecrets, mockKyc, newApplicant, resetFaults, setFaults, submitKyc, waitForStatus } from './kyc-helpers';
import { seedKycCase, type KycCaseOptions } from './kyc-fixtures';

const fft = triggerEvents(testDb());

const SETTINGS = { maxAttempts: 3, providerTimeoutMs: 3000, submitDeadlineMs: 10 * 60_000, reviewDeadlineMs: 60 * 60_000, expiryMs: 72 * 3_600_000 };

/** The KYC worker (trigger, sweep, hand-over) of services built against the stack, with the provider at `providerUrl`. */
function worker(providerUrl = stackEnv.mockKycUrl): KycWorker {
  const provider = testProvider(providerUrl, { token: localSecrets.providerApiToken });
  return testServices({ kycProvider: () => provider, kycSettings: () => SETTINGS }).kycWorker;
}

/** Write a case as the API would (or as a crashed process left it), `submitted` unless told; `version` counts its seeded transitions. */
async function writeCase(options: KycCaseOptions): Promise<{ caseId: string; uid: string; version: number }> {
  const { kycCase } = await seedKycCase({ caseId: uniqueId('kc-pipe'), ...options });
  return { caseId: kycCase.id, uid: kycCase.uid, version: kycCase.version };
}

/** The trigger event for "the case was created as it is now". */
async function createdEvent(caseId: string, id = randomUUID()) {
  const data = (await testDb().doc(`kycCases/${caseId}`).get()).data() ?? {};
  const after = fft.makeDocumentSnapshot(data, `kycCases/${caseId}`);
  const before = fft.makeDocumentSnapshot({}, `kycCases/${caseId}`);
  return { id, params: { caseId }, data: fft.makeChange(before, after) };
}

const statusOf = async (caseId: string) => String((await testDb().doc(`kycCases/${caseId}`).get()).get('status'));

describe('onKycCaseWritten (plain handler)', () => {
  it('repeated and concurrent deliveries of one event hand the case over once', async () => {
    const { caseId } = await writeCase({});
    const event = await createdEvent(caseId);
    await Promise.all([worker().onCaseWritten(event), worker().onCaseWritten(event), worker().onCaseWritten(event)]);
    await worker().onCaseWritten(event);
    await eventually('approval', async () => ((await statusOf(caseId)) === 'approved' ? true : undefined), 45_000);
    const log = await eventLog(caseId);
    expect(log.filter((entry) => entry.to === 'in_review')).toHaveLength(1);
    expect(log.filter((entry) => entry.to === 'approved')).toHaveLength(1);
    const stored = await testDb().doc(`kycCases/${caseId}`).get();
    // Every run used the key recorded by the first one, so the provider saw one applicant and one check.
    const key = stored.get('submission.key') as string;
    expect(log.find((entry) => entry.to === 'in_review')?.sourceEventId).toBe(key);
    const check = await checkOf(caseId);
    expect(check).toMatchObject({ caseId, attempt: 1 });
    const applicantRecord = await mockKyc<{ checks: string[] }>(`/v1/applicants/${String(stored.get('provider.applicantId'))}`);
    expect(applicantRecord.body.checks).toHaveLength(1);
  });

  it('a `submitted` case whose owner is being erased (tombstone written) is not handed over to the provider', async () => {
    const uid = uniqueId('erasing');
    await testDb().doc(`users/${uid}`).set({ uid, status: 'deleted', erasedAt: Timestamp.now(), version: 2 });
    const { caseId, version } = await writeCase({ uid });
    await worker().onCaseWritten(await createdEvent(caseId));
    const stored = await testDb().doc(`kycCases/${caseId}`).get();
    expect(stored.get('status')).toBe('submitted');
    expect(stored.get('submission')).toBeNull();
    expect(stored.get('provider')).toBeNull();
    expect(await eventLog(caseId, version)).toEqual([]);
  });

  it('a late redelivery of the `submitted` write after the case moved on does nothing', async () => {
    const { caseId } = await writeCase({});
    const stale = await createdEvent(caseId);
    await eventually('approval', async () => ((await statusOf(caseId)) === 'approved' ? true : undefined), 45_000);
    const before = await eventLog(caseId);
    const refs = (await testDb().doc(`kycCases/${caseId}`).get()).get('provider');
    await worker().onCaseWritten(stale);
    expect(await eventLog(caseId)).toEqual(before);
    expect((await testDb().doc(`kycCases/${caseId}`).get()).get('provider')).toEqual(refs);
  });

  it('a case the provider moved on while the hand-over answer was lost gets its refs on the next run, with no transition', async () => {
    // As left behind when startCheck's response timed out but the webhook already applied the decision.
    const { caseId, version } = await writeCase({ status: 'approved', provider: null });
    const before = await eventLog(caseId);
    expect(await worker().handOver(caseId, randomUUID(), SYSTEM_ACTORS.trigger)).toBe('refs_recorded');
    const stored = await testDb().doc(`kycCases/${caseId}`).get();
    expect(stored.get('status')).toBe('approved');
    expect(stored.get('provider')).toMatchObject({ attempt: 1, applicantId: expect.any(String), checkId: expect.any(String) });
    expect(await eventLog(caseId)).toEqual(before);
    expect(before).toHaveLength(version);
    // Refs present: a further run has nothing to do.
    expect(await worker().handOver(caseId, randomUUID(), SYSTEM_ACTORS.trigger)).toBe('skipped');
  });

  it('an expired case without refs is not handed over', async () => {
    const { caseId } = await writeCase({ history: ['submitted', 'in_review', 'expired'], provider: null });
    expect(await worker().handOver(caseId, randomUUID(), SYSTEM_ACTORS.trigger)).toBe('skipped');
    expect((await testDb().doc(`kycCases/${caseId}`).get()).get('provider')).toBeNull();
  });

  it('a refused hand-over is surfaced (note + audit), not retried by redeliveries; the sweep restarts it; transient failures are rethrown', async () => {
    // Data the provider refuses makes the deployed trigger give up at once (permanent), so only our runs count.
    const { caseId } = await writeCase({ applicant: applicant('Lovelace', { dateOfBirth: '1990-02-31' }) });
    await eventually('the deployed trigger to give up', async () => ((await testDb().doc(`kycCases/${caseId}`).get()).get('note') ? true : undefined), 45_000);
    const surfaced = await testDb().doc(`kycCases/${caseId}`).get();
    expect(surfaced.get('submission.failures')).toBe(MAX_HANDOVER_FAILURES);
    expect(surfaced.get('submission.lastError')).toMatch(/HTTP 400 VALIDATION_FAILED/);
    expect(surfaced.get('status')).toBe('submitted');
    const audit = await testDb().collection('auditLogs').where('target.id', '==', caseId).where('action', '==', 'kyc.case.handover_failed').get();
    expect(audit.size).toBe(1);
    // A redelivery does not retry a surfaced failure; the sweep restarts it, and with the provider down it fails again.
    await worker('http://127.0.0.1:1').onCaseWritten(await createdEvent(caseId));
    expect((await testDb().doc(`kycCases/${caseId}`).get()).get('submission.failures')).toBe(MAX_HANDOVER_FAILURES);
    const down = worker('http://127.0.0.1:1');
    const report = await down.sweep({ now: new Date(Date.now() + 11 * 60_000), uids: [String(surfaced.get('uid'))], limit: 5000 });
    expect(report).toMatchObject({ resubmitted: 0, failed: 1 });
    const restarted = await testDb().doc(`kycCases/${caseId}`).get();
    expect(restarted.get('submission.failures')).toBe(1);
    expect(restarted.get('submission.lastError')).toMatch(/network error/);
    expect(restarted.get('submission.key')).toBe(surfaced.get('submission.key'));
    // Below the limit, a transient failure is rethrown so the platform retries the event (retry: true).
    await expect(down.onCaseWritten(await createdEvent(caseId))).rejects.toThrow(/network error/);
    expect((await testDb().doc(`kycCases/${caseId}`).get()).get('submission.failures')).toBe(2);
  });

  it('ignores deletions and writes that do not change the status', async () => {
    const { caseId, version } = await writeCase({ status: 'approved' });
    const snapshot = (await testDb().doc(`kycCases/${caseId}`).get()).data() ?? {};
    const same = fft.makeChange(
      fft.makeDocumentSnapshot(snapshot, `kycCases/${caseId}`),
      fft.makeDocumentSnapshot({ ...snapshot, note: 'x' }, `kycCases/${caseId}`),
    );
    await expect(worker().onCaseWritten({ id: randomUUID(), params: { caseId }, data: same })).resolves.toBeUndefined();
    const deleted = fft.makeChange(fft.makeDocumentSnapshot(snapshot, `kycCases/${caseId}`), fft.makeDocumentSnapshot({}, `kycCases/${caseId}`));
    await expect(worker().onCaseWritten({ id: randomUUID(), params: { caseId }, data: deleted })).resolves.toBeUndefined();
    expect(await eventLog(caseId, version)).toEqual([]);
  });
});

describe('sweepKycCases (plain handler)', () => {
  it('re-drives a case stuck in `submitted` after its hand-over was given up, with the same Idempotency-Key', async () => {
    const key = `crashed-${randomUUID()}`;
    const { caseId, uid, version } = await writeCase({
      submission: { attempt: 1, key, requestedAt: new Date().toISOString(), failures: MAX_HANDOVER_FAILURES, lastError: 'HTTP 503' },
      note: 'Hand-over to the KYC provider failed',
    });
    // The deployed trigger sees a surfaced failure and leaves the case alone.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await statusOf(caseId)).toBe('submitted');
    const report = await worker().sweep({ now: new Date(Date.now() + 11 * 60_000), uids: [uid], limit: 5000 });
    expect(report.resubmitted).toBe(1);
    await eventually('approval', async () => ((await statusOf(caseId)) === 'approved' ? true : undefined), 45_000);
    const log = await eventLog(caseId, version);
    expect(log.map((entry) => [entry.to, (entry.actor as { id: string }).id])).toEqual([
      ['in_review', 'kyc-sweep'],
      ['approved', 'kyc-provider'],
    ]);
    expect(log[0].sourceEventId).toBe(key);
    expect((await testDb().doc(`kycCases/${caseId}`).get()).get('note')).toBeNull();
  });

  it('polls a check whose webhook seems lost and applies it exactly once (the webhook then is a duplicate)', async () => {
    const user = await newApplicant();
    const created = await submitKyc(user, applicant('Pending'));
    const caseId = String(created.body.id);
    await waitForStatus(user, 'in_review');
    const check = await checkOf(caseId);
    // Pending: nothing to apply, not yet expired.
    expect(await worker().sweep({ now: new Date(Date.now() + 61 * 60_000), uids: [user.uid], limit: 5000 })).toMatchObject({ polled: 1, applied: 0, expired: 0 });
    await mockKyc(`/v1/sandbox/checks/${String(check.id)}/outcome`, { method: 'POST', body: { answer: 'RED', rejectType: 'FINAL', labels: ['FORGERY'] } });
    await worker().sweep({ now: new Date(Date.now() + 61 * 60_000), uids: [user.uid], limit: 5000 });
    await waitForStatus(user, 'rejected');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await eventLog(caseId)).filter((entry) => entry.to === 'rejected')).toHaveLength(1);
  });

  it('expires a case with no decision past the time limit', async () => {
    const user = await newApplicant();
    await submitKyc(user, applicant('Pending'));
    await waitForStatus(user, 'in_review');
    const report = await worker().sweep({ now: new Date(Date.now() + 73 * 3_600_000), uids: [user.uid], limit: 5000 });
    expect(report.expired).toBe(1);
    const expired = await waitForStatus(user, 'expired');
    expect(expired).toMatchObject({ nextAction: 'resubmit' });
    // An expired case can be replaced by a new one.
    const again = await submitKyc(user, applicant('Lovelace'));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(expired.id);
  });
});

describe('fault injection at the provider', () => {
  afterAll(async () => {
    await resetFaults();
  });

  it('with 5xx, lost responses, duplicated and reordered callbacks, each case ends in the provider’s final decision exactly once', async () => {
    await setFaults({ errorRate: 0.25, timeoutRate: 0.1, duplicateRate: 0.5, outOfOrderRate: 0.5, latencyMs: 10, seed: 7 });
    const scenarios: Array<[string, string]> = [
      ['Lovelace', 'approved'],
      ['Hopper', 'approved'],
      ['Retry', 'resubmission_required'],
      ['Reject', 'rejected'],
      ['Late', 'rejected'],
    ];
    const users = await Promise.all(scenarios.map(() => newApplicant()));
    const created = await Promise.all(users.map((user, index) => submitKyc(user, applicant(scenarios[index][0]))));
    expect(created.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    await Promise.all(users.map((user, index) => waitForStatus(user, scenarios[index][1], 90_000)));
    // Let the remaining duplicates and held-back events arrive, then check nothing moved.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const deliveries = (await mockKyc<{ data: Array<{ copy: string }> }>('/v1/deliveries')).body.data;
    expect(deliveries.some((delivery) => delivery.copy === 'duplicate')).toBe(true);
    await resetFaults();
    for (const [index, response] of created.entries()) {
      const caseId = String(response.body.id);
      const [, final] = scenarios[index];
      expect(await statusOf(caseId)).toBe(final);
      const log = await eventLog(caseId);
      expect(log.map((entry) => entry.id)).toEqual(log.map((_entry, position) => String(position + 1).padStart(6, '0')));
      expect(log.filter((entry) => entry.to === 'in_review')).toHaveLength(1);
      expect(log.filter((entry) => entry.to === final)).toHaveLength(1);
      const providerEvents = log.filter((entry) => entry.by === 'provider').map((entry) => entry.sourceEventId);
      expect(new Set(providerEvents).size).toBe(providerEvents.length);
      const audited = await testDb().collection('auditLogs').where('target.id', '==', caseId).where('action', '==', 'kyc.case.transition').get();
      expect(audited.size).toBe(log.length - 1);
      const check = await checkOf(caseId);
      expect(check.status).toBe('completed');
    }
  }, 180_000);
});
