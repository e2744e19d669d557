/**
 * The KYC operations, each declared once (route, access, input, contract
 * entry with every status it can answer and the codes behind them, handler):
 *   POST /me/kyc, GET /me/kyc                 the applicant (user identity; API keys → 403)
 *   GET /admin/kyc                            admin or support (no API key: the queue holds applicants' PII)
 *   GET /admin/kyc/{caseId}                   admin or support (the same: one case with its event timeline)
 *   POST /admin/kyc/{caseId}/decision         admin
 *   POST /webhooks/kyc                        the provider (signature, no user auth; kyc.webhook.ts)
 */
import { z } from 'zod';
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { CallContext } from '../kernel/call-context';
import { problemResponse, credentialsRefused, rateLimited, internalError } from '../kernel/contract';
import { ValidationError } from '../kernel/errors';
import { toFieldErrors } from '../kernel/field-errors';
import { operationsOver } from '../kernel/operation';
import type { UserPrincipal } from '../kernel/principal';
import type { KycService } from './kyc.service';
import type { KycWebhookService } from './kyc.webhook';
import {
  IdempotencyHeadersSchema,
  KycAdminCaseDetailSchema,
  KycAdminCaseSchema,
  KycCaseDetailSchema,
  KycCaseParamsSchema,
  KycCaseSchema,
  KycDecisionSchema,
  KycQueuePageSchema,
  KycQueueQuerySchema,
  KycSubmissionSchema,
  KycWebhookAckSchema,
  KycWebhookEventSchema,
} from './kyc.schemas';

/** The services the KYC operations call (the account provisions a missing applicant profile). */
export interface KycOperationServices {
  kyc: KycService;
  kycWebhook: KycWebhookService;
  account: { provision(user: UserPrincipal, ctx: CallContext): Promise<unknown> };
}

