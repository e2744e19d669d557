/**
 * `npm run bench:kyc-floors`: what the Firestore work of POST /v1/me/kyc
 * costs under today's data model and two others, against the bare baseline's
 * one write — the floors under which no framework, however lean, can go.
 * Measured because #16 asks for the route at ≥ 60 % of bare while the work it
 * prescribes (one batch read, one commit of the case, its event, the audit
 * entry, the applicant head and the Idempotency-Key record) is measured
 * below that by the same-work baseline itself; this report prices the
 * alternatives (kyc-floors.app.ts says what each gives up).
 *
 *   node proof/bench/lib/kyc-floors.js [--rounds N] [--kyc N] [--out reports/kyc-floors.md]
 *
 * Each round sends `--kyc` submissions to every server back to back (order
 * rotating), each by a new user with a provisioned profile and a new
 * Idempotency-Key — the "case opened" path. Ratios are medians of per-round
 * ratios, as in run.ts; CPU per request is read from /proc (cpu.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { REPO_ROOT } from '../../../scripts/lib/config';
import { BenchSession } from './bench-stack';
import { addCpu, startCpuReading } from './cpu';
import { KYC_SUBMISSION, once } from './fixtures';
import { mergeRounds, runLoad, type Identity, type LoadResult, type LoadSpec } from './load';
import { pairedRatio } from './report';
import { createBenchUsers, seedProfiles } from './seed';
import { serve, type ServedApp, type ServerKind } from './servers';

process.env.METADATA_SERVER_DETECTION ??= 'none';

const FLOORS: { kind: ServerKind; name: string; trips: string; docs: string }[] = [
  { kind: 'baseline', name: 'bare (one create)', trips: '1', docs: '0 / 1' },
  { kind: 'samework', name: 'today: batch read + commit (same-work)', trips: '2', docs: '3 / 5' },
  { kind: 'fewer-docs', name: 'fewer documents: event in the case, key in the head', trips: '2', docs: '2 / 3' },
  { kind: 'one-commit', name: 'one commit, preconditions instead of the read', trips: '1', docs: '0 / 6' },
];
const CONNECTIONS = 10;
const WARMUP_USERS = 400;

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? String(process.argv[at + 1]) : fallback;
};
const log = (message: string): void => console.log(`[kyc-floors] ${message}`);

function spec(server: ServedApp, pool: Identity[], amount: number): LoadSpec {
  return {
    title: `${server.kind} POST /v1/me/kyc`,
    url: `${server.url}/v1/me/kyc`,
    method: 'POST',
    body: KYC_SUBMISSION,
    connections: CONNECTIONS,
    amount,
    nextIdentity: once(pool),
    perRequest: true,
    headers: () => ({ 'idempotency-key': randomUUID() }),
    expectedStatus: 201,
  };
}

async function main(): Promise<number> {
  const rounds = Number(arg('--rounds', '8'));
  const perRound = Number(arg('--kyc', '500'));
  const out = resolve(REPO_ROOT, arg('--out', 'reports/kyc-floors.md'));
  const startedAt = new Date();
  const load = os.loadavg();
  const session = new BenchSession('kyc-floors');
  try {
    log('starting the local stack…');
    const { stack, env } = await session.start(() => undefined);
    // Every floor writes collections of its own, so the same new users serve all of them.
    const slice = perRound + CONNECTIONS + 1;
    const users = await createBenchUsers(stack.urls.auth, 'floor-kyc', rounds * slice);
    const warm = await createBenchUsers(stack.urls.auth, 'floor-warm', WARMUP_USERS);
    await seedProfiles([...users, ...warm].map((u) => u.uid));
    const servers = await Promise.all(FLOORS.map((floor) => serve(floor.kind, env)));
    session.servers.push(...servers);

    const violations: string[] = [];
    for (const server of servers) violations.push(...(await runLoad(spec(server, warm, WARMUP_USERS - CONNECTIONS - 1))).violations);
    const results: LoadResult[][] = servers.map(() => []);
    const cpu: Record<string, number>[] = servers.map(() => ({}));
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < servers.length; i++) {
        const at = (i + round) % servers.length;
        const reading = startCpuReading({ server: servers[at].pid, firestore: session.pidOf('firestore'), auth: session.pidOf('firebase'), load: process.pid });
        const result = await runLoad(spec(servers[at], users.slice(round * slice, (round + 1) * slice), perRound));
        addCpu(cpu[at], reading());
        results[at].push(result);
        violations.push(...result.violations);
        log(`round ${round + 1} ${servers[at].kind}: ${result.rps.toFixed(0)} req/s`);
      }
    }
    const merged = results.map(mergeRounds);
    const cpuPerRequest = cpu.map((spent, i) => Object.values(spent).reduce((a, b) => a + b, 0) / merged[i].requests);
    const lines = [
      '# POST /v1/me/kyc: the floors of three data models against bare',
      '',
      `- date: ${startedAt.toISOString()}; machine: ${os.cpus()[0]?.model.trim()}, ${os.cpus().length} cores, Node ${process.version}; load average at start ${load.map((l) => l.toFixed(2)).join(' / ')}`,
      `- command: \`${process.argv.length > 2 ? `node proof/bench/lib/kyc-floors.js ${process.argv.slice(2).join(' ')}` : 'npm run bench:kyc-floors'}\`; ${rounds} rounds × ${perRound} submissions per server, ${CONNECTIONS} connections, each request a new user with a new Idempotency-Key (the "case opened" path), after ${WARMUP_USERS - CONNECTIONS - 1} warm-up requests per server`,
      '- Each server does only the Firestore work of its design, with the app\'s documents (proof/bench/src/kyc-documents.ts) and answers with the contract\'s case body; none validates, maps or has middleware. What each alternative gives up is written in kyc-floors.app.ts.',
      '',
      '| floor | round trips | docs read / written | req/s (median) | share of bare, req/s (median of per-round ratios) | CPU per request, all processes | share of bare, by CPU |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...FLOORS.map((floor, i) => {
        const share = pairedRatio(merged[i], merged[0]);
        return `| ${floor.name} | ${floor.trips} | ${floor.docs} | ${merged[i].rps.toFixed(0)} | ${(share * 100).toFixed(0)} % | ${cpuPerRequest[i].toFixed(2)} ms | ${((cpuPerRequest[0] / cpuPerRequest[i]) * 100).toFixed(0)} % |`;
      }),
      '',
      ...FLOORS.map((floor, i) => `- ${floor.kind}: req/s per round [${merged[i].roundRps.map((r) => r.toFixed(0)).join(', ')}]; CPU ms per request by process ${Object.entries(cpu[i]).map(([name, ms]) => `${name} ${(ms / merged[i].requests).toFixed(2)}`).join(', ')}`),
      '',
      violations.length ? `**Violations**: ${violations.slice(0, 10).join('; ')}` : 'Every response was the expected 201.',
      '',
    ];
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, lines.join('\n'));
    console.log(lines.join('\n'));
    log(`report written to ${out}`);
    return violations.length ? 1 : 0;
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
