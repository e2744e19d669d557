/**
 * Function wiring only: global options and the exported functions. Everything
 * else lives in modules that do nothing on import.
 */
import { setGlobalOptions } from 'firebase-functions/v2/options';
import { onRequest } from 'firebase-functions/v2/https';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import type { Express } from 'express';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { logger } from 'firebase-functions/logger';
import { kycProviderApiToken, kycWebhookSecrets, loadAppConfig } from './config';
import { problemTypeUri, sendProblem } from './http/problem';
import * as functionsV1 from 'firebase-functions/v1';

// Cold start: every instance loads this module to find its function, but runs
// only one of them. So each handler's code (the Express app with its routers
// and schemas, the KYC worker, the provisioning trigger — and through them
// express, zod, libphonenumber-js, firebase-admin/firestore) is loaded on its
// function's first invocation, not here; what stays is firebase-functions
// itself, needed to declare the functions (proof/bench measures the load).

setGlobalOptions({ region: 'us-central1', maxInstances: 20 });

// The app is built on the first request: params can only be read at run time.
// A failed load is not cached, so the next request tries again.
let app: Promise<Express> | undefined;
const loadApp = (): Promise<Express> =>
  (app ??= import('./app').then(({ createApp }) => createApp({ config: loadAppConfig() })).catch((err: unknown) => {
    app = undefined;
    throw err;
  }));

export const api = onRequest({ invoker: 'public', secrets: [kycWebhookSecrets] }, async (req, res) => {
  let handle: Express;
  try {
    handle = await loadApp();
  } catch (err) {
    logger.error('app_load_failed', { error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) });
    sendProblem(res, { type: problemTypeUri('INTERNAL'), title: 'Internal error', status: 500, detail: 'An unexpected error occurred.', code: 'INTERNAL' });
    return;
  }
  handle(req, res);
});

export const onKycCaseWritten = onDocumentWritten({ document: 'kycCases/{caseId}', retry: true, secrets: [kycProviderApiToken] }, async (event) => {
  const { handleKycCaseWritten } = await import('./kyc/kyc.triggers');
  return handleKycCaseWritten({ id: event.id, params: event.params, data: event.data });
});

// Safety net of the KYC pipeline: re-drives stuck cases and expires stale ones (kyc/kyc.sweep.ts).
export const sweepKycCases = onSchedule({ schedule: 'every 5 minutes', secrets: [kycProviderApiToken], timeoutSeconds: 300 }, async () => {
  const [{ sweepKycCases: runKycSweep }, { defaultKycWorkerDeps }] = await Promise.all([import('./kyc/kyc.sweep'), import('./kyc/kyc.deps')]);
  await runKycSweep(defaultKycWorkerDeps());
});

// Auth user events exist only as 1st-gen triggers. Provisioning path (a) of
// users/users.service.ts; idempotent, so at-least-once delivery is fine.
// The v1 barrel is the only public way to set a 1st-gen region (its
// function builder); firebase-functions/v1/auth alone would load ≈25 fewer
// modules but leave the region to the deploy default.
export const onUserCreated = functionsV1
  .region('us-central1')
  .auth.user()
  .onCreate(async (user) => (await import('./users/users.triggers')).handleUserCreated(user));
