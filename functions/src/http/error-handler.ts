/**
 * The one place where errors become HTTP responses.
 *
 * - AppError → its status, code and detail.
 * - Errors raised by Express' own body parsing (malformed JSON, body too large,
 *   unsupported charset) → 400/413/415 problems with stable codes.
 * - Anything else → a generic 500; the cause is logged with the request id and
 *   never echoed, so stack traces and internal messages cannot leak.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { logger } from 'firebase-functions/logger';
import { AppError, NotFoundError } from '../kernel/errors';
import { PROBLEMS, problemTypeUri } from '../kernel/problems';
import { sendProblem } from './problem';

interface HttpishError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
}

/** Map body-parser failures (which carry `type` and `status`) to AppErrors. */
function fromBodyParser(err: HttpishError): AppError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON', 'The request body could not be parsed as JSON.');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body exceeds the size limit.');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError('UNSUPPORTED_ENCODING', 'Send the body as UTF-8 JSON.');
    case 'request.aborted':
      return new AppError('REQUEST_ABORTED', 'The client closed the request before the body was received.');
    default:
      break;
  }
  // A body that could not be read or decoded (e.g. `Content-Encoding: gzip` over
  // bytes that are not gzip): body-parser passes it on as a client error without a
  // `type`. Found by the fuzz suite (proof/fuzz), where it used to end in a 500.
  if (err.status === 400 && (err as { expose?: unknown }).expose === true) {
    return new AppError('MALFORMED_BODY', 'The request body could not be decoded; check Content-Encoding.');
  }
  return undefined;
}

/** A path with broken percent-encoding (e.g. `%E0%A4%A`): the router cannot decode its parameters. */
function fromRouter(err: unknown): AppError | undefined {
  if (err instanceof URIError && (err as HttpishError).status === 400) {
    return new AppError('MALFORMED_URL', 'The request path contains invalid percent-encoding.');
  }
  return undefined;
}

/** Final error middleware. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const requestId = res.locals.requestId as string | undefined;
  const known = err instanceof AppError ? err : (fromRouter(err) ?? fromBodyParser((err ?? {}) as HttpishError));
  if (known) {
    sendProblem(
      res,
      {
        type: problemTypeUri(known.code),
        title: known.title,
        status: known.status,
        detail: known.detail,
        instance: req.originalUrl.split('?')[0],
        code: known.code,
        requestId,
        ...(known.errors ? { errors: known.errors } : {}),
      },
      known.headers,
    );
    return;
  }
  logger.error('unhandled_error', {
    requestId,
    method: req.method,
    path: req.path,
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  sendProblem(res, {
    type: problemTypeUri('INTERNAL'),
    title: PROBLEMS.INTERNAL.title,
    status: PROBLEMS.INTERNAL.status,
    detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    instance: req.originalUrl.split('?')[0],
    code: 'INTERNAL',
    requestId,
  });
};

/** Fallback for unknown routes: a problem, not Express' HTML page. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError('No such route.', 'ROUTE_NOT_FOUND'));
};
