/**
 * `npm run test:fuzz`: property-based fuzzing of every operation in
 * openapi.yaml (requests from requests.ts, checks in client.ts, state
 * snapshots in state.ts), a measurement that fails only on correctness:
 * a 5xx, a contract violation, a refused request that was accepted or
 * changed state, or leaked data.
 *
 * Most requests go to createApp() served in-process against the stack's real
 * Auth and Firestore emulators (the Functions emulator starts one worker
 * process per concurrent request, so 10,000 requests through it would take
 * far longer); a representative subset goes through the Functions emulator,
 * where the real runtime parses bodies and keeps the raw body for webhook
 * signatures.
 *
 * Environment: NFF_FUZZ_SEED (default 20250131), NFF_FUZZ_RUNS (in-process
 * requests, default 10500), NFF_FUZZ_EMULATOR_RUNS (default 840),
 * NFF_FUZZ_ONLY (an operationId, to reproduce one operation's requests).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { ensureLocalSecrets } from '../../scripts/src/local-secrets';
import { stackEnv } from '../../test/env';
import { testAuth, testDb } from '../../test/firestore';
import { closeAgent, executeAll, type Outcome, type Target } from './client';
import { buildFixtures, serveInProcess, type Fixtures, type InProcessServer } from './fixtures';
import { renderReport, type TargetRun } from './report';
import { requestArb, type FuzzRequest } from './requests';
import { operations } from './spec';
import { diff, snapshot } from './state';

const SEED = Number(process.env.NFF_FUZZ_SEED ?? 20250131);
const RUNS = Number(process.env.NFF_FUZZ_RUNS ?? 10_500);
const EMULATOR_RUNS = Number(process.env.NFF_FUZZ_EMULATOR_RUNS ?? 840);
const ONLY = process.env.NFF_FUZZ_ONLY;

/** `total` requests spread evenly over the operations, interleaved so every batch mixes them. Deterministic per seed. */
function generate(total: number, seed: number): FuzzRequest[] {
  const ops = operations().filter((op) => !ONLY || op.operationId === ONLY);
  const perOperation = Math.ceil(total / ops.length);
  const samples = ops.map((op, index) => fc.sample(requestArb(op), { seed: seed + index * 7919, numRuns: perOperation }));
  const interleaved: FuzzRequest[] = [];
  for (let i = 0; i < perOperation; i++) for (const list of samples) if (list[i]) interleaved.push(list[i]);
  return interleaved.slice(0, total);
}

function describeFailure(outcome: Outcome, index: number): string {
  const { request } = outcome;
  const body = request.body ? ` body=${JSON.stringify(request.body.subarray(0, 160).toString('utf8'))}${request.body.length > 160 ? `…(${request.body.length} bytes)` : ''}` : '';
  return (
    `[${outcome.target} #${index}] ${request.method} ${request.path}${request.query.slice(0, 160)} as ${request.identity.label} ` +
    `(${request.category}/${request.mutation}) → ${outcome.status} ${outcome.problemCode ?? outcome.contentType}: ${outcome.violations.join('; ')}` +
    ` headers=${JSON.stringify(request.headers).slice(0, 200)}${body}`
  );
}

let server: InProcessServer;
let fixtures: Fixtures;
const runs: TargetRun[] = [];
const failures: string[] = [];
const stateChanges: string[] = [];
const failureKinds = new Map<string, { count: number; operations: Set<string> }>();
let batches = 0;

