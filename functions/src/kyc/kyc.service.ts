/**
 * Business rules of the KYC API: opening and resubmitting cases (one open case
 * per user, a maximum number of attempts, Idempotency-Key replay), the
 * applicant's view, the review queue and reviewers' decisions. No Express, no
 * Firestore types; refusals are AppErrors.
 */
import { createHash } from 'node:crypto';
import { logger } from 'firebase-functions/logger';
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../kernel/errors';
import type { Actor } from '../kernel/principal';
import type { KycSettings } from '../config';
import type { Applicant, KycCase, TransitionBy } from './kyc.model';
import type { KycRepository, LatestCase, OpenDecision, OwnerState, StoredIdempotentResponse } from './kyc.repository';
import { dateOfBirthProblem } from '../kernel/date-of-birth';
import type { KycAdminCase, KycAdminCaseDetail, KycCaseDetail, KycCaseView, KycDecision, KycSubmission } from './kyc.schemas';
import { planTransition, isOpen, type KycStatus } from './kyc.state';
import { adminCaseDetailView, adminCaseView, caseDetailView, caseView } from './kyc.views';
import { CursorDocumentIdSchema, decodeCursor, encodeCursor } from '../kernel/cursor';
import type { Page } from '../kernel/pages';

/** JSON with sorted keys, so key order in the client's body does not change the fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Position in the review queue: the last case's updatedAt (ISO, millisecond precision as stored) and id. */
const QUEUE_KEY = z.tuple([z.iso.datetime(), CursorDocumentIdSchema]);
const queueKey = (kycCase: KycCase): [string, string] => [kycCase.updatedAt, kycCase.id];

const DECISION_TARGET: Record<KycDecision['decision'], KycStatus> = {
  approve: 'approved',
  reject: 'rejected',
  request_resubmission: 'resubmission_required',
};

export interface SubmitInput {
  uid: string;
  submission: KycSubmission;
  idempotencyKey?: string;
  actor: Actor;
  requestId?: string;
  /**
   * Create the applicant's missing profile (first-call provisioning), called
   * only when the opening transaction found none: the profile must exist
   * before the case does, since the status trigger mirrors the case into it.
   */
  provisionOwner: () => Promise<unknown>;
}

export interface SubmitResult {
  status: number;
  body: KycCaseView;
  replayed: boolean;
}

/** Refuse a transition the state machine does not allow (logged; 409 for the caller). */
function illegalTransition(caseId: string, from: KycStatus, to: KycStatus, source: TransitionBy): ConflictError {
  logger.warn('kyc_transition_refused', { caseId, from, to, source });
  return new ConflictError('KYC_ILLEGAL_TRANSITION', `A case in status \`${from}\` cannot become \`${to}\`.`);
}

export class KycService {
  constructor(
    private readonly repo: () => KycRepository,
    private readonly settings: () => KycSettings,
  ) {}

