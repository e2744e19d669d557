/**
 * Request body size limit that holds on Cloud Functions too.
 *
 * The Functions runtime (functions-framework in the cloud, firebase-tools'
 * runtime in the emulator) parses the body before our Express app runs, with
 * its own multi-megabyte limit, so `express.json({ limit })` never fires
 * there. This checks the declared Content-Length and the raw body the runtime
 * kept (`req.rawBody`), and answers 413 PAYLOAD_TOO_LARGE.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../kernel/errors';

export function bodyLimit(maxBytes: number): RequestHandler {
  return (req, _res, next) => {
    const declared = Number(req.get('content-length') ?? 0);
    const raw = (req as { rawBody?: Buffer }).rawBody;
    if (declared > maxBytes || (raw !== undefined && raw.length > maxBytes)) {
      next(new AppError('PAYLOAD_TOO_LARGE', `The request body exceeds ${maxBytes} bytes.`));
      return;
    }
    next();
  };
}
