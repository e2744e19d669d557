/**
 * The closed catalogue of problem codes: every error the API answers with has
 * its code here, with its HTTP status and title (the type URI derives from
 * the code). AppError takes only these codes, and the contract generator
 * refuses a response description naming a code that is not here
 * (openapi/document.ts), so codes, statuses and documentation cannot drift.
 * `code` is what clients branch on; titles and details may be reworded.
 */

const INVALID = 'The request is invalid';
const UNAUTHENTICATED = 'Authentication required';
const FORBIDDEN = 'Forbidden';
const NOT_FOUND = 'Not found';

export const PROBLEMS = {
  // 400
  VALIDATION_FAILED: { status: 400, title: INVALID },
  INVALID_CURSOR: { status: 400, title: INVALID },
  WEAK_PASSWORD: { status: 400, title: INVALID },
  AMBIGUOUS_CREDENTIALS: { status: 400, title: INVALID },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  MALFORMED_BODY: { status: 400, title: 'The request body could not be read' },
  MALFORMED_URL: { status: 400, title: 'The request URL is malformed' },
  REQUEST_ABORTED: { status: 400, title: 'The request was aborted' },
  // 401
  UNAUTHENTICATED: { status: 401, title: UNAUTHENTICATED },
  INVALID_TOKEN: { status: 401, title: UNAUTHENTICATED },
  TOKEN_EXPIRED: { status: 401, title: UNAUTHENTICATED },
  TOKEN_REVOKED: { status: 401, title: UNAUTHENTICATED },
  USER_DISABLED: { status: 401, title: UNAUTHENTICATED },
  INVALID_API_KEY: { status: 401, title: UNAUTHENTICATED },
  INVALID_SIGNATURE: { status: 401, title: UNAUTHENTICATED },
  // 403
  FORBIDDEN: { status: 403, title: FORBIDDEN },
  USER_REQUIRED: { status: 403, title: FORBIDDEN },
  ACCOUNT_DISABLED: { status: 403, title: FORBIDDEN },
  ACCOUNT_DELETED: { status: 403, title: FORBIDDEN },
  // 404
  NOT_FOUND: { status: 404, title: NOT_FOUND },
  ROUTE_NOT_FOUND: { status: 404, title: NOT_FOUND },
  USER_NOT_FOUND: { status: 404, title: NOT_FOUND },
  KYC_CASE_NOT_FOUND: { status: 404, title: NOT_FOUND },
  API_KEY_NOT_FOUND: { status: 404, title: NOT_FOUND },
  // 409
  EMAIL_EXISTS: { status: 409, title: 'An account with this email already exists' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'Idempotency-Key already used' },
  KYC_CASE_OPEN: { status: 409, title: 'A KYC case is already open' },
  KYC_ALREADY_APPROVED: { status: 409, title: 'Identity already verified' },
  KYC_REJECTED: { status: 409, title: 'Verification was rejected' },
  KYC_MAX_ATTEMPTS: { status: 409, title: 'No attempts left' },
  KYC_ILLEGAL_TRANSITION: { status: 409, title: 'This status change is not allowed' },
  SELF_LOCKOUT: { status: 409, title: 'You cannot lock yourself out' },
  USER_DELETED: { status: 409, title: 'The user is deleted' },
  // 412, 413, 415, 429, 500
  PRECONDITION_FAILED: { status: 412, title: 'Precondition failed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_ENCODING: { status: 415, title: 'Unsupported body encoding' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A code of the catalogue. */
export type ProblemCode = keyof typeof PROBLEMS;

/** The codes whose status is `S`. */
export type ProblemCodeOf<S extends number> = { [K in ProblemCode]: (typeof PROBLEMS)[K]['status'] extends S ? K : never }[ProblemCode];

const PROBLEM_TYPE_BASE = 'https://novafacies.dev/problems/';

/** `KYC_CASE_OPEN` → `https://novafacies.dev/problems/kyc-case-open` */
export function problemTypeUri(code: ProblemCode): string {
  return PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');
}

/** True when `code` is in the catalogue. */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEMS, code);
}
