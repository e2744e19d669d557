/**
 * What each chaos applicant submits and what the run must end with.
 *
 * Outcomes come from the mock provider's sandbox rules (mock-kyc/README.md:
 * the last name picks the outcome), drawn with a seeded PRNG so a run is
 * reproducible: mostly GREEN, some RED+FINAL, some RED+RETRY. Half of the
 * RETRY applicants resubmit (with data the sandbox approves).
 *
 * "Final decision" per applicant, i.e. the status the case must settle in:
 *   GREEN          → approved               (attempt 1)
 *   FINAL          → rejected               (attempt 1)
 *   RETRY          → resubmission_required  (attempt 1; the applicant stops there)
 *   RETRY+resubmit → approved               (attempt 2; the resubmission is GREEN)
 */
import type { KycStatus } from '../../functions/src/kyc/kyc.state';

export type Scenario = 'green' | 'final' | 'retry' | 'retry_resubmit';

export interface Transition {
  from: KycStatus | null;
  to: KycStatus;
  attempt: number;
}

/** Small seeded PRNG (mulberry32): same seed, same plan. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The scenario of each of `count` applicants: 70 % GREEN, 15 % FINAL, 15 % RETRY (half of them resubmit). */
export function planScenarios(count: number, seed: number): Scenario[] {
  const random = prng(seed);
  let retries = 0;
  return Array.from({ length: count }, () => {
    const draw = random();
    if (draw < 0.7) return 'green';
    if (draw < 0.85) return 'final';
    return retries++ % 2 === 0 ? 'retry' : 'retry_resubmit';
  });
}

const LAST_NAME: Record<'green' | 'final' | 'retry', string> = { green: 'Lovelace', final: 'Reject', retry: 'Retry' };

/** Applicant data; the sandbox decides by last name (document numbers never end in a sandbox suffix). */
export function submission(index: number, outcome: 'green' | 'final' | 'retry'): Record<string, unknown> {
  return {
    firstName: 'Chaos',
    lastName: LAST_NAME[outcome],
    dateOfBirth: '1988-04-1' + String(index % 10),
    nationality: 'DE',
    address: { line1: `Teststraße ${index + 1}`, city: 'Berlin', postalCode: '10117', country: 'DE' },
    document: { type: 'id_card', number: `CX${String(index).padStart(6, '0')}0`, issuingCountry: 'DE', expiresOn: '2035-05-31' },
  };
}

/** The first attempt's sandbox outcome. */
export function firstOutcome(scenario: Scenario): 'green' | 'final' | 'retry' {
  return scenario === 'retry_resubmit' ? 'retry' : scenario;
}

/** The status the case must settle in. */
export function expectedStatus(scenario: Scenario): KycStatus {
  return { green: 'approved', final: 'rejected', retry: 'resubmission_required', retry_resubmit: 'approved' }[scenario] as KycStatus;
}

/** The exact transition log the case must have: every step once, in order. */
export function expectedChain(scenario: Scenario): Transition[] {
  const first = { green: 'approved', final: 'rejected', retry: 'resubmission_required', retry_resubmit: 'resubmission_required' }[scenario] as KycStatus;
  const chain: Transition[] = [
    { from: null, to: 'submitted', attempt: 1 },
    { from: 'submitted', to: 'in_review', attempt: 1 },
    { from: 'in_review', to: first, attempt: 1 },
  ];
  if (scenario === 'retry_resubmit') {
    chain.push(
      { from: 'resubmission_required', to: 'submitted', attempt: 2 },
      { from: 'submitted', to: 'in_review', attempt: 2 },
      { from: 'in_review', to: 'approved', attempt: 2 },
    );
  }
  return chain;
}
