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
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { Timestamp } from 'firebase-admin/firestore';
import { bareApp } from './baseline';
import { applicantHead, caseIdOf, caseOpenedAudit, firstEvent, idempotencyDocId, idempotencyRecord, openedBody, openedCase } from './kyc-documents';

export const KYC_FLOOR_VARIANTS = ['fewer-docs', 'one-commit'] as const;
export type KycFloorVariant = (typeof KYC_FLOOR_VARIANTS)[number];

/** A server whose POST /v1/me/kyc does `variant`'s Firestore work (documents from kyc-documents.ts). */
export function createKycFloor(variant: KycFloorVariant): Express {
  const { app, db, route } = bareApp();
  const col = (name: string): string => `benchFloor_${variant}_${name}`;

  app.post(
    '/v1/me/kyc',
    route(async (req, res, user) => {
      const key = req.get('idempotency-key') ?? randomUUID();
      const ownerRef = db.collection('users').doc(user.uid);
      const headRef = db.collection(col('kycApplicants')).doc(user.uid);
      const now = Timestamp.now();
      let body: ReturnType<typeof openedBody>;
      if (variant === 'fewer-docs') {
        body = await db.runTransaction(async (tx) => {
          const [owner, head] = await tx.getAll(ownerRef, headRef);
          if (!owner.exists) throw new Error('no profile');
          const cases = Number(head.get('cases') ?? 0);
          const caseId = caseIdOf(user.uid, cases + 1);
          const opened = openedBody(caseId, now);
          tx.create(db.collection(col('kycCases')).doc(caseId), { ...openedCase(req, user.uid, now), events: [firstEvent(user.uid, now)] });
          tx.create(db.collection(col('auditLogs')).doc(), caseOpenedAudit(req, user.uid, caseId));
          tx.set(headRef, { ...applicantHead(cases + 1, caseId), lastKey: { id: idempotencyDocId(user.uid, key), ...idempotencyRecord(caseId, key, opened) } });
          return opened;
        });
      } else {
        const caseId = caseIdOf(user.uid, 1);
        const caseRef = db.collection(col('kycCases')).doc(caseId);
        body = openedBody(caseId, now);
        const batch = db.batch();
        batch.update(ownerRef, { kycLatest: { caseId, status: body.status } });
        batch.create(headRef, applicantHead(1, caseId));
        batch.create(caseRef, openedCase(req, user.uid, now));
        batch.create(caseRef.collection('events').doc('000001'), firstEvent(user.uid, now));
        batch.create(db.collection(col('auditLogs')).doc(), caseOpenedAudit(req, user.uid, caseId));
        batch.create(db.collection(col('idempotencyKeys')).doc(idempotencyDocId(user.uid, key)), idempotencyRecord(caseId, key, body));
        await batch.commit();
      }
      res.status(201).json(body);
    }),
  );
  return app;
}
