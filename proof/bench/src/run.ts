/**
 * `npm run bench` (after the emulator benchmark): the API measured beside a
 * bare baseline on the local stack, plus the cold-start cost of the functions
 * module. A measurement: it prints numbers and fails (exit 1) only on
 * correctness — a 5xx or other unexpected status, another user's data, a lost
 * or duplicated write — never on timing.
 *
 *   node proof/bench/lib/run.js [--quick] [--duration S] [--rounds N] [--connections N]
 *     [--kyc N] [--list-users N] [--warmup S] [--cold-samples N]
 *     [--emulator-connections N (0 skips)] [--out reports/bench-latest.md]
 *
 * NFF_PORT_OFFSET moves the stack's ports as for `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { REPO_ROOT } from '../../../scripts/lib/config';
import { BenchSession } from './bench-stack';
import { measureColdStart } from './coldstart';
import { addCpu, startCpuReading } from './cpu';
import { buildFixtures, cycle, type BenchOptions } from './fixtures';
import { mergeRounds, runLoad, type LoadResult } from './load';
import { renderReport, type RoutePair } from './report';
import { buildScenarios, TARGETS, walkToPage, type Target } from './scenarios';
import type { RpcCounts } from './server';
import { serve } from './servers';

function parseOptions(argv: string[]): BenchOptions & { out: string } {
  const quick = argv.includes('--quick');
  const opt = (name: string, fallback: number): number => {
    const index = argv.indexOf(name);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  const outIndex = argv.indexOf('--out');
  return {
    duration: opt('--duration', 3),
    rounds: opt('--rounds', quick ? 1 : 10),
    connections: opt('--connections', 10),
    kycRequests: opt('--kyc', quick ? 300 : 500),
    listUsers: opt('--list-users', 10_000),
    pageSize: 100,
    warmup: opt('--warmup', quick ? 1 : 10),
    coldStartSamples: opt('--cold-samples', quick ? 5 : 15),
    emulatorConnections: opt('--emulator-connections', 4),
    out: resolve(REPO_ROOT, outIndex >= 0 ? argv[outIndex + 1] : 'reports/bench-latest.md'),
  };
}

// The emulators need no credentials: keep google-auth-library from probing the GCE
// metadata server (a lookup off loopback, and a warning in the output), as the tests do.
process.env.METADATA_SERVER_DETECTION ??= 'none';

const log = (message: string): void => console.log(`[bench] ${message}`);
const summary = (r: LoadResult): string => `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.requests} requests)`;

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg();
  const violations: string[] = [];
  const setupNotes: string[] = [];
  const stackLines: string[] = [];
  const session = new BenchSession('bench');
  try {
    log('starting the local stack…');
    // No trigger delivery during the benchmark (see the report's Method section).
    const { stack, env } = await session.start((service, line) => stackLines.push(`[${service}] ${line}`));

    let t0 = Date.now();
    const fixtures = await buildFixtures(stack.urls.auth, options);
    setupNotes.push(`seeded ${options.listUsers} synthetic profiles (BulkWriter) and ${fixtures.meUsers.length + fixtures.kycUsers.length + fixtures.kycWarmupUsers.length + 1} Auth users with ID tokens in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    log(setupNotes[setupNotes.length - 1]);

    const [baseline, samework, app] = await Promise.all([serve('baseline', env), serve('samework', env), serve('app', env)]);
    session.servers.push(baseline, samework, app);
    t0 = Date.now();
    const deepCursor = await walkToPage(app.url, fixtures.admin, options.pageSize, fixtures.deepPage.index);
    setupNotes.push(`deep-page cursor reached by following nextCursor through ${fixtures.deepPage.index} pages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const pairs: RoutePair[] = [];
    for (const scenario of buildScenarios(options, fixtures, deepCursor)) {
      const byTarget = { baseline, samework, app };
      // Warm-up (not reported), which also counts the Firestore RPCs each server sends per request.
      const rpcs = {} as Record<Target, RpcCounts & { perRequest: number }>;
      for (const target of TARGETS) {
        const stopCounting = await byTarget[target].countRpcs();
        const warm = await runLoad(scenario.spec(target, byTarget[target].url, true, 0));
        const counts = await stopCounting();
        const total = counts.commit + counts.get + counts.query + counts.other;
        rpcs[target] = { ...counts, perRequest: total / Math.max(1, warm.sent) };
      }
      await scenario.beforeRounds?.();
      const rounds: Record<Target, LoadResult[]> = { baseline: [], samework: [], app: [] };
      const cpu: Record<Target, Record<string, number>> = { baseline: {}, samework: {}, app: {} };
      for (let round = 0; round < options.rounds; round++) {
        // Rotate who goes first, so none always meets another's leftovers.
        const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length]);
        for (const target of order) {
          const cpuSpent = startCpuReading({ server: byTarget[target].pid, firestore: session.pidOf('firestore'), auth: session.pidOf('firebase'), load: process.pid });
          const result = await runLoad(scenario.spec(target, byTarget[target].url, false, round));
          addCpu(cpu[target], cpuSpent());
          rounds[target].push(result);
          log(`${scenario.route} ${target} round ${round + 1}: ${summary(result)}`);
        }
      }
      const results = { baseline: mergeRounds(rounds.baseline), samework: mergeRounds(rounds.samework), app: mergeRounds(rounds.app) };
      for (const target of TARGETS) {
        violations.push(...results[target].violations, ...((await scenario.verify?.(target, results[target].okByUid)) ?? []));
      }
      pairs.push({ route: scenario.route, note: scenario.note, baseline: results.baseline, samework: results.samework, app: results.app, rpcs, cpu });
    }

    let emulator: LoadResult | undefined;
    if (options.emulatorConnections > 0) {
      const spec = {
        title: 'functions-emulator GET /v1/me',
        url: `${stack.urls.api}/v1/me`,
        method: 'GET' as const,
        connections: options.emulatorConnections,
        nextIdentity: cycle(fixtures.meUsers),
        perRequest: true,
        expectedStatus: 200,
      };
      await runLoad({ ...spec, duration: Math.max(5, options.warmup) }); // spawns and warms the workers
      emulator = await runLoad({ ...spec, duration: options.duration });
      violations.push(...emulator.violations);
      log(`Functions emulator GET /v1/me: ${summary(emulator)}`);
    }

    await session.stop();

    log(`cold start: ${options.coldStartSamples} fresh processes per variant…`);
    const coldStart = measureColdStart(options.coldStartSamples);
    const report = renderReport({ startedAt, loadAverageAtStart, options, pairs, emulator, coldStart, violations, setupNotes, args: process.argv.slice(2) });
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, report);
    console.log(`\n${report}`);
    log(`report written to ${options.out}`);
    return violations.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(stackLines.slice(-30).join('\n'));
    throw error;
  } finally {
    await session.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
