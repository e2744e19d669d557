/** GET /v1/health: liveness with versions; touches no dependency so it stays cheap. */
import { Router } from 'express';
import type { Health } from './health.schemas';
import { SERVICE_NAME, SERVICE_VERSION } from '../version';

export function healthRouter(): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const body: Health = {
      status: 'ok',
      service: SERVICE_NAME,
      version: SERVICE_VERSION,
      node: process.version,
      time: new Date().toISOString(),
    };
    res.json(body);
  });
  return router;
}
