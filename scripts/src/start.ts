/**
 * `npm start`: brings up the whole local stack offline, seeds it, prints every
 * URL and the demo admin's credentials, and shuts everything down on Ctrl-C.
 *
 *   npm start                              fresh stack, seeded
 *   npm start -- --export-on-exit [dir]    save Auth + Firestore data on exit (default .emulator-export)
 *   npm start -- --import [dir]            start from a saved export
 *   npm start -- --verbose                 stream every service's output
 */
import { HOST, MOCK_KYC_PORT } from './config';
import { seedUsers } from './seed';
import { startStack } from './stack';

const DEFAULT_EXPORT_DIR = '.emulator-export';

function flagValue(args: string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const arg = args[index];
  if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
  const next = args[index + 1];
  return next && !next.startsWith('--') ? next : DEFAULT_EXPORT_DIR;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const startedAt = Date.now();
  console.log('Starting the NovaFacies local stack (offline)...');
  const stack = await startStack({
    seed: true,
    importDir: flagValue(args, '--import'),
    exportOnExitDir: flagValue(args, '--export-on-exit'),
    log: (service, line) => {
      if (verbose || /error|⚠|exited/i.test(line)) console.log(`[${service}] ${line}`);
    },
  });
  const { urls } = stack;
  const admin = seedUsers().find((user) => user.roles.includes('admin'));
  console.log(`
Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.

  Console             ${urls.console}/   (Hosting: /v1/** and /docs/** go to the api function)
  API                 ${urls.api}/v1/health
  API explorer        ${urls.docs}
  OpenAPI contract    ${urls.api}/v1/openapi.yaml
  Auth emulator       ${urls.auth}   (FIREBASE_AUTH_EMULATOR_HOST=${urls.authHost})
  Firestore emulator  ${urls.firestore}   (FIRESTORE_EMULATOR_HOST=${urls.firestoreHost})
  Functions emulator  ${urls.functions}
  Mock KYC provider   http://${HOST}:${MOCK_KYC_PORT}

  Demo admin          ${admin?.email ?? '-'} / ${admin?.password ?? '-'}
                      (more seed users in emulator-data/seed.json)

Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the stack...`);
    stack.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
