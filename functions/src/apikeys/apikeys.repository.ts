/**
 * apiKeys/{keyId}: name, prefix, hash, scopes, createdAt/By, expiresAt,
 * lastUsedAt, revokedAt. The only code touching that collection; converts
 * Timestamps to ISO strings at the boundary.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { timestampPage } from '../kernel/pages';
import { isoOf, timestampOf } from '../kernel/time';
import type { TimestampPosition } from '../kernel/cursor';
import { API_KEY_SCOPES, type ApiKeyScope } from '../kernel/principal';
import { AuditRepository, type AuditInput } from '../audit/audit.repository';

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
const iso = (value: unknown): string | null => isoOf(value) ?? null;

/**
 * The stored scopes that still exist. A retired scope (kyc:read, withdrawn
 * because the review queue holds applicants' PII) grants nothing and is not
 * listed, so keys created before its withdrawal keep working for the rest.
 */
function knownScopes(value: unknown): ApiKeyScope[] {
  return Array.isArray(value) ? value.filter((scope): scope is ApiKeyScope => (API_KEY_SCOPES as readonly unknown[]).includes(scope)) : [];
}

function fromDoc(id: string, data: FirebaseFirestore.DocumentData): ApiKeyRecord {
  return {
    id,
    name: String(data.name),
    prefix: String(data.prefix),
    hash: String(data.hash),
    scopes: knownScopes(data.scopes),
    createdAt: iso(data.createdAt) ?? new Date(0).toISOString(),
    createdBy: String(data.createdBy),
    expiresAt: iso(data.expiresAt),
    lastUsedAt: iso(data.lastUsedAt),
    revokedAt: iso(data.revokedAt),
    revokedBy: (data.revokedBy as string | undefined) ?? null,
  };
}

/** What a revocation found: no such key, already revoked (no change), or revoked now. */
export type RevokeOutcome = 'not-found' | 'already-revoked' | 'revoked';

/** Audit context of a change; the entry's target and before/after are filled in here. */
export type ApiKeyAudit = Pick<AuditInput, 'actor' | 'requestId'>;

/** The audit view of a key: never the hash (nor, of course, the secret). */
function auditView(record: Pick<ApiKeyRecord, 'name' | 'prefix' | 'scopes' | 'expiresAt'>): Record<string, unknown> {
  return { name: record.name, prefix: record.prefix, scopes: record.scopes, expiresAt: record.expiresAt };
}

export class ApiKeysRepository {
  constructor(
    private readonly db: Firestore,
    private readonly audit: AuditRepository = new AuditRepository(db),
  ) {}

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const snapshot = await this.db.collection(COLLECTION).doc(id).get();
    return snapshot.exists ? fromDoc(snapshot.id, snapshot.data() ?? {}) : undefined;
  }

  /** Create the key; with `audit`, its apiKey.create entry lands in the same batch. */
  async create(record: Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt' | 'revokedBy'>, audit?: ApiKeyAudit): Promise<void> {
    const batch = this.db.batch();
    batch.create(this.db.collection(COLLECTION).doc(record.id), {
      name: record.name,
      prefix: record.prefix,
      hash: record.hash,
      scopes: record.scopes,
      createdAt: timestampOf(record.createdAt),
      createdBy: record.createdBy,
      expiresAt: record.expiresAt ? timestampOf(record.expiresAt) : null,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    if (audit) this.audit.record(batch, { ...audit, action: 'apiKey.create', target: { type: 'apiKey', id: record.id }, before: null, after: auditView(record) });
    await batch.commit();
  }

  /**
   * Revoke in a transaction with its apiKey.revoke audit entry. Revoking a
   * revoked key changes nothing and writes no entry (idempotent).
   */
  async revoke(id: string, revokedBy: string, at: Date, audit: ApiKeyAudit): Promise<RevokeOutcome> {
    const ref = this.db.collection(COLLECTION).doc(id);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return 'not-found';
      const record = fromDoc(id, snapshot.data() ?? {});
      if (record.revokedAt) return 'already-revoked';
      tx.update(ref, { revokedAt: timestampOf(at), revokedBy });
      this.audit.record(tx, {
        ...audit,
        action: 'apiKey.revoke',
        target: { type: 'apiKey', id },
        before: { ...auditView(record), revokedAt: null },
        after: { ...auditView(record), revokedAt: at.toISOString(), revokedBy },
      });
      return 'revoked';
    });
  }

  /** One page, newest first (ties by id); reads one extra key to know whether more follow. */
  async list(query: { limit: number; after?: TimestampPosition }): Promise<{ items: ApiKeyRecord[]; next?: TimestampPosition }> {
    const ordered = this.db.collection(COLLECTION).orderBy('createdAt', 'desc').orderBy('__name__', 'desc');
    const { docs, next } = await timestampPage(ordered, 'createdAt', query);
    return { items: docs.map((doc) => fromDoc(doc.id, doc.data())), next };
  }

  /** Record use; callers throttle so a busy key is not written on every request. */
  async touch(id: string, at: Date): Promise<void> {
    await this.db.collection(COLLECTION).doc(id).update({ lastUsedAt: timestampOf(at) });
  }
}
