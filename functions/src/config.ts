/**
 * Runtime configuration. This module is the only reader of configuration:
 * firebase-functions params (resolved from `.env.<project>` files locally and
 * from the deploy-time prompt / Secret Manager in the cloud) and, for values
 * that must also work outside a function (scripts, tests), plain env vars.
 *
 * Params are read lazily through getters so importing the module (for example
 * by the OpenAPI generator) never requires them to be set.
 */
import { defineBoolean, defineString, defineInt, defineSecret } from 'firebase-functions/params';

/** Comma-separated browser origins allowed by CORS; empty means none. */
export const corsAllowedOrigins = defineString('CORS_ALLOWED_ORIGINS', {
  default: '',
  description: 'Comma-separated list of browser origins allowed to call the API (CORS).',
});

/** Maximum accepted JSON body, in bytes. */
export const maxBodyBytes = defineInt('MAX_BODY_BYTES', {
  default: 64 * 1024,
  description: 'Largest request body the API accepts, in bytes.',
});

/** Base URL of the KYC provider's API (the mock KYC server locally). */
export const kycProviderUrl = defineString('KYC_PROVIDER_URL', {
  default: 'http://127.0.0.1:9300',
  description: 'Base URL of the KYC provider API.',
});

/** Default request limits per minute (params below; AppConfig falls back to them). */
export const RATE_LIMIT_DEFAULTS = { perMinuteUser: 300, perMinuteApiKey: 1200, perMinuteIp: 3000, signUpsPerMinuteIp: 10 } as const;

/** Requests per minute one signed-in user may make (all endpoints together). */
export const rateLimitPerMinuteUser = defineInt('RATE_LIMIT_PER_MINUTE_USER', {
  default: RATE_LIMIT_DEFAULTS.perMinuteUser,
  description: 'Requests per minute allowed per user (uid).',
});

/** Requests per minute one API key may make. */
export const rateLimitPerMinuteApiKey = defineInt('RATE_LIMIT_PER_MINUTE_API_KEY', {
  default: RATE_LIMIT_DEFAULTS.perMinuteApiKey,
  description: 'Requests per minute allowed per API key.',
});

/** Requests per minute from one client IP (IPv6: one /56), checked before authentication. */
export const rateLimitPerMinuteIp = defineInt('RATE_LIMIT_PER_MINUTE_IP', {
  default: RATE_LIMIT_DEFAULTS.perMinuteIp,
  description: 'Requests per minute allowed per client IP address, authenticated or not.',
});

/**
 * Rate limit settings. windowMs and leaseSize exist for tests (a long window
 * keeps a test off a window boundary; the lease size makes the cross-instance
 * bound observable); production uses one-minute windows and a lease derived
 * from the limit (see http/rate-limit.store.ts).
 */
export interface RateLimitConfig {
  perMinuteUser: number;
  perMinuteApiKey: number;
  perMinuteIp: number;
  /** POST /v1/users per client IP (its own budget); RATE_LIMIT_DEFAULTS.signUpsPerMinuteIp when omitted. */
  signUpsPerMinuteIp?: number;
  windowMs?: number;
  leaseSize?: number;
}

/**
 * How many reverse proxies sit in front of the app and append to
 * X-Forwarded-For. Cloud Functions has one (Google's front end), so req.ip is
 * the last address it appended; trusting more hops would let a client choose
 * its own IP (and dodge the per-IP rate limit) by sending the header itself.
 */
export const trustProxyHops = defineInt('TRUST_PROXY_HOPS', {
  default: 1,
  description: 'Number of proxies in front of the API that append to X-Forwarded-For.',
});

/**
 * Step-up MFA for staff: when true, every /v1/admin/* call made with the ID
 * token of a staff member (any role) must come from a sign-in that used a
 * second factor (`firebase.sign_in_second_factor`), or it is refused with 401
 * MFA_REQUIRED. On by default, so a deployment is protected unless someone
 * opts out; functions/.env.demo-nff turns it off for the emulator project,
 * whose seeded staff have no second factor (tests turn it on through AppConfig).
 */
export const requireStaffMfa = defineBoolean('REQUIRE_STAFF_MFA', {
  default: true,
  description: 'Require a second factor (MFA) in the ID token of staff calling /v1/admin/* routes.',
});

/** Sign-up requests per minute from one client IP (POST /v1/users only), on top of the general per-IP budget. */
export const signUpsPerMinuteIp = defineInt('SIGNUPS_PER_MINUTE_IP', {
  default: RATE_LIMIT_DEFAULTS.signUpsPerMinuteIp,
  description: 'POST /v1/users (self-service sign-up) requests per minute allowed per client IP address.',
});

