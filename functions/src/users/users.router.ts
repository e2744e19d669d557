/**
 * Routes of the profile feature, mounted under /v1. Authorization is declared
 * per route: sign-up is public; every /me route needs a user identity
 * (API keys → 403 USER_REQUIRED), and authenticate() has already refused
 * disabled, deleted and revoked users (401) on this very request.
 */
import { Router, type RequestHandler } from 'express';
import { requireUser } from '../http/auth';
import { validate } from '../http/validate';
import type { Services } from '../services';
import { usersHandlers } from './users.handlers';
import { ProfileUpdateSchema, SignUpSchema } from './users.schemas';
import { UsersService } from './users.service';

/** Build the service from the app's services (lazily: nothing runs until a request). */
export function usersServiceFrom(services: Services): UsersService {
  return new UsersService({
    users: services.users,
    accounts: services.authAccounts,
    kycData: services.kycData,
    audit: services.audit,
  });
}

export function usersRouter(services: Services, authn: RequestHandler): Router {
  const handlers = usersHandlers(usersServiceFrom(services));
  const router = Router();
  router.post('/users', validate({ body: SignUpSchema }), handlers.signUp);
  router.get('/me', authn, requireUser, handlers.getMe);
  router.patch('/me', authn, requireUser, validate({ body: ProfileUpdateSchema }), handlers.patchMe);
  router.delete('/me', authn, requireUser, handlers.deleteMe);
  router.get('/me/export', authn, requireUser, handlers.exportMe);
  return router;
}
