/**
 * Dependencies of the KYC background work (trigger and sweep). The exported
 * plain handlers take them as a parameter, so tests run the real handlers
 * against the emulators with their own provider address and settings.
 */
import type { Auth } from 'firebase-admin/auth';
import { AuditRepository } from '../audit/audit.repository';
import { kycProviderApiToken, kycProviderBaseUrl, loadKycSettings, type KycSettings } from '../config';
import { auth, db } from '../firebase';
import { lazy } from '../services';
import { UsersRepository } from '../users/users.repository';
import { KycProviderClient } from './kyc.provider';
import { KycRepository } from './kyc.repository';

export interface KycWorkerDeps {
  cases: () => KycRepository;
  /** The Auth handle; only users/auth-accounts.ts calls its API. */
  auth: () => Auth;
  provider: () => KycProviderClient;
  settings: () => KycSettings;
}

/** The trigger also mirrors the case into the profile and the claims. */
export interface KycTriggerDeps extends KycWorkerDeps {
  users: () => UsersRepository;
}

/** Production wiring: params, secrets and firebase-admin, all resolved on first use. */
export function defaultKycWorkerDeps(): KycWorkerDeps {
  const settings = lazy(loadKycSettings);
  return {
    cases: lazy(() => new KycRepository(db(), new AuditRepository(db()))),
    auth,
    provider: lazy(() => new KycProviderClient({ baseUrl: kycProviderBaseUrl(), token: kycProviderApiToken.value(), timeoutMs: settings().providerTimeoutMs })),
    settings,
  };
}

/** Production wiring of the trigger. */
export function defaultKycTriggerDeps(): KycTriggerDeps {
  return { ...defaultKycWorkerDeps(), users: lazy(() => new UsersRepository(db(), new AuditRepository(db()))) };
}
