/**
 * Notes for the proof reports: what a test tried and what it saw. Each note
 * is printed and appended to the run's JSON-lines file (NFF_PROOF_RECORDS,
 * set by proof/security/global-setup.ts); proof/security/reporter.js attaches the notes to
 * their test in reports/*.md.
 */
import { appendFileSync } from 'node:fs';

/** Record one observation of the running test. */
export function note(text: string): void {
  const test = expect.getState().currentTestName ?? '(outside a test)';
  console.log(`[proof] ${test} :: ${text}`);
  const file = process.env.NFF_PROOF_RECORDS;
  if (file) appendFileSync(file, `${JSON.stringify({ test, text })}\n`);
}
