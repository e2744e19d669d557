/**
 * The API offers no conditional GETs (304): ETags exist for optimistic
 * concurrency on writes (If-Match → 412). Express answers a GET whose
 * If-None-Match matches — or is `*`, whatever the resource — with 304 by
 * itself, so the validators that trigger it are dropped before any route runs.
 */
import type { RequestHandler } from 'express';

export const ignoreConditionalGets: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') {
    delete req.headers['if-none-match'];
    delete req.headers['if-modified-since'];
  }
  next();
};
