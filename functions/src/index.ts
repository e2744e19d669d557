/**
 * Function wiring only: global options and the exported functions. Every
 * function takes its services from the composition root (composition.ts),
 * built once per instance on first use; nothing else happens on import.
 */
import { setGlobalOptions } from 'firebase-functions/v2/options';
import { onRequest } from 'firebase-functions/v2/https';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { logger } from 'firebase-functions/logger';
import * as functionsV1 from 'firebase-functions/v1';
import type { Express } from 'express';
import type { Services } from './composition';
import { kycProviderApiToken, kycWebhookSecrets, loadAppConfig } from './config';
import { problemTypeUri } from './kernel/problems';
import { sendProblem } from './http/problem';
// Every param must be defined when firebase deploy's discovery loads this module (the
// manifest lists the params, and deploy:check compares them with the README); config.ts
// defines the others, and this one's module is tiny (firebase-functions/params only).
import './usage/usage.config';

// Cold start: every instance loads this module to find its function, but runs
// only one of them. So the composition root and everything behind it (the
// Express app with its routers and schemas, the KYC worker, the provisioning
// trigger — and through them express, zod, libphonenumber-js,
// firebase-admin/firestore) are loaded on a function's first invocation, not
// here; what stays is firebase-functions itself, needed to declare the
// functions (proof/bench measures the load). Only types are imported above.

setGlobalOptions({ region: 'us-central1', maxInstances: 20 });

/** Memoise an async load; a failed load is not cached, so the next call tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= load().catch((err: unknown) => {
      value = undefined;
      throw err;
    }));
}

const services = once<Services>(async () => (await import('./composition')).defaultServices());

// The app is built on the first request: params can only be read at run time.
const loadApp = once<Express>(async () => {
  const [{ createApp }, built] = await Promise.all([import('./app'), services()]);
  return createApp({ config: loadAppConfig(), services: built });
});

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

export const onKycCaseWritten = onDocumentWritten({ document: 'kycCases/{caseId}', retry: true, secrets: [kycProviderApiToken] }, async (event) =>
  (await services()).kycWorker.onCaseWritten({ id: event.id, params: event.params, data: event.data }),
);

// Safety net of the KYC pipeline: re-drives stuck cases and expires stale ones (kyc/kyc.sweep.ts).
export const sweepKycCases = onSchedule({ schedule: 'every 5 minutes', secrets: [kycProviderApiToken], timeoutSeconds: 300 }, async () => {
  await (await services()).kycWorker.sweep();
});

// Auth user events exist only as 1st-gen triggers. Provisioning path (a) of
// users/users.service.ts; idempotent, so at-least-once delivery is fine.
export const onUserCreated = functionsV1
  .region('us-central1')
  .auth.user()
  .onCreate(async (user) => {
    const [{ handleUserCreated }, built] = await Promise.all([import('./users/users.triggers'), services()]);
    return handleUserCreated(user, built.account);
  });
