/**
 * Function wiring only: global options and the exported functions. Everything
 * else lives in modules that do nothing on import.
 */
import { setGlobalOptions } from 'firebase-functions/v2/options';
import { onRequest } from 'firebase-functions/v2/https';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import type { Express } from 'express';
import { createApp } from './app';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { kycProviderApiToken, kycWebhookSecrets, loadAppConfig } from './config';
import { handleKycCaseWritten } from './kyc/kyc.triggers';
import { sweepKycCases as runKycSweep } from './kyc/kyc.sweep';
import { defaultKycWorkerDeps } from './kyc/kyc.deps';
import * as functionsV1 from 'firebase-functions/v1';
import { handleUserCreated } from './users/users.triggers';

setGlobalOptions({ region: 'us-central1', maxInstances: 20 });

// The app is built on the first request: params can only be read at run time.
let app: Express | undefined;

export const api = onRequest({ invoker: 'public', secrets: [kycWebhookSecrets] }, (req, res) => {
  app ??= createApp({ config: loadAppConfig() });
  app(req, res);
});

export const onKycCaseWritten = onDocumentWritten({ document: 'kycCases/{caseId}', retry: true, secrets: [kycProviderApiToken] }, (event) =>
  handleKycCaseWritten({ id: event.id, params: event.params, data: event.data }),
);

// Safety net of the KYC pipeline: re-drives stuck cases and expires stale ones (kyc/kyc.sweep.ts).
export const sweepKycCases = onSchedule({ schedule: 'every 5 minutes', secrets: [kycProviderApiToken], timeoutSeconds: 300 }, async () => {
  await runKycSweep(defaultKycWorkerDeps());
});

// Auth user events exist only as 1st-gen triggers. Provisioning path (a) of
// users/users.service.ts; idempotent, so at-least-once delivery is fine.
export const onUserCreated = functionsV1
  .region('us-central1')
  .auth.user()
  .onCreate((user) => handleUserCreated(user));
