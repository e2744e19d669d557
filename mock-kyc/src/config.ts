/**
 * Configuration of a mock KYC instance: public defaults and the resolver that
 * validates user input once, so the rest of the code can trust the values.
 */
import type { FaultSettings } from './faults';
import { jsonLogger, silentLogger, type Logger } from './log';

/** Local-only defaults. The token and secret are deliberately named "demo" so nobody mistakes them for real credentials. */
export const DEFAULTS = {
  port: 9300,
  host: '127.0.0.1',
  apiToken: 'demo-nff-local-kyc-token',
  webhookSecret: 'demo-nff-local-webhook-secret',
  decisionDelayMs: 200,
  lateRedDelayMs: 1000,
  retryBaseMs: 500,
  retryMaxAttempts: 8,
  retryMaxDelayMs: 60_000,
  deliveryTimeoutMs: 5_000,
  timeoutHangMs: 30_000,
  outOfOrderMaxHoldMs: 2_000,
  duplicateGapMs: 20,
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  seed: 42,
} as const;

/** Webhook retry policy: exponential backoff `baseMs * 2^(n-1)` capped at `maxDelayMs`. */
export interface RetryPolicy {
  /** Delay before the 2nd attempt; doubles for each further attempt. */
  baseMs: number;
  /** Total attempts per delivery series, the first one included. */
  maxAttempts: number;
  /** Upper bound of one backoff delay. */
  maxDelayMs: number;
  /** Per-attempt HTTP timeout; a slower receiver counts as a failed attempt. */
  timeoutMs: number;
}

/** Options accepted by {@link createMockKyc}; every field is optional. */
export interface MockKycConfig {
  /** Static bearer token clients must send (default `demo-nff-local-kyc-token`). */
  apiToken?: string;
  /** Webhook signing secret(s). Two secrets during a rotation: both `v1` values are sent. */
  webhookSecrets?: string | readonly string[];
  /** Callback URL used when a check is created without its own `callbackUrl`. */
  callbackUrl?: string;
  /** Delay between check creation and the sandbox decision (default 200 ms). */
  decisionDelayMs?: number;
  /** Delay between the GREEN and the late RED of the "late" scenario (default 1000 ms). */
  lateRedDelayMs?: number;
  /** Webhook retry policy overrides. */
  retry?: Partial<RetryPolicy>;
  /** How long a request hit by the timeout fault hangs before its connection is dropped (default 30 s). */
  timeoutHangMs?: number;
  /** Longest time an event held back by the out-of-order fault waits for a newer one (default 2 s). */
  outOfOrderMaxHoldMs?: number;
  /** Gap between the two copies of a duplicated callback (default 20 ms). */
  duplicateGapMs?: number;
  /** How long an Idempotency-Key is remembered (default 24 h). */
  idempotencyTtlMs?: number;
  /** Seed of the fault-injection PRNG, so a run with faults is reproducible. */
  seed?: number;
  /** Faults active from the start (same shape as PUT /v1/sandbox/faults). */
  faults?: Partial<FaultSettings>;
  /** Logger, or `false` for silence (tests). Defaults to JSON lines on stdout. */
  logger?: Logger | false;
  /** Port used by `start()` when none is given (default 9300; 0 = ephemeral). */
  port?: number;
}

/** Fully resolved configuration. */
export interface ResolvedConfig {
  apiToken: string;
  webhookSecrets: string[];
  callbackUrl?: string;
  decisionDelayMs: number;
  lateRedDelayMs: number;
  retry: RetryPolicy;
  timeoutHangMs: number;
  outOfOrderMaxHoldMs: number;
  duplicateGapMs: number;
  idempotencyTtlMs: number;
  seed: number;
  faults: Partial<FaultSettings>;
  logger: Logger;
  port: number;
}

function nonNegInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) throw new TypeError(`mock-kyc config: ${name} must be a non-negative integer`);
  return v;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validate and complete a user configuration. Throws TypeError on nonsense so misconfiguration fails at start-up. */
export function resolveConfig(config: MockKycConfig = {}): ResolvedConfig {
  const secrets = (typeof config.webhookSecrets === 'string' ? [config.webhookSecrets] : [...(config.webhookSecrets ?? [])]).filter(
    (s) => s.length > 0,
  );
  if (secrets.length === 0) secrets.push(DEFAULTS.webhookSecret);
  // Rotation overlaps exactly one old and one new secret; more would only hide a forgotten cleanup.
  if (secrets.length > 2) throw new TypeError('mock-kyc config: at most two webhook secrets (current + next during rotation)');
  if (config.callbackUrl !== undefined && !isHttpUrl(config.callbackUrl)) {
    throw new TypeError('mock-kyc config: callbackUrl must be an absolute http(s) URL');
  }
  const apiToken = config.apiToken ?? DEFAULTS.apiToken;
  if (apiToken.length === 0) throw new TypeError('mock-kyc config: apiToken must not be empty');
  const r = config.retry ?? {};
  const retry: RetryPolicy = {
    baseMs: nonNegInt('retry.baseMs', r.baseMs, DEFAULTS.retryBaseMs),
    maxAttempts: Math.max(1, nonNegInt('retry.maxAttempts', r.maxAttempts, DEFAULTS.retryMaxAttempts)),
    maxDelayMs: nonNegInt('retry.maxDelayMs', r.maxDelayMs, DEFAULTS.retryMaxDelayMs),
    timeoutMs: Math.max(1, nonNegInt('retry.timeoutMs', r.timeoutMs, DEFAULTS.deliveryTimeoutMs)),
  };
  return {
    apiToken,
    webhookSecrets: secrets,
    callbackUrl: config.callbackUrl,
    decisionDelayMs: nonNegInt('decisionDelayMs', config.decisionDelayMs, DEFAULTS.decisionDelayMs),
    lateRedDelayMs: nonNegInt('lateRedDelayMs', config.lateRedDelayMs, DEFAULTS.lateRedDelayMs),
    retry,
    timeoutHangMs: nonNegInt('timeoutHangMs', config.timeoutHangMs, DEFAULTS.timeoutHangMs),
    outOfOrderMaxHoldMs: nonNegInt('outOfOrderMaxHoldMs', config.outOfOrderMaxHoldMs, DEFAULTS.outOfOrderMaxHoldMs),
    duplicateGapMs: nonNegInt('duplicateGapMs', config.duplicateGapMs, DEFAULTS.duplicateGapMs),
    idempotencyTtlMs: nonNegInt('idempotencyTtlMs', config.idempotencyTtlMs, DEFAULTS.idempotencyTtlMs),
    seed: nonNegInt('seed', config.seed, DEFAULTS.seed),
    faults: config.faults ?? {},
    logger: config.logger === false ? silentLogger : (config.logger ?? jsonLogger),
    port: nonNegInt('port', config.port, DEFAULTS.port),
  };
}
