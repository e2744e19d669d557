/**
 * The local stack: embedded Firestore emulator, mock KYC server, and the
 * firebase-tools Auth + Functions + Hosting emulators, wired together and awaited for
 * readiness (never slept for). Used by `npm start` (scripts/src/start.ts) and
 * by jest's global setup, so the tests run against exactly what users run.
 *
 * Start order follows dependencies: Firestore first (functions talk to it),
 * the mock provider next, then firebase-tools with FIRESTORE_EMULATOR_HOST
 * pointing at our emulator; then the Firestore triggers are registered and
 * seed data written. stop() goes in reverse order.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { emulatorPorts, firestoreIndexesFile, firestoreRulesFile, HOST, MOCK_KYC_PORT, PORT_OFFSET, PROJECT_ID, readFirebaseJson, REPO_ROOT, stackUrls, type StackUrls } from './config';
import { assertDeployedNodeMajor } from './runtime';
import { httpAnswers, portInUse, spawnService, waitUntil, type Service } from './processes';
import { firestoreTriggers, registerTriggers } from './triggers';
import { seed } from './seed';
import { ensureLocalSecrets } from './local-secrets';
import { allowAuthEmulatorInCsp, writeConsoleEmulatorConfig } from './hosting';

export interface StackOptions {
  /** Write emulator-data/seed.json into the emulators once they are up. */
  seed?: boolean;
  /** A folder written by a previous exportOnExit run to load at start. */
  importDir?: string;
  /** A folder to save Auth and Firestore data into when the stack stops. */
  exportOnExitDir?: string;
  /** Receives each line a service prints. */
  log?: (service: string, line: string) => void;
}

export interface Stack {
  urls: StackUrls;
  services: Service[];
  stop(): Promise<void>;
}

const FIRESTORE_EXPORT_FILE = 'firestore.json';

/**
 * firebase-tools reads its ports from a config file, so the stack gets a
 * generated copy of firebase.json beside it (same directory, so relative paths
 * such as the functions source still resolve), with shifted ports and the
 * local Hosting adjustments (hosting.ts). Returns the --config argument.
 */
function firebaseConfigArgs(authOrigin: string): string[] {
  const config = readFirebaseJson();
  const ports = emulatorPorts();
  for (const [name, port] of Object.entries(ports)) {
    const entry = config.emulators[name];
    if (typeof entry === 'object') entry.port = port;
  }
  allowAuthEmulatorInCsp(config.hosting, authOrigin);
  const path = resolve(REPO_ROOT, `.firebase-stack-${PORT_OFFSET}.json`);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return ['--config', path];
}

function firebaseToolsBin(): string {
  const pkgPath = require.resolve('firebase-tools/package.json', { paths: [REPO_ROOT] });
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> };
  return resolve(dirname(pkgPath), pkg.bin.firebase);
}

