import { sandboxPlan } from '../src/outcomes';
import { verifySignature } from '../src/signature';
import { createCheck, SECRET, sleep, startMock, startReceiver, waitFor, type Received } from './helpers';

const now = () => Math.floor(Date.now() / 1000);

describe('sandboxPlan (pure)', () => {
  const today = new Date('2026-06-15T12:00:00Z');
  const base = { lastName: 'Lovelace', dateOfBirth: '1990-01-01', document: { number: 'P1', expiresOn: '2030-01-01' } };

  it('matches last names case-insensitively and document suffixes', () => {
    expect(sandboxPlan({ ...base, lastName: ' retry ' }, today)).toMatchObject({ kind: 'complete', review: { answer: 'RED', rejectType: 'RETRY' } });
    expect(sandboxPlan({ ...base, document: { ...base.document, number: 'x-final' } }, today)).toMatchObject({ review: { rejectType: 'FINAL' } });
    expect(sandboxPlan({ ...base, lastName: 'REVIEW' }, today).kind).toBe('on_hold');
    expect(sandboxPlan({ ...base, document: { ...base.document, number: 'AB-LATE' } }, today).kind).toBe('late_red');
    expect(sandboxPlan({ ...base, lastName: 'Pending' }, today).kind).toBe('none');
  });

  it('rejects expired documents (RETRY) and minors (FINAL), else GREEN', () => {
    expect(sandboxPlan({ ...base, document: { ...base.document, expiresOn: '2026-06-14' } }, today)).toMatchObject({
      review: { answer: 'RED', rejectType: 'RETRY', labels: ['DOCUMENT_EXPIRED'] },
    });
    expect(sandboxPlan({ ...base, dateOfBirth: '2008-06-16' }, today)).toMatchObject({ review: { rejectType: 'FINAL', labels: ['AGE_BELOW_MINIMUM'] } });
    expect(sandboxPlan({ ...base, dateOfBirth: '2008-06-15' }, today)).toMatchObject({ review: { answer: 'GREEN' } });
  });

  it('returns fresh objects', () => {
    const a = sandboxPlan({ ...base, lastName: 'Retry' }, today);
    if (a.kind === 'complete') a.review.labels.push('MUTATED');
    expect(sandboxPlan({ ...base, lastName: 'Retry' }, today)).toMatchObject({ review: { labels: ['DOCUMENT_UNREADABLE'] } });
  });
});

