/**
 * The local stack as every benchmark runner uses it: the emulators started,
 * this process's environment pointed at them (the seeding SDK and the child
 * servers read it), and Firestore trigger delivery switched off, so the KYC
 * pipeline behind POST /v1/me/kyc does not compete for the CPU.
 */
import { startStack, type Stack } from '../../../scripts/lib/stack';
import { PROJECT_ID } from '../../../scripts/lib/config';
import type { EmulatorEnv } from './servers';

export async function startBenchStack(log: (service: string, line: string) => void): Promise<{ stack: Stack; env: EmulatorEnv }> {
  const stack = await startStack({ log });
  try {
    const env: EmulatorEnv = { FIRESTORE_EMULATOR_HOST: stack.urls.firestoreHost, FIREBASE_AUTH_EMULATOR_HOST: stack.urls.authHost, GCLOUD_PROJECT: PROJECT_ID };
    Object.assign(process.env, env);
    const cleared = await fetch(`${stack.urls.firestore}/nff/v1/triggers`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '[]' });
    if (!cleared.ok) throw new Error(`could not switch trigger delivery off: ${cleared.status}`);
    return { stack, env };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
