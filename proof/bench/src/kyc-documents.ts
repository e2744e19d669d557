/**
 * The documents POST /v1/me/kyc writes when it opens a case, in the app's
 * shape (same fields and nesting as KycRepository writes them; the applicant
 * masked in the audit entry), for the baselines that do the route's Firestore
 * work without the app: the same-work baseline (samework.ts) and the floors of
 * other data models (kyc-floors.app.ts). One module, so every floor writes the
 * same bytes and differs only in how many documents and round trips.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';

const IDEMPOTENCY_TTL_MS = 86_400_000;
export const REDACTED = '[REDACTED]';
const OPENED = { status: 'submitted', attempt: 1 } as const;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The id of the user's `sequence`-th case (the app derives it from the user and their case count). */
export const caseIdOf = (uid: string, sequence: number): string => `kc_${sha256(`${uid}\n${sequence}`).slice(0, 24)}`;

/** The Idempotency-Key record's id: per user and key. */
export const idempotencyDocId = (uid: string, key: string): string => sha256(`${uid}\n${key}`);

/** The app's actor of an audit entry: who, from where. */
export const actorOf = (req: Request, uid: string) => ({ type: 'user', id: uid, ip: req.ip, userAgent: req.get('user-agent') ?? 'bench' });

/** An audit entry as AuditRepository.record writes it. */
export const auditEntry = (req: Request, uid: string, action: string, target: { type: string; id: string }, before: unknown, after: unknown) => ({
  at: FieldValue.serverTimestamp(),
  actor: actorOf(req, uid),
  action,
  target,
  before,
  after,
  requestId: randomUUID(),
});

/** kycCases/{id} of a newly opened case. */
export const openedCase = (req: Request, uid: string, now: Timestamp) => ({
  applicant: req.body as unknown,
  provider: null,
  submission: null,
  review: null,
  lastProviderEvent: null,
  note: null,
  uid,
  ...OPENED,
  version: 1,
  createdAt: now,
  updatedAt: now,
  statusChangedAt: now,
});

/** kycCases/{id}/events/000001: the case's first transition. */
export const firstEvent = (uid: string, now: Timestamp) => ({ from: null, to: OPENED.status, attempt: OPENED.attempt, by: 'applicant', actor: { type: 'user', id: uid }, reason: 'submitted by the applicant', sourceEventId: null, at: now });

/** The audit entry of an opened case. */
export const caseOpenedAudit = (req: Request, uid: string, caseId: string) => auditEntry(req, uid, 'kyc.case.opened', { type: 'kycCase', id: caseId }, null, { ...OPENED, applicant: REDACTED });

/** kycApplicants/{uid}: the user's case count and latest case. */
export const applicantHead = (cases: number, caseId: string) => ({ cases, latest: { caseId, ...OPENED } });

/** The 201 body of an opened case, as the contract gives it. */
export const openedBody = (caseId: string, now: Timestamp) => {
  const iso = now.toDate().toISOString();
  return { id: caseId, ...OPENED, maxAttempts: 3, nextAction: 'wait', message: null, labels: [], createdAt: iso, updatedAt: iso, statusChangedAt: iso };
};

/** The Idempotency-Key record: the stored response to replay. */
export const idempotencyRecord = (caseId: string, key: string, body: unknown) => ({
  scope: 'POST /v1/me/kyc',
  fingerprint: key.padEnd(64, '0'),
  status: 201,
  body,
  caseId,
  createdAt: FieldValue.serverTimestamp(),
  expiresAt: Timestamp.fromMillis(Date.now() + IDEMPOTENCY_TTL_MS),
});
