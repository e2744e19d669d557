/**
 * kycCases/{caseId} (+ events/{eventId}), kycApplicants/{uid},
 * idempotencyKeys/{id} and webhookEvents/{id}: the only code touching those collections. Returns plain
 * objects; Timestamp ↔ ISO-8601 conversion happens here (kyc.mapping.ts,
 * kernel/time.ts) and nowhere else. The applicant's profile is read inside
 * open()'s transaction through the users repository's ProfileOwnerReader, so
 * users/ keeps a single owner too.
 *
 * Every change is a read-decide-write transaction: the service passes a pure
 * `decide` callback, and a transition is written together with its event
 * record and its audit entry, so the status, the log and the audit trail can
 * never disagree. Event ids are the case version zero-padded, which orders the
 * log and makes two racing writers of the same transition collide.
 */
import { createHash } from 'node:crypto';
import { FieldValue, Timestamp, type DocumentData, type DocumentReference, type DocumentSnapshot, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { caseToDoc, eventFromDoc, eventId, eventToDoc, fromDoc, toWrite, ts } from './kyc.mapping';
import { jsonCopy } from '../kernel/json-copy';
import type { AuditRepository } from '../audit/audit.repository';
import { isAlreadyExists } from '../kernel/firestore-errors';
import { plainJson, timestampOf } from '../kernel/time';
import { logger } from 'firebase-functions/logger';
import { canTransition, type KycStatus } from './kyc.state';
import type { CaseChange, KycCase, KycEventRecord } from './kyc.model';

const CASES = 'kycCases';
const EVENTS = 'events';
const IDEMPOTENCY = 'idempotencyKeys';
const WEBHOOK_EVENTS = 'webhookEvents';
/** kycApplicants/{uid}: how many cases the user has opened and the latest one's id, status and attempt. */
const APPLICANTS = 'kycApplicants';
/** How long an Idempotency-Key is remembered (a TTL policy on expiresAt deletes it). */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A stored Idempotency-Key: the request it answered and the response to replay. */
export interface StoredIdempotentResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

/**
 * State of the applicant's profile as `open()` reads it inside its
 * transaction: `deleted` covers a soft delete and an erasure (tombstone).
 */
export type OwnerState = 'active' | 'disabled' | 'deleted' | 'missing';

/**
 * How open() reads the applicant's profile inside its transaction, provided
 * by the users repository (the owner of users/): the document to read, and
 * what its snapshot says about the owner.
 */
export interface ProfileOwnerReader {
  ref(uid: string): DocumentReference;
  stateOf(snapshot: DocumentSnapshot): OwnerState;
  /**
   * Whether the profile says its owner never had a KYC case (no status was
   * ever mirrored into it): open() then knows the count is 0 without a query.
   */
  neverHadKycCase(snapshot: DocumentSnapshot): boolean;
}

/** What the KYC funnel needs of a case: when it was opened, and when and by whom it was decided. */
export interface OpenedCase {
  status: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: 'provider' | 'reviewer' | null;
}

/** A case document copied out as plain JSON, with its id (GDPR export, admin view). */
export interface KycCaseRecord {
  id: string;
  uid: string;
  status: string;
  [field: string]: unknown;
}

/** An event document copied out as plain JSON, with its id. */
export interface KycEventRecordJson {
  id: string;
  [field: string]: unknown;
}

function caseRecordFromDoc(id: string, data: DocumentData): KycCaseRecord {
  return { ...(plainJson(data) as Record<string, unknown>), id, uid: String(data.uid), status: String(data.status ?? 'unknown') };
}

/**
 * What `open()` decides for the user's latest case; `owner-missing` writes
 * nothing and asks the caller to provision the profile and open again.
 */
/** What the one-open-case rule and the attempt limit need to know about the user's latest case. */
export type LatestCase = Pick<KycCase, 'id' | 'status' | 'attempt'>;

/** kycApplicants/{uid} as read; `cases` is absent on a head that a transition created for a case opened before heads existed. */
interface ApplicantHead {
  cases?: number;
  latest?: { caseId: string; status: KycStatus; attempt: number };
}

export type OpenDecision =
  | { kind: 'create'; change: CaseChange & { set: { applicant: KycCase['applicant'] } } }
  | { kind: 'resubmit'; caseId: string; change: CaseChange }
  | { kind: 'owner-missing' };

export class KycRepository {
  constructor(
    private readonly db: Firestore,
    private readonly audit: AuditRepository,
    private readonly owners: ProfileOwnerReader,
  ) {}

  private caseRef(caseId: string) {
    return this.db.collection(CASES).doc(caseId);
  }

  async get(caseId: string): Promise<KycCase | undefined> {
    const snapshot = await this.caseRef(caseId).get();
    return snapshot.exists ? fromDoc(snapshot.id, snapshot.data() ?? {}) : undefined;
  }

  /** The user's most recent case. */
  async latestForUser(uid: string): Promise<KycCase | undefined> {
    const snapshot = await this.db.collection(CASES).where('uid', '==', uid).orderBy('createdAt', 'desc').limit(1).get();
    const doc = snapshot.docs[0];
    return doc ? fromDoc(doc.id, doc.data()) : undefined;
  }

  /** The transition log of a case, oldest first. */
  async events(caseId: string): Promise<KycEventRecord[]> {
    const snapshot = await this.caseRef(caseId).collection(EVENTS).orderBy('__name__').get();
    return snapshot.docs.map((doc) => eventFromDoc(doc.id, doc.data()));
  }

  /** Review queue page: oldest update first, optionally one status; resumes after [updatedAt, id]. */
  async list(query: { status?: KycStatus; limit: number; after?: [string, string] }): Promise<KycCase[]> {
    let q: FirebaseFirestore.Query = this.db.collection(CASES);
    if (query.status) q = q.where('status', '==', query.status);
    q = q.orderBy('updatedAt', 'asc').orderBy('__name__', 'asc');
    if (query.after) q = q.startAfter(ts(query.after[0]), query.after[1]);
    const snapshot = await q.limit(query.limit).get();
    return snapshot.docs.map((doc) => fromDoc(doc.id, doc.data()));
  }

  /** Cases in `status` not updated since `before` (candidates for the sweep), oldest first. */
  async idleSince(status: KycStatus, before: Date, limit: number): Promise<KycCase[]> {
    const snapshot = await this.db
      .collection(CASES)
      .where('status', '==', status)
      .where('updatedAt', '<', timestampOf(before))
      .orderBy('updatedAt', 'asc')
      .limit(limit)
      .get();
    return snapshot.docs.map((doc) => fromDoc(doc.id, doc.data()));
  }

  /**
   * Write a case in its final state with its whole event log and the
   * applicant's head, in one batch and without audit entries: a history no
   * transition wrote (the local seed, dev/seed.ts). Data written any other way
   * goes through open() and mutate().
   */
  async importHistory(kycCase: KycCase, events: KycEventRecord[]): Promise<void> {
    const ref = this.caseRef(kycCase.id);
    const batch = this.db.batch();
    batch.set(ref, caseToDoc(kycCase));
    for (const { id, ...event } of events) batch.set(ref.collection(EVENTS).doc(id), eventToDoc(event));
    const head: ApplicantHead = { cases: 1, latest: { caseId: kycCase.id, status: kycCase.status, attempt: kycCase.attempt } };
    batch.set(this.applicantRef(kycCase.uid), head);
    await batch.commit();
  }

  /**
   * Cases opened in [from, to), oldest first, at most `limit` (+1 read to tell
   * whether there were more): the KYC funnel of the usage report, read through
   * the port composition.ts wires (usage/ never reads kycCases itself).
   */
  async openedBetween(from: Date, to: Date, limit: number): Promise<{ cases: OpenedCase[]; truncated: boolean }> {
    const snapshot = await this.db
      .collection(CASES)
      .where('createdAt', '>=', timestampOf(from))
      .where('createdAt', '<', timestampOf(to))
      .orderBy('createdAt')
      .select('status', 'createdAt', 'review')
      .limit(limit + 1)
      .get();
    const cases = snapshot.docs.slice(0, limit).map((doc): OpenedCase => {
      const data = doc.data();
      const review = data.review as { source?: string; decidedAt?: unknown } | null | undefined;
      return {
        status: String(data.status),
        createdAt: (data.createdAt as Timestamp).toDate().toISOString(),
        decidedAt: review?.decidedAt instanceof Timestamp ? review.decidedAt.toDate().toISOString() : null,
        decidedBy: review?.source === 'reviewer' || review?.source === 'provider' ? review.source : null,
      };
    });
    return { cases, truncated: snapshot.docs.length > limit };
  }

  /**
   * The user's cases as stored, newest first, copied out as plain JSON (the
   * admin user view; the GDPR export adds their events).
   */
  async recordsFor(uid: string): Promise<KycCaseRecord[]> {
    const snapshot = await this.db.collection(CASES).where('uid', '==', uid).get();
    return snapshot.docs
      .map((doc) => caseRecordFromDoc(doc.id, doc.data()))
      .sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')));
  }

  /** The user's cases, each with its events in id (= chronological) order (GDPR export). */
  async recordsWithEventsFor(uid: string): Promise<Array<KycCaseRecord & { events: KycEventRecordJson[] }>> {
    const cases = await this.recordsFor(uid);
    return Promise.all(
      cases.map(async (kycCase) => {
        const events = await this.caseRef(kycCase.id).collection(EVENTS).orderBy('__name__').get();
        return { ...kycCase, events: events.docs.map((doc) => ({ ...(plainJson(doc.data()) as Record<string, unknown>), id: doc.id })) };
      }),
    );
  }

  /**
   * Erasure (DELETE /v1/me): delete every case of the user with its events
   * (recursiveDelete uses BulkWriter, which retries). Deleting a case fires
   * onKycCaseWritten with no `after`, which that trigger ignores. Idempotent:
   * a second call finds nothing. Runs after the profile tombstone, so no case
   * can be opened behind it (open() reads the profile in its transaction).
   * Returns the ids of the deleted cases (their audit entries are pseudonymised).
   */
  async eraseFor(uid: string): Promise<string[]> {
    const cases = await this.db.collection(CASES).where('uid', '==', uid).get();
    for (const doc of cases.docs) await this.db.recursiveDelete(doc.ref);
    // The user's head (case count, latest case; open()) goes with the cases.
    await this.applicantRef(uid).delete();
    logger.info('kyc_data_erased', { cases: cases.size });
    return cases.docs.map((doc) => doc.id);
  }

  /** Document id of a caller's Idempotency-Key: a hash, so neither the uid nor the key is readable from it. */
  idempotencyDocId(uid: string, key: string): string {
    return createHash('sha256').update(`POST /v1/me/kyc\n${uid}\n${key}`).digest('hex');
  }

  /** Stage the writes of `change` on an existing case (read as `current`) in `tx`. */
  private stage(tx: Transaction, current: KycCase, change: CaseChange, head: ApplicantHead = {}): KycCase {
    const now = new Date().toISOString();
    const ref = this.caseRef(current.id);
    const data: DocumentData = { ...toWrite(change.set), updatedAt: ts(now) };
    let next: KycCase = { ...current, ...change.set, updatedAt: now };
    for (const { to, attempt, meta } of change.transitions ?? []) {
      const from = next.status;
      // Defence in depth: the service plans with the state machine, and nothing illegal is ever written.
      if (!canTransition(from, to)) throw new Error(`illegal KYC transition ${from} → ${to} refused`);
      const version = next.version + 1;
      Object.assign(data, { status: to, attempt, version, statusChangedAt: ts(now) });
      next = { ...next, status: to, attempt, version, statusChangedAt: now };
      tx.create(ref.collection(EVENTS).doc(eventId(version)), eventToDoc({ from, to, attempt, by: meta.by, actor: meta.actor, reason: meta.reason, sourceEventId: meta.sourceEventId ?? null, at: now }));
      this.audit.record(tx, {
        actor: meta.actor,
        action: 'kyc.case.transition',
        target: { type: 'kycCase', id: current.id },
        before: { status: from, attempt: current.attempt },
        after: { status: to, attempt, reason: meta.reason, sourceEventId: meta.sourceEventId ?? null },
        requestId: meta.requestId,
      });
    }
    if (change.audit) {
      this.audit.record(tx, {
        actor: change.audit.actor,
        action: change.audit.action,
        target: { type: 'kycCase', id: current.id },
        after: change.audit.after,
        requestId: change.audit.requestId,
      });
    }
    tx.update(ref, data);
    if (change.transitions?.length) {
      // Only the user's latest case ever changes status (a new case needs the previous one
      // expired or canceled, which are final), so the head follows it with a blind write.
      tx.set(this.applicantRef(current.uid), { ...head, latest: { caseId: current.id, status: next.status, attempt: next.attempt } }, { merge: true });
    }
    return next;
  }

  private applicantRef(uid: string) {
    return this.db.collection(APPLICANTS).doc(uid);
  }

  /**
   * Read a case, let `decide` choose a change, apply it atomically. With
   * `dedupeEventId`, the provider event is also recorded in webhookEvents/{id}
   * in the same transaction (create(): a second delivery finds it and is a
   * duplicate), so an event is either fully applied and marked, or neither.
   */
  async mutate<T>(
    caseId: string,
    decide: (current: KycCase | undefined) => { change?: CaseChange; result: T },
    options: { dedupeEventId?: string; eventSummary?: Record<string, unknown> } = {},
  ): Promise<{ duplicate: true } | { duplicate: false; result: T; case?: KycCase }> {
    return this.db.runTransaction(async (tx) => {
      const marker = options.dedupeEventId ? this.db.collection(WEBHOOK_EVENTS).doc(options.dedupeEventId) : undefined;
      const [snapshot, seen] = await Promise.all([tx.get(this.caseRef(caseId)), marker ? tx.get(marker) : Promise.resolve(undefined)]);
      if (seen?.exists) return { duplicate: true as const };
      const current = snapshot.exists ? fromDoc(snapshot.id, snapshot.data() ?? {}) : undefined;
      const { change, result } = decide(current);
      let next = current;
      if (current && change) next = this.stage(tx, current, change);
      if (marker) tx.create(marker, { ...jsonCopy(options.eventSummary ?? {}), caseId, receivedAt: FieldValue.serverTimestamp() });
      return { duplicate: false as const, result, case: next };
    });
  }

  /**
   * Open a case for `uid` (or resubmit the latest one), atomically with the
   * Idempotency-Key record. `decide` sees the user's latest case and the
   * stored response for the key, and throws an AppError to refuse. Returns
   * `ownerMissing` (nothing written) when `decide` found no profile.
   *
   * Round trips on the common path: one batch read (profile, the user's head
   * kycApplicants/{uid}, the Idempotency-Key record) that starts the
   * transaction, and the commit. No query: the head says how many cases the
   * user has and the latest one's status and attempt, and every transition
   * updates it in its own transaction (stage()). Concurrency: a new case's id
   * is derived from the user and their case count, and the head is created
   * with create() or rewritten after being read in the transaction, so two
   * racing requests collide (ALREADY_EXISTS or a transaction conflict)
   * instead of opening two cases; the loser runs once more and then sees the
   * winner's case (or its stored response). A resubmission reads the case
   * itself as well (a second read). Users whose cases predate the head — or
   * whose head is incomplete — are served by querying their cases, and the
   * head is written then.
   */
  async open(
    uid: string,
    decide: (
      latest: LatestCase | undefined,
      stored: StoredIdempotentResponse | undefined,
      owner: OwnerState,
    ) => OpenDecision | { kind: 'replay'; response: StoredIdempotentResponse },
    idempotency?: { key: string; fingerprint: string; render: (created: KycCase) => { status: number; body: unknown } },
  ): Promise<{ case?: KycCase; replay?: StoredIdempotentResponse; ownerMissing?: true }> {
    for (let round = 0; ; round++) {
      try {
        return await this.openOnce(uid, decide, idempotency);
      } catch (error) {
        if (round === 0 && isAlreadyExists(error)) continue;
        throw error;
      }
    }
  }

  private async openOnce(
    uid: string,
    decide: Parameters<KycRepository['open']>[1],
    idempotency: Parameters<KycRepository['open']>[2],
  ): Promise<{ case?: KycCase; replay?: StoredIdempotentResponse; ownerMissing?: true }> {
    return this.db.runTransaction(async (tx) => {
      const keyRef = idempotency ? this.db.collection(IDEMPOTENCY).doc(this.idempotencyDocId(uid, idempotency.key)) : undefined;
      // The owner's profile is read in the transaction so a case can never be opened after the
      // erasure tombstone (DELETE /v1/me writes it first): either this transaction sees the
      // tombstone and refuses, or it commits first and the erasure then deletes the case.
      const ownerRef = this.owners.ref(uid);
      const headRef = this.applicantRef(uid);
      const [owner, headDoc, keyDoc] = keyRef ? await tx.getAll(ownerRef, headRef, keyRef) : await tx.getAll(ownerRef, headRef);
      const stored = keyDoc?.exists && (keyDoc.get('expiresAt') as Timestamp).toMillis() > Date.now() ? (keyDoc.data() as StoredIdempotentResponse) : undefined;
      const head = headDoc.exists ? (headDoc.data() as ApplicantHead) : undefined;
      let count: number;
      let latest: LatestCase | undefined;
      let scanned: KycCase[] | undefined;
      if (head?.cases !== undefined) {
        count = head.cases;
        latest = head.latest && { id: head.latest.caseId, status: head.latest.status, attempt: head.latest.attempt };
      } else if (!head && this.owners.neverHadKycCase(owner)) {
        // No head and the profile never saw a case: the user has none. (Were that wrong for data
        // written before heads existed, the new case's id — the user's first — would collide.)
        count = 0;
      } else {
        const cases = await tx.get(this.db.collection(CASES).where('uid', '==', uid));
        scanned = cases.docs.map((doc) => fromDoc(doc.id, doc.data())).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        count = scanned.length;
        latest = scanned.at(-1);
      }
      const decision = decide(latest, stored && { fingerprint: stored.fingerprint, status: stored.status, body: stored.body }, this.owners.stateOf(owner));
      if (decision.kind === 'replay') return { replay: decision.response };
      if (decision.kind === 'owner-missing') return { ownerMissing: true as const };
      let result: KycCase;
      if (decision.kind === 'resubmit') {
        const current = scanned?.find((c) => c.id === decision.caseId) ?? (await this.readInTransaction(tx, decision.caseId));
        if (!current || current.status !== latest?.status || current.attempt !== latest.attempt) {
          throw new Error(`KYC case ${decision.caseId} does not match the applicant's head`);
        }
        result = this.stage(tx, current, decision.change, { cases: count });
      } else {
        result = this.stageCreate(tx, uid, count + 1, decision.change);
        const next = { cases: count + 1, latest: { caseId: result.id, status: result.status, attempt: result.attempt } };
        if (headDoc.exists) tx.set(headRef, next);
        else tx.create(headRef, next);
      }
      if (keyRef && idempotency) {
        const response = idempotency.render(result);
        tx.set(keyRef, {
          scope: 'POST /v1/me/kyc',
          fingerprint: idempotency.fingerprint,
          status: response.status,
          body: jsonCopy(response.body),
          caseId: result.id,
          createdAt: FieldValue.serverTimestamp(),
          expiresAt: Timestamp.fromMillis(Date.now() + IDEMPOTENCY_TTL_MS),
        });
      }
      return { case: result };
    });
  }

  private async readInTransaction(tx: Transaction, caseId: string): Promise<KycCase | undefined> {
    const snapshot = await tx.get(this.caseRef(caseId));
    return snapshot.exists ? fromDoc(snapshot.id, snapshot.data() ?? {}) : undefined;
  }

  private stageCreate(tx: Transaction, uid: string, sequence: number, change: CaseChange & { set: { applicant: KycCase['applicant'] } }): KycCase {
    const id = `kc_${createHash('sha256').update(`kyc-case\n${uid}\n${sequence}`).digest('hex').slice(0, 24)}`;
    const now = new Date().toISOString();
    const transition = change.transitions?.[0];
    if (!transition || change.transitions?.length !== 1) throw new Error('a new case needs exactly its initial transition');
    const created: KycCase = {
      id,
      uid,
      status: transition.to,
      attempt: transition.attempt,
      applicant: change.set.applicant,
      provider: null,
      submission: null,
      review: null,
      lastProviderEvent: null,
      note: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
    };
    const ref = this.caseRef(id);
    tx.create(ref, caseToDoc(created));
    const { meta } = transition;
    tx.create(
      ref.collection(EVENTS).doc(eventId(1)),
      eventToDoc({ from: null, to: created.status, attempt: created.attempt, by: meta.by, actor: meta.actor, reason: meta.reason, sourceEventId: meta.sourceEventId ?? null, at: now }),
    );
    this.audit.record(tx, {
      actor: meta.actor,
      action: 'kyc.case.opened',
      target: { type: 'kycCase', id },
      // No uid: the entry's target is the case; the actor (the applicant) is pseudonymised on erasure.
      after: { status: created.status, attempt: created.attempt, applicant: change.set.applicant },
      requestId: meta.requestId,
    });
    return created;
  }
}
