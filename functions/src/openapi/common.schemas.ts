/**
 * Schemas shared by every operation: the problem body and the standard error
 * responses, so each route declares its failures in one line.
 */
import { z } from 'zod';
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';

export const FieldErrorSchema = z
  .object({
    path: z.string().meta({ example: 'document.number' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

export const ProblemSchema = z
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

/** Error responses any operation can return. */
export const commonErrorResponses: Record<string, ResponseConfig> = {
  '400': problemResponse('Malformed or invalid request (`MALFORMED_JSON`, `VALIDATION_FAILED`, ...).'),
  '413': problemResponse('Request body too large (`PAYLOAD_TOO_LARGE`).'),
  '500': problemResponse('Unexpected error (`INTERNAL`); the body never contains internal details.'),
};
