/**
 * A user's KYC cases (kycCases where uid == uid, and their events) as the
 * profile features see them: read for the GDPR export and the admin user
 * view, deleted for the GDPR erasure. The KYC feature owns the case shape;
 * this module only copies documents out as plain JSON, with Firestore
 * Timestamps converted to ISO-8601 strings.
 */
import { Timestamp, type DocumentData, type Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';

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

  /**
   * Erasure (DELETE /v1/me): delete every case of the user with its events
   * (recursiveDelete uses BulkWriter, which retries). Deleting a case fires
   * onKycCaseWritten with no `after`, which that trigger ignores. Idempotent:
   * a second call finds nothing. Runs after the profile tombstone, so no case
   * can be opened behind it (KycRepository.open reads the profile).
   * Returns the ids of the deleted cases (their audit entries are pseudonymised).
   */
  async eraseFor(uid: string): Promise<string[]> {
    const cases = await this.db.collection('kycCases').where('uid', '==', uid).get();
    for (const doc of cases.docs) await this.db.recursiveDelete(doc.ref);
    // The user's KYC head (case count, latest case; KycRepository.open) goes with the cases.
    await this.db.collection('kycApplicants').doc(uid).delete();
    logger.info('kyc_data_erased', { cases: cases.size });
    return cases.docs.map((doc) => doc.id);
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
