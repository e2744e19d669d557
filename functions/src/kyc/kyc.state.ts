/**
 * The KYC case state machine: the one place that says which status changes
 * are legal. Pure functions only (no I/O, no clock), so every legal and
 * illegal pair is unit-tested and every writer (API, webhook, trigger, sweep)
 * asks the same question before it applies a change.
 *
 *   submitted → in_review ⇄ on_hold → approved | resubmission_required | rejected
 *   resubmission_required → submitted            (attempt + 1, up to a maximum)
 *   submitted | in_review → expired              (time limit, by the sweep)
 *   any open state → canceled
 *   approved → rejected                          (late negative provider result)
 */

/** Every status a case can have. */
export const KYC_STATUSES = [
  'submitted',
  'in_review',
  'on_hold',
  'approved',
  'resubmission_required',
  'rejected',
  'expired',
  'canceled',
] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

/** Statuses in which the case is still being worked on (a new case may not be opened). */
export const OPEN_STATUSES: readonly KycStatus[] = ['submitted', 'in_review', 'on_hold'];

const LEGAL: Readonly<Record<KycStatus, readonly KycStatus[]>> = {
  submitted: ['in_review', 'expired', 'canceled'],
  in_review: ['on_hold', 'approved', 'resubmission_required', 'rejected', 'expired', 'canceled'],
  on_hold: ['in_review', 'approved', 'resubmission_required', 'rejected', 'canceled'],
  approved: ['rejected'],
  resubmission_required: ['submitted'],
  rejected: [],
  expired: [],
  canceled: [],
};

/** True for any known status string. */
export function isKycStatus(value: unknown): value is KycStatus {
  return typeof value === 'string' && (KYC_STATUSES as readonly string[]).includes(value);
}

/** True while the case is still being worked on. */
export function isOpen(status: KycStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Whether `from → to` is a legal transition (a status never "changes" to itself). */
export function canTransition(from: KycStatus, to: KycStatus): boolean {
  return LEGAL[from].includes(to);
}

/** What a transition asks for: where the case is, where it should go, and on which attempt. */
export interface TransitionRequest {
  from: KycStatus;
  to: KycStatus;
  attempt: number;
  maxAttempts: number;
}

/** The outcome of planning a transition. */
export type TransitionPlan =
  | { ok: true; from: KycStatus; to: KycStatus; attempt: number }
  | { ok: false; reason: 'illegal_transition' | 'max_attempts_reached'; from: KycStatus; to: KycStatus };

/**
 * Plan a transition: legal pairs only, and a resubmission (resubmission_required
 * → submitted) starts the next attempt unless the maximum is reached. The
 * resulting `attempt` is what the case holds after the change.
 */
export function planTransition(request: TransitionRequest): TransitionPlan {
  const { from, to, attempt, maxAttempts } = request;
  if (!canTransition(from, to)) return { ok: false, reason: 'illegal_transition', from, to };
  if (from === 'resubmission_required' && to === 'submitted') {
    if (attempt >= maxAttempts) return { ok: false, reason: 'max_attempts_reached', from, to };
    return { ok: true, from, to, attempt: attempt + 1 };
  }
  return { ok: true, from, to, attempt };
}

/** What the user should do next, shown by GET /v1/me/kyc. */
export type NextAction = 'wait' | 'resubmit' | 'contact_support' | 'none';

/**
 * The user's next step. Expired and canceled cases can be replaced by a new
 * submission, so they also say `resubmit`.
 */
export function nextActionFor(status: KycStatus, attempt: number, maxAttempts: number): NextAction {
  switch (status) {
    case 'submitted':
    case 'in_review':
    case 'on_hold':
      return 'wait';
    case 'resubmission_required':
      return attempt < maxAttempts ? 'resubmit' : 'contact_support';
    case 'expired':
    case 'canceled':
      return 'resubmit';
    case 'rejected':
      return 'contact_support';
    case 'approved':
      return 'none';
  }
}
