/**
 * Express 5 forwards a rejected promise from a handler to the error handler
 * on its own, but only when the handler returns it; this adapter makes that
 * explicit for handlers typed as returning Promise<void>, so an AppError
 * thrown anywhere below reaches the single problem+json error handler.
 */
import type { Request, RequestHandler, Response } from 'express';

/** A route handler that does its work asynchronously. */
export type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/** Wrap an async handler: its rejection goes to next(), never unhandled. */
export function asyncHandler(handler: AsyncHandler): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch(next);
  };
}
