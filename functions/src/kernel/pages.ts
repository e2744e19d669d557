/**
 * The page shape of every listing, and keyset pages of a query ordered by a Timestamp field, then the document id
 * (the API-key and audit-log listings). Resuming strictly after the last
 * returned position returns every document exactly once, however many are
 * inserted meanwhile; one extra document is read to know whether more follow.
 */
import { Timestamp, type Query, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { TimestampPosition } from './cursor';

/**
 * One page of a listing, the shape every listing of the API returns: the
 * items, and the cursor of the next page (null on the last one).
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `query` must already be ordered by `field` and then the document id, in the same direction. */
export async function timestampPage(
  query: Query,
  field: string,
  page: { limit: number; after?: TimestampPosition },
): Promise<{ docs: QueryDocumentSnapshot[]; next?: TimestampPosition }> {
  let q = query;
  if (page.after) q = q.startAfter(new Timestamp(page.after.seconds, page.after.nanos), page.after.id);
  const snapshot = await q.limit(page.limit + 1).get();
  const docs = snapshot.docs.slice(0, page.limit);
  const last = docs[docs.length - 1];
  const lastAt = last?.get(field) as Timestamp | undefined;
  const next = snapshot.docs.length > page.limit && last && lastAt ? { seconds: lastAt.seconds, nanos: lastAt.nanoseconds, id: last.id } : undefined;
  return { docs, next };
}