describe('sandbox outcomes over HTTP', () => {
  let mk: Awaited<ReturnType<typeof startMock>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const forCase = (caseId: string) => receiver.received.filter((r) => r.body.caseId === caseId);
  const expectSigned = (r: Received) => {
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(r.signature, r.rawBody, SECRET, now())).toBe(true);
    expect(verifySignature(r.signature, r.rawBody, 'wrong-secret', now())).toBe(false);
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    mk = await startMock();
  });
  afterAll(async () => {
    await mk.stop();
    await receiver.close();
  });

  const cases: [string, Parameters<typeof createCheck>[2], object][] = [
    ['default → GREEN', {}, { answer: 'GREEN', labels: [] }],
    ['lastName Retry → RED RETRY', { lastName: 'Retry' }, { answer: 'RED', rejectType: 'RETRY', labels: ['DOCUMENT_UNREADABLE'] }],
    ['number …RETRY → RED RETRY', { number: 'P123RETRY' }, { answer: 'RED', rejectType: 'RETRY' }],
    ['lastName Reject → RED FINAL', { lastName: 'Reject' }, { answer: 'RED', rejectType: 'FINAL', labels: ['FORGERY'] }],
    ['number …FINAL → RED FINAL', { number: 'P123FINAL' }, { answer: 'RED', rejectType: 'FINAL' }],
    ['expired document → RED RETRY', { expiresOn: '2020-01-01' }, { answer: 'RED', rejectType: 'RETRY', labels: ['DOCUMENT_EXPIRED'] }],
    ['minor → RED FINAL', { dateOfBirth: `${new Date().getUTCFullYear() - 10}-01-01` }, { answer: 'RED', rejectType: 'FINAL', labels: ['AGE_BELOW_MINIMUM'] }],
  ];

  it.each(cases)('%s: one signed kyc.check.completed callback', async (name, over, review) => {
    const caseId = `case-${name}`;
    const { applicant, check } = await createCheck(mk.api, receiver.url, over, caseId);
    await waitFor(() => forCase(caseId).length === 1, 3000, 'callback');
    const [cb] = forCase(caseId) as [Received];
    expectSigned(cb);
    expect(Object.keys(cb.body).sort()).toEqual(['applicantId', 'attempt', 'caseId', 'createdAt', 'id', 'review', 'type']);
    expect(cb.body).toMatchObject({ type: 'kyc.check.completed', caseId, applicantId: applicant.id, attempt: 1, review });
    expect(cb.body.id).toMatch(/^evt_/);
    expect(typeof cb.body.review.userMessage).toBe('string');
    if (cb.body.review.answer === 'GREEN') expect(cb.body.review).not.toHaveProperty('rejectType');
    expect(cb.headers['x-event-id']).toBe(cb.body.id);
    const got = await mk.api('GET', `/v1/checks/${check.id}`);
    expect(got.body).toMatchObject({ status: 'completed', result: review, events: [{ id: cb.body.id, type: 'kyc.check.completed' }] });
  });

  it('Review → kyc.check.on_hold, stays on hold until an outcome is forced', async () => {
    const { check } = await createCheck(mk.api, receiver.url, { lastName: 'Review' }, 'case-hold');
    await waitFor(() => forCase('case-hold').length === 1, 3000, 'on_hold callback');
    const held = forCase('case-hold')[0]!;
    expectSigned(held);
    expect(held.body).toMatchObject({ type: 'kyc.check.on_hold', review: { labels: ['MANUAL_REVIEW'] } });
    expect(held.body.review).not.toHaveProperty('answer');
    await sleep(100);
    expect((await mk.api('GET', `/v1/checks/${check.id}`)).body.status).toBe('on_hold');

    const forced = await mk.api('POST', `/v1/sandbox/checks/${check.id}/outcome`, { answer: 'green' });
    expect(forced.status).toBe(200);
    expect(forced.body.check.status).toBe('completed');
    await waitFor(() => forCase('case-hold').length === 2, 3000, 'completed callback');
    const done = forCase('case-hold')[1]!;
    expectSigned(done);
    expect(done.body).toMatchObject({ id: forced.body.event.id, type: 'kyc.check.completed', review: { answer: 'GREEN' } });
    expect(done.body.createdAt > held.body.createdAt).toBe(true);
  });

  it('Late → GREEN, then later RED FINAL with a newer createdAt and a new event id', async () => {
    const { check } = await createCheck(mk.api, receiver.url, { lastName: 'Late' }, 'case-late');
    await waitFor(() => forCase('case-late').length === 2, 3000, 'both callbacks');
    const [green, red] = forCase('case-late') as [Received, Received];
    expect(green.body.review).toMatchObject({ answer: 'GREEN' });
    expect(red.body.review).toMatchObject({ answer: 'RED', rejectType: 'FINAL', labels: ['WATCHLIST_MATCH'] });
    expect(red.body.id).not.toBe(green.body.id);
    expect(red.body.createdAt > green.body.createdAt).toBe(true);
    expectSigned(red);
    expect((await mk.api('GET', `/v1/checks/${check.id}`)).body).toMatchObject({ status: 'completed', result: { answer: 'RED' } });
  });

  it('Pending → no decision until forced; a forced outcome cancels the sandbox plan', async () => {
    const { check } = await createCheck(mk.api, receiver.url, { number: 'X-PENDING' }, 'case-pending');
    await sleep(150);
    expect(forCase('case-pending')).toHaveLength(0);
    expect((await mk.api('GET', `/v1/checks/${check.id}`)).body.status).toBe('pending');
    const forced = await mk.api('POST', `/v1/sandbox/checks/${check.id}/outcome`, { answer: 'RED', rejectType: 'RETRY', labels: ['SELFIE_MISMATCH'], userMessage: 'Try again.' });
    expect(forced.body.event.review).toEqual({ answer: 'RED', rejectType: 'RETRY', labels: ['SELFIE_MISMATCH'], userMessage: 'Try again.' });
    await waitFor(() => forCase('case-pending').length === 1, 3000, 'forced callback');

    // Forcing before the sandbox decides: the sandbox's own GREEN must never follow.
    const early = await createCheck(mk.api, receiver.url, {}, 'case-early');
    await mk.api('POST', `/v1/sandbox/checks/${early.check.id}/outcome`, { answer: 'RED', rejectType: 'FINAL' });
    await sleep(150);
    expect(forCase('case-early').map((r) => r.body.review.answer)).toEqual(['RED']);
  });

  it('validates forced outcomes', async () => {
    const { check } = await createCheck(mk.api, receiver.url, { lastName: 'Pending' }, 'case-invalid');
    const noType = await mk.api('POST', `/v1/sandbox/checks/${check.id}/outcome`, { answer: 'RED' });
    expect([noType.status, noType.body.code, noType.body.errors[0].path]).toEqual([400, 'VALIDATION_FAILED', 'rejectType']);
    expect((await mk.api('POST', `/v1/sandbox/checks/${check.id}/outcome`, { answer: 'MAYBE' })).status).toBe(400);
    expect((await mk.api('POST', '/v1/sandbox/checks/chk_nope/outcome', { answer: 'GREEN' })).body.code).toBe('CHECK_NOT_FOUND');
  });
});
