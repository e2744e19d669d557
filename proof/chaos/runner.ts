/**
 * Moving parts of the chaos run: a bounded worker pool, the client side of
 * POST /v1/me/kyc (retried with the same Idempotency-Key, as a real client
 * would after a 5xx or a dropped connection), and the periodic sweep.
 */
import { randomUUID } from 'node:crypto';
import { KycProviderClient } from '../../functions/src/kyc/kyc.provider';
import type { SweepReport } from '../../functions/src/kyc/kyc.sweep';
import { ensureLocalSecrets } from '../../scripts/src/local-secrets';
import { stackEnv } from '../../test/env';
import { testDb } from '../../test/firestore';
import { testServices } from '../../test/services';

/** Run `task` over `items` with at most `concurrency` in flight. */
export async function pool<T>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  });
  await Promise.all(lanes);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Back-pressure on the work in progress: resolves once fewer than `maxOpen`
 * cases are `submitted` or `in_review`. Each open case keeps trigger
 * deliveries and provider callbacks in flight, and the Functions emulator
 * forks one worker process per concurrent invocation (each needs ~1 s of CPU
 * to boot); on a 2-core machine an unbounded backlog makes invocations time
 * out, be retried and fork ever more workers. Bounding the backlog keeps the
 * run about the pipeline's correctness, not about that feedback loop.
 */
export function openCasesGate(maxOpen: number): { wait(): Promise<void>; peak(): number } {
  let open = 0;
  let checkedAt = 0;
  let peak = 0;
  let pending: Promise<void> | undefined;
  const refresh = async (): Promise<void> => {
    const snapshot = await testDb().collection('kycCases').where('status', 'in', ['submitted', 'in_review']).count().get();
    open = snapshot.data().count;
    peak = Math.max(peak, open);
    checkedAt = Date.now();
  };
  return {
    async wait() {
      for (;;) {
        if (Date.now() - checkedAt > 1_000) {
          pending ??= refresh().finally(() => (pending = undefined));
          await pending;
        }
        if (open < maxOpen) {
          open++; // count our own submission until the next refresh sees it
          return;
        }
        await sleep(1_000);
      }
    },
    peak: () => peak,
  };
}

/** Client-side record of one submission. */
export interface SubmitRecord {
  /** Status of each HTTP attempt, or 'network' for a dropped connection / client timeout. */
  attempts: Array<number | 'network'>;
  final?: number;
  replayed: boolean;
  errorCode?: string;
}

/** POST /v1/me/kyc, retrying 5xx, 429 and network errors with the same Idempotency-Key. */
export async function submitWithRetries(idToken: string, body: unknown, maxAttempts = 8): Promise<SubmitRecord> {
  const record: SubmitRecord = { attempts: [], replayed: false };
  const idempotencyKey = randomUUID();
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const response = await fetch(`${stackEnv.apiUrl}/v1/me/kyc`, {
        method: 'POST',
        headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
      const text = await response.text();
      record.attempts.push(response.status);
      if (response.status < 500 && response.status !== 429) {
        record.final = response.status;
        record.replayed = response.headers.get('idempotent-replayed') === 'true';
        if (response.status >= 400) record.errorCode = (JSON.parse(text) as { code?: string }).code;
        return record;
      }
    } catch {
      record.attempts.push('network');
    }
    await sleep(Math.min(10_000, 500 * 2 ** (attempt - 1)));
  }
  return record;
}

/**
 * The scheduled sweep (index.ts runs it every 5 minutes in the cloud; the
 * Functions emulator runs no scheduled functions) invoked from here through
 * its exported plain handler, with the stack's provider and shorter
 * deadlines: a case idle in `submitted` for 45 s is handed over again, one
 * idle in `in_review` for 90 s is polled at the provider.
 */
export function startSweeper(intervalMs: number): { stop(): Promise<SweepReport & { runs: number }> } {
  const secrets = ensureLocalSecrets();
  const provider = new KycProviderClient({ baseUrl: stackEnv.mockKycUrl, token: secrets.providerApiToken, timeoutMs: 3_000 });
  const worker = testServices({
    kycProvider: () => provider,
    kycSettings: () => ({ maxAttempts: 3, providerTimeoutMs: 3_000, submitDeadlineMs: 45_000, reviewDeadlineMs: 90_000, expiryMs: 72 * 3_600_000 }),
  }).kycWorker;
  const total = { resubmitted: 0, polled: 0, applied: 0, expired: 0, failed: 0, runs: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await sleep(intervalMs);
      if (stopped) break;
      const report = await worker.sweep({ limit: 500 }).catch(() => undefined);
      total.runs++;
      if (report) for (const k of Object.keys(report) as (keyof SweepReport)[]) total[k] += report[k];
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return total;
    },
  };
}
