/**
 * Firebase Auth for the console. The web config comes from Hosting's reserved
 * URL /__/firebase/init.json (served by Firebase Hosting for the deployed
 * project, and by the Hosting emulator for demo- projects), so one build runs
 * everywhere. A demo- project only exists in the emulators: there the Auth
 * emulator's address comes from /emulators.json, which the local-stack
 * launcher writes next to the built files (ports shift with NFF_PORT_OFFSET).
 *
 * Session persistence: a staff session lives as long as the browser tab, not
 * across browser restarts (a back office is used on shared machines too).
 */
import { initializeApp, type FirebaseOptions } from 'firebase/app';
import { browserSessionPersistence, connectAuthEmulator, initializeAuth, type Auth } from 'firebase/auth';

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Initialise the Firebase app and Auth (once, before the first render). */
export async function startFirebase(): Promise<Auth> {
  const options = await getJson<FirebaseOptions>('/__/firebase/init.json');
  // Read before Auth starts: restoring a saved session already calls the Auth
  // backend, and the SDK refuses connectAuthEmulator() after any such call.
  const emulators = options.projectId?.startsWith('demo-') ? await getJson<{ auth?: string }>('/emulators.json') : null;
  if (emulators && !emulators.auth) throw new Error('/emulators.json names no Auth emulator');
  const app = initializeApp(options);
  const auth = initializeAuth(app, { persistence: browserSessionPersistence });
  // disableWarnings: the SDK's banner is injected with inline styles, which the CSP refuses.
  if (emulators?.auth) connectAuthEmulator(auth, emulators.auth, { disableWarnings: true });
  return auth;
}
