/**
 * Benchmark data, written straight into the emulators with firebase-admin:
 *   - Auth users created in bulk with importUsers (no onCreate trigger fires
 *     for an import, so the Functions emulator stays idle), then signed in
 *     through the Auth emulator's REST API (signInWithCustomToken, what a
 *     client SDK does) for real ID tokens;
 *   - profiles (users/{uid}) written with a BulkWriter, shaped like the ones
 *     the app provisions, for the bench identities and the synthetic users
 *     that fill the admin listing.
 */
import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type UserImportRecord } from 'firebase-admin/auth';
import { getFirestore, Timestamp, type Firestore } from 'firebase-admin/firestore';

export interface BenchUser {
  uid: string;
  idToken: string;
}

const IMPORT_CHUNK = 1000;
const SIGN_IN_CONCURRENCY = 16;

function adminApp(): App {
  return getApps()[0] ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT });
}

export function benchDb(): Firestore {
  return getFirestore(adminApp());
}

/** Run `task` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function signInWithCustomToken(authUrl: string, customToken: string): Promise<string> {
  const response = await fetch(`${authUrl}/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: customToken, returnSecureToken: true }),
  });
  const body = (await response.json()) as { idToken?: string; error?: { message?: string } };
  if (!response.ok || !body.idToken) throw new Error(`signInWithCustomToken failed: ${body.error?.message ?? response.status}`);
  return body.idToken;
}

/** `count` Auth users named `<prefix>-<n>`, each with a fresh ID token. */
export async function createBenchUsers(authUrl: string, prefix: string, count: number, roles: string[] = []): Promise<BenchUser[]> {
  const auth = getAuth(adminApp());
  const uids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`);
  for (let start = 0; start < uids.length; start += IMPORT_CHUNK) {
    const records: UserImportRecord[] = uids.slice(start, start + IMPORT_CHUNK).map((uid) => ({
      uid,
      email: `${uid}@bench.example`,
      displayName: `Bench ${uid}`,
      ...(roles.length ? { customClaims: { roles } } : {}),
    }));
    const result = await auth.importUsers(records);
    if (result.failureCount > 0) throw new Error(`importUsers: ${result.failureCount} failures, e.g. ${result.errors[0]?.error.message}`);
  }
  return mapLimit(uids, SIGN_IN_CONCURRENCY, async (uid) => ({ uid, idToken: await signInWithCustomToken(authUrl, await auth.createCustomToken(uid)) }));
}

/** Profiles for `uids` as the app provisions them (version 1, active, no KYC), in users/ or another collection. */
export async function seedProfiles(uids: string[], collection = 'users'): Promise<void> {
  const writer = benchDb().bulkWriter();
  const now = Timestamp.now();
  for (const uid of uids) {
    writer.set(benchDb().collection(collection).doc(uid), {
      uid,
      email: `${uid}@bench.example`,
      displayName: `Bench ${uid}`,
      roles: [],
      status: 'active',
      kycStatus: 'none',
      version: 1,
      createdAt: now,
      createdBy: 'system:backfill',
      updatedAt: now,
      updatedBy: 'system:backfill',
    });
  }
  await writer.close();
}
