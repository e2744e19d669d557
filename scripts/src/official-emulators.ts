/**
 * `npm run emulators`: the official firebase-tools suite (Auth, Firestore,
 * Functions, Emulator UI) for machines that have Java 21 and internet. It uses
 * the same functions, rules and seed data as `npm start`; the official
 * Firestore emulator delivers the triggers itself.
 *
 * firebase.json keeps the UI disabled (an offline start must never fail on the
 * UI download), so this writes a sibling config with the UI switched on and
 * passes it with --config.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ID, REPO_ROOT, stackUrls } from './config';
import { httpAnswers, waitUntil } from './processes';
import { seed } from './seed';

const OFFICIAL_CONFIG = resolve(REPO_ROOT, 'firebase.official.json');

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(resolve(REPO_ROOT, 'firebase.json'), 'utf8')) as {
    emulators: { ui: { enabled: boolean } };
  };
  config.emulators.ui.enabled = true;
  writeFileSync(OFFICIAL_CONFIG, JSON.stringify(config, null, 2));
  const firebaseBin = resolve(REPO_ROOT, 'node_modules/firebase-tools/lib/bin/firebase.js');
  const child = spawn(
    process.execPath,
    [firebaseBin, 'emulators:start', '--only', 'auth,firestore,functions,ui', '--project', PROJECT_ID, '--config', OFFICIAL_CONFIG],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  const cleanUp = (): void => rmSync(OFFICIAL_CONFIG, { force: true });
  child.once('exit', (code) => {
    cleanUp();
    process.exit(code ?? 0);
  });
  // firebase-tools receives Ctrl-C from the terminal itself; just don't die first.
  process.on('SIGINT', () => undefined);

  const urls = stackUrls();
  await waitUntil('the api function', () => httpAnswers(`${urls.api}/v1/health`), 180_000);
  const { created } = await seed({ firestoreHost: urls.firestoreHost, authHost: urls.authHost });
  console.log(`\nSeeded ${created} users. Emulator UI: http://127.0.0.1:4000  API: ${urls.api}/v1/health\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
