/**
 * RFC 9457 problem details. Every error leaves the server through
 * {@link errorHandler} so clients can rely on one shape and a stable `code`.
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from './log';

/** One invalid field of a request body. */
export interface FieldError {
  path: string;
  message: string;
}

/** An error that maps to a problem+json response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

/** Constructors for the closed set of problems this server emits. */
export const problems = {
  unauthenticated: () =>
    new ProblemError(401, 'UNAUTHENTICATED', 'Missing or invalid API token', 'Send Authorization: Bearer <token>.', undefined, {
      'WWW-Authenticate': 'Bearer realm="mock-kyc"',
    }),
  validation: (errors: FieldError[]) => new ProblemError(400, 'VALIDATION_FAILED', 'The request body is invalid', undefined, errors),
  invalidJson: () => new ProblemError(400, 'INVALID_JSON', 'The request body is not valid JSON'),
  unsupportedMediaType: () =>
    new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send Content-Type: application/json.'),
  tooLarge: () => new ProblemError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large'),
  notFound: (code: string, what: string) => new ProblemError(404, code, `${what} not found`),
  routeNotFound: () => new ProblemError(404, 'ROUTE_NOT_FOUND', 'No such endpoint'),
  idempotencyReused: () =>
    new ProblemError(
      409,
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key reused with a different request',
      'This key was already used on this endpoint with a different body; use a new key for a new request.',
    ),
  invalidIdempotencyKey: () =>
    new ProblemError(400, 'INVALID_IDEMPOTENCY_KEY', 'Invalid Idempotency-Key', 'The key must be 1 to 255 printable ASCII characters.'),
  callbackUrlRequired: () =>
    new ProblemError(
      422,
      'CALLBACK_URL_REQUIRED',
      'No callback URL',
      'Pass callbackUrl in the request or configure a default callback URL on the server.',
    ),
};

/** Map a problem code to its `type` URI. */
export function problemType(code: string): string {
  return `https://novafacies.dev/problems/mock-kyc/${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Write a problem+json response. */
export function sendProblem(req: Request, res: Response, err: ProblemError): void {
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  res
    .status(err.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemType(err.code),
        title: err.title,
        status: err.status,
        ...(err.detail !== undefined ? { detail: err.detail } : {}),
        instance: req.originalUrl.split('?')[0],
        code: err.code,
        requestId: res.locals.requestId as string | undefined,
        ...(err.errors ? { errors: err.errors } : {}),
      }),
    );
}

/** Catch-all 404 for unknown routes. */
export const notFound: RequestHandler = (_req, _res, next) => next(problems.routeNotFound());

/**
 * The single error mapper. Body-parser errors become their problems; anything
 * unexpected becomes a generic 500 whose cause is logged (message only, no
 * request data) and never sent to the client.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof ProblemError) return sendProblem(req, res, err);
    const type = (err as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed') return sendProblem(req, res, problems.invalidJson());
    if (type === 'entity.too.large') return sendProblem(req, res, problems.tooLarge());
    log('request.failed', { requestId: res.locals.requestId as string, error: err instanceof Error ? err.name : 'unknown' });
    sendProblem(req, res, new ProblemError(500, 'INTERNAL_ERROR', 'Internal server error'));
  };
}