  /** POST /v1/me/kyc: open a case, or resubmit the one that asks for it. */
  async submit(input: SubmitInput): Promise<SubmitResult> {
    const { uid, submission } = input;
    // The same rule as the profile's date of birth (kernel/date-of-birth.ts).
    const dobProblem = dateOfBirthProblem(submission.dateOfBirth);
    if (dobProblem) throw new ValidationError('The date of birth is not acceptable.', [{ path: 'dateOfBirth', message: dobProblem }]);
    const applicant: Applicant = submission;
    const maxAttempts = this.settings().maxAttempts;
    const fingerprint = createHash('sha256').update(`${uid}\n${canonical(submission)}`).digest('hex');
    const meta = { actor: input.actor, by: 'applicant' as const, reason: 'submitted by the applicant', requestId: input.requestId };

    const decide = (
      latest: LatestCase | undefined,
      stored: StoredIdempotentResponse | undefined,
      owner: OwnerState,
    ): OpenDecision | { kind: 'replay'; response: StoredIdempotentResponse } => {
      // Checked first, inside the transaction: an account being erased (or disabled) opens nothing, not even a replay.
      if (owner === 'deleted' || owner === 'disabled') {
        throw new ForbiddenError(`This account is ${owner}.`, owner === 'disabled' ? 'ACCOUNT_DISABLED' : 'ACCOUNT_DELETED');
      }
      if (owner === 'missing') return { kind: 'owner-missing' };
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request body.');
        }
        return { kind: 'replay', response: stored };
      }
      if (!latest || latest.status === 'expired' || latest.status === 'canceled') {
        return { kind: 'create', change: { set: { applicant }, transitions: [{ to: 'submitted', attempt: 1, meta }] } };
      }
      if (isOpen(latest.status)) throw new ConflictError('KYC_CASE_OPEN', 'Wait for the current case to be decided.');
      if (latest.status === 'approved') throw new ConflictError('KYC_ALREADY_APPROVED', 'Your identity is already verified.');
      if (latest.status === 'rejected') throw new ConflictError('KYC_REJECTED', 'No further attempt is possible; contact support.');
      const plan = planTransition({ from: latest.status, to: 'submitted', attempt: latest.attempt, maxAttempts });
      if (!plan.ok) {
        if (plan.reason === 'max_attempts_reached') {
          throw new ConflictError('KYC_MAX_ATTEMPTS', `All ${maxAttempts} attempts are used; contact support.`);
        }
        throw illegalTransition(latest.id, latest.status, 'submitted', 'applicant');
      }
      return {
        kind: 'resubmit',
        caseId: latest.id,
        change: {
          set: { applicant, review: null, provider: null, submission: null, note: null },
          transitions: [{ to: 'submitted', attempt: plan.attempt, meta: { ...meta, reason: 'resubmitted by the applicant' } }],
        },
      };
    };

    const idempotency = input.idempotencyKey
      ? { key: input.idempotencyKey, fingerprint, render: (created: KycCase) => ({ status: 201, body: caseView(created, maxAttempts) }) }
      : undefined;
    // The transaction's own profile read is the provisioning check (no read beforehand): a
    // missing profile is created and the transaction run once more.
    let outcome = await this.repo().open(uid, decide, idempotency);
    if (outcome.ownerMissing) {
      await input.provisionOwner();
      outcome = await this.repo().open(uid, decide, idempotency);
    }
    // Still none after provisioning: the profile was removed outright in between; open nothing.
    if (outcome.ownerMissing) throw new ForbiddenError('This account is deleted.', 'ACCOUNT_DELETED');
    if (outcome.replay) return { status: outcome.replay.status, body: outcome.replay.body as KycCaseView, replayed: true };
    const opened = outcome.case as KycCase;
    logger.info('kyc_case_submitted', { caseId: opened.id, attempt: opened.attempt, requestId: input.requestId });
    return { status: 201, body: caseView(opened, maxAttempts), replayed: false };
  }

  /** GET /v1/me/kyc: the caller's latest case with its history. */
  async current(uid: string): Promise<KycCaseDetail> {
    const latest = await this.repo().latestForUser(uid);
    if (!latest) throw new NotFoundError('You have no KYC case yet; open one with POST /v1/me/kyc.', 'KYC_CASE_NOT_FOUND');
    const events = await this.repo().events(latest.id);
    return caseDetailView(latest, events, this.settings().maxAttempts);
  }

  /** GET /v1/admin/kyc: one page of the review queue. */
  async queue(query: { status?: KycStatus; limit: number; cursor?: string }): Promise<Page<KycAdminCase>> {
    // Bound to the status filter: a cursor of another status would resume at a meaningless position.
    const scope = { listing: 'kyc-queue', filters: { status: query.status } };
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, scope, QUEUE_KEY);
    const page = await this.repo().list({ status: query.status, limit: query.limit + 1, after });
    const items = page.slice(0, query.limit);
    const maxAttempts = this.settings().maxAttempts;
    return { items: items.map((item) => adminCaseView(item, maxAttempts)), nextCursor: page.length > query.limit ? encodeCursor(scope, queueKey(items[items.length - 1])) : null };
  }

  /** GET /v1/admin/kyc/{caseId}: one case with its event log, for staff. */
  async caseForStaff(caseId: string): Promise<KycAdminCaseDetail> {
    // The case and its events in parallel: an absent case has no events, so nothing is wasted but one empty query.
    const [kycCase, events] = await Promise.all([this.repo().get(caseId), this.repo().events(caseId)]);
    if (!kycCase) throw new NotFoundError('No such KYC case.', 'KYC_CASE_NOT_FOUND');
    return adminCaseDetailView(kycCase, events, this.settings().maxAttempts);
  }

  /** POST /v1/admin/kyc/{caseId}/decision: a reviewer's manual decision. */
  async decide(caseId: string, decision: KycDecision, actor: Actor, requestId?: string): Promise<KycAdminCase> {
    const to = DECISION_TARGET[decision.decision];
    const outcome = await this.repo().mutate(caseId, (current) => {
      if (!current) throw new NotFoundError('No such KYC case.', 'KYC_CASE_NOT_FOUND');
      const plan = planTransition({ from: current.status, to, attempt: current.attempt, maxAttempts: this.settings().maxAttempts });
      if (!plan.ok) throw illegalTransition(current.id, current.status, to, 'reviewer');
      return {
        result: undefined,
        change: {
          set: {
            review: {
              source: 'reviewer',
              answer: to === 'approved' ? 'GREEN' : 'RED',
              rejectType: to === 'rejected' ? 'FINAL' : to === 'resubmission_required' ? 'RETRY' : null,
              labels: ['MANUAL_REVIEW'],
              userMessage: decision.reason,
              decidedAt: new Date().toISOString(),
            },
          },
          transitions: [{ to, attempt: plan.attempt, meta: { actor, by: 'reviewer', reason: `manual decision: ${decision.reason}`, requestId } }],
        },
      };
    });
    if (outcome.duplicate || !outcome.case) throw new NotFoundError('No such KYC case.', 'KYC_CASE_NOT_FOUND');
    logger.info('kyc_case_decided', { caseId, decision: decision.decision, reviewer: actor.id, requestId });
    return adminCaseView(outcome.case, this.settings().maxAttempts);
  }
}
