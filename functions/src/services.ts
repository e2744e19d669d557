/**
 * The dependencies route handlers reach for, built lazily so creating the app
 * initialises nothing (cold start, tests). Each feature adds its repository or
 * client here; handlers receive this object, never import firebase-admin.
 */
import type { Firestore } from 'firebase-admin/firestore';
import type { Auth } from 'firebase-admin/auth';
import { auth, db } from './firebase';
import { ApiKeysRepository } from './apikeys/apikeys.repository';
import { AuditRepository } from './audit/audit.repository';
import { UsersRepository } from './users/users.repository';
import { AuthAccounts } from './users/auth-accounts';
import { KycDataRepository } from './users/kyc-data.repository';
import { KycRepository } from './kyc/kyc.repository';
import { KycService } from './kyc/kyc.service';
import { loadKycSettings, loadKycWebhookSecrets } from './config';

export interface Services {
  db: () => Firestore;
  auth: () => Auth;
  apiKeys: () => ApiKeysRepository;
  audit: () => AuditRepository;
  users: () => UsersRepository;
  authAccounts: () => AuthAccounts;
  kycData: () => KycDataRepository;
  kycCases: () => KycRepository;
  kyc: () => KycService;
  /** Accepted provider webhook secrets (one, or two during a rotation); read at request time like every param. */
  kycWebhookSecrets: () => string[];
}

/** Memoise a factory: built on first use, then shared. */
export function lazy<T>(factory: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= factory());
}

export function defaultServices(): Services {
  return {
    db,
    auth,
    apiKeys: lazy(() => new ApiKeysRepository(db())),
    audit: lazy(() => new AuditRepository(db())),
    users: lazy(() => new UsersRepository(db(), new AuditRepository(db()))),
    authAccounts: lazy(() => new AuthAccounts(auth)),
    kycData: lazy(() => new KycDataRepository(db())),
    kycCases: lazy(() => new KycRepository(db(), new AuditRepository(db()))),
    kyc: lazy(() => new KycService(lazy(() => new KycRepository(db(), new AuditRepository(db()))), lazy(loadKycSettings))),
    kycWebhookSecrets: loadKycWebhookSecrets,
  };
}
