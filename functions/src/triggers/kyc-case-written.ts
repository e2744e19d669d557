/**
 * The KYC worker's Firestore trigger. Declared in its own module, which
 * index.ts loads only when the export is read (by this function's instance,
 * or by deploy's discovery): declaring it needs firebase-functions/v2/firestore,
 * which loads firebase-admin/firestore → @google-cloud/firestore → google-gax
 * at import, to decode events — the heaviest part of firebase-functions, and
 * no other function's instance needs it before its first invocation. Read it
 * through index.ts, which sets the global options (region, maxInstances) first.
 */
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { kycProviderApiToken } from '../config';
import { services } from '../instance';

export const onKycCaseWritten = onDocumentWritten({ document: 'kycCases/{caseId}', retry: true, secrets: [kycProviderApiToken] }, async (event) =>
  (await services()).kycWorker.onCaseWritten({ id: event.id, params: event.params, data: event.data }),
);
