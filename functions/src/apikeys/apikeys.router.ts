/**
 * /v1/admin/api-keys: admins only, and only as users: an API key can never
 * create, list or revoke keys (403 USER_REQUIRED), so a leaked key cannot
 * mint itself successors.
 */
import { Router, type RequestHandler } from 'express';
import { allow, requireUser } from '../http/auth';
import { validate } from '../http/validate';
import type { Services } from '../services';
import { apiKeysHandlers } from './apikeys.handlers';
import { ApiKeyIdParamsSchema, CreateApiKeySchema, ListApiKeysQuerySchema } from './apikeys.schemas';
import { ApiKeysService } from './apikeys.service';

export function apiKeysRouter(services: Services, authn: RequestHandler): Router {
  const handlers = apiKeysHandlers(new ApiKeysService(services.apiKeys));
  const adminUser = [authn, requireUser, allow({ roles: ['admin'] })];
  const router = Router();
  router.post('/admin/api-keys', ...adminUser, validate({ body: CreateApiKeySchema }), handlers.create);
  router.get('/admin/api-keys', ...adminUser, validate({ query: ListApiKeysQuerySchema }), handlers.list);
  router.delete('/admin/api-keys/:id', ...adminUser, validate({ params: ApiKeyIdParamsSchema }), handlers.revoke);
  return router;
}
