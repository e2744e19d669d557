#!/usr/bin/env node
/**
 * Command-line entry: `nff-mock-kyc [--port 9300] [--callback-url URL] ...`.
 * Every flag has an environment variable of the same name in UPPER_SNAKE case
 * (`--callback-url` ↔ CALLBACK_URL); flags win over the environment.
 */
import { createMockKyc } from './app';
import { DEFAULTS, type MockKycConfig } from './config';

/** The local Functions emulator's webhook endpoint, so the stack works without configuration. */
const STACK_CALLBACK_URL = 'http://127.0.0.1:5001/demo-nff/us-central1/api/v1/webhooks/kyc';

const OPTIONS: Record<string, string> = {
  PORT: `listen port (default ${DEFAULTS.port})`,
  HOST: `listen address (default ${DEFAULTS.host})`,
  API_TOKEN: 'bearer token clients must send (default demo-nff-local-kyc-token)',
  CALLBACK_URL: `default callback URL (default ${STACK_CALLBACK_URL})`,
  WEBHOOK_SECRET: 'webhook signing secret (default demo-nff-local-webhook-secret)',
  WEBHOOK_SECRET_NEXT: 'second secret during a rotation: both v1 signatures are sent',
  DECISION_DELAY_MS: `delay before the sandbox decision (default ${DEFAULTS.decisionDelayMs})`,
  LATE_RED_DELAY_MS: `delay of the late RED after GREEN (default ${DEFAULTS.lateRedDelayMs})`,
  RETRY_BASE_MS: `first retry delay, doubled per attempt (default ${DEFAULTS.retryBaseMs})`,
  RETRY_MAX_ATTEMPTS: `attempts per delivery (default ${DEFAULTS.retryMaxAttempts})`,
  DELIVERY_TIMEOUT_MS: `per-attempt callback timeout (default ${DEFAULTS.deliveryTimeoutMs})`,
  TIMEOUT_HANG_MS: `hang time of the timeout fault (default ${DEFAULTS.timeoutHangMs})`,
  SEED: `fault-injection PRNG seed (default ${DEFAULTS.seed})`,
  LOG: 'json (default) or silent',
};

function usage(): string {
  const lines = Object.entries(OPTIONS).map(([env, help]) => `  --${env.toLowerCase().replace(/_/g, '-').padEnd(22)} ${env.padEnd(20)} ${help}`);
  return `Usage: nff-mock-kyc [options]\n\nOptions (flag / environment variable):\n${lines.join('\n')}\n`;
}

/** Merge flags over the environment into one UPPER_SNAKE map; throws on unknown flags. */
function readOptions(argv: string[], env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const key of Object.keys(OPTIONS)) values[key] = env[key];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const key = m?.[1]?.toUpperCase().replace(/-/g, '_');
    if (!m || !key || !(key in OPTIONS)) throw new Error(`unknown option ${arg}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`option ${arg} needs a value`);
    values[key] = value;
  }
  return values;
}

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a non-negative integer`);
  return Number(value);
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  const o = readOptions(process.argv.slice(2), process.env);
  const secrets = [o.WEBHOOK_SECRET || DEFAULTS.webhookSecret, ...(o.WEBHOOK_SECRET_NEXT ? [o.WEBHOOK_SECRET_NEXT] : [])];
  const config: MockKycConfig = {
    apiToken: o.API_TOKEN || undefined,
    callbackUrl: o.CALLBACK_URL || STACK_CALLBACK_URL,
    webhookSecrets: secrets,
    decisionDelayMs: int('DECISION_DELAY_MS', o.DECISION_DELAY_MS),
    lateRedDelayMs: int('LATE_RED_DELAY_MS', o.LATE_RED_DELAY_MS),
    retry: {
      baseMs: int('RETRY_BASE_MS', o.RETRY_BASE_MS),
      maxAttempts: int('RETRY_MAX_ATTEMPTS', o.RETRY_MAX_ATTEMPTS),
      timeoutMs: int('DELIVERY_TIMEOUT_MS', o.DELIVERY_TIMEOUT_MS),
    },
    timeoutHangMs: int('TIMEOUT_HANG_MS', o.TIMEOUT_HANG_MS),
    seed: int('SEED', o.SEED),
    logger: o.LOG === 'silent' ? false : undefined,
  };
  const mock = createMockKyc(config);
  const running = await mock.start(int('PORT', o.PORT) ?? DEFAULTS.port, o.HOST || DEFAULTS.host);
  process.stdout.write(`mock-kyc ready on ${running.url}\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`mock-kyc stopping (${signal})\n`);
    // Safety net only: stop() closes everything, so the process normally exits on its own.
    setTimeout(() => process.exit(1), 5000).unref();
    void running.stop().then(() => {
      process.exitCode = 0;
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`mock-kyc: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
