/**
 * The errors the API answers with, one per code of the closed catalogue
 * (problems.ts). Services throw these; the single error handler
 * (http/error-handler.ts) turns them into RFC 9457 problem+json. Anything
 * else becomes a generic 500 whose cause is logged and never sent to the
 * client. The subclasses name the common statuses and accept only codes of
 * that status.
 */
import { PROBLEMS, type ProblemCode, type ProblemCodeOf } from './problems';

/** One invalid input location, reported in the problem's `errors` array. */
export interface FieldError {
  path: string;
  message: string;
}

/** An error of the catalogue: its status and title come from the code. */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    detail?: string,
    readonly errors?: FieldError[],
    /** Extra response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.name = new.target.name;
    this.status = PROBLEMS[code].status;
    this.title = PROBLEMS[code].title;
  }

  /** The human-readable explanation sent as `detail`. */
  get detail(): string {
    return this.message;
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors?: FieldError[], code: ProblemCodeOf<400> = 'VALIDATION_FAILED') {
    super(code, detail, errors);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(detail = 'Valid credentials are required.', code: ProblemCodeOf<401> = 'UNAUTHENTICATED') {
    super(code, detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'You do not have permission to perform this action.', code: ProblemCodeOf<403> = 'FORBIDDEN') {
    super(code, detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = 'The requested resource does not exist.', code: ProblemCodeOf<404> = 'NOT_FOUND') {
    super(code, detail);
  }
}

export class ConflictError extends AppError {
  constructor(code: ProblemCodeOf<409>, detail?: string) {
    super(code, detail);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail = 'The resource was modified since you read it.') {
    super('PRECONDITION_FAILED', detail);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', 'Slow down and retry later.', undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}
