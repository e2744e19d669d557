/**
 * Admin user routes, mounted under /v1/admin. Listing is open to admins and
 * to API keys with scope users:read; everything else to admins only. Handlers
 * are inline because each is a few lines: read validated input, call the
 * service, shape the response.
 */
import { Router, type RequestHandler, type Response } from 'express';
import { allow, userOf } from '../http/auth';
import { asyncHandler as wrap } from '../http/async-handler';
import { callContext } from '../http/call-context';
import { validate } from '../http/validate';
import type { Services } from '../services';
import { syncClaims } from '../users/claims-sync';
import { etagOf } from '../users/etag';
import { AdminUserUpdateSchema, UidParamsSchema, UserListQuerySchema, type AdminUser, type AdminUserUpdate, type UserListQuery } from './admin-users.schemas';
import { AdminUsersService } from './admin-users.service';

const uidOf = (res: Response): string => (res.locals.params as { uid: string }).uid;

function sendUser(res: Response, user: AdminUser): void {
  res.setHeader('ETag', etagOf(user.profile.version));
  res.setHeader('Cache-Control', 'private, no-store');
  res.json(user);
}

export function adminUsersRouter(services: Services, authn: RequestHandler): Router {
  const claims = { users: services.users, accounts: services.authAccounts, latestKycStatus: async (uid: string) => (await services.kycCases().latestForUser(uid))?.status ?? null };
  const service = new AdminUsersService({
    users: services.users,
    accounts: services.authAccounts,
    kycData: services.kycData,
    syncClaims: (uid) => syncClaims(claims, uid),
  });
  const admins = allow({ roles: ['admin'] });
  const router = Router();

  router.get(
    '/users',
    authn,
    allow({ roles: ['admin'], scopes: ['users:read'] }),
    validate({ query: UserListQuerySchema }),
    wrap(async (_req, res) => {
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(await service.list(res.locals.query as UserListQuery));
    }),
  );

  router.get(
    '/users/:uid',
    authn,
    admins,
    validate({ params: UidParamsSchema }),
    wrap(async (req, res) => {
      sendUser(res, await service.get(uidOf(res), callContext(req, res)));
    }),
  );

  router.patch(
    '/users/:uid',
    authn,
    admins,
    validate({ params: UidParamsSchema, body: AdminUserUpdateSchema }),
    wrap(async (req, res) => {
      const body = res.locals.body as AdminUserUpdate;
      sendUser(res, await service.update(userOf(res), uidOf(res), body, req.get('if-match'), callContext(req, res)));
    }),
  );

  router.delete(
    '/users/:uid',
    authn,
    admins,
    validate({ params: UidParamsSchema }),
    wrap(async (req, res) => {
      await service.softDelete(userOf(res), uidOf(res), callContext(req, res));
      res.status(204).end();
    }),
  );

  return router;
}
