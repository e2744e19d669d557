/**
 * After the chaos run settles: read every applicant's cases, event logs,
 * profile and custom claim straight from the emulators and classify each
 * applicant. Nothing here is timed; it only compares state with the plan.
 */
import type { Firestore, Timestamp } from 'firebase-admin/firestore';
import type { Auth } from 'firebase-admin/auth';
import { expectedChain, expectedStatus, type Scenario, type Transition } from './plan';

export interface Applicant {
  index: number;
  uid: string;
  scenario: Scenario;
}

export interface Verdict {
  uid: string;
  scenario: Scenario;
  cases: number;
  status: string | null;
  /** The case reached the status its plan says, decided by the provider. */
  finalDecision: boolean;
  /** The log is exactly the planned chain: every step once, in order, no gaps. */
  exactlyOnce: boolean;
  duplicateTransitions: number;
  problems: string[];
  /** Milliseconds from submission to the provider's decision, per attempt. */
  latencyMs: number[];
  /** The decision came from the sweep polling the provider, not from a webhook. */
  viaPoll: boolean;
  /** in_review was recorded by the webhook path (result overtook the hand-over). */
  overtaken: boolean;
}

interface EventDoc {
  id: string;
  from: string | null;
  to: string;
  attempt: number;
  by: string;
  reason: string;
  at: Timestamp;
}

const key = (t: Transition | EventDoc): string => `${t.from ?? '∅'}→${t.to}@${t.attempt}`;

/** Classify one applicant. */
export async function verifyApplicant(db: Firestore, auth: Auth, applicant: Applicant): Promise<Verdict> {
  const problems: string[] = [];
  const cases = await db.collection('kycCases').where('uid', '==', applicant.uid).get();
  const verdict: Verdict = {
    uid: applicant.uid,
    scenario: applicant.scenario,
    cases: cases.size,
    status: null,
    finalDecision: false,
    exactlyOnce: false,
    duplicateTransitions: 0,
    problems,
    latencyMs: [],
    viaPoll: false,
    overtaken: false,
  };
  if (cases.size === 0) {
    problems.push('lost: no case');
    return verdict;
  }
  if (cases.size > 1) problems.push(`duplicated: ${cases.size} cases`);
  const doc = cases.docs[0];
  const data = doc.data();
  verdict.status = String(data.status);
  const events = (await doc.ref.collection('events').orderBy('__name__').get()).docs.map((e) => ({ id: e.id, ...e.data() }) as EventDoc);

  // Log integrity: ids 1..n, each step starts where the previous ended, n = case version.
  events.forEach((event, i) => {
    if (Number(event.id) !== i + 1) problems.push(`event id ${event.id} at position ${i + 1}`);
    const previous = i === 0 ? null : events[i - 1].to;
    if (event.from !== previous) problems.push(`broken chain at ${event.id}: ${event.from} after ${previous}`);
  });
  if (Number(data.version) !== events.length) problems.push(`version ${data.version} but ${events.length} events`);
  if (events.at(-1)?.to !== data.status) problems.push(`status ${data.status} but last event → ${events.at(-1)?.to}`);

  const seen = new Map<string, number>();
  for (const event of events) seen.set(key(event), (seen.get(key(event)) ?? 0) + 1);
  verdict.duplicateTransitions = [...seen.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  if (verdict.duplicateTransitions > 0) problems.push(`${verdict.duplicateTransitions} duplicated transition(s)`);

  const expected = expectedChain(applicant.scenario).map(key);
  const actual = events.map(key);
  verdict.exactlyOnce = expected.join(' ') === actual.join(' ');
  if (!verdict.exactlyOnce) problems.push(`log ${actual.join(' ')} ≠ planned ${expected.join(' ')}`);

  const review = data.review as { source?: string } | null;
  verdict.finalDecision = data.status === expectedStatus(applicant.scenario) && review?.source === 'provider';
  if (!verdict.finalDecision) problems.push(`status ${data.status} (review by ${review?.source ?? 'nobody'}), planned ${expectedStatus(applicant.scenario)}`);

  // Submission → provider decision, per attempt (server timestamps of the log).
  for (const decision of events.filter((e) => e.by === 'provider')) {
    const opened = [...events].reverse().find((e) => e.to === 'submitted' && e.attempt === decision.attempt && Number(e.id) < Number(decision.id));
    if (opened) verdict.latencyMs.push(decision.at.toMillis() - opened.at.toMillis());
    if (decision.reason.includes('(poll)')) verdict.viaPoll = true;
  }
  verdict.overtaken = events.some((e) => e.to === 'in_review' && e.reason.startsWith('provider result arrived'));

  // Profile and claim follow the case.
  const profile = await db.doc(`users/${applicant.uid}`).get();
  if (profile.get('kycStatus') !== data.status) problems.push(`profile kycStatus ${profile.get('kycStatus')} ≠ case ${data.status}`);
  const claims = (await auth.getUser(applicant.uid)).customClaims ?? {};
  if (claims.kyc !== data.status) problems.push(`claim kyc ${String(claims.kyc)} ≠ case ${data.status}`);
  return verdict;
}

/** Percentile (nearest rank) of `values`, or NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
