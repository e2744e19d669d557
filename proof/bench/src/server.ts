/**
 * Child-process entry of the benchmark: serves the real app
 * (createApp() from functions/lib), the bare baseline or the same-work baseline on an ephemeral
 * loopback port, and reports the port to the parent over IPC. Each server
 * runs in its own process so the load generator never shares its event loop.
 *
 *   node proof/bench/lib/server.js app|baseline|samework|fewer-docs|one-commit
 *
 * On request ({ cmd: 'rpc-count-start' | 'rpc-count-stop' }) it counts the
 * Firestore RPCs the server sends, from the SDK's own request log (only while
 * counting: logging costs CPU, so measured runs never have it on).
 *
 * The parent sets FIRESTORE_EMULATOR_HOST / FIREBASE_AUTH_EMULATOR_HOST /
 * GCLOUD_PROJECT, so both servers talk to the same emulators. The process
 * exits when the parent disconnects, so nothing outlives a crashed run.
 */
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { setLogFunction } from 'firebase-admin/firestore';
import { createApp } from '../../../functions/lib/app';
import type { AppConfig } from '../../../functions/lib/config';
import { createBaseline } from './baseline';
import { createKycFloor, KYC_FLOOR_VARIANTS, type KycFloorVariant } from './kyc-floors.app';
import { createSameWork } from './samework';

/**
 * Limits so high they never refuse a benchmark request. The limiter itself
 * stays in the path exactly as in production: it still leases counter units
 * from Firestore (default lease: 50 units per counter update and client key).
 */
export const BENCH_RATE_LIMIT = 1_000_000_000;

export const BENCH_APP_CONFIG: AppConfig = {
  corsAllowedOrigins: [],
  maxBodyBytes: 64 * 1024,
  rateLimits: { perMinuteUser: BENCH_RATE_LIMIT, perMinuteApiKey: BENCH_RATE_LIMIT, perMinuteIp: BENCH_RATE_LIMIT },
};

/** Firestore RPCs by kind, recognised from the first field of the logged request. */
export type RpcCounts = Record<'commit' | 'get' | 'query' | 'other', number>;

function countRpcs(): { start(): void; stop(): RpcCounts } {
  let counts: RpcCounts = { commit: 0, get: 0, query: 0, other: 0 };
  return {
    start() {
      counts = { commit: 0, get: 0, query: 0, other: 0 };
      setLogFunction((line) => {
        const at = line.indexOf('Sending request: ');
        if (at < 0) return;
        const body = line.slice(at + 17, at + 17 + 400);
        if (body.includes('"writes"')) counts.commit++;
        else if (body.includes('"documents"')) counts.get++;
        else if (body.includes('"structured')) counts.query++;
        else counts.other++;
      });
    },
    stop() {
      setLogFunction(null);
      return counts;
    },
  };
}

function main(): void {
  const mode = process.argv[2];
  let app: Express;
  if (mode === 'app') app = createApp({ config: BENCH_APP_CONFIG });
  else if (mode === 'baseline') app = createBaseline();
  else if (mode === 'samework') app = createSameWork();
  else if (mode !== undefined && (KYC_FLOOR_VARIANTS as readonly string[]).includes(mode)) app = createKycFloor(mode as KycFloorVariant);
  else throw new Error(`unknown server mode ${String(mode)}; use app, baseline, samework or ${KYC_FLOOR_VARIANTS.join(', ')}`);
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ ready: true, port: (server.address() as AddressInfo).port });
  });
  // autocannon keeps its connections open between requests.
  server.keepAliveTimeout = 60_000;
  const rpcs = countRpcs();
  process.on('message', (message: { cmd?: string }) => {
    if (message.cmd === 'rpc-count-start') {
      rpcs.start();
      process.send?.({ counting: true });
    } else if (message.cmd === 'rpc-count-stop') {
      process.send?.({ rpcs: rpcs.stop() });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}

if (require.main === module) main();
