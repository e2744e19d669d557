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

export interface Services {
  db: () => Firestore;
  auth: () => Auth;
  apiKeys: () => ApiKeysRepository;
  audit: () => AuditRepository;
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
  };
}
