/**
 * Read access to a user's KYC cases (kycCases where uid == uid, and their
 * events) for the GDPR export and the admin user view. The KYC feature owns
 * the case shape; this module only copies documents out as plain JSON, with
 * Firestore Timestamps converted to ISO-8601 strings.
 */
import { Timestamp, type DocumentData, type Firestore } from 'firebase-admin/firestore';

/** A case document as plain JSON, with its id. */
export interface KycCaseRecord {
  id: string;
  uid: string;
  status: string;
  [field: string]: unknown;
}

export interface KycEventRecord {
  id: string;
  [field: string]: unknown;
}

/** Deep copy with Timestamps as ISO strings (Firestore types stop here). */
export function plainJson(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plainJson);
  if (value !== null && typeof value === 'object') {
    const constructorName = (value as object).constructor?.name;
    // GeoPoint, DocumentReference, Bytes...: not used by the case model; stringify defensively.
    if (constructorName !== 'Object') return String(value);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, plainJson(inner)]));
  }
  return value;
}

function caseFromDoc(id: string, data: DocumentData): KycCaseRecord {
  return { ...(plainJson(data) as Record<string, unknown>), id, uid: String(data.uid), status: String(data.status ?? 'unknown') };
}

export class KycDataRepository {
  constructor(private readonly db: Firestore) {}

  /** The user's cases, newest first. */
  async casesFor(uid: string): Promise<KycCaseRecord[]> {
    const snapshot = await this.db.collection('kycCases').where('uid', '==', uid).get();
    return snapshot.docs
      .map((doc) => caseFromDoc(doc.id, doc.data()))
      .sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')));
  }

  /** The user's cases, each with its events in id (= chronological) order. */
  async casesWithEventsFor(uid: string): Promise<Array<KycCaseRecord & { events: KycEventRecord[] }>> {
    const cases = await this.casesFor(uid);
    return Promise.all(
      cases.map(async (kycCase) => {
        const events = await this.db.collection(`kycCases/${kycCase.id}/events`).orderBy('__name__').get();
        return { ...kycCase, events: events.docs.map((doc) => ({ ...(plainJson(doc.data()) as Record<string, unknown>), id: doc.id })) };
      }),
    );
  }
}
