/** Builds the plain CallContext (kernel/call-context.ts) from an Express request. */
import type { Request, Response } from 'express';
import type { CallContext } from '../kernel/call-context';
import { actorOf } from './auth';

/** The audit context of a request (after authenticate() and requestId()). */
export function callContext(req: Request, res: Response): CallContext {
  return { actor: actorOf(req, res), requestId: res.locals.requestId as string | undefined };
}
