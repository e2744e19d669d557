/**
 * Routes of the KYC feature, mounted under /v1:
 *   POST /me/kyc, GET /me/kyc                 the applicant (user identity; API keys → 403)
 *   GET /admin/kyc                            admin or support (no API key: the queue holds applicants' PII)
 *   POST /admin/kyc/{caseId}/decision         admin
 *   POST /webhooks/kyc                        the provider (signature, no user auth; kyc.webhook.ts)
 * Handlers are the only KYC code touching req/res.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { actorOf, allow, requireUser, userOf } from '../http/auth';
import { toFieldErrors, validate } from '../http/validate';
import { ValidationError } from '../errors';
import type { Services } from '../services';
import { IdempotencyHeadersSchema, KycCaseParamsSchema, KycDecisionSchema, KycQueueQuerySchema, type KycDecision, type KycSubmission, KycSubmissionSchema } from './kyc.schemas';
import type { KycStatus } from './kyc.state';
import { kycWebhookHandler } from './kyc.webhook';
import { usersServiceFrom } from '../users/users.router';
import { callContext } from '../http/call-context';
import { asyncHandler as wrap } from '../http/async-handler';


/** The optional Idempotency-Key header, validated like any other input. */
function idempotencyKeyOf(req: Request): string | undefined {
  const parsed = IdempotencyHeadersSchema.safeParse({ 'idempotency-key': req.get('idempotency-key') });
  if (!parsed.success) throw new ValidationError('The Idempotency-Key header is invalid.', toFieldErrors(parsed.error, 'headers'));
  return parsed.data['idempotency-key'];
}

export function kycRouter(services: Services, authn: RequestHandler): Router {
  const service = services.kyc;
  const profiles = usersServiceFrom(services);
  const router = Router();
  const requestIdOf = (res: Response) => res.locals.requestId as string | undefined;

  router.post(
    '/me/kyc',
    authn,
    requireUser,
    validate({ body: KycSubmissionSchema }),
    wrap(async (req, res) => {
      const result = await service().submit({
        uid: userOf(res).uid,
        submission: res.locals.body as KycSubmission,
        idempotencyKey: idempotencyKeyOf(req),
        actor: actorOf(req, res),
        requestId: requestIdOf(res),
        // The profile must exist before the case does: the trigger mirrors the case's status into it
        // (a missing profile would start at kycStatus `none`). submit() calls this only when its
        // transaction finds no profile, so the common path reads the profile once, in the transaction.
        provisionOwner: () => profiles.provision(userOf(res), callContext(req, res)),
      });
      if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
      // Relative to .../v1/me/kyc: the current case is always at this same URL.
      res.setHeader('Location', 'kyc');
      res.setHeader('Cache-Control', 'private, no-store');
      res.status(result.status).json(result.body);
    }),
  );

  router.get(
    '/me/kyc',
    authn,
    requireUser,
    wrap(async (_req, res) => {
      const detail = await service().current(userOf(res).uid);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(detail);
    }),
  );

  router.get(
    '/admin/kyc',
    authn,
    allow({ roles: ['admin', 'support'] }),
    validate({ query: KycQueueQuerySchema }),
    wrap(async (_req, res) => {
      const query = res.locals.query as { status?: KycStatus; limit: number; cursor?: string };
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(await service().queue(query));
    }),
  );

  router.post(
    '/admin/kyc/:caseId/decision',
    authn,
    allow({ roles: ['admin'] }),
    validate({ params: KycCaseParamsSchema, body: KycDecisionSchema }),
    wrap(async (req, res) => {
      const { caseId } = res.locals.params as { caseId: string };
      res.json(await service().decide(caseId, res.locals.body as KycDecision, actorOf(req, res), requestIdOf(res)));
    }),
  );

  router.post('/webhooks/kyc', kycWebhookHandler(services));
  return router;
}
