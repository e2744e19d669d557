/**
 * Global setup of the security proof: the regular test stack
 * (test/global-setup.ts, so the proof runs against exactly what `npm test`
 * and `npm start` run), plus NFF_PROOF_RECORDS: a fresh JSON-lines file where
 * tests note what they tried and saw; proof/security/reporter.js turns it
 * into reports/security-latest.md.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import testGlobalSetup from '../../test/global-setup';

export default async function securityGlobalSetup(): Promise<void> {
  const records = join(mkdtempSync(join(tmpdir(), 'nff-security-')), 'records.jsonl');
  writeFileSync(records, '');
  process.env.NFF_PROOF_RECORDS = records;
  await testGlobalSetup();
}
