/**
 * Request ids: honour a well-formed incoming `X-Request-Id` (so a caller can
 * correlate across services), otherwise mint one; always echo it back and
 * expose it to handlers and logs through `res.locals.requestId`.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};
