/**
 * users/{uid}: the only code touching the profiles collection. Returns plain
 * Profile objects (timestamps as ISO-8601 strings); every write that changes a
 * profile stages its audit entry in the same batch or transaction, so a change
 * and its audit record land together or not at all.
 */
import { FieldPath, FieldValue, Timestamp, type DocumentData, type DocumentReference, type DocumentSnapshot, type Firestore, type Query } from 'firebase-admin/firestore';
import type { AuditInput, AuditRepository } from '../audit/audit.repository';
import { rolesFromClaim } from '../kernel/principal';
import { isAlreadyExists } from '../kernel/firestore-errors';
import { isoOf, timestampOf } from '../kernel/time';
import { KYC_STATUSES, USER_STATUSES, type Profile, type UserStatus } from './users.schemas';

const COLLECTION = 'users';

/** What a new profile starts from. */
export interface NewProfile {
  uid: string;
  email: string | null;
  displayName: string | null;
  roles: string[];
  createdBy: string;
}

/** Field changes; `null` removes an optional field. Date fields are ISO strings. */
export type ProfileChanges = Partial<{
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  phoneNumber: string | null;
  dateOfBirth: string | null;
  nationality: string | null;
  address: Profile['address'] | null;
  locale: string | null;
  roles: string[];
  status: UserStatus;
  deletedAt: string;
  deletedBy: string;
}>;

/** Decided by the caller from the current profile, inside the transaction. */
export interface Mutation {
  changes: ProfileChanges;
  actorId: string;
  audit: Omit<AuditInput, 'before' | 'after'> & { before: unknown; after: unknown };
}

/** A KYC case's status as the profile mirrors it (the KYC trigger, through AccountService.applyKycStatus). */
export interface KycStatusUpdate {
  caseId: string;
  status: string;
  /** The case's updatedAt (ISO-8601): orders competing deliveries. */
  updatedAt: string;
}

export type KycStatusOutcome = 'applied' | 'unchanged' | 'stale' | 'no-profile';

/** Filters and position of an admin listing. */
export interface ProfileQuery {
  status?: UserStatus;
  kycStatus?: string;
  role?: string;
  emailPrefix?: string;
  limit: number;
  /** Last key of the previous page: [uid] or, with emailPrefix, [email, uid]. */
  after?: string[];
}

const iso = isoOf;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T =>
  (values as readonly unknown[]).includes(value) ? (value as T) : fallback;

/**
 * Document → Profile. Tolerant of partial documents (seed data, tombstones,
 * profiles written by older code) so reads never fail on shape.
 */
function profileFromDoc(uid: string, data: DocumentData): Profile {
  const optional = (key: string, value: unknown): Partial<Profile> => (value === undefined ? {} : { [key]: value });
  return {
    uid,
    email: str(data.email) ?? null,
    displayName: str(data.displayName) ?? null,
    ...optional('givenName', str(data.givenName)),
    ...optional('familyName', str(data.familyName)),
    ...optional('phoneNumber', str(data.phoneNumber)),
    ...optional('dateOfBirth', str(data.dateOfBirth)),
    ...optional('nationality', str(data.nationality)),
    ...optional('address', data.address && typeof data.address === 'object' ? (data.address as Profile['address']) : undefined),
    ...optional('locale', str(data.locale)),
    roles: rolesFromClaim(data.roles),
    status: oneOf(USER_STATUSES, data.status, 'active'),
    kycStatus: oneOf(KYC_STATUSES, data.kycStatus, 'none'),
    version: typeof data.version === 'number' ? data.version : 0,
    createdAt: iso(data.createdAt) ?? null,
    createdBy: str(data.createdBy) ?? null,
    updatedAt: iso(data.updatedAt) ?? null,
    updatedBy: str(data.updatedBy) ?? null,
    ...optional('deletedAt', iso(data.deletedAt)),
    ...optional('deletedBy', str(data.deletedBy)),
    ...optional('erasedAt', iso(data.erasedAt)),
  };
}

