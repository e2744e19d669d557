/**
 * The local stack as every benchmark runner uses it: the emulators started,
 * this process's environment pointed at them (the seeding SDK and the child
 * servers read it), and Firestore trigger delivery switched off, so the KYC
 * pipeline behind POST /v1/me/kyc does not compete for the CPU. A session
 * owns the stack and the child servers of one run and stops them together —
 * when the run ends or fails, and on Ctrl-C or a CI timeout (SIGINT /
 * SIGTERM), so nothing is orphaned.
 */
import { startStack, type Stack } from '../../../scripts/lib/stack';
import { PROJECT_ID } from '../../../scripts/lib/config';
import type { EmulatorEnv, ServedApp } from './servers';

export class BenchSession {
  private stack: Stack | undefined;
  /** Child servers to stop with the stack (push them once served). */
  readonly servers: ServedApp[] = [];

  /** `name` prefixes the message printed when a signal stops the run. */
  constructor(name: string) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`[${name}] ${signal}: stopping…`);
        void this.stop().finally(() => process.exit(130));
      });
    }
  }

  /** Starts the stack (its lines go to `log`), points the environment at it and switches triggers off. */
  async start(log: (service: string, line: string) => void): Promise<{ stack: Stack; env: EmulatorEnv }> {
    const stack = await startStack({ log });
    this.stack = stack;
    const env: EmulatorEnv = { FIRESTORE_EMULATOR_HOST: stack.urls.firestoreHost, FIREBASE_AUTH_EMULATOR_HOST: stack.urls.authHost, GCLOUD_PROJECT: PROJECT_ID };
    Object.assign(process.env, env);
    const cleared = await fetch(`${stack.urls.firestore}/nff/v1/triggers`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '[]' });
    if (!cleared.ok) throw new Error(`could not switch trigger delivery off: ${cleared.status}`);
    return { stack, env };
  }

  /** PID of a stack service (firestore, firebase, …), or -1. */
  pidOf(service: string): number {
    return this.stack?.services.find((s) => s.name === service)?.pid ?? -1;
  }

  /** Stops the servers, then the stack; safe to call again. */
  async stop(): Promise<void> {
    for (const server of this.servers.splice(0)) await server.stop();
    const stack = this.stack;
    this.stack = undefined;
    await stack?.stop();
  }
}
