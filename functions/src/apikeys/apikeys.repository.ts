/**
 * apiKeys/{keyId}: name, prefix, hash, scopes, createdAt/By, expiresAt,
 * lastUsedAt, revokedAt. The only code touching that collection; converts
 * Timestamps to ISO strings at the boundary.
 */
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { ApiKeyScope } from '../http/principal';

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

const COLLECTION = 'apiKeys';
const iso = (value: unknown): string | null => (value instanceof Timestamp ? value.toDate().toISOString() : null);

function fromDoc(id: string, data: FirebaseFirestore.DocumentData): ApiKeyRecord {
  return {
    id,
    name: String(data.name),
    prefix: String(data.prefix),
    hash: String(data.hash),
    scopes: (data.scopes ?? []) as ApiKeyScope[],
    createdAt: iso(data.createdAt) ?? new Date(0).toISOString(),
    createdBy: String(data.createdBy),
    expiresAt: iso(data.expiresAt),
    lastUsedAt: iso(data.lastUsedAt),
    revokedAt: iso(data.revokedAt),
    revokedBy: (data.revokedBy as string | undefined) ?? null,
  };
}

export class ApiKeysRepository {
  constructor(private readonly db: Firestore) {}

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const snapshot = await this.db.collection(COLLECTION).doc(id).get();
    return snapshot.exists ? fromDoc(snapshot.id, snapshot.data() ?? {}) : undefined;
  }

  async create(record: Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt' | 'revokedBy'>): Promise<void> {
    await this.db.collection(COLLECTION).doc(record.id).create({
      name: record.name,
      prefix: record.prefix,
      hash: record.hash,
      scopes: record.scopes,
      createdAt: Timestamp.fromDate(new Date(record.createdAt)),
      createdBy: record.createdBy,
      expiresAt: record.expiresAt ? Timestamp.fromDate(new Date(record.expiresAt)) : null,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    });
  }

  async list(): Promise<ApiKeyRecord[]> {
    const snapshot = await this.db.collection(COLLECTION).orderBy('createdAt', 'desc').limit(500).get();
    return snapshot.docs.map((doc) => fromDoc(doc.id, doc.data()));
  }

  /** Record use; callers throttle so a busy key is not written on every request. */
  async touch(id: string, at: Date): Promise<void> {
    await this.db.collection(COLLECTION).doc(id).update({ lastUsedAt: Timestamp.fromDate(at) });
  }
}