/** Send `requests` in batches; snapshot Firestore and Auth around each batch (every write request in it must be refused). */
async function fuzz(target: Target, requests: FuzzRequest[], concurrency: number, batchSize: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let busyMs = 0;
  for (let start = 0; start < requests.length; start += batchSize) {
    const batch = requests.slice(start, start + batchSize);
    const before = await snapshot(testDb(), testAuth());
    const startedAt = Date.now();
    const results = await executeAll(batch, target, fixtures.context, concurrency);
    busyMs += Date.now() - startedAt;
    const after = await snapshot(testDb(), testAuth());
    batches++;
    const changes = diff(before, after);
    if (changes.length > 0) {
      const accepted = results.filter((outcome) => outcome.request.method !== 'GET' && outcome.status < 400).map((outcome) => describeFailure(outcome, outcomes.indexOf(outcome)));
      stateChanges.push(`${target.name} batch at #${start}: ${changes.length} change(s): ${changes.slice(0, 5).join(' | ')}; accepted writes in batch: ${accepted.slice(0, 3).join(' | ') || 'none'}`);
    }
    results.forEach((outcome, offset) => {
      if (outcome.violations.length === 0) return;
      failures.push(describeFailure(outcome, start + offset));
      const operation = `${outcome.request.method} ${outcome.request.template}`;
      for (const violation of outcome.violations) {
        const kind = `${target.name}: ${outcome.status} ${outcome.problemCode ?? outcome.contentType} — ${violation.split(operation).join('<op>').slice(0, 140)}`;
        const entry = failureKinds.get(kind) ?? { count: 0, operations: new Set<string>() };
        entry.count++;
        entry.operations.add(operation);
        failureKinds.set(kind, entry);
      }
    });
    outcomes.push(...results);
  }
  runs.push({ target: target.name, outcomes, durationMs: busyMs, concurrency });
  return outcomes;
}

beforeAll(async () => {
  server = await serveInProcess(ensureLocalSecrets().webhookSecrets);
  fixtures = await buildFixtures(server.baseUrl);
}, 240_000);

afterAll(async () => {
  const command = `NFF_FUZZ_SEED=${SEED} NFF_FUZZ_RUNS=${RUNS} NFF_FUZZ_EMULATOR_RUNS=${EMULATOR_RUNS}${ONLY ? ` NFF_FUZZ_ONLY=${ONLY}` : ''} npm run test:fuzz`;
  const report = renderReport({
    seed: SEED,
    runs,
    stateChecks: { batches, changes: stateChanges },
    failures,
    failureKinds,
    command,
    notes: [
      `${RUNS} requests went to createApp() served in-process (same code, real Auth and Firestore emulators, rate limits raised through AppConfig for the run) and ${EMULATOR_RUNS} through the firebase-tools Functions emulator (product rate limits of .env.demo-nff).`,
      'In-process, the webhook has no raw body (only the Functions runtime keeps it), so every webhook request is refused with 401 there; valid-signature webhook fuzzing happens through the Functions emulator.',
      ...runs.map(
        (run) =>
          `${run.target}: ${run.outcomes.filter((outcome) => outcome.answeredBy === 'runtime').length} requests were answered before the app ran (no X-Request-Id: Node's HTTP parser refusing oversized headers with 431, and through the emulator the Functions runtime refusing bodies it cannot parse, with text/html); they are checked for "no 5xx" and "refused", not against the contract.`,
      ),
      'Write operations only receive requests that must be refused (judged from identity, path fixture, body and headers), so any state change is a bug; reads may succeed on boundary values.',
    ],
  });
  console.log(report);
  if (!ONLY) {
    const dir = resolve(__dirname, '../../reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'fuzz-latest.md'), report);
  }
  closeAgent();
  await server?.close();
}, 60_000);

describe(`fuzz (seed ${SEED})`, () => {
  it(`${RUNS} requests to the in-process app: no 5xx, contract-valid problems, no state change`, async () => {
    console.log(`fuzz seed ${SEED}`);
    const requests = generate(RUNS, SEED);
    await fuzz({ name: 'in-process', baseUrl: server.baseUrl }, requests, 8, 500);
    expect({ failures: failures.slice(0, 20), stateChanges: stateChanges.slice(0, 5) }).toEqual({ failures: [], stateChanges: [] });
  }, 900_000);

  it(`${EMULATOR_RUNS} requests through the Functions emulator: same checks`, async () => {
    const target: Target = { name: 'functions-emulator', baseUrl: stackEnv.apiUrl };
    // Warm-up: the emulator starts a worker per concurrent request.
    await Promise.all(Array.from({ length: 4 }, () => fetch(`${stackEnv.apiUrl}/v1/health`).then((response) => response.text())));
    const before = failures.length;
    const changesBefore = stateChanges.length;
    await fuzz(target, generate(EMULATOR_RUNS, SEED + 1), 4, 120);
    expect({ failures: failures.slice(before, before + 20), stateChanges: stateChanges.slice(changesBefore, changesBefore + 5) }).toEqual({ failures: [], stateChanges: [] });
  }, 900_000);
});