const operation = operationsOver<KycOperationServices>();
const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** The optional Idempotency-Key header, validated like any other input (after the body). */
function idempotencyKeyOf(value: string | undefined): string | undefined {
  const parsed = IdempotencyHeadersSchema.safeParse({ 'idempotency-key': value });
  if (!parsed.success) throw new ValidationError('The Idempotency-Key header is invalid.', toFieldErrors(parsed.error, 'headers'));
  return parsed.data['idempotency-key'];
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

const errors = {
  '400': problemResponse('Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS`).'),
  '401': credentialsRefused,
  '413': problemResponse('Request body too large (`PAYLOAD_TOO_LARGE`).'),
  '429': rateLimited,
  '500': internalError,
} satisfies Record<string, ResponseConfig>;

const userOnly = [{ firebaseIdToken: [] }];
const userRequired = problemResponse('An API key cannot act as an applicant (`USER_REQUIRED`).');

/** The KYC operations, in contract order. */
export const kycOperations = [
  operation({
    method: 'post',
    path: '/v1/me/kyc',
    access: { kind: 'user' },
    request: { body: KycSubmissionSchema },
    docs: {
      operationId: 'submitKyc',
      tags: ['KYC'],
      summary: 'Open a KYC case (or resubmit)',
      description:
        'Opens a case in status `submitted`; the identity check then starts at the provider. When the current case is ' +
        '`resubmission_required`, the same case is resubmitted with the new data (attempt + 1, up to `maxAttempts`). ' +
        'With `Idempotency-Key`, a retry with the same key and body replays the first response (`Idempotent-Replayed: true`).',
      security: userOnly,
      responses: {
        '201': {
          description: 'The case was opened or resubmitted (or the first response of this Idempotency-Key is replayed).',
          headers: z.object({
            Location: z.string().meta({ description: 'The current case, relative to this URL (`kyc`, i.e. /v1/me/kyc).', example: 'kyc' }),
            'Idempotent-Replayed': z.string().optional().meta({ description: '`true` on a replayed response.', example: 'true' }),
          }),
          content: json(KycCaseSchema),
        },
        ...errors,
        '400': problemResponse('Invalid fields or header (`VALIDATION_FAILED`, e.g. `dateOfBirth` not in the past or an age outside 16 to 120), `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS`.'),
        '403': problemResponse(
          'An API key cannot act as an applicant (`USER_REQUIRED`), or the account is being erased or deleted (`ACCOUNT_DELETED`) or is disabled (`ACCOUNT_DISABLED`).',
        ),
        '409': problemResponse(
          'Refused: a case is open (`KYC_CASE_OPEN`), no attempts left (`KYC_MAX_ATTEMPTS`), already verified (`KYC_ALREADY_APPROVED`), ' +
            'finally rejected (`KYC_REJECTED`), or the Idempotency-Key was used with another body (`IDEMPOTENCY_KEY_REUSED`).',
        ),
      },
      requestHeaders: IdempotencyHeadersSchema,
    },
    handle: async (input, { kyc, account }) => {
      const user = input.user();
      const result = await kyc.submit({
        uid: user.uid,
        submission: input.body,
        idempotencyKey: idempotencyKeyOf(input.header('idempotency-key')),
        actor: input.ctx.actor,
        requestId: input.ctx.requestId,
        // The profile must exist before the case does: the trigger mirrors the case's status into it
        // (a missing profile would start at kycStatus `none`). submit() calls this only when its
        // transaction finds no profile, so the common path reads the profile once, in the transaction.
        provisionOwner: () => account.provision(user, input.ctx),
      });
      return {
        status: result.status,
        // Location is relative to .../v1/me/kyc: the current case is always at this same URL.
        headers: { ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}), Location: 'kyc', ...NO_STORE },
        body: result.body,
      };
    },
  }),
  operation({
    method: 'get',
    path: '/v1/me/kyc',
    access: { kind: 'user' },
    docs: {
      operationId: 'getMyKyc',
      tags: ['KYC'],
      summary: 'Your current KYC case, its history and what to do next',
      security: userOnly,
      responses: {
        '200': { description: 'The latest case.', content: json(KycCaseDetailSchema) },
        '400': problemResponse('Both a bearer token and an API key were sent (`AMBIGUOUS_CREDENTIALS`).'),
        '401': errors['401'],
        '403': userRequired,
        '404': problemResponse('You have no KYC case yet (`KYC_CASE_NOT_FOUND`).'),
        '429': errors['429'],
        '500': errors['500'],
      },
    },
    handle: async (input, { kyc }) => ({ headers: NO_STORE, body: await kyc.current(input.user().uid) }),
  }),
  operation({
    method: 'post',
    path: '/v1/webhooks/kyc',
    access: { kind: 'signature' },
    request: { body: KycWebhookEventSchema, validateBody: false },
    docs: {
      operationId: 'kycWebhook',
      tags: ['KYC'],
      summary: 'Signed callback of the KYC provider',
      description:
        'Authenticated by `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>` (several `v1` while a secret ' +
        'rotates; timestamps more than 5 minutes off are refused). Events are de-duplicated by `id`; events older than the last one applied ' +
        'to the case are ignored. Every verified event is acknowledged with 200 so the provider stops retrying.',
      security: [],
      responses: {
        '200': { description: 'Received; `outcome` says what it did.', content: json(KycWebhookAckSchema) },
        '400': problemResponse('A verified event with a malformed body (`VALIDATION_FAILED`), or `MALFORMED_JSON`.'),
        '401': problemResponse('Missing, malformed, stale or non-matching signature (`INVALID_SIGNATURE`).'),
        '413': errors['413'],
        '429': errors['429'],
        '500': errors['500'],
      },
      requestHeaders: z.object({ 'X-Signature': z.string().meta({ example: 't=1738315860,v1=5f2c0e0a9c1b7d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80912' }) }),
    },
    handle: async (input, { kycWebhook }) => ({
      body: await kycWebhook.receive({
        signature: input.header('x-signature'),
        rawBody: input.rawBody,
        body: input.body,
        requestId: input.ctx.requestId,
        eventIdHeader: input.header('x-event-id'),
      }),
    }),
  }),
  operation({
    method: 'get',
    path: '/v1/admin/kyc',
    access: { kind: 'allow', roles: ['admin', 'support'] },
    request: { query: KycQueueQuerySchema },
    docs: {
      operationId: 'listKycCases',
      tags: ['KYC administration'],
      summary: 'Review queue',
      description:
        'Cases least recently updated first, optionally of one status. Admin or support role only: the queue carries applicants’ ' +
        'personal data, so no API key may read it.',
      responses: {
        '200': { description: 'One page.', content: json(KycQueuePageSchema) },
        '400': problemResponse(
          'Invalid query (`VALIDATION_FAILED`), a cursor not issued for this listing and status filter (`INVALID_CURSOR`), ' +
            'or both credentials sent (`AMBIGUOUS_CREDENTIALS`).',
        ),
        '401': errors['401'],
        '403': problemResponse('Not an admin or support user, or an API key (`FORBIDDEN`).'),
        '429': errors['429'],
        '500': errors['500'],
      },
    },
    handle: async ({ query }, { kyc }) => ({ headers: NO_STORE, body: await kyc.queue(query) }),
  }),
  operation({
    method: 'get',
    path: '/v1/admin/kyc/{caseId}',
    access: { kind: 'allow', roles: ['admin', 'support'] },
    request: { params: KycCaseParamsSchema },
    docs: {
      operationId: 'getKycCase',
      tags: ['KYC administration'],
      summary: 'One case with its event timeline',
      description:
        'The case as the review queue shows it, plus its status changes (oldest first) from the case’s event log: who made each ' +
        'change and why. Admin or support role only, like the queue (applicants’ personal data; no API key).',
      responses: {
        '200': { description: 'The case and its timeline.', content: json(KycAdminCaseDetailSchema) },
        '400': problemResponse('An id that cannot name a case (`VALIDATION_FAILED`), or both credentials sent (`AMBIGUOUS_CREDENTIALS`).'),
        '401': errors['401'],
        '403': problemResponse('Not an admin or support user, or an API key (`FORBIDDEN`).'),
        '404': problemResponse('No such case (`KYC_CASE_NOT_FOUND`).'),
        '429': errors['429'],
        '500': errors['500'],
      },
    },
    handle: async ({ params }, { kyc }) => ({ headers: NO_STORE, body: await kyc.caseForStaff(params.caseId) }),
  }),
  operation({
    method: 'post',
    path: '/v1/admin/kyc/{caseId}/decision',
    access: { kind: 'allow', roles: ['admin'] },
    request: { params: KycCaseParamsSchema, body: KycDecisionSchema },
    docs: {
      operationId: 'decideKycCase',
      tags: ['KYC administration'],
      summary: 'Manual decision on a case',
      description: 'Admin only. Approve, reject or request resubmission, with a reason (shown to the applicant and audited).',
      security: userOnly,
      responses: {
        '200': { description: 'The decided case.', content: json(KycAdminCaseSchema) },
        ...errors,
        '403': problemResponse('Not an admin (`FORBIDDEN`).'),
        '404': problemResponse('No such case (`KYC_CASE_NOT_FOUND`).'),
        '409': problemResponse('The case’s status does not allow this decision (`KYC_ILLEGAL_TRANSITION`).'),
      },
    },
    handle: async ({ params, body, ctx }, { kyc }) => ({ body: await kyc.decide(params.caseId, body, ctx.actor, ctx.requestId) }),
  }),
];
