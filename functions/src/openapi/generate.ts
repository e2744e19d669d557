/**
 * `node functions/lib/openapi/generate.js [--check]`
 * Writes openapi.yaml at the repository root, or with --check exits 1 when the
 * committed file is stale (CI runs the check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiYaml } from './document';

const target = resolve(__dirname, '../../../openapi.yaml');
const generated = openApiYaml();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file is simply stale.
  }
  if (committed !== generated) {
    console.error('openapi.yaml is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.yaml is up to date.');
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}
