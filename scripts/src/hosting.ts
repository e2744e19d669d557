/**
 * The Hosting emulator in the local stack: the back-office console
 * (console/dist) and the gateway rewrites of firebase.json, served offline.
 *
 * Two local-only adjustments, made to the generated copy of firebase.json the
 * stack passes to firebase-tools (firebase.json itself keeps the production
 * policy):
 *   - the CSP's connect-src also allows this stack's Auth emulator origin, the
 *     one non-same-origin endpoint the console talks to locally;
 *   - console/dist/emulators.json tells the console where that emulator is
 *     (the console reads it only for demo- projects, which exist only in the
 *     emulators; the deploy ignores the file).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './config';

export const CONSOLE_DIST = resolve(REPO_ROOT, 'console/dist');

interface HostingHeader {
  key: string;
  value: string;
}
interface HostingConfig {
  headers?: Array<{ source: string; headers: HostingHeader[] }>;
}

/** Add `authOrigin` to every Content-Security-Policy connect-src of the hosting config (in place). */
export function allowAuthEmulatorInCsp(hosting: HostingConfig | undefined, authOrigin: string): void {
  for (const rule of hosting?.headers ?? []) {
    for (const header of rule.headers) {
      if (header.key.toLowerCase() !== 'content-security-policy') continue;
      header.value = header.value.replace(/connect-src ([^;]*)/, (_all, sources: string) => `connect-src ${sources} ${authOrigin}`);
    }
  }
}

/**
 * Tell the console where the Auth emulator listens. Returns false when the
 * console is not built (then the Hosting emulator serves no console).
 */
export function writeConsoleEmulatorConfig(authOrigin: string): boolean {
  if (!existsSync(resolve(CONSOLE_DIST, 'index.html'))) return false;
  writeFileSync(resolve(CONSOLE_DIST, 'emulators.json'), `${JSON.stringify({ auth: authOrigin })}\n`);
  return true;
}
