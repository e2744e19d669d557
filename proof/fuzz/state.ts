/**
 * What a refused request must not change: every document of the collections
 * the API writes (profiles, KYC cases and their events, API keys, audit log,
 * idempotency records, webhook receipts) and every Auth account (existence,
 * disabled flag, claims, session validity).
 *
 * Left out on purpose, as bookkeeping rather than state: rateLimits/* (every
 * request counts, refused or not) and apiKeys.lastUsedAt (written, at most
 * once a minute, when a valid key authenticates, even if the route then
 * answers 403).
 */
import type { Firestore } from 'firebase-admin/firestore';
import type { Auth } from 'firebase-admin/auth';

const COLLECTIONS = ['users', 'kycCases', 'kycApplicants', 'apiKeys', 'auditLogs', 'idempotencyKeys', 'webhookEvents'];
const IGNORED_FIELDS: Record<string, string[]> = { apiKeys: ['lastUsedAt'] };

export type Snapshot = Map<string, string>;

/** Every relevant document and account, serialised. */
export async function snapshot(db: Firestore, auth: Auth): Promise<Snapshot> {
  const state: Snapshot = new Map();
  await Promise.all(
    COLLECTIONS.map(async (collection) => {
      const documents = await db.collection(collection).get();
      for (const document of documents.docs) {
        const data = { ...document.data() };
        for (const field of IGNORED_FIELDS[collection] ?? []) delete data[field];
        state.set(document.ref.path, JSON.stringify(data));
      }
    }),
  );
  const events = await db.collectionGroup('events').get();
  for (const document of events.docs) state.set(document.ref.path, JSON.stringify(document.data()));
  let pageToken: string | undefined;
  do {
    const page = await auth.listUsers(1000, pageToken);
    for (const user of page.users) {
      state.set(`auth/${user.uid}`, JSON.stringify({ email: user.email, disabled: user.disabled, claims: user.customClaims ?? null, validSince: user.tokensValidAfterTime ?? null }));
    }
    pageToken = page.pageToken;
  } while (pageToken);
  return state;
}

/** Paths added, removed or changed between two snapshots. */
export function diff(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [path, value] of after) {
    if (!before.has(path)) changes.push(`added ${path}`);
    else if (before.get(path) !== value) changes.push(`changed ${path}: ${before.get(path)?.slice(0, 300)} -> ${value.slice(0, 300)}`);
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push(`removed ${path}`);
  return changes;
}
