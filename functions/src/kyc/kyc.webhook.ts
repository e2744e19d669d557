/**
 * POST /v1/webhooks/kyc: the provider's signed callback. No user
 * authentication: the HMAC signature over the raw body is the credential
 * (401 INVALID_SIGNATURE otherwise, with the reason logged, not sent). A
 * verified event is applied through kyc.provider-events.ts and acknowledged
 * with 200 whatever its outcome (applied, duplicate, stale, ignored), so the
 * provider never retries an event we have decided about. Only a failure to
 * record it (5xx) makes the provider retry.
 */
import { logger } from 'firebase-functions/logger';
import { UnauthenticatedError, ValidationError } from '../kernel/errors';
import { toFieldErrors } from '../kernel/field-errors';
import { applyProviderEvent } from './kyc.provider-events';
import type { KycRepository } from './kyc.repository';
import { KycWebhookEventSchema, type KycWebhookAck } from './kyc.schemas';
import { verifyWebhookSignature } from './kyc.signature';

/** One delivery as it arrived: the raw bytes are what the signature covers. */
export interface WebhookDelivery {
  signature: string | undefined;
  /** The exact bytes received (undefined when the runtime kept none). */
  rawBody: Buffer | undefined;
  /** The parsed JSON body, validated only once the signature holds. */
  body: unknown;
  requestId?: string;
  /** The provider's X-Event-Id header, for the log only. */
  eventIdHeader?: string;
}

export class KycWebhookService {
  constructor(
    private readonly cases: () => KycRepository,
    /** Accepted secrets (one, or two during a rotation); read at request time like every param. */
    private readonly secrets: () => string[],
  ) {}

  /** Verify, validate and apply one delivery; throws 401 INVALID_SIGNATURE or 400 VALIDATION_FAILED. */
  async receive(delivery: WebhookDelivery): Promise<KycWebhookAck> {
    const { requestId } = delivery;
    // Verifying re-serialised JSON would break on any formatting difference.
    const check = delivery.rawBody
      ? verifyWebhookSignature(delivery.signature, delivery.rawBody, this.secrets(), Math.floor(Date.now() / 1000))
      : ({ ok: false, reason: 'missing_raw_body' } as const);
    if (!check.ok) {
      logger.warn('kyc_webhook_rejected', { reason: check.reason, requestId, eventId: delivery.eventIdHeader?.slice(0, 128) });
      throw new UnauthenticatedError('The webhook signature is missing, invalid or outside the accepted time window.', 'INVALID_SIGNATURE');
    }
    const parsed = KycWebhookEventSchema.safeParse(delivery.body);
    if (!parsed.success) {
      logger.warn('kyc_webhook_malformed', { requestId, paths: parsed.error.issues.map((issue) => issue.path.join('.')) });
      throw new ValidationError('The event is malformed; see `errors`.', toFieldErrors(parsed.error));
    }
    const outcome = await applyProviderEvent(this.cases(), parsed.data, 'webhook');
    return { received: true, outcome };
  }
}