export class UsersRepository {
  constructor(
    private readonly db: Firestore,
    private readonly audit: AuditRepository,
  ) {}

  private ref(uid: string) {
    return this.db.collection(COLLECTION).doc(uid);
  }

  /**
   * The profile document, for a transaction of another repository that must
   * read the owner atomically with its own documents (KycRepository.open,
   * wired by the composition root); ownerStateOf() interprets the snapshot,
   * so the profile's shape stays known here only.
   */
  ownerRef(uid: string): DocumentReference {
    return this.ref(uid);
  }

  /** What a profile snapshot says about its owner: `deleted` covers a soft delete and an erasure (tombstone). */
  ownerStateOf(profile: DocumentSnapshot): 'active' | 'disabled' | 'deleted' | 'missing' {
    if (!profile.exists) return 'missing';
    if (profile.get('erasedAt') !== undefined) return 'deleted';
    const status = profile.get('status') as unknown;
    return status === 'disabled' || status === 'deleted' ? status : 'active';
  }

  /** Whether the profile never had a KYC status mirrored into it (no case was ever opened for its owner). */
  ownerNeverHadKycCase(profile: DocumentSnapshot): boolean {
    return profile.exists && (profile.get('kycStatus') ?? 'none') === 'none' && profile.get('kycStatusSource') === undefined;
  }

  async get(uid: string): Promise<Profile | undefined> {
    const snapshot = await this.ref(uid).get();
    return snapshot.exists ? profileFromDoc(uid, snapshot.data() ?? {}) : undefined;
  }

  /**
   * Create the profile unless it exists, race-safe: create() fails with
   * ALREADY_EXISTS when another path (the Auth trigger, a parallel first call)
   * won, and the existing profile is returned instead. The audit entry is in
   * the same batch, so only the path that created the profile records it.
   */
  async createIfMissing(input: NewProfile, audit: Omit<AuditInput, 'after'>): Promise<{ profile: Profile; created: boolean }> {
    const now = Timestamp.now();
    const data = {
      uid: input.uid,
      email: input.email,
      displayName: input.displayName,
      roles: rolesFromClaim(input.roles),
      status: 'active',
      kycStatus: 'none',
      version: 1,
      createdAt: now,
      createdBy: input.createdBy,
      updatedAt: now,
      updatedBy: input.createdBy,
    };
    const profile = profileFromDoc(input.uid, data);
    const batch = this.db.batch();
    batch.create(this.ref(input.uid), data);
    this.audit.record(batch, { ...audit, after: auditView(profile) });
    try {
      await batch.commit();
      return { profile, created: true };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const existing = await this.get(input.uid);
      if (!existing) throw error; // created and erased in between: let the caller retry
      return { profile: existing, created: false };
    }
  }

