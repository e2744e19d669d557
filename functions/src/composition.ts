/**
 * The composition root: the one module that builds every service, once, from
 * the platform handles (Firestore, Auth, the KYC provider client) and the
 * settings. index.ts, the app, the triggers, the sweep and the test harnesses
 * receive these services; nothing else constructs a repository or a service
 * (the local seed, dev/seed.ts, takes its repositories from createRepositories).
 *
 * Everything is lazy: building the services initialises no SDK and reads no
 * param (cold start, tests); each repository is created on first use and
 * then shared by every service that needs it.
 *
 * Features never import each other's repositories: where one needs another's
 * data (erasure and export reach the KYC cases, the KYC trigger mirrors a case
 * into the profile and the claims, the KYC transaction reads the applicant's
 * profile), the port it declares is wired here.
 */
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { AdminUsersService } from './users/admin-users.service';
import { ApiKeysRepository } from './apikeys/apikeys.repository';
import { ApiKeysService } from './apikeys/apikeys.service';
import { AuditRepository } from './audit/audit.repository';
import { AuditLogService } from './audit/audit.service';
import { kycProviderApiToken, kycProviderBaseUrl, loadKycSettings, loadKycWebhookSecrets, type KycSettings } from './config';
import { auth, db } from './firebase';
import { KycProviderClient } from './kyc/kyc.provider';
import { KycRepository } from './kyc/kyc.repository';
import { KycService } from './kyc/kyc.service';
import { KycWebhookService } from './kyc/kyc.webhook';
import { KycWorker } from './kyc/kyc.worker';
import { AccountService, type KycRecordsPort } from './users/account.service';
import { AuthAccounts } from './users/auth-accounts';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';
import { UsageRepository } from './usage/usage.repository';
import { UsageService } from './usage/usage.service';

/** What the services are built from: platform handles and settings, each resolved on first use. */
export interface Platform {
  db: () => Firestore;
  auth: () => Auth;
  kycSettings: () => KycSettings;
  /** Accepted provider webhook secrets (one, or two during a rotation); read at request time like every param. */
  kycWebhookSecrets: () => string[];
  kycProvider: () => KycProviderClient;
}

/** Every service of the backend. */
export interface Services {
  /** What the HTTP layer itself uses: ID-token verification (auth) and the rate-limit counters (db). */
  platform: Pick<Platform, 'db' | 'auth'>;
  users: UsersService;
  account: AccountService;
  kyc: KycService;
  kycWebhook: KycWebhookService;
  kycWorker: KycWorker;
  admin: AdminUsersService;
  apiKeys: ApiKeysService;
  audit: AuditLogService;
  usage: UsageService;
}

/** Memoise a factory: built on first use, then shared. */
export function lazy<T>(factory: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= factory());
}

/** Every repository, each created on first use; one instance per collection owner. */
export function createRepositories(db: () => Firestore) {
  const audit = lazy(() => new AuditRepository(db()));
  const users = lazy(() => new UsersRepository(db(), audit()));
  // The KYC transaction reads the applicant's profile through its owner, the users repository.
  const kycCases = lazy(() => new KycRepository(db(), audit(), { ref: (uid) => users().ownerRef(uid), stateOf: (snapshot) => users().ownerStateOf(snapshot), neverHadKycCase: (snapshot) => users().ownerNeverHadKycCase(snapshot) }));
  const apiKeys = lazy(() => new ApiKeysRepository(db(), audit()));
  const usage = lazy(() => new UsageRepository(db()));
  return { audit, users, kycCases, apiKeys, usage };
}

/** Build every service from `platform`. */
export function createServices(platform: Platform): Services {
  const { audit, users, kycCases, apiKeys, usage } = createRepositories(platform.db);
  const accounts = lazy(() => new AuthAccounts(platform.auth));
  const kycRecords = lazy(
    (): KycRecordsPort & { recordsFor: KycRepository['recordsFor'] } => ({
      recordsFor: (uid) => kycCases().recordsFor(uid),
      recordsWithEventsFor: (uid) => kycCases().recordsWithEventsFor(uid),
      eraseFor: (uid) => kycCases().eraseFor(uid),
      latestStatus: async (uid) => (await kycCases().latestForUser(uid))?.status ?? null,
    }),
  );

  const account = new AccountService({ users, accounts, audit, kycRecords });
  return {
    platform: { db: platform.db, auth: platform.auth },
    users: new UsersService({ users, accounts, account }),
    account,
    kyc: new KycService(kycCases, platform.kycSettings),
    kycWebhook: new KycWebhookService(kycCases, platform.kycWebhookSecrets),
    kycWorker: new KycWorker({ cases: kycCases, provider: platform.kycProvider, settings: platform.kycSettings, profiles: account }),
    admin: new AdminUsersService({ users, accounts, kycRecords, syncClaims: (uid) => account.syncClaims(uid) }),
    apiKeys: new ApiKeysService(apiKeys),
    audit: new AuditLogService(audit),
    usage: new UsageService(usage, kycCases),
  };
}

/** Production handles: firebase-admin's default app, params and secrets, all resolved on first use. */
export function productionPlatform(): Platform {
  const settings = lazy(loadKycSettings);
  return {
    db,
    auth,
    kycSettings: settings,
    kycWebhookSecrets: loadKycWebhookSecrets,
    kycProvider: lazy(() => new KycProviderClient({ baseUrl: kycProviderBaseUrl(), token: kycProviderApiToken.value(), timeoutMs: settings().providerTimeoutMs })),
  };
}

/** The production services. */
export function defaultServices(): Services {
  return createServices(productionPlatform());
}
