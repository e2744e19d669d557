/**
 * Jest global teardown: writes the firestore.rules coverage report, then
 * stops every server global-setup.ts started.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ID, REPO_ROOT } from '../scripts/src/config';

/**
 * Projects whose rule coverage is reported: the rules suite's own project
 * (functions/test/rules loads firestore.rules into it) and the stack's
 * project (the mobile journey, under the rules the launcher loaded).
 */
const COVERAGE = [
  { project: 'demo-nff-rules', file: 'rules-coverage' },
  { project: PROJECT_ID, file: 'rules-coverage-stack' },
];

async function writeRulesCoverage(firestoreUrl: string): Promise<void> {
  const dir = resolve(REPO_ROOT, 'reports');
  mkdirSync(dir, { recursive: true });
  for (const { project, file } of COVERAGE) {
    const base = `${firestoreUrl}/emulator/v1/projects/${project}:ruleCoverage`;
    const [html, json] = await Promise.all([fetch(`${base}.html`), fetch(base)]);
    if (!html.ok || !json.ok) {
      console.log(`rules coverage for ${project}: not available (HTTP ${html.status})`);
      continue;
    }
    writeFileSync(resolve(dir, `${file}.html`), await html.text());
    writeFileSync(resolve(dir, `${file}.json`), JSON.stringify(await json.json(), null, 2) + '\n');
    console.log(`rules coverage for ${project}: reports/${file}.html`);
  }
}

export default async function globalTeardown(): Promise<void> {
  const firestoreUrl = process.env.NFF_FIRESTORE_URL;
  if (globalThis.__NFF_STACK__ && firestoreUrl) {
    try {
      await writeRulesCoverage(firestoreUrl);
    } catch (e) {
      console.error('rules coverage report failed:', e);
    }
  }
  await globalThis.__NFF_STACK__?.stop();
  globalThis.__NFF_STACK__ = undefined;
}
