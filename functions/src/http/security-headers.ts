/**
 * helmet's security headers, worked out once when the app is built and then
 * set on every response with one loop. helmet() with its defaults (what we
 * use) sets the same headers on every response whatever the request; running
 * its twelve middlewares per request cost more CPU than setting their result
 * (proof/bench CPU profiles, 2026-12-06). helmet stays the source of the
 * values: we ask it, we never write them ourselves.
 *
 * Refuses to start if helmet ever answers asynchronously or differently for
 * two different requests (e.g. a future default that depends on the request),
 * rather than freezing a wrong answer; functions/test/http/app-in-process.test.ts checks the
 * headers on real responses against helmet's own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

type HeaderList = [name: string, value: string | string[]][];

/** Runs helmet's middleware against a recording response; returns the headers it set. */
function askHelmet(middleware: ReturnType<typeof helmet>, url: string): HeaderList {
  const set = new Map<string, string | string[]>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name, typeof value === 'number' ? String(value) : Array.isArray(value) ? [...(value as string[])] : (value as string));
      return response;
    },
    removeHeader(name: string) {
      set.delete(name);
    },
    getHeader: (name: string) => set.get(name),
  };
  const request = { method: 'GET', url, headers: { host: 'localhost' } };
  let finished = false;
  let failure: unknown;
  middleware(request as unknown as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    finished = true;
    failure = error;
  });
  if (!finished || failure !== undefined) throw new Error('helmet did not answer synchronously; security headers cannot be precomputed');
  return [...set.entries()];
}

/** Middleware setting helmet()'s default headers on every response. */
export function securityHeaders(): RequestHandler {
  const middleware = helmet();
  const headers = askHelmet(middleware, '/v1/health');
  if (JSON.stringify(askHelmet(middleware, '/v1/admin/users?limit=1')) !== JSON.stringify(headers)) {
    throw new Error('helmet answers differently per request; security headers cannot be precomputed');
  }
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
