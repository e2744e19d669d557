/**
 * Runtime configuration. This module is the only reader of configuration:
 * firebase-functions params (resolved from `.env.<project>` files locally and
 * from the deploy-time prompt / Secret Manager in the cloud) and, for values
 * that must also work outside a function (scripts, tests), plain env vars.
 *
 * Params are read lazily through getters so importing the module (for example
 * by the OpenAPI generator) never requires them to be set.
 */
import { defineString, defineInt } from 'firebase-functions/params';

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

/** Plain configuration values used by createApp(); tests pass their own. */
export interface AppConfig {
  corsAllowedOrigins: string[];
  maxBodyBytes: number;
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
