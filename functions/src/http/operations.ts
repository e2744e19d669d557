/**
 * Mounts operation declarations (kernel/operation.ts) on Express: the one
 * place that turns a declaration's access rule into authenticate() plus its
 * guard, its budget into its rate limiter, its schemas into validate(), and a
 * handler's reply into a response.
 * Order per route: budget (429) → credentials (401) → right (403) → input (400) → handler.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Operation, OperationBudget, OperationInput, Reply } from '../kernel/operation';
import { asyncHandler } from './async-handler';
import { allow, requireUser, userOf } from './auth';
import { callContext } from './call-context';
import { validate } from './validate';

/** `/v1/admin/users/{uid}` → `/v1/admin/users/:uid` */
function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

function guards<S>(operation: Operation<S>, authn: RequestHandler): RequestHandler[] {
  const { access } = operation;
  switch (access.kind) {
    case 'public':
    case 'signature':
      return [];
    case 'user':
      return [authn, requireUser];
    case 'allow':
      return [authn, ...(access.userOnly ? [requireUser] : []), allow({ roles: access.roles, scopes: access.scopes })];
  }
}

function inputOf<P, Q, B>(req: Request, res: Response): OperationInput<P, Q, B> {
  // validate() left the parsed values here, typed by the operation's schemas.
  return {
    params: res.locals.params as P,
    query: res.locals.query as Q,
    body: (res.locals.body ?? req.body) as B,
    principal: res.locals.principal as OperationInput<P, Q, B>['principal'],
    user: () => userOf(res),
    get ctx() {
      return callContext(req, res);
    },
    header: (name) => req.get(name),
    rawBody: (req as { rawBody?: Buffer }).rawBody,
  };
}

function send(res: Response, reply: Reply): void {
  res.status(reply.status ?? 200);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) res.end();
  else res.json(reply.body);
}

/** What mounting needs from the app: its authenticate() middleware and the limiter behind each budget. */
export interface MountDeps {
  authn: RequestHandler;
  budgets: Record<OperationBudget, RequestHandler>;
}

/** Add each operation as a route of `router`. */
export function mountOperations<S>(router: Router, operations: readonly Operation<S>[], services: S, { authn, budgets }: MountDeps): void {
  for (const operation of operations) {
    const budget = operation.budget ? [budgets[operation.budget]] : [];
    const { params, query, body, validateBody } = operation.request ?? {};
    const schemas = { params, query, body: validateBody === false ? undefined : body };
    const validation = schemas.params || schemas.query || schemas.body ? [validate(schemas)] : [];
    const handler = asyncHandler(async (req, res) => send(res, await operation.handle(inputOf(req, res), services)));
    router[operation.method](expressPath(operation.path), ...budget, ...guards(operation, authn), ...validation, handler);
  }
}