/** Plain configuration values used by createApp(); tests pass their own. */
export interface AppConfig {
  corsAllowedOrigins: string[];
  maxBodyBytes: number;
  /** Proxies trusted for req.ip; 1 when omitted (Cloud Functions). */
  trustProxyHops?: number;
  /** Request limits; RATE_LIMIT_DEFAULTS when omitted. */
  rateLimits?: RateLimitConfig;
  /**
   * Step-up MFA for staff on /v1/admin/* (see requireStaffMfa). Off when
   * omitted: this plain object is what tests and benchmarks build; the deployed
   * function always reads the param, whose default is on.
   */
  requireStaffMfa?: boolean;
}

/** Resolve the params into a plain object (call at request time, not import time). */
export function loadAppConfig(): AppConfig {
  return {
    corsAllowedOrigins: corsAllowedOrigins
      .value()
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
    maxBodyBytes: maxBodyBytes.value(),
    trustProxyHops: trustProxyHops.value(),
    rateLimits: {
      perMinuteUser: rateLimitPerMinuteUser.value(),
      perMinuteApiKey: rateLimitPerMinuteApiKey.value(),
      perMinuteIp: rateLimitPerMinuteIp.value(),
      signUpsPerMinuteIp: signUpsPerMinuteIp.value(),
    },
    requireStaffMfa: requireStaffMfa.value(),
  };
}

/**
 * The KYC provider base URL. Inside the Functions emulator the local-stack
 * launcher may pass NFF_LOCAL_KYC_PROVIDER_URL (its mock provider's address,
 * which moves when the stack runs with a port offset); .env files cannot carry
 * it because firebase-tools lets them override the process environment.
 */
export function kycProviderBaseUrl(): string {
  const local = process.env.FUNCTIONS_EMULATOR === 'true' ? process.env.NFF_LOCAL_KYC_PROVIDER_URL : undefined;
  return local ?? kycProviderUrl.value();
}

/** Bearer token for the KYC provider API (Secret Manager; locally functions/.secret.local). */
export const kycProviderApiToken = defineSecret('KYC_PROVIDER_API_TOKEN');

/**
 * Webhook signing secrets of the KYC provider: one, or two comma-separated
 * while a secret rotates (either verifies). Secret Manager; locally .secret.local.
 */
export const kycWebhookSecrets = defineSecret('KYC_WEBHOOK_SECRETS');

/** Attempts a user gets (the first submission included) before resubmission is refused. */
export const kycMaxAttempts = defineInt('KYC_MAX_ATTEMPTS', {
  default: 3,
  description: 'KYC attempts per case, the first submission included.',
});

/** Time limit of one call to the KYC provider, in milliseconds. */
export const kycProviderTimeoutMs = defineInt('KYC_PROVIDER_TIMEOUT_MS', {
  default: 5000,
  description: 'Time limit of one KYC provider API call, in milliseconds.',
});

/** Callback URL sent to the provider with each check; empty = the provider's configured default. */
export const kycCallbackUrl = defineString('KYC_CALLBACK_URL', {
  default: '',
  description: 'Public URL of POST /v1/webhooks/kyc given to the provider; empty uses the URL configured at the provider.',
});

/** A case still `submitted` this long after its last change is handed to the provider again by the sweep. */
export const kycSubmitDeadlineMinutes = defineInt('KYC_SUBMIT_DEADLINE_MINUTES', {
  default: 10,
  description: 'Minutes after which the sweep re-submits a case stuck in `submitted`.',
});

/** A case `in_review` this long without news is polled at the provider by the sweep. */
export const kycReviewDeadlineMinutes = defineInt('KYC_REVIEW_DEADLINE_MINUTES', {
  default: 60,
  description: 'Minutes after which the sweep polls the provider for a case stuck in `in_review`.',
});

/** A case `submitted` or `in_review` this long is expired by the sweep. */
export const kycExpiryHours = defineInt('KYC_EXPIRY_HOURS', {
  default: 72,
  description: 'Hours after which a case still `submitted` or `in_review` expires.',
});

/** Settings of the KYC pipeline (no secrets), as plain values. */
export interface KycSettings {
  maxAttempts: number;
  providerTimeoutMs: number;
  callbackUrl?: string;
  submitDeadlineMs: number;
  reviewDeadlineMs: number;
  expiryMs: number;
}

/** Resolve the KYC params (call at run time). */
export function loadKycSettings(): KycSettings {
  const callbackUrl = kycCallbackUrl.value().trim();
  return {
    maxAttempts: kycMaxAttempts.value(),
    providerTimeoutMs: kycProviderTimeoutMs.value(),
    ...(callbackUrl ? { callbackUrl } : {}),
    submitDeadlineMs: kycSubmitDeadlineMinutes.value() * 60_000,
    reviewDeadlineMs: kycReviewDeadlineMinutes.value() * 60_000,
    expiryMs: kycExpiryHours.value() * 3_600_000,
  };
}

/** The accepted webhook secrets (empty entries dropped). Only functions declaring the secret can read it. */
export function loadKycWebhookSecrets(): string[] {
  return kycWebhookSecrets
    .value()
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
}