/** Refuse to start on busy ports with a message that says which. */
async function assertPortsFree(): Promise<void> {
  const ports = { ...emulatorPorts(), mockKyc: MOCK_KYC_PORT };
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (await portInUse(HOST, port)) busy.push(`${name} (${port})`);
  }
  if (busy.length > 0) {
    throw new Error(`ports already in use: ${busy.join(', ')}. Is another \`npm start\` or \`npm test\` running?`);
  }
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // The Functions emulator runs its workers on this process's Node
  // (process.execPath): refuse a stack whose functions would run on another
  // major than the deployed runtime.
  assertDeployedNodeMajor('The local stack');
  await assertPortsFree();
  const urls = stackUrls();
  const ports = emulatorPorts();
  const log = options.log ?? (() => undefined);
  const services: Service[] = [];
  const stop = async (): Promise<void> => {
    // Reverse start order: firebase-tools gets SIGINT (its clean shutdown, which
    // also performs --export-on-exit), the others SIGTERM. Offline,
    // firebase-tools can linger after its emulators have stopped, so without an
    // export to wait for it gets a short grace before the group is killed.
    const firebaseGraceMs = options.exportOnExitDir ? 30_000 : 5_000;
    for (const service of [...services].reverse()) {
      const isFirebase = service.name === 'firebase';
      await service.stop(isFirebase ? 'SIGINT' : 'SIGTERM', isFirebase ? firebaseGraceMs : 10_000);
    }
  };
  try {
    const exportDir = options.exportOnExitDir ? resolve(options.exportOnExitDir) : undefined;
    if (exportDir) mkdirSync(exportDir, { recursive: true });
    const importDir = options.importDir ? resolve(options.importDir) : undefined;

    const firestoreArgs = ['emulator/lib/cli.js', '--host', HOST, '--port', String(ports.firestore)];
    // Strict index mode for the backend's project: a query needing a composite index missing from the
    // index file firebase.json names fails as in production (other projects, e.g. the conformance suite, are not checked).
    const indexesFile = firestoreIndexesFile();
    if (indexesFile) firestoreArgs.push('--indexes', indexesFile, `--require-indexes=${PROJECT_ID}`);
    if (importDir && existsSync(resolve(importDir, FIRESTORE_EXPORT_FILE))) firestoreArgs.push('--import', resolve(importDir, FIRESTORE_EXPORT_FILE));
    if (exportDir) firestoreArgs.push('--export-on-exit', resolve(exportDir, FIRESTORE_EXPORT_FILE));
    // The rules firebase.json names, enforced for client SDK callers and reloaded when the file changes
    // (firebase-admin and the functions send `Bearer owner` and bypass them, as with the official emulator).
    const rulesFile = firestoreRulesFile();
    if (rulesFile) firestoreArgs.push('--rules', rulesFile);
    const firestore = spawnService('firestore', process.execPath, firestoreArgs, { cwd: REPO_ROOT, onLine: (l) => log('firestore', l) });
    services.push(firestore);
    await waitUntil('the Firestore emulator', () => httpAnswers(`${urls.firestore}/`), 15_000, firestore);

    // The functions read the same values from functions/.secret.local (see local-secrets.ts).
    const secrets = ensureLocalSecrets();
    const mockKyc = spawnService('mock-kyc', process.execPath, ['mock-kyc/lib/cli.js'], {
      cwd: REPO_ROOT,
      env: {
        HOST,
        PORT: String(MOCK_KYC_PORT),
        CALLBACK_URL: `${urls.api}/v1/webhooks/kyc`,
        API_TOKEN: secrets.providerApiToken,
        WEBHOOK_SECRET: secrets.webhookSecrets[0],
        DECISION_DELAY_MS: process.env.NFF_MOCK_KYC_DECISION_DELAY_MS ?? '200',
        LATE_RED_DELAY_MS: process.env.NFF_MOCK_KYC_LATE_RED_DELAY_MS ?? '1000',
        RETRY_BASE_MS: process.env.NFF_MOCK_KYC_RETRY_BASE_MS ?? '500',
        TIMEOUT_HANG_MS: process.env.NFF_MOCK_KYC_TIMEOUT_HANG_MS ?? '30000',
      },
      onLine: (l) => log('mock-kyc', l),
    });
    services.push(mockKyc);
    await waitUntil('the mock KYC server', () => httpAnswers(`${urls.mockKyc}/health`), 15_000, mockKyc);

    if (!writeConsoleEmulatorConfig(urls.auth)) log('firebase', 'console/dist is missing: run `npm run build` to serve the console');
    const firebaseArgs = [firebaseToolsBin(), 'emulators:start', '--only', 'auth,functions,hosting', '--project', PROJECT_ID, ...firebaseConfigArgs(urls.auth)];
    if (importDir && existsSync(resolve(importDir, 'firebase-export-metadata.json'))) firebaseArgs.push('--import', importDir);
    if (exportDir) firebaseArgs.push('--export-on-exit', exportDir);
    const firebase = spawnService('firebase', process.execPath, firebaseArgs, {
      cwd: REPO_ROOT,
      // NODE_ENV=production makes the emulator runtime's own error pages (e.g. for
      // malformed JSON, rejected before our app runs) omit stack traces, as in the cloud.
      // NFF_LOCAL_KYC_PROVIDER_URL tells the functions where this stack's mock
      // provider listens (config.ts honours it only inside the emulator).
      env: {
        FIRESTORE_EMULATOR_HOST: urls.firestoreHost,
        GCLOUD_PROJECT: PROJECT_ID,
        FORCE_COLOR: '0',
        NODE_ENV: 'production',
        NFF_LOCAL_KYC_PROVIDER_URL: urls.mockKyc,
      },
      onLine: (l) => log('firebase', l),
    });
    services.push(firebase);
    await waitUntil('the api function', () => httpAnswers(`${urls.api}/v1/health`), 120_000, firebase);
    await waitUntil('the Hosting emulator', () => httpAnswers(`${urls.console}/__/firebase/init.json`), 30_000, firebase);

    await registerTriggers(urls.firestore, firestoreTriggers(urls.functions));

    if (options.seed) await seed({ firestoreHost: urls.firestoreHost, authHost: urls.authHost });
    return { urls, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
