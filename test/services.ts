/**
 * The backend's services for tests, built by the production composition root
 * (functions/src/composition.ts) against the stack's emulators. Tests call
 * services; they never build repositories. A test changes what the services
 * are built from (a provider that is down, shorter KYC deadlines, a Firestore
 * that is unreachable), never the services themselves.
 */
import { createServices, type Platform, type Services } from '../functions/src/composition';
import type { KycSettings } from '../functions/src/config';
import { KycProviderClient } from '../functions/src/kyc/kyc.provider';
import { ensureLocalSecrets } from '../scripts/src/local-secrets';
import { stackEnv } from './env';
import { testAuth, testDb } from './firestore';

/** The demo project's KYC settings (functions/.env.demo-nff), as plain values. */
export const TEST_KYC_SETTINGS: KycSettings = {
  maxAttempts: 3,
  providerTimeoutMs: 3000,
  submitDeadlineMs: 10 * 60_000,
  reviewDeadlineMs: 60 * 60_000,
  expiryMs: 72 * 3_600_000,
};

/** A client of the KYC provider at `baseUrl` (the stack's mock by default) that does not retry. */
export function testProvider(baseUrl = stackEnv.mockKycUrl, options: { timeoutMs?: number; token?: string } = {}): KycProviderClient {
  return new KycProviderClient({
    baseUrl,
    token: options.token ?? ensureLocalSecrets().providerApiToken,
    timeoutMs: options.timeoutMs ?? 3000,
    attempts: 1,
    backoffMs: 1,
  });
}

/** What the services are built from: the stack's emulators and mock provider, unless overridden. */
export function testPlatform(overrides: Partial<Platform> = {}): Platform {
  const provider = overrides.kycProvider ? undefined : testProvider();
  return {
    db: testDb,
    auth: testAuth,
    kycSettings: () => TEST_KYC_SETTINGS,
    kycWebhookSecrets: () => ensureLocalSecrets().webhookSecrets,
    kycProvider: () => provider as KycProviderClient,
    ...overrides,
  };
}

/** The services, built once per call from testPlatform(overrides). */
export function testServices(overrides: Partial<Platform> = {}): Services {
  return createServices(testPlatform(overrides));
}

/**
 * A Firestore whose every operation fails as an unreachable backend does:
 * building references works, and every read, write, commit or transaction
 * rejects with `message`. For the "storage is down → 500" tests.
 */
export function unreachableFirestore(message: string): Platform['db'] {
  const node: object = new Proxy(function unreachable() {}, {
    get: (_target, property) => (property === 'then' ? (_resolve: unknown, reject: (error: Error) => void) => reject(new Error(message)) : node),
    apply: () => node,
  });
  return () => node as ReturnType<Platform['db']>;
}
