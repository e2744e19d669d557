/**
 * Conversion between kycCases documents and the plain KYC model: the one
 * place where Timestamps become ISO-8601 strings and back. Used only by
 * kyc.repository.ts.
 */
import type { DocumentData, Timestamp } from 'firebase-admin/firestore';
import { jsonCopy } from '../kernel/json-copy';
import { isoOf, timestampOf } from '../kernel/time';
import { isKycStatus, type KycStatus } from './kyc.state';
import type { CaseChange, KycCase, KycEventRecord, TransitionBy } from './kyc.model';

/** Timestamp → ISO string (epoch for a missing value, which only malformed documents have). */
export const iso = (value: unknown): string => isoOf(value) ?? new Date(0).toISOString();
/** ISO string → Timestamp. */
export const ts = (value: string): Timestamp => timestampOf(value);
/** Event id of the transition that produced `version`: zero-padded, so ids sort chronologically. */
export const eventId = (version: number): string => String(version).padStart(6, '0');


/** A kycCases document as a plain case. */
export function fromDoc(id: string, data: DocumentData): KycCase {
  const submission = data.submission as (Omit<KycCase['submission'] & object, 'requestedAt'> & { requestedAt: Timestamp }) | null | undefined;
  const review = data.review as (Omit<KycCase['review'] & object, 'decidedAt'> & { decidedAt: Timestamp }) | null | undefined;
  const mark = data.lastProviderEvent as { id: string; createdAt: Timestamp } | null | undefined;
  return {
    id,
    uid: String(data.uid),
    status: isKycStatus(data.status) ? data.status : 'canceled',
    attempt: Number(data.attempt ?? 1),
    applicant: data.applicant as KycCase['applicant'],
    provider: (data.provider as KycCase['provider']) ?? null,
    submission: submission ? { ...submission, requestedAt: iso(submission.requestedAt) } : null,
    review: review ? { ...review, decidedAt: iso(review.decidedAt) } : null,
    lastProviderEvent: mark ? { id: mark.id, createdAt: iso(mark.createdAt) } : null,
    note: (data.note as string | null | undefined) ?? null,
    version: Number(data.version ?? 0),
    createdAt: iso(data.createdAt),
    updatedAt: iso(data.updatedAt),
    statusChangedAt: iso(data.statusChangedAt),
  };
}

/** An events document as a plain record. */
export function eventFromDoc(id: string, data: DocumentData): KycEventRecord {
  return {
    id,
    from: isKycStatus(data.from) ? data.from : null,
    to: data.to as KycStatus,
    attempt: Number(data.attempt ?? 1),
    by: data.by as TransitionBy,
    actor: data.actor as KycEventRecord['actor'],
    reason: String(data.reason ?? ''),
    sourceEventId: (data.sourceEventId as string | null | undefined) ?? null,
    at: iso(data.at),
  };
}

/** Case fields with Timestamps in place of ISO strings, ready to write. */
export function toWrite(fields: CaseChange['set'] = {}): DocumentData {
  const out: DocumentData = jsonCopy(fields);
  if (fields.submission) out.submission = { ...jsonCopy(fields.submission), requestedAt: ts(fields.submission.requestedAt) };
  if (fields.review) out.review = { ...jsonCopy(fields.review), decidedAt: ts(fields.review.decidedAt) };
  if (fields.lastProviderEvent) out.lastProviderEvent = { id: fields.lastProviderEvent.id, createdAt: ts(fields.lastProviderEvent.createdAt) };
  return out;
}

/**
 * A whole case as its kycCases document (the id is the document's). The
 * repository writes new cases (and imported histories: the seed, the test
 * fixtures) through this, so every case has exactly the stored shape.
 */
export function caseToDoc(kycCase: Omit<KycCase, 'id'>): DocumentData {
  return {
    ...toWrite({
      applicant: kycCase.applicant,
      provider: kycCase.provider,
      submission: kycCase.submission,
      review: kycCase.review,
      lastProviderEvent: kycCase.lastProviderEvent,
      note: kycCase.note,
    }),
    uid: kycCase.uid,
    status: kycCase.status,
    attempt: kycCase.attempt,
    version: kycCase.version,
    createdAt: ts(kycCase.createdAt),
    updatedAt: ts(kycCase.updatedAt),
    statusChangedAt: ts(kycCase.statusChangedAt),
  };
}

/** A transition record as its events/{eventId} document (the id is eventId(version)). */
export function eventToDoc(event: Omit<KycEventRecord, 'id'>): DocumentData {
  return {
    from: event.from,
    to: event.to,
    attempt: event.attempt,
    by: event.by,
    actor: { type: event.actor.type, id: event.actor.id },
    reason: event.reason,
    sourceEventId: event.sourceEventId,
    at: ts(event.at),
  };
}
