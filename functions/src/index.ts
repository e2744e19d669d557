/**
 * Function wiring only: global options and the exported functions. Every
 * function takes its services from the composition root (composition.ts),
 * built once per instance on first use (instance.ts); nothing else happens
 * on import.
 */
import { setGlobalOptions } from 'firebase-functions/v2/options';
import { onRequest } from 'firebase-functions/v2/https';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { logger } from 'firebase-functions/logger';
import type { Express } from 'express';
import { kycProviderApiToken, kycWebhookSecrets, loadAppConfig } from './config';
import { once, services } from './instance';
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
// here. The two triggers whose declaration needs a heavy part of
// firebase-functions (onKycCaseWritten: v2/firestore; onUserCreated: the v1
// barrel — both load firebase-admin/firestore and google-gax) are declared in
// triggers/ and loaded when their export is read (exportOnRead). What stays is
// firebase-functions' https, scheduler, params and logger modules, which the
// api and sweep declarations need (proof/bench measures the load).

setGlobalOptions({ region: 'us-central1', maxInstances: 20 });

/**
 * Export `name` as a getter that loads its declaration the first time it is
 * read. Everything that looks a function up reads the export by name after
 * require(): firebase-functions' discovery (Object.entries, for deploy and the
 * emulator), the Functions Framework and the emulator's worker (module[target]).
 * So an instance of this function pays for the declaration's imports and an
 * instance of another function does not.
 */
function exportOnRead(name: string, load: () => unknown): void {
  let value: unknown;
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => (value ??= load()) });
}

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

// The KYC worker's trigger (triggers/kyc-case-written.ts). The require() is synchronous because a
// getter is; the declared type is what TypeScript callers see (it emits no code).
export declare const onKycCaseWritten: typeof import('./triggers/kyc-case-written').onKycCaseWritten;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the export is read (exportOnRead)
exportOnRead('onKycCaseWritten', () => (require('./triggers/kyc-case-written') as typeof import('./triggers/kyc-case-written')).onKycCaseWritten);

// Safety net of the KYC pipeline: re-drives stuck cases and expires stale ones (kyc/kyc.sweep.ts).
export const sweepKycCases = onSchedule({ schedule: 'every 5 minutes', secrets: [kycProviderApiToken], timeoutSeconds: 300 }, async () => {
  await (await services()).kycWorker.sweep();
});

// The Auth onCreate trigger (triggers/user-created.ts): provisioning path (a).
export declare const onUserCreated: typeof import('./triggers/user-created').onUserCreated;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the export is read (exportOnRead)
exportOnRead('onUserCreated', () => (require('./triggers/user-created') as typeof import('./triggers/user-created')).onUserCreated);
