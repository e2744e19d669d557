/**
 * `npm run test:chaos`: N (default 500) KYC submissions through the local
 * stack while the mock provider injects faults (20 % API errors, 10 %
 * timeouts, 10 % duplicate and 10 % out-of-order callbacks, seeded) and every
 * function worker is SIGKILLed once mid-run. Then it waits (generous
 * deadlines, polling state, never asserting on time) until each case settles,
 * verifies every applicant (proof/chaos/verify.ts) and writes
 * reports/chaos-latest.md. It fails only on a lost or duplicated case, an
 * inconsistent event log, or a profile / claim out of step with the case.
 *
 * Knobs (env): NFF_CHAOS_USERS (500), NFF_CHAOS_CONCURRENCY (4 requests in
 * flight through the Functions emulator), NFF_CHAOS_MAX_OPEN (40: new
 * submissions wait while that many cases are submitted or in review, see
 * openCasesGate), NFF_CHAOS_SEED (20251121).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stackEnv } from '../../test/env';
import { testAuth, testDb } from '../../test/firestore';
import { createTestUser, signIn, type TestUser } from '../../test/identities';
import { ensureLocalSecrets } from '../../scripts/src/local-secrets';
import { machine } from './machine';
import { expectedStatus, firstOutcome, planScenarios, submission, type Scenario } from './plan';
import { functionWorkers, killFunctionWorkers } from './processes';
import { openCasesGate, pool, sleep, startSweeper, submitWithRetries, type SubmitRecord } from './runner';
import { percentile, verifyApplicant, type Verdict } from './verify';

const USERS = Number(process.env.NFF_CHAOS_USERS ?? 500);
const CONCURRENCY = Number(process.env.NFF_CHAOS_CONCURRENCY ?? 4);
const MAX_OPEN = Number(process.env.NFF_CHAOS_MAX_OPEN ?? 40);
const SEED = Number(process.env.NFF_CHAOS_SEED ?? 20251121);
const FAULTS = { errorRate: 0.2, timeoutRate: 0.1, duplicateRate: 0.1, outOfOrderRate: 0.1, latencyMs: 0, seed: SEED };
const SETTLE_DEADLINE_MS = 20 * 60_000;
/** Longest callback retry series of the mock (500 ms × 2^n, 8 attempts) plus margin: late copies must change nothing. */
const QUIET_WINDOW_MS = 75_000;

