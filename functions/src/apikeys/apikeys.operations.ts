/**
 * /v1/admin/api-keys, each operation declared once (route, access, input,
 * contract entry, handler): admins only, and only as users: an API key can
 * never create, list or revoke keys (403 USER_REQUIRED), so a leaked key
 * cannot mint itself successors.
 */
import { commonErrorResponses, problemResponse } from '../kernel/contract';
import { operationsOver, type Access } from '../kernel/operation';
import type { ApiKeysService } from './apikeys.service';
import { withRateLimitHeaders } from '../kernel/rate-limit.contract';
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

/** The services the API-key operations call. */
export interface ApiKeysOperationServices {
  apiKeys: ApiKeysService;
}

const operation = operationsOver<ApiKeysOperationServices>();
const ADMIN_USERS: Access = { kind: 'allow', roles: ['admin'], userOnly: true };

/** The API-key operations, in contract order. */
export const apiKeysOperations = [
  operation({
    method: 'post',
    path: '/v1/admin/api-keys',
    access: ADMIN_USERS,
    request: { body: CreateApiKeySchema },
    docs: {
      operationId: 'createApiKey',
      tags: ['Admin'],
      summary: 'Create an API key (the secret is shown once)',
      description: 'Admins only, signed in as users. Only a SHA-256 hash of the secret is stored; the response is the one chance to copy it. Audited (`apiKey.create`).',
      security,
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
    },
    handle: async ({ body, ctx }, { apiKeys }) => ({
      status: 201,
      // The only response that ever holds the secret: no cache may keep it.
      headers: { 'Cache-Control': 'no-store' },
      body: await apiKeys.create(body, ctx),
    }),
  }),
  operation({
    method: 'get',
    path: '/v1/admin/api-keys',
    access: ADMIN_USERS,
    request: { query: ListApiKeysQuerySchema },
    docs: {
      operationId: 'listApiKeys',
      tags: ['Admin'],
      summary: 'List API keys (never their secrets)',
      description: 'Newest first, cursor pagination. `status` is `active`, `expired` or `revoked`.',
      security,
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
    },
    handle: async ({ query }, { apiKeys }) => ({ headers: { 'Cache-Control': 'private, no-store' }, body: await apiKeys.list(query) }),
  }),
  operation({
    method: 'delete',
    path: '/v1/admin/api-keys/{id}',
    access: ADMIN_USERS,
    request: { params: ApiKeyIdParamsSchema },
    docs: {
      operationId: 'revokeApiKey',
      tags: ['Admin'],
      summary: 'Revoke an API key',
      description: 'Effective at once. Idempotent: revoking a revoked key is also 204. Audited (`apiKey.revoke`).',
      security,
      responses: withRateLimitHeaders({
        '204': { description: 'Revoked (or already revoked).' },
        ...commonErrorResponses,
        '400': badRequest('An id that is not 16 hexadecimal characters (`VALIDATION_FAILED`)'),
        '401': unauthenticated,
        '403': forbidden,
        '404': problemResponse('No API key with this id (`API_KEY_NOT_FOUND`).'),
      }),
    },
    handle: async ({ params, ctx }, { apiKeys }) => {
      await apiKeys.revoke(params.id, ctx);
      return { status: 204 };
    },
  }),
];
