/**
 * HTTP handlers of /v1/admin/api-keys: the only apikeys/ code touching
 * req/res. Validated input comes from res.locals (see http/validate.ts).
 */
import { asyncHandler as wrap } from '../http/async-handler';
import { callContext } from '../http/call-context';
import type { ApiKeysService } from './apikeys.service';
import type { CreateApiKey, ListApiKeysQuery } from './apikeys.schemas';

export function apiKeysHandlers(service: ApiKeysService) {
  return {
    create: wrap(async (req, res) => {
      const created = await service.create(res.locals.body as CreateApiKey, callContext(req, res));
      // The only response that ever holds the secret: no cache may keep it.
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json(created);
    }),
    list: wrap(async (_req, res) => {
      const page = await service.list(res.locals.query as ListApiKeysQuery);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(page);
    }),
    revoke: wrap(async (req, res) => {
      await service.revoke((res.locals.params as { id: string }).id, callContext(req, res));
      res.status(204).end();
    }),
  };
}
