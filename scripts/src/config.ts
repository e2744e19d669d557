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
export const MOCK_KYC_PORT = Number(process.env.MOCK_KYC_PORT ?? 9300);

interface FirebaseJson {
  emulators: Record<string, { host?: string; port?: number }>;
}

/** Ports of the emulators, as configured in firebase.json. */
export function emulatorPorts(): { auth: number; firestore: number; functions: number; hub: number; logging: number } {
  const config = JSON.parse(readFileSync(resolve(REPO_ROOT, 'firebase.json'), 'utf8')) as FirebaseJson;
  const port = (name: string): number => {
    const value = config.emulators[name]?.port;
    if (typeof value !== 'number') throw new Error(`firebase.json has no emulators.${name}.port`);
    return value;
  };
  return {
    auth: port('auth'),
    firestore: port('firestore'),
    functions: port('functions'),
    hub: port('hub'),
    logging: port('logging'),
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
  };
}
