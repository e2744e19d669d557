/**
 * The closed set of errors the API answers with. Services throw these; the
 * single error handler (http/error-handler.ts) turns them into RFC 9457
 * problem+json. Anything else becomes a generic 500 whose cause is logged and
 * never sent to the client.
 */

/** One invalid input location, reported in the problem's `errors` array. */
export interface FieldError {
  path: string;
  message: string;
}

/** Base class: an HTTP status, a stable machine-readable code and a title. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldError[],
    /** Extra response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }

  /** The human-readable explanation sent as `detail`. */
  get detail(): string {
    return this.message;
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors?: FieldError[], code = 'VALIDATION_FAILED') {
    super(400, code, 'The request is invalid', detail, errors);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(detail = 'Valid credentials are required.', code = 'UNAUTHENTICATED') {
    super(401, code, 'Authentication required', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'You do not have permission to perform this action.', code = 'FORBIDDEN') {
    super(403, code, 'Forbidden', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = 'The requested resource does not exist.', code = 'NOT_FOUND') {
    super(404, code, 'Not found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, title: string, detail?: string) {
    super(409, code, title, detail);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail = 'The resource was modified since you read it.', code = 'PRECONDITION_FAILED') {
    super(412, code, 'Precondition failed', detail);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', 'Too many requests', 'Slow down and retry later.', undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
