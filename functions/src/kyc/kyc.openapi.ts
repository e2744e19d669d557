/**
 * Registers the KYC operations in the contract, with every status each can
 * answer and the codes behind them.
 */
import { z } from 'zod';
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { problemResponse } from '../openapi/common.schemas';
import {
  IdempotencyHeadersSchema,
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

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

const errors = {
  '400': problemResponse('Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS`).'),
  '401': problemResponse('Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`).'),
  '413': problemResponse('Request body too large (`PAYLOAD_TOO_LARGE`).'),
  '429': problemResponse('Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds.'),
  '500': problemResponse('Unexpected error (`INTERNAL`); the body never contains internal details.'),
} satisfies Record<string, ResponseConfig>;

const userOnly = [{ firebaseIdToken: [] }];
const userRequired = problemResponse('An API key cannot act as an applicant (`USER_REQUIRED`).');

/** Add the KYC operations to the contract. */
export function registerKycOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/me/kyc',
    operationId: 'submitKyc',
    tags: ['KYC'],
    summary: 'Open a KYC case (or resubmit)',
    description:
      'Opens a case in status `submitted`; the identity check then starts at the provider. When the current case is ' +
      '`resubmission_required`, the same case is resubmitted with the new data (attempt + 1, up to `maxAttempts`). ' +
      'With `Idempotency-Key`, a retry with the same key and body replays the first response (`Idempotent-Replayed: true`).',
    security: userOnly,
    request: { headers: IdempotencyHeadersSchema, body: { required: true, content: json(KycSubmissionSchema) } },
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
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/me/kyc',
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
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/webhooks/kyc',
    operationId: 'kycWebhook',
    tags: ['KYC'],
    summary: 'Signed callback of the KYC provider',
    description:
      'Authenticated by `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>` (several `v1` while a secret ' +
      'rotates; timestamps more than 5 minutes off are refused). Events are de-duplicated by `id`; events older than the last one applied ' +
      'to the case are ignored. Every verified event is acknowledged with 200 so the provider stops retrying.',
    security: [],
    request: {
      headers: z.object({ 'X-Signature': z.string().meta({ example: 't=1738315860,v1=5f2c0e0a9c1b7d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80912' }) }),
      body: { required: true, content: json(KycWebhookEventSchema) },
    },
    responses: {
      '200': { description: 'Received; `outcome` says what it did.', content: json(KycWebhookAckSchema) },
      '400': problemResponse('A verified event with a malformed body (`VALIDATION_FAILED`), or `MALFORMED_JSON`.'),
      '401': problemResponse('Missing, malformed, stale or non-matching signature (`INVALID_SIGNATURE`).'),
      '413': errors['413'],
      '429': errors['429'],
      '500': errors['500'],
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/admin/kyc',
    operationId: 'listKycCases',
    tags: ['KYC administration'],
    summary: 'Review queue',
    description:
      'Cases least recently updated first, optionally of one status. Admin or support role only: the queue carries applicants’ ' +
      'personal data, so no API key may read it.',
    request: { query: KycQueueQuerySchema },
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
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/admin/kyc/{caseId}/decision',
    operationId: 'decideKycCase',
    tags: ['KYC administration'],
    summary: 'Manual decision on a case',
    description: 'Admin only. Approve, reject or request resubmission, with a reason (shown to the applicant and audited).',
    security: userOnly,
    request: { params: KycCaseParamsSchema, body: { required: true, content: json(KycDecisionSchema) } },
    responses: {
      '200': { description: 'The decided case.', content: json(KycAdminCaseSchema) },
      ...errors,
      '403': problemResponse('Not an admin (`FORBIDDEN`).'),
      '404': problemResponse('No such case (`KYC_CASE_NOT_FOUND`).'),
      '409': problemResponse('The case’s status does not allow this decision (`KYC_ILLEGAL_TRANSITION`).'),
    },
  });
}
