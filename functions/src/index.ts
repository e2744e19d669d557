/**
 * Function wiring only: global options and the exported functions. Everything
 * else lives in modules that do nothing on import.
 */
import { setGlobalOptions } from 'firebase-functions/v2';
import { onRequest } from 'firebase-functions/v2/https';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import type { Express } from 'express';
import { createApp } from './app';
import { loadAppConfig } from './config';
import { handleKycCaseWritten } from './kyc/kyc.triggers';

setGlobalOptions({ region: 'us-central1', maxInstances: 20 });

// The app is built on the first request: params can only be read at run time.
let app: Express | undefined;

export const api = onRequest({ invoker: 'public' }, (req, res) => {
  app ??= createApp({ config: loadAppConfig() });
  app(req, res);
});

export const onKycCaseWritten = onDocumentWritten({ document: 'kycCases/{caseId}', retry: true }, (event) =>
  handleKycCaseWritten({ id: event.id, params: event.params, data: event.data }),
);
