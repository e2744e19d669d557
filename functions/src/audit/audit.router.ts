/**
 * GET /v1/admin/audit-logs (admins, or API keys with scope audit:read).
 * Only a read route exists: audit entries cannot be changed or deleted
 * through the API (any other method falls through to 404 ROUTE_NOT_FOUND).
 */
import { Router, type RequestHandler } from 'express';
import { allow } from '../http/auth';
import { validate } from '../http/validate';
import type { Services } from '../services';
import { AuditLogService } from './audit.service';
import { AuditLogQuerySchema, type AuditLogQuery } from './audit.schemas';

export function auditLogsRouter(services: Services, authn: RequestHandler): Router {
  const service = new AuditLogService(services.audit);
  const router = Router();
  router.get('/admin/audit-logs', authn, allow({ roles: ['admin'], scopes: ['audit:read'] }), validate({ query: AuditLogQuerySchema }), (_req, res, next) => {
    service.search(res.locals.query as AuditLogQuery).then((page) => {
      // Who did what is sensitive: never kept by shared caches.
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(page);
    }, next);
  });
  return router;
}
