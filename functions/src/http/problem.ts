/**
 * RFC 9457 problem details. Every error response of the API has this shape and
 * the `application/problem+json` media type; `code` is the stable value clients
 * branch on (titles and details may be reworded).
 */
import type { Response } from 'express';
import type { FieldError } from '../kernel/errors';

const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
}

/** Write a problem response. */
export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
