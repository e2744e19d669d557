/**
 * Who asked, and under which request id: what services need from a request
 * to write audit entries, without seeing Express.
 */
import type { Request, Response } from 'express';
import { actorOf } from './auth';
import type { Actor } from './principal';

/** Audit context of one call. */
export interface CallContext {
  actor: Actor;
  requestId?: string;
}

/** The audit context of a request (after authenticate() and requestId()). */
export function callContext(req: Request, res: Response): CallContext {
  return { actor: actorOf(req, res), requestId: res.locals.requestId as string | undefined };
}
