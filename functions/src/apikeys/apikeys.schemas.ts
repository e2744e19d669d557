/**
 * Contract of /v1/admin/api-keys. validate() parses requests with these
 * schemas; the operation declarations (apikeys.operations.ts) put them into
 * openapi.yaml. Shape only: "expiresAt lies in the future" is checked by the
 * service.
 */
import { z } from 'zod';
import { isoDateTime, isoDateTimeInput } from '../kernel/primitives';
import { API_KEY_SCOPES } from '../kernel/principal';

const KEY_ID = /^[0-9a-f]{16}$/;

const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES).meta({ id: 'ApiKeyScope', description: 'What a key may read.' });

export const CreateApiKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).meta({ description: 'What the key is for.', example: 'nightly-reporting' }),
    scopes: z
      .array(ApiKeyScopeSchema)
      .min(1)
      .max(API_KEY_SCOPES.length)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'Scopes must not repeat.')
      .meta({ example: ['audit:read'] }),
    expiresAt: isoDateTimeInput
      .optional()
      .meta({ description: 'When the key stops working (a future instant). Omit both this and expiresInDays for a key that does not expire.', example: '2026-01-31T00:00:00Z' }),
    expiresInDays: z.number().int().min(1).max(3650).optional().meta({ description: 'Alternative to expiresAt: days from now.', example: 90 }),
  })
  .refine((body) => body.expiresAt === undefined || body.expiresInDays === undefined, {
    path: ['expiresInDays'],
    message: 'Send expiresAt or expiresInDays, not both.',
  })
  .meta({ id: 'CreateApiKey', example: { name: 'nightly-reporting', scopes: ['audit:read'], expiresInDays: 90 } });

export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;

export const ApiKeyIdParamsSchema = z.strictObject({
  id: z.string().regex(KEY_ID, 'An API key id is 16 hexadecimal characters.').meta({ example: '3f9a0c2b7d1e4a65' }),
});

export const ListApiKeysQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: 'Page size, 1..100.', example: 50 }),
  cursor: z.string().min(1).max(512).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

export type ListApiKeysQuery = z.infer<typeof ListApiKeysQuerySchema>;

const apiKeyFields = {
  id: z.string().meta({ example: '3f9a0c2b7d1e4a65' }),
  name: z.string().meta({ example: 'nightly-reporting' }),
  prefix: z.string().meta({ description: 'Non-secret start of the key, to recognise it.', example: 'nffk_3f9a0c2b7d1e4a65' }),
  scopes: z.array(ApiKeyScopeSchema),
  createdAt: isoDateTime,
  createdBy: z.string().meta({ description: 'uid of the admin who created it.' }),
  expiresAt: isoDateTime.nullable(),
};

const ApiKeySchema = z
  .object({
    ...apiKeyFields,
    lastUsedAt: isoDateTime.nullable().meta({ description: 'Last successful use (updated at most once a minute).' }),
    revokedAt: isoDateTime.nullable(),
    revokedBy: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'ApiKey', description: 'An API key, without its secret (never retrievable after creation).' });

export type ApiKey = z.infer<typeof ApiKeySchema>;

export const ApiKeyCreatedSchema = z
  .object({
    ...apiKeyFields,
    secret: z.string().meta({
      description: 'The full key to send as `X-API-Key`. Shown only in this response: store it now, it cannot be retrieved again.',
      example: 'nffk_3f9a0c2b7d1e4a65_9pQeJ0Z5mXo2b3Lr8TnUu1YcV4wK7sDfGhA6iEj_lMx',
    }),
  })
  .meta({ id: 'ApiKeyCreated' });

export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;

export const ApiKeyPageSchema = z
  .object({
    items: z.array(ApiKeySchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'ApiKeyPage' });

export type ApiKeyPage = z.infer<typeof ApiKeyPageSchema>;
