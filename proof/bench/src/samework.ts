/**
 * The second baseline: a bare Express app (like baseline.ts: verifyIdToken
 * with checkRevoked, no middleware) whose routes do the same Firestore work as
 * the app's, so app / same-work separates our framework's overhead (request
 * id, helmet, CORS, rate limiter, validation, mapping, problem+json) from the
 * work the feature needs. Writes go to collections of its own (prefix
 * benchSameWork), so the app's state checks never see them.
 *
 *   GET   /v1/me           verify + get users/{uid}                         (as the bare baseline)
 *   PATCH /v1/me           verify + transaction: get the profile copy, then commit
 *                          its update (version + 1) with one audit entry
 *   GET   /v1/admin/users  verify + admin claim + the listing query         (as the bare baseline)
 *   POST  /v1/me/kyc       verify + transaction: one batch read (profile, applicant head,
 *                          Idempotency-Key record), then one commit (case, its first event,
 *                          audit entry, head, Idempotency-Key record) — KycRepository.open's path
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { bareApp, mountBaselineReads } from './baseline';

export const SAME_WORK_PREFIX = 'benchSameWork';
const col = (name: string): string => `${SAME_WORK_PREFIX}_${name}`;
/** Where the same-work KYC route writes its cases (counted by the scenario's check). */
export const SAME_WORK_KYC_CASES = col('kycCases');

export function createSameWork(): Express {
  const bare = bareApp();
  const { app, db, route } = bare;
  mountBaselineReads(bare);
  const audit = (target: { type: string; id: string }, actor: string, action: string) => ({
    at: FieldValue.serverTimestamp(),
    actor: { type: 'user', id: actor },
    action,
    target,
    before: null,
    after: null,
    requestId: null,
  });

  app.patch(
    '/v1/me',
    route(async (req, res, user) => {
      const displayName = String((req.body as { displayName?: unknown }).displayName ?? '');
      const ref = db.collection(col('users')).doc(user.uid);
      await db.runTransaction(async (tx) => {
        const snapshot = await tx.get(ref);
        const version = Number(snapshot.get('version') ?? 0) + 1;
        tx.set(ref, { displayName, version, updatedAt: FieldValue.serverTimestamp() }, { merge: true });
        tx.create(db.collection(col('auditLogs')).doc(), audit({ type: 'user', id: user.uid }, user.uid, 'user.profile.updated'));
      });
      res.json({ uid: user.uid, displayName });
    }),
  );

  app.post(
    '/v1/me/kyc',
    route(async (req, res, user) => {
      const key = req.get('idempotency-key') ?? randomUUID();
      const ownerRef = db.collection('users').doc(user.uid);
      const headRef = db.collection(col('kycApplicants')).doc(user.uid);
      const keyRef = db.collection(col('idempotencyKeys')).doc(createHash('sha256').update(`${user.uid}\n${key}`).digest('hex'));
      const id = await db.runTransaction(async (tx) => {
        const [owner, head] = await tx.getAll(ownerRef, headRef, keyRef);
        if (!owner.exists) throw new Error('no profile');
        const cases = Number(head.get('cases') ?? 0);
        const caseId = `kc_${createHash('sha256').update(`${user.uid}\n${cases + 1}`).digest('hex').slice(0, 24)}`;
        const caseRef = db.collection(SAME_WORK_KYC_CASES).doc(caseId);
        const now = Timestamp.now();
        tx.create(caseRef, { uid: user.uid, status: 'submitted', attempt: 1, applicant: req.body as unknown, version: 1, createdAt: now, updatedAt: now });
        tx.create(caseRef.collection('events').doc('00000001'), { from: null, to: 'submitted', attempt: 1, at: now });
        tx.create(db.collection(col('auditLogs')).doc(), audit({ type: 'kycCase', id: caseId }, user.uid, 'kyc.case.opened'));
        tx.set(headRef, { cases: cases + 1, latest: { caseId, status: 'submitted', attempt: 1 } });
        tx.set(keyRef, { status: 201, body: { id: caseId }, expiresAt: Timestamp.fromMillis(Date.now() + 86_400_000) });
        return caseId;
      });
      res.status(201).json({ id, status: 'submitted' });
    }),
  );

  return app;
}
