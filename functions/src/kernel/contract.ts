/**
 * Schemas shared by every operation: the problem body and the standard error
 * responses, so each route declares its failures in one line.
 */
import { z } from 'zod';
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';

const FieldErrorSchema = z
  .object({
    path: z.string().meta({ example: 'document.number' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'https://novafacies.dev/problems/validation-failed' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().meta({ description: 'Stable, machine-readable error code.', example: 'VALIDATION_FAILED' }),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable `code`.' });

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** A documented error response with the problem body. */
export function problemResponse(description: string): ResponseConfig {
  return { description, content: problemContent };
}

/** 401 of an operation that takes an ID token or an API key (authenticate() in http/auth.ts). */
export const credentialsRefused = problemResponse('Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`).');
/** 429 of every operation (the per-IP and per-principal limits). */
export const rateLimited = problemResponse('Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds.');
/** 500 of every operation. */
export const internalError = problemResponse('Unexpected error (`INTERNAL`); the body never contains internal details.');

/** Error responses any operation can return. */
export const commonErrorResponses: Record<string, ResponseConfig> = {
  '400': problemResponse('Malformed or invalid request (`MALFORMED_JSON`, `VALIDATION_FAILED`, ...).'),
  '413': problemResponse('Request body too large (`PAYLOAD_TOO_LARGE`).'),
  '500': internalError,
};

/**
 * Responses the app-wide middleware gives on every operation, whatever its
 * method, because it runs before routing (app.ts): body parsing (a GET with a
 * malformed JSON body is refused too), the body size limit, credential
 * parsing, the per-IP rate limit and the final error handler.
 */
const everyOperationResponses: Record<string, ResponseConfig> = {
  '400': problemResponse(
    'Malformed request (`MALFORMED_JSON`, `MALFORMED_BODY`, `MALFORMED_URL`, `AMBIGUOUS_CREDENTIALS`, `VALIDATION_FAILED`); checked on every request.',
  ),
  '413': problemResponse('Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method.'),
  '415': problemResponse('Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON.'),
  '429': rateLimited,
  '500': internalError,
};

/**
 * Add everyOperationResponses to each registered operation that does not
 * describe that status itself, so no route can forget them. Call after every
 * feature has registered its paths.
 */
export function addEveryOperationResponses(registry: OpenAPIRegistry): void {
  for (const definition of registry.definitions) {
    if (definition.type !== 'route') continue;
    const { responses } = definition.route;
    for (const [status, response] of Object.entries(everyOperationResponses)) responses[status] ??= response;
  }
}