  /**
   * Read-decide-write in one transaction: `decide` sees the current profile and
   * returns the changes (or throws an AppError, which aborts). The version is
   * written as current + 1, so concurrent writers never both succeed against
   * the same version and no update is lost (contention → the SDK retries
   * `decide` on fresh data).
   */
  async mutate(uid: string, decide: (current: Profile) => Mutation | undefined): Promise<Profile | undefined> {
    const ref = this.ref(uid);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return undefined;
      const current = profileFromDoc(uid, snapshot.data() ?? {});
      const mutation = decide(current);
      if (!mutation) return current;
      const now = Timestamp.now();
      const update: Record<string, unknown> = { version: current.version + 1, updatedAt: now, updatedBy: mutation.actorId };
      for (const [key, value] of Object.entries(mutation.changes)) {
        if (value === undefined) continue;
        if (value === null) update[key] = FieldValue.delete();
        else if (key === 'deletedAt') update[key] = timestampOf(value as string);
        else update[key] = value;
      }
      tx.update(ref, update);
      this.audit.record(tx, mutation.audit);
      const next = { ...(snapshot.data() ?? {}), ...update };
      for (const [key, value] of Object.entries(mutation.changes)) if (value === null) delete next[key];
      return profileFromDoc(uid, next);
    });
  }

  /**
   * Mirror a KYC case's status into kycStatus, monotonically: applied only if
   * the case's updatedAt is not older than the one the profile last took its
   * status from (kycStatusSource), so a late redelivery of an older write
   * never rolls the profile back. Bumps `version` like every other profile
   * change, so the ETag changes with kycStatus. Not audited here: the case
   * transition that caused it is. Missing and erased profiles are left alone.
   */
  async applyKycStatus(uid: string, update: KycStatusUpdate): Promise<KycStatusOutcome> {
    const ref = this.ref(uid);
    const updatedAt = timestampOf(update.updatedAt);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists || snapshot.get('erasedAt') !== undefined) return 'no-profile';
      const source = snapshot.get('kycStatusSource') as { caseId?: string; updatedAt?: Timestamp } | undefined;
      if (source?.updatedAt && source.updatedAt.toMillis() > updatedAt.toMillis()) return 'stale';
      if (snapshot.get('kycStatus') === update.status && source?.caseId === update.caseId) return 'unchanged';
      const version = profileFromDoc(uid, snapshot.data() ?? {}).version;
      tx.update(ref, {
        kycStatus: update.status,
        kycStatusSource: { caseId: update.caseId, updatedAt },
        version: version + 1,
        updatedAt: Timestamp.now(),
        updatedBy: 'system:kyc',
      });
      return 'applied';
    });
  }

  /**
   * GDPR erasure: replace the profile by a tombstone {uid, status, erasedAt,
   * version}. Keeping the document (rather than deleting it) means a late
   * Auth onCreate delivery or first-call provisioning can never resurrect a
   * profile for the erased uid: their create() meets ALREADY_EXISTS.
   */
  async tombstone(uid: string, audit: Omit<AuditInput, 'before' | 'after'>): Promise<void> {
    const ref = this.ref(uid);
    await this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      const before = snapshot.exists ? profileFromDoc(uid, snapshot.data() ?? {}) : undefined;
      if (before?.erasedAt) return;
      const now = Timestamp.now();
      tx.set(ref, { uid, status: 'deleted', erasedAt: now, version: (before?.version ?? 0) + 1 });
      this.audit.record(tx, { ...audit, before: before ? auditView(before) : null, after: { status: 'deleted', erased: true } });
    });
  }

  /**
   * One page of profiles in a stable order: by document id, or by (email, id)
   * when filtering by email prefix. Resuming strictly after the last key of
   * the previous page returns every document exactly once, however many are
   * inserted meanwhile. Fetches one extra document to know whether more exist.
   */
  async list(query: ProfileQuery): Promise<{ items: Profile[]; hasMore: boolean }> {
    let q: Query = this.db.collection(COLLECTION);
    if (query.status) q = q.where('status', '==', query.status);
    if (query.kycStatus) q = q.where('kycStatus', '==', query.kycStatus);
    if (query.role) q = q.where('roles', 'array-contains', query.role);
    if (query.emailPrefix !== undefined) {
      q = q.where('email', '>=', query.emailPrefix).where('email', '<', `${query.emailPrefix}\uf8ff`).orderBy('email');
    }
    q = q.orderBy(FieldPath.documentId());
    if (query.after) q = q.startAfter(...query.after);
    const snapshot = await q.limit(query.limit + 1).get();
    const docs = snapshot.docs.slice(0, query.limit);
    return { items: docs.map((doc) => profileFromDoc(doc.id, doc.data())), hasMore: snapshot.size > query.limit };
  }
}

/**
 * What an audit entry keeps of a profile: no uid or actor ids (the entry's
 * target and actor carry those, and pseudonymisation rewrites only them), no
 * bookkeeping timestamps. Personal fields are redacted by AuditRepository.
 */
export function auditView(profile: Profile): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- destructured to drop them
  const { uid, createdAt, createdBy, updatedAt, updatedBy, deletedBy, ...rest } = profile;
  return rest;
}
