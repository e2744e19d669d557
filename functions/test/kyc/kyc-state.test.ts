/**
 * The KYC state machine, pair by pair: every legal transition of DESIGN §5 is
 * allowed and every other (from, to) pair, self-transitions included, is
 * refused. The expected table is written out here independently of the module.
 */
import { canTransition, isOpen, KYC_STATUSES, nextActionFor, planTransition, type KycStatus } from '../../src/kyc/kyc.state';

const LEGAL_PAIRS: ReadonlyArray<[KycStatus, KycStatus]> = [
  ['submitted', 'in_review'],
  ['in_review', 'on_hold'],
  ['on_hold', 'in_review'],
  ['in_review', 'approved'],
  ['in_review', 'resubmission_required'],
  ['in_review', 'rejected'],
  ['on_hold', 'approved'],
  ['on_hold', 'resubmission_required'],
  ['on_hold', 'rejected'],
  ['resubmission_required', 'submitted'],
  ['submitted', 'expired'],
  ['in_review', 'expired'],
  ['submitted', 'canceled'],
  ['in_review', 'canceled'],
  ['on_hold', 'canceled'],
  ['approved', 'rejected'],
];
const legal = new Set(LEGAL_PAIRS.map(([from, to]) => `${from}>${to}`));
const allPairs = KYC_STATUSES.flatMap((from) => KYC_STATUSES.map((to) => [from, to] as [KycStatus, KycStatus]));

describe('canTransition', () => {
  it('covers all 64 pairs', () => {
    expect(allPairs).toHaveLength(64);
    expect(legal.size).toBe(16);
  });

  it.each(LEGAL_PAIRS)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(planTransition({ from, to, attempt: 1, maxAttempts: 3 }).ok).toBe(true);
  });

  it.each(allPairs.filter(([from, to]) => !legal.has(`${from}>${to}`)))('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(planTransition({ from, to, attempt: 1, maxAttempts: 3 })).toEqual({ ok: false, reason: 'illegal_transition', from, to });
  });
});

describe('planTransition', () => {
  it('a resubmission starts the next attempt', () => {
    expect(planTransition({ from: 'resubmission_required', to: 'submitted', attempt: 1, maxAttempts: 3 })).toEqual({
      ok: true,
      from: 'resubmission_required',
      to: 'submitted',
      attempt: 2,
    });
  });

  it('refuses a resubmission once the maximum is used', () => {
    expect(planTransition({ from: 'resubmission_required', to: 'submitted', attempt: 3, maxAttempts: 3 })).toMatchObject({
      ok: false,
      reason: 'max_attempts_reached',
    });
  });

  it('other transitions keep the attempt', () => {
    expect(planTransition({ from: 'in_review', to: 'approved', attempt: 2, maxAttempts: 3 })).toMatchObject({ ok: true, attempt: 2 });
  });
});

describe('open statuses and the next action', () => {
  it('only submitted, in_review and on_hold are open', () => {
    expect(KYC_STATUSES.filter(isOpen)).toEqual(['submitted', 'in_review', 'on_hold']);
  });

  it.each([
    ['submitted', 1, 'wait'],
    ['in_review', 1, 'wait'],
    ['on_hold', 1, 'wait'],
    ['resubmission_required', 1, 'resubmit'],
    ['resubmission_required', 3, 'contact_support'],
    ['rejected', 1, 'contact_support'],
    ['approved', 1, 'none'],
    ['expired', 1, 'resubmit'],
    ['canceled', 1, 'resubmit'],
  ] as const)('%s on attempt %i → %s', (status, attempt, action) => {
    expect(nextActionFor(status, attempt, 3)).toBe(action);
  });
});
