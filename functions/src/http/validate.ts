/**
 * Request validation with zod (shape only; business rules live in services).
 * A failure becomes a 400 problem whose `errors` list every offending path,
 * e.g. `[{ path: "address.country", message: "..." }, { path: "roles", ... }]`.
 * Parsed values replace the raw ones so handlers see trimmed, normalised data.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { ValidationError, type FieldError } from '../kernel/errors';
import { toFieldErrors } from '../kernel/field-errors';

export interface RequestSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

/** Validate and normalise body/query/params; 400 VALIDATION_FAILED otherwise. */
export function validate(schemas: RequestSchemas): RequestHandler {
  return (req, res, next) => {
    const errors: FieldError[] = [];
    const parsed: { body?: unknown; query?: unknown; params?: unknown } = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const result = schema.safeParse(req[part] ?? {});
      if (result.success) parsed[part] = result.data;
      else errors.push(...toFieldErrors(result.error, part === 'body' ? undefined : part));
    }
    if (errors.length > 0) {
      next(new ValidationError('The request has invalid fields; see `errors`.', errors));
      return;
    }
    // Express 5 makes req.query a getter; keep parsed values on res.locals instead.
    res.locals.body = parsed.body;
    res.locals.query = parsed.query;
    res.locals.params = parsed.params;
    next();
  };
}
