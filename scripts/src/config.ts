/**
 * Where everything in the local stack listens. Emulator ports come from
 * firebase.json (the file firebase-tools reads too), so there is one place to
 * change them; the mock KYC port is ours.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const PROJECT_ID = 'demo-nff';
export const REGION = 'us-central1';
export const HOST = '127.0.0.1';
/**
 * NFF_PORT_OFFSET shifts every port of the stack (e.g. 10000 → Functions on
 * 15001), so several stacks (a developer's `npm start` and `npm test`, or two
 * test runs) can run side by side. 0 (the default) uses firebase.json as is.
 */
export const PORT_OFFSET = Number(process.env.NFF_PORT_OFFSET ?? 0);
export const MOCK_KYC_PORT = 9300 + PORT_OFFSET;

export interface FirebaseJson {
  hosting?: { headers?: Array<{ source: string; headers: Array<{ key: string; value: string }> }> };
  emulators: Record<string, { host?: string; port?: number; enabled?: boolean } | boolean>;
  firestore?: { rules?: string; indexes?: string };
  functions?: { runtime?: string; ignore?: string[] }[];
}

/** The Firestore rules file firebase.json names (absolute), if any: what the local emulator enforces and deploy ships. */
export function firestoreRulesFile(): string | undefined {
  const rules = readFirebaseJson().firestore?.rules;
  return rules ? resolve(REPO_ROOT, rules) : undefined;
}

/** The Firestore index file firebase.json names (absolute), if any: what strict index mode checks and deploy ships. */
export function firestoreIndexesFile(): string | undefined {
  const indexes = readFirebaseJson().firestore?.indexes;
  return indexes ? resolve(REPO_ROOT, indexes) : undefined;
}

export function readFirebaseJson(): FirebaseJson {
  return JSON.parse(readFileSync(resolve(REPO_ROOT, 'firebase.json'), 'utf8')) as FirebaseJson;
}

/** Ports of the emulators, as configured in firebase.json. */
export function emulatorPorts(): {
  auth: number;
  firestore: number;
  functions: number;
  hosting: number;
  hub: number;
  logging: number;
  eventarc: number;
  tasks: number;
} {
  const config = readFirebaseJson();
  const port = (name: string): number => {
    const entry = config.emulators[name];
    const value = typeof entry === 'object' ? entry.port : undefined;
    if (typeof value !== 'number') throw new Error(`firebase.json has no emulators.${name}.port`);
    return value + PORT_OFFSET;
  };
  return {
    auth: port('auth'),
    firestore: port('firestore'),
    functions: port('functions'),
    hosting: port('hosting'),
    hub: port('hub'),
    logging: port('logging'),
    // firebase-tools starts these two with the Functions emulator; listed in
    // firebase.json so that a shifted stack shifts them too (left at their
    // defaults, two stacks would collide there and firebase-tools would take
    // the next free port — 9300, the mock provider's).
    eventarc: port('eventarc'),
    tasks: port('tasks'),
  };
}

/** Every URL of the running stack. */
export interface StackUrls {
  api: string;
  docs: string;
  functions: string;
  auth: string;
  firestore: string;
  firestoreHost: string;
  authHost: string;
  mockKyc: string;
  /** The Hosting emulator: the console, with /v1/** and /docs/** rewritten to the api function. */
  console: string;
}

export function stackUrls(): StackUrls {
  const ports = emulatorPorts();
  const functions = `http://${HOST}:${ports.functions}`;
  return {
    api: `${functions}/${PROJECT_ID}/${REGION}/api`,
    docs: `${functions}/${PROJECT_ID}/${REGION}/api/docs/`,
    functions,
    auth: `http://${HOST}:${ports.auth}`,
    firestore: `http://${HOST}:${ports.firestore}`,
    firestoreHost: `${HOST}:${ports.firestore}`,
    authHost: `${HOST}:${ports.auth}`,
    mockKyc: `http://${HOST}:${MOCK_KYC_PORT}`,
    console: `http://${HOST}:${ports.hosting}`,
  };
}
