/**
 * The case fixture builder itself (kyc-fixtures.ts): what it builds reads back
 * through the production mapping as the case it meant, with a legal history
 * whose event ids are the versions; an illegal history is refused.
 */
import { inventCaseHistory } from '../../src/dev/kyc-history';
import { eventFromDoc, eventId, fromDoc } from '../../src/kyc/kyc.mapping';
import { KYC_STATUSES, canTransition } from '../../src/kyc/kyc.state';
import { buildKycCase } from './kyc-fixtures';

describe('buildKycCase', () => {
  it.each(KYC_STATUSES)('%s: documents that read back as the case, with a legal, versioned history', (status) => {
    const { kycCase, caseDoc, events } = buildKycCase({ uid: 'u-fixture', status });
    expect(fromDoc(kycCase.id, caseDoc)).toEqual(kycCase);
    const log = events.map(({ id, doc }) => eventFromDoc(id, doc));
    expect(log.map((event) => event.id)).toEqual(log.map((_event, index) => eventId(index + 1)));
    expect(log.at(-1)).toMatchObject({ to: status, at: kycCase.statusChangedAt });
    expect(log.every((event, index) => (index === 0 ? event.from === null : event.from !== null && canTransition(event.from, event.to)))).toBe(true);
    expect(kycCase.version).toBe(log.length);
  });

  it('a resubmission starts the next attempt and clears the previous hand-over', () => {
    const { kycCase, events } = buildKycCase({ history: ['submitted', 'in_review', 'resubmission_required', 'submitted'] });
    expect(kycCase).toMatchObject({ status: 'submitted', attempt: 2, version: 4, provider: null, submission: null, review: null });
    expect(events.map(({ doc }) => doc.attempt)).toEqual([1, 1, 1, 2]);
  });

  it('refuses an illegal history or one that contradicts the status', () => {
    expect(() => buildKycCase({ history: ['submitted', 'approved'] })).toThrow(/submitted → approved/);
    expect(() => buildKycCase({ history: ['in_review'] })).toThrow(/starts with submitted/);
    expect(() => buildKycCase({ status: 'approved', history: ['submitted', 'in_review'] })).toThrow(/ends in in_review/);
  });
});

describe('inventCaseHistory (shared with the seed)', () => {
  const input = {
    uid: 'u-seed',
    caseId: 'kc-seed',
    applicant: buildKycCase().kycCase.applicant,
    now: new Date('2026-11-21T12:00:00.000Z'),
    stepMs: 60_000,
    label: 'seed',
    providerRefsWhileInReview: false,
  };

  it('without provider refs while in review: an in-review case has none, a decided one has them', () => {
    const inReview = inventCaseHistory({ ...input, history: ['submitted', 'in_review'] }).kycCase;
    expect(inReview).toMatchObject({ status: 'in_review', provider: null, submission: { attempt: 1, key: 'seed-kc-seed-1' } });
    const approved = inventCaseHistory({ ...input, history: ['submitted', 'in_review', 'approved'] }).kycCase;
    expect(approved.provider).toEqual({ applicantId: 'app_seed_kc-seed', checkId: 'chk_seed_kc-seed', attempt: 1 });
    expect(approved.review).toMatchObject({ answer: 'GREEN', source: 'provider', decidedAt: '2026-11-21T12:00:00.000Z' });
  });

  it('spaces the events stepMs apart, ending at now', () => {
    const { events } = inventCaseHistory({ ...input, history: ['submitted', 'in_review', 'rejected'] });
    expect(events.map((event) => event.at)).toEqual(['2026-11-21T11:58:00.000Z', '2026-11-21T11:59:00.000Z', '2026-11-21T12:00:00.000Z']);
  });
});
