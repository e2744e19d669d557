/**
 * Starts lib/server.js (the app, a baseline or a KYC floor) in a child process pointed
 * at the stack's emulators and waits for its port. The child's stdout (the
 * app's structured logs) goes to /dev/null, as a log sink would take it off
 * the request path; the last stderr lines are kept for error messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { KycFloorVariant } from './kyc-floors.app';
import type { RpcCounts } from './server';

/** What a child server serves: the app, the bare or same-work baseline, or a KYC floor (kyc-floors.app.ts). */
export type ServerKind = 'app' | 'baseline' | 'samework' | KycFloorVariant;

export interface ServedApp {
  kind: ServerKind;
  url: string;
  pid: number;
  /** Start counting Firestore RPCs; the returned function stops and reports. */
  countRpcs(): Promise<() => Promise<RpcCounts>>;
  stop(): Promise<void>;
}

export interface EmulatorEnv {
  FIRESTORE_EMULATOR_HOST: string;
  FIREBASE_AUTH_EMULATOR_HOST: string;
  GCLOUD_PROJECT: string;
}

const READY_TIMEOUT_MS = 30_000;

export function serve(kind: ServerKind, env: EmulatorEnv): Promise<ServedApp> {
  const child: ChildProcess = fork(resolve(__dirname, 'server.js'), [kind], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const ask = <T>(cmd: string, key: string): Promise<T> =>
    new Promise((answer) => {
      const onMessage = (message: Record<string, unknown>): void => {
        if (!(key in message)) return;
        child.off('message', onMessage);
        answer(message[key] as T);
      };
      child.on('message', onMessage);
      child.send({ cmd });
    });
  const countRpcs = async (): Promise<() => Promise<RpcCounts>> => {
    await ask<boolean>('rpc-count-start', 'counting');
    return () => ask<RpcCounts>('rpc-count-stop', 'rpcs');
  };
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${kind} server not ready in ${READY_TIMEOUT_MS} ms: ${stderr.join('').slice(-500)}`));
    }, READY_TIMEOUT_MS);
    child.once('message', (message: { ready?: boolean; port?: number }) => {
      clearTimeout(timer);
      resolvePort({ kind, url: `http://127.0.0.1:${message.port}`, pid: child.pid as number, countRpcs, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited (${code}) before it was ready: ${stderr.join('').slice(-500)}`));
    });
  });
}
