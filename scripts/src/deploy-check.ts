/**
 * `npm run deploy:check`: proves offline, with no credentials, that
 * `firebase deploy` would accept this project. Run by .ci/run.
 *
 *   (a) firebase.json's functions runtime is supported by firebase-tools' own
 *       runtime table for at least 90 more days, and functions/package.json's
 *       engines agree with it;
 *   (b) the manifest firebase-functions' discovery produces from functions/lib
 *       lists exactly the functions, triggers, regions, secrets and params the
 *       README documents;
 *   (c) functions/ installs and builds on its own in a scratch copy;
 *   (d) firestore.rules and firestore.indexes.json parse.
 *
 * `--skip-standalone` skips (c) (it installs from the registry, ~1 min).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { firestoreIndexesFile, firestoreRulesFile, PROJECT_ID, REPO_ROOT, readFirebaseJson } from './config';
import { compareWithReadme } from './deploy-check/documented-functions';
import { checkIndexesText, checkRulesFile } from './deploy-check/firestore-files';
import { discoverManifest } from './deploy-check/manifest';
import { checkRuntimeSupport, firebaseToolsRuntimeTable, type CheckResult } from './deploy-check/runtime-support';
import { checkStandalone } from './deploy-check/standalone';
import { assertDeployedNodeMajor, deployedNodeMajor } from './runtime';

function runtimeCheck(): CheckResult {
  const runtime = `nodejs${deployedNodeMajor()}`;
  const result = checkRuntimeSupport(runtime, firebaseToolsRuntimeTable(), new Date());
  const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'functions/package.json'), 'utf8')) as { engines?: { node?: string } };
  const engines = pkg.engines?.node;
  if (engines !== String(deployedNodeMajor())) {
    return { ok: false, lines: [...result.lines, `functions/package.json engines.node is "${engines}", firebase.json runtime is ${runtime}`] };
  }
  return { ok: result.ok, lines: [`firebase.json runtime ${runtime}, functions/package.json engines.node "${engines}"`, ...result.lines] };
}

async function guard(check: () => CheckResult | Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await check();
  } catch (error) {
    return { ok: false, lines: [(error as Error).message] };
  }
}

async function main(): Promise<void> {
  assertDeployedNodeMajor('deploy:check'); // it builds and loads the functions as the runtime would
  const skipStandalone = process.argv.includes('--skip-standalone');
  const functionsDir = resolve(REPO_ROOT, 'functions');
  const checks: [string, () => CheckResult | Promise<CheckResult>][] = [
    ['(a) runtime support', runtimeCheck],
    ['(b) functions manifest vs README', () => compareWithReadme(discoverManifest(functionsDir, PROJECT_ID), readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8'))],
    ['(c) functions/ standalone install + build', () => (skipStandalone ? { ok: true, lines: ['skipped (--skip-standalone)'] } : checkStandalone(functionsDir, PROJECT_ID, readFirebaseJson().functions?.[0]?.ignore ?? []))],
    ['(d) firestore rules', () => checkRulesFile(firestoreRulesFile() ?? resolve(REPO_ROOT, 'firestore.rules'))],
    ['(d) firestore indexes', () => checkIndexesText(readFileSync(firestoreIndexesFile() ?? resolve(REPO_ROOT, 'firestore.indexes.json'), 'utf8'))],
  ];
  let failed = 0;
  for (const [name, check] of checks) {
    const result = await guard(check);
    if (!result.ok) failed++;
    console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${name}`);
    for (const line of result.lines) console.log(`       ${line}`);
  }
  console.log(failed ? `\ndeploy:check: ${failed} check(s) failed` : '\ndeploy:check: firebase deploy would accept this project');
  process.exitCode = failed ? 1 : 0;
}

void main();