const log = (line: string): void => {
  process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

interface Applicant {
  index: number;
  user: TestUser;
  scenario: Scenario;
  submits: SubmitRecord[];
}

async function mock(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stackEnv.mockKycUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${ensureLocalSecrets().providerApiToken}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Statuses of all cases by uid (one query). */
async function statusesByUid(): Promise<Map<string, string[]>> {
  const snapshot = await testDb().collection('kycCases').select('uid', 'status').get();
  const byUid = new Map<string, string[]>();
  for (const doc of snapshot.docs) byUid.set(doc.get('uid') as string, [...(byUid.get(doc.get('uid') as string) ?? []), doc.get('status') as string]);
  return byUid;
}

/** Poll until every applicant's case is in `want(applicant)`, or the deadline passes; returns the stragglers. */
async function settle(applicants: Applicant[], want: (a: Applicant) => string, what: string): Promise<Applicant[]> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  for (;;) {
    const byUid = await statusesByUid();
    const pending = applicants.filter((a) => byUid.get(a.user.uid)?.[0] !== want(a));
    if (pending.length === 0 || Date.now() > deadline) {
      log(`${what}: ${applicants.length - pending.length}/${applicants.length} settled`);
      return pending;
    }
    await sleep(3_000);
  }
}

it(`${USERS} KYC submissions under provider faults and a worker kill: nothing lost, nothing duplicated`, async () => {
  const firebasePid = Number(process.env.NFF_FIREBASE_PID);
  expect(firebasePid).toBeGreaterThan(0);
  const startedAt = Date.now();
  const scenarios = planScenarios(USERS, SEED);

  // Warm the Functions emulator up to the concurrency we use.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => fetch(`${stackEnv.apiUrl}/v1/health`).then((r) => r.text())));

  // In batches, each waiting for its profiles: every sign-up runs the Auth onCreate trigger, and
  // the Functions emulator forks one worker per concurrent invocation, so unbounded sign-ups
  // would fork hundreds of workers. GET /v1/me provisions a profile whose trigger is slow.
  log(`creating ${USERS} users (Auth emulator) in batches of ${CONCURRENCY}`);
  const applicants: Applicant[] = [];
  for (let from = 0; from < USERS; from += CONCURRENCY) {
    const batch = scenarios.slice(from, from + CONCURRENCY);
    await Promise.all(batch.map(async (scenario, i) => (applicants[from + i] = { index: from + i, user: await createTestUser(), scenario, submits: [] })));
    for (let round = 0; ; round++) {
      const mine = applicants.slice(from, from + batch.length);
      const docs = await testDb().getAll(...mine.map((a) => testDb().doc(`users/${a.user.uid}`)));
      const missing = mine.filter((_, i) => !docs[i].exists);
      if (missing.length === 0) break;
      if (round >= 30) await Promise.all(missing.map(async (a) => (await fetch(`${stackEnv.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${a.user.idToken}` } })).text()));
      await sleep(500);
    }
  }
  const usersReady = Date.now();
  log(`users ready in ${((usersReady - startedAt) / 1000).toFixed(0)} s`);

  expect((await mock('/v1/sandbox/faults', { method: 'PUT', body: FAULTS })).status).toBe(200);
  const sweeper = startSweeper(15_000);

  log(`phase 1: ${USERS} submissions, concurrency ${CONCURRENCY}, at most ${MAX_OPEN} open cases, faults ${JSON.stringify(FAULTS)}`);
  const phase1Start = Date.now();
  let killed = { workers: 0, atSubmission: 0, at: '' };
  let started = 0;
  const gate = openCasesGate(MAX_OPEN);
  await pool(applicants, CONCURRENCY, async (a) => {
    await gate.wait();
    started++;
    if (started === Math.floor(USERS / 2) && killed.workers === 0) {
      // Let the in-flight requests of this moment reach the workers, then kill them all.
      setTimeout(() => {
        const before = functionWorkers(firebasePid).length;
        killed = { workers: killFunctionWorkers(firebasePid), atSubmission: started, at: new Date().toISOString() };
        log(`SIGKILLed ${killed.workers}/${before} function workers after ${killed.atSubmission} submissions started`);
      }, 300);
    }
    a.submits.push(await submitWithRetries(a.user.idToken, submission(a.index, firstOutcome(a.scenario))));
  });
  const phase1Submitted = Date.now();
  log(`phase 1 submitted in ${((phase1Submitted - phase1Start) / 1000).toFixed(0)} s`);
  const firstWant = (a: Applicant): string => (a.scenario === 'retry_resubmit' ? 'resubmission_required' : expectedStatus(a.scenario));
  const stragglers1 = await settle(applicants, firstWant, 'phase 1 decisions');

  const resubmitters = applicants.filter((a) => a.scenario === 'retry_resubmit' && !stragglers1.includes(a));
  log(`phase 2: ${resubmitters.length} resubmissions`);
  await pool(resubmitters, CONCURRENCY, async (a) => {
    const fresh = await signIn(a.user.email, a.user.password);
    a.submits.push(await submitWithRetries(fresh.idToken, submission(a.index, 'green')));
  });
  await settle(applicants, (a) => expectedStatus(a.scenario), 'final decisions');

  log(`quiet window ${QUIET_WINDOW_MS / 1000} s: late duplicate / out-of-order callbacks and trigger retries drain`);
  await sleep(QUIET_WINDOW_MS);
  const sweep = await sweeper.stop();
  const deliveries = ((await mock('/v1/deliveries')).body as { data: Array<{ ok: boolean; copy: string; statusCode?: number }> }).data;
  await mock('/v1/sandbox/faults', { method: 'DELETE' });

  log('verifying every applicant (cases, event logs, profiles, claims)');
  const verdicts: Verdict[] = [];
  await pool(applicants, 8, async (a) => {
    verdicts.push(await verifyApplicant(testDb(), testAuth(), { index: a.index, uid: a.user.uid, scenario: a.scenario }));
  });

  const count = (f: (v: Verdict) => boolean): number => verdicts.filter(f).length;
  const lost = count((v) => v.cases === 0 || !v.finalDecision);
  const duplicated = count((v) => v.cases > 1 || v.duplicateTransitions > 0);
  const inconsistent = verdicts.filter((v) => v.problems.length > 0);
  const first = verdicts.flatMap((v) => v.latencyMs.slice(0, 1));
  const second = verdicts.flatMap((v) => v.latencyMs.slice(1, 2));
  const statuses = applicants.flatMap((a) => a.submits.flatMap((s) => s.attempts));
  const tally = (values: Array<number | string>): string =>
    Object.entries(values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [String(v)]: (acc[String(v)] ?? 0) + 1 }), {}))
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
  const byScenario = (s: Scenario): string => `${count((v) => v.scenario === s)} planned, ${count((v) => v.scenario === s && v.finalDecision)} reached it`;
  const ms = (n: number): string => (Number.isNaN(n) ? 'n/a' : `${(n / 1000).toFixed(2)} s`);

  const report = [
    '# Chaos proof: KYC pipeline under provider faults and a worker kill',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${machine()}`,
    `- command: \`npm run test:chaos\` (NFF_PORT_OFFSET=${process.env.NFF_PORT_OFFSET ?? 0}, NFF_CHAOS_USERS=${USERS}, NFF_CHAOS_CONCURRENCY=${CONCURRENCY}, NFF_CHAOS_MAX_OPEN=${MAX_OPEN}, NFF_CHAOS_SEED=${SEED})`,
    `- load shape: ${CONCURRENCY} POST /v1/me/kyc in flight at most, new submissions held while ${MAX_OPEN} cases are open (peak seen: ${gate.peak()})`,
    `- faults (mock provider, PUT /v1/sandbox/faults): ${JSON.stringify(FAULTS)}; timeout faults hang 5 s; callbacks retried 8× from 500 ms`,
    `- restart: ${killed.workers} function worker process(es) SIGKILLed at ${killed.at || 'never'} (after ${killed.atSubmission} submissions had started)`,
    `- sweep (kyc.sweep.ts plain handler, every 15 s from the runner; the Functions emulator runs no scheduled functions): ${sweep.runs} runs, ${sweep.resubmitted} re-handed over, ${sweep.polled} polled, ${sweep.applied} results applied by polling, ${sweep.failed} case failures`,
    `- wall time: ${((Date.now() - startedAt) / 1000).toFixed(0)} s in all; ${USERS} users signed up in ${((usersReady - startedAt) / 1000).toFixed(0)} s; phase 1 submissions took ${((phase1Submitted - phase1Start) / 1000).toFixed(0)} s`,
    '',
    '"Final decision" per applicant: GREEN → approved, RED+FINAL → rejected, RED+RETRY → resubmission_required (the applicant stops), RED+RETRY then a GREEN resubmission → approved on attempt 2. "Exactly once": the event log is exactly submitted → in_review → decision (twice over for resubmissions), each step once.',
    '',
    '## Results',
    '',
    '| measure | value |',
    '|---|---|',
    `| applicants | ${USERS} |`,
    `| reached the provider's final decision | ${count((v) => v.finalDecision)} |`,
    `| exactly once (complete chain, no duplicate transition) | ${count((v) => v.exactlyOnce)} |`,
    `| lost (no case, or never reached its decision) | ${lost} |`,
    `| duplicated (second case, or a transition applied twice) | ${duplicated} |`,
    `| any inconsistency (log, profile kycStatus, claim) | ${inconsistent.length} |`,
    `| GREEN → approved | ${byScenario('green')} |`,
    `| RED+FINAL → rejected | ${byScenario('final')} |`,
    `| RED+RETRY → resubmission_required | ${byScenario('retry')} |`,
    `| RED+RETRY, resubmitted → approved | ${byScenario('retry_resubmit')} |`,
    `| decisions applied by the sweep's poll instead of a webhook | ${count((v) => v.viaPoll)} |`,
    `| provider result overtook the hand-over write | ${count((v) => v.overtaken)} |`,
    `| submission → decision, attempt 1 (n=${first.length}) | p50 ${ms(percentile(first, 50))}, p95 ${ms(percentile(first, 95))}, max ${ms(percentile(first, 100))} |`,
    `| resubmission → decision, attempt 2 (n=${second.length}) | p50 ${ms(percentile(second, 50))}, p95 ${ms(percentile(second, 95))}, max ${ms(percentile(second, 100))} |`,
    `| POST /v1/me/kyc HTTP attempts by status | ${tally(statuses)} |`,
    `| POST /v1/me/kyc answered by an idempotent replay | ${applicants.flatMap((a) => a.submits).filter((s) => s.replayed).length} |`,
    `| POST /v1/me/kyc never answered 201 | ${applicants.flatMap((a) => a.submits).filter((s) => s.final !== 201).length} |`,
    `| callback delivery attempts (last ${deliveries.length} in the provider's log) | ${deliveries.filter((d) => d.ok).length} ok, ${deliveries.filter((d) => !d.ok).length} failed; copies: ${tally(deliveries.map((d) => d.copy))} |`,
    '',
    ...(inconsistent.length > 0 ? ['## Problems', '', ...inconsistent.slice(0, 50).map((v) => `- ${v.uid} (${v.scenario}): ${v.problems.join('; ')}`), ''] : []),
  ].join('\n');
  writeFileSync(resolve(__dirname, '../../reports/chaos-latest.md'), `${report}\n`);
  log(`report written to reports/chaos-latest.md\n${report}`);

  expect(inconsistent.map((v) => `${v.uid} (${v.scenario}): ${v.problems.join('; ')}`)).toEqual([]);
  expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
});
