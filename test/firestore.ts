/**
 * firebase-admin handles for tests, pointed at the stack's emulators by the
 * env vars global setup exports, plus small helpers shared by the suites.
 */
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { stackEnv } from './env';

function app() {
  return getApps()[0] ?? initializeApp({ projectId: stackEnv.projectId });
}

export function testDb(): Firestore {
  return getFirestore(app());
}

export function testAuth(): Auth {
  return getAuth(app());
}

/** Poll fn until it returns a value other than undefined, or fail after timeoutMs. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A unique id so suites sharing one emulator never collide. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
