/**
 * One measured run: autocannon against a URL with a Bearer identity per
 * connection (or a fresh identity per request), every response's status
 * counted and latency recorded (for exact p50/p95/p99 — autocannon's own
 * histogram has no p95), and each response body handed to a check that
 * names any correctness violation (another user's data, a wrong page...).
 *
 * How identities are attached: setupClient() gives each connection its
 * identity; with `perRequest`, the connection's 'response' listener switches
 * it to the next one before autocannon sends its next request (the listener
 * runs synchronously between a response and the next request). The body of a
 * response reaches the check through requests[0].onResponse, which autocannon
 * calls synchronously just before that same 'response' event.
 */
import autocannon from 'autocannon';
import { median } from './stats';

export interface Identity {
  uid: string;
  idToken: string;
}

export interface LoadSpec {
  title: string;
  url: string;
  method: 'GET' | 'PATCH' | 'POST';
  /** JSON body sent with every request. */
  body?: unknown;
  connections: number;
  /** Seconds to run; ignored when `amount` is set. */
  duration?: number;
  /** Stop after this many requests. */
  amount?: number;
  /** Next identity to use; undefined when the pool is used up. */
  nextIdentity: () => Identity | undefined;
  /** Switch identity after every response (each request a new user). */
  perRequest?: boolean;
  /** Extra headers, computed per identity. */
  headers?: (identity: Identity) => Record<string, string>;
  expectedStatus: number;
  /** Returns a description of what is wrong with a 2xx body, if anything. */
  check?: (identity: Identity, body: string) => string | undefined;
}

export interface LoadResult {
  title: string;
  /** Responses received. */
  requests: number;
  /** Requests sent (a run that stops on time leaves up to one per connection unanswered). */
  sent: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Successful responses per uid (for state checks afterwards). */
  okByUid: Map<string, number>;
  violations: string[];
  /** Every response time, ascending (ms). */
  latencies: number[];
  /** req/s of each round when merged from several runs. */
  roundRps: number[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const MAX_VIOLATIONS_KEPT = 20;

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const okByUid = new Map<string, number>();
  const violations: string[] = [];
  let lastBody = '';
  const violation = (message: string): void => {
    if (violations.length < MAX_VIOLATIONS_KEPT) violations.push(message);
  };
  const headersFor = (identity: Identity): Record<string, string> => ({
    authorization: `Bearer ${identity.idToken}`,
    ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...spec.headers?.(identity),
  });

  const startedAt = process.hrtime.bigint();
  let lastResponseAt: bigint | undefined;
  const instance = autocannon({
    url: spec.url,
    method: spec.method,
    connections: spec.connections,
    pipelining: 1,
    timeout: 30,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    requests: [
      {
        method: spec.method,
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        ...(spec.check ? { onResponse: (_status: number, body: string) => void (lastBody = body) } : {}),
      },
    ],
    setupClient: (client) => {
      let identity = spec.nextIdentity();
      if (!identity) throw new Error(`${spec.title}: no identity left for a new connection`);
      client.setHeaders(headersFor(identity));
      client.on('response', (status: number, _bytes: number, responseTime: number) => {
        const current = identity as Identity;
        lastResponseAt = process.hrtime.bigint();
        latencies.push(responseTime);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === spec.expectedStatus) {
          okByUid.set(current.uid, (okByUid.get(current.uid) ?? 0) + 1);
          const problem = spec.check?.(current, lastBody);
          if (problem) violation(`${spec.title}: ${problem}`);
        }
        if (spec.perRequest) {
          identity = spec.nextIdentity();
          // Pool used up: autocannon stops at `amount` anyway; keep the last identity.
          if (identity) client.setHeaders(headersFor(identity));
          else identity = current;
        }
      });
    },
  });
  const result = await instance;
  // Up to the last response, not to autocannon's end: a run of a fixed `amount` ends on
  // autocannon's one-second tick, which would round every KYC round up to whole seconds.
  const seconds = Number((lastResponseAt ?? process.hrtime.bigint()) - startedAt) / 1e9;
  latencies.sort((a, b) => a - b);
  for (const [status, count] of Object.entries(statuses)) {
    if (Number(status) !== spec.expectedStatus) violation(`${spec.title}: ${count} × HTTP ${status} (expected ${spec.expectedStatus})`);
  }
  if (result.errors > 0) violation(`${spec.title}: ${result.errors} connection errors (${result.timeouts} timeouts)`);
  return {
    title: spec.title,
    requests: latencies.length,
    sent: result.requests.sent,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    okByUid,
    violations,
    latencies,
    roundRps: [latencies.length / seconds],
  };
}

/**
 * Several rounds of the same run as one result: req/s is the median of the
 * rounds (robust to one disturbed round), percentiles are over all responses.
 */
export function mergeRounds(rounds: LoadResult[]): LoadResult {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const roundRps = rounds.flatMap((r) => r.roundRps);
  const statuses: Record<string, number> = {};
  const okByUid = new Map<string, number>();
  for (const round of rounds) {
    for (const [status, count] of Object.entries(round.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
    for (const [uid, count] of round.okByUid) okByUid.set(uid, (okByUid.get(uid) ?? 0) + count);
  }
  return {
    title: rounds[0].title,
    requests: latencies.length,
    sent: rounds.reduce((sum, r) => sum + r.sent, 0),
    seconds: rounds.reduce((sum, r) => sum + r.seconds, 0),
    rps: median(roundRps),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    timeouts: rounds.reduce((sum, r) => sum + r.timeouts, 0),
    okByUid,
    violations: rounds.flatMap((r) => r.violations),
    latencies,
    roundRps,
  };
}
