/**
 * POST /v1/webhooks/kyc: the provider's signed callback. No user
 * authentication: the HMAC signature over the raw body is the credential
 * (401 INVALID_SIGNATURE otherwise, with the reason logged, not sent). A
 * verified event is applied through kyc.provider-events.ts and acknowledged
 * with 200 whatever its outcome (applied, duplicate, stale, ignored), so the
 * provider never retries an event we have decided about. Only a failure to
 * record it (5xx) makes the provider retry.
 */
import type { RequestHandler } from 'express';
import { logger } from 'firebase-functions';
import { UnauthenticatedError, ValidationError } from '../errors';
import { toFieldErrors } from '../http/validate';
import type { Services } from '../services';
import { applyProviderEvent } from './kyc.provider-events';
import { KycWebhookEventSchema, type KycWebhookAck } from './kyc.schemas';
import { verifyWebhookSignature } from './kyc.signature';

export function kycWebhookHandler(services: Pick<Services, 'kycCases' | 'kycWebhookSecrets'>): RequestHandler {
  return (req, res, next) => {
    // The Functions runtime keeps the exact bytes it received; verifying
    // re-serialised JSON would break on any formatting difference.
    const rawBody = (req as { rawBody?: Buffer }).rawBody;
    const requestId = res.locals.requestId as string | undefined;
    const check = rawBody
      ? verifyWebhookSignature(req.get('x-signature'), rawBody, services.kycWebhookSecrets(), Math.floor(Date.now() / 1000))
      : ({ ok: false, reason: 'missing_raw_body' } as const);
    if (!check.ok) {
      logger.warn('kyc_webhook_rejected', { reason: check.reason, requestId, eventId: req.get('x-event-id')?.slice(0, 128) });
      next(new UnauthenticatedError('The webhook signature is missing, invalid or outside the accepted time window.', 'INVALID_SIGNATURE'));
      return;
    }
    const parsed = KycWebhookEventSchema.safeParse(req.body);
    if (!parsed.success) {
      logger.warn('kyc_webhook_malformed', { requestId, paths: parsed.error.issues.map((issue) => issue.path.join('.')) });
      next(new ValidationError('The event is malformed; see `errors`.', toFieldErrors(parsed.error)));
      return;
    }
    applyProviderEvent(services.kycCases(), parsed.data, 'webhook').then(
      (outcome) => {
        const ack: KycWebhookAck = { received: true, outcome };
        res.status(200).json(ack);
      },
      (error: unknown) => next(error),
    );
  };
}
