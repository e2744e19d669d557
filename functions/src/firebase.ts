/**
 * Lazy firebase-admin access. Nothing is initialised on import, so loading the
 * functions module stays cheap (cold start) and tests can point the SDK at the
 * emulators through FIRESTORE_EMULATOR_HOST / FIREBASE_AUTH_EMULATOR_HOST
 * before the first call.
 */
import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { getAuth, type Auth } from 'firebase-admin/auth';

let cachedApp: App | undefined;

/** The default firebase-admin app, created on first use. */
export function adminApp(): App {
  if (!cachedApp) cachedApp = getApps()[0] ?? initializeApp();
  return cachedApp;
}

/** Firestore for the default app. */
export function db(): Firestore {
  return getFirestore(adminApp());
}

/** Firebase Auth for the default app. */
export function auth(): Auth {
  return getAuth(adminApp());
}
