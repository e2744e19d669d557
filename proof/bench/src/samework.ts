/**
 * The second baseline: a bare Express app (like baseline.ts: verifyIdToken
 * with checkRevoked, no middleware) whose routes do the same Firestore work as
 * the app's, so app / same-work separates our framework's overhead (request
 * id, helmet, CORS, rate limiter, validation, mapping, problem+json) from the
 * work the feature needs. Writes go to collections of its own (prefix
 * benchSameWork), so the app's state checks never see them.
 *
 * The documents have the app's shape (same fields, same nesting, PII
 * replaced by the same marker in audit entries; the KYC ones from
 * kyc-documents.ts), built from the request and the read: the Firestore
 * client's cost of a write and the emulator's grow with the document, and
 * that is the feature's work, not framework overhead. For the same reason
 * each route answers with the body the contract gives (the updated profile,
 * the opened case), not a stub. What the app does besides — validating,
 * fingerprinting, mapping, redacting — the baseline skips.
 *
 *   GET   /v1/me           verify + get users/{uid}                         (as the bare baseline)
 *   PATCH /v1/me           verify + transaction: get the caller's profile copy (seeded as users/), then commit
 *                          its update (version + 1) with one audit entry
 *   GET   /v1/admin/users  verify + admin claim + the listing query         (as the bare baseline)
 *   POST  /v1/me/kyc       verify + transaction: one batch read (profile, applicant head,
 *                          Idempotency-Key record), then one commit (case, its first event,
 *                          audit entry, head, Idempotency-Key record) — KycRepository.open's path
 */
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { Timestamp } from 'firebase-admin/firestore';
import { bareApp, mountBaselineReads } from './baseline';
import { applicantHead, auditEntry, caseIdOf, caseOpenedAudit, firstEvent, idempotencyDocId, idempotencyRecord, openedBody, openedCase, REDACTED } from './kyc-documents';

export const SAME_WORK_PREFIX = 'benchSameWork';
const col = (name: string): string => `${SAME_WORK_PREFIX}_${name}`;
/** The profile copies the same-work PATCH updates (seeded like users/ for the GET/PATCH callers). */
export const SAME_WORK_PROFILES = col('users');
/** Where the same-work KYC route writes its cases (counted by the scenario's check). */
export const SAME_WORK_KYC_CASES = col('kycCases');

export function createSameWork(): Express {
  const bare = bareApp();
  const { app, db, route } = bare;
  mountBaselineReads(bare);
  /** A profile as the app's audit entries hold it: no identity or bookkeeping fields, PII masked. */
  const profileView = (data: Record<string, unknown>, changes: Record<string, unknown>) => {
    const view: Record<string, unknown> = {};
    for (const [key, value] of Object.entries({ ...data, ...changes })) {
      if (['uid', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedBy'].includes(key)) continue;
      view[key] = ['email', 'displayName', 'phoneNumber', 'dateOfBirth', 'address'].includes(key) && value !== null && value !== undefined ? REDACTED : value instanceof Timestamp ? value.toDate().toISOString() : value;
    }
    return view;
  };

  app.patch(
    '/v1/me',
    route(async (req, res, user) => {
      const displayName = String((req.body as { displayName?: unknown }).displayName ?? '');
      const ref = db.collection(SAME_WORK_PROFILES).doc(user.uid);
      const updated = await db.runTransaction(async (tx) => {
        const snapshot = await tx.get(ref);
        const data = snapshot.data() ?? {};
        const version = Number(data.version ?? 0) + 1;
        const now = Timestamp.now();
        tx.set(ref, { displayName, version, updatedAt: now, updatedBy: user.uid }, { merge: true });
        tx.create(
          db.collection(col('auditLogs')).doc(),
          auditEntry(req, user.uid, 'user.profile.updated', { type: 'user', id: user.uid }, profileView(data, {}), profileView(data, { displayName, version })),
        );
        return { ...data, displayName, version, updatedAt: now, updatedBy: user.uid };
      });
      // The contract answers with the updated profile, as the app does (timestamps as ISO strings).
      res.json(Object.fromEntries(Object.entries({ uid: user.uid, ...updated }).map(([key, value]) => [key, value instanceof Timestamp ? value.toDate().toISOString() : value])));
    }),
  );

  app.post(
    '/v1/me/kyc',
    route(async (req, res, user) => {
      const key = req.get('idempotency-key') ?? randomUUID();
      const ownerRef = db.collection('users').doc(user.uid);
      const headRef = db.collection(col('kycApplicants')).doc(user.uid);
      const keyRef = db.collection(col('idempotencyKeys')).doc(idempotencyDocId(user.uid, key));
      const created = await db.runTransaction(async (tx) => {
        const [owner, head] = await tx.getAll(ownerRef, headRef, keyRef);
        if (!owner.exists) throw new Error('no profile');
        const cases = Number(head.get('cases') ?? 0);
        const caseId = caseIdOf(user.uid, cases + 1);
        const caseRef = db.collection(SAME_WORK_KYC_CASES).doc(caseId);
        const now = Timestamp.now();
        tx.create(caseRef, openedCase(req, user.uid, now));
        tx.create(caseRef.collection('events').doc('000001'), firstEvent(user.uid, now));
        tx.create(db.collection(col('auditLogs')).doc(), caseOpenedAudit(req, user.uid, caseId));
        tx.set(headRef, applicantHead(cases + 1, caseId));
        const body = openedBody(caseId, now);
        tx.set(keyRef, idempotencyRecord(caseId, key, body));
        return body;
      });
      // The contract answers with the case, as the app does (the body the key record stores).
      res.status(201).json(created);
    }),
  );

  return app;
}
