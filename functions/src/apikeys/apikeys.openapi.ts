/** OpenAPI registration of /v1/admin/api-keys. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { commonErrorResponses, problemResponse } from '../openapi/common.schemas';
import { withRateLimitHeaders } from '../http/rate-limit.schemas';
import { ApiKeyCreatedSchema, ApiKeyIdParamsSchema, ApiKeyPageSchema, CreateApiKeySchema, ListApiKeysQuerySchema } from './apikeys.schemas';

const security = [{ firebaseIdToken: [] }];
const unauthenticated = problemResponse(
  'Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`).',
);
const forbidden = problemResponse('Not an admin (`FORBIDDEN`), or called with an API key (`USER_REQUIRED`): keys cannot manage keys.');
const badRequest = (what: string) => problemResponse(`${what}, or both credentials sent (\`AMBIGUOUS_CREDENTIALS\`).`);

const example = {
  id: '3f9a0c2b7d1e4a65',
  name: 'nightly-reporting',
  prefix: 'nffk_3f9a0c2b7d1e4a65',
  scopes: ['audit:read'],
  createdAt: '2025-01-31T09:30:00.000Z',
  createdBy: 'Qm1fZ3X0c8aB2e',
  expiresAt: '2025-05-01T09:30:00.000Z',
};

export function registerApiKeysOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/admin/api-keys',
    operationId: 'createApiKey',
    tags: ['Admin'],
    summary: 'Create an API key (the secret is shown once)',
    description: 'Admins only, signed in as users. Only a SHA-256 hash of the secret is stored; the response is the one chance to copy it. Audited (`apiKey.create`).',
    security,
    request: { body: { required: true, content: { 'application/json': { schema: CreateApiKeySchema } } } },
    responses: withRateLimitHeaders({
      '201': {
        description: 'Created. `secret` is never returned again.',
        content: { 'application/json': { schema: ApiKeyCreatedSchema, example: { ...example, secret: 'nffk_3f9a0c2b7d1e4a65_9pQeJ0Z5mXo2b3Lr8TnUu1YcV4wK7sDfGhA6iEj_lMx' } } },
      },
      ...commonErrorResponses,
      '400': badRequest('Malformed JSON (`MALFORMED_JSON`), invalid fields or an expiry not in the future (`VALIDATION_FAILED`)'),
      '401': unauthenticated,
      '403': forbidden,
    }),
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/admin/api-keys',
    operationId: 'listApiKeys',
    tags: ['Admin'],
    summary: 'List API keys (never their secrets)',
    description: 'Newest first, cursor pagination. `status` is `active`, `expired` or `revoked`.',
    security,
    request: { query: ListApiKeysQuerySchema },
    responses: withRateLimitHeaders({
      '200': {
        description: 'One page of keys.',
        content: {
          'application/json': {
            schema: ApiKeyPageSchema,
            example: { items: [{ ...example, lastUsedAt: '2025-02-01T02:00:00.000Z', revokedAt: null, revokedBy: null, status: 'active' }], nextCursor: null },
          },
        },
      },
      ...commonErrorResponses,
      '400': badRequest('Invalid `limit` (`VALIDATION_FAILED`) or a cursor that is malformed or was issued by another listing (`INVALID_CURSOR`)'),
      '401': unauthenticated,
      '403': forbidden,
    }),
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/admin/api-keys/{id}',
    operationId: 'revokeApiKey',
    tags: ['Admin'],
    summary: 'Revoke an API key',
    description: 'Effective at once. Idempotent: revoking a revoked key is also 204. Audited (`apiKey.revoke`).',
    security,
    request: { params: ApiKeyIdParamsSchema },
    responses: withRateLimitHeaders({
      '204': { description: 'Revoked (or already revoked).' },
      ...commonErrorResponses,
      '400': badRequest('An id that is not 16 hexadecimal characters (`VALIDATION_FAILED`)'),
      '401': unauthenticated,
      '403': forbidden,
      '404': problemResponse('No API key with this id (`API_KEY_NOT_FOUND`).'),
    }),
  });
}
