/**
 * Reads the Firestore triggers declared by the built functions and registers
 * them with the embedded Firestore emulator, which then delivers each matching
 * change as a CloudEvent to the Functions emulator (the official Firestore
 * emulator does this through the emulator hub; ours is told explicitly).
 *
 * The trigger list comes from the `__endpoint` metadata firebase-functions
 * attaches to every exported function — the same manifest firebase-tools uses
 * to deploy — so a new trigger needs no launcher change.
 */
import { resolve } from 'node:path';
import { PROJECT_ID, REGION, REPO_ROOT } from './config';

const FIRESTORE_EVENT_PREFIX = 'google.cloud.firestore.document.v1.';

interface EndpointMetadata {
  region?: string[];
  eventTrigger?: {
    eventType: string;
    eventFilters?: Record<string, string>;
    eventFilterPathPatterns?: Record<string, string>;
  };
}

export interface FirestoreTrigger {
  id: string;
  eventType: string;
  document: string;
  project: string;
  database: string;
  url: string;
}

/** The Firestore triggers exported by functions/lib/index.js. */
export function firestoreTriggers(functionsBaseUrl: string): FirestoreTrigger[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built functions are CommonJS and loaded by path at run time
  const exported = require(resolve(REPO_ROOT, 'functions/lib/index.js')) as Record<string, { __endpoint?: EndpointMetadata }>;
  const triggers: FirestoreTrigger[] = [];
  for (const [name, fn] of Object.entries(exported)) {
    let endpoint: EndpointMetadata | undefined;
    try {
      endpoint = fn.__endpoint;
    } catch {
      // 1st-gen functions (e.g. the Auth onCreate trigger) compute their metadata
      // from GCLOUD_PROJECT, unset here; they are never Firestore triggers.
      continue;
    }
    const trigger = endpoint?.eventTrigger;
    if (!trigger?.eventType.startsWith(FIRESTORE_EVENT_PREFIX)) continue;
    const document = trigger.eventFilterPathPatterns?.document ?? trigger.eventFilters?.document;
    if (!document) continue;
    const region = endpoint?.region?.[0] ?? REGION;
    const id = `${region}-${name}`;
    triggers.push({
      id,
      eventType: trigger.eventType,
      document,
      project: PROJECT_ID,
      database: trigger.eventFilters?.database ?? '(default)',
      // The Functions emulator keys event triggers as `<id>-<generation>`; the
      // generation is 0 and stays 0 when it reloads changed source (only a hub
      // `reloadTriggers` call bumps it, which the launcher never makes).
      url: `${functionsBaseUrl}/functions/projects/${PROJECT_ID}/triggers/${id}-0`,
    });
  }
  return triggers;
}

/** Tell the embedded Firestore emulator where to deliver each trigger. */
export async function registerTriggers(firestoreUrl: string, triggers: FirestoreTrigger[]): Promise<void> {
  const response = await fetch(`${firestoreUrl}/nff/v1/triggers`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(triggers),
  });
  if (!response.ok) throw new Error(`trigger registration failed: ${response.status} ${await response.text()}`);
}
