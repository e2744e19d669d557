/**
 * What POST /v1/me/kyc could cost under other data models — servers for
 * kyc-floors.ts, the measurement behind #16's question whether "≥ 60 % of
 * bare" is reachable. Like samework.ts these do only the Firestore work (no
 * validation, no mapping, no middleware) with documents of the app's shape;
 * they are floors of designs we do NOT have, to price a data-model decision:
 *
 *   fewer-docs  today's two round trips (batch read: profile and applicant
 *               head; one commit), but 3 documents written instead of 5: the
 *               first event kept in the case document instead of events/, and
 *               the Idempotency-Key's stored response kept in the head instead
 *               of its own record (so only the latest key of a user replays).
 *   one-commit  one round trip: a blind commit whose preconditions stand in
 *               for the read (head and Idempotency-Key record created with
 *               create(), the profile updated, which fails if it is missing).
 *               Valid only for a user's first submission (a returning user's
 *               head exists: the commit fails and the two-trip path runs), and
 *               it loses what the read gives today: the erasure tombstone
 *               check and a replay without a failed commit first.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Express, Request } from 'express';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { bareApp } from './baseline';

export const KYC_FLOOR_VARIANTS = ['fewer-docs', 'one-commit'] as const;
export type KycFloorVariant = (typeof KYC_FLOOR_VARIANTS)[number];

const IDEMPOTENCY_TTL_MS = 86_400_000;
const REDACTED = '[REDACTED]';

export function createKycFloor(variant: KycFloorVariant): Express {
  const { app, db, route } = bareApp();
  const col = (name: string): string => `benchFloor_${variant}_${name}`;
  const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
  const caseIdOf = (uid: string, sequence: number): string => `kc_${sha(`${uid}\n${sequence}`).slice(0, 24)}`;
  const caseDoc = (req: Request, uid: string, now: Timestamp) => ({
    applicant: req.body as unknown,
    provider: null,
    submission: null,
    review: null,
    lastProviderEvent: null,
    note: null,
    uid,
    status: 'submitted',
    attempt: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
    statusChangedAt: now,
  });
  const firstEvent = (uid: string, now: Timestamp) => ({ from: null, to: 'submitted', attempt: 1, by: 'applicant', actor: { type: 'user', id: uid }, reason: 'submitted by the applicant', sourceEventId: null, at: now });
  const auditEntry = (req: Request, uid: string, caseId: string) => ({
    at: FieldValue.serverTimestamp(),
    actor: { type: 'user', id: uid, ip: req.ip, userAgent: req.get('user-agent') ?? 'bench' },
    action: 'kyc.case.opened',
    target: { type: 'kycCase', id: caseId },
    before: null,
    after: { status: 'submitted', attempt: 1, applicant: REDACTED },
    requestId: randomUUID(),
  });
  const storedResponse = (caseId: string, now: Timestamp, key: string) => {
    const iso = now.toDate().toISOString();
    const body = { id: caseId, status: 'submitted', attempt: 1, maxAttempts: 3, nextAction: 'wait', message: null, labels: [], createdAt: iso, updatedAt: iso, statusChangedAt: iso };
    return { scope: 'POST /v1/me/kyc', fingerprint: key.padEnd(64, '0'), status: 201, body, caseId, createdAt: FieldValue.serverTimestamp(), expiresAt: Timestamp.fromMillis(Date.now() + IDEMPOTENCY_TTL_MS) };
  };

  app.post(
    '/v1/me/kyc',
    route(async (req, res, user) => {
      const key = req.get('idempotency-key') ?? randomUUID();
      const ownerRef = db.collection('users').doc(user.uid);
      const headRef = db.collection(col('kycApplicants')).doc(user.uid);
      const now = Timestamp.now();
      let caseId: string;
      if (variant === 'fewer-docs') {
        caseId = await db.runTransaction(async (tx) => {
          const [owner, head] = await tx.getAll(ownerRef, headRef);
          if (!owner.exists) throw new Error('no profile');
          const cases = Number(head.get('cases') ?? 0);
          const id = caseIdOf(user.uid, cases + 1);
          tx.create(db.collection(col('kycCases')).doc(id), { ...caseDoc(req, user.uid, now), events: [firstEvent(user.uid, now)] });
          tx.create(db.collection(col('auditLogs')).doc(), auditEntry(req, user.uid, id));
          tx.set(headRef, { cases: cases + 1, latest: { caseId: id, status: 'submitted', attempt: 1 }, lastKey: { id: sha(`${user.uid}\n${key}`), ...storedResponse(id, now, key) } });
          return id;
        });
      } else {
        caseId = caseIdOf(user.uid, 1);
        const caseRef = db.collection(col('kycCases')).doc(caseId);
        const batch = db.batch();
        batch.update(ownerRef, { kycLatest: { caseId, status: 'submitted' } });
        batch.create(headRef, { cases: 1, latest: { caseId, status: 'submitted', attempt: 1 } });
        batch.create(caseRef, caseDoc(req, user.uid, now));
        batch.create(caseRef.collection('events').doc('000001'), firstEvent(user.uid, now));
        batch.create(db.collection(col('auditLogs')).doc(), auditEntry(req, user.uid, caseId));
        batch.create(db.collection(col('idempotencyKeys')).doc(sha(`${user.uid}\n${key}`)), storedResponse(caseId, now, key));
        await batch.commit();
      }
      res.status(201).json({ id: caseId, status: 'submitted' });
    }),
  );
  return app;
}
