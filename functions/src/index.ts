/**
 * Function wiring only: global options and the exported functions. Every
 * function takes its services from the composition root (composition.ts),
 * built once per instance on first use; nothing else happens on import.
 */
import { setGlobalOptions } from 'firebase-functions/v2/options';
import { onRequest } from 'firebase-functions/v2/https';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import * as functionsV1 from 'firebase-functions/v1';
import type { Express } from 'express';
import { createApp } from './app';
import { defaultServices, lazy } from './composition';
import { kycProviderApiToken, kycWebhookSecrets, loadAppConfig } from './config';
import { handleUserCreated } from './users/users.triggers';

setGlobalOptions({ region: 'us-central1', maxInstances: 20 });

const services = lazy(defaultServices);

// The app is built on the first request: params can only be read at run time.
let app: Express | undefined;

export const api = onRequest({ invoker: 'public', secrets: [kycWebhookSecrets] }, (req, res) => {
  app ??= createApp({ config: loadAppConfig(), services: services() });
  app(req, res);
});

export const onKycCaseWritten = onDocumentWritten({ document: 'kycCases/{caseId}', retry: true, secrets: [kycProviderApiToken] }, (event) =>
  services().kycWorker.onCaseWritten({ id: event.id, params: event.params, data: event.data }),
);

// Safety net of the KYC pipeline: re-drives stuck cases and expires stale ones (kyc/kyc.sweep.ts).
export const sweepKycCases = onSchedule({ schedule: 'every 5 minutes', secrets: [kycProviderApiToken], timeoutSeconds: 300 }, async () => {
  await services().kycWorker.sweep();
});

// Auth user events exist only as 1st-gen triggers. Provisioning path (a) of
// users/users.service.ts; idempotent, so at-least-once delivery is fine.
export const onUserCreated = functionsV1
  .region('us-central1')
  .auth.user()
  .onCreate((user) => handleUserCreated(user, services().account));
